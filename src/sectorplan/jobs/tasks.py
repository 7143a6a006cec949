"""The one task every Job runs through, and how a task is queued.

The handler per kind does the work and calls services.complete inside its own transaction;
a JobFailed becomes the Dutch message on the job page, anything else a general message (and
the task is marked failed too, so the worker's log has the traceback)."""

from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop
from django_tasks import task
from django_tasks_db import DatabaseBackend

from . import services
from .models import Job, JobKind, JobState

HANDLERS = {
    JobKind.UNITS_IMPORT: "sectorplan.jobs.units.run_units_import",
    JobKind.DECISION_LETTERS: "sectorplan.jobs.letters.run_decision_letters",
    JobKind.NATIONAL_REPORT: "sectorplan.monitoring.national_report.run_national_report",
}

UNEXPECTED = gettext_noop(
    "Er ging onverwacht iets mis; er is niets gewijzigd. Probeer het opnieuw; lukt het dan nog "
    "niet, meld het aan de beheerder met het nummer van deze taak (%(job)s)."
)


def enqueue(the_task, *args) -> None:
    """Queues a task with the current transaction. The database backend writes the task row in
    that same transaction (both commit or neither); any other backend gets it after commit."""
    if isinstance(the_task.get_backend(), DatabaseBackend):
        the_task.enqueue(*args)
    else:
        transaction.on_commit(lambda: the_task.enqueue(*args))


@task()
def run_job(job_id: int) -> str:
    job = Job.objects.select_related("started_by").get(pk=job_id)
    if not services.mark_running(job):
        return job.state
    handler = import_string(HANDLERS[job.kind])
    try:
        outcome = handler(job, lambda percent: services.set_progress(job, percent))
    except services.JobFailed as error:
        services.fail(job, error.message, error.params)
        return JobState.FAILED
    except Exception:
        services.fail(job, UNEXPECTED, {"job": job.pk})
        raise
    if outcome is not None:  # the handler did not complete it in its own transaction
        services.complete(job, outcome)
    return JobState.DONE
