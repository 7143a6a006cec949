"""/plannen/, its export and /api/v1/plans/ (issue 15): search, filters and sort in the URL,
pages of 50 with the total, and the same plans in the page, the export and the API."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Region, SwCompany

from .factories import ParticipantFactory, PlanFactory


@pytest.fixture
def many(accounts):
    """120 plans in AM19 (Leiden): 70 concepts, 50 submitted to the municipality; and 3 in
    AM34, one with DZB Leiden taking part."""
    leiden, other = Region.objects.get(code="AM19"), Region.objects.get(code="AM34")
    for n in range(120):
        state = PlanState.CONCEPT if n < 70 else PlanState.SUBMITTED_TO_MUNICIPALITY
        PlanFactory(region=leiden, title=f"Plan {n:03d}", state=state)
    for n in range(3):
        plan = PlanFactory(region=other, title=f"Ander {n}", state=PlanState.CONCEPT)
    ParticipantFactory(plan=plan, sw_company=SwCompany.objects.get(name="DZB Leiden"))
    return accounts


def _page(client, query=""):
    response = client.get(reverse("plans:list") + query)
    assert response.status_code == 200
    return response


def _export_titles(client, query=""):
    response = client.get(reverse("plans:list-export", args=["csv"]) + query)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return [row["title"] for row in rows]


def test_a_page_has_50_rows_the_total_and_page_links(client, many, demo_date):
    client.force_login(many["cedris"])
    first = _page(client)
    assert len(first.context["page"].object_list) == 50
    assert first.context["total"] == 123
    html = first.content.decode()
    assert "123 plannen gevonden" in html and "utrecht-pagination" in html
    assert 'href="?pagina=2"' in html
    third = _page(client, "?pagina=3")
    assert len(third.context["page"].object_list) == 23
    seen = [p.pk for n in (1, 2, 3) for p in _page(client, f"?pagina={n}").context["page"]]
    assert sorted(seen) == sorted(Plan.objects.values_list("pk", flat=True))


def test_filter_page_export_and_api_agree(client, many, demo_date):
    query = "?regio=AM19&status=submitted_to_municipality&wacht_op=municipality&sorteer=-titel"
    client.force_login(many["cedris"])
    pages = [_page(client, query + f"&pagina={n}") for n in (1, 2)]
    assert pages[0].context["total"] == 50 and 'pagina=2' not in pages[0].content.decode()
    on_page = [p.title for p in pages[0].context["page"].object_list]
    assert on_page == [f"Plan {n:03d}" for n in range(119, 69, -1)]
    assert _export_titles(client, query) == on_page
    api = APIClient()
    api.force_authenticate(many["cedris"])
    answer = api.get("/api/v1/plans/" + query).json()
    assert answer["count"] == 50 and answer["next"] is None and answer["previous"] is None
    assert [p["title"] for p in answer["results"]] == on_page


def test_search_finds_title_region_company_and_municipality(client, many, demo_date):
    client.force_login(many["cedris"])
    assert _page(client, "?q=Plan+007").context["total"] == 1
    assert _page(client, "?q=AM34").context["total"] == 3
    assert _page(client, "?q=dzb").context["total"] == 1  # the company takes part in one
    assert _page(client, "?q=Katwijk").context["total"] == 120  # a municipality of AM19
    assert _page(client, "?q=Plan+007+AM34").context["total"] == 0
    assert "Geen plannen gevonden" in _page(client, "?q=niets-zo").content.decode()


def test_the_api_pages_and_refuses_a_bad_filter(many, demo_date):
    api = APIClient()
    api.force_authenticate(many["cedris"])
    answer = api.get("/api/v1/plans/").json()
    assert answer["count"] == 123 and len(answer["results"]) == 50
    assert "pagina=2" in answer["next"]
    last = api.get("/api/v1/plans/?pagina=3").json()
    assert len(last["results"]) == 23 and last["next"] is None
    assert api.get("/api/v1/plans/?status=bestaat-niet").status_code == 400
    assert api.get("/api/v1/plans/?te_laat=ja").json()["count"] == 0


def test_a_company_sees_only_its_regions_and_what_waits_for_it(client, many, demo_date):
    client.force_login(many["bedrijf-dzb-leiden"])
    assert _page(client).context["total"] == 123  # DZB works in AM19 and AM34
    assert _page(client, "?wacht_op=mij").context["total"] == 73  # the concepts
    client.force_login(many["gemeente-leiden"])
    assert _page(client, "?wacht_op=mij").context["total"] == 50
