"""Twenty-four people at once on one region: SZW users approving the same plan, companies adding
budget lines near the region's reservation, editors saving the same plan, companies submitting
another. Afterwards the invariants hold: no region above its reservation, no lost update, one
decision per plan, one submission per plan. PostgreSQL only (SQLite's in-memory test database
cannot run writers in parallel threads)."""

import datetime

import pytest
from django.db import connection

from sectorplan.assessment.models import GrantDecision
from sectorplan.assessment.tests.journey import walk_to
from sectorplan.plans import services, workflow
from sectorplan.plans.models import BudgetLine, Plan, StateChange
from sectorplan.plans.rules import region_requested_cents, region_reservation_cents
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory, complete_plan
from sectorplan.plans.tests.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_conflicting_saves_submissions_and_approvals_keep_every_invariant(accounts, demo_date):
    approved = walk_to("with_szw", accounts, demo_date)  # AM19, advised and sent to SZW
    demo_date(datetime.date(2015, 6, 15))
    submitted = complete_plan()
    edited = PlanFactory(title="Start")
    region, scheme = edited.region, edited.scheme
    room = region_reservation_cents(region, scheme) - region_requested_cents(region, scheme)
    share = room // 5  # room for 5 of the 8 lines
    company, szw = accounts["bedrijf-dzb-leiden"], accounts["szw"]

    def work(i):
        kind = i % 4
        if kind == 0:
            return workflow.take(approved, "approve", user=szw, reason=f"Akkoord {i}")
        if kind == 1:
            return services.add_part(
                edited,
                BudgetLine,
                user=company,
                cost_category="staff",
                description=f"regel {i}",
                national_contribution_cents=share,
                cofinancing_cents=0,
            )
        if kind == 2:
            return services.update_plan(edited, user=company, version=1, title=f"Titel {i}")
        return workflow.take(submitted, "submit_to_municipality", user=company)

    outcomes = run_at_once(24, work)
    assert len(outcomes) == 24, outcomes
    ok = [o for o in outcomes if o[0] == "ok"]
    refusals = ("TransitionRefused", "RuleViolation", "EditConflict")
    unexpected = [o for o in outcomes if o[0] != "ok" and o[0] not in refusals]
    assert not unexpected, unexpected

    # One decision, one approval step.
    assert GrantDecision.objects.filter(plan=approved).count() == 1
    assert StateChange.objects.filter(plan=approved, transition="approve").count() == 1
    # One submission.
    assert (
        StateChange.objects.filter(plan=submitted, transition="submit_to_municipality").count() == 1
    )
    assert Plan.objects.get(pk=submitted.pk).state == PlanState.SUBMITTED_TO_MUNICIPALITY
    # No region above its reservation, and exactly the accepted lines are there.
    assert region_requested_cents(region, scheme) <= region_reservation_cents(region, scheme)
    assert BudgetLine.objects.filter(plan=edited).count() == 5
    # No lost update: the one accepted edit is the title that stands.
    accepted_titles = [o[1].title for o in ok if isinstance(o[1], Plan) and o[1].pk == edited.pk]
    final = Plan.objects.get(pk=edited.pk)
    assert len(accepted_titles) <= 1
    assert final.title == (accepted_titles[0] if accepted_titles else "Start")
