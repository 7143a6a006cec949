"""The list of plans, /plannen/: search, filters and sort in the URL, pages of 50, and the whole
filtered list as CSV/XLSX. The same FilterSet (filters.PlanFilter) serves the API."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.accounts import policy
from sectorplan.assessment import frozen
from sectorplan.assessment.progress import Party
from sectorplan.exports import Column, Sheet, sheet_response
from sectorplan.web.paging import PAGE_PARAM, paginate
from sectorplan.web.rows import DateText, RowUrl

from . import summary_cache
from .filters import PlanFilter, listing

COLUMNS = [
    ("regio", gettext_lazy("Regio")),
    ("titel", gettext_lazy("Titel")),
    ("status", gettext_lazy("Status")),
    (None, gettext_lazy("Wacht op")),
    ("uiterste_datum", gettext_lazy("Uiterste datum")),
]


def filtered_plans(request):
    """The FilterSet over the plans this user may see; `.qs` is the filtered, sorted list."""
    plans = listing(policy.visible_plans(request.user))
    return PlanFilter(request.GET, queryset=plans, request=request)


def _waiting_label(plan) -> str:
    parties = [Party(plan.waits_for).label] if plan.waits_for else []
    if plan.advice_owed:
        parties.append(Party.ASSESSORS.label)
    return ", ".join(str(p) for p in parties)


def _sort_links(request, current: str) -> list[dict]:
    """Column headers: a link sorts on the column, a second click sorts the other way."""
    headers = []
    for key, title in COLUMNS:
        header = {"title": title, "url": None, "sort": None}
        if key:
            params = QueryDict(mutable=True)
            params.update(request.GET)
            params.pop(PAGE_PARAM, None)
            params["sorteer"] = f"-{key}" if current == key else key
            header["url"] = "?" + params.urlencode()
            if current in (key, f"-{key}"):
                header["sort"] = "descending" if current.startswith("-") else "ascending"
        headers.append(header)
    return headers


@login_required
def plan_list(request):
    # Rendered once for everyone who sees the same plans with the same parameters, and kept
    # until a plan changes (summary_cache.rendered_list): 50 rows and the filter's options.
    results = summary_cache.rendered_list(
        request, "plan-list", "plans/_plan_list_results.html", partial(_results, request)
    )
    return render(
        request,
        "plans/plan_list.html",
        {"results": results, "can_create": policy.can_create_plan(request.user)},
    )


def _results(request) -> dict:
    found = filtered_plans(request)
    context = paginate(request, found.qs)
    page = context["page"]
    page.object_list = frozen.with_submitted_titles(request.user, page.object_list)
    detail_url, deadline_text = RowUrl("plans:detail"), DateText("j F Y")
    for plan in page.object_list:
        plan.waiting_label = _waiting_label(plan)
        plan.url = detail_url(plan.pk)
        plan.deadline_text = deadline_text(plan.deadline)
    sort = request.GET.get("sorteer", "")
    context.update(
        {
            "filter": found,
            "sort": sort,
            "headers": _sort_links(request, sort),
            "filtered": any(
                request.GET.get(name) for name in found.filters if name != "sorteer"
            ),
        }
    )
    return context


@login_required
def plan_list_export(request, fmt):
    """The whole filtered list (every page), in the list's order."""
    columns = [
        Column("id", _("Nummer")),
        Column("region", _("Regio")),
        Column("region_name", _("Regionaam")),
        Column("title", _("Titel")),
        Column("state", _("Status")),
        Column("waiting_for", _("Wacht op")),
        Column("deadline", _("Uiterste datum")),
        Column("late", _("Te laat")),
        Column("demo", _("Demoplan")),
    ]
    rows = [
        {
            "id": plan.pk,
            "region": plan.region.code,
            "region_name": plan.region.name,
            "title": plan.title,
            "state": plan.get_state_display(),
            "waiting_for": _waiting_label(plan),
            "deadline": plan.deadline.isoformat() if plan.deadline else "",
            "late": _("ja") if plan.is_late else _("nee"),
            "demo": _("ja") if plan.is_demo else _("nee"),
        }
        for plan in frozen.with_submitted_titles(request.user, filtered_plans(request).qs)
    ]
    return sheet_response(Sheet(_("Plannen"), columns, rows), "plannen", fmt)
