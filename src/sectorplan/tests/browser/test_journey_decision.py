"""Journey of the decision, September 2015: Cedris bundles two advised plans into the national
sector plan and sends it to SZW; SZW, from its task list, approves one plan and, after a
confirmation that says what will happen, rejects the other; it sends the decision, and the
company opens the decision letter from its plan."""

import datetime
import re

import pytest

from .journey_steps import go, is_confirmation, menu, press, press_confirmed, sign_in, step, task
from .steps import expect, expect_message, expect_state, fill_form

COMPANY, OFFICE, SZW = "bedrijf-dzb-leiden", "cedris", "szw"
GOOD, WEAK = "Jobcoaches in Holland Rijnland", "Losse cursussen in Holland Rijnland"


@pytest.fixture
def advised(people, demo_date):
    """Two complete AM19 plans of DZB Leiden, both advised by Cedris; today 10 September 2015
    (plans go to SZW until 15 September)."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan

    plans = [
        walk_to(PlanState.ADVISED, people, demo_date, plan=complete_plan(title=title))
        for title in (GOOD, WEAK)
    ]
    demo_date(datetime.date(2015, 9, 10))
    return plans


def decide(page, title: str, verdict: str, reason: str) -> None:
    """In the "Besluiten" part of the national plan: one sub-plan, a verdict, the motivation."""
    form = page.get_by_role("region", name="Besluiten")
    form.get_by_label(f"AM19 Holland Rijnland: {title}").check()
    form.get_by_label(verdict, exact=True).check()
    form.get_by_label(re.compile("^Motivering")).fill(reason)
    press(page, "Besluit vastleggen", within=form)


def test_szw_approves_one_plan_and_rejects_another(open_page, journey, advised):
    office = sign_in(open_page, OFFICE)
    menu(office, "Landelijk plan")
    fill_form(
        office,
        {
            "Titel": "Landelijk sectorplan SW 2015",
            "Begeleidende tekst": "De regionale plannen van de sociale werkbedrijven.",
        },
    )
    for title in (GOOD, WEAK):
        office.get_by_label(f"AM19 Holland Rijnland: {title}").check()
    press(office, "Opslaan")
    expect_message(office, "Het landelijk sectorplan is opgeslagen.")
    press_confirmed(office, "Indienen bij SZW")
    expect_message(office, "Het landelijk sectorplan is ingediend bij SZW.")

    szw = sign_in(open_page, SZW)
    task(szw, "Besluiten: goedkeuren of afwijzen")
    expect(szw.get_by_role("heading", level=1)).to_have_text("Landelijk sectorplan SW 2015")
    decide(szw, GOOD, "Goedkeuren", "Voldoet aan het toetsingskader.")
    if is_confirmation(szw):
        press(szw, "Goedkeuren bevestigen", within=szw.locator("main form"))
    expect_message(szw, "1 deelplan goedgekeurd.")

    # Rejecting cannot be undone: the page first says what will happen.
    decide(szw, WEAK, "Afwijzen", "De activiteiten vormen geen samenhangend plan.")
    assert is_confirmation(szw), f"no confirmation before rejecting on {szw.url}"
    expect(szw.get_by_role("heading", level=1)).to_have_text("Bevestigen: 1 deelplan afwijzen")
    expect(szw.locator("main")).to_contain_text(WEAK)
    press(szw, "Afwijzen bevestigen", within=szw.locator("main form"))
    expect_message(szw, "1 deelplan afgewezen.")
    plans = szw.get_by_role("table", name="Regionale deelplannen")
    expect(plans.get_by_role("row").filter(has_text=WEAK)).to_contain_text("Afgewezen")
    # Every sub-plan is decided: a sentence says so, no empty form is left to fill in.
    expect(szw.get_by_role("region", name="Besluiten")).to_contain_text("niets meer te besluiten")
    expect(szw.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)

    # SZW sends the decision on the approved plan, from its task list.
    menu(szw, "Start")
    task(szw, "Beschikking verzenden")
    step(szw, "Beschikking verzenden")
    expect_state(szw, "Beschikt")

    # The company opens its decision letter from the plan.
    company = sign_in(open_page, COMPANY)
    menu(company, "Plannen")
    go(company, GOOD)
    go(company, re.compile("^Beoordeling"), exact=False)
    decision = company.get_by_role("region", name="Besluit van SZW")
    expect(decision).to_contain_text("toegekende rijksbijdrage € 100.000,00")
    letter = decision.get_by_role("link", name=re.compile(r"\(PDF\)$"))
    response = company.request.get(letter.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
