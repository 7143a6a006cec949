from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.allocation.selectors import budget
from sectorplan.registry.models import Scheme

from .serializers import AllocationSerializer


class SchemeAllocationView(APIView):
    """The reserved national contribution per region: public, like the page."""

    permission_classes = [AllowAny]

    @extend_schema(responses=AllocationSerializer, summary="Budget per regio")
    def get(self, request, slug):
        scheme = get_object_or_404(Scheme, slug=slug)
        result = budget(scheme)
        if result is None:
            raise Http404(_("Voor deze regeling is nog geen verdeling gemaakt."))
        return Response(AllocationSerializer(result).data)
