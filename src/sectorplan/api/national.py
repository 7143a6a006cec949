"""The national level under /api/v1/: Cedris's national sector plan, SZW's decisions on its
sub-plans (one or many at once, all or none) and the overview of all regions of a scheme.

The same services, selectors and policy as assessment/national_views.py, in the same order."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sectorplan.accounts import policy
from sectorplan.assessment import selectors, services
from sectorplan.assessment.models import NationalPlan
from sectorplan.plans.models import Plan
from sectorplan.plans.selectors import plan_money
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Scheme

from .assessment import READ_REFUSALS, REFUSALS, DecisionSerializer
from .plans import run_service
from .serializers import IdField, MoneyField


def visible_national_plans(user):
    try:
        return selectors.visible_national_plans(user)
    except PermissionDenied as denied:
        raise ApiPermissionDenied(str(denied)) from None


class NationalPlanMemberSerializer(serializers.Serializer):
    """A regional sub-plan in a national plan."""

    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=PlanState.choices)
    state_label = serializers.CharField(source="get_state_display")
    national_contribution = serializers.SerializerMethodField()
    decision = DecisionSerializer(allow_null=True, help_text="SZW's decision, once made.")

    def get_national_contribution(self, plan) -> str:
        return MoneyField().to_representation(plan_money(plan).national_cents)


class NationalPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme.slug")
    title = serializers.CharField()
    cover_text = serializers.CharField()
    plans = NationalPlanMemberSerializer(many=True)
    created_by = serializers.CharField(source="created_by.username")
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True, help_text="Null until sent to SZW.")
    submitted_by = serializers.CharField(source="submitted_by.username", allow_null=True)


class NationalPlanWriteSerializer(serializers.Serializer):
    """Checked by services.save_national_plan, so refusals carry the page's Dutch messages."""

    scheme = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Scheme.objects.all(),
        help_text="Only when creating; a national plan keeps its scheme.",
    )
    title = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    cover_text = serializers.CharField(allow_blank=True, required=False, default="")
    plans = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Advised regional plans not yet sent to SZW in another national plan.",
    )


class DecisionRequestSerializer(serializers.Serializer):
    plans = serializers.ListField(
        child=IdField(),
        help_text="Sub-plans of this national plan: all are decided or none.",
    )
    decision = serializers.ChoiceField(choices=[("approve", "Goedkeuren"), ("reject", "Afwijzen")])
    reason = serializers.CharField(allow_blank=True, help_text="The motivation in the letter.")


@extend_schema_view(
    list=extend_schema(
        responses={200: NationalPlanSerializer(many=True), 403: READ_REFUSALS[403]},
        summary="Landelijke sectorplannen",
    ),
    retrieve=extend_schema(
        responses={200: NationalPlanSerializer, **READ_REFUSALS}, summary="Landelijk sectorplan"
    ),
)
class NationalPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Cedris drafts the national sector plan and sends it to SZW; SZW decides on its
    sub-plans. Cedris sees every national plan, SZW and BZK only those submitted."""

    serializer_class = NationalPlanSerializer
    queryset = NationalPlan.objects.none()  # for the schema; see get_queryset
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NationalPlan.objects.none()
        members = Plan.objects.select_related("scheme", "region", "decision__version").order_by(
            "region__code", "pk"
        )
        return (
            visible_national_plans(self.request.user)
            .select_related("scheme", "created_by", "submitted_by")
            .prefetch_related(Prefetch("plans", members))
            .order_by("-created_at", "-pk")
        )

    def _fresh(self, national_plan) -> dict:
        return NationalPlanSerializer(self.get_queryset().get(pk=national_plan.pk)).data

    @extend_schema(
        request=NationalPlanWriteSerializer,
        responses={201: NationalPlanSerializer, **REFUSALS},
        summary="Landelijk sectorplan opstellen (Cedris)",
    )
    def create(self, request, *args, **kwargs):
        visible_national_plans(request.user)  # as the page: others may not look (403)
        if not policy.can_review(request.user):
            raise ApiPermissionDenied(_("Alleen Cedris stelt het landelijk sectorplan op."))
        body = NationalPlanWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        created = run_service(
            lambda: services.save_national_plan(
                user=request.user,
                scheme=data["scheme"],
                title=data["title"],
                cover_text=data["cover_text"],
                plan_ids=[plan.pk for plan in data["plans"]],
            )
        )
        return Response(self._fresh(created), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=NationalPlanWriteSerializer,
        responses={200: NationalPlanSerializer, **REFUSALS},
        summary="Landelijk sectorplan wijzigen, zolang het niet is ingediend (Cedris)",
    )
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        if not (policy.can_review(request.user) and not item.submitted_at):
            raise ApiPermissionDenied(_("Dit landelijk sectorplan kan niet meer worden gewijzigd."))
        body = NationalPlanWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "scheme" in data and data["scheme"] != item.scheme:
            raise ValidationError({"scheme": [_("Dit veld verandert niet na het aanmaken.")]})
        plans = data["plans"] if "plans" in data else list(item.plans.all())
        run_service(
            lambda: services.save_national_plan(
                user=request.user,
                scheme=item.scheme,
                national_plan=item,
                title=data.get("title", item.title),
                cover_text=data.get("cover_text", item.cover_text),
                plan_ids=[plan.pk for plan in plans],
            )
        )
        return Response(self._fresh(item))

    @extend_schema(
        request=None,
        responses={200: NationalPlanSerializer, **REFUSALS},
        summary="Landelijk sectorplan indienen bij SZW (Cedris)",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        item = self.get_object()
        run_service(lambda: services.submit_national_plan(item, user=request.user))
        return Response(self._fresh(item))

    @extend_schema(
        request=DecisionRequestSerializer,
        responses={200: NationalPlanMemberSerializer(many=True), **REFUSALS},
        summary="Besluiten over deelplannen (SZW): alle of geen",
    )
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        item = self.get_object()
        if not (item.submitted_at and policy.can_decide(request.user)):
            raise ApiPermissionDenied(_("Alleen SZW besluit over de deelplannen."))
        body = DecisionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        # As the page: only this national plan's sub-plans can be chosen.
        members = set(item.plans.values_list("pk", flat=True))
        strangers = [pk for pk in data["plans"] if pk not in members]
        if strangers:
            refusals = [
                _("Plan %(id)s hoort niet bij dit landelijk sectorplan.") % {"id": pk}
                for pk in strangers
            ]
            raise ValidationError({"plans": refusals})
        decided = run_service(
            lambda: services.decide(
                data["plans"],
                user=request.user,
                approve=data["decision"] == "approve",
                reason=data["reason"],
            )
        )
        plans = (
            Plan.objects.filter(pk__in=[plan.pk for plan in decided])
            .select_related("scheme", "region", "decision__version")
            .order_by("region__code", "pk")
        )
        return Response(NationalPlanMemberSerializer(plans, many=True).data)
