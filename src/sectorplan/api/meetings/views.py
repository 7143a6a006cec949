"""Meetings, the personal-link answer, the contact-person network and good practices under
/api/v1/: the same services, selectors and policy as the pages in sectorplan.meetings.

Order of checks as elsewhere: logged in (403), allowed (403), the object exists (404), then the
service decides (400 with its Dutch message). The answer by personal link needs no log-in."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.accounts import policy
from sectorplan.api.assessment import RefusalSerializer
from sectorplan.api.parsers import BoundedJSONParser
from sectorplan.api.plans import run_service
from sectorplan.meetings import selectors, services
from sectorplan.meetings.models import Invitation, Meeting
from sectorplan.registry.models import ActivityType, Scheme

from .serializers import (
    AttendanceResultSerializer,
    AttendanceSerializer,
    ContactSerializer,
    GoodPracticeSerializer,
    GoodPracticeWriteSerializer,
    InvitationSerializer,
    InviteeSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MeetingWriteSerializer,
    ProposalSerializer,
    RsvpAnswerSerializer,
    RsvpSerializer,
    SendSerializer,
    SentSerializer,
)


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = gettext_lazy("Deze bijeenkomst is voorbij; de link werkt niet meer.")
    default_code = "gone"


# Found by the API fuzzer: the 410 was answered but not in the schema.
LINK_GONE = OpenApiResponse(RefusalSerializer, description="The meeting has passed.")


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApiPermissionDenied(message)


def _types(scheme: Scheme, codes: list[str]) -> list[ActivityType]:
    found = {t.code: t for t in ActivityType.objects.filter(theme__scheme=scheme, code__in=codes)}
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise ValidationError(
            {
                "activity_types": [
                    _("Onbekend activiteitstype: %(codes)s.") % {"codes": ", ".join(unknown)}
                ]
            }
        )
    return [found[code] for code in dict.fromkeys(codes)]


def _office(request) -> None:
    _require(policy.can_view_meetings(request.user), _("Bijeenkomsten zijn voor Cedris."))


def _organiser(request) -> None:
    _require(
        policy.can_organise_meetings(request.user), _("Alleen Cedris organiseert bijeenkomsten.")
    )


def _meeting(pk) -> Meeting:
    try:
        return Meeting.objects.select_related("scheme", "created_by").get(pk=pk)
    except Meeting.DoesNotExist:
        raise NotFound(_("Deze bijeenkomst bestaat niet.")) from None


def _detail(request, meeting) -> dict:
    return MeetingDetailSerializer(meeting, context={"request": request}).data


class MeetingListView(APIView):
    @extend_schema(responses=MeetingSerializer(many=True), summary="Bijeenkomsten (Cedris)")
    def get(self, request):
        _office(request)
        meetings = Meeting.objects.select_related("scheme", "created_by").prefetch_related(
            "activity_types__theme"
        )
        return Response(MeetingSerializer(meetings, many=True).data)

    @extend_schema(
        request=MeetingWriteSerializer,
        responses={201: MeetingDetailSerializer},
        summary="Bijeenkomst aanmaken (Cedris)",
    )
    def post(self, request):
        _organiser(request)
        body = MeetingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["activity_types"] = _types(data["scheme"], data["activity_types"])
        meeting = run_service(lambda: services.create_meeting(user=request.user, **data))
        return Response(_detail(request, meeting), status=status.HTTP_201_CREATED)


class MeetingDetailView(APIView):
    @extend_schema(responses=MeetingDetailSerializer, summary="Bijeenkomst met genodigden")
    def get(self, request, pk):
        _office(request)
        return Response(_detail(request, _meeting(pk)))

    @extend_schema(
        request=MeetingWriteSerializer(partial=True),
        responses=MeetingDetailSerializer,
        summary="Bijeenkomst wijzigen (Cedris)",
    )
    def patch(self, request, pk):
        _organiser(request)
        meeting = _meeting(pk)
        body = MeetingWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("scheme", None)  # a meeting stays with its scheme's taxonomy
        if "activity_types" in data:
            data["activity_types"] = _types(meeting.scheme, data["activity_types"])
        meeting = run_service(lambda: services.update_meeting(meeting, user=request.user, **data))
        return Response(_detail(request, meeting))


class ProposeView(APIView):
    @extend_schema(request=None, responses=ProposalSerializer, summary="Genodigden voorstellen")
    def post(self, request, pk):
        _organiser(request)
        meeting = _meeting(pk)
        result = run_service(lambda: services.propose_invitees(meeting, user=request.user))
        return Response(ProposalSerializer(result).data)


class InviteesView(APIView):
    @extend_schema(
        request=InviteeSerializer,
        responses={201: InvitationSerializer},
        summary="Genodigde toevoegen",
    )
    def post(self, request, pk):
        _organiser(request)
        meeting = _meeting(pk)
        body = InviteeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invitation = run_service(
            lambda: services.add_invitee(meeting, user=request.user, **body.validated_data)
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InviteeView(APIView):
    @extend_schema(request=None, responses={204: None}, summary="Genodigde van de lijst halen")
    def delete(self, request, pk, invitation_pk):
        _organiser(request)
        invitation = get_object_or_404(
            Invitation, pk=invitation_pk, meeting=_meeting(pk), removed_at__isnull=True
        )
        run_service(lambda: services.remove_invitee(invitation, user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SendView(APIView):
    @extend_schema(
        request=SendSerializer, responses=SentSerializer, summary="Uitnodigen per e-mail"
    )
    def post(self, request, pk):
        _organiser(request)
        meeting = _meeting(pk)
        body = SendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = body.validated_data["invitations"]
        sent = run_service(
            lambda: services.send_invitations(meeting, user=request.user, invitation_ids=ids)
        )
        return Response({"sent": sent})


class AttendanceView(APIView):
    @extend_schema(
        request=AttendanceSerializer,
        responses=AttendanceResultSerializer,
        summary="Aanwezigheid en verslag vastleggen",
    )
    def post(self, request, pk):
        _organiser(request)
        meeting = _meeting(pk)
        body = AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marks = {m["invitation"]: m["attended"] for m in body.validated_data["attendance"]}
        notes = body.validated_data.get("notes", meeting.notes)
        changed = run_service(
            lambda: services.record_attendance(
                meeting, user=request.user, attended=marks, notes=notes
            )
        )
        return Response({"changed": changed, "meeting": _detail(request, _meeting(pk))})


class RsvpView(APIView):
    """The invitee's answer by personal link: the token is the credential, so no log-in (and no
    session, hence no CSRF token) is asked. Unknown or withdrawn: 404; meeting passed: 410."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def _open(self, token) -> Invitation:
        invitation = selectors.invitation_for_token(token)
        if invitation is None:
            raise NotFound(_("Deze link is onbekend of ingetrokken."))
        if selectors.has_passed(invitation.meeting):
            raise Gone()
        return invitation

    def _body(self, request, invitation, token) -> dict:
        return RsvpSerializer(invitation, context={"request": request, "token": token}).data

    @extend_schema(
        responses={200: RsvpSerializer, 410: LINK_GONE}, summary="Uitnodiging via persoonlijke link"
    )
    def get(self, request, token):
        return Response(self._body(request, self._open(token), token))

    @extend_schema(
        request=RsvpAnswerSerializer,
        responses={200: RsvpSerializer, 410: LINK_GONE},
        summary="Aanmelden of afmelden via persoonlijke link",
    )
    def post(self, request, token):
        self._open(token)
        body = RsvpAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            invitation = run_service(
                lambda: services.respond(token, response=body.validated_data["response"])
            )
        except services.LinkInvalid:
            raise NotFound(_("Deze link is onbekend of ingetrokken.")) from None
        except services.LinkExpired:
            raise Gone() from None
        return Response(self._body(request, invitation, token))


