import csv
import io

import pytest
from django.urls import reverse

from sectorplan.plans.completeness import region_statuses
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Region, Scheme, SwCompany

from .factories import BudgetLineFactory, CommitmentFactory, ParticipantFactory, PlanFactory


def status(code):
    return next(
        s for s in region_statuses(Scheme.objects.get(slug="sw2015")) if s.region.code == code
    )


def names(companies):
    return {c.name for c in companies}


def test_rule_4_lists_companies_without_a_plan(accounts):
    leiden = status("AM19")
    assert names(leiden.uncovered) == {
        "DZB Leiden",
        "MareGroep (Voorhout)",
        "SWA Alphen aan den Rijn",
    }
    assert not leiden.complete
    plan = PlanFactory()
    for name in ("DZB Leiden", "MareGroep (Voorhout)", "SWA Alphen aan den Rijn"):
        ParticipantFactory(plan=plan, sw_company=SwCompany.objects.get(name=name))
    assert status("AM19").complete


def test_rule_4_a_plan_of_another_region_covers_a_company(accounts):
    """DZB Leiden and MareGroep also serve Voorschoten and Wassenaar (AM34)."""
    assert {"DZB Leiden", "MareGroep (Voorhout)"} <= names(status("AM34").uncovered)
    plan = PlanFactory()  # AM19
    ParticipantFactory(plan=plan, sw_company=SwCompany.objects.get(name="DZB Leiden"))
    assert "DZB Leiden" not in names(status("AM34").uncovered)
    assert "MareGroep (Voorhout)" in names(status("AM34").uncovered)


def test_rule_4_a_rejected_plan_covers_nobody(accounts):
    plan = PlanFactory(state=PlanState.REJECTED)
    ParticipantFactory(plan=plan)
    assert "DZB Leiden" in names(status("AM19").uncovered)


def test_money_per_region(accounts):
    plan = PlanFactory()
    BudgetLineFactory(plan=plan, national_contribution_cents=300_00)
    CommitmentFactory(
        plan=plan, amount_cents=200_00, status="committed", committed_at="2015-06-01T00:00Z"
    )
    CommitmentFactory(plan=plan, amount_cents=999_00)  # pending: not counted
    leiden = status("AM19")
    assert (leiden.requested_cents, leiden.committed_cents) == (300_00, 200_00)
    assert leiden.remaining_cents == leiden.reserved_cents - 300_00
    assert leiden.plans == 1 and leiden.states == {PlanState.CONCEPT: 1}


def test_query_count_does_not_grow_with_plans(accounts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scheme = Scheme.objects.get(slug="sw2015")

    def queries():
        with CaptureQueriesContext(connection) as context:
            region_statuses(scheme)
        return len(context)

    ParticipantFactory(plan=PlanFactory())
    few = queries()
    for code in ("AM05", "AM22", "AM01", "AM34"):
        plan = PlanFactory(region=Region.objects.get(code=code))
        BudgetLineFactory(plan=plan, national_contribution_cents=1)
    assert queries() == few


@pytest.mark.parametrize(
    "username, allowed",
    [
        ("cedris", True),
        ("cedris-medewerker", True),
        ("szw", False),
        ("vng", False),
        ("gemeente-leiden", False),
        ("bedrijf-dzb-leiden", False),
    ],
)
def test_dashboard_is_for_the_programme_office(client, accounts, username, allowed):
    client.force_login(accounts[username])
    response = client.get(reverse("plans:dashboard"))
    assert response.status_code == (200 if allowed else 403)
    assert client.get(reverse("plans:dashboard-export", args=["csv"])).status_code == (
        200 if allowed else 403
    )


def test_dashboard_filters_and_exports(client, accounts):
    plan = PlanFactory()
    for company in SwCompany.objects.filter(
        name__in=["DZB Leiden", "MareGroep (Voorhout)", "SWA Alphen aan den Rijn"]
    ):
        ParticipantFactory(plan=plan, sw_company=company)
    client.force_login(accounts["cedris"])
    html = client.get(reverse("plans:dashboard"), {"filter": "volledig"}).content.decode()
    assert "AM19 Holland Rijnland" in html and "AM05 Twente" not in html
    text = client.get(reverse("plans:dashboard-export", args=["csv"])).content.decode()
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert len(rows) == Region.objects.count()
    assert rows["AM19"]["complete"] == "ja" and rows["AM05"]["complete"] == "nee"
    assert "Soweco" in rows["AM05"]["uncovered"]
    assert client.get(reverse("plans:dashboard-export", args=["xlsx"])).status_code == 200
    # Any other suffix is not a download in disguise.
    assert client.get(reverse("plans:dashboard-export", args=["pdf"])).status_code == 404
    assert Plan.objects.count() == 1
