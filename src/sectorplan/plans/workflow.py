"""A plan's life as a state machine. Each transition names the states it starts from, who may
take it and the rules that guard it; an illegal transition is refused and changes nothing.
Transitions on one plan serialise on the region and plan row locks (PostgreSQL)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.registry import timeline
from sectorplan.registry.models import MilestoneKind

from . import rules
from .models import Plan, StateChange
from .services import _lock
from .states import PlanState


class TransitionRefused(Exception):
    pass


def _window(kind: str, action: str, opens_with: str | None = None):
    def guard(plan: Plan) -> None:
        try:
            timeline.check_inside(plan.scheme, plan.region, kind, action, opens_with=opens_with)
        except timeline.OutsideWindow as error:
            raise TransitionRefused(str(error)) from error

    return guard


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: frozenset[str]
    target: str
    allowed: Callable[..., bool]
    guards: tuple[Callable[[Plan], None], ...] = ()
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {}


def register(*transitions: Transition) -> None:
    for t in transitions:
        TRANSITIONS[t.code] = t


register(
    Transition(
        "submit_to_municipality",
        "Indienen bij de centrumgemeente",
        frozenset({PlanState.CONCEPT}),
        PlanState.SUBMITTED_TO_MUNICIPALITY,
        policy.can_submit_plan,
        (
            rules.check_complete_for_submission,
            _window(
                MilestoneKind.MUNICIPALITY_DEADLINE,
                "Indienen bij de centrumgemeente",
                opens_with=MilestoneKind.APPLICATION_PERIOD,
            ),
        ),
    ),
    Transition(
        "return_to_company",
        "Terugsturen naar de SW-bedrijven",
        frozenset({PlanState.SUBMITTED_TO_MUNICIPALITY}),
        PlanState.CONCEPT,
        policy.can_commit_cofinancing,
        needs_reason=True,
    ),
    Transition(
        "confirm_cofinancing",
        "Cofinanciering bevestigen",
        frozenset({PlanState.SUBMITTED_TO_MUNICIPALITY}),
        PlanState.COFINANCING_COMMITTED,
        policy.can_commit_cofinancing,
        (rules.check_cofinancing,),
    ),
    Transition(
        "submit_to_cedris",
        "Indienen bij Cedris",
        frozenset({PlanState.COFINANCING_COMMITTED}),
        PlanState.SUBMITTED_TO_CEDRIS,
        policy.can_submit_plan,
        (
            rules.check_complete_for_submission,
            rules.check_cofinancing,
            _window(MilestoneKind.CEDRIS_WINDOW, "Indienen bij Cedris"),
        ),
    ),
)


def available(plan: Plan, user) -> list[Transition]:
    """The transitions this user could take now (guards are checked only when taken)."""
    return [t for t in TRANSITIONS.values() if plan.state in t.sources and t.allowed(user, plan)]


@transaction.atomic
def take(plan: Plan, code: str, *, user, reason: str = "") -> Plan:
    transition = TRANSITIONS.get(code)
    if transition is None:
        raise TransitionRefused(f"Onbekende handeling '{code}'.")
    locked = _lock(plan.pk)
    if locked.state not in transition.sources:
        raise TransitionRefused(
            f"'{transition.label}' kan niet: het plan heeft status "
            f"'{PlanState(locked.state).label}'."
        )
    if not transition.allowed(user, locked):
        raise PermissionDenied(f"U mag '{transition.label}' niet doen voor dit plan.")
    if transition.needs_reason and not reason.strip():
        raise TransitionRefused(f"Geef een toelichting bij '{transition.label}'.")
    for guard in transition.guards:
        try:
            guard(locked)
        except rules.RuleViolation as violation:
            raise TransitionRefused(violation.text) from violation
    before = locked.state
    locked.state = transition.target
    locked.version += 1
    locked.save(update_fields=["state", "version", "updated_at"])
    StateChange.objects.create(
        plan=locked,
        transition=code,
        from_state=before,
        to_state=locked.state,
        actor=user,
        reason=reason,
    )
    record(
        action=f"plan.{code}",
        scope=f"plan:{locked.pk}",
        obj=locked,
        actor=user,
        before={"state": before},
        after={"state": locked.state},
        reason=reason,
    )
    return locked
