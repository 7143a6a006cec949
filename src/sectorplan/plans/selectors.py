"""Reads of plans for pages and the API."""

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from sectorplan.accounts import policy
from sectorplan.accounts.models import OrganisationKind
from sectorplan.allocation.selectors import required_cofinancing_cents
from sectorplan.audit.models import AuditEvent
from sectorplan.registry import clock
from sectorplan.registry.models import Milestone, MilestoneKind, RegionSet, Scheme

from . import rules, summary_cache
from .models import Activity, BudgetLine, Commitment, CommitmentStatus, Plan
from .states import PlanState


@dataclass(frozen=True)
class Money:
    national_cents: int
    cofinancing_lines_cents: int
    committed_cents: int
    pending_cents: int
    required_cofinancing_cents: int

    @property
    def total_cents(self) -> int:
        return self.national_cents + self.cofinancing_lines_cents

    @property
    def cofinancing_short_cents(self) -> int:
        return max(0, self.required_cofinancing_cents - self.committed_cents)


def plan_money(plan: Plan) -> Money:
    lines = plan.budget_lines.aggregate(
        n=Sum("national_contribution_cents"), c=Sum("cofinancing_cents")
    )
    commitments = plan.commitments.aggregate(
        committed=Sum("amount_cents", filter=Q(status=CommitmentStatus.COMMITTED)),
        pending=Sum("amount_cents", filter=Q(status=CommitmentStatus.PENDING)),
    )
    national = lines["n"] or 0
    return Money(
        national_cents=national,
        cofinancing_lines_cents=lines["c"] or 0,
        committed_cents=commitments["committed"] or 0,
        pending_cents=commitments["pending"] or 0,
        required_cofinancing_cents=required_cofinancing_cents(
            national, plan.scheme.cofinancing_ratio
        ),
    )


@dataclass(frozen=True)
class RegionRoom:
    """The region's reservation (rule 2), what all its plans ask (rejected ones excepted) and
    what is left, as the plan page shows it beside the budget."""

    reservation_cents: int
    requested_cents: int

    @property
    def free_cents(self) -> int:
        return max(0, self.reservation_cents - self.requested_cents)

    @property
    def over_cents(self) -> int:
        return max(0, self.requested_cents - self.reservation_cents)


def region_room(plan: Plan) -> RegionRoom | None:
    """None while the scheme has no allocation yet. Kept under the summaries' token, which the
    region's plans, their budget lines and a new allocation run replace (issue 15)."""

    def compute() -> RegionRoom | None:
        reservation = rules.region_reservation_cents(plan.region, plan.scheme)
        if reservation is None:
            return None
        return RegionRoom(reservation, rules.region_requested_cents(plan.region, plan.scheme))

    return summary_cache.cached("region-room", compute, plan.region_id, plan.scheme_id)


def _plan_sum(model, field: str, **filters):
    rows = model.objects.filter(plan=OuterRef("pk"), **filters).order_by()
    total = rows.values("plan").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total), Value(0))


def with_money_totals(queryset):
    """Plans with national_cents_total and committed_cents_total (plan_money's national_cents
    and committed_cents) computed in the one query: lists read these instead of two aggregate
    queries per plan. Subqueries, not joins, so lines and commitments do not multiply."""
    return queryset.annotate(
        national_cents_total=_plan_sum(BudgetLine, "national_contribution_cents"),
        committed_cents_total=_plan_sum(
            Commitment, "amount_cents", status=CommitmentStatus.COMMITTED
        ),
    )


def plan_for_detail(queryset, pk: int) -> Plan:
    """The plan with what the page's header shows; its parts are read by with_parts, only when
    the page's body is rendered (plans.detail_body)."""
    return queryset.select_related("scheme", "region__central_municipality").get(pk=pk)


PARTS = (
    "participants__sw_company",
    "goals",
    Prefetch("activities", Activity.objects.select_related("activity_type__theme")),
    "budget_lines",
    "commitments__committed_by",
    "attachments",
    "state_changes__actor",
)


def with_parts(plan: Plan) -> Plan:
    prefetch_related_objects([plan], *PARTS)
    return plan


def with_state_changes(plan: Plan) -> Plan:
    """A frozen copy (assessment.frozen) has its parts from the version; its state changes are
    the live plan's."""
    prefetch_related_objects([plan], "state_changes__actor")
    return plan


def activities_by_theme(plan: Plan) -> "OrderedDict[object, list[Activity]]":
    groups: OrderedDict = OrderedDict()
    for activity in plan.activities.all():
        groups.setdefault(activity.activity_type.theme, []).append(activity)
    return groups


def plan_history(plan: Plan, limit: int = 100):
    return AuditEvent.objects.filter(scope=f"plan:{plan.pk}").order_by("-occurred_at", "-id")[
        :limit
    ]


def all_schemes() -> list[Scheme]:
    """Every scheme, oldest first; read on many pages, so kept until a scheme changes (its
    saves replace the summaries' token)."""
    return summary_cache.cached("scheme-list", lambda: list(Scheme.objects.order_by("pk")))


@dataclass(frozen=True)
class SchemeCard:
    """A scheme on the start page, with its application period and whether the user may
    still start a plan for it."""

    scheme: Scheme
    application_period: object  # the Milestone, or None
    open_for_plans: bool
    opens_later: bool = False


def schemes_for(user) -> list[SchemeCard]:
    """The schemes a user takes part in, oldest first (issue 18): for a company or municipality
    those with a plan of its regions and those still open for plans; for everyone else (the
    office, ministries, assessors, visitors) all of them."""
    today = clock.today()
    periods = summary_cache.cached("application-periods", _application_periods)
    cards = []
    for scheme in all_schemes():
        period = periods.get(scheme.pk)
        open_for_plans = period is not None and today <= period.last_day
        later = period is not None and today < period.starts_on
        cards.append(SchemeCard(scheme, period, open_for_plans, later))
    actor = policy.actor_for(user) if user.is_authenticated else None
    if actor is None or actor.kind not in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY):
        return cards
    with_plans = set(
        Plan.objects.filter(region_id__in=actor.region_ids).values_list("scheme_id", flat=True)
    )
    return [card for card in cards if card.open_for_plans or card.scheme.pk in with_plans]


def _application_periods() -> dict[int, Milestone]:
    milestones = Milestone.objects.filter(kind=MilestoneKind.APPLICATION_PERIOD)
    return {m.scheme_id: m for m in milestones}


def schemes_with_state():
    """Every scheme with its plans and how many left the drafts (`submitted`): the schemes page
    and /api/v1/schemes/. A scheme's definition may change while none has."""
    return (
        Scheme.objects.select_related("region_set")
        .annotate(
            plan_count=Count("plans"),
            submitted=Count("plans", filter=~Q(plans__state=PlanState.CONCEPT)),
        )
        .order_by("slug")
    )


def region_sets_with_counts():
    """The loaded sets of regions, for the office to name one in a definition."""
    return RegionSet.objects.annotate(
        region_count=Count("regions", distinct=True),
        scheme_count=Count("schemes", distinct=True),
    ).order_by("slug")
