"""The plan's life from submission to closure: every step by its own party, every illegal step
refused with nothing changed, versions frozen, decisions fixed, everything in the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sectorplan.assessment import services
from sectorplan.assessment.models import ChangeRequest, GrantDecision, PlanVersion
from sectorplan.audit.models import AuditEvent
from sectorplan.plans import services as plan_services
from sectorplan.plans import workflow
from sectorplan.plans.models import BudgetLine, Plan, StateChange
from sectorplan.plans.rules import region_requested_cents
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import complete_plan
from sectorplan.registry.services import grant_extension

from .journey import ASSESSOR, BZK, COMPANY, MUNICIPALITY, OFFICE, PATH, SZW, answer_all, walk_to

ROLES = [COMPANY, MUNICIPALITY, OFFICE, SZW, BZK, ASSESSOR, "bedrijf-soweco", "cedris-medewerker"]
# Who may take each transition (the policy, written out: a leak shows up as a failure).
ALLOWED = {
    "submit_to_municipality": {COMPANY},
    "return_to_company": {MUNICIPALITY},
    "confirm_cofinancing": {MUNICIPALITY},
    "submit_to_cedris": {COMPANY},
    "start_review": {OFFICE, "cedris-medewerker"},
    "request_changes": {OFFICE, "cedris-medewerker"},
    "resubmit": {COMPANY},
    "mark_advised": {OFFICE, "cedris-medewerker"},
    "approve": {SZW},
    "reject": {SZW},
    "send_decision": {SZW},
    "pay": {BZK},
    "start_execution": {COMPANY, MUNICIPALITY},
    "finish_execution": {COMPANY, MUNICIPALITY},
    "receive_final_report": {OFFICE, "cedris-medewerker"},
    "close": {OFFICE, "cedris-medewerker"},
}


def test_every_transition_has_its_roles_written_down():
    assert set(workflow.TRANSITIONS) == set(ALLOWED)


def test_payment_is_never_a_button_of_its_own(accounts, demo_date):
    plan = walk_to(PlanState.GRANTED, accounts, demo_date)
    assert "pay" not in [t.code for t in workflow.available(plan, accounts[BZK])]
    with pytest.raises(workflow.TransitionRefused, match="per betaalbatch"):
        workflow.take(plan, "pay", user=accounts[BZK])


def _refused(plan, code, user, exception=(workflow.TransitionRefused, PermissionDenied)):
    before = (plan.state, plan.version, StateChange.objects.filter(plan=plan).count())
    with pytest.raises(exception):
        workflow.take(plan, code, user=user, reason="r", points=["p"])
    plan.refresh_from_db()
    assert (plan.state, plan.version, StateChange.objects.filter(plan=plan).count()) == before


def test_the_whole_path_refuses_every_wrong_step_and_every_wrong_role(accounts, demo_date):
    plan = complete_plan()
    states = [PlanState.CONCEPT] + [s for s in PATH if s != "with_szw"]
    for target in PATH:
        if plan.state in states:
            for code, transition in workflow.TRANSITIONS.items():
                if plan.state not in transition.sources:
                    _refused(plan, code, accounts[OFFICE])
                    _refused(plan, code, accounts[SZW])
                    continue
                for role in set(ROLES) - ALLOWED[code]:
                    _refused(plan, code, accounts[role], PermissionDenied)
        plan = walk_to(target, accounts, demo_date, plan=plan)
        if target != "with_szw":
            assert plan.state == target
    assert plan.state == PlanState.CLOSED
    codes = list(StateChange.objects.filter(plan=plan).values_list("transition", flat=True))
    assert codes == [
        "submit_to_municipality",
        "confirm_cofinancing",
        "submit_to_cedris",
        "start_review",
        "mark_advised",
        "approve",
        "send_decision",
        "pay",
        "start_execution",
        "finish_execution",
        "receive_final_report",
        "close",
    ]
    audited = set(
        AuditEvent.objects.filter(scope=f"plan:{plan.pk}").values_list("action", flat=True)
    )
    assert {f"plan.{code}" for code in codes} | {"plan.decided", "plan.sent_to_szw"} <= audited


def test_a_change_request_and_resubmission_freeze_a_second_version(accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    assert [v.number for v in plan.versions.all()] == [1]
    with pytest.raises(workflow.TransitionRefused, match="ten minste één punt"):
        workflow.take(plan, "request_changes", user=accounts[OFFICE], points="  \n ")
    plan = workflow.take(
        plan,
        "request_changes",
        user=accounts[OFFICE],
        reason="Bijna goed.",
        points="Maak doel 1 meetbaar\nSplits de begroting",
    )
    assert plan.state == PlanState.CHANGES_REQUESTED
    request = ChangeRequest.objects.get(version__plan=plan)
    assert request.points == ["Maak doel 1 meetbaar", "Splits de begroting"]
    line = BudgetLine.objects.get(plan=plan)
    plan_services.change_part(
        line, user=accounts[COMPANY], version=line.version, description="Twee jobcoaches"
    )
    plan = workflow.take(plan, "resubmit", user=accounts[COMPANY])
    assert plan.state == PlanState.RESUBMITTED
    first, second = PlanVersion.objects.filter(plan=plan).order_by("number")
    assert first.snapshot != second.snapshot
    assert "Twee jobcoaches" in str(second.snapshot) and "Twee jobcoaches" not in str(
        first.snapshot
    )
    assert workflow.take(plan, "start_review", user=accounts[OFFICE]).state == PlanState.IN_REVIEW


def test_resubmission_after_the_deadline_needs_an_extension(accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    workflow.take(plan, "request_changes", user=accounts[OFFICE], points=["Meer doelen"])
    demo_date(datetime.date(2015, 9, 16))
    with pytest.raises(workflow.TransitionRefused, match="15 september 2015"):
        workflow.take(plan, "resubmit", user=accounts[COMPANY])
    grant_extension(
        scheme=plan.scheme,
        region=plan.region,
        kind="plans_complete",
        last_day=datetime.date(2015, 9, 30),
        reason="Gemeenteraad vergadert later",
        user=accounts[OFFICE],
    )
    assert workflow.take(plan, "resubmit", user=accounts[COMPANY]).state == PlanState.RESUBMITTED


def test_advice_needs_every_question_answered_and_none_with_no(accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    with pytest.raises(workflow.TransitionRefused, match="niet beantwoord"):
        workflow.take(plan, "mark_advised", user=accounts[OFFICE])
    with pytest.raises(ValidationError, match="Licht"):
        services.answer_review(
            plan,
            user=accounts[OFFICE],
            answers={plan.scheme.review_questions.first().pk: ("no", " ")},
        )
    answer_all(plan, accounts[OFFICE], verdict="no")
    with pytest.raises(workflow.TransitionRefused, match="met 'nee'"):
        workflow.take(plan, "mark_advised", user=accounts[OFFICE])
    answer_all(plan, accounts[OFFICE], verdict="yes")
    assert workflow.take(plan, "mark_advised", user=accounts[OFFICE]).state == PlanState.ADVISED


def test_answers_and_advice_only_while_under_review(accounts, demo_date):
    plan = walk_to(PlanState.SUBMITTED_TO_CEDRIS, accounts, demo_date)
    with pytest.raises(ValidationError, match="Start eerst de toets"):
        answer_all(plan, accounts[OFFICE])
    with pytest.raises(PermissionDenied):
        answer_all(plan, accounts[ASSESSOR])
    advice = services.give_advice(
        plan, user=accounts[ASSESSOR], recommendation="positive", comments="Sterk plan."
    )
    assert advice.version.number == 1
    with pytest.raises(PermissionDenied):
        services.give_advice(
            plan, user=accounts[COMPANY], recommendation="positive", comments="Eigen lof."
        )
    plan = walk_to(PlanState.ADVISED, accounts, demo_date, plan=plan)
    with pytest.raises(PermissionDenied):
        services.give_advice(
            plan, user=accounts[ASSESSOR], recommendation="negative", comments="Te laat."
        )


def test_szw_decides_only_on_plans_sent_in_a_national_plan(accounts, demo_date):
    plan = walk_to(PlanState.ADVISED, accounts, demo_date)
    with pytest.raises(workflow.TransitionRefused, match="nog niet in een landelijk"):
        workflow.take(plan, "approve", user=accounts[SZW], reason="Goed plan.")
    plan = walk_to("with_szw", accounts, demo_date, plan=plan)
    with pytest.raises(workflow.TransitionRefused, match="toelichting"):
        workflow.take(plan, "approve", user=accounts[SZW], reason=" ")
    plan = workflow.take(plan, "approve", user=accounts[SZW], reason="Voldoet.")
    decision = GrantDecision.objects.get(plan=plan)
    assert decision.approved and decision.granted_cents == 100_000_00
    assert decision.version.number == 1 and decision.reason == "Voldoet."
    assert decision.dated == datetime.date(2015, 7, 15)


def test_the_national_plan_is_sent_by_the_timeline_date(accounts, demo_date):
    plan = walk_to(PlanState.ADVISED, accounts, demo_date)
    national = services.save_national_plan(
        user=accounts[OFFICE], scheme=plan.scheme, title="T", cover_text="C", plan_ids=[plan.pk]
    )
    demo_date(datetime.date(2015, 9, 16))
    with pytest.raises(ValidationError, match="15 september 2015"):
        services.submit_national_plan(national, user=accounts[OFFICE])
    national.refresh_from_db()
    assert national.submitted_at is None
    with pytest.raises(PermissionDenied):
        services.submit_national_plan(national, user=accounts[SZW])


def test_only_advised_plans_go_into_the_national_plan(accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    with pytest.raises(ValidationError, match="alleen geadviseerde"):
        services.save_national_plan(
            user=accounts[OFFICE], scheme=plan.scheme, title="T", cover_text="C", plan_ids=[plan.pk]
        )


def test_szw_approves_many_at_once_or_none(accounts, demo_date):
    first = walk_to(PlanState.ADVISED, accounts, demo_date)
    second = walk_to(PlanState.ADVISED, accounts, demo_date)
    national = services.save_national_plan(
        user=accounts[OFFICE],
        scheme=first.scheme,
        title="Landelijk",
        cover_text="Samen",
        plan_ids=[first.pk, second.pk],
    )
    services.submit_national_plan(national, user=accounts[OFFICE])
    late = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    with pytest.raises(workflow.TransitionRefused, match="Er is niets gewijzigd"):
        services.decide(
            [first.pk, second.pk, late.pk], user=accounts[SZW], approve=True, reason="Goed."
        )
    assert not GrantDecision.objects.exists()
    assert set(
        Plan.objects.filter(pk__in=[first.pk, second.pk]).values_list("state", flat=True)
    ) == {PlanState.ADVISED}
    decided = services.decide(
        [first.pk, second.pk], user=accounts[SZW], approve=True, reason="Goed."
    )
    assert {p.state for p in decided} == {PlanState.APPROVED}
    assert GrantDecision.objects.count() == 2


def test_a_rejection_fixes_nothing_and_releases_the_reservation(accounts, demo_date):
    plan = walk_to("with_szw", accounts, demo_date)
    services.decide([plan.pk], user=accounts[SZW], approve=False, reason="Past niet.")
    plan.refresh_from_db()
    decision = GrantDecision.objects.get(plan=plan)
    assert plan.state == PlanState.REJECTED
    assert not decision.approved and decision.granted_cents == 0
    assert region_requested_cents(plan.region, plan.scheme) == 0


def test_a_company_of_another_region_cannot_resubmit(accounts, demo_date):
    plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
    plan = workflow.take(plan, "request_changes", user=accounts[OFFICE], points=["x"])
    _refused(plan, "resubmit", accounts["bedrijf-soweco"], PermissionDenied)
