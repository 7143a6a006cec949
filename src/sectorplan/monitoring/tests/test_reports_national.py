"""The national report to SZW: compiled from the submitted progress reports of one moment, with
the office's text per section; the PDF's text holds the counts, the annex the same numbers, and
35 regions take less than 10 seconds."""

import io
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sectorplan.jobs.models import JobKind, JobState
from sectorplan.monitoring import national_report as national
from sectorplan.monitoring.models import (
    ActivityProgress,
    GoalProgress,
    NationalReport,
    ProgressReport,
    ReportState,
)
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import ActivityFactory, GoalFactory, PlanFactory
from sectorplan.registry.models import ActivityType, Region

from .test_reports_support import INTERIM_1, URLS, plain_http  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]


@pytest.fixture
def every_region(scheme, accounts, settings):
    """35 plans in execution, each with two activities, a goal and a submitted first interim
    report: werk-naar-werk done everywhere, jobcoaches running in the even regions only."""
    jobcoaches = ActivityType.objects.get(code="jobcoaches")
    for number, region in enumerate(Region.objects.order_by("code")):
        plan = PlanFactory(region=region, state=PlanState.IN_EXECUTION, title=f"Plan {region.code}")
        first = ActivityFactory(plan=plan)
        activities = [first]
        if number % 2 == 0:
            activities.append(ActivityFactory(plan=plan, activity_type=jobcoaches))
        goal = GoalFactory(plan=plan, planned_quantity=40)
        report = ProgressReport.objects.create(
            plan=plan,
            kind=INTERIM_1,
            state=ReportState.SUBMITTED,
            submitted_at="2016-01-20T12:00:00Z",
            went_well=f"Goede samenwerking in {region.code}.",
            good_practice="De werkgeverstafel." if region.code == "AM19" else "",
        )
        for activity in activities:
            status = "done" if activity is first else "running"
            ActivityProgress.objects.create(report=report, activity=activity, status=status)
        GoalProgress.objects.create(report=report, goal=goal, achieved_quantity=10)
    return NationalReport.objects.create(scheme=scheme, kind=INTERIM_1)


def test_the_pdf_and_annex_for_35_regions(
    every_region, accounts, django_capture_on_commit_callbacks
):
    report = national.save_texts(
        every_region, user=accounts["cedris"], texts={"overview": "Alle regio's rapporteerden."}
    )
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        national.start(report, user=accounts["cedris"])
    elapsed = time.perf_counter() - started
    report.refresh_from_db()
    assert report.state == JobState.DONE and report.progress == 100, report.error
    # The making is a job like every other: on /taken/, with its own page linking back here.
    job = report.job
    assert job.kind == JobKind.NATIONAL_REPORT and job.started_by == accounts["cedris"]
    assert job.result_url == "/monitoring/rapportages/landelijk/tussenrapportage-1/?regeling=sw2015"
    assert elapsed < 10, elapsed
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.pdf)).pages)
    text = " ".join(text.split())
    assert "Eerste tussenrapportage" in text
    assert "35 ingediende voortgangsrapportages van de 35 goedgekeurde plannen" in text
    assert "Alle regio's rapporteerden." in text
    assert "in 35 van de 35" in text  # werk-naar-werk occurs everywhere
    assert "De werkgeverstafel." in text and "Goede samenwerking in AM19." in text
    workbook = load_workbook(io.BytesIO(report.xlsx))
    regions = list(workbook["Regio's"].iter_rows(min_row=2, values_only=True))
    assert len(regions) == 35
    assert sum(row[6] for row in regions) == 35  # done: werk-naar-werk in every region
    assert sum(row[5] for row in regions) == 18  # running: jobcoaches in the even regions


def test_pages_and_downloads(every_region, accounts, client, django_capture_on_commit_callbacks):
    client.force_login(accounts["cedris"])
    page = reverse("monitoring:national-report", args=["tussenrapportage-1"])
    assert client.post(page, {"regions": "Per regio samengevat."}).status_code == 302
    assert NationalReport.objects.get().texts["regions"] == "Per regio samengevat."
    with django_capture_on_commit_callbacks(execute=True):
        generate = reverse("monitoring:national-report-generate", args=["tussenrapportage-1"])
        assert client.post(generate).status_code == 302
    client.force_login(accounts["szw"])
    html = client.get(page).content.decode()
    assert "Klaar" in html and 'name="regions"' not in html
    pdf = client.get(reverse("monitoring:national-report-file", args=["tussenrapportage-1", "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
