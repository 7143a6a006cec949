"""Schemes as data under /api/v1/schemes/ (issue 18): the list with each scheme's state, a
scheme's definition document, and creating or updating a scheme from one. The same check and
load as the page /regelingen/ and `sectorplan create-scheme`; the body is the definition file as
it is (docs/formats/scheme-definition-v1.md), read as hostile input is."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.definition import (
    MAX_FILE_BYTES,
    define_scheme,
    definition_of,
    read_definition,
)
from sectorplan.plans.selectors import region_sets_with_counts, schemes_with_state
from sectorplan.registry.loading import SchemeDataError
from sectorplan.registry.models import Scheme

DEFINITION_BODY = {
    "application/json": {
        "type": "object",
        "description": "Een definitie zoals docs/formats/scheme-definition-v1.md en "
        "docs/formats/scheme-definition-v1.schema.json beschrijven.",
    }
}


class SchemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    national_contribution_cents = serializers.IntegerField()
    region_set = serializers.SlugField(
        source="region_set.slug", help_text="de indeling in arbeidsmarktregio's"
    )
    plans = serializers.IntegerField(source="plan_count")
    submitted_plans = serializers.IntegerField(source="submitted")
    open = serializers.SerializerMethodField(help_text="nog geen plan ingediend: te wijzigen")

    def get_open(self, scheme) -> bool:
        return not scheme.submitted


class RegionSetSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="zoals een definitie haar noemt in region_set")
    name = serializers.CharField(source="label")
    source = serializers.CharField()
    regions = serializers.IntegerField(source="region_count")
    schemes = serializers.IntegerField(source="scheme_count")


class DefinedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    created = serializers.BooleanField(help_text="false: een bestaande regeling is bijgewerkt")
    allocation_run = serializers.IntegerField(allow_null=True, help_text="de nieuwe verdeling")


class ProblemsSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    problems = serializers.ListField(child=serializers.CharField())


def _require_office(user):
    if not policy.can_view_schemes(user):
        raise ApiPermissionDenied(_("Deze gegevens zijn voor het programmabureau."))


def _refused(problems) -> Response:
    return Response({"valid": False, "problems": problems}, status=status.HTTP_400_BAD_REQUEST)


def _too_big(request) -> Response | None:
    if len(request.body) > MAX_FILE_BYTES:
        return _refused(
            [_("Het bestand is groter dan 1 MB; een definitie is maar enkele kilobytes.")]
        )
    return None


class SchemeListView(APIView):
    @extend_schema(responses=SchemeSerializer(many=True), summary="Regelingen en hun stand")
    def get(self, request):
        _require_office(request.user)
        return Response(SchemeSerializer(schemes_with_state(), many=True).data)

    @extend_schema(
        request=DEFINITION_BODY,
        responses={201: DefinedSerializer, 400: ProblemsSerializer},
        summary="Regeling aanmaken of bijwerken uit haar definitie (beheerder programmabureau)",
        description="Een onjuiste definitie wordt in haar geheel geweigerd (400) met elk "
        "probleem en zijn plaats; er verandert dan niets. Bijwerken kan zolang geen plan van "
        "de regeling is ingediend.",
    )
    def post(self, request):
        if not policy.can_define_scheme(request.user):
            raise ApiPermissionDenied(
                _("Alleen een beheerder van het programmabureau maakt regelingen aan.")
            )
        if refused := _too_big(request):
            return refused
        try:
            scheme, created, run = define_scheme(request.body, actor=request.user)
        except ExchangeError as error:
            return _refused(error.messages)
        except SchemeDataError as error:
            return _refused([str(error)])
        data = {"slug": scheme.slug, "created": created, "allocation_run": run and run.number}
        return Response(DefinedSerializer(data).data, status=status.HTTP_201_CREATED)


class SchemeCheckView(APIView):
    @extend_schema(
        request=DEFINITION_BODY,
        responses={200: ProblemsSerializer, 400: ProblemsSerializer},
        summary="Een definitie alleen controleren; er verandert niets",
        examples=[
            OpenApiExample(
                "Geweigerd",
                value={"valid": False, "problems": ["themes[1].code: dezelfde code als themes[0]"]},
                response_only=True,
                status_codes=["400"],
            )
        ],
    )
    def post(self, request):
        _require_office(request.user)
        if refused := _too_big(request):
            return refused
        try:
            read_definition(request.body)
        except ExchangeError as error:
            return _refused(error.messages)
        return Response({"valid": True, "problems": []})


class RegionSetListView(APIView):
    @extend_schema(
        responses=RegionSetSerializer(many=True),
        summary="Regio-indelingen: de geladen indelingen in arbeidsmarktregio's met hun bron",
    )
    def get(self, request):
        _require_office(request.user)
        return Response(RegionSetSerializer(region_sets_with_counts(), many=True).data)


class SchemeDefinitionView(APIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="De definitie van een regeling")
    def get(self, request, slug):
        _require_office(request.user)
        return Response(definition_of(get_object_or_404(Scheme, slug=slug)))
