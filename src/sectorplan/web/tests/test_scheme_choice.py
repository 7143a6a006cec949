"""Pages whose address names no scheme (the region dashboard, payments, the progress overview, the
national plan, reports, meetings) show one scheme at a time and, while several run, offer the
others (issue 18). The choice is kept in the session, so the page's filters, downloads and forms
stay with it."""

import pytest
from django.core.management import call_command

from sectorplan.money import cents_to_string
from sectorplan.plans.tests.test_scheme_definition import EXAMPLE, EXAMPLE_WEIGHTS
from sectorplan.registry.models import Scheme
from sectorplan.web.templatetags.sectorplan import euro

pytestmark = pytest.mark.django_db

PAGES = [
    "/plannen/regios/",
    "/betalingen/",
    "/beoordeling/",
    "/plannen/uitstel/",
    "/monitoring/rapportages/",
    "/monitoring/rapportages/te-laat/",
]


def _total_reserved(scheme: Scheme) -> str:
    run = scheme.allocation_runs.order_by("-number").first()
    return euro(sum(r.amount_cents for r in run.reservations.all()))


def test_with_one_scheme_there_is_nothing_to_choose(client, accounts):
    client.force_login(accounts["cedris"])
    for path in PAGES:
        page = client.get(path).content.decode()
        assert "Er lopen meer regelingen naast elkaar" not in page, path


def test_the_chosen_scheme_is_shown_and_kept_until_another_is_chosen(client, accounts, scheme):
    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    example = Scheme.objects.get(slug="voorbeeld-2016")
    client.force_login(accounts["cedris"])

    first = client.get("/plannen/regios/").content.decode()
    assert "Er lopen meer regelingen naast elkaar" in first
    assert 'href="/plannen/regios/?regeling=voorbeeld-2016"' in first
    assert 'aria-current="page">Sectorplan sociale werkbedrijven 2015<' in first
    assert _total_reserved(scheme) in first

    chosen = client.get("/plannen/regios/", {"regeling": "voorbeeld-2016"}).content.decode()
    assert f'aria-current="page">{example.name}<' in chosen
    assert _total_reserved(example) in chosen and _total_reserved(scheme) not in chosen
    # Without the parameter (a filter, a download, another page) the choice holds.
    for path in PAGES:
        page = client.get(path).content.decode()
        assert f'aria-current="page">{example.name}<' in page, path
    csv = client.get("/plannen/regios.csv").content.decode("utf-8-sig")
    groningen = example.allocation_runs.get().reservations.get(region__code="AM01")
    assert cents_to_string(groningen.amount_cents) in csv

    client.get("/plannen/regios/", {"regeling": "sw2015"})
    assert _total_reserved(scheme) in client.get("/plannen/regios/").content.decode()
    assert client.get("/plannen/regios/", {"regeling": "bestaat-niet"}).status_code == 404


def test_pages_with_the_scheme_in_their_address_offer_the_others_at_theirs(
    client, accounts, scheme
):
    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    client.force_login(accounts["cedris"])
    # The menu's "Activiteiten" goes to the first scheme's map until another is chosen.
    assert client.get("/monitoring/activiteiten/")["Location"] == "/monitoring/activiteiten/sw2015/"
    page = client.get("/monitoring/activiteiten/voorbeeld-2016/").content.decode()
    assert 'href="/monitoring/activiteiten/sw2015/"' in page
    assert client.get("/monitoring/activiteiten/")["Location"] == (
        "/monitoring/activiteiten/voorbeeld-2016/"
    )
    region_map = client.get("/monitoring/activiteiten/voorbeeld-2016/kaart/").content.decode()
    assert 'href="/monitoring/activiteiten/sw2015/kaart/"' in region_map
    budget = client.get("/regelingen/voorbeeld-2016/budget/").content.decode()
    assert 'href="/regelingen/sw2015/budget/"' in budget
    # The choice holds for the pages without the scheme in their address too.
    assert 'aria-current="page">VOORBEELD' in client.get("/plannen/regios/").content.decode()

    # A visitor is not given a session for it, and the map stays public.
    client.logout()
    page = client.get("/monitoring/activiteiten/voorbeeld-2016/")
    assert page.status_code == 200 and "sessionid" not in page.cookies


def test_the_list_of_progress_reports_shows_one_scheme_at_a_time(client, accounts, scheme):
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import PlanFactory

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    example = Scheme.objects.get(slug="voorbeeld-2016")
    PlanFactory(scheme=scheme, state=PlanState.IN_EXECUTION, title="Plan van 2015")
    PlanFactory(scheme=example, state=PlanState.IN_EXECUTION, title="Plan van het voorbeeld")
    client.force_login(accounts["cedris"])
    first = client.get("/monitoring/rapportages/").content.decode()
    assert "Plan van 2015" in first and "Plan van het voorbeeld" not in first
    chosen = client.get("/monitoring/rapportages/", {"regeling": "voorbeeld-2016"})
    page = chosen.content.decode()
    assert "Plan van het voorbeeld" in page and "Plan van 2015" not in page


def test_the_national_plans_page_lists_the_chosen_schemes_own(client, accounts, scheme):
    from sectorplan.assessment.models import NationalPlan

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    example = Scheme.objects.get(slug="voorbeeld-2016")
    for of, title in ((scheme, "Landelijk plan 2015"), (example, "Landelijk plan voorbeeld")):
        NationalPlan.objects.create(
            scheme=of, title=title, cover_text="Samen.", created_by=accounts["cedris"]
        )
    client.force_login(accounts["cedris"])
    first = client.get("/beoordeling/landelijk/").content.decode()
    assert "Landelijk plan 2015" in first and "Landelijk plan voorbeeld" not in first
    chosen = client.get("/beoordeling/landelijk/", {"regeling": "voorbeeld-2016"}).content.decode()
    assert "Landelijk plan voorbeeld" in chosen and "Landelijk plan 2015" not in chosen
