"""The scale generator (issue 9): plans in every region, over the whole workflow, marked as
made up, with what each state implies (versions, decisions, payments, progress reports)."""

import pytest
from django.core.management import CommandError, call_command

from sectorplan.assessment.models import GrantDecision, PlanVersion
from sectorplan.demo.generate import REPORTING
from sectorplan.monitoring.models import ProgressReport
from sectorplan.payments.models import PaymentItem
from sectorplan.plans.models import Plan
from sectorplan.plans.states import SUBMITTED_STATES, PlanState
from sectorplan.registry.models import Region


def test_generates_marked_plans_over_the_workflow(accounts, settings):
    settings.DEBUG = True
    call_command("generate-plans", "sw2015", "--times", "3")
    plans = list(Plan.objects.prefetch_related("activities", "budget_lines", "participants"))
    regions = Region.objects.filter(plans__isnull=False).distinct().count()
    assert len(plans) == 3 * regions and regions >= 30
    assert all(p.is_demo and "(gegenereerd " in p.title for p in plans)
    assert all(p.summary.startswith("Demoplan") for p in plans)
    assert all(p.activities.all() and p.budget_lines.all() and p.participants.all() for p in plans)
    states = {p.state for p in plans}
    assert {
        PlanState.CONCEPT,
        PlanState.ADVISED,
        PlanState.APPROVED,
        PlanState.GRANTED,
        PlanState.IN_EXECUTION,
        PlanState.CLOSED,
    } <= states
    for plan in plans:
        assert plan.state_changes.count() == plan.version - 1
        assert PlanVersion.objects.filter(plan=plan).exists() == (plan.state in SUBMITTED_STATES)
    approved = {
        p.pk for p in plans if p.state in REPORTING | {PlanState.APPROVED, PlanState.GRANTED}
    }
    assert set(GrantDecision.objects.filter(approved=True).values_list("plan", flat=True)) == (
        approved
    )
    paid = {p.pk for p in plans if p.state in REPORTING}
    assert set(PaymentItem.objects.values_list("plan", flat=True)) == paid
    assert set(ProgressReport.objects.values_list("plan", flat=True)) == paid


def test_a_second_run_adds_plans_with_new_numbers(accounts, settings):
    settings.DEBUG = True
    call_command("generate-plans", "sw2015", "--times", "1")
    first = set(Plan.objects.values_list("title", flat=True))
    call_command("generate-plans", "sw2015", "--times", "1")
    assert Plan.objects.count() == 2 * len(first)
    assert len(set(Plan.objects.values_list("title", flat=True))) == 2 * len(first)


def test_refuses_a_production_database_unless_asked(accounts, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate-plans", "sw2015", "--times", "1")
    assert not Plan.objects.exists()
    call_command("generate-plans", "sw2015", "--times", "1", "--allow-production")
    assert Plan.objects.exists()


def test_needs_the_demo_accounts(scheme, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load-demo"):
        call_command("generate-plans", "sw2015", "--times", "1")
    assert not Plan.objects.exists()
