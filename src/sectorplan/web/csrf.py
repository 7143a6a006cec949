"""The page for a refused form (Django's CSRF check). Django's own failure view renders
403_csrf.html without the request, so it can only say "reload"; this one knows which page the
form was on, so it can send the person back there, and it tells apart the refusals that
reloading does not cure (the browser sent no usable origin) from an expired form."""

from django.middleware.csrf import REASON_BAD_ORIGIN
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# The start of Django's reasons when the origin (or, over HTTPS, the referrer) did not match.
_ORIGIN_REASONS = (REASON_BAD_ORIGIN.split("%s")[0], "Referer checking failed")


def csrf_failure(request, reason=""):
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    response = render(
        request,
        "403_csrf.html",
        {
            # A form posts to its own page: opening that address again gives a fresh form.
            "back_url": request.path if request.method == "POST" else "",
            # The invitee of a meeting has no log-in: the personal link is all they have.
            "invitation": view_name == "meetings:rsvp",
            "origin_refused": reason.startswith(_ORIGIN_REASONS),
        },
        status=403,
    )
    # The address may hold a personal link's token: as private as the page it came from.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
