import re

from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sectorplan.money import cents_to_string
from sectorplan.registry.models import DEFAULT_REGION_SET, Region

# ASCII digits only, as the web form (money.parse_euro): \d would also take "١٢٣" or "１２３".
MONEY_PATTERN = re.compile(r"-?[0-9]{1,13}(\.[0-9]{1,2})?")


class AsciiDecimalField(serializers.DecimalField):
    """A quantity in ASCII digits only, as the web forms: Python's Decimal would also read
    "١٢٣" or "１２３" and store 123 (issue 17, item 4)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not data.isascii():
            self.fail("invalid")
        return super().to_internal_value(data)


class AsciiIntegerField(serializers.IntegerField):
    """A whole number in ASCII digits only (int() reads other scripts' digits too)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not data.isascii():
            self.fail("invalid")
        return super().to_internal_value(data)


# For ModelSerializers: their decimal and integer columns take ASCII digits only.
ASCII_NUMBERS = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.DecimalField: AsciiDecimalField,
    models.IntegerField: AsciiIntegerField,
    models.PositiveIntegerField: AsciiIntegerField,
    models.PositiveSmallIntegerField: AsciiIntegerField,
    models.SmallIntegerField: AsciiIntegerField,
    models.BigIntegerField: AsciiIntegerField,
}


class IdField(AsciiIntegerField):
    """A row's id in a request body: within the database's 64-bit integer, so a huge number is
    a 400 and never reaches the query (SQLite raises OverflowError on it)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


@extend_schema_field({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "example": "857142.86"})
class MoneyField(serializers.Field):
    """Whole cents inside, a decimal string with two decimals outside ('857142.86')."""

    def to_representation(self, value):
        return cents_to_string(value)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            # A JSON number would be a float on the way in: money travels as text.
            raise serializers.ValidationError(_("Geef een bedrag als tekst, bijv. '1234.50'."))
        text = data
        if not MONEY_PATTERN.fullmatch(text):
            raise serializers.ValidationError(
                _(
                    "Bedrag als tekst met een decimale punt en hooguit twee decimalen, "
                    "bijv. '1234.50'."
                )
            )
        whole, _point, part = text.partition(".")
        cents = int(whole) * 100 + int(part.ljust(2, "0") or 0)
        if cents < 0:
            raise serializers.ValidationError(_("Een bedrag kan niet negatief zijn."))
        return cents


class RegionBudgetSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    central_municipality = serializers.CharField()
    standard_units = serializers.DecimalField(max_digits=12, decimal_places=2)
    share = serializers.DecimalField(max_digits=11, decimal_places=10)
    reserved_national_contribution = MoneyField(source="reserved_cents")
    required_cofinancing = MoneyField(source="cofinancing_cents")
    total = MoneyField(source="total_cents")


class AllocationSerializer(serializers.Serializer):
    scheme = serializers.CharField(source="scheme.slug")
    allocation_run = serializers.IntegerField(source="run.number")
    created_at = serializers.DateTimeField(source="run.created_at")
    method = serializers.CharField(source="run.method")
    demo = serializers.BooleanField(
        source="is_demo", help_text="True when the SE figures are demo figures, not official ones."
    )
    demo_notice = serializers.SerializerMethodField()
    total_national_contribution = MoneyField(source="reserved_cents")
    total_required_cofinancing = MoneyField(source="cofinancing_cents")
    total = MoneyField(source="total_cents")
    regions = RegionBudgetSerializer(source="rows", many=True)

    def get_demo_notice(self, budget) -> str | None:
        from sectorplan.registry.selectors import DEMO_NOTICE

        return str(DEMO_NOTICE) if budget.is_demo else None


class SchemeRegionField(serializers.SlugRelatedField):
    """A region by its code, within the set of regions of the scheme it is written for (the
    payload's `scheme`, else the object's): a later set reuses the codes of 2015."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Region.objects.all(), **kwargs)

    def get_queryset(self):
        regions = super().get_queryset()
        parent = self.parent
        data = getattr(parent, "initial_data", None)
        slug = data.get("scheme") if hasattr(data, "get") else None
        if isinstance(slug, str) and slug:
            return regions.filter(region_set__schemes__slug=slug)
        scheme_id = getattr(getattr(parent, "instance", None), "scheme_id", None)
        if scheme_id:
            return regions.filter(region_set__schemes=scheme_id)
        return regions.filter(region_set__slug=DEFAULT_REGION_SET)
