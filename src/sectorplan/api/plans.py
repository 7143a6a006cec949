"""Plans and their parts under /api/v1/: the same services, rules and policy as the pages."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from sectorplan.accounts import policy
from sectorplan.assessment import frozen
from sectorplan.plans import services, summary_cache, workflow
from sectorplan.plans.filters import PlanFilter, listing
from sectorplan.plans.models import Activity, BudgetLine, Commitment, Goal, Participant, Plan
from sectorplan.plans.selectors import with_money_totals
from sectorplan.registry.models import ActivityType, Scheme, SwCompany

from . import plan_rows
from .serializers import ASCII_NUMBERS, MoneyField, SchemeRegionField


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, message: str, current_version: int):
        super().__init__()
        self.detail = {"version": [message], "current_version": current_version}


def run_service(call):
    """Translates the domain's refusals into API errors, with the same Dutch messages."""
    try:
        return call()
    except services.EditConflict as conflict:
        raise Conflict(str(conflict), conflict.current.version) from None
    except DjangoValidationError as error:
        raise ValidationError(
            getattr(error, "message_dict", {"non_field_errors": error.messages})
        ) from None
    except PermissionDenied as denied:
        raise ApiPermissionDenied(str(denied)) from None
    except workflow.TransitionRefused as refused:
        raise ValidationError({"transition": [str(refused)]}) from None


class PlanSerializer(serializers.ModelSerializer):
    serializer_field_mapping = ASCII_NUMBERS
    scheme = serializers.SlugRelatedField(slug_field="slug", queryset=Scheme.objects.all())
    region = SchemeRegionField()
    national_contribution = serializers.SerializerMethodField()
    committed_cofinancing = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "scheme",
            "region",
            "title",
            "summary",
            "kind",
            "state",
            "version",
            "municipality_contact_name",
            "municipality_contact_email",
            "is_demo",
            "national_contribution",
            "committed_cofinancing",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["state", "is_demo", "created_at", "updated_at"]
        extra_kwargs = {"version": {"required": False}}

    def get_national_contribution(self, plan) -> str:
        return plan_rows.money(plan, "national")

    def get_committed_cofinancing(self, plan) -> str:
        return plan_rows.money(plan, "committed")

    def to_representation(self, plan):
        data = super().to_representation(plan)
        request = self.context.get("request")
        if "shown_versions" in self.context:  # the list fetched them for the whole page
            shown = self.context["shown_versions"].get(plan.pk)
        else:
            shown = frozen.version_for(request.user, plan) if request else None
        # Assessors and ministries read the submitted version while it is reworked.
        return plan_rows.with_shown_version(data, shown)


class TransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=[])
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    points = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=list,
        help_text="The points to change, one text each: needed where needs_points is true.",
    )

    def get_fields(self):
        fields = super().get_fields()
        # Asked now, not at import: other apps register transitions when they are ready.
        fields["transition"].choices = sorted(
            (code, str(t.label)) for code, t in workflow.TRANSITIONS.items()
        )
        return fields


class AvailableTransitionSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    needs_reason = serializers.BooleanField()
    needs_points = serializers.BooleanField()
    # The page's answer too (workflow.options): false with the reason when the rules or the
    # timeline would refuse the step now, and the date its window opens if that is all.
    possible = serializers.BooleanField()
    refused = serializers.CharField()
    opens_on = serializers.DateField(allow_null=True)


class Pages(PageNumberPagination):
    """50 plans a page, as on /plannen/; `pagina` as there. The answer holds count, next,
    previous and results."""

    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # A page past the end is bad input (400, as the schema says), not a missing path.
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError({"pagina": [_("Deze pagina bestaat niet.")]}) from None


