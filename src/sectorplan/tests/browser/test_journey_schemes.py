"""Journey of the programme office setting up the next round (issue 18): from the start page to
"Regelingen", a wrong definition refused with every problem named, the shipped example checked
and created, then its own budget and activity map beside the 2015 scheme. Clicks only; every
page checked with axe (and photographed with --journey-screenshots)."""

import json

from .journey_steps import go, home, press, sign_in
from .steps import expect, fill_form

EXAMPLE_NAME = "VOORBEELD: vervolgregeling ontwikkelbedrijven 2016 (geen echte regeling)"


WEIGHTS_LABEL = "Gewicht per regio (CSV, alleen bij die verdeelsleutel)"


def _example():
    from sectorplan.plans.tests.test_scheme_definition import EXAMPLE

    return EXAMPLE


def _example_weights():
    from sectorplan.plans.tests.test_scheme_definition import EXAMPLE_WEIGHTS

    return EXAMPLE_WEIGHTS


def test_the_office_creates_the_next_scheme_from_a_file(open_page, journey, people, tmp_path):
    wrong = json.loads(_example().read_text(encoding="utf-8"))
    wrong["themes"][1]["code"] = wrong["themes"][0]["code"]
    wrong["cofinancing_ratio"] = "0,5"
    wrong_file = tmp_path / "regeling-fout.json"
    wrong_file.write_text(json.dumps(wrong), encoding="utf-8")

    page = sign_in(open_page, "cedris")
    go(page, "Regelingen: aanmaken uit een definitie, downloaden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Regelingen")
    expect(page.get_by_role("table", name="Alle regelingen")).to_contain_text("sw2015")

    page.get_by_label("Definitiebestand (JSON)").set_input_files(wrong_file)
    press(page, "Aanmaken of bijwerken")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Het bestand is niet ingelezen; er is niets gewijzigd")
    expect(summary).to_contain_text("themes[1].code: dezelfde code als themes[0]")
    expect(summary).to_contain_text("cofinancing_ratio: moet een decimaal getal")

    # The example divides by a weight per region: without its CSV the page says what is missing.
    page.get_by_label("Definitiebestand (JSON)").set_input_files(_example())
    press(page, "Alleen controleren")
    expect(page.get_by_role("alert")).to_contain_text("region_weights.weights: ontbreekt")
    page.get_by_label("Definitiebestand (JSON)").set_input_files(_example())
    page.get_by_label(WEIGHTS_LABEL).set_input_files(_example_weights())
    press(page, "Alleen controleren")
    expect(page.get_by_role("status").last).to_contain_text(
        "De definitie van 'voorbeeld-2016' is in orde: 2 thema's, 4 activiteitstypen"
    )
    page.get_by_label("Definitiebestand (JSON)").set_input_files(_example())
    page.get_by_label(WEIGHTS_LABEL).set_input_files(_example_weights())
    press(page, "Aanmaken of bijwerken")
    expect(page.locator(".messages")).to_contain_text(f"Regeling {EXAMPLE_NAME} is aangemaakt.")
    table = page.get_by_role("table", name="Alle regelingen")
    expect(table).to_contain_text("Open: nog geen plan ingediend")

    # The next round of the example as a copy, without a file.
    fill_form(
        page,
        {
            "Kopie van": EXAMPLE_NAME,
            "Korte naam van de nieuwe regeling": "voorbeeld-2017",
            "Naam van de nieuwe regeling": "VOORBEELD: derde ronde (geen echte regeling)",
        },
    )
    press(page, "Kopie maken")
    expect(page.locator(".messages")).to_contain_text(
        "Regeling VOORBEELD: derde ronde (geen echte regeling) is aangemaakt."
    )
    expect(table).to_contain_text("voorbeeld-2017")

    go(page, EXAMPLE_NAME, within=table)
    expect(page.locator("[data-total=reserved]")).to_have_text("€ 20.000.000,00")
    expect(page.get_by_role("columnheader", name="Gewicht")).to_be_visible()
    expect(page.locator("main")).to_contain_text("het aantal gemeenten per arbeidsmarktregio")
    home(page)
    example_card = page.locator("section.card", has_text=EXAMPLE_NAME)
    go(
        page,
        "Welke activiteiten in welke regio's: overzicht, grafiek en kaart",
        within=example_card,
    )
    expect(page.locator("main")).to_contain_text("Detachering bij reguliere werkgevers")
    expect(page.locator("main")).not_to_contain_text("Begeleiding van werk naar werk")
