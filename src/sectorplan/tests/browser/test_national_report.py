"""Cedris has the national report made and the page shows the finished PDF and XLSX by itself:
the making is a background job (like every job on /taken/) and the page polls it, as the job
page does. The request only queues the job (the database task backend); the test then runs a
worker, while the page stays open and nobody touches it."""

import re

from sectorplan.jobs.models import Job, JobKind

from .steps import click_and_wait, expect

PAGE = "/monitoring/rapportages/landelijk/tussenrapportage-1/"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_the_report_page_shows_the_files_when_the_job_is_done(as_user, demo_data, settings):
    from sectorplan.jobs.tests.test_worker import run_worker

    settings.TASKS = DATABASE_TASKS
    page = as_user("cedris")
    page.goto(PAGE)
    click_and_wait(page, page.get_by_role("button", name="Rapportage maken"))
    status = page.get_by_role("status")
    expect(status).to_contain_text("In de wachtrij")
    expect(page.get_by_role("link", name="PDF")).to_have_count(0)
    job = Job.objects.get(kind=JobKind.NATIONAL_REPORT)
    expect(page.get_by_role("link", name="Bekijk de voortgang bij Taken")).to_be_visible()

    run_worker()  # a worker elsewhere makes the files; the page is not reloaded by the test
    expect(page.get_by_role("link", name="PDF")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name=re.compile("XLSX"))).to_be_visible()
    expect(status).to_contain_text("Klaar")
    pdf = page.request.get(page.get_by_role("link", name="PDF").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # The job is on /taken/ like every other, and its page leads back to the report.
    page.goto("/taken/")
    click_and_wait(page, page.get_by_role("link", name=f"Landelijke rapportage maken #{job.pk}"))
    click_and_wait(page, page.get_by_role("link", name="Naar het resultaat"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Landelijke rapportage aan SZW")
