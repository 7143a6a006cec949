"""Granted plans made directly (the assessment path itself is tested in assessment/tests)."""

from sectorplan.assessment.models import GrantDecision, NationalPlan, PlanVersion
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import BudgetLineFactory, PlanFactory


def granted_plan(region, cents: int, *, user, state=PlanState.GRANTED, approved=True) -> Plan:
    plan = PlanFactory(region=region, title=f"Plan {region.code}")
    BudgetLineFactory(plan=plan, national_contribution_cents=cents, cofinancing_cents=cents)
    Plan.objects.filter(pk=plan.pk).update(state=state)
    plan.refresh_from_db()
    national = NationalPlan.objects.first() or NationalPlan.objects.create(
        scheme=plan.scheme, title="Landelijk", cover_text="-", created_by=user
    )
    national.plans.add(plan)
    version = PlanVersion.objects.create(plan=plan, number=1, snapshot={}, submitted_by=user)
    GrantDecision.objects.create(
        plan=plan,
        national_plan=national,
        version=version,
        approved=approved,
        reason="Voldoet.",
        granted_cents=cents if approved else 0,
        reference=f"T-{plan.pk}",
        decided_by=user,
        dated="2015-10-15",
    )
    return plan
