from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sectorplan.money import cents_to_string


@extend_schema_field({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "example": "857142.86"})
class MoneyField(serializers.Field):
    """Whole cents inside, a decimal string with two decimals outside ('857142.86')."""

    def to_representation(self, value):
        return cents_to_string(value)


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

        return DEMO_NOTICE if budget.is_demo else None
