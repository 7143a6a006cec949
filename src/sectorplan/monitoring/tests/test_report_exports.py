"""The progress report pages' tables as CSV and XLSX: the list of plans and their reports per
moment, and one report's activities and goals against what was planned (issue 5, item 6)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import ActivityStatus

from .test_reports_support import (
    IN_JANUARY_2016,
    INTERIM_1,
    URLS,
    activity_input,
    plain_http,  # noqa: F401
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]


@pytest.fixture
def reported(accounts, demo_date):
    """AM19's plan with a submitted first interim report: 30 of 40 placed, jobcoaches running."""
    demo_date(IN_JANUARY_2016)
    company = accounts["bedrijf-dzb-leiden"]
    plan = reporting_plan(title="Plan Leiden")
    goal = plan.goals.get()
    services.save_report(
        plan,
        INTERIM_1,
        user=company,
        activities=activity_input(
            plan,
            ActivityStatus.DONE,
            ActivityStatus.RUNNING,
            achieved=[Decimal("30"), None],
        ),
        goals={goal.pk: {"achieved_quantity": Decimal("10"), "explanation": "Op koers."}},
    )
    services.submit_report(plan, INTERIM_1, user=company)
    return plan


def _csv(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_results_csv_has_the_pages_numbers(client, reported, accounts):
    client.force_login(accounts["gemeente-leiden"])
    url = reverse(
        "monitoring:report-detail-export", args=[reported.pk, "tussenrapportage-1", "csv"]
    )
    rows = _csv(client.get(url))
    assert [(r["part"], r["status"], r["planned"], r["achieved"], r["share"]) for r in rows] == [
        ("activiteit", "Afgerond", "40.00", "30.00", "0.7500"),
        ("activiteit", "Loopt", "12.00", "", ""),
        ("doel", "", "40.00", "10.00", "0.2500"),
    ]
    assert rows[2]["explanation"] == "Op koers."
    page = client.get(reverse("monitoring:report-detail", args=[reported.pk, "tussenrapportage-1"]))
    assert "75%" in page.content.decode() and "25%" in page.content.decode()


def test_results_xlsx_has_numbers_and_a_percent_format(client, reported, accounts):
    client.force_login(accounts["cedris"])
    url = reverse(
        "monitoring:report-detail-export", args=[reported.pk, "tussenrapportage-1", "xlsx"]
    )
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Onderdeel"))
    first = rows[header + 1]
    assert (first[5], first[6], first[8]) == (40, 30, 0.75)
    assert sheet.cell(row=header + 2, column=9).number_format == "0%"


def test_list_export_has_a_row_per_plan_and_moment_as_the_user_sees_it(client, reported, accounts):
    client.force_login(accounts["szw"])
    rows = _csv(client.get(reverse("monitoring:report-list-export", args=["csv"])))
    assert [(r["region"], r["moment"], r["report"]) for r in rows] == [
        ("AM19", "Eerste tussenrapportage", "ingediend"),
        ("AM19", "Tweede tussenrapportage", "niet ingediend"),
        ("AM19", "Eindrapportage", "niet ingediend"),
    ]
    client.force_login(accounts["bedrijf-soweco"])  # AM05: none of AM19's plans
    assert _csv(client.get(reverse("monitoring:report-list-export", args=["csv"]))) == []
    client.force_login(accounts["cedris"])
    xlsx = client.get(reverse("monitoring:report-list-export", args=["xlsx"]))
    values = [c for row in load_workbook(io.BytesIO(xlsx.content)).active.values for c in row]
    assert "Plan Leiden" in values and reported.pk in values


def test_the_pages_offer_both_downloads(client, reported, accounts):
    client.force_login(accounts["cedris"])
    listing = client.get(reverse("monitoring:report-list")).content.decode()
    detail = client.get(
        reverse("monitoring:report-detail", args=[reported.pk, "tussenrapportage-1"])
    ).content.decode()
    for fmt in ("csv", "xlsx"):
        assert reverse("monitoring:report-list-export", args=[fmt]) in listing
        url = reverse(
            "monitoring:report-detail-export", args=[reported.pk, "tussenrapportage-1", fmt]
        )
        assert url in detail
