"""All grant decision letters of a national plan in one ZIP, made in the background.

Approving or rejecting many plans at once (workflow.take_many) only writes rows and stays one
quick transaction in the request. The slow part at national scale is the letters: WeasyPrint
needs about 0.2 s per PDF/UA letter, so 35 regions (more with resubmissions) would keep a page
waiting for many seconds. Here a worker renders them one by one, with progress, into one ZIP."""

import io
import zipfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from sectorplan.accounts import policy
from sectorplan.assessment.models import GrantDecision, NationalPlan

from . import services
from .models import JobKind


@login_required
@require_http_methods(["GET", "POST"])
def decision_letters(request):
    if not policy.can_bundle_decision_letters(request.user):
        raise PermissionDenied(_("De beschikkingen bundelen is voor Cedris en de ministeries."))
    if request.method == "POST":
        national_plan = get_object_or_404(NationalPlan, pk=request.POST.get("national_plan"))
        job = services.start_job(
            JobKind.DECISION_LETTERS,
            user=request.user,
            params={"national_plan": national_plan.pk, "title": national_plan.title},
        )
        return redirect("jobs:detail", pk=job.pk)
    national_plans = (
        NationalPlan.objects.annotate(decided=Count("decisions"))
        .filter(decided__gt=0)
        .order_by("-created_at")
    )
    return render(request, "jobs/decision_letters.html", {"national_plans": national_plans})


def run_decision_letters(job, progress) -> None:
    from sectorplan.assessment.decision_pdf import render_decision_pdf  # loads WeasyPrint

    decisions = list(
        GrantDecision.objects.filter(national_plan_id=job.params["national_plan"])
        .select_related("plan__region", "plan__scheme", "national_plan", "version")
        .order_by("reference")
    )
    if not decisions:
        raise services.JobFailed(
            gettext_noop("Over de plannen van dit landelijk plan is nog niet besloten.")
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, decision in enumerate(decisions, start=1):
            archive.writestr(f"beschikking-{decision.reference}.pdf", render_decision_pdf(decision))
            progress(5 + 90 * number // len(decisions))
    with transaction.atomic():
        job.result_file.save(f"beschikkingen-{job.pk}.zip", ContentFile(buffer.getvalue()))
        services.complete(
            job,
            services.Outcome(
                gettext_noop("%(count)s beschikkingen gebundeld in één ZIP-bestand."),
                {"count": len(decisions)},
                reverse("jobs:result-file", args=[job.pk]),
            ),
        )
