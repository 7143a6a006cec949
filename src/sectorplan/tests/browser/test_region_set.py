"""A scheme divided over the labour-market regions of 2026 (issue 18), in Chromium: the office
sees the loaded set with its source beside the 2015 set; DZB Leiden writes a plan for that scheme
and is offered the 2026 regions it works in, takes part in its own plan (the company-in-region
rule reads the 2026 municipalities) and sees the 2026 reservation of Holland Rijnland."""

import datetime

import pytest

from .journey_steps import go, menu, sign_in
from .steps import expect, expect_message, fill_form
from .test_journey_company import add

LATER_SCHEME = "Voorbeeld over de regio's van 2026"


@pytest.fixture
def later_scheme(people, demo_date):
    import json

    from sectorplan.plans.exchange.definition import define_scheme
    from sectorplan.registry.region_sets import load_region_set
    from sectorplan.registry.tests.test_region_sets import LATER, later_definition

    load_region_set(LATER)
    scheme, _created, _run = define_scheme(json.dumps(later_definition()))
    demo_date(datetime.date(2016, 4, 1))  # the example's application period
    return scheme


def test_a_plan_of_a_scheme_on_the_2026_regions(open_page, journey, later_scheme):
    from sectorplan.accounts.models import User
    from sectorplan.accounts.policy import actor_for
    from sectorplan.money import format_euro
    from sectorplan.registry.models import Region

    office = sign_in(open_page, "cedris")
    go(office, "Regelingen: aanmaken uit een definitie, downloaden")
    sets = office.get_by_role("table", name="Geladen regio-indelingen")
    expect(sets).to_contain_text("Arbeidsmarktregio's 2026")
    expect(sets).to_contain_text("ahrnuld/jobmarket")

    company = sign_in(open_page, "bedrijf-dzb-leiden")
    menu(company, "Plannen")
    go(company, "Nieuw plan")
    go(company, LATER_SCHEME)
    offered = company.get_by_label("Regio").locator("option").all_inner_texts()
    # Only the 2026 regions DZB Leiden works in: no 2015 twin of AM19 beside it.
    works_in = actor_for(User.objects.get(username="bedrijf-dzb-leiden")).region_ids
    regions = Region.objects.filter(region_set=later_scheme.region_set, pk__in=works_in)
    assert offered[1:] == [f"{r.code} {r.name}" for r in regions.order_by("code")]
    assert "AM19 Holland Rijnland" in offered
    fill_form(
        company,
        {
            "Regio": "AM19 Holland Rijnland",
            "Titel": "Werkfit in Holland Rijnland, indeling 2026",
            "Samenvatting": "Mensen werkfit maken met de gemeenten van de regio.",
            "Soort plan": "Nieuw plan",
        },
    )
    company.get_by_role("button", name="Opslaan").click()
    expect_message(company, "Het plan is aangemaakt.")
    add(
        company, "SW-bedrijf toevoegen", {"SW-bedrijf": "DZB Leiden", "Contactpersoon": "J. Jansen"}
    )
    region = Region.objects.get(region_set=later_scheme.region_set, code="AM19")
    reserved = later_scheme.allocation_runs.get().reservations.get(region=region).amount_cents
    expect(company.locator("main")).to_contain_text(format_euro(reserved, "nl"))
    expect(company.locator("main")).to_contain_text(LATER_SCHEME)
