"""The start page lists the schemes a user takes part in (issue 18): a company or municipality
those still open for plans and those in which its regions have a plan; the office, ministries
and assessors every scheme. Each card leads to that scheme's own pages."""

import datetime

import pytest
from django.core.management import call_command

from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.plans.tests.test_scheme_definition import EXAMPLE, EXAMPLE_WEIGHTS
from sectorplan.registry.models import Region, Scheme

pytestmark = pytest.mark.django_db

SW2015 = "Sectorplan sociale werkbedrijven 2015"
EXAMPLE_NAME = "VOORBEELD: vervolgregeling ontwikkelbedrijven 2016 (geen echte regeling)"


@pytest.fixture
def two_schemes(scheme, demo_date):
    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    demo_date(datetime.date(2016, 2, 5))  # sw2015 closed for plans, the example not yet open
    return Scheme.objects.get(slug="voorbeeld-2016")


def _cards(client) -> str:
    return client.get("/").content.decode()


def test_a_company_sees_the_open_scheme_and_those_its_regions_have_plans_in(
    client, accounts, two_schemes, scheme
):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    page = _cards(client)
    assert f">{EXAMPLE_NAME}</h2>" in page and f">{SW2015}</h2>" not in page
    assert "Een plan schrijven kan nu al; indienen kan zodra de periode begint." in page
    assert 'href="/plannen/nieuw/?regeling=voorbeeld-2016"' in page

    PlanFactory(scheme=scheme, region=Region.objects.get(code="AM19"), state=PlanState.PAID)
    page = _cards(client)
    assert f">{SW2015}</h2>" in page
    assert "De aanvraagperiode is voorbij." in page
    assert 'href="/plannen/?regeling=sw2015"' in page
    assert 'href="/plannen/nieuw/?regeling=sw2015"' not in page


@pytest.mark.parametrize("username", ["cedris", "szw", "vng"])
def test_the_office_ministries_and_assessors_see_every_scheme(
    client, accounts, two_schemes, username
):
    client.force_login(accounts[username])
    page = _cards(client)
    assert f">{EXAMPLE_NAME}</h2>" in page and f">{SW2015}</h2>" in page
    assert ('href="/beoordeling/?regeling=voorbeeld-2016"' in page) == (username != "vng")


def test_a_municipality_without_plans_or_open_schemes_is_told_so(client, accounts, scheme):
    from django.test import override_settings

    from sectorplan.registry.clock import set_demo_date

    with override_settings(DEMO_MODE=True):
        set_demo_date(datetime.date(2016, 2, 5))
        client.force_login(accounts["gemeente-leiden"])
        page = _cards(client)
    assert "Er is nu geen regeling waarvoor u een plan kunt indienen" in page
