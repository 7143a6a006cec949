"""A plan's way from a company through its central municipality to Cedris, walked in the
browser by the people who take each step, with the refusals they meet on the way; and the
language switch.

The demo clock starts on 15 June 2015 (the root conftest's demo_date): inside the window for
submission to the municipality (until 1 July), before the Cedris window (1 July-1 September).
"""

import datetime

from .steps import (
    add_part,
    click_and_wait,
    create_plan,
    expect,
    expect_message,
    expect_state,
    expect_step_refused,
    move_demo_date,
    open_plan,
    switch_language,
    take_step,
)

COMPANY = "bedrijf-dzb-leiden"  # DZB Leiden, working in AM19 Holland Rijnland
MUNICIPALITY = "gemeente-leiden"  # AM19's central municipality
OFFICE = "cedris"  # the programme office: moves the demo clock
TITLE = "Samen naar werk in Holland Rijnland"
# AM19's demo plans leave about EUR 279,000 of its reservation free (rule 2); the scheme asks
# co-financing of at least the national contribution (ratio 1, rule 3).
EUROS = "120.000,00"


def write_plan(page) -> str:
    """As the company: a new plan for AM19 with what submission needs; returns its URL."""
    url = create_plan(
        page,
        {
            "Regio": "AM19 Holland Rijnland",
            "Titel": TITLE,
            "Samenvatting": "Wij begeleiden mensen met een arbeidsbeperking naar regulier werk.",
            "Soort plan": "Nieuw plan",
            "Contactpersoon centrumgemeente": "A. de Wethouder",
            "E-mail contactpersoon centrumgemeente": "wethouder@leiden.example",
        },
    )
    expect_state(page, "Concept")

    # Not offered while incomplete: the disabled button names everything that is missing.
    expect_step_refused(
        page,
        "Indienen bij de centrumgemeente",
        "Het plan is nog niet compleet: minstens één deelnemend SW-bedrijf",
    )
    expect_state(page, "Concept")

    add_part(
        page, "SW-bedrijf toevoegen", {"SW-bedrijf": "DZB Leiden", "Contactpersoon": "J. Jansen"}
    )
    add_part(
        page,
        "Doel toevoegen",
        {"Doel": "Mensen geplaatst bij werkgevers", "Beoogd aantal": "40", "Eenheid": "mensen"},
    )
    add_part(
        page,
        "Activiteit toevoegen",
        {
            "Activiteitstype": "Scholing van medewerkers tot jobcoach",
            "Omschrijving": "Twaalf medewerkers volgen de opleiding tot jobcoach.",
            "Geplande start": "2015-10-01",
            "Gepland einde": "2016-06-30",
        },
    )
    add_part(
        page,
        "Begrotingsregel toevoegen",
        {
            "Kostensoort": "Scholing en opleiding",
            "Omschrijving": "Opleiding jobcoaches",
            "Gevraagde rijksbijdrage": EUROS,
            "Cofinanciering": EUROS,
        },
    )
    # The company asks; only the municipality can commit (below).
    add_part(
        page,
        "Cofinanciering toevoegen",
        {"Soort financier": "Gemeente", "Financier": "Gemeente Leiden", "Bedrag": EUROS},
    )
    expect(page.locator("#cofinancing + p")).to_contain_text("Er ontbreekt nog € 120.000,00")
    return url


def test_a_plan_goes_from_the_company_via_the_municipality_to_cedris(as_user, demo_data, demo_date):
    submit_to_cedris(as_user)


def submit_to_cedris(as_user):
    """The walk up to Cedris; returns the company's and the office's pages and the plan's URL,
    for walks that go on from there (test_assessment_walk.py)."""
    company = as_user(COMPANY)
    plan_url = write_plan(company)

    take_step(company, "Indienen bij de centrumgemeente")
    expect_message(company, "Het plan is ingediend bij de centrumgemeente.")
    expect_state(company, "Ingediend bij centrumgemeente (cofinanciering gevraagd)")
    # Submitted content is the municipality's to weigh now, no longer the company's to change.
    expect(company.get_by_role("link", name="Gegevens wijzigen")).to_have_count(0)

    municipality = as_user(MUNICIPALITY)
    open_plan(municipality, TITLE)
    expect_state(municipality, "Ingediend bij centrumgemeente (cofinanciering gevraagd)")
    # Rule 3: confirming before committing anything is not offered; the button says why.
    expect_step_refused(
        municipality,
        "Cofinanciering bevestigen",
        "Toegezegde cofinanciering is € 0,00; nodig is minstens € 120.000,00 "
        "(rijksbijdrage maal 1). Er ontbreekt € 120.000,00.",
    )
    expect_state(municipality, "Ingediend bij centrumgemeente (cofinanciering gevraagd)")
    # The button's accessible name includes the funder (visually hidden text).
    click_and_wait(
        municipality, municipality.get_by_role("button", name="Toezeggen Gemeente Leiden")
    )
    expect_message(municipality, "De cofinanciering is toegezegd.")
    take_step(municipality, "Cofinanciering bevestigen")
    expect_message(municipality, "De cofinanciering is bevestigd.")
    expect_state(municipality, "Cofinanciering toegezegd")

    # Rule 6: in June the Cedris window is not open yet.
    company.goto(plan_url)
    expect_state(company, "Cofinanciering toegezegd")
    expect_step_refused(
        company,
        "Indienen bij Cedris",
        "Indienen bij Cedris kan pas vanaf 1 juli 2015; het is nu 15 juni 2015.",
    )
    expect_state(company, "Cofinanciering toegezegd")

    office = as_user(OFFICE)
    move_demo_date(office, datetime.date(2015, 7, 15))

    company.reload()
    take_step(company, "Indienen bij Cedris")
    expect_message(company, "Het plan is ingediend bij Cedris.")
    expect_state(company, "Ingediend bij Cedris")
    # Every step is in the plan's state history, by the person who took it.
    history = company.locator("#states + ol > li")
    expect(history).to_have_count(3)
    expect(history.nth(0)).to_contain_text(
        f"Ingediend bij centrumgemeente (cofinanciering gevraagd) door {COMPANY}"
    )
    expect(history.nth(1)).to_contain_text(f"Cofinanciering toegezegd door {MUNICIPALITY}")
    expect(history.nth(2)).to_contain_text(f"Ingediend bij Cedris door {COMPANY}")
    return company, office, plan_url


def test_the_language_switch_goes_to_english_and_back(as_user, demo_data, demo_date):
    # An English browser still gets Dutch: only the switch changes the language.
    page = as_user(COMPANY, locale="en-US")
    page.goto("/plannen/")
    html, header = page.locator("html"), page.locator(".demo-clock")
    expect(html).to_have_attribute("lang", "nl")
    expect(header).to_contain_text("15 juni 2015")

    before = page.url
    switch_language(page, "English")
    expect(page).to_have_url(before)  # the switch brings you back to the page you were on
    expect(html).to_have_attribute("lang", "en")
    expect(header).to_contain_text("15 June 2015")
    # The choice is a cookie: it holds on the next page.
    page.goto("/")
    expect(html).to_have_attribute("lang", "en")

    switch_language(page, "Nederlands")
    expect(html).to_have_attribute("lang", "nl")
    expect(header).to_contain_text("15 juni 2015")
    expect(page.locator(".language-switch").get_by_role("button")).to_have_text("English")