class ContactListView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("region", str, description="A region code, e.g. AM19.")],
        responses=ContactSerializer(many=True),
        summary="Netwerk van contactpersonen",
    )
    def get(self, request):
        _require(
            policy.can_view_directory(request.user),
            _("Het netwerk is voor de deelnemers aan het programma."),
        )
        contacts = selectors.directory(request.query_params.get("region", ""))
        return Response(ContactSerializer(contacts, many=True).data)


class GoodPracticeListView(APIView):
    parser_classes = [MultiPartParser, FormParser, BoundedJSONParser]

    @extend_schema(
        parameters=[OpenApiParameter("activity_type", str, description="An activity type code.")],
        responses=GoodPracticeSerializer(many=True),
        summary="Goede voorbeelden",
    )
    def get(self, request):
        _require(
            policy.can_view_good_practices(request.user),
            _("Goede voorbeelden zijn voor de deelnemers aan het programma."),
        )
        practices = selectors.good_practices()
        code = request.query_params.get("activity_type")
        if code:
            practices = practices.filter(activity_types__code=code).distinct()
        return Response(
            GoodPracticeSerializer(practices, many=True, context={"request": request}).data
        )

    @extend_schema(
        request={"multipart/form-data": GoodPracticeWriteSerializer},
        responses={201: GoodPracticeSerializer},
        summary="Goed voorbeeld toevoegen (Cedris)",
    )
    def post(self, request):
        _require(
            policy.can_manage_good_practices(request.user),
            _("Alleen Cedris voegt goede voorbeelden toe."),
        )
        body = GoodPracticeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["activity_types"] = _types(data["scheme"], data["activity_types"])
        data["upload"] = data.pop("file", None)
        practice = run_service(lambda: services.create_good_practice(user=request.user, **data))
        return Response(
            GoodPracticeSerializer(practice, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
