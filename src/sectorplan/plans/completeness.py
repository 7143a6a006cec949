"""Rule 4 and the programme office's view of all regions: who takes part, what is asked,
what is co-financed, what is left, and which companies no plan covers yet."""

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import translation

from sectorplan.allocation.selectors import current_run
from sectorplan.registry.models import Region, Scheme, SwCompany

from . import summary_cache
from .models import Commitment, CommitmentStatus, Participant, Plan
from .states import RELEASED_STATES, PlanState


@dataclass
class RegionStatus:
    region: Region
    reserved_cents: int = 0
    requested_cents: int = 0
    committed_cents: int = 0
    plans: int = 0
    states: Counter = field(default_factory=Counter)
    companies: list[SwCompany] = field(default_factory=list)
    uncovered: list[SwCompany] = field(default_factory=list)

    @property
    def remaining_cents(self) -> int:
        return self.reserved_cents - self.requested_cents

    @property
    def complete(self) -> bool:
        return self.plans > 0 and not self.uncovered

    @property
    def state_summary(self) -> str:
        labels = _state_labels(translation.get_language())
        states = sorted(self.states.items())
        return ", ".join(f"{count}× {labels[state]}" for state, count in states)


@functools.cache
def _state_labels(language: str | None) -> dict[str, str]:
    """The states' labels in a language, translated once: 35 regions with up to 17 states each
    made a lazy label per cell on every dashboard and its export (issue 15)."""
    with translation.override(language):
        return {state: str(label) for state, label in PlanState.choices}


def company_regions() -> dict[int, set[int]]:
    regions: dict[int, set[int]] = defaultdict(set)
    through = SwCompany.municipalities.through.objects.values_list(
        "swcompany_id", "municipality__region_id"
    )
    for company_id, region_id in through:
        regions[company_id].add(region_id)
    extra = SwCompany.regions_without_known_municipalities.through.objects.values_list(
        "swcompany_id", "region_id"
    )
    for company_id, region_id in extra:
        regions[company_id].add(region_id)
    return regions


def region_statuses(scheme: Scheme) -> list[RegionStatus]:
    """Cached until a plan, a part it sums or the registry changes (summary_cache.py); an
    allocation run never changes once made, so the current run is part of the key."""
    run = current_run(scheme)
    return summary_cache.cached(
        "regions", lambda: _region_statuses(scheme, run), scheme.pk, run.pk if run else ""
    )


def _region_statuses(scheme: Scheme, run) -> list[RegionStatus]:
    """A fixed number of queries, whatever the number of plans."""
    statuses = {
        r.pk: RegionStatus(region=r)
        for r in Region.objects.filter(region_set=scheme.region_set_id).select_related(
            "central_municipality"
        )
    }
    if run:
        for region_id, amount in run.reservations.values_list("region_id", "amount_cents"):
            statuses[region_id].reserved_cents = amount
    # Counted and summed by the database, grouped per region: the rows that come back do not
    # grow with the plans (order_by() drops the default ordering's join on the region).
    plans = Plan.objects.filter(scheme=scheme).order_by()
    live = plans.exclude(state__in=RELEASED_STATES)
    by_state = plans.values_list("region_id", "state").annotate(n=Count("pk"))
    for region_id, state, n in by_state:
        statuses[region_id].plans += n
        statuses[region_id].states[state] += n
    requested = live.values("region_id").annotate(
        s=Sum("budget_lines__national_contribution_cents")
    )
    for row in requested:
        statuses[row["region_id"]].requested_cents = row["s"] or 0
    committed = (
        Commitment.objects.filter(plan__in=live, status=CommitmentStatus.COMMITTED)
        .values("plan__region_id")
        .annotate(s=Sum("amount_cents"))
        .order_by()
    )
    for row in committed:
        statuses[row["plan__region_id"]].committed_cents = row["s"] or 0
    covered = set(
        Participant.objects.filter(plan__in=live)
        .order_by()
        .values_list("sw_company_id", flat=True)
        .distinct()
    )
    companies = {c.pk: c for c in SwCompany.objects.all()}
    for company_id, region_ids in company_regions().items():
        for region_id in region_ids & statuses.keys():  # this scheme's set only
            statuses[region_id].companies.append(companies[company_id])
            if company_id not in covered:
                statuses[region_id].uncovered.append(companies[company_id])
    result = sorted(statuses.values(), key=lambda s: s.region.code)
    for status in result:
        status.companies.sort(key=lambda c: c.name)
        status.uncovered.sort(key=lambda c: c.name)
    return result


FILTERS = {
    "": lambda s: True,
    "onvolledig": lambda s: not s.complete,
    "volledig": lambda s: s.complete,
    "zonder-plan": lambda s: s.plans == 0,
    "overschreden": lambda s: s.remaining_cents < 0,
}
