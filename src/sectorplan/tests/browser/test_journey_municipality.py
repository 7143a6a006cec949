"""Journey of the central municipality: a plan of DZB Leiden waits for Leiden's co-financing.
From the start page's task list the municipality opens the plan, commits the amount the
company asked for and confirms the co-financing; the plan goes back to the company."""

import pytest

from .journey_steps import press, sign_in, task
from .steps import expect, expect_message, expect_state

MUNICIPALITY = "gemeente-leiden"
TITLE = "Werk dichtbij in Holland Rijnland"


@pytest.fixture
def waiting_for_leiden(people, demo_date):
    """A complete AM19 plan submitted to Leiden, asking it for EUR 100,000 of co-financing."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import CommitmentFactory, complete_plan

    plan = complete_plan(title=TITLE)
    CommitmentFactory(plan=plan, funder_name="Gemeente Leiden", amount_cents=100_000_00)
    return walk_to(PlanState.SUBMITTED_TO_MUNICIPALITY, people, demo_date, plan=plan)


def test_the_municipality_commits_and_confirms_co_financing(open_page, journey, waiting_for_leiden):
    page = sign_in(open_page, MUNICIPALITY)
    task(page, "Cofinanciering toezeggen en bevestigen")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect_state(page, "Ingediend bij centrumgemeente (cofinanciering gevraagd)")
    cofinancing = page.locator("#cofinancing + p")
    expect(cofinancing).to_contain_text("Er ontbreekt nog € 100.000,00")

    press(page, "Toezeggen Gemeente Leiden")
    expect_message(page, "De cofinanciering is toegezegd.")
    expect(page.locator("#cofinancing + p")).not_to_contain_text("Er ontbreekt")
    expect(page.locator("#cofinancing ~ ul").first).to_contain_text(
        f"€ 100.000,00, toegezegd door {MUNICIPALITY}"
    )

    press(page, "Cofinanciering bevestigen", within=page.locator("form.transition"))
    expect_message(page, "De cofinanciering is bevestigd.")
    expect_state(page, "Cofinanciering toegezegd")
    # Nothing is left for the municipality on this plan.
    expect(page.locator("form.transition")).to_have_count(0)
