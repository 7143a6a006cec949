"""The rows of /api/v1/plans/ as plain data (issue 15). PlanSerializer documents them (the
schema) and serves a single plan, but running DRF field by field for a page of 50 plans took a
quarter of the list's time. api/tests/test_plan_rows.py proves that both give the same data."""

from rest_framework import serializers

from sectorplan.assessment.models import PlanVersion
from sectorplan.plans.models import Plan
from sectorplan.plans.selectors import plan_money

from .serializers import MoneyField

_MONEY = MoneyField()
_MOMENT = serializers.DateTimeField()


def with_shown_version(data: dict, shown: PlanVersion | None) -> dict:
    """The submitted version's text and amounts over the live ones, for those who read the
    submitted version while the region reworks the plan."""
    if shown:
        data.update(
            {k: v for k, v in shown.snapshot["plan"].items() if k in data},
            national_contribution=_MONEY.to_representation(
                shown.snapshot["money"]["national_cents"]
            ),
            committed_cofinancing=_MONEY.to_representation(
                shown.snapshot["money"]["committed_cents"]
            ),
        )
    return data


def money(plan: Plan, which: str) -> str:
    """The plan's national contribution ("national") or committed co-financing ("committed")."""
    cents = getattr(plan, f"{which}_cents_total", None)  # lists annotate it (with_money_totals)
    if cents is None:
        # Both amounts come from one reading: the serializer asks for them one by one.
        if getattr(plan, "_money_read", None) is None:
            plan._money_read = plan_money(plan)
        cents = getattr(plan._money_read, f"{which}_cents")
    return _MONEY.to_representation(cents)


def plan_row(plan: Plan, shown: PlanVersion | None) -> dict:
    """PlanSerializer(plan).data for a plan of the list (scheme and region selected)."""
    data = {
        "id": plan.pk,
        "scheme": plan.scheme.slug,
        "region": plan.region.code,
        "title": _text(plan.title),
        "summary": _text(plan.summary),
        "kind": _text(plan.kind),
        "state": _text(plan.state),
        "version": plan.version,
        "municipality_contact_name": _text(plan.municipality_contact_name),
        "municipality_contact_email": _text(plan.municipality_contact_email),
        "is_demo": plan.is_demo,
        "national_contribution": money(plan, "national"),
        "committed_cofinancing": money(plan, "committed"),
        "created_at": _MOMENT.to_representation(plan.created_at),
        "updated_at": _MOMENT.to_representation(plan.updated_at),
    }
    return with_shown_version(data, shown)


def _text(value):
    return None if value is None else str(value)
