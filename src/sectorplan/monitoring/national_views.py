"""The national reports to SZW: Cedris writes its own text per section and has the PDF and the
XLSX annex made in the background; SZW reads and downloads them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.exports import XLSX_TYPE
from sectorplan.jobs.selectors import status as job_status
from sectorplan.web.scheme_choice import scheme_asked

from . import national_report as national
from .models import NationalReport
from .report_views import _kind


class TextsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in national.SECTIONS:
            self.fields[code] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Eigen tekst van Cedris boven dit onderdeel."),
            )


def _report(request, moment, *, create=False) -> NationalReport:
    if not policy.can_view_national_reports(request.user):
        raise PermissionDenied(_("De landelijke rapportages zijn voor Cedris en SZW."))
    kind = _kind(moment)
    scheme = scheme_asked(request)
    if create:
        return NationalReport.objects.get_or_create(scheme=scheme, kind=kind)[0]
    found = NationalReport.objects.filter(scheme=scheme, kind=kind).select_related("job").first()
    return found or NationalReport(scheme=scheme, kind=kind)


@never_cache
@login_required
def national_report(request, moment):
    may_compile = policy.can_compile_national_reports(request.user)
    if request.method == "POST" and not may_compile:
        raise PermissionDenied(_("Alleen Cedris stelt de landelijke rapportage samen."))
    report = _report(request, moment, create=request.method == "POST")
    form = TextsForm(request.POST or None, initial=report.texts or {})
    if request.method == "POST" and form.is_valid():
        national.save_texts(report, user=request.user, texts=form.cleaned_data)
        messages.success(request, _("De teksten zijn opgeslagen. Maak de rapportage opnieuw."))
        return redirect("monitoring:national-report", moment=moment)
    return render(
        request,
        "monitoring/reports/national.html",
        {
            "report": report,
            "moment": moment,
            "form": form if may_compile else None,
            "busy": report.busy,
            "ready": report.ready,
            "status_url": (
                reverse("monitoring:national-report-status", args=[moment])
                + f"?regeling={report.scheme.slug}"
            ),
        },
    )


@never_cache
@login_required
def national_report_status(request, moment):
    """The JSON the page's script (job-progress.js, as on the job page) polls while the files
    are made; for whoever may see the report, also SZW, who did not start the job."""
    report = _report(request, moment)
    if report.job is None:
        raise Http404(_("Deze rapportage is nog niet gemaakt."))
    return JsonResponse(job_status(report.job))


@require_POST
@login_required
def national_report_generate(request, moment):
    if not policy.can_compile_national_reports(request.user):
        raise PermissionDenied(_("Alleen Cedris stelt de landelijke rapportage samen."))
    report = _report(request, moment, create=True)
    national.start(report, user=request.user)
    messages.info(request, _("De rapportage wordt gemaakt; deze pagina toont hoe ver."))
    return redirect("monitoring:national-report", moment=moment)


@login_required
def national_report_file(request, moment, fmt):
    if fmt not in ("pdf", "xlsx"):
        raise Http404(_("Kies pdf of xlsx."))
    report = _report(request, moment)
    content = report.pdf if fmt == "pdf" else report.xlsx
    if report.pk is None or not report.ready or not content:
        raise Http404(_("Deze rapportage is nog niet gemaakt."))
    response = HttpResponse(
        bytes(content), content_type="application/pdf" if fmt == "pdf" else XLSX_TYPE
    )
    name = f"{moment}-{report.scheme.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
