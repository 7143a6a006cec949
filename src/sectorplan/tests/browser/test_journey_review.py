"""Journeys of the content review, in July 2015: Cedris opens a submitted plan from its task
list, starts the review, answers the framework and asks for a change; the company finds the
request on its task list, changes the plan and resubmits; Cedris finds its answers carried over
to version 2, marked with the version they were given for, and finishes the review. VNG and
the social partners each give their advice from the task on their own start page."""

import re

import pytest

from .journey_steps import go, menu, press, sign_in, step, task
from .steps import expect, expect_message, expect_state, fill_form

COMPANY, OFFICE = "bedrijf-dzb-leiden", "cedris"
TITLE = "Werkgevers aan zet in Holland Rijnland"
POINTS = "Maak het doel ambitieuzer\nNoem de werkgevers in de regio"


@pytest.fixture
def submitted(people, demo_date):
    """A complete AM19 plan of DZB Leiden, submitted to Cedris on 15 July 2015."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan

    plan = complete_plan(title=TITLE)
    return walk_to(PlanState.SUBMITTED_TO_CEDRIS, people, demo_date, plan=plan)


def answer_every_question(page, verdict: str = "Ja") -> int:
    """On the review page each framework question is a group named by its text."""
    form = page.locator("form").filter(
        has=page.get_by_role("button", name="Antwoorden opslaan", exact=True)
    )
    groups = form.get_by_role("group")
    for index in range(groups.count()):
        groups.nth(index).get_by_label(verdict, exact=True).check()
    count = groups.count()
    press(page, "Antwoorden opslaan", within=form)
    return count


def test_cedris_asks_for_a_change_and_its_answers_carry_over(open_page, journey, submitted):
    office = sign_in(open_page, OFFICE)
    task(office, "Inhoudelijke toets starten")
    expect(office.get_by_role("heading", level=1)).to_have_text(f"Beoordeling: {TITLE}")
    step(office, "Inhoudelijke toets starten")
    expect_state(office, "In inhoudelijke toets")
    questions = answer_every_question(office)
    expect_message(office, f"{questions} antwoorden opgeslagen.")
    step(office, "Aanpassing vragen", points=POINTS)
    expect_message(office, "De vraag om aanpassing is verstuurd")
    expect_state(office, "Aanpassing gevraagd")

    # The company: from its task list to the plan, where Cedris's points are.
    company = sign_in(open_page, COMPANY)
    task(company, "Plan aanpassen en opnieuw indienen")
    notice = company.get_by_role("region", name="Cedris vraagt om aanpassing")
    expect(notice).to_contain_text("Noem de werkgevers in de regio")
    go(company, "wijzigen Mensen aan het werk")
    fill_form(company, {"Beoogd aantal": "55"})
    press(company, "Opslaan")
    expect_message(company, "Opgeslagen")
    step(company, "Opnieuw indienen bij Cedris")
    expect_state(company, "Opnieuw ingediend")

    # Cedris: version 2 keeps the answers given for version 1, marked so; only the change
    # needs a look.
    menu(office, "Start")
    task(office, "Aangepast plan opnieuw toetsen")
    step(office, "Inhoudelijke toets starten")
    main = office.locator("main")
    expect(main).to_contain_text(f"{questions} antwoorden zijn overgenomen van een eerdere versie")
    expect(office.locator(".review-question__carried")).to_have_count(questions)
    expect(office.locator(".review-question__carried").first).to_contain_text(
        "Beantwoord bij versie 1"
    )
    expect(main).to_contain_text("Wat is er veranderd van versie 1 naar versie 2")
    step(office, "Toets afronden: positief advies")
    expect_state(office, "Geadviseerd")


@pytest.mark.parametrize(
    "assessor, organisation",
    [("vng", "VNG (demo)"), ("sociale-partners", "Sociale partners (demo)")],
)
def test_an_assessor_advises_from_the_task_link(
    open_page, journey, submitted, assessor, organisation
):
    page = sign_in(open_page, assessor)
    task(page, "Advies geven")
    # The task link lands where the advice is given: the form is on this page.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Beoordeling: {TITLE}")
    form = page.locator("#advies-geven")
    expect(form).to_contain_text("Uw advies over versie 1")
    form.get_by_label("Positief onder voorwaarden", exact=True).check()
    form.get_by_label(re.compile("^Opmerkingen")).fill("Goed plan; let op de werkgevers.")
    press(page, "Advies opslaan", within=form)
    expect_message(page, "Uw advies is opgeslagen.")
    expect(page.locator("#advice + ul")).to_contain_text(
        f"{organisation} (versie 1): Positief onder voorwaarden"
    )
    # Nothing is left for this assessor: the task is gone from the start page.
    menu(page, "Start")
    expect(page.locator("main")).not_to_contain_text("Advies geven")
