"""A plan frozen as plain JSON: what a reviewer compares between two submitted versions.

The snapshot is stored in `PlanVersion.snapshot` and read back years later, so it holds values,
not references: names and labels are copied in, because a company or a taxonomy entry may be
renamed after the submission. Money stays whole cents; decimals and dates are strings, since
JSON has no exact type for either.
"""

from decimal import Decimal

from django.utils import translation

from sectorplan.plans.models import Plan
from sectorplan.plans.selectors import plan_money

# Bump when the layout changes, so readers (diff.compare) can tell old snapshots apart.
FORMAT = 1

SECTIONS = ("participants", "goals", "activities", "budget_lines", "commitments", "attachments")


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def build_snapshot(plan: Plan) -> dict:
    """Everything of `plan` a reviewer compares, as JSON-safe values.

    Call it inside the transaction that submits the plan, so the snapshot and the state change
    see the same rows. Queries: a fixed handful, whatever the number of rows.
    """
    # Labels are frozen in Dutch, whatever the submitter's language: the version is the record
    # of what was submitted, not of how one person's screen showed it.
    with translation.override("nl"):
        snapshot = {
            "format": FORMAT,
            "plan": _plan_fields(plan),
            "participants": _participants(plan),
            "goals": _goals(plan),
            "activities": _activities(plan),
            "budget_lines": _budget_lines(plan),
            "commitments": _commitments(plan),
            "attachments": _attachments(plan),
            "money": _money(plan),
        }
    return snapshot


def _plan_fields(plan: Plan) -> dict:
    return {
        "title": plan.title,
        "summary": plan.summary,
        "kind": plan.kind,
        "kind_label": str(plan.get_kind_display()),
        "municipality_contact_name": plan.municipality_contact_name,
        "municipality_contact_email": plan.municipality_contact_email,
    }


# Every list is ordered explicitly (ending on pk), not by Meta.ordering, so that two snapshots
# of an unchanged plan are equal even if a model's default ordering changes later.


def _participants(plan: Plan) -> list[dict]:
    rows = plan.participants.select_related("sw_company").order_by("sw_company__name", "pk")
    return [
        {
            "key": p.pk,
            "company": p.sw_company.name,
            "contact_name": p.contact_name,
            "contact_email": p.contact_email,
            "contact_phone": p.contact_phone,
        }
        for p in rows
    ]


def _goals(plan: Plan) -> list[dict]:
    return [
        {
            "key": g.pk,
            "description": g.description,
            "planned_quantity": _decimal(g.planned_quantity),
            "unit": g.unit,
        }
        for g in plan.goals.order_by("pk")
    ]


def _activities(plan: Plan) -> list[dict]:
    rows = plan.activities.select_related("activity_type__theme").order_by(
        "activity_type__theme__number", "activity_type__order", "pk"
    )
    return [
        {
            "key": a.pk,
            "theme_number": a.activity_type.theme.number,
            "theme_name": a.activity_type.theme.name,
            "activity_type_code": a.activity_type.code,
            "activity_type_name": a.activity_type.name,
            "description": a.description,
            "planned_start": a.planned_start.isoformat(),
            "planned_end": a.planned_end.isoformat(),
            "planned_quantity": _decimal(a.planned_quantity),
            "planned_unit": a.planned_unit,
        }
        for a in rows
    ]


def _budget_lines(plan: Plan) -> list[dict]:
    return [
        {
            "key": line.pk,
            "cost_category": line.cost_category,
            "cost_category_label": str(line.get_cost_category_display()),
            "description": line.description,
            "national_contribution_cents": line.national_contribution_cents,
            "cofinancing_cents": line.cofinancing_cents,
        }
        for line in plan.budget_lines.order_by("pk")
    ]


def _commitments(plan: Plan) -> list[dict]:
    return [
        {
            "key": c.pk,
            "funder_kind": c.funder_kind,
            "funder_kind_label": str(c.get_funder_kind_display()),
            "funder_name": c.funder_name,
            "amount_cents": c.amount_cents,
            "status": c.status,
            "status_label": str(c.get_status_display()),
        }
        for c in plan.commitments.order_by("pk")
    ]


def _attachments(plan: Plan) -> list[dict]:
    # Only what describes the file: its storage path is private and says nothing to a reviewer.
    return [
        {
            "key": a.pk,
            "original_name": a.original_name,
            "size": a.size,
            "content_type": a.content_type,
        }
        for a in plan.attachments.order_by("uploaded_at", "pk")
    ]


def _money(plan: Plan) -> dict:
    money = plan_money(plan)
    return {
        "national_cents": money.national_cents,
        "cofinancing_lines_cents": money.cofinancing_lines_cents,
        "committed_cents": money.committed_cents,
        "required_cofinancing_cents": money.required_cofinancing_cents,
    }
