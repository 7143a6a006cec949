"""The last submitted version of a plan, as plan objects: what those outside the region and the
programme office (assessors, ministries) see while the region reworks the plan after a change
request (policy.sees_submitted_version). Until it is resubmitted, the draft stays the region's.

The objects are built from the frozen snapshot (snapshot.py) and never saved: the plan page and
the API serialise them as they would the live rows, so the same templates and serializers show
the submitted text, amounts and attachments, not the ones edited since.
"""

import copy
import datetime
from decimal import Decimal

from django.db.models import Q

from sectorplan.accounts import policy
from sectorplan.audit.models import AuditEvent
from sectorplan.plans.models import (
    Activity,
    Attachment,
    BudgetLine,
    Commitment,
    Goal,
    Participant,
    Plan,
)
from sectorplan.plans.selectors import Money
from sectorplan.registry.models import ActivityType, SwCompany, Theme

from .models import PlanVersion


def version_for(user, plan: Plan) -> PlanVersion | None:
    """The version this user sees instead of the live plan, or None when they see it live."""
    return versions_for(user, [plan]).get(plan.pk)


def versions_for(user, plans) -> dict[int, PlanVersion]:
    """version_for for a page of plans in one query, keyed by plan id: a list must not ask the
    database once per plan."""
    ids = [plan.pk for plan in plans if policy.sees_submitted_version(user, plan)]
    latest: dict[int, PlanVersion] = {}
    for version in PlanVersion.objects.filter(plan_id__in=ids).order_by("plan_id", "-number"):
        latest.setdefault(version.plan_id, version)
    return latest


def with_submitted_titles(user, plans) -> list[Plan]:
    """The plans of a list with the title this user sees: the submitted one while the region
    reworks the plan, so a list never shows an assessor the draft's title."""
    plans = list(plans)
    titles = {
        plan_id: version.snapshot.get("plan", {}).get("title")
        for plan_id, version in versions_for(user, plans).items()
    }
    for plan in plans:
        if titles.get(plan.pk) is not None:
            plan.title = titles[plan.pk]
    return plans


def _decimal(text):
    return None if text is None else Decimal(text)


def _activity_types(rows, scheme_id: int) -> dict:
    codes = {row["activity_type_code"] for row in rows}
    found = {
        t.code: t
        for t in ActivityType.objects.select_related("theme").filter(
            code__in=codes, theme__scheme_id=scheme_id
        )
    }
    for number, row in enumerate(rows, start=1):
        if row["activity_type_code"] not in found:  # removed from the taxonomy since
            theme = Theme(pk=-row["theme_number"], number=row["theme_number"])
            theme.name = row["theme_name"]
            found[row["activity_type_code"]] = ActivityType(
                pk=-number,
                code=row["activity_type_code"],
                name=row["activity_type_name"],
                theme=theme,
            )
    return found


def parts(version: PlanVersion, plan: Plan) -> dict[str, list]:
    """The parts as unsaved objects keyed as the plan's related names, with the keys (primary
    keys) they had, so links and API ids point at the same rows as before."""
    snap = version.snapshot
    types = _activity_types(snap["activities"], plan.scheme_id)

    def common(obj, row):
        obj.pk, obj.plan, obj.version = row["key"], plan, 0
        return obj

    return {
        "participants": [
            common(
                Participant(
                    sw_company=SwCompany(name=row["company"]),
                    contact_name=row["contact_name"],
                    contact_email=row["contact_email"],
                    contact_phone=row["contact_phone"],
                ),
                row,
            )
            for row in snap["participants"]
        ],
        "goals": [
            common(
                Goal(
                    description=row["description"],
                    planned_quantity=_decimal(row["planned_quantity"]),
                    unit=row["unit"],
                ),
                row,
            )
            for row in snap["goals"]
        ],
        "activities": [
            common(
                Activity(
                    activity_type=types[row["activity_type_code"]],
                    description=row["description"],
                    planned_start=datetime.date.fromisoformat(row["planned_start"]),
                    planned_end=datetime.date.fromisoformat(row["planned_end"]),
                    planned_quantity=_decimal(row["planned_quantity"]),
                    planned_unit=row["planned_unit"],
                ),
                row,
            )
            for row in snap["activities"]
        ],
        "budget_lines": [
            common(
                BudgetLine(
                    cost_category=row["cost_category"],
                    description=row["description"],
                    national_contribution_cents=row["national_contribution_cents"],
                    cofinancing_cents=row["cofinancing_cents"],
                ),
                row,
            )
            for row in snap["budget_lines"]
        ],
        "commitments": [
            common(
                Commitment(
                    funder_kind=row["funder_kind"],
                    funder_name=row["funder_name"],
                    amount_cents=row["amount_cents"],
                    status=row["status"],
                ),
                row,
            )
            for row in snap["commitments"]
        ],
        "attachments": [
            common(
                Attachment(
                    original_name=row["original_name"],
                    size=row["size"],
                    content_type=row["content_type"],
                ),
                row,
            )
            for row in snap["attachments"]
        ],
    }


def frozen_plan(plan: Plan, version: PlanVersion) -> Plan:
    """A copy of `plan` showing the version: its fields, and its parts in place of the rows
    (as if prefetched), so `plan.goals.all` in a template gives the submitted goals."""
    frozen = copy.copy(plan)
    for name, value in version.snapshot["plan"].items():
        if name != "kind_label":
            setattr(frozen, name, value)
    live = getattr(plan, "_prefetched_objects_cache", {})
    frozen._prefetched_objects_cache = {
        **{k: v for k, v in live.items() if k == "state_changes"},
        **parts(version, frozen),
    }
    frozen.shown_version = version
    return frozen


def as_seen_by(user, plan: Plan) -> Plan:
    """The plan as this user may see it: the submitted version between submissions."""
    shown = version_for(user, plan)
    return frozen_plan(plan, shown) if shown else plan


def money(version: PlanVersion) -> Money:
    frozen = version.snapshot["money"]
    pending = sum(
        row["amount_cents"] for row in version.snapshot["commitments"] if row["status"] == "pending"
    )
    return Money(
        national_cents=frozen["national_cents"],
        cofinancing_lines_cents=frozen["cofinancing_lines_cents"],
        committed_cents=frozen["committed_cents"],
        pending_cents=pending,
        required_cofinancing_cents=frozen["required_cofinancing_cents"],
    )


def attachment_ids(version: PlanVersion) -> set[int]:
    return {row["key"] for row in version.snapshot["attachments"]}


def draft_edits_after(version: PlanVersion) -> Q:
    """Audit events of the rework since the version was submitted: content created, changed or
    deleted, and co-financing committed (state changes and the review stay visible)."""
    edits = Q(action="commitment.committed")
    for suffix in (".created", ".changed", ".deleted"):
        edits |= Q(action__endswith=suffix)
    return Q(occurred_at__gt=version.submitted_at) & edits


def history(plan: Plan, version: PlanVersion, limit: int = 100):
    """Who changed what, up to the submission of the version: later events name the rework."""
    return AuditEvent.objects.filter(
        scope=f"plan:{plan.pk}", occurred_at__lte=version.submitted_at
    ).order_by("-occurred_at", "-id")[:limit]
