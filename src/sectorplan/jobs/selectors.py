from django.db.models import QuerySet

from sectorplan.accounts import policy

from .models import Job


def visible_jobs(user) -> QuerySet[Job]:
    """The jobs list: the programme office sees every job, anyone else the jobs they started."""
    jobs = Job.objects.select_related("started_by").order_by("-created_at")
    if policy.is_programme_office(user):
        return jobs
    return jobs.filter(started_by=user)


def visible_job(user, pk: int) -> Job | None:
    """The job if this user may see it (policy.can_view_job), else None: the page says 404."""
    job = Job.objects.select_related("started_by").filter(pk=pk).first()
    if job is None or not policy.can_view_job(user, job):
        return None
    return job


def status(job: Job) -> dict:
    """What the page and its polling script show."""
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "progress": job.progress,
        "finished": job.finished,
        "message": job.message_text(),
        "result_url": job.result_url,
    }
