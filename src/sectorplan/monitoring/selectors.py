"""Reads for the activity map: which plans count, and the one JSON that page, API and command
share (`overview_json`)."""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sectorplan.accounts import policy
from sectorplan.plans import summary_cache
from sectorplan.plans.models import Activity, Plan
from sectorplan.plans.states import SUBMITTED_STATES, PlanState
from sectorplan.registry.models import ActivityType, Region, Scheme

from .counting import Counts, PlanInfo, RegionInfo, TypeInfo, count

APPROVED, SUBMITTED = "approved", "submitted"
# Approved by SZW and every state after it. A rejected plan never counts.
APPROVED_STATES = frozenset(
    {
        PlanState.APPROVED,
        PlanState.GRANTED,
        PlanState.PAID,
        PlanState.IN_EXECUTION,
        PlanState.EXECUTED,
        PlanState.FINAL_REPORT_RECEIVED,
        PlanState.CLOSED,
    }
)
SELECTIONS = {
    APPROVED: APPROVED_STATES,
    SUBMITTED: SUBMITTED_STATES - {PlanState.REJECTED},
}
SELECTION_LABELS = {
    APPROVED: _("goedgekeurde plannen"),
    SUBMITTED: _("alle bij Cedris ingediende plannen"),
}
# The page speaks Dutch in its query string; the API and the command use the codes.
PAGE_SELECTIONS = {"goedgekeurd": APPROVED, "ingediend": SUBMITTED}
DEMO_PLANS_NOTICE = _("Demoplannen: verzonnen plannen, geen echte")


@dataclass(frozen=True)
class Overview:
    scheme: Scheme
    selection: str
    counts: Counts

    @property
    def states(self) -> list[str]:
        return [state.value for state in PlanState if state in SELECTIONS[self.selection]]

    @property
    def selection_label(self) -> str:
        return str(SELECTION_LABELS[self.selection])

    @property
    def is_demo(self) -> bool:
        return self.counts.demo_plans > 0


def taxonomy(scheme: Scheme) -> list[TypeInfo]:
    types = (
        ActivityType.objects.filter(theme__scheme=scheme)
        .select_related("theme")
        .order_by("theme__number", "order", "code")
    )
    result, place = [], {}
    for item in types:
        place[item.theme_id] = place.get(item.theme_id, 0) + 1
        result.append(
            TypeInfo(
                pk=item.pk,
                code=item.code,
                label=item.label,
                theme_code=item.theme.code,
                theme_number=item.theme.number,
                theme_name=item.theme.label,
                key=f"{item.theme.number}.{place[item.theme_id]}",
            )
        )
    return result


def counted_plans(scheme: Scheme, selection: str):
    return Plan.objects.filter(scheme=scheme, state__in=SELECTIONS[selection])


def activity_overview(scheme: Scheme, selection: str = APPROVED) -> Overview:
    """The counts per selection, cached until a plan, its activities or the taxonomy change
    (plans.summary_cache, issue 15): any transition (page, API, batch) makes a new key in every
    app server; in the shared cache (SECTORPLAN_CACHE_URL) all servers share the answer."""
    if selection not in SELECTIONS:
        raise ValueError(f"unknown selection {selection!r}")
    counts = summary_cache.cached(
        "activity-map",
        lambda: _counts(scheme, selection),
        scheme.pk,
        selection,
        get_language(),
        immutable=True,  # frozen dataclasses all the way down (counting.py)
    )
    return Overview(scheme, selection, counts)


def _counts(scheme: Scheme, selection: str) -> Counts:
    """Three queries however many plans: types, plans, and (plan, type) pairs."""
    plans = list(
        counted_plans(scheme, selection)
        .values_list("pk", "region__code", "state", "is_demo")
        .order_by("pk")
    )
    pairs: dict[int, set[int]] = {}
    for plan_pk, type_pk in (
        Activity.objects.filter(plan__in=counted_plans(scheme, selection))
        .values_list("plan_id", "activity_type_id")
        .distinct()
    ):
        pairs.setdefault(plan_pk, set()).add(type_pk)
    infos = [
        PlanInfo(pk, region, state, is_demo, frozenset(pairs.get(pk, ())))
        for pk, region, state, is_demo in plans
    ]
    regions = [
        RegionInfo(code, name)
        for code, name in Region.objects.filter(region_set=scheme.region_set_id).values_list(
            "code", "name"
        )
    ]
    return count(taxonomy(scheme), infos, regions)


def overview_json(overview: Overview) -> dict:
    """The one JSON of the activity map: the API returns it and `sectorplan overview --format
    json` prints it. Shares are decimal strings (fractions, 4 decimals), never floats."""
    counts = overview.counts
    return {
        "scheme": overview.scheme.slug,
        "selection": overview.selection,
        "states": overview.states,
        "plans_counted": counts.plans_counted,
        "regions_counted": counts.regions_counted,
        "regions_total": len(counts.regions),
        "demo": overview.is_demo,
        "demo_notice": str(DEMO_PLANS_NOTICE) if overview.is_demo else None,
        "demo_plans": counts.demo_plans,
        "activity_types": [
            {
                "code": item.type.code,
                "theme": item.type.theme_code,
                "theme_number": item.type.theme_number,
                "label": item.type.label,
                "regions": item.count,
                "plans": item.plans,
                "share": None if item.share is None else str(item.share),
                "region_codes": list(item.regions),
            }
            for item in counts.types
        ],
    }


def may_select(user, selection: str) -> bool:
    """Aggregates of approved plans are public. The count over every plan submitted to Cedris
    is for those who follow the national overview (Cedris, SZW, BZK): it never includes drafts,
    but it shows plans the public has no business counting before SZW decides."""
    return selection == APPROVED or policy.can_view_overview(user)
