"""Writes on a Job. Starting one is the user's action (one transaction, audited, the task queued
with it); progress and the end state are written by the worker as the work goes."""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sectorplan.audit.services import record
from sectorplan.registry import clock

from .models import FINISHED_STATES, Job, JobState


@dataclass(frozen=True)
class Outcome:
    """How a job ended: a msgid (gettext_noop) with its values, and where the result is."""

    message: str
    params: dict = field(default_factory=dict)
    result_url: str = ""


class JobFailed(Exception):
    """An expected failure with a message for the user (what went wrong, what to do)."""

    def __init__(self, message: str, params: dict | None = None):
        super().__init__(message % params if params else message)
        self.message, self.params = message, params or {}


@transaction.atomic
def start_job(kind: str, *, user, params: dict, upload: UploadedFile | None = None) -> Job:
    from .tasks import enqueue, run_job

    job = Job(kind=kind, started_by=user, params=params)
    if upload is not None:
        job.upload.save(f"{kind}.bin", upload, save=False)
    job.save()
    record(
        action="job.started",
        obj=job,
        actor=user,
        scope=f"job:{job.pk}",
        after={"kind": kind, "params": params},
    )
    enqueue(run_job, job.pk)
    return job


def set_progress(job: Job, progress: int) -> None:
    # A plain UPDATE outside any transaction of the work, so other processes see it at once.
    Job.objects.filter(pk=job.pk).exclude(state__in=FINISHED_STATES).update(
        progress=max(0, min(100, progress))
    )


def mark_running(job: Job) -> bool:
    """False when another worker took it already (a task can be delivered twice)."""
    return bool(
        Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
            state=JobState.RUNNING, progress=5, started_at=clock.now()
        )
    )


def complete(job: Job, outcome: Outcome) -> None:
    """Call inside the work's own transaction, so the result and "done" commit together."""
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        progress=100,
        message=outcome.message,
        message_params=outcome.params,
        result_url=outcome.result_url,
        finished_at=clock.now(),
    )


def fail(job: Job, message: str, params: dict | None = None) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=JobState.FAILED,
        message=message,
        message_params=params or {},
        finished_at=clock.now(),
    )
