"""Payments under /api/v1/: batches for BZK with their reconciliation, what is left over with the
what-if redistribution, and allocation runs compared. Same services and policy as the pages."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.allocation.models import AllocationRun
from sectorplan.payments import selectors, services
from sectorplan.payments.models import PaymentBatch
from sectorplan.registry.models import Scheme

from .plans import run_service
from .serializers import MoneyField


def _require_view(user):
    if not policy.can_view_payments(user):
        raise ApiPermissionDenied(_("Alleen voor Cedris, SZW en BZK."))


class PaymentPlanSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan_id")
    title = serializers.CharField(source="plan.title")
    decision = serializers.CharField(source="decision.reference")
    amount = MoneyField(source="amount_cents")


class ReconciledLineSerializer(serializers.Serializer):
    region = serializers.CharField(source="line.region.code")
    region_name = serializers.CharField(source="line.region.name")
    central_municipality = serializers.CharField(source="line.municipality.name")
    amount = MoneyField(source="line.amount_cents")
    granted = MoneyField(source="granted_cents")
    reservation = MoneyField(source="reservation_cents", allow_null=True)
    plans = PaymentPlanSerializer(source="line.items", many=True)


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme.slug")
    number = serializers.IntegerField()
    state = serializers.CharField()
    created_at = serializers.DateTimeField()
    paid_on = serializers.DateField(allow_null=True)


class BatchDetailSerializer(BatchSerializer):
    total = MoneyField(source="report.paid_cents")
    granted = MoneyField(source="report.granted_cents")
    reconciles = serializers.BooleanField(source="report.is_clean")
    differences = serializers.ListField(child=serializers.CharField(), source="report.differences")
    lines = ReconciledLineSerializer(source="report.lines", many=True)


def _detail(batch: PaymentBatch) -> dict:
    batch.report = selectors.reconcile(batch)
    return BatchDetailSerializer(batch).data


class BatchListView(APIView):
    @extend_schema(responses=BatchSerializer(many=True), summary="Betaalbatches")
    def get(self, request, slug):
        _require_view(request.user)
        scheme = get_object_or_404(Scheme, slug=slug)
        batches = PaymentBatch.objects.filter(scheme=scheme).select_related("scheme")
        return Response(BatchSerializer(batches, many=True).data)

    @extend_schema(
        request=None,
        responses={201: BatchDetailSerializer},
        summary="Betaalbatch voorbereiden (Cedris): alle beschikte, nog niet betaalde plannen",
    )
    def post(self, request, slug):
        _require_view(request.user)
        scheme = get_object_or_404(Scheme, slug=slug)
        batch = run_service(lambda: services.prepare_batch(scheme, user=request.user))
        return Response(_detail(batch), status=status.HTTP_201_CREATED)


def _batch(request, pk) -> PaymentBatch:
    _require_view(request.user)
    return get_object_or_404(PaymentBatch.objects.select_related("scheme"), pk=pk)


class BatchDetailView(APIView):
    @extend_schema(responses=BatchDetailSerializer, summary="Betaalbatch met aansluiting")
    def get(self, request, pk):
        return Response(_detail(_batch(request, pk)))


class BatchPaidView(APIView):
    @extend_schema(
        request=None,
        responses=BatchDetailSerializer,
        summary="Hele batch als betaald markeren (BZK): alle plannen worden 'paid', of geen",
    )
    def post(self, request, pk):
        batch = run_service(lambda: services.mark_paid(_batch(request, pk), user=request.user))
        return Response(_detail(batch))


class BatchCancelView(APIView):
    @extend_schema(request=None, responses=BatchSerializer, summary="Batch intrekken (Cedris)")
    def post(self, request, pk):
        batch = _batch(request, pk)
        run_service(lambda: services.cancel_batch(batch, user=request.user))
        batch.refresh_from_db()
        return Response(BatchSerializer(batch).data)


class LeftoverRowSerializer(serializers.Serializer):
    region = serializers.CharField(source="row.region.code")
    reservation = MoneyField(source="row.reservation_cents")
    granted = MoneyField(source="row.granted_cents")
    requested = MoneyField(source="row.requested_cents")
    leftover = MoneyField(source="row.leftover_cents")
    after_redistribution = MoneyField(source="new_cents", allow_null=True)


class LeftoverSerializer(serializers.Serializer):
    total_leftover = MoneyField(source="total_cents")
    redistribution_possible = serializers.BooleanField()
    why_not = serializers.CharField(allow_blank=True)
    receivers = serializers.ListField(child=serializers.CharField())
    regions = LeftoverRowSerializer(many=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class SavedRunSerializer(serializers.Serializer):
    allocation_run = serializers.IntegerField(help_text="het nummer van de nieuwe verdeling")


class LeftoverView(APIView):
    @extend_schema(responses=LeftoverSerializer, summary="Restant per regio en wat-als")
    def get(self, request, slug):
        _require_view(request.user)
        scheme = get_object_or_404(Scheme, slug=slug)
        rows = selectors.leftover(scheme)
        try:
            what_if, why_not = selectors.redistribution(scheme), ""
        except selectors.NothingToRedistribute as nothing:
            what_if, why_not = None, str(nothing)
        new = what_if.new_amounts if what_if else {}
        data = {
            "total_cents": sum(r.leftover_cents for r in rows),
            "redistribution_possible": what_if is not None,
            "why_not": why_not,
            "receivers": what_if.receivers if what_if else [],
            "regions": [{"row": r, "new_cents": new.get(r.region.code)} for r in rows],
        }
        return Response(LeftoverSerializer(data).data)

    @extend_schema(
        request=ReasonSerializer,
        responses={201: SavedRunSerializer},
        summary="Herverdeling opslaan als nieuwe verdeling (Cedris, met reden)",
    )
    def post(self, request, slug):
        _require_view(request.user)
        scheme = get_object_or_404(Scheme, slug=slug)
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = run_service(
            lambda: services.save_redistribution(
                scheme, user=request.user, reason=body.validated_data["reason"]
            )
        )
        return Response({"allocation_run": run.number}, status=status.HTTP_201_CREATED)


class RunComparisonRowSerializer(serializers.Serializer):
    region = serializers.CharField()
    first = MoneyField()
    second = MoneyField()
    difference = MoneyField()


class RunComparisonView(APIView):
    """Any two allocation runs side by side: public, like the budget."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("a", int, description="eerste verdeling (nummer)"),
            OpenApiParameter("b", int, description="tweede verdeling (nummer)"),
        ],
        responses=RunComparisonRowSerializer(many=True),
        summary="Twee verdelingen vergelijken",
    )
    def get(self, request, slug):
        scheme = get_object_or_404(Scheme, slug=slug)
        runs = {r.number: r for r in AllocationRun.objects.filter(scheme=scheme)}
        try:
            first, second = runs[int(request.GET["a"])], runs[int(request.GET["b"])]
        except (KeyError, ValueError):
            raise ValidationError(
                {"a": [_("Kies twee bestaande verdelingen: %(runs)s.") % {"runs": sorted(runs)}]}
            ) from None
        rows = [
            {"region": region.code, "first": a, "second": b, "difference": b - a}
            for region, a, b in selectors.compare_runs(first, second)
        ]
        return Response(RunComparisonRowSerializer(rows, many=True).data)
