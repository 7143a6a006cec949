"""Request and response bodies of the meeting endpoints, so the OpenAPI schema documents them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from sectorplan.api.serializers import IdField, SchemeRegionField
from sectorplan.meetings import selectors
from sectorplan.meetings.models import InviteeSource
from sectorplan.meetings.models import Response as Answer
from sectorplan.plans.models import Plan
from sectorplan.registry.models import Scheme


class ActivityTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    theme = serializers.CharField(source="theme.code")


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    organisation = serializers.CharField()
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    source = serializers.ChoiceField(choices=InviteeSource.choices)
    invited_at = serializers.DateTimeField(allow_null=True, help_text="Null until e-mailed.")
    response = serializers.ChoiceField(choices=Answer.choices)
    responded_at = serializers.DateTimeField(allow_null=True)
    attended = serializers.BooleanField(allow_null=True, help_text="Null until recorded.")


class GoodPracticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    activity_types = ActivityTypeSerializer(many=True, source="activity_types.all")
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    plan = serializers.IntegerField(source="plan_id", allow_null=True)
    file_name = serializers.CharField(source="original_name", allow_blank=True)
    file_url = serializers.SerializerMethodField(help_text="Null without a document.")

    def get_file_url(self, practice) -> str | None:
        if not practice.file:
            return None
        url = self.context.get("file_url") or (
            lambda p: reverse("meetings:good-practice-file", args=[p.pk])
        )
        request = self.context.get("request")
        link = url(practice)
        return request.build_absolute_uri(link) if request else link


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scheme = serializers.CharField(source="scheme.slug")
    title = serializers.CharField()
    date = serializers.DateField()
    place = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    activity_types = ActivityTypeSerializer(many=True, source="activity_types.all")
    has_passed = serializers.SerializerMethodField()
    notes = serializers.CharField(allow_blank=True)
    attendance_recorded_at = serializers.DateTimeField(allow_null=True)
    created_by = serializers.CharField(source="created_by.username")
    created_at = serializers.DateTimeField()

    def get_has_passed(self, meeting) -> bool:
        return selectors.has_passed(meeting)


class MeetingDetailSerializer(MeetingSerializer):
    invitations = serializers.SerializerMethodField()
    good_practices = serializers.SerializerMethodField()

    @extend_schema(responses=InvitationSerializer(many=True))
    def get_invitations(self, meeting) -> list[dict]:
        return InvitationSerializer(selectors.invitations(meeting), many=True).data

    @extend_schema(responses=GoodPracticeSerializer(many=True))
    def get_good_practices(self, meeting) -> list[dict]:
        return GoodPracticeSerializer(
            selectors.good_practices_for(meeting), many=True, context=self.context
        ).data


class MeetingWriteSerializer(serializers.Serializer):
    scheme = serializers.SlugRelatedField(
        slug_field="slug", queryset=Scheme.objects.all(), help_text="Only when creating."
    )
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    place = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    activity_types = serializers.ListField(
        child=serializers.CharField(), min_length=1, help_text="Activity type codes: the topic."
    )


class ContactSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    organisation = serializers.CharField()
    role = serializers.ChoiceField(
        source="kind", choices=["company", "municipality"], help_text="SW company or municipality."
    )
    role_label = serializers.CharField(source="kind_label")
    name = serializers.CharField()
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    plans = serializers.ListField(child=serializers.CharField())


class ProposalSerializer(serializers.Serializer):
    added = InvitationSerializer(many=True)
    already_listed = serializers.IntegerField()
    without_email = ContactSerializer(many=True, help_text="Add these by hand, with an address.")


class InviteeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()


class SendSerializer(serializers.Serializer):
    invitations = serializers.ListField(
        child=IdField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Send (again) to exactly these; leave out for everyone not invited yet.",
    )


class SentSerializer(serializers.Serializer):
    sent = serializers.IntegerField()


class AttendanceMarkSerializer(serializers.Serializer):
    invitation = serializers.IntegerField()
    attended = serializers.BooleanField()


class AttendanceSerializer(serializers.Serializer):
    attendance = AttendanceMarkSerializer(many=True)
    notes = serializers.CharField(allow_blank=True, required=False, help_text="Kept if left out.")


class AttendanceResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField()
    meeting = MeetingDetailSerializer()


class PublicMeetingSerializer(serializers.Serializer):
    """What an invitee sees: no list of other invitees, no notes."""

    title = serializers.CharField()
    date = serializers.DateField()
    place = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    activity_types = ActivityTypeSerializer(many=True, source="activity_types.all")


class RsvpSerializer(serializers.Serializer):
    name = serializers.CharField()
    response = serializers.ChoiceField(choices=Answer.choices)
    response_label = serializers.CharField(source="get_response_display")
    responded_at = serializers.DateTimeField(allow_null=True)
    open_until = serializers.DateField(
        source="meeting.date", help_text="The link works up to and including this day."
    )
    meeting = PublicMeetingSerializer()
    good_practices = serializers.SerializerMethodField()

    @extend_schema(responses=GoodPracticeSerializer(many=True))
    def get_good_practices(self, invitation) -> list[dict]:
        token = self.context["token"]
        context = {
            **self.context,
            "file_url": lambda p: reverse("meetings:rsvp-practice-file", args=[token, p.pk]),
        }
        practices = selectors.good_practices_for(invitation.meeting)
        return GoodPracticeSerializer(practices, many=True, context=context).data


ANSWER_CHOICE = gettext_lazy("Kies accepted (aanmelden) of declined (afmelden).")


class RsvpAnswerSerializer(serializers.Serializer):
    # The model's choice set, so the schema has one enum for "response" in every body; an
    # invitee cannot answer "pending", which validate_response refuses.
    response = serializers.ChoiceField(
        choices=Answer.choices,
        help_text="accepted or declined.",
        error_messages={"invalid_choice": ANSWER_CHOICE},
    )

    def validate_response(self, value):
        if value == Answer.PENDING:
            raise serializers.ValidationError(ANSWER_CHOICE)
        return value


@extend_schema_field({"type": "string", "format": "binary"})
class UploadField(serializers.FileField):
    """A file sent as multipart form data (documented as binary, not as a link)."""


class GoodPracticeWriteSerializer(serializers.Serializer):
    scheme = serializers.SlugRelatedField(slug_field="slug", queryset=Scheme.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    activity_types = serializers.ListField(child=serializers.CharField(), min_length=1)
    region = SchemeRegionField(required=False, allow_null=True)
    plan = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.filter(state__in=selectors.DIRECTORY_STATES),
        required=False,
        allow_null=True,
    )
    file = UploadField(
        required=False, help_text="PDF, DOCX, XLSX or ODT, checked by content; at most 20 MB."
    )
