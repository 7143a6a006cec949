"""The activity map under /api/v1/: the same JSON as the page's numbers and as
`sectorplan overview <slug> --format json` (monitoring.selectors.overview_json builds it).

Public for approved plans, like the page; `?plans=submitted` only for whom the page allows it."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.monitoring.selectors import (
    APPROVED,
    SELECTIONS,
    activity_overview,
    may_select,
    overview_json,
)
from sectorplan.registry.models import Scheme


# These serializers document the response; the view returns overview_json() as it is, and a
# test checks that their fields are exactly its keys.
class ActivityTypeCountSerializer(serializers.Serializer):
    """One activity type: in how many regions and plans it occurs, the share and where."""

    code = serializers.CharField()
    theme = serializers.CharField(help_text="The theme's code.")
    theme_number = serializers.IntegerField()
    label = serializers.CharField()
    regions = serializers.IntegerField(
        help_text="Regions whose counted plans have at least one activity of this type."
    )
    plans = serializers.IntegerField(help_text="Counted plans with an activity of this type.")
    share = serializers.CharField(
        allow_null=True,
        help_text="regions / regions_counted as a decimal string with 4 decimals ('0.8857'); "
        "null when no plan counts.",
    )
    region_codes = serializers.ListField(child=serializers.CharField())


class ActivityOverviewSerializer(serializers.Serializer):
    """The activity map of a scheme over the selected plans."""

    scheme = serializers.CharField()
    selection = serializers.ChoiceField(choices=sorted(SELECTIONS))
    states = serializers.ListField(child=serializers.CharField(), help_text="States counted.")
    plans_counted = serializers.IntegerField()
    regions_counted = serializers.IntegerField(
        help_text="Regions with at least one counted plan: the denominator of every share. "
        "A region counts once, however many plans it has."
    )
    regions_total = serializers.IntegerField()
    demo = serializers.BooleanField(help_text="True when demo plans are among those counted.")
    demo_notice = serializers.CharField(allow_null=True)
    demo_plans = serializers.IntegerField()
    activity_types = ActivityTypeCountSerializer(many=True)


class SchemeActivityOverviewView(APIView):
    """Per activity type: in how many regions (and plans) it occurs, the share, and where."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "plans",
                OpenApiTypes.STR,
                enum=sorted(SELECTIONS),
                description="approved (default, public): approved by SZW and later states; "
                "submitted: every plan submitted to Cedris except rejected ones (Cedris, SZW, "
                "BZK only).",
            )
        ],
        responses=ActivityOverviewSerializer,
        summary="Activiteitenkaart: activiteitstypen per regio",
    )
    def get(self, request, slug):
        scheme = get_object_or_404(Scheme, slug=slug)
        selection = request.query_params.get("plans", APPROVED)
        if selection not in SELECTIONS:
            raise ValidationError(
                {
                    "plans": [
                        _("Kies uit: %(choices)s.")
                        % {"choices": ", ".join(sorted(SELECTIONS))}
                    ]
                }
            )
        if not may_select(request.user, selection):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            raise PermissionDenied(_("Alle ingediende plannen tellen is voor Cedris en SZW/BZK."))
        return Response(overview_json(activity_overview(scheme, selection)))
