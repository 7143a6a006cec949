"""Journey of the payment: SZW has sent the decision on a plan; Cedris prepares a payment batch
from the menu, and BZK, from its start page's task list, checks the batch and marks it paid
(after a confirmation, where the site asks for one). The plan is then paid."""

import pytest

from .journey_steps import go, menu, press, press_confirmed, sign_in, task
from .steps import expect, expect_message

OFFICE, BZK = "cedris", "bzk"
TITLE = "Jobcoaches voor Holland Rijnland"


@pytest.fixture
def granted(people, demo_date):
    """A complete AM19 plan of DZB Leiden with SZW's decision sent (granted EUR 100,000)."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan

    return walk_to(PlanState.GRANTED, people, demo_date, plan=complete_plan(title=TITLE))


def test_cedris_prepares_a_batch_and_bzk_pays_it(open_page, journey, granted):
    office = sign_in(open_page, OFFICE)
    menu(office, "Betalingen")
    expect(office.get_by_role("table", name="Betaalbatches")).to_contain_text(
        "Nog geen betaalbatches."
    )
    press(office, "Betaalbatch voorbereiden")
    expect_message(office, "Betaalbatch 1 is voorbereid.")
    expect(office.get_by_role("heading", level=1)).to_have_text("Betaalbatch 1")
    expect(office.locator("main")).to_contain_text("De batch sluit aan")
    expect(office.get_by_role("table", name="Een regel per centrumgemeente")).to_contain_text(
        TITLE
    )

    bzk = sign_in(open_page, BZK)
    task(bzk, "Uitbetalen via het gemeentefonds")
    expect(bzk.get_by_role("heading", level=1)).to_have_text("Betaalbatch 1")
    expect(bzk.locator("main")).to_contain_text("€ 100.000,00")
    press_confirmed(bzk, "Markeer de hele batch als betaald")
    expect_message(bzk, "De batch is betaald; de plannen hebben nu status 'Uitbetaald'.")
    expect(bzk.locator("dl.summary-list")).to_contain_text("betaald op")

    # The plan, reached from the batch, now shows it is paid.
    go(bzk, TITLE)
    expect(bzk.locator("main")).to_contain_text("Uitbetaald")
