"""Progress reports under /api/v1/: a plan's reports (list, create or change the draft), one
report (read, change), and submitting it. Same services, selectors and policy as the pages in
sectorplan.monitoring; sectorplan.api.urls appends `urlpatterns` (names in the "api" namespace).

Order of checks: logged in (403), allowed (403), the object exists (404), then the service
decides (400 with its Dutch message; 409 when the version is stale)."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.monitoring import report_selectors as selectors
from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import REPORT_KIND_CHOICES, ActivityStatus, ProgressReport
from sectorplan.monitoring.reports import ORDER
from sectorplan.plans.models import Plan

from .plans import Conflict, run_service
from .schema import CONFLICT
from .serializers import AsciiDecimalField, AsciiIntegerField, IdField


class ActivityProgressSerializer(serializers.Serializer):
    activity = IdField()
    # Null in an answer while the activity has no status yet; a save without one is refused by
    # the service with its Dutch message (400).
    status = serializers.ChoiceField(choices=ActivityStatus.choices, allow_null=True)
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    achieved_quantity = AsciiDecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    planned_quantity = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )
    unit = serializers.CharField(read_only=True)


class GoalProgressSerializer(serializers.Serializer):
    goal = IdField()
    achieved_quantity = AsciiDecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    planned_quantity = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    unit = serializers.CharField(read_only=True)


class ReportAnswerSerializer(serializers.Serializer):
    question = serializers.CharField(read_only=True)
    answer = serializers.CharField(allow_blank=True)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    plan = serializers.IntegerField(source="plan_id", read_only=True)
    # The evaluation moment: the kind of the timeline's milestone ("kind" names other enums).
    moment = serializers.ChoiceField(choices=REPORT_KIND_CHOICES)
    state = serializers.CharField(read_only=True)
    version = AsciiIntegerField(required=False)
    deadline = serializers.DateField(read_only=True, allow_null=True)
    went_well = serializers.CharField(required=False, allow_blank=True)
    went_badly = serializers.CharField(required=False, allow_blank=True)
    good_practice = serializers.CharField(required=False, allow_blank=True)
    answers = ReportAnswerSerializer(
        many=True,
        required=False,
        help_text="The questions the scheme asks at this moment, in order, with their answers; "
        "send an answer for each question, in the same order.",
    )
    activities = ActivityProgressSerializer(many=True, required=False)
    goals = GoalProgressSerializer(many=True, required=False)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ReportUpdateSerializer(ReportSerializer):
    moment = serializers.ChoiceField(choices=REPORT_KIND_CHOICES, read_only=True)


def _data(report: ProgressReport) -> dict:
    due = next(
        (d for d in selectors.due_items([report.plan]) if d.kind == report.kind),
        None,
    )
    return {
        "id": report.pk,
        "plan": report.plan_id,
        "moment": report.kind,
        "state": report.state,
        "version": report.version,
        "deadline": due.deadline.isoformat() if due else None,
        **{name: getattr(report, name) for name in services.REPORT_FIELDS},
        "answers": [
            {"question": question, "answer": answer}
            for question, answer in selectors.answer_rows(
                report, selectors.moment_questions(report.plan, report.kind)
            )
        ],
        "activities": [
            {
                "activity": row.subject.pk,
                "status": row.progress.status if row.progress else None,
                "explanation": row.progress.explanation if row.progress else "",
                "achieved_quantity": _number(row.achieved_quantity),
                "planned_quantity": _number(row.planned_quantity),
                "unit": row.unit,
            }
            for row in selectors.activity_rows(report.plan, report)
        ],
        "goals": [
            {
                "goal": row.subject.pk,
                "achieved_quantity": _number(row.achieved_quantity),
                "explanation": row.progress.explanation if row.progress else "",
                "planned_quantity": _number(row.planned_quantity),
                "unit": row.unit,
            }
            for row in selectors.goal_rows(report.plan, report)
        ],
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
    }


def _number(value):
    return None if value is None else str(value)


def _save(plan: Plan, kind: str, user, data: dict) -> ProgressReport:
    activities = {
        item["activity"]: {
            "status": item["status"],
            "explanation": item.get("explanation", ""),
            "achieved_quantity": item.get("achieved_quantity"),
        }
        for item in data.get("activities", [])
    }
    goals = {
        item["goal"]: {
            "achieved_quantity": item.get("achieved_quantity"),
            "explanation": item.get("explanation", ""),
        }
        for item in data.get("goals", [])
    }
    fields = {name: data[name] for name in services.REPORT_FIELDS if name in data}
    answers = [item["answer"] for item in data["answers"]] if "answers" in data else None
    return _run(
        lambda: services.save_report(
            plan,
            kind,
            user=user,
            version=data.get("version"),
            activities=activities,
            goals=goals,
            answers=answers,
            **fields,
        )
    )


def _run(call):
    try:
        return run_service(call)
    except services.ReportConflict as conflict:
        raise Conflict(str(conflict), conflict.current.version) from None


def _readable(user, pk: int) -> ProgressReport:
    report = get_object_or_404(ProgressReport.objects.select_related("plan"), pk=pk)
    if not policy.can_view_progress_report(user, report.plan, report.is_submitted):
        raise ApiPermissionDenied(_("Deze rapportage is niet voor u zichtbaar."))
    return report


class PlanReportsView(APIView):
    @extend_schema(
        responses=ReportSerializer(many=True), summary="Voortgangsrapportages van een plan"
    )
    def get(self, request, plan_pk):
        if not policy.can_view_progress_reports(request.user):
            raise ApiPermissionDenied(_("Voortgangsrapportages zijn niet voor uw organisatie."))
        plan = get_object_or_404(Plan, pk=plan_pk)
        if not policy.can_view_progress_report(request.user, plan, True):
            raise ApiPermissionDenied(_("De rapportages van dit plan zijn niet voor u zichtbaar."))
        reports = selectors.visible_reports(request.user).filter(plan=plan)
        ordered = sorted(reports, key=lambda report: ORDER[report.kind])
        return Response([_data(report) for report in ordered])

    @extend_schema(
        request=ReportSerializer,
        # Posting again changes the draft, so a stale version is refused as on PATCH.
        responses={201: ReportSerializer, 200: ReportSerializer, 409: CONFLICT},
        summary="Concept van een rapportage opslaan (SW-bedrijven van de regio)",
    )
    def post(self, request, plan_pk):
        plan = get_object_or_404(Plan, pk=plan_pk)
        if not policy.can_write_progress_report(request.user, plan):
            raise ApiPermissionDenied(
                _("Alleen de SW-bedrijven van de regio schrijven rapportages.")
            )
        body = ReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kind = body.validated_data["moment"]
        existed = ProgressReport.objects.filter(plan=plan, kind=kind).exists()
        report = _save(plan, kind, request.user, body.validated_data)
        # One report per plan and moment: posting again changes the draft (200).
        return Response(_data(report), status=status.HTTP_200_OK if existed else 201)


class ReportView(APIView):
    @extend_schema(responses=ReportSerializer, summary="Eén voortgangsrapportage")
    def get(self, request, pk):
        return Response(_data(_readable(request.user, pk)))

    @extend_schema(
        request=ReportUpdateSerializer,
        responses=ReportSerializer,
        summary="Concept wijzigen (geef version mee om gelijktijdige wijzigingen te merken)",
    )
    def patch(self, request, pk):
        report = _readable(request.user, pk)
        if not policy.can_write_progress_report(request.user, report.plan):
            raise ApiPermissionDenied(
                _("Alleen de SW-bedrijven van de regio schrijven rapportages.")
            )
        body = ReportUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        report = _save(report.plan, report.kind, request.user, body.validated_data)
        return Response(_data(report))


class SubmitBodySerializer(serializers.Serializer):
    version = AsciiIntegerField(required=False)


class ReportSubmitView(APIView):
    @extend_schema(
        request=SubmitBodySerializer,
        responses=ReportSerializer,
        summary="Rapportage indienen: compleet en uiterlijk op de laatste dag (of na uitstel)",
    )
    def post(self, request, pk):
        report = _readable(request.user, pk)
        if not policy.can_write_progress_report(request.user, report.plan):
            raise ApiPermissionDenied(
                _("Alleen de SW-bedrijven van de regio dienen rapportages in.")
            )
        body = SubmitBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = _run(
            lambda: services.submit_report(
                report.plan,
                report.kind,
                user=request.user,
                version=body.validated_data.get("version"),
            )
        )
        return Response(_data(report))


urlpatterns = [
    path(
        "v1/plans/<int:plan_pk>/progress-reports/",
        PlanReportsView.as_view(),
        name="progress-report-list",
    ),
    path("v1/progress-reports/<int:pk>/", ReportView.as_view(), name="progress-report-detail"),
    path(
        "v1/progress-reports/<int:pk>/submit/",
        ReportSubmitView.as_view(),
        name="progress-report-submit",
    ),
]
