"""The national reports to SZW under /api/v1/: per scheme the three evaluation moments (state,
progress, when made, the office's text per section), changing those texts, starting the
generation in the background (202) and downloading the PDF and the XLSX annex.

The same policy functions as the pages (accounts.policy: can_view_national_reports,
can_compile_national_reports) and the same writes (monitoring.national_report.save_texts and
start); sectorplan.api.urls appends `urlpatterns`. Order of checks: logged in and allowed (403),
scheme and moment exist (404), then the body (400)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.exports import XLSX_TYPE
from sectorplan.monitoring import national_report as national
from sectorplan.monitoring.models import (
    REPORT_KIND_CHOICES,
    REPORT_KINDS,
    REPORT_STATES,
    NationalReport,
)
from sectorplan.registry.models import Scheme

from .assessment import READ_REFUSALS, REFUSALS

FILE_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_TYPE}


class SectionSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=national.SECTION_CODES)
    label = serializers.CharField()
    text = serializers.CharField(allow_blank=True, help_text="The programme office's own text.")


class NationalReportSerializer(serializers.Serializer):
    """One national report: documents the response of every endpoint here."""

    scheme = serializers.CharField(help_text="The scheme's slug.")
    moment = serializers.ChoiceField(
        choices=REPORT_KIND_CHOICES, help_text="The evaluation moment (a milestone kind)."
    )
    moment_label = serializers.CharField()
    # A CharField: a ChoiceField named "state" collides with the plans' state enum in the schema.
    state = serializers.CharField(
        help_text="One of: " + ", ".join(REPORT_STATES) + " (idle: not made yet). The other "
        "states are those of the background job that makes the files (it is listed at /taken/)."
    )
    state_label = serializers.CharField()
    progress = serializers.IntegerField(help_text="0..100, while the files are being made.")
    error = serializers.CharField(allow_blank=True)
    generated_at = serializers.DateTimeField(allow_null=True)
    texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Per section code the office's own text (every code present).",
    )
    sections = SectionSerializer(many=True)
    pdf = serializers.URLField(allow_null=True, help_text="Download link once state is done.")
    xlsx = serializers.URLField(allow_null=True, help_text="Download link once state is done.")


class TextsSerializer(serializers.Serializer):
    texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=True),
        help_text="Section code -> text. Codes left out keep their text; an empty text clears "
        "it. Codes: " + ", ".join(national.SECTION_CODES) + ".",
    )

    def validate_texts(self, value):
        unknown = sorted(set(value) - set(national.SECTION_CODES))
        if unknown:
            raise serializers.ValidationError(
                _("Onbekend onderdeel: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return value


def _data(report: NationalReport, request) -> dict:
    texts = {code: (report.texts or {}).get(code, "") for code in national.SECTION_CODES}
    ready = report.pk is not None and report.ready
    args = [report.scheme.slug, report.kind]

    def link(fmt):
        content = report.pdf if fmt == "pdf" else report.xlsx
        if not (ready and content):
            return None
        return reverse("api:national-report-file", args=[*args, fmt], request=request)

    return {
        "scheme": report.scheme.slug,
        "moment": report.kind,
        "moment_label": str(report.get_kind_display()),
        "state": report.state,
        "state_label": report.get_state_display(),
        "progress": report.progress,
        "error": report.error,
        "generated_at": report.generated_at.isoformat() if report.generated_at else None,
        "texts": texts,
        "sections": [
            {"code": code, "label": str(label), "text": texts[code]}
            for code, label in national.SECTIONS
        ],
        "pdf": link("pdf"),
        "xlsx": link("xlsx"),
    }


def _allowed(user, *, compiles: bool = False) -> None:
    if not policy.can_view_national_reports(user):
        raise PermissionDenied(_("De landelijke rapportages zijn voor Cedris en SZW."))
    if compiles and not policy.can_compile_national_reports(user):
        raise PermissionDenied(_("Alleen Cedris stelt de landelijke rapportage samen."))


def _report(slug: str, moment: str, *, create: bool = False) -> NationalReport:
    """The report of this scheme and moment; an unsaved (idle) one until Cedris starts it."""
    scheme = get_object_or_404(Scheme, slug=slug)
    if moment not in {kind.value for kind in REPORT_KINDS}:
        raise Http404(_("Onbekend evaluatiemoment."))
    if create:
        return NationalReport.objects.get_or_create(scheme=scheme, kind=moment)[0]
    found = NationalReport.objects.filter(scheme=scheme, kind=moment).select_related("job").first()
    return found or NationalReport(scheme=scheme, kind=moment)


class NationalReportListView(APIView):
    @extend_schema(
        responses={200: NationalReportSerializer(many=True), **READ_REFUSALS},
        summary="Landelijke rapportages van een regeling, één per evaluatiemoment",
    )
    def get(self, request, slug):
        _allowed(request.user)
        scheme = get_object_or_404(Scheme, slug=slug)
        found = {
            r.kind: r for r in NationalReport.objects.filter(scheme=scheme).select_related("job")
        }
        reports = [
            found.get(k.value) or NationalReport(scheme=scheme, kind=k) for k in REPORT_KINDS
        ]
        return Response([_data(report, request) for report in reports])


class NationalReportView(APIView):
    @extend_schema(
        responses={200: NationalReportSerializer, **READ_REFUSALS},
        summary="Eén landelijke rapportage (stand en teksten)",
    )
    def get(self, request, slug, moment):
        _allowed(request.user)
        return Response(_data(_report(slug, moment), request))

    @extend_schema(
        request=TextsSerializer,
        responses={200: NationalReportSerializer, **REFUSALS},
        summary="Eigen teksten per onderdeel wijzigen (Cedris); maak daarna opnieuw",
    )
    def patch(self, request, slug, moment):
        _allowed(request.user, compiles=True)
        report = _report(slug, moment, create=True)
        body = TextsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        texts = {**(report.texts or {}), **body.validated_data["texts"]}
        report = national.save_texts(report, user=request.user, texts=texts)
        return Response(_data(report, request))


class NationalReportGenerateView(APIView):
    @extend_schema(
        request=None,
        responses={202: NationalReportSerializer, **READ_REFUSALS},
        summary="PDF en XLSX-bijlage op de achtergrond laten maken (Cedris); volg de stand",
    )
    def post(self, request, slug, moment):
        _allowed(request.user, compiles=True)
        report = national.start(_report(slug, moment, create=True), user=request.user)
        return Response(_data(report, request), status=status.HTTP_202_ACCEPTED)


class NationalReportFileView(APIView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            **READ_REFUSALS,
        },
        summary="De PDF of de XLSX-bijlage downloaden",
    )
    def get(self, request, slug, moment, fmt):
        _allowed(request.user)
        if fmt not in FILE_TYPES:
            raise Http404(_("Kies pdf of xlsx."))
        report = _report(slug, moment)
        content = report.pdf if fmt == "pdf" else report.xlsx
        if report.pk is None or not report.ready or not content:
            raise Http404(_("Deze rapportage is nog niet gemaakt."))
        response = HttpResponse(bytes(content), content_type=FILE_TYPES[fmt])
        name = f"{moment}-{report.scheme.slug}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# str, not slug: any unknown scheme reaches the view and gets the API's JSON 404, not the HTML page.
NATIONAL = "v1/schemes/<str:slug>/national-reports"

urlpatterns = [
    path(f"{NATIONAL}/", NationalReportListView.as_view(), name="national-report-list"),
    path(f"{NATIONAL}/<str:moment>/", NationalReportView.as_view(), name="national-report-detail"),
    path(
        f"{NATIONAL}/<str:moment>/generate/",
        NationalReportGenerateView.as_view(),
        name="national-report-generate",
    ),
    path(
        f"{NATIONAL}/<str:moment>/files/<str:fmt>/",
        NationalReportFileView.as_view(),
        name="national-report-file",
    ),
]
