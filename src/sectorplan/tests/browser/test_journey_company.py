"""Journey of an SW company (DZB Leiden, in AM19 Holland Rijnland): in June 2015 it writes a
plan from the plan list, part by part, and submits it to its central municipality; once
Leiden has committed the co-financing it submits the plan to Cedris from its task list in July.
In September, after the windows have closed, a plan it never submitted shows its submit step
disabled, with the reason."""

import datetime

import pytest

from .journey_steps import go, menu, press, sign_in, step, task
from .steps import expect, expect_message, expect_state, fill_form

COMPANY, MUNICIPALITY = "bedrijf-dzb-leiden", "gemeente-leiden"
TITLE = "Leerwerkplekken in Holland Rijnland"
UNFINISHED = "Nooit ingediend plan"


@pytest.fixture
def unfinished(people):
    """A complete concept plan of DZB Leiden that nobody submits in time."""
    from sectorplan.plans.tests.factories import complete_plan

    return complete_plan(title=UNFINISHED)


def add(page, link: str, values: dict) -> None:
    """From the plan page: a part's "... toevoegen" link, its form, back with a confirmation."""
    go(page, link)
    fill_form(page, values)
    press(page, "Opslaan")
    expect_message(page, "Opgeslagen")


def leiden_commits(people, title: str) -> None:
    """What the municipality does in its own journey (test_journey_municipality.py)."""
    from sectorplan.plans import services, workflow
    from sectorplan.plans.models import Plan

    plan = Plan.objects.get(title=title)
    for commitment in plan.commitments.all():
        services.commit_cofinancing(
            commitment, user=people[MUNICIPALITY], version=commitment.version
        )
    workflow.take(plan, "confirm_cofinancing", user=people[MUNICIPALITY])


def test_the_company_writes_and_submits_a_plan(open_page, journey, people, demo_date, unfinished):
    page = sign_in(open_page, COMPANY)
    menu(page, "Plannen")
    go(page, "Nieuw plan")
    fill_form(
        page,
        {
            "Regio": "AM19 Holland Rijnland",
            "Titel": TITLE,
            "Samenvatting": "Veertig leerwerkplekken bij werkgevers in de regio.",
            "Soort plan": "Nieuw plan",
            "Contactpersoon centrumgemeente": "A. de Wethouder",
            "E-mail contactpersoon centrumgemeente": "wethouder@leiden.example",
        },
    )
    press(page, "Opslaan")
    expect_message(page, "Het plan is aangemaakt.")
    expect_state(page, "Concept")

    add(page, "SW-bedrijf toevoegen", {"SW-bedrijf": "DZB Leiden", "Contactpersoon": "J. Jansen"})
    add(
        page,
        "Doel toevoegen",
        {"Doel": "Mensen op een leerwerkplek", "Beoogd aantal": "40", "Eenheid": "mensen"},
    )
    add(
        page,
        "Activiteit toevoegen",
        {
            "Activiteitstype": "Scholing van medewerkers tot jobcoach",
            "Omschrijving": "Acht medewerkers worden praktijkbegeleider.",
            "Geplande start": "2015-10-01",
            "Gepland einde": "2016-06-30",
        },
    )
    add(
        page,
        "Begrotingsregel toevoegen",
        {
            "Kostensoort": "Scholing en opleiding",
            "Omschrijving": "Opleiding praktijkbegeleiders",
            "Gevraagde rijksbijdrage": "80.000,00",
            "Cofinanciering": "80.000,00",
        },
    )
    add(
        page,
        "Cofinanciering toevoegen",
        {"Soort financier": "Gemeente", "Financier": "Gemeente Leiden", "Bedrag": "80.000,00"},
    )
    expect(page.locator("#cofinancing + p")).to_contain_text("Er ontbreekt nog € 80.000,00")

    step(page, "Indienen bij de centrumgemeente")
    expect_message(page, "Het plan is ingediend bij de centrumgemeente.")
    expect_state(page, "Ingediend bij centrumgemeente (cofinanciering gevraagd)")
    expect(page.get_by_role("link", name="Gegevens wijzigen")).to_have_count(0)

    # Leiden commits (its own journey); in July the Cedris window is open.
    leiden_commits(people, TITLE)
    demo_date(datetime.date(2015, 7, 15))
    go(page, "Start", within=page.locator("nav.page-nav"))
    task(page, "Plan indienen bij Cedris")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    step(page, "Indienen bij Cedris")
    expect_message(page, "Het plan is ingediend bij Cedris.")
    expect_state(page, "Ingediend bij Cedris")

    # September: the municipality's deadline (1 July) has passed for the unfinished plan.
    demo_date(datetime.date(2015, 9, 2))
    menu(page, "Plannen")
    go(page, UNFINISHED)
    expect_state(page, "Concept")
    refused = page.locator(".transition--refused").filter(
        has=page.get_by_role("button", name="Indienen bij de centrumgemeente", exact=True)
    )
    expect(refused.get_by_role("button")).to_be_disabled()
    expect(refused).to_contain_text("Kan nu niet:")
    expect(refused).to_contain_text("1 juli 2015")
