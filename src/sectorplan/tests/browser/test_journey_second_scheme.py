"""Journey of one plan of the second scheme, from writing to payment, while the 2015 scheme runs
beside it (issue 18). The shipped example (another amount, ratio, taxonomy and timeline, divided
by a weight per region) is created as the office creates it; a plan of sw2015 is granted too.
DZB Leiden writes a plan for the example and submits it; after review and SZW's decision, Cedris
prepares the example's payment batch, which holds only its own plan, and BZK pays it. Each
scheme's activity map shows only its own plans. Clicks, as each role makes them; the steps that
other journeys walk in the browser for sw2015 (the municipality's commitment, review, decision)
are taken through the same services (assessment.tests.journey)."""

import datetime

import pytest

from .journey_steps import go, home, menu, press, press_confirmed, sign_in, step, task
from .steps import expect, expect_message, expect_state, fill_form
from .test_journey_company import add, leiden_commits

COMPANY, OFFICE, BZK = "bedrijf-dzb-leiden", "cedris", "bzk"
EXAMPLE = "VOORBEELD: vervolgregeling ontwikkelbedrijven 2016 (geen echte regeling)"
TITLE = "Detacheren vanuit het ontwikkelbedrijf Holland Rijnland"
SW2015_TITLE = "Jobcoaches voor Holland Rijnland"
NEW_TYPE = "Detachering bij reguliere werkgevers"


@pytest.fixture
def side_by_side(people, demo_date):
    """The example scheme beside sw2015, and a granted sw2015 plan of the same region."""
    from django.core.management import call_command

    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan
    from sectorplan.plans.tests.test_scheme_definition import EXAMPLE as FILE
    from sectorplan.plans.tests.test_scheme_definition import EXAMPLE_WEIGHTS

    call_command("create-scheme", str(FILE), "--weights", str(EXAMPLE_WEIGHTS), verbosity=0)
    walk_to(PlanState.GRANTED, people, demo_date, plan=complete_plan(title=SW2015_TITLE))
    demo_date(datetime.date(2016, 4, 1))  # the example's application period
    return people


def _example_walks_to_granted(people, demo_date):
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.models import Plan
    from sectorplan.plans.states import PlanState

    walk_to(PlanState.GRANTED, people, demo_date, plan=Plan.objects.get(title=TITLE))
    demo_date(datetime.date(2016, 10, 5))  # the example's payment period


def test_a_plan_of_the_second_scheme_runs_from_writing_to_payment(
    open_page, journey, side_by_side, demo_date
):
    from sectorplan.assessment.tests.journey import submission_dates
    from sectorplan.registry.models import Scheme

    company = sign_in(open_page, COMPANY)
    menu(company, "Plannen")
    go(company, "Nieuw plan")
    expect(company.locator("main")).to_contain_text("Voor welke regeling schrijft u dit plan?")
    go(company, EXAMPLE)
    fill_form(
        company,
        {
            "Regio": "AM19 Holland Rijnland",
            "Titel": TITLE,
            "Samenvatting": "Twintig medewerkers gedetacheerd bij werkgevers in de regio.",
            "Soort plan": "Nieuw plan",
            "Contactpersoon centrumgemeente": "A. de Wethouder",
            "E-mail contactpersoon centrumgemeente": "wethouder@leiden.example",
        },
    )
    press(company, "Opslaan")
    expect_message(company, "Het plan is aangemaakt.")
    expect(company.locator("main")).to_contain_text(EXAMPLE)

    participant = {"SW-bedrijf": "DZB Leiden", "Contactpersoon": "J. Jansen"}
    add(company, "SW-bedrijf toevoegen", participant)
    add(
        company,
        "Doel toevoegen",
        {"Doel": "Mensen gedetacheerd", "Beoogd aantal": "20", "Eenheid": "mensen"},
    )
    add(
        company,
        "Activiteit toevoegen",
        {
            "Activiteitstype": NEW_TYPE,
            "Omschrijving": "Detachering bij tien werkgevers.",
            "Geplande start": "2016-10-01",
            "Gepland einde": "2017-06-30",
        },
    )
    # Ratio 0.5: EUR 80,000 asks at least EUR 40,000 of co-financing, not 80,000 as in 2015.
    add(
        company,
        "Begrotingsregel toevoegen",
        {
            "Kostensoort": "Personeel en inhuur",
            "Omschrijving": "Begeleiding van gedetacheerden",
            "Gevraagde rijksbijdrage": "80.000,00",
            "Cofinanciering": "40.000,00",
        },
    )
    add(
        company,
        "Cofinanciering toevoegen",
        {"Soort financier": "Gemeente", "Financier": "Gemeente Leiden", "Bedrag": "40.000,00"},
    )
    step(company, "Indienen bij de centrumgemeente")
    expect_message(company, "Het plan is ingediend bij de centrumgemeente.")

    leiden_commits(side_by_side, TITLE)
    demo_date(submission_dates(Scheme.objects.get(slug="voorbeeld-2016"))[1])
    home(company)
    task(company, "Plan indienen bij Cedris")
    expect(company.get_by_role("heading", level=1)).to_have_text(TITLE)
    step(company, "Indienen bij Cedris")
    expect_state(company, "Ingediend bij Cedris")

    _example_walks_to_granted(side_by_side, demo_date)

    office = sign_in(open_page, OFFICE)
    menu(office, "Betalingen")
    choice = office.locator("nav.scheme-choice")
    expect(choice).to_contain_text("Er lopen meer regelingen naast elkaar")
    go(office, EXAMPLE, within=choice)
    press(office, "Betaalbatch voorbereiden")
    expect_message(office, "Betaalbatch 1 is voorbereid.")
    lines = office.get_by_role("table", name="Een regel per centrumgemeente")
    expect(lines).to_contain_text(TITLE)
    expect(lines).not_to_contain_text(SW2015_TITLE)

    bzk = sign_in(open_page, BZK)
    task(bzk, "Uitbetalen via het gemeentefonds", of=TITLE)
    expect(bzk.locator("main")).to_contain_text("€ 80.000,00")
    press_confirmed(bzk, "Markeer de hele batch als betaald")
    expect_message(bzk, "De batch is betaald; de plannen hebben nu status 'Uitbetaald'.")
    go(bzk, TITLE)
    expect(bzk.locator("main")).to_contain_text("Uitbetaald")
    # The 2015 plan still waits; its task leads to the batches of its own scheme.
    home(bzk)
    task(bzk, "Uitbetalen via het gemeentefonds", of=SW2015_TITLE)
    expect(bzk.locator("nav.scheme-choice [aria-current=page]")).to_have_text(
        "Sectorplan sociale werkbedrijven 2015"
    )

    # Each scheme's activity map counts its own plans only.
    home(office)
    example_card = office.locator("section.card", has_text=EXAMPLE)
    map_link = "Welke activiteiten in welke regio's: overzicht, grafiek en kaart"
    go(office, map_link, within=example_card)
    expect(office.locator("main")).to_contain_text(NEW_TYPE)
    # The menu's "Activiteiten" keeps to the scheme chosen last; the 2015 map is one click away.
    menu(office, "Activiteiten")
    expect(office.locator("main")).to_contain_text(NEW_TYPE)
    go(office, "Sectorplan sociale werkbedrijven 2015", within=office.locator("nav.scheme-choice"))
    expect(office.get_by_role("heading", level=1)).to_have_text("Activiteiten in de sectorplannen")
    expect(office.locator("main")).not_to_contain_text(NEW_TYPE)
