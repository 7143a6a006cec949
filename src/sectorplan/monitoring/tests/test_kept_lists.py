"""The list of progress reports and the start page's "Wat op mij wacht" are rendered once for
everyone who sees the same plans, and again when a plan or a report changes (issue 15).

Transactional: outside a transaction is where the cache is used."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sectorplan.monitoring.models import ReportState
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory

from .factories import ProgressReportFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _row(client, path: str, title: str) -> str:
    """The table rows of this plan, as one text."""
    html = client.get(path).content.decode()
    return "".join(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if title in row)


def test_the_list_of_reports_follows_a_submitted_report(client, accounts):
    plan = PlanFactory(title="Plan dat rapporteert", state=PlanState.PAID)
    client.force_login(accounts["cedris"])
    row = _row(client, "/monitoring/rapportages/", plan.title)
    assert "Eerste tussenrapportage</a>:\n          nog niet begonnen" in row
    with CaptureQueriesContext(connection) as kept:
        assert _row(client, "/monitoring/rapportages/", plan.title) == row
    assert not [q for q in kept if "monitoring_progressreport" in q["sql"]]

    # SZW reads submitted reports only: no row before there is one.
    client.force_login(accounts["szw"])
    assert _row(client, "/monitoring/rapportages/", plan.title) == ""

    ProgressReportFactory(plan=plan, kind="interim_report_1", state=ReportState.SUBMITTED)
    assert "Eerste tussenrapportage</a>:\n          ingediend" in _row(
        client, "/monitoring/rapportages/", plan.title
    )
    client.force_login(accounts["cedris"])
    assert "Eerste tussenrapportage</a>:\n          ingediend" in _row(
        client, "/monitoring/rapportages/", plan.title
    )


def test_the_start_page_tasks_follow_the_plans_and_reports(client, accounts):
    plan = PlanFactory(title="Plan van DZB", state=PlanState.PAID)
    company = accounts["bedrijf-dzb-leiden"]
    client.force_login(company)
    assert "Eerste tussenrapportage indienen" in _row(client, "/", plan.title)

    ProgressReportFactory(plan=plan, kind="interim_report_1", state=ReportState.SUBMITTED)
    task = _row(client, "/", plan.title)
    assert "Eerste tussenrapportage" not in task and "Tweede tussenrapportage indienen" in task

    # Another region's municipality asks the same page: not the company's tasks.
    client.force_login(accounts["gemeente-groningen"])
    assert _row(client, "/", plan.title) == ""
