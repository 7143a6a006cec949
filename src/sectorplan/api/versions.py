"""A plan's frozen versions under /api/v1/plans/{id}/versions/: the list, one snapshot and two
versions compared (assessment.diff.compare, as the versions page shows it).

Snapshots keep money in whole cents (`*_cents`); here it travels as a decimal string under the
name without the suffix, like everywhere else in the API."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from sectorplan.assessment import diff, selectors
from sectorplan.assessment.models import PlanVersion
from sectorplan.money import cents_to_string

from .assessment import READ_REFUSALS, REFUSALS, VersionSerializer, visible_plan
from .serializers import MoneyField

# Snapshot keys holding whole cents, in the rows and in the totals.
MONEY_KEYS = {f.name for s in diff.SECTIONS for f in s.fields if f.kind == "money"} | {
    name for name, _ in diff.MONEY_FIELDS
}


def api_name(key: str) -> str:
    return key.removesuffix("_cents") if key in MONEY_KEYS else key


def as_text(key: str, value) -> str | None:
    if value is None:
        return None
    return cents_to_string(int(value)) if key in MONEY_KEYS else str(value)


# The frozen snapshot (assessment/snapshot.py, format 1).


class SnapshotPlanSerializer(serializers.Serializer):
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    municipality_contact_name = serializers.CharField(allow_blank=True)
    municipality_contact_email = serializers.CharField(allow_blank=True)


class SnapshotRowSerializer(serializers.Serializer):
    key = serializers.IntegerField(help_text="The row's id: the same row across versions.")


class SnapshotParticipantSerializer(SnapshotRowSerializer):
    company = serializers.CharField()
    contact_name = serializers.CharField(allow_blank=True)
    contact_email = serializers.CharField(allow_blank=True)
    contact_phone = serializers.CharField(allow_blank=True)


class SnapshotGoalSerializer(SnapshotRowSerializer):
    description = serializers.CharField()
    planned_quantity = serializers.CharField(allow_null=True, help_text="A decimal as text.")
    unit = serializers.CharField(allow_blank=True)


class SnapshotActivitySerializer(SnapshotRowSerializer):
    theme_number = serializers.IntegerField()
    theme_name = serializers.CharField()
    activity_type_code = serializers.CharField()
    activity_type_name = serializers.CharField()
    description = serializers.CharField()
    planned_start = serializers.DateField()
    planned_end = serializers.DateField()
    planned_quantity = serializers.CharField(allow_null=True, help_text="A decimal as text.")
    planned_unit = serializers.CharField(allow_blank=True)


class SnapshotBudgetLineSerializer(SnapshotRowSerializer):
    cost_category = serializers.CharField()
    cost_category_label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    national_contribution = MoneyField(source="national_contribution_cents")
    cofinancing = MoneyField(source="cofinancing_cents")


class SnapshotCommitmentSerializer(SnapshotRowSerializer):
    funder_kind = serializers.CharField()
    funder_kind_label = serializers.CharField()
    funder_name = serializers.CharField()
    amount = MoneyField(source="amount_cents")
    status = serializers.CharField()
    status_label = serializers.CharField()


class SnapshotAttachmentSerializer(SnapshotRowSerializer):
    original_name = serializers.CharField()
    size = serializers.IntegerField(help_text="In bytes.")
    content_type = serializers.CharField()


class SnapshotMoneySerializer(serializers.Serializer):
    national = MoneyField(source="national_cents")
    cofinancing_lines = MoneyField(source="cofinancing_lines_cents")
    committed = MoneyField(source="committed_cents")
    required_cofinancing = MoneyField(source="required_cofinancing_cents")


class SnapshotSerializer(serializers.Serializer):
    format = serializers.IntegerField()
    plan = SnapshotPlanSerializer()
    participants = SnapshotParticipantSerializer(many=True)
    goals = SnapshotGoalSerializer(many=True)
    activities = SnapshotActivitySerializer(many=True)
    budget_lines = SnapshotBudgetLineSerializer(many=True)
    commitments = SnapshotCommitmentSerializer(many=True)
    attachments = SnapshotAttachmentSerializer(many=True)
    money = SnapshotMoneySerializer()


class VersionDetailSerializer(VersionSerializer):
    snapshot = SnapshotSerializer(help_text="The plan as it was submitted, frozen.")


# Two versions compared (assessment.diff.VersionDiff).


class FieldChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField(help_text="For people, in the active language.")
    new = serializers.CharField(help_text="For people, in the active language.")
    old_value = serializers.CharField(
        allow_null=True, help_text="As stored, as text; money as a decimal string."
    )
    new_value = serializers.CharField(
        allow_null=True, help_text="As stored, as text; money as a decimal string."
    )


class FieldValueSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField()


class RowDiffSerializer(serializers.Serializer):
    key = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[s.value for s in diff.RowStatus])
    status_label = serializers.CharField()
    label = serializers.CharField()
    changes = FieldChangeSerializer(many=True, help_text="Only the fields that differ.")
    values = FieldValueSerializer(
        many=True, help_text="The whole row: as in the newer version, or the older if removed."
    )


class SectionDiffSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    has_changes = serializers.BooleanField()
    unchanged_count = serializers.IntegerField()
    rows = RowDiffSerializer(many=True)


class MoneyChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    old = MoneyField(source="old_cents")
    new = MoneyField(source="new_cents")
    difference = MoneyField(source="difference_cents")
    changed = serializers.BooleanField()


class VersionDiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    has_changes = serializers.BooleanField()
    plan_fields = FieldChangeSerializer(many=True)
    sections = SectionDiffSerializer(many=True)
    money = MoneyChangeSerializer(many=True)


def _change(change: diff.FieldChange) -> dict:
    return {
        "name": api_name(change.name),
        "label": str(change.label),
        "old": change.old,
        "new": change.new,
        "old_value": as_text(change.name, change.old_value),
        "new_value": as_text(change.name, change.new_value),
    }


def _row(row: diff.RowDiff) -> dict:
    return {
        "key": row.key,
        "status": row.status.value,
        "status_label": str(row.status.label),
        "label": row.label,
        "changes": [_change(c) for c in row.changes],
        "values": [
            {"name": api_name(v.name), "label": str(v.label), "value": v.value} for v in row.values
        ],
    }


def diff_data(old: PlanVersion, new: PlanVersion) -> dict:
    result = diff.compare(old.snapshot, new.snapshot)
    return {
        "from_version": old.number,
        "to_version": new.number,
        "has_changes": result.has_changes,
        "plan_fields": [_change(c) for c in result.plan_fields],
        "sections": [
            {
                "name": s.name,
                "label": str(s.label),
                "has_changes": s.has_changes,
                "unchanged_count": s.unchanged_count,
                "rows": [_row(r) for r in s.rows],
            }
            for s in result.sections
        ],
        "money": [
            {
                "name": api_name(m.name),
                "label": str(m.label),
                "old_cents": m.old_cents,
                "new_cents": m.new_cents,
                "difference_cents": m.difference_cents,
                "changed": m.changed,
            }
            for m in result.money
        ],
    }


class VersionListView(APIView):
    """Every frozen version, oldest first: one per submission to Cedris."""

    @extend_schema(
        responses={200: VersionSerializer(many=True), **READ_REFUSALS},
        summary="Versies van een plan",
    )
    def get(self, request, plan_pk):
        plan = visible_plan(request, plan_pk)
        versions = plan.versions.select_related("submitted_by").order_by("number")
        return Response(VersionSerializer(versions, many=True).data)


def _version(plan, number) -> PlanVersion:
    try:
        return plan.versions.select_related("submitted_by").get(number=number)
    except PlanVersion.DoesNotExist:
        raise NotFound(_("Dit plan heeft geen versie %(number)s.") % {"number": number}) from None


class VersionDetailView(APIView):
    @extend_schema(
        responses={200: VersionDetailSerializer, **READ_REFUSALS},
        summary="Eén versie, zoals ingediend",
    )
    def get(self, request, plan_pk, number):
        plan = visible_plan(request, plan_pk)
        return Response(VersionDetailSerializer(_version(plan, number)).data)


def _number(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: [_("Geef een versienummer.")]}) from None


class VersionCompareView(APIView):
    """What changed between two versions; by default the last two (as the versions page)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, description="Default: the one before."),
            OpenApiParameter("to", OpenApiTypes.INT, description="Default: the latest."),
        ],
        responses={200: VersionDiffSerializer, **REFUSALS},
        summary="Twee versies vergelijken",
    )
    def get(self, request, plan_pk):
        plan = visible_plan(request, plan_pk)
        old, new = _number(request, "from"), _number(request, "to")
        for number in (old, new):
            if number is not None:
                _version(plan, number)
        old_version, new_version = selectors.version_pair(plan, old, new)
        if new_version is None:
            raise NotFound(
                _("Dit plan is nog niet ingediend bij Cedris: er zijn nog geen versies.")
            )
        return Response(VersionDiffSerializer(diff_data(old_version, new_version)).data)