class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PlanSerializer
    queryset = Plan.objects.none()  # for the schema; see get_queryset
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    # The list takes the filters of /plannen/ (search, region, state, waits for, late, demo,
    # sort) and answers in pages.
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlanFilter
    pagination_class = Pages

    def get_queryset(self):
        plans = policy.visible_plans(self.request.user)
        if self.action != "list":
            return plans.select_related("scheme", "region").order_by("pk")
        # Only the list: a plan saved by PATCH must not answer with totals read before it.
        return with_money_totals(listing(plans).select_related("scheme")).order_by("pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.shown_versions = frozen.versions_for(self.request.user, page or [])
        return page

    def list(self, request, *args, **kwargs):
        # The same for everyone who sees the same plans with the same parameters, so kept until
        # a plan changes (summary_cache.for_viewer); its page links hold the address asked for.
        data = summary_cache.cached(
            "plan-list-api",
            self._page,
            *summary_cache.for_viewer(request),
            request.build_absolute_uri("/"),
        )
        return Response(data)

    def _page(self) -> dict:
        # PlanSerializer's data, built without running DRF field by field (plan_rows).
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = [plan_rows.plan_row(plan, self.shown_versions.get(plan.pk)) for plan in page]
        return self.get_paginated_response(rows).data

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "shown_versions"):
            context["shown_versions"] = self.shown_versions
        return context

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method == "PATCH" and not policy.can_edit_plan(request.user, obj):
            raise ApiPermissionDenied(_("U mag dit plan nu niet wijzigen."))

    def create(self, request, *args, **kwargs):
        if not policy.can_create_plan(request.user):
            raise ApiPermissionDenied(_("Alleen medewerkers van een SW-bedrijf maken een plan."))
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = run_service(
            lambda: services.create_plan(user=self.request.user, **data)
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError(
                {"version": [_("Geef de versie waarop uw wijziging voortbouwt.")]}
            )
        version = data.pop("version")
        for fixed in ("scheme", "region"):
            if fixed in data and data.pop(fixed) != getattr(serializer.instance, fixed):
                raise ValidationError({fixed: [_("Dit veld verandert niet na het aanmaken.")]})
        serializer.instance = run_service(
            lambda: services.update_plan(
                serializer.instance, user=self.request.user, version=version, **data
            )
        )

    @extend_schema(
        methods=["GET"],
        responses=AvailableTransitionSerializer(many=True),
        summary="The transitions this user may take from the plan's state; possible=false with "
        "the reason (and opens_on) when the rules or the timeline would refuse it now",
    )
    @extend_schema(methods=["POST"], request=TransitionSerializer, responses=PlanSerializer)
    # Not a list of plans: neither filtered nor paged.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def transitions(self, request, pk=None):
        plan = self.get_object()
        if request.method == "GET":
            options = workflow.options(plan, request.user)
            return Response(AvailableTransitionSerializer(options, many=True).data)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = run_service(
            lambda: workflow.take(
                plan,
                serializer.validated_data["transition"],
                user=request.user,
                reason=serializer.validated_data["reason"],
                points=serializer.validated_data["points"],
            )
        )
        return Response(PlanSerializer(plan).data)


class PartSerializer(serializers.ModelSerializer):
    serializer_field_mapping = ASCII_NUMBERS

    class Meta:
        fields = ["id", "version"]
        read_only_fields = ["id"]
        extra_kwargs = {"version": {"required": False}}


class ParticipantSerializer(PartSerializer):
    sw_company = serializers.SlugRelatedField(slug_field="name", queryset=SwCompany.objects.all())

    class Meta(PartSerializer.Meta):
        model = Participant
        fields = [*PartSerializer.Meta.fields, *services.PART_FIELDS[Participant]]


class GoalSerializer(PartSerializer):
    class Meta(PartSerializer.Meta):
        model = Goal
        fields = [*PartSerializer.Meta.fields, *services.PART_FIELDS[Goal]]


class ActivitySerializer(PartSerializer):
    activity_type = serializers.SlugRelatedField(
        slug_field="code", queryset=ActivityType.objects.all()
    )
    theme = serializers.CharField(source="activity_type.theme.code", read_only=True)

    class Meta(PartSerializer.Meta):
        model = Activity
        fields = [*PartSerializer.Meta.fields, "theme", *services.PART_FIELDS[Activity]]


class BudgetLineSerializer(PartSerializer):
    national_contribution = MoneyField(source="national_contribution_cents")
    cofinancing = MoneyField(source="cofinancing_cents")

    class Meta(PartSerializer.Meta):
        model = BudgetLine
        fields = [
            *PartSerializer.Meta.fields,
            "cost_category",
            "description",
            "national_contribution",
            "cofinancing",
        ]


class CommitmentSerializer(PartSerializer):
    amount = MoneyField(source="amount_cents")
    # Null until the municipality commits (status "pending").
    committed_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta(PartSerializer.Meta):
        model = Commitment
        fields = [
            *PartSerializer.Meta.fields,
            "funder_kind",
            "funder_name",
            "amount",
            "status",
            "committed_by",
            "committed_at",
        ]
        read_only_fields = ["id", "status", "committed_by", "committed_at"]


FROZEN_SECTIONS = {
    Participant: "participants",
    Goal: "goals",
    Activity: "activities",
    BudgetLine: "budget_lines",
    Commitment: "commitments",
}


class PlanPartViewSet(viewsets.ModelViewSet):
    """Parts of one plan: /api/v1/plans/{plan_pk}/<part>/."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = "[0-9]+"

    def plan(self) -> Plan:
        if not hasattr(self, "_plan"):
            try:
                self._plan = policy.visible_plans(self.request.user).get(pk=self.kwargs["plan_pk"])
            except (Plan.DoesNotExist, ValueError):
                raise NotFound(_("Dit plan bestaat niet of u mag het niet zien.")) from None
        return self._plan

    def get_queryset(self):
        return self.serializer_class.Meta.model.objects.filter(plan=self.plan()).order_by("pk")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not getattr(
            self, "swagger_fake_view", False
        ):
            plan, model = self.plan(), self.serializer_class.Meta.model
            if not (
                policy.can_edit_plan(request.user, plan)
                or (model is Commitment and policy.can_commit_cofinancing(request.user, plan))
            ):
                raise ApiPermissionDenied(_("U mag dit plan nu niet wijzigen."))

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def _frozen_rows(self) -> list | None:
        """The parts of the submitted version, for those who see that instead of the draft."""
        shown = frozen.version_for(self.request.user, self.plan())
        if shown is None:
            return None
        return frozen.parts(shown, self.plan())[FROZEN_SECTIONS[self.serializer_class.Meta.model]]

    def list(self, request, *args, **kwargs):
        rows = self._frozen_rows()
        if rows is None:
            return super().list(request, *args, **kwargs)
        return Response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        rows = self._frozen_rows()
        if rows is None:
            return super().retrieve(request, *args, **kwargs)
        row = next((r for r in rows if str(r.pk) == str(kwargs["pk"])), None)
        if row is None:
            raise NotFound(_("Dit onderdeel hoort niet bij de ingediende versie van het plan."))
        return Response(self.get_serializer(row).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        model = self.serializer_class.Meta.model
        serializer.instance = run_service(
            lambda: services.add_part(self.plan(), model, user=self.request.user, **data)
        )

    def _version(self, data):
        if "version" not in data:
            raise ValidationError(
                {"version": [_("Geef de versie waarop uw wijziging voortbouwt.")]}
            )
        return data.pop("version")

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = self._version(data)
        serializer.instance = run_service(
            lambda: services.change_part(
                serializer.instance, user=self.request.user, version=version, **data
            )
        )

    def perform_destroy(self, instance):
        text = self.request.query_params.get("version", str(instance.version)).strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 9):
            raise ValidationError(
                {"version": [_("De versie moet een geheel getal zijn; er is niets gewijzigd.")]}
            )
        version = int(text)
        run_service(lambda: services.remove_part(instance, user=self.request.user, version=version))


def part_viewset(serializer):
    return type(
        f"{serializer.Meta.model.__name__}ViewSet",
        (PlanPartViewSet,),
        {
            "serializer_class": serializer,
            "queryset": serializer.Meta.model.objects.none(),  # for the schema; see get_queryset
        },
    )


PART_VIEWSETS = {
    "participants": part_viewset(ParticipantSerializer),
    "goals": part_viewset(GoalSerializer),
    "activities": part_viewset(ActivitySerializer),
    "budget-lines": part_viewset(BudgetLineSerializer),
    "commitments": part_viewset(CommitmentSerializer),
}
