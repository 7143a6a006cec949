"""Reading SE figures in from the web: the upload is stored with a job, the task imports it all
or nothing with a new division, and the job page shows how far it is and how it ended."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sectorplan.allocation.models import AllocationRun
from sectorplan.audit.models import AuditEvent
from sectorplan.jobs import services
from sectorplan.jobs.models import Job, JobKind, JobState
from sectorplan.registry.models import Region

pytestmark = pytest.mark.django_db


def se_csv(*, skip=(), value="100"):
    codes = [r.code for r in Region.objects.order_by("code") if r.code not in skip]
    lines = ["code;se"] + [f"{code};{value}" for code in codes]
    return SimpleUploadedFile("se-2015.csv", "\n".join(lines).encode(), content_type="text/csv")


@pytest.fixture
def office(client, accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(accounts["cedris"])
    return client


def post_import(client, upload, capture):
    with capture(execute=True):
        response = client.post(
            reverse("jobs:units-import"),
            {"file": upload, "source": "CBS 2015", "scheme": "sw2015"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_a_good_file_replaces_the_figures_and_makes_a_new_division(
    office, django_capture_on_commit_callbacks
):
    runs = AllocationRun.objects.count()
    job = post_import(office, se_csv(value="12,50"), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.progress == 100
    assert job.kind == JobKind.UNITS_IMPORT and job.upload.name.startswith("jobs/")
    assert set(Region.objects.values_list("standard_units", flat=True)) == {Decimal("12.50")}
    assert AllocationRun.objects.count() == runs + 1
    assert job.result_url == reverse("web:budget", args=["sw2015"])
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"job.started", "units.imported"} <= actions
    page = office.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "35 SE-cijfers per regio ingelezen" in page
    assert f"verdeling {runs + 1} is gemaakt" in page
    assert f'href="{job.result_url}"' in page and "<progress" not in page


def test_a_bad_file_changes_nothing_and_says_what_to_do(office, django_capture_on_commit_callbacks):
    before = list(Region.objects.order_by("pk").values_list("standard_units", flat=True))
    runs = AllocationRun.objects.count()
    job = post_import(office, se_csv(skip=("AM19",)), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert list(Region.objects.order_by("pk").values_list("standard_units", flat=True)) == before
    assert AllocationRun.objects.count() == runs
    page = office.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "De taak is mislukt" in page and "AM19" in page
    assert "Er is niets gewijzigd. Verbeter het bestand en lees het opnieuw in." in page
    assert reverse("jobs:units-import") in page
    status = office.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["state"] == "failed" and status["finished"] and "AM19" in status["message"]


def test_an_unexpected_error_fails_the_job_with_a_general_message(
    office, accounts, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(data, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("sectorplan.jobs.units.import_standard_units", broken)
    job = post_import(office, se_csv(), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "disk on fire" not in job.message_text()
    assert f"nummer van deze taak ({job.pk})" in job.message_text()


def test_while_it_waits_the_page_shows_a_labelled_progress_bar_and_polls(office, accounts):
    job = services.start_job(
        JobKind.UNITS_IMPORT,
        user=accounts["cedris"],
        params={"source": "x", "scheme": "sw2015", "name": "se.csv"},
        upload=se_csv(),
    )  # not run: the on-commit enqueue is never executed in this test's transaction
    services.set_progress(job, 40)
    page = office.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert re.search(r'<label for="job-progress">[^<]+</label>', page)
    assert '<progress id="job-progress" max="100" value="40">' in page
    assert f'data-status-url="{reverse("jobs:status", args=[job.pk])}"' in page
    assert "job-progress.js" in page and "<script>" not in page
    assert f'href="{reverse("jobs:detail", args=[job.pk])}">Vernieuwen</a>' in page
    status = office.get(reverse("jobs:status", args=[job.pk])).json()
    assert status == {
        "id": job.pk,
        "state": "queued",
        "state_label": "In de wachtrij",
        "progress": 40,
        "finished": False,
        "message": "",
        "result_url": "",
    }


def test_the_form_refuses_a_missing_source(office):
    response = office.post(
        reverse("jobs:units-import"), {"file": se_csv(), "source": "", "scheme": "sw2015"}
    )
    assert response.status_code == 200 and not Job.objects.exists()
    assert "error-summary" in response.content.decode()
