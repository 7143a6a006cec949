"""Migration 0004 folds the national report's own progress state into the one Job model: a made
report gets a done job (so it shows on /taken/ and keeps its files), a failed one keeps its
message, one caught queued or running by the update fails with what to do, and a report never
made gets none."""

import pytest

from sectorplan.tests.migrating import back_to_the_latest_migrations, migrate  # noqa: F401

BEFORE = [
    ("monitoring", "0003_progressreport_good_practices"),
    ("jobs", "0002_national_report_kind"),
]
AFTER = [("monitoring", "0004_national_report_job")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
def test_existing_reports_get_a_job_with_their_state(accounts):
    from sectorplan.audit.models import AuditEvent  # apps this migration leaves as they are
    from sectorplan.registry.models import Scheme

    NationalReport = migrate(BEFORE).get_model("monitoring", "NationalReport")
    scheme = NationalReport._meta.get_field("scheme").related_model.objects.get(
        pk=Scheme.objects.get(slug="sw2015").pk
    )
    made = NationalReport.objects.create(
        scheme=scheme,
        kind="interim_report_1",
        state="done",
        progress=100,
        pdf=b"%PDF made",
        xlsx=b"PK",
        generated_at="2016-02-01T10:00:00Z",
    )
    failed = NationalReport.objects.create(
        scheme=scheme, kind="interim_report_2", state="failed", error="Geen ruimte op de schijf."
    )
    running = NationalReport.objects.create(
        scheme=scheme, kind="final_report", state="running", progress=40
    )
    AuditEvent.objects.create(
        action="national_report.generation_started",
        object_type="monitoring.nationalreport",
        object_id=str(made.pk),
        scope=f"national-report:{made.pk}",
        actor_id=accounts["cedris"].pk,
    )

    new = migrate(AFTER)
    Report = new.get_model("monitoring", "NationalReport")
    job = Report.objects.get(pk=made.pk).job
    assert (job.kind, job.state, job.progress) == ("national_report", "done", 100)
    assert job.started_by_id == accounts["cedris"].pk
    assert job.result_url == "/monitoring/rapportages/landelijk/tussenrapportage-1/?regeling=sw2015"
    assert Report.objects.get(pk=failed.pk).job.message == "Geen ruimte op de schijf."
    interrupted = Report.objects.get(pk=running.pk).job
    assert interrupted.state == "failed" and "Maak de rapportage opnieuw" in interrupted.message

    # And the model reads them as before: made and downloadable, failed with its message.
    from sectorplan.monitoring.models import NationalReport as Current

    assert Current.objects.get(pk=made.pk).ready
    assert Current.objects.get(pk=failed.pk).error == "Geen ruimte op de schijf."
