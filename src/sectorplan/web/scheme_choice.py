"""Which scheme a page is about when its address does not name one (issue 18: schemes side by
side). `?regeling=<slug>` chooses, and the choice is kept in the session: the page's filters,
downloads and forms then stay with that scheme without each carrying the parameter. Without
either, the first scheme loaded (the 2015 round). The page offers the other schemes above its
content (base.html), so no page is silently about one scheme while several run."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sectorplan.plans.selectors import all_schemes
from sectorplan.registry.models import Scheme

SESSION_KEY = "regeling"


def scheme_asked(request) -> Scheme:
    slug = request.GET.get("regeling")
    if slug:
        scheme = get_object_or_404(Scheme, slug=slug)
        if request.session.get(SESSION_KEY) != slug:
            request.session[SESSION_KEY] = slug
    else:
        schemes = all_schemes()
        if not schemes:
            raise Http404(_("Er is nog geen regeling geladen."))
        kept = request.session.get(SESSION_KEY)
        scheme = next((s for s in schemes if s.slug == kept), schemes[0])
    request.scheme_asked = scheme
    return scheme


def scheme_in_address(request, scheme: Scheme, url_of) -> None:
    """A page with the scheme in its address (the budget, the activity map): the others are
    offered at their own address, url_of(scheme), and a logged-in visitor's choice is kept as
    on the pages above, so the menu's "Activiteiten" returns to it."""
    request.scheme_asked = scheme
    request.scheme_url = url_of
    if request.user.is_authenticated and request.session.get(SESSION_KEY) != scheme.slug:
        request.session[SESSION_KEY] = scheme.slug


def scheme_choice(request) -> list[dict]:
    """The schemes to switch to on a page that asked scheme_asked(), when there are several."""
    asked = getattr(request, "scheme_asked", None)
    if asked is None:
        return []
    schemes = all_schemes()
    if len(schemes) < 2:
        return []
    url_of = getattr(request, "scheme_url", None) or (
        lambda scheme: f"{request.path}?{urlencode({'regeling': scheme.slug})}"
    )
    return [
        {
            "label": scheme.label,
            "url": url_of(scheme),
            "current": scheme.pk == asked.pk,
        }
        for scheme in schemes
    ]
