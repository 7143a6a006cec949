"""Issue 14.11: on English pages the scheme's own words (its name and text, theme names, activity
types, the map's credit) are English too: the scheme data carries an English label beside the
Dutch one, and the exchange format carries it along."""

import json

import pytest
from django.urls import reverse

from sectorplan.plans.exchange.export import dumps, export_scheme
from sectorplan.plans.exchange.importer import import_scheme
from sectorplan.plans.exchange.schema import SCHEME
from sectorplan.plans.tests.factories import ActivityFactory, PlanFactory
from sectorplan.plans.tests.test_exchange import empty_database
from sectorplan.registry.models import ActivityType

from .test_translations import english

DUTCH_DATA = [
    "Begeleiding van werk naar werk",
    "Activiteiten gericht op SW-medewerkers",
    "Transformatie en innovatie van de regionale infrastructuur",
    "Rijksbijdrage van € 30 miljoen",
]


def assert_no_dutch_data(html: str) -> None:
    found = [text for text in DUTCH_DATA if text.lower() in html.lower()]
    assert not found, f"Dutch scheme data on an English page: {found}"


@pytest.mark.django_db
def test_the_start_page_tells_the_scheme_in_english(client, scheme):
    page = english(client).get(reverse("web:home")).content.decode()
    assert "Sector plan for sheltered-employment companies 2015" in page
    assert "A national contribution of €30 million" in page
    assert_no_dutch_data(page)


@pytest.mark.django_db
def test_dutch_stays_the_default(client, scheme):
    page = client.get(reverse("web:home")).content.decode()
    assert "Rijksbijdrage van € 30 miljoen" in page


@pytest.mark.django_db
def test_the_activity_map_and_the_map_name_themes_types_and_source_in_english(client, scheme):
    client = english(client)
    page = client.get(reverse("monitoring:activity-map", args=[scheme.slug])).content.decode()
    assert "1. Activities aimed at SW employees" in page
    assert "Guidance from work to work" in page
    assert_no_dutch_data(page)
    page = client.get(reverse("monitoring:region-map", args=[scheme.slug])).content.decode()
    assert "Source: CBS/PDOK" in page and "Bron" not in page


def test_a_plan_page_names_the_activity_type_in_english(client, accounts):
    plan = PlanFactory()
    ActivityFactory(plan=plan, activity_type=ActivityType.objects.get(code="werk-naar-werk"))
    english(client).force_login(accounts["cedris"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<strong>Guidance from work to work</strong>" in page


@pytest.mark.django_db
def test_the_exchange_format_carries_the_english_labels(scheme):
    data = export_scheme(scheme)
    theme = data["scheme"]["themes"][0]
    assert theme["name_en"].startswith("Activities aimed at")
    assert theme["activity_types"][0]["name_en"] == "Guidance from work to work"
    assert "name_en" not in SCHEME["required"]  # files written before still read
    raw = dumps(data)
    empty_database()
    import_scheme(raw)
    assert ActivityType.objects.get(code="werk-naar-werk").name_en == "Guidance from work to work"
    older = json.loads(raw)
    for theme in older["scheme"]["themes"]:
        for part in (theme, *theme["activity_types"]):
            part.pop("name_en")
            part.pop("description_en", None)
    empty_database()
    import_scheme(dumps(older))  # an older file, without the English labels, still reads
    assert ActivityType.objects.get(code="werk-naar-werk").name_en == ""
