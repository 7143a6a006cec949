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


def scheme_choice(request) -> list[dict]:
    """The schemes to switch to on a page that asked scheme_asked(), when there are several."""
    asked = getattr(request, "scheme_asked", None)
    if asked is None:
        return []
    schemes = all_schemes()
    if len(schemes) < 2:
        return []
    return [
        {
            "label": scheme.label,
            "url": f"{request.path}?{urlencode({'regeling': scheme.slug})}",
            "current": scheme.pk == asked.pk,
        }
        for scheme in schemes
    ]
