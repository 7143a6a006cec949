"""Generated plans for scale tests (issue 9): `times` plans per region (35 regions x 100 gives
3,500), with participants, goals, activities typed from the taxonomy, budget lines and
commitments written like the demo plans, spread over every state of the workflow; plans that
reached Cedris get their frozen version and the assessors' advice, approved ones a grant
decision in one generated national plan, paid ones a payment batch and progress reports.

Made-up data, never presented as fact: every plan is a demo plan (is_demo, so every page
shows the demo notice), its title ends in "(gegenereerd n)" and its summary starts with the
demo prefix. Rows are written with bulk_create (a few thousand rows per query) and not through
the workflow, whose date windows would refuse steps that lie in the past. Deterministic: the
content comes from random.Random seeded with the region code and the plan's number.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sectorplan.accounts.models import Organisation, OrganisationKind
from sectorplan.allocation.selectors import current_run
from sectorplan.assessment import queues
from sectorplan.assessment.models import Advice, GrantDecision, NationalPlan, PlanVersion
from sectorplan.assessment.snapshot import build_snapshot
from sectorplan.monitoring.models import ActivityProgress, GoalProgress, ProgressReport
from sectorplan.payments.models import PaymentBatch, PaymentItem
from sectorplan.plans.models import Activity, BudgetLine, Goal, Plan, StateChange
from sectorplan.plans.states import SUBMITTED_STATES, PlanState
from sectorplan.registry.models import ActivityType, MilestoneKind, Region, Scheme
from sectorplan.registry.selectors import companies_working_in

from . import plans as demo

# The share of generated plans in each state (per 40): most have been paid and report.
STATE_MIX = [
    (PlanState.CONCEPT, 2),
    (PlanState.SUBMITTED_TO_MUNICIPALITY, 2),
    (PlanState.COFINANCING_COMMITTED, 2),
    (PlanState.SUBMITTED_TO_CEDRIS, 3),
    (PlanState.IN_REVIEW, 2),
    (PlanState.CHANGES_REQUESTED, 1),
    (PlanState.ADVISED, 3),
    (PlanState.APPROVED, 2),
    (PlanState.REJECTED, 1),
    (PlanState.GRANTED, 3),
    (PlanState.PAID, 5),
    (PlanState.IN_EXECUTION, 10),
    (PlanState.EXECUTED, 2),
    (PlanState.CLOSED, 2),
]
CYCLE = [state for state, n in STATE_MIX for _ in range(n)]
# After the demo's steps (up to the review): (transition, to, who), in the order of the workflow.
LATER = [
    ("mark_advised", PlanState.ADVISED, "cedris"),
    ("approve", PlanState.APPROVED, "szw"),
    ("send_decision", PlanState.GRANTED, "szw"),
    ("pay", PlanState.PAID, "bzk"),
    ("start_execution", PlanState.IN_EXECUTION, "company"),
    ("finish_execution", PlanState.EXECUTED, "company"),
    ("receive_final_report", PlanState.FINAL_REPORT_RECEIVED, "cedris"),
    ("close", PlanState.CLOSED, "cedris"),
]
LATER_ORDER = [PlanState.IN_REVIEW] + [to for _, to, _ in LATER]
APPROVED_ON = datetime.date(2015, 11, 16)
REPORTING = {PlanState.PAID, PlanState.IN_EXECUTION, PlanState.EXECUTED, PlanState.CLOSED}


@dataclass
class _GeneratedSpec(demo._Spec):
    number: int = 0

    @property
    def key(self) -> str:
        return f"generated:{self.region.code}:{self.number}"


def _later_steps(target: str) -> list[tuple[str, str, str]]:
    if target == PlanState.REJECTED:
        return [("mark_advised", PlanState.ADVISED, "cedris"), ("reject", target, "szw")]
    if target not in LATER_ORDER[1:]:
        return []
    return LATER[: LATER_ORDER.index(target)]


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone()
    )


@transaction.atomic
def generate_plans(scheme: Scheme, times: int) -> int:
    """Adds `times` generated plans to every region with SW companies; returns how many."""
    run = current_run(scheme)
    if run is None:
        return 0
    reservations = dict(run.reservations.values_list("region_id", "amount_cents"))
    regions = [
        r
        for r in Region.objects.select_related("central_municipality").order_by("code")
        if r.central_municipality_id and r.pk in reservations
    ]
    companies = {r.code: list(companies_working_in(r)) for r in regions}
    taxonomy = ActivityType.objects.filter(theme__scheme=scheme).select_related("theme")
    types = {t.code: t for t in taxonomy.order_by("theme__number", "order", "code")}
    users = {u.username: u for u in get_user_model().objects.all()}
    missing = {"cedris", "szw", "bzk"} - users.keys()
    if missing:  # they take the steps of the workflow in the generated history
        raise ValueError(f"demo accounts missing: {', '.join(sorted(missing))}")
    start = Plan.objects.filter(scheme=scheme, title__contains="(gegenereerd").count()

    built, targets = [], []
    for region in regions:
        if not companies[region.code]:
            continue
        # The region's reservation shared over its generated plans, as if each asked its part.
        cents = reservations[region.pk] // times // 100 * 100
        for n in range(start, start + times):
            rng = random.Random(f"generated:{region.code}:{n}")
            own = rng.sample(companies[region.code], rng.randint(1, len(companies[region.code])))
            codes = rng.sample(list(types), rng.randint(3, min(8, len(types))))
            target = CYCLE[(n + len(built)) % len(CYCLE)]
            early = PlanState.IN_REVIEW if _later_steps(target) else target
            spec = _GeneratedSpec(region, 0, sorted(own, key=lambda c: c.name), codes, early, n)
            item = demo._build(spec, cents, scheme, types, users)
            item.plan.title = f"{item.plan.title} (gegenereerd {n + 1})"
            built.append(item)
            targets.append(target)
    _write(scheme, built, targets, users)
    return len(built)


def _write(scheme, built, targets, users) -> None:
    company_of = {}
    for item, target in zip(built, targets, strict=True):
        company = item.steps[0].actor if item.steps else users.get("cedris")
        company_of[id(item.plan)] = company
        item.plan.generated_national_cents = sum(
            c.national_contribution_cents for c in item.children if isinstance(c, BudgetLine)
        )
        last = item.plan.state
        for n, (code, to, who) in enumerate(_later_steps(target)):
            actor = company if who == "company" else users[who]
            item.steps.append(
                StateChange(
                    plan=item.plan, transition=code, from_state=last, to_state=to, actor=actor
                )
            )
            item.moments.append(_moment(APPROVED_ON + datetime.timedelta(days=30 * n)))
            last = to
        item.plan.state = last
        item.plan.version = 1 + len(item.steps)
    Plan.objects.bulk_create([b.plan for b in built], batch_size=1000)
    rows: dict[type, list] = {}
    for b in built:
        for child in b.children:
            rows.setdefault(type(child), []).append(child)
    for model, objects in rows.items():
        model.objects.bulk_create(objects, batch_size=2000)
    changes = [c for b in built for c in b.steps]
    StateChange.objects.bulk_create(changes, batch_size=2000)
    for b in built:
        b.plan.created_at, b.plan.updated_at = b.moments[0], b.moments[-1]
        for change, moment in zip(b.steps, b.moments[1:], strict=True):
            change.occurred_at = moment
    Plan.objects.bulk_update([b.plan for b in built], ["created_at", "updated_at"], 1000)
    StateChange.objects.bulk_update(changes, ["occurred_at"], batch_size=2000)
    _assessment(scheme, [b.plan for b in built], users, company_of)
    # bulk_create sends no save signals: derive the waiting columns, which also makes the
    # cached summaries count again (plans.summary_cache).
    queues.refresh(Plan.objects.filter(scheme=scheme))


def _assessment(scheme, plans, users, company_of) -> None:
    submitted = [p for p in plans if p.state in SUBMITTED_STATES]
    originals = {p.pk: p for p in submitted}
    versions = []
    # The snapshot as the submission would have frozen it: a handful of queries per plan, the
    # slowest part of generating (about 2,500 of 3,500 plans reached Cedris).
    for plan in Plan.objects.filter(pk__in=list(originals)).select_related("scheme", "region"):
        versions.append(
            PlanVersion(
                plan=plan,
                number=1,
                snapshot=build_snapshot(plan),
                submitted_by=company_of[id(originals[plan.pk])],
            )
        )
    PlanVersion.objects.bulk_create(versions, batch_size=500)
    version_of = {v.plan_id: v for v in versions}
    assessors = list(
        Organisation.objects.filter(kind=OrganisationKind.ASSESSOR, memberships__isnull=False)
        .distinct()
        .prefetch_related("memberships__user")
    )
    decided = [p for p in submitted if p.state not in _BEFORE_ADVICE]
    Advice.objects.bulk_create(
        [
            Advice(
                version=version_of[p.pk],
                organisation=org,
                author=org.memberships.all()[0].user,
                recommendation="positive",
                comments="Gegenereerd advies: positief.",
            )
            for p in decided
            for org in assessors
        ],
        batch_size=2000,
    )
    if not decided:
        return
    national = NationalPlan.objects.create(
        scheme=scheme,
        title="Landelijk sectorplan (gegenereerde testgegevens)",
        cover_text="Gegenereerd voor de schaaltest; geen echt plan.",
        created_by=users["cedris"],
        submitted_at=_moment(datetime.date(2015, 10, 1)),
        submitted_by=users["cedris"],
    )
    national.plans.add(*decided)
    decisions = [
        GrantDecision(
            plan=p,
            national_plan=national,
            version=version_of[p.pk],
            approved=p.state != PlanState.REJECTED,
            reason="Gegenereerd besluit.",
            granted_cents=0 if p.state == PlanState.REJECTED else p.generated_national_cents,
            reference=f"GEN-{p.pk}",
            decided_by=users["szw"],
            dated=APPROVED_ON,
        )
        for p in decided
        if p.state != PlanState.ADVISED
    ]
    GrantDecision.objects.bulk_create(decisions, batch_size=1000)
    _payments_and_reports(scheme, [d for d in decisions if d.approved], users)


_BEFORE_ADVICE = {
    PlanState.SUBMITTED_TO_CEDRIS,
    PlanState.IN_REVIEW,
    PlanState.CHANGES_REQUESTED,
    PlanState.RESUBMITTED,
}


def _payments_and_reports(scheme, decisions, users) -> None:
    paid = [d for d in decisions if d.plan.state in REPORTING]
    if not paid:
        return
    number = PaymentBatch.objects.filter(scheme=scheme).order_by("-number").first()
    batch = PaymentBatch.objects.create(
        scheme=scheme,
        number=(number.number + 1) if number else 1,
        state="paid",
        created_by=users["cedris"],
        paid_by=users["bzk"],
        paid_at=_moment(datetime.date(2015, 12, 15)),
        paid_on=datetime.date(2015, 12, 15),
    )
    PaymentItem.objects.bulk_create(
        [
            PaymentItem(
                batch=batch,
                plan=d.plan,
                decision=d,
                region=d.plan.region,
                municipality_id=d.plan.region.central_municipality_id,
                amount_cents=d.granted_cents,
            )
            for d in paid
            if d.granted_cents > 0
        ],
        batch_size=1000,
    )
    plans = [d.plan for d in paid]
    activities, goals = {}, {}
    for activity in Activity.objects.filter(plan__in=plans).only(
        "pk", "plan_id", "planned_quantity"
    ):
        activities.setdefault(activity.plan_id, []).append(activity)
    for goal in Goal.objects.filter(plan__in=plans).only("pk", "plan_id", "planned_quantity"):
        goals.setdefault(goal.plan_id, []).append(goal)
    reports, activity_rows, goal_rows = [], [], []
    statuses = ["running", "running", "done", "not_started", "dropped"]
    for plan in plans:
        rng = random.Random(f"generated-report:{plan.pk}")
        report = ProgressReport(
            plan=plan,
            kind=MilestoneKind.INTERIM_REPORT_1,
            state="submitted",
            went_well="Gegenereerd: de samenwerking tussen de bedrijven loopt goed.",
            went_badly="Gegenereerd: werving van kandidaten kost meer tijd dan gepland.",
            submitted_by=users["cedris"],
            submitted_at=_moment(datetime.date(2016, 7, 1)),
        )
        reports.append(report)
        for activity in activities.get(plan.pk, []):
            status = rng.choice(statuses)
            activity_rows.append(
                ActivityProgress(
                    report=report,
                    activity=activity,
                    status=status,
                    explanation="Gegenereerd: gestopt." if status == "dropped" else "",
                    achieved_quantity=(activity.planned_quantity or 0) * rng.randint(0, 80) // 100,
                )
            )
        for goal in goals.get(plan.pk, []):
            goal_rows.append(
                GoalProgress(
                    report=report,
                    goal=goal,
                    achieved_quantity=goal.planned_quantity * rng.randint(10, 90) // 100,
                )
            )
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    ActivityProgress.objects.bulk_create(activity_rows, batch_size=2000)
    GoalProgress.objects.bulk_create(goal_rows, batch_size=2000)
