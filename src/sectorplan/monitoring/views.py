"""The public activity map: counts, summary, chart, matrix and the map of the regions.

Public by default (approved plans only); "?plannen=ingediend" counts every plan submitted to
Cedris and is for whom selectors.may_select allows (anonymous visitors are sent to log in)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sectorplan.exports import csv_response, xlsx_response
from sectorplan.plans import summary_cache
from sectorplan.registry.models import Scheme
from sectorplan.web.scheme_choice import scheme_asked, scheme_in_address

from . import exports, measures
from .charts import activity_chart
from .regionmap import has_boundaries, region_map_svg
from .selectors import APPROVED, PAGE_SELECTIONS, SUBMITTED, activity_overview, may_select
from .summary import introduction, summary

PAGE_CODES = {code: page for page, code in PAGE_SELECTIONS.items()}


class LoginFirst(Exception):
    """An anonymous visitor asked for a selection that needs a log-in: send them there."""


def _overview(request, slug):
    # Its region set names the map's boundaries.
    scheme = get_object_or_404(Scheme.objects.select_related("region_set"), slug=slug)
    here = f"monitoring:{request.resolver_match.url_name}"
    scheme_in_address(request, scheme, lambda other: reverse(here, args=[other.slug]))
    selection = PAGE_SELECTIONS.get(request.GET.get("plannen", ""), APPROVED)
    if not may_select(request.user, selection):
        if not request.user.is_authenticated:
            raise LoginFirst
        raise PermissionDenied(_("Alle ingediende plannen tellen is voor Cedris en SZW/BZK."))
    return activity_overview(scheme, selection)


def _measure(request) -> str:
    measure = request.GET.get("maat", measures.TYPES)
    return measure if measure in measures.MEASURES else measures.TYPES


def _query(overview, measure=None) -> str:
    """The query string that keeps the visitor's choices in links to exports and pages."""
    parts = []
    if overview.selection != APPROVED:
        parts.append(f"plannen={PAGE_CODES[overview.selection]}")
    if measure:
        parts.append(f"maat={measure}")
    return ("?" + "&".join(parts)) if parts else ""


def _context(request, overview, **more) -> dict:
    return {
        "scheme": overview.scheme,
        "overview": overview,
        "counts": overview.counts,
        "may_select_submitted": may_select(request.user, SUBMITTED),
        "selections": [
            (PAGE_CODES[APPROVED], _("Goedgekeurde plannen")),
            (PAGE_CODES[SUBMITTED], _("Alle bij Cedris ingediende plannen")),
        ],
        "selected": PAGE_CODES[overview.selection],
        **more,
    }


def _login_first(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginFirst:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_safe
def chosen_activity_map(request):
    """The menu's "Activiteiten": the activity map of the scheme chosen last (web.scheme_choice),
    or of the first scheme."""
    return redirect("monitoring:activity-map", scheme_asked(request).slug)


@require_safe
@_login_first
def activity_map(request, slug):
    overview = _overview(request, slug)
    return render(
        request,
        "monitoring/activity_map.html",
        _context(request, overview, query=_query(overview), body=_body(overview)),
    )


def _body(overview) -> str:
    """From the summary to the region x type table (some 35 x 20 cells): the same for every
    visitor of a selection, so rendered once per language and kept as the counts are
    (summary_cache). Issue 15: it was most of the page's time."""

    def context() -> dict:
        return {
            "scheme": overview.scheme,
            "overview": overview,
            "counts": overview.counts,
            "introduction": introduction(overview),
            "summary": summary(overview),
            "chart": mark_safe(activity_chart(overview)),  # svg.py escapes every text in it
            "themes": overview.counts.themes,
            "query": _query(overview),
        }

    return summary_cache.rendered(
        "activity-body",
        "monitoring/_activity_body.html",
        context,
        overview.scheme.pk,
        overview.selection,
    )


@require_safe
@_login_first
def region_map(request, slug):
    overview = _overview(request, slug)
    measure = _measure(request)
    data = measures.region_map(overview, measure)
    return render(
        request,
        "monitoring/region_map.html",
        _context(
            request,
            overview,
            region_map=data,
            rows=[
                {
                    "value": value,
                    "map_class": data.class_of(value),
                    "extra": [value.extra.get(key, "") for key, _title in data.extra_columns],
                }
                for value in data.values
            ],
            # escaped in svg.py
            map_svg=mark_safe(region_map_svg(overview.scheme.region_set.slug, data)),
            has_boundaries=has_boundaries(overview.scheme.region_set.slug),
            measures=list(measures.MEASURES.items()),
            measure=measure,
            query=_query(overview, measure),
        ),
    )


@require_safe
@_login_first
def export(request, slug, table, fmt):
    if table not in exports.TABLES or fmt not in ("csv", "xlsx"):
        raise Http404(_("Kies activiteiten, matrix of kaart, als csv of xlsx."))
    overview = _overview(request, slug)
    if table == "activiteiten":
        sheet = exports.types_sheet(overview)
    elif table == "matrix":
        sheet = exports.matrix_sheet(overview)
    else:
        sheet = exports.map_sheet(overview, measures.region_map(overview, _measure(request)))
        table = f"{table}-{_measure(request)}"
    name = f"{table}-{slug}-{PAGE_CODES[overview.selection]}.{fmt}"
    return (csv_response if fmt == "csv" else xlsx_response)(sheet, name)
