"""The activity map on known plans: every count, share and sentence, and page, API and command
telling the same numbers."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.monitoring.selectors import activity_overview, overview_json
from sectorplan.monitoring.summary import introduction, summary
from sectorplan.plans.states import PlanState

from . import known

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(scheme):
    return known.build_plans(scheme)


def _by_code(data: dict) -> dict:
    return {item["code"]: item for item in data["activity_types"]}


def test_every_count_and_share_of_approved_plans(scheme, plans):
    data = overview_json(activity_overview(scheme))
    assert data["selection"] == "approved"
    assert data["plans_counted"] == known.APPROVED["plans_counted"]
    assert data["regions_counted"] == known.APPROVED["regions_counted"]
    assert data["regions_total"] == 35
    assert data["states"] == [
        "approved",
        "granted",
        "paid",
        "in_execution",
        "executed",
        "final_report_received",
        "closed",
    ]
    types = _by_code(data)
    assert list(types) == list(known.APPROVED["types"])  # taxonomy order
    for code, (regions, plan_count, share) in known.APPROVED["types"].items():
        assert (types[code]["region_codes"], types[code]["plans"], types[code]["share"]) == (
            regions,
            plan_count,
            share,
        ), code
        assert types[code]["regions"] == len(regions)
    assert types["werk-naar-werk"]["theme"] == "werknemers"
    assert types["werk-naar-werk"]["label"] == "Begeleiding van werk naar werk"
    assert data["demo"] is False and data["demo_notice"] is None


def test_all_submitted_plans_add_those_in_review_but_never_drafts_or_rejected(scheme, plans):
    data = overview_json(activity_overview(scheme, "submitted"))
    assert data["plans_counted"] == known.SUBMITTED["plans_counted"]
    assert data["regions_counted"] == known.SUBMITTED["regions_counted"]
    assert "concept" not in data["states"] and "rejected" not in data["states"]
    types = _by_code(data)
    for code, (regions, plan_count, share) in known.SUBMITTED["types"].items():
        assert (types[code]["region_codes"], types[code]["plans"], types[code]["share"]) == (
            regions,
            plan_count,
            share,
        ), code


def test_the_matrix_has_one_row_per_region_and_ticks_what_occurs(scheme, plans):
    counts = activity_overview(scheme).counts
    matrix = dict((region.code, cells) for region, cells in counts.matrix())
    assert len(matrix) == 35
    for code, number in known.APPROVED["region_types"].items():
        assert sum(matrix[code]) == number, code
    assert not any(matrix["AM04"]) and not any(matrix["AM05"])
    column = [item.type.code for item in counts.types].index("werk-naar-werk")
    assert [code for code, cells in matrix.items() if cells[column]] == ["AM01", "AM02", "AM03"]


def test_sentences_per_theme(scheme, plans):
    overview = activity_overview(scheme)
    assert introduction(overview) == known.APPROVED_INTRODUCTION
    assert {theme.number: theme.sentences for theme in summary(overview)} == (
        known.APPROVED_SENTENCES
    )


def test_a_tie_below_the_top_reads_like_the_source(scheme, plans):
    themes = summary(activity_overview(scheme, "submitted"))
    assert themes[0].sentences[:2] == known.SUBMITTED_THEME_1


def test_no_approved_plans_yet_says_so_and_has_no_shares(scheme):
    known.build_plans(scheme)  # none approved after this
    from sectorplan.plans.models import Plan

    Plan.objects.filter(state__in=[s for s in PlanState if s != PlanState.CONCEPT]).update(
        state=PlanState.IN_REVIEW
    )
    overview = activity_overview(scheme)
    assert introduction(overview) == (
        "Er zijn nog geen goedgekeurde plannen: er valt nog niets te tellen."
    )
    assert summary(overview) == []
    data = overview_json(overview)
    assert data["plans_counted"] == 0
    assert {item["share"] for item in data["activity_types"]} == {None}


def test_demo_plans_are_labelled(scheme, plans):
    plans["AM01"][0].__class__.objects.filter(pk=plans["AM01"][0].pk).update(is_demo=True)
    data = overview_json(activity_overview(scheme))
    assert data["demo"] is True and data["demo_plans"] == 1
    assert data["demo_notice"].startswith("Demoplannen")


def _page_numbers(html: str) -> dict:
    """Per type (regions, share, plans) as the page's table rows carry them."""
    pattern = r'data-type="([^"]+)" data-regions="(\d+)" data-share="([^"]*)" data-plans="(\d+)"'
    return {
        code: (int(regions), share or None, int(plans))
        for code, regions, share, plans in re.findall(pattern, html)
    }


@pytest.mark.parametrize("selection,query", [("approved", ""), ("submitted", "ingediend")])
def test_page_api_and_command_agree(selection, query, scheme, plans, accounts, client):
    client.force_login(accounts["cedris"])
    api = APIClient()
    api.force_authenticate(accounts["cedris"])
    from_api = api.get(reverse("api:scheme-overview", args=["sw2015"]), {"plans": selection}).json()
    out = io.StringIO()
    call_command("overview", "sw2015", "--format", "json", "--plans", selection, stdout=out)
    assert json.loads(out.getvalue()) == from_api

    url = reverse("monitoring:activity-map", args=["sw2015"])
    html = client.get(url, {"plannen": query} if query else {}).content.decode()
    assert _page_numbers(html) == {
        item["code"]: (item["regions"], item["share"], item["plans"])
        for item in from_api["activity_types"]
    }
    total = from_api["regions_counted"]
    for item in from_api["activity_types"]:
        assert f"{item['regions']} van de {total}" in html
    for sentences in summary(activity_overview(scheme, selection)):
        for sentence in sentences.sentences:
            assert sentence.replace("'", "&#x27;") in html


def test_command_text_prints_the_summary(scheme, plans):
    out = io.StringIO()
    call_command("overview", "sw2015", stdout=out)
    text = out.getvalue()
    assert known.APPROVED_INTRODUCTION in text
    assert known.APPROVED_SENTENCES[1][0] in text
    assert re.search(r"1\.1 werk-naar-werk\s+3 van 4\s+75%  AM01 AM02 AM03", text)


def test_command_refuses_an_unknown_scheme(scheme):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende regeling"):
        call_command("overview", "sw1999", "--format", "json")


def test_api_refuses_an_unknown_selection(scheme):
    response = APIClient().get(reverse("api:scheme-overview", args=["sw2015"]), {"plans": "all"})
    assert response.status_code == 400


def test_the_documented_fields_are_the_json_keys(scheme, plans, client):
    from sectorplan.api.monitoring import ActivityOverviewSerializer, ActivityTypeCountSerializer

    data = overview_json(activity_overview(scheme))
    assert set(ActivityOverviewSerializer().fields) == set(data)
    assert set(ActivityTypeCountSerializer().fields) == set(data["activity_types"][0])
    schema = client.get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()
    operation = schema["paths"]["/api/v1/schemes/{slug}/overview/"]["get"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "query"] == ["plans"]
