"""The job page: a progress bar (refreshed by static/sectorplan/job-progress.js polling the JSON
below; a plain link without JavaScript) and the end state with the result or what to do."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sectorplan.accounts import policy

from . import selectors


def _job(request, pk):
    job = selectors.visible_job(request.user, pk)
    if job is None:
        raise Http404(_("Deze taak bestaat niet of is niet van u."))
    return job


@never_cache
@login_required
def job_list(request):
    return render(
        request,
        "jobs/list.html",
        {
            "jobs": selectors.visible_jobs(request.user)[:100],
            "can_import_units": policy.can_import_units(request.user),
            "can_bundle_letters": policy.can_bundle_decision_letters(request.user),
        },
    )


@never_cache
@login_required
def detail(request, pk):
    job = _job(request, pk)
    return render(request, "jobs/detail.html", {"job": job, "status": selectors.status(job)})


@never_cache
@login_required
def status(request, pk):
    return JsonResponse(selectors.status(_job(request, pk)))


@never_cache
@login_required
def result_file(request, pk):
    job = _job(request, pk)
    if not job.result_file:
        raise Http404(_("Deze taak heeft (nog) geen bestand gemaakt."))
    name = job.result_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
