# The national report's own progress state (state, progress, error) moves into the one Job
# model: each report that was ever made gets a job with the same state, so it shows on /taken/
# and its page reads the job. A generation still queued or running at the time of the update
# cannot be resumed (its old task is gone): that job is marked failed, with what to do.

import django.db.models.deletion
from django.db import migrations, models

INTERRUPTED = (
    "Het maken werd onderbroken door een update van Sectorplan. Maak de rapportage opnieuw."
)
DONE = "De PDF en de XLSX-bijlage zijn gemaakt."
SLUGS = {
    "interim_report_1": "tussenrapportage-1",
    "interim_report_2": "tussenrapportage-2",
    "final_report": "eindrapportage",
}


def _starter(apps, report):
    """Who made it: the last audited start, else anyone who saved its texts, else an admin."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    User = apps.get_model("accounts", "User")
    for action in ("national_report.generation_started", "national_report.texts_saved"):
        event = (
            AuditEvent.objects.filter(
                action=action, scope=f"national-report:{report.pk}", actor__isnull=False
            )
            .order_by("-pk")
            .first()
        )
        if event is not None:
            return event.actor
    return (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )


def forwards(apps, schema_editor):
    NationalReport = apps.get_model("monitoring", "NationalReport")
    Job = apps.get_model("jobs", "Job")
    for report in NationalReport.objects.exclude(state="idle").select_related("scheme"):
        user = _starter(apps, report)
        if user is None:  # no user at all: the files stay, the page counts them as made
            continue
        state, message = report.state, report.error
        if state in ("queued", "running"):
            state, message = "failed", INTERRUPTED
        elif state == "done":
            message = DONE
        slug = SLUGS.get(report.kind, report.kind)
        job = Job.objects.create(
            kind="national_report",
            started_by=user,
            state=state,
            progress=100 if state == "done" else report.progress,
            message=message,
            params={"report": report.pk, "scheme": report.scheme.slug, "moment": report.kind},
            result_url=(
                f"/monitoring/rapportages/landelijk/{slug}/?regeling={report.scheme.slug}"
                if state == "done"
                else ""
            ),
            finished_at=report.generated_at or report.updated_at,
        )
        NationalReport.objects.filter(pk=report.pk).update(job=job)


def backwards(apps, schema_editor):
    NationalReport = apps.get_model("monitoring", "NationalReport")
    for report in NationalReport.objects.select_related("job"):
        if report.job is None:
            state, progress, error = ("done", 100, "") if report.pdf else ("idle", 0, "")
        else:
            state, progress = report.job.state, report.job.progress
            error = report.job.message if state == "failed" else ""
        NationalReport.objects.filter(pk=report.pk).update(
            state=state, progress=progress, error=error
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("audit", "0002_auditevent_scope"),
        ("jobs", "0002_national_report_kind"),
        ("monitoring", "0003_progressreport_good_practices"),
    ]

    operations = [
        migrations.AddField(
            model_name="nationalreport",
            name="job",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="jobs.job",
                verbose_name="laatste taak",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="nationalreport", name="error"),
        migrations.RemoveField(model_name="nationalreport", name="progress"),
        migrations.RemoveField(model_name="nationalreport", name="state"),
    ]
