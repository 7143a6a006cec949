"""The progress overview as data: one row per region with its plans counted by state, by whom
they wait for and how many are late, counted by the database as on /beoordeling/ (issue 15).
Each count links to the filtered plan list, where the plans themselves are paged."""

from functools import partial
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.assessment import queues
from sectorplan.assessment.progress import Party
from sectorplan.plans import summary_cache
from sectorplan.plans.states import PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import Scheme

from .assessment import READ_REFUSALS


class StateCountSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=PlanState.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    plans = serializers.URLField(help_text="The API list of these plans.")


class WaitingCountSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    plans = serializers.URLField(help_text="The API list of these plans, soonest deadline first.")


class RegionProgressSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    total = serializers.IntegerField(help_text="Plans of this scheme in the region.")
    plans = serializers.URLField(help_text="The API list of the region's plans.")
    states = StateCountSerializer(many=True)
    waiting = WaitingCountSerializer(many=True)
    late = serializers.IntegerField(help_text="Plans with something overdue.")
    without_plan_late = serializers.BooleanField(
        help_text="The region has no plan and the companies' deadline has passed."
    )
    no_plan_deadline = serializers.DateField(
        allow_null=True, help_text="Without a plan: the companies' deadline."
    )


class ProgressSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    regions = RegionProgressSerializer(many=True)


def _rows(request, scheme: Scheme) -> list[dict]:
    base = request.build_absolute_uri(reverse("api:plan-list"))

    def plans(region, **filters) -> str:
        return base + "?" + urlencode({"regeling": scheme.slug, "regio": region.code, **filters})

    return [
        {
            "code": row.region.code,
            "name": row.region.name,
            "total": row.total,
            "plans": plans(row.region),
            "states": [
                {
                    "state": state,
                    "label": label,
                    "count": n,
                    "plans": plans(row.region, status=state),
                }
                for state, label, n in row.states
            ],
            "waiting": [
                {
                    "party": party,
                    "label": label,
                    "count": n,
                    "plans": plans(row.region, wacht_op=party, sorteer="uiterste_datum"),
                }
                for party, label, n in row.waiting
            ],
            "late": row.late,
            "without_plan_late": row.without_plan_late,
            "no_plan_deadline": row.no_plan_deadline,
        }
        for row in queues.region_summary(scheme)
    ]


class SchemeProgressView(APIView):
    """Every region with its plans counted by state and by whom they wait for: /beoordeling/."""

    @extend_schema(
        responses={200: ProgressSerializer, **READ_REFUSALS},
        summary="Voortgang per regio (Cedris, SZW, BZK)",
    )
    def get(self, request, slug):
        if not policy.can_view_overview(request.user):
            raise ApiPermissionDenied(_("Deze pagina is voor Cedris en SZW/BZK."))
        scheme = get_object_or_404(Scheme, slug=slug)
        # _rows is plain JSON data already: the serializer documents it (schema) but is not run,
        # which took most of the time once every region has plans in every state. The same for
        # everyone who may see it, so kept until the data or the day changes, per language
        # (the labels) and per address (the links). As JSON the answer itself is kept: at 3,500
        # plans every region counts every state, and rendering those 100 KB each time was what
        # still grew with the plans (issue 15). The browsable API page shows the user: not kept.
        key = (
            scheme.pk,
            clock.today().isoformat(),
            get_language(),
            request.build_absolute_uri("/"),
        )

        def data() -> dict:
            rows = summary_cache.cached("progress-api", partial(_rows, request, scheme), *key)
            return {"scheme": scheme.slug, "regions": rows}

        renderer = request.accepted_renderer
        if type(renderer) is JSONRenderer:
            media_type = request.accepted_media_type
            body = summary_cache.cached(
                "progress-api-json",
                lambda: renderer.render(data(), media_type, self.get_renderer_context()),
                *key,
                media_type.replace(" ", ""),  # "; indent=2" is another body
            )
            return KeptResponse(body, renderer.media_type)
        return Response(data())


class KeptResponse(Response):
    """An answer whose body was rendered before and kept; DRF sends it as it is."""

    def __init__(self, body: bytes, content_type: str):
        super().__init__()
        self.kept_body = body
        self.kept_content_type = content_type

    @property
    def rendered_content(self):
        self["Content-Type"] = self.kept_content_type
        return self.kept_body
