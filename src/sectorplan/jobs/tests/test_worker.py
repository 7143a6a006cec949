"""The production path: with the database backend a started job is a task row committed with
the job itself, and a real `db_worker` run (the command, in batch mode) carries it out."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from sectorplan.jobs import services
from sectorplan.jobs.models import JobKind, JobState
from sectorplan.monitoring import national_report
from sectorplan.monitoring.models import NationalReport
from sectorplan.registry.models import MilestoneKind, Region

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    options = ["--batch", "--no-reload", "--no-startup-delay", "--interval", "0"]
    # The worker drops connections it thinks are stale; inside the test's transaction every
    # connection looks so (autocommit off), and closing it would end the test on PostgreSQL.
    # Django's own test client holds back the same call for requests.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", *options, verbosity=0)


def test_a_job_waits_in_the_database_until_a_worker_runs_it(accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = DATABASE_TASKS
    codes = Region.objects.order_by("code").values_list("code", flat=True)
    lines = ["code,se"] + [f"{code},7" for code in codes]
    upload = SimpleUploadedFile("se.csv", "\n".join(lines).encode())
    job = services.start_job(
        JobKind.UNITS_IMPORT,
        user=accounts["cedris"],
        params={"source": "Test", "scheme": "sw2015", "name": "se.csv"},
        upload=upload,
    )
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [job.pk] and queued.status == "READY"
    job.refresh_from_db()
    assert job.state == JobState.QUEUED  # nothing ran in the request
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message_text()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert set(Region.objects.values_list("standard_units", flat=True)) == {7}


def test_the_national_report_is_made_by_the_worker(scheme, accounts, settings):
    settings.TASKS = DATABASE_TASKS
    report = NationalReport.objects.create(scheme=scheme, kind=MilestoneKind.INTERIM_REPORT_1)
    national_report.start(report, user=accounts["cedris"])
    report.refresh_from_db()
    assert report.state == JobState.QUEUED
    run_worker()
    report.refresh_from_db()
    assert report.state == JobState.DONE, report.error
    assert bytes(report.pdf).startswith(b"%PDF") and report.progress == 100
