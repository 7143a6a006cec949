"""The decision letters of a national plan, rendered by a worker into one ZIP that only those
who see the job may download."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from sectorplan.assessment.models import GrantDecision, NationalPlan, PlanVersion
from sectorplan.assessment.tests.test_decision_pdf import make_decision, weasyprint  # noqa: F401
from sectorplan.jobs.models import Job, JobState
from sectorplan.plans.tests.factories import complete_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_plan(scheme, weasyprint):  # noqa: F811
    first = make_decision(scheme)
    plan = complete_plan(scheme=scheme, title="Tweede plan")
    version = PlanVersion.objects.create(
        plan=plan, number=1, snapshot={}, submitted_by=first.decided_by
    )
    GrantDecision.objects.create(
        plan=plan,
        national_plan=first.national_plan,
        version=version,
        approved=False,
        reason="De cofinanciering ontbreekt.",
        reference="SZW-2015-AM05-001",
        decided_by=first.decided_by,
        dated=datetime.date(2015, 10, 15),
    )
    return first.national_plan


def test_szw_bundles_the_letters_and_downloads_the_zip(
    national_plan, accounts, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(accounts["szw"])
    page = client.get(reverse("jobs:decision-letters")).content.decode()
    assert national_plan.title in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("jobs:decision-letters"), {"national_plan": national_plan.pk}
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.progress == 100, job.message_text()
    assert job.message_text() == "2 beschikkingen gebundeld in één ZIP-bestand."
    download = client.get(job.result_url)
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == [
        "beschikking-SZW-2015-AM05-001.pdf",
        "beschikking-SZW-2015-AM19-001.pdf",
    ]
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())
    client.force_login(accounts["bedrijf-dzb-leiden"])
    assert client.get(job.result_url).status_code == 404


def test_a_national_plan_without_decisions_fails_in_dutch(
    scheme, accounts, client, django_capture_on_commit_callbacks
):
    empty = NationalPlan.objects.create(
        scheme=scheme, title="Leeg", cover_text="-", created_by=accounts["cedris"]
    )
    client.force_login(accounts["cedris"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:decision-letters"), {"national_plan": empty.pk})
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert job.message_text() == "Over de plannen van dit landelijk plan is nog niet besloten."
