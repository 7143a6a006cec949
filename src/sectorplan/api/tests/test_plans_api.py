import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from sectorplan.plans.models import BudgetLine, Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory, complete_plan


@pytest.fixture
def api(accounts):
    def login(username):
        client = APIClient()
        client.force_authenticate(accounts[username])
        return client

    return login


def test_schema_generates_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    assert "/api/v1/plans/{plan_pk}/budget-lines/" in (tmp_path / "s.yaml").read_text()


def test_a_company_builds_a_plan_through_the_api(api, demo_date):
    client = api("bedrijf-dzb-leiden")
    response = client.post(
        "/api/v1/plans/",
        {"scheme": "sw2015", "region": "AM19", "title": "API-plan", "kind": "new"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    plan_id = response.json()["id"]
    base = f"/api/v1/plans/{plan_id}"
    assert (
        client.post(
            f"{base}/participants/",
            {"sw_company": "DZB Leiden", "contact_name": "J"},
            format="json",
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"{base}/goals/",
            {"description": "Plaatsen", "planned_quantity": "10", "unit": "mensen"},
            format="json",
        ).status_code
        == 201
    )
    activity = client.post(
        f"{base}/activities/",
        {
            "activity_type": "kennisdeling",
            "description": "Intervisie",
            "planned_start": "2015-10-01",
            "planned_end": "2016-03-01",
        },
        format="json",
    )
    assert activity.status_code == 201 and activity.json()["theme"] == "expertise"
    line = client.post(
        f"{base}/budget-lines/",
        {
            "cost_category": "training",
            "description": "x",
            "national_contribution": "1000.50",
            "cofinancing": "1000.50",
        },
        format="json",
    )
    assert line.status_code == 201 and line.json()["national_contribution"] == "1000.50"
    assert BudgetLine.objects.get().national_contribution_cents == 100050
    assert client.get(f"{base}/").json()["national_contribution"] == "1000.50"
    response = client.post(
        f"{base}/transitions/", {"transition": "submit_to_municipality"}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "submitted_to_municipality"


def test_rule_2_in_the_api(api):
    plan = PlanFactory()
    response = api("bedrijf-dzb-leiden").post(
        f"/api/v1/plans/{plan.pk}/budget-lines/",
        {
            "cost_category": "staff",
            "description": "x",
            "national_contribution": "99000000.00",
            "cofinancing": "0",
        },
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["national_contribution_cents"][0]
    assert "rijksbijdrage vrij" in message and "vraag ten hoogste" in message
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize("bad", ["1,5", "1.234", "abc", "-5.00", 1.5])
def test_money_must_be_a_decimal_string(api, bad):
    plan = PlanFactory()
    response = api("bedrijf-dzb-leiden").post(
        f"/api/v1/plans/{plan.pk}/budget-lines/",
        {
            "cost_category": "staff",
            "description": "x",
            "national_contribution": bad,
            "cofinancing": "0",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()


def test_stale_version_is_a_conflict(api):
    plan = PlanFactory(title="Oud")
    client = api("bedrijf-dzb-leiden")
    assert (
        client.patch(
            f"/api/v1/plans/{plan.pk}/", {"title": "Een", "version": 1}, format="json"
        ).status_code
        == 200
    )
    response = client.patch(
        f"/api/v1/plans/{plan.pk}/", {"title": "Twee", "version": 1}, format="json"
    )
    assert response.status_code == 409 and response.json()["current_version"] == 2
    assert Plan.objects.get(pk=plan.pk).title == "Een"
    assert (
        client.patch(f"/api/v1/plans/{plan.pk}/", {"title": "Drie"}, format="json").status_code
        == 400
    )


@pytest.mark.parametrize(
    "username, read, write",
    [
        ("bedrijf-dzb-leiden", 200, 200),
        ("bedrijf-maregroep-voorhout", 200, 200),
        ("bedrijf-soweco", 404, 404),
        ("gemeente-leiden", 200, 403),
        ("gemeente-enschede", 404, 404),
        ("cedris", 200, 403),
        ("vng", 404, 404),
        ("szw", 404, 404),
    ],
)
def test_draft_plan_access_per_role(api, username, read, write):
    plan = PlanFactory()
    client = api(username)
    assert client.get(f"/api/v1/plans/{plan.pk}/").status_code == read
    patch = client.patch(f"/api/v1/plans/{plan.pk}/", {"title": "x", "version": 1}, format="json")
    assert patch.status_code == write
    assert client.get(f"/api/v1/plans/{plan.pk}/goals/").status_code == read


def test_anonymous_gets_nothing(db):
    assert APIClient().get("/api/v1/plans/").status_code == 403


def test_submitted_plans_are_visible_to_assessors_and_ministry(api):
    plan = complete_plan(state=PlanState.SUBMITTED_TO_CEDRIS)
    for username in ("vng", "szw", "sociale-partners"):
        assert api(username).get(f"/api/v1/plans/{plan.pk}/").status_code == 200
        assert (
            api(username).post(f"/api/v1/plans/{plan.pk}/goals/", {}, format="json").status_code
            == 403
        )


def test_an_illegal_transition_changes_nothing(api):
    plan = complete_plan()
    response = api("bedrijf-dzb-leiden").post(
        f"/api/v1/plans/{plan.pk}/transitions/", {"transition": "submit_to_cedris"}, format="json"
    )
    assert response.status_code == 400
    assert "status 'Concept'" in response.json()["transition"][0]
    assert Plan.objects.get(pk=plan.pk).state == PlanState.CONCEPT
