"""Writes on plans and their parts: one transaction per user action, permission and rules
checked inside it, every change in the audit log with before and after."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.registry import clock

from . import rules
from .models import Activity, BudgetLine, Commitment, CommitmentStatus, Goal, Participant, Plan

PLAN_FIELDS = [
    "title",
    "summary",
    "kind",
    "municipality_contact_name",
    "municipality_contact_email",
]
PART_FIELDS = {
    Participant: ["sw_company", "contact_name", "contact_email", "contact_phone"],
    Goal: ["description", "planned_quantity", "unit"],
    Activity: [
        "activity_type",
        "description",
        "planned_start",
        "planned_end",
        "planned_quantity",
        "planned_unit",
    ],
    BudgetLine: [
        "cost_category",
        "description",
        "national_contribution_cents",
        "cofinancing_cents",
    ],
    Commitment: ["funder_kind", "funder_name", "amount_cents"],
}


class EditConflict(Exception):
    def __init__(self, obj, current):
        self.current = current
        super().__init__(
            _(
                "Iemand anders heeft '%(object)s' intussen gewijzigd (nu versie %(version)s). "
                "Uw invoer is bewaard in het formulier: vergelijk en sla opnieuw op."
            )
            % {"object": obj, "version": current.version}
        )


def snapshot(obj, fields) -> dict:
    data = model_to_dict(obj, fields=fields)
    return {
        key: (value if isinstance(value, bool | int | None) else str(value))
        for key, value in data.items()
    }


def lock_plan(plan_id: int) -> Plan:
    """Region first, then plan: every writer takes the locks in this order, so none deadlock."""
    region_id = Plan.objects.values_list("region_id", flat=True).get(pk=plan_id)
    rules.lock_region(region_id)
    # of=("self",): lock the plan row only; locking the joined scheme row would make every
    # write in the country wait for every other.
    return (
        Plan.objects.select_for_update(of=("self",))
        .select_related("scheme", "region")
        .get(pk=plan_id)
    )


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("U mag dit plan niet wijzigen."))


@transaction.atomic
def create_plan(*, user, scheme, region, **fields) -> Plan:
    _require(policy.can_create_plan(user, region), _("U mag geen plan maken voor deze regio."))
    plan = Plan(scheme=scheme, region=region, created_by=user, **fields)
    plan.full_clean()
    plan.save()
    record(
        action="plan.created",
        obj=plan,
        actor=user,
        scope=f"plan:{plan.pk}",
        after=snapshot(plan, PLAN_FIELDS),
    )
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, user, version: int, **fields) -> Plan:
    locked = lock_plan(plan.pk)
    _require(policy.can_edit_plan(user, locked))
    if locked.version != version:
        raise EditConflict(locked, locked)
    before = snapshot(locked, PLAN_FIELDS)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise ValueError(f"Veld {name} is niet te wijzigen.")
        setattr(locked, name, value)
    locked.version += 1
    locked.full_clean()
    locked.save()
    record(
        action="plan.changed",
        scope=f"plan:{locked.pk}",
        obj=locked,
        actor=user,
        before=before,
        after=snapshot(locked, PLAN_FIELDS),
    )
    return locked


def _can_change_part(user, plan: Plan, model) -> bool:
    if model is Commitment and policy.can_commit_cofinancing(user, plan):
        return True
    return policy.can_edit_plan(user, plan)


def _check_rules(plan: Plan, part) -> None:
    if isinstance(part, Activity):
        rules.check_activity_type(plan, part.activity_type)
    elif isinstance(part, Participant):
        rules.check_company_in_region(plan, part.sw_company)


def _after_write(plan: Plan, model, added_cents: int = 0) -> None:
    """added_cents: the national contribution this write adds (so a refusal says what fits)."""
    if model is BudgetLine:
        rules.check_region_reservation(plan, added_cents)


@transaction.atomic
def add_part(plan: Plan, model, *, user, **fields):
    locked = lock_plan(plan.pk)
    _require(_can_change_part(user, locked, model))
    part = model(plan=locked, **fields)
    if model is Commitment and policy.can_commit_cofinancing(user, locked):
        # What the central municipality enters itself, it commits.
        part.status, part.committed_by, part.committed_at = (
            CommitmentStatus.COMMITTED,
            user,
            clock.now(),
        )
    part.full_clean()
    _check_rules(locked, part)
    part.save()
    _after_write(locked, model, getattr(part, "national_contribution_cents", 0))
    record(
        action=f"{model._meta.model_name}.created",
        scope=f"plan:{locked.pk}",
        obj=part,
        actor=user,
        after=snapshot(part, PART_FIELDS[model]),
    )
    return part


def _locked_part(part):
    plan = lock_plan(part.plan_id)
    current = type(part).objects.select_for_update().get(pk=part.pk)
    return plan, current


@transaction.atomic
def change_part(part, *, user, version: int, **fields):
    model = type(part)
    plan, current = _locked_part(part)
    _require(_can_change_part(user, plan, model))
    if current.version != version:
        raise EditConflict(current, current)
    before = snapshot(current, PART_FIELDS[model])
    national_before = getattr(current, "national_contribution_cents", 0)
    for name, value in fields.items():
        if name not in PART_FIELDS[model]:
            raise ValueError(f"Veld {name} is niet te wijzigen.")
        setattr(current, name, value)
    if model is Commitment and current.status == CommitmentStatus.COMMITTED:
        _require(
            policy.can_commit_cofinancing(user, plan),
            _("Een toegezegd bedrag wijzigt alleen de gemeente."),
        )
    current.version += 1
    current.full_clean()
    _check_rules(plan, current)
    current.save()
    _after_write(plan, model, getattr(current, "national_contribution_cents", 0) - national_before)
    record(
        action=f"{model._meta.model_name}.changed",
        scope=f"plan:{plan.pk}",
        obj=current,
        actor=user,
        before=before,
        after=snapshot(current, PART_FIELDS[model]),
    )
    return current


@transaction.atomic
def remove_part(part, *, user, version: int) -> None:
    model = type(part)
    plan, current = _locked_part(part)
    _require(_can_change_part(user, plan, model))
    if current.version != version:
        raise EditConflict(current, current)
    if model is Commitment and current.status == CommitmentStatus.COMMITTED:
        # As a change (change_part): what the municipality committed, only it takes back.
        _require(
            policy.can_commit_cofinancing(user, plan),
            _("Een toegezegd bedrag verwijdert alleen de gemeente."),
        )
    before = snapshot(current, PART_FIELDS[model])
    label = str(current)
    current.delete()
    record(
        action=f"{model._meta.model_name}.deleted",
        scope=f"plan:{plan.pk}",
        object_type=model._meta.label_lower,
        object_id=str(part.pk),
        object_label=label,
        actor=user,
        before=before,
    )


@transaction.atomic
def commit_cofinancing(commitment: Commitment, *, user, version: int) -> Commitment:
    """The central municipality confirms a requested commitment."""
    plan, current = _locked_part(commitment)
    _require(
        policy.can_commit_cofinancing(user, plan),
        _("Alleen de centrumgemeente zegt cofinanciering toe."),
    )
    if current.version != version:
        raise EditConflict(current, current)
    before = snapshot(current, ["status"])
    current.status, current.committed_by, current.committed_at = (
        CommitmentStatus.COMMITTED,
        user,
        clock.now(),
    )
    current.version += 1
    current.save()
    record(
        action="commitment.committed",
        scope=f"plan:{plan.pk}",
        obj=current,
        actor=user,
        before=before,
        after=snapshot(current, ["status", "committed_by"]),
    )
    return current
