"""Walks a plan along the real path, each step taken by the party that takes it in practice,
so tests start from a plan in any state without writing states directly."""

import datetime

from django.utils.text import slugify

from sectorplan.assessment import services
from sectorplan.assessment.models import ReviewQuestion
from sectorplan.payments import services as payments
from sectorplan.plans import services as plan_services
from sectorplan.plans import workflow
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import CommitmentFactory, complete_plan
from sectorplan.registry.models import MilestoneKind

COMPANY, MUNICIPALITY, OFFICE = "bedrijf-dzb-leiden", "gemeente-leiden", "cedris"
SZW, BZK, ASSESSOR = "szw", "bzk", "vng"

PATH = [
    PlanState.SUBMITTED_TO_MUNICIPALITY,
    PlanState.COFINANCING_COMMITTED,
    PlanState.SUBMITTED_TO_CEDRIS,
    PlanState.IN_REVIEW,
    PlanState.ADVISED,
    "with_szw",
    PlanState.APPROVED,
    PlanState.GRANTED,
    PlanState.PAID,
    PlanState.IN_EXECUTION,
    PlanState.EXECUTED,
    PlanState.FINAL_REPORT_RECEIVED,
    PlanState.CLOSED,
]


def answer_all(plan, user, verdict="yes"):
    questions = ReviewQuestion.objects.filter(scheme=plan.scheme)
    comment = "" if verdict == "yes" else "Toelichting"
    return services.answer_review(
        plan, user=user, answers={q.pk: (verdict, comment) for q in questions}
    )


def _company(plan, accounts):
    company = plan.participants.select_related("sw_company").first().sw_company
    return accounts[f"bedrijf-{slugify(company.name)}"]


def _municipality(plan, accounts):
    return accounts[f"gemeente-{slugify(plan.region.central_municipality.name)}"]


def _step(plan, accounts, target, demo_date):
    take = workflow.take
    accounts = {
        **accounts,
        COMPANY: _company(plan, accounts),
        MUNICIPALITY: _municipality(plan, accounts),
    }
    if target == PlanState.SUBMITTED_TO_MUNICIPALITY:
        demo_date(submission_dates(plan.scheme)[0])
        return take(plan, "submit_to_municipality", user=accounts[COMPANY])
    if target == PlanState.COFINANCING_COMMITTED:
        commitment = CommitmentFactory(plan=plan, amount_cents=100_000_00)
        plan_services.commit_cofinancing(
            commitment, user=accounts[MUNICIPALITY], version=commitment.version
        )
        return take(plan, "confirm_cofinancing", user=accounts[MUNICIPALITY])
    if target == PlanState.SUBMITTED_TO_CEDRIS:
        demo_date(submission_dates(plan.scheme)[1])
        return take(plan, "submit_to_cedris", user=accounts[COMPANY])
    if target == PlanState.IN_REVIEW:
        return take(plan, "start_review", user=accounts[OFFICE])
    if target == PlanState.ADVISED:
        answer_all(plan, accounts[OFFICE])
        return take(plan, "mark_advised", user=accounts[OFFICE])
    if target == "with_szw":
        national = services.save_national_plan(
            user=accounts[OFFICE],
            scheme=plan.scheme,
            title="Landelijk sectorplan 2015",
            cover_text="De regionale plannen samen.",
            plan_ids=[plan.pk],
        )
        services.submit_national_plan(national, user=accounts[OFFICE])
        return plan
    if target == PlanState.PAID:
        batch = payments.prepare_batch(plan.scheme, user=accounts[OFFICE])
        payments.mark_paid(batch, user=accounts[BZK])
        return plan
    codes = {
        PlanState.APPROVED: ("approve", SZW),
        PlanState.GRANTED: ("send_decision", SZW),
        PlanState.IN_EXECUTION: ("start_execution", COMPANY),
        PlanState.EXECUTED: ("finish_execution", COMPANY),
        PlanState.FINAL_REPORT_RECEIVED: ("receive_final_report", OFFICE),
        PlanState.CLOSED: ("close", OFFICE),
    }
    code, who = codes[target]
    return take(plan, code, user=accounts[who], reason="Voldoet aan het kader.")


def submission_dates(scheme) -> tuple[datetime.date, datetime.date]:
    """Days inside the scheme's windows (rule 6) to submit to the municipality and to Cedris:
    for sw2015 15 June and 15 July 2015, as the journeys tell it."""
    milestones = {m.kind: m for m in scheme.milestones.all()}
    municipality = milestones[MilestoneKind.MUNICIPALITY_DEADLINE].starts_on
    cedris = milestones[MilestoneKind.CEDRIS_WINDOW].starts_on
    return municipality - datetime.timedelta(days=16), cedris + datetime.timedelta(days=14)


def walk_to(target, accounts, demo_date, plan=None):
    """A complete AM19 plan taken step by step until it reaches `target` (a state or
    "with_szw": advised and sent to SZW in a national plan)."""
    plan = plan or complete_plan()
    for state in PATH[_position(plan) :]:
        plan = _step(plan, accounts, state, demo_date)
        if state == target:
            break
    plan.refresh_from_db()
    return plan


def _position(plan) -> int:
    """Index in PATH of the first step still to take."""
    if plan.state == PlanState.CONCEPT:
        return 0
    if plan.state == PlanState.ADVISED and plan.national_plans.exists():
        return PATH.index("with_szw") + 1
    return PATH.index(plan.state) + 1
