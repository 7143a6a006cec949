"""Who a plan waits for, its deadline and whether it is late, asked of the database: the same
answer as progress.awaiting() (built from the same table, progress._NEXT), kept in the plan's
stored columns waits_for, deadline and advice_owed (refresh(), called by assessment.signals on
every change they depend on) with is_late as an annotation, so lists filter, sort, count and
page on indexed columns without building every plan in Python (issue 15).
progress.awaiting() stays the answer for one plan and for the few rows a page shows;
tests/test_queues.py proves the two agree, after every kind of change."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import get_language

from sectorplan.accounts.models import Ministry, Organisation, OrganisationKind
from sectorplan.accounts.policy import actor_for
from sectorplan.plans import summary_cache
from sectorplan.plans.models import Plan
from sectorplan.plans.states import ADVICE_STATES, PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import DeadlineExtension, Milestone, MilestoneKind, Region

from .models import Advice, NationalPlan, PlanVersion
from .progress import _NEXT, Lookups, Party

# The filter value that means "what waits for me" (the start page's task list, in full).
MINE = "mij"


def _sent_to_szw() -> Q:
    # IN over the (few) plans with SZW, hashed once by PostgreSQL; a correlated EXISTS was
    # evaluated for every plan (0.9 s at 3,500 plans: the through table has no plan_id index).
    with_szw = NationalPlan.plans.through.objects.filter(
        nationalplan__submitted_at__isnull=False
    ).values("plan_id")
    return Q(pk__in=with_szw)


def _by_state(sent: Q, advised_szw, advised_office, pick, output_field):
    """A CASE over the plan's state from progress._NEXT; advised plans wait for SZW once their
    national plan was submitted, for Cedris before."""
    return Case(
        When(Q(state=PlanState.ADVISED) & sent, then=advised_szw),
        When(state=PlanState.ADVISED, then=advised_office),
        *[When(state=state, then=pick(entry)) for state, entry in _NEXT.items()],
        default=Value(None),
        output_field=output_field,
    )


def _deadline_of_kind():
    """kind -> a CASE over scheme and region giving that milestone's last day: the region's
    latest extension, else the scheme's milestone (as Lookups.region_deadline), built from the
    few milestones and extensions there are (two small queries)."""
    extended = {}
    for extension in DeadlineExtension.objects.order_by("granted_at", "pk"):
        key = (extension.scheme_id, extension.region_id, extension.kind)
        extended[key] = extension.last_day  # the latest granted extension is left
    milestones = {(m.scheme_id, m.kind): m.last_day for m in Milestone.objects.all()}

    def of_kind(kind):
        whens = [
            When(scheme_id=scheme_id, region_id=region_id, then=Value(day))
            for (scheme_id, region_id, of), day in extended.items()
            if of == kind
        ] + [
            When(scheme_id=scheme_id, then=Value(day))
            for (scheme_id, of), day in milestones.items()
            if of == kind
        ]
        if not whens:
            return Value(None, output_field=DateField())
        return Case(*whens, default=Value(None), output_field=DateField())

    return of_kind


def _latest_version():
    return Subquery(
        PlanVersion.objects.filter(plan_id=OuterRef("pk")).order_by("-number").values("pk")[:1]
    )


def _owing_advice() -> QuerySet:
    """The plans in an advice state whose latest version an assessor organisation has not
    advised yet."""
    return (
        Plan.objects.filter(state__in=ADVICE_STATES)
        .annotate(latest_version_id=_latest_version())
        .filter(latest_version_id__isnull=False)
        .filter(
            Exists(
                Organisation.objects.filter(kind=OrganisationKind.ASSESSOR).exclude(
                    Exists(
                        Advice.objects.filter(
                            organisation_id=OuterRef("pk"),
                            version_id=OuterRef(OuterRef("latest_version_id")),
                        )
                    )
                )
            )
        )
        .order_by()
        .values("pk")
    )


def refresh(plans: QuerySet) -> int:
    """Writes the stored Plan.waits_for, Plan.deadline and Plan.advice_owed of these plans in
    one UPDATE, from their state, the national plan, the timeline, the extensions and the
    advice given: the answer of progress.awaiting (tests/test_queues.py proves they agree).
    Called by assessment.signals whenever one of those changes, and after bulk writes. The
    summaries counted from these columns are then counted again (plans.summary_cache)."""
    sent, of_kind = _sent_to_szw(), _deadline_of_kind()
    updated = plans.order_by().update(
        waits_for=_by_state(
            sent,
            Value(str(Party.SZW)),
            Value(str(Party.OFFICE)),
            lambda entry: Value(str(entry[0])),
            CharField(max_length=20),
        ),
        # Cast: with no milestones every branch is NULL, which PostgreSQL would take as text.
        deadline=Cast(
            _by_state(
                sent,
                of_kind(MilestoneKind.SZW_DECISION),
                of_kind(MilestoneKind.PLANS_COMPLETE),
                lambda entry: of_kind(entry[2]),
                DateField(),
            ),
            DateField(),
        ),
        advice_owed=Case(
            When(pk__in=_owing_advice(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )
    # After the write: outside a transaction the token is replaced at once, and a reader that
    # took it before the UPDATE would store the old counts under it.
    summary_cache.data_changed(plans.db)
    return updated


def late(today: datetime.date) -> Q:
    """Plans past their deadline with a step still open (on the stored columns, so indexed)."""
    return Q(waits_for__isnull=False, deadline__lt=today)


def with_waiting(plans: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Annotates is_late: the stored deadline passed while the plan waits for someone.
    waits_for, deadline and advice_owed are the plan's stored columns."""
    today = today or clock.today()
    return plans.annotate(
        is_late=Case(
            When(late(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def waiting_for(plans: QuerySet, party: str) -> QuerySet:
    """Plans (annotated by with_waiting) that wait for this party: assessors while any of them
    still owes advice, the others by the plan's next step."""
    if party == Party.ASSESSORS:
        return plans.filter(advice_owed=True)
    return plans.filter(waits_for=party)


def waiting_for_user(plans: QuerySet, user) -> QuerySet:
    """Plans (annotated by with_waiting) with a step this user acts on: the rule of
    progress.party_of and tasks_for, as a filter. Only people who may write act."""
    actor = actor_for(user)
    if not actor.writes:
        return plans.none()
    if actor.kind == OrganisationKind.COMPANY:
        return plans.filter(waits_for=Party.COMPANIES, region_id__in=actor.region_ids)
    if actor.kind == OrganisationKind.MUNICIPALITY:
        return plans.filter(waits_for=Party.MUNICIPALITY, region_id__in=actor.region_ids)
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        return plans.filter(waits_for=Party.OFFICE)
    if actor.kind == OrganisationKind.MINISTRY:
        return plans.filter(waits_for=Party.SZW if actor.ministry == Ministry.SZW else Party.BZK)
    if actor.kind == OrganisationKind.ASSESSOR:
        organisation_id = user.membership.organisation_id
        plans = plans.annotate(latest_version_id=_latest_version())
        return plans.filter(state__in=ADVICE_STATES, latest_version_id__isnull=False).exclude(
            Exists(
                Advice.objects.filter(
                    organisation_id=organisation_id, version_id=OuterRef("latest_version_id")
                )
            )
        )
    return plans.none()


def by_deadline(plans: QuerySet) -> QuerySet:
    """Soonest deadline first, plans without one last, then by region and title (as tasks_for
    sorts)."""
    return plans.order_by(F("deadline").asc(nulls_last=True), "region__code", "title", "pk")


@dataclass
class RegionSummary:
    """One row of the progress overview: a region's plans counted by state, by whom they wait
    for and how many are late; a region without a plan is late once the companies' deadline
    passed."""

    region: Region
    total: int = 0
    states: list[tuple[str, str, int]] = field(default_factory=list)  # (state, label, n)
    waiting: list[tuple[str, str, int]] = field(default_factory=list)  # (party, label, n)
    late: int = 0
    no_plan_deadline: datetime.date | None = None
    without_plan_late: bool = False

    @property
    def any_late(self) -> bool:
        return bool(self.late) or self.without_plan_late


def region_summary(scheme, today: datetime.date | None = None) -> list[RegionSummary]:
    """Every region with its counts, cached until the plans, the columns refresh writes or the
    registry change (plans.summary_cache); per day, as lateness moves with the date."""
    today = today or clock.today()
    return summary_cache.cached(
        "progress",
        lambda: _region_summary(scheme, today),
        scheme.pk,
        today.isoformat(),
        get_language(),
    )


def _region_summary(scheme, today: datetime.date) -> list[RegionSummary]:
    """Counted by the database: a fixed number of queries however many plans there are (one
    GROUP BY region, state, waits for, advice owed, late)."""
    rows = {
        region.pk: RegionSummary(region)
        for region in Region.objects.filter(region_set=scheme.region_set_id)
        .select_related("central_municipality")
        .order_by("code")
    }
    # One pass over the plans, grouped by everything the row counts: the waiting expressions
    # are evaluated once per plan, not once per count (it was four queries over every plan).
    groups = (
        with_waiting(Plan.objects.filter(scheme=scheme).order_by(), today)
        .values_list("region_id", "state", "waits_for", "advice_owed", "is_late")
        .annotate(n=Count("pk"))
        .order_by()
    )
    states, parties, late = Counter(), Counter(), Counter()
    for region_id, state, waits_for, advice_owed, is_late, n in groups:
        states[region_id, state] += n
        if waits_for:
            parties[region_id, waits_for] += n
        if advice_owed:  # assessors are waited for beside the office, not instead of it
            parties[region_id, Party.ASSESSORS] += n
        if is_late:
            late[region_id] += n
    # Labels translated once, not once per cell (hundreds of cells at thousands of plans).
    state_order = {state: n for n, state in enumerate(PlanState)}
    state_labels = {state.value: str(state.label) for state in PlanState}
    for (region_id, state), n in sorted(states.items(), key=lambda i: state_order[i[0][1]]):
        rows[region_id].total += n
        rows[region_id].states.append((state, state_labels[state], n))
    party_order = {party: n for n, party in enumerate(Party)}
    party_labels = {party.value: str(party.label) for party in Party}
    for (region_id, party), n in sorted(parties.items(), key=lambda i: party_order[i[0][1]]):
        rows[region_id].waiting.append((party, party_labels[party], n))
    for region_id, n in late.items():
        rows[region_id].late = n
    lookups = Lookups([], schemes=[scheme.pk])
    for row in rows.values():
        if not row.total:
            row.no_plan_deadline = lookups.region_deadline(
                scheme.pk, row.region.pk, MilestoneKind.MUNICIPALITY_DEADLINE
            )
            row.without_plan_late = bool(row.no_plan_deadline and today > row.no_plan_deadline)
    return list(rows.values())
