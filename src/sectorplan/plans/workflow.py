"""A plan's life as a state machine. Each transition names the states it starts from, who may
take it and the rules that guard it; an illegal transition is refused and changes nothing.
Transitions on one plan serialise on the region and plan row locks (PostgreSQL).

Other apps add transitions with `register` (assessment, payments) and hang their own writes on
a transition as effects, which run inside the same transaction: a failing effect undoes the
step. Listeners run after the commit (notifications), so a refused step never sends mail."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.registry import timeline
from sectorplan.registry.models import MilestoneKind

from . import rules
from .models import Plan, StateChange
from .services import lock_plan
from .states import PlanState


class TransitionRefused(Exception):
    pass


def window_guard(kind: str, action: str, opens_with: str | None = None):
    def guard(plan: Plan) -> None:
        try:
            timeline.check_inside(plan.scheme, plan.region, kind, action, opens_with=opens_with)
        except timeline.OutsideWindow as error:
            raise TransitionRefused(str(error)) from error

    return guard


@dataclass(frozen=True)
class Step:
    """What an effect gets: the plan (locked, already in its new state) and the user's input."""

    plan: Plan
    user: object
    transition: "Transition"
    from_state: str
    reason: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: frozenset[str]
    target: str
    allowed: Callable[..., bool]
    guards: tuple[Callable[[Plan], None], ...] = ()
    needs_reason: bool = False
    # A list of points to change (Cedris's change request), one per line in the form.
    needs_points: bool = False
    effects: tuple[Callable[[Step], None], ...] = ()
    # False: taken only by a service as part of a larger action (e.g. paying a whole batch),
    # so it is not offered as a button of its own.
    manual: bool = True


TRANSITIONS: dict[str, Transition] = {}
LISTENERS: list[Callable[[Step], None]] = []


def register(*transitions: Transition) -> None:
    for t in transitions:
        TRANSITIONS[t.code] = t


def add_effects(code: str, *effects: Callable[[Step], None]) -> None:
    """Lets a later app act on an existing transition (e.g. freeze a version on submission)."""
    t = TRANSITIONS[code]
    TRANSITIONS[code] = replace(t, effects=t.effects + effects)


def add_guards(code: str, *guards: Callable[[Plan], None]) -> None:
    t = TRANSITIONS[code]
    TRANSITIONS[code] = replace(t, guards=t.guards + guards)


def listen(listener: Callable[[Step], None]) -> None:
    if listener not in LISTENERS:
        LISTENERS.append(listener)


register(
    Transition(
        "submit_to_municipality",
        gettext_lazy("Indienen bij de centrumgemeente"),
        frozenset({PlanState.CONCEPT}),
        PlanState.SUBMITTED_TO_MUNICIPALITY,
        policy.can_submit_plan,
        (
            rules.check_complete_for_submission,
            window_guard(
                MilestoneKind.MUNICIPALITY_DEADLINE,
                gettext_lazy("Indienen bij de centrumgemeente"),
                opens_with=MilestoneKind.APPLICATION_PERIOD,
            ),
        ),
    ),
    Transition(
        "return_to_company",
        gettext_lazy("Terugsturen naar de SW-bedrijven"),
        frozenset({PlanState.SUBMITTED_TO_MUNICIPALITY}),
        PlanState.CONCEPT,
        policy.can_commit_cofinancing,
        needs_reason=True,
    ),
    Transition(
        "confirm_cofinancing",
        gettext_lazy("Cofinanciering bevestigen"),
        frozenset({PlanState.SUBMITTED_TO_MUNICIPALITY}),
        PlanState.COFINANCING_COMMITTED,
        policy.can_commit_cofinancing,
        (rules.check_cofinancing,),
    ),
    Transition(
        "submit_to_cedris",
        gettext_lazy("Indienen bij Cedris"),
        frozenset({PlanState.COFINANCING_COMMITTED}),
        PlanState.SUBMITTED_TO_CEDRIS,
        policy.can_submit_plan,
        (
            rules.check_complete_for_submission,
            rules.check_cofinancing,
            window_guard(MilestoneKind.CEDRIS_WINDOW, gettext_lazy("Indienen bij Cedris")),
        ),
    ),
)


def available(plan: Plan, user) -> list[Transition]:
    """The transitions this user could take now (guards are checked only when taken)."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.manual and plan.state in t.sources and t.allowed(user, plan)
    ]


def clean_points(points) -> tuple[str, ...]:
    if isinstance(points, str):
        points = points.splitlines()
    return tuple(p.strip() for p in points or () if str(p).strip())


@transaction.atomic
def take(plan: Plan, code: str, *, user, reason: str = "", points=()) -> Plan:
    return _take(plan.pk, code, user=user, reason=reason, points=clean_points(points))


@transaction.atomic
def take_many(plan_ids, code: str, *, user, reason: str = "") -> list[Plan]:
    """One decision on many plans: all are taken or none (the message names the plan that
    stopped it). Locks are taken in region then plan order, as every writer does."""
    ordered = Plan.objects.filter(pk__in=set(plan_ids)).order_by("region_id", "pk")
    ids = list(ordered.values_list("pk", flat=True))
    if not ids or len(ids) != len(set(plan_ids)):
        raise TransitionRefused(_("Kies een of meer bestaande plannen."))
    taken = []
    for plan_id in ids:
        try:
            taken.append(_take(plan_id, code, user=user, reason=reason, points=()))
        except TransitionRefused as refused:
            title = Plan.objects.select_related("region").get(pk=plan_id)
            raise TransitionRefused(
                _("%(plan)s: %(reason)s Er is niets gewijzigd.")
                % {"plan": title, "reason": refused}
            ) from refused
    return taken


def _take(plan_id: int, code: str, *, user, reason: str, points: tuple[str, ...]) -> Plan:
    transition = TRANSITIONS.get(code)
    if transition is None:
        raise TransitionRefused(_("Onbekende handeling '%(code)s'.") % {"code": code})
    locked = lock_plan(plan_id)
    if locked.state not in transition.sources:
        raise TransitionRefused(
            _("'%(action)s' kan niet: het plan heeft status '%(state)s'.")
            % {"action": transition.label, "state": PlanState(locked.state).label}
        )
    if not transition.allowed(user, locked):
        raise PermissionDenied(
            _("U mag '%(action)s' niet doen voor dit plan.") % {"action": transition.label}
        )
    if transition.needs_reason and not reason.strip():
        raise TransitionRefused(
            _("Geef een toelichting bij '%(action)s'.") % {"action": transition.label}
        )
    if transition.needs_points and not points:
        raise TransitionRefused(
            _("Noem ten minste één punt bij '%(action)s'.") % {"action": transition.label}
        )
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
    step = Step(locked, user, transition, before, reason, points)
    try:
        for effect in transition.effects:
            effect(step)
    except rules.RuleViolation as violation:
        raise TransitionRefused(violation.text) from violation
    for listener in LISTENERS:
        transaction.on_commit(lambda listener=listener: listener(step))
    return locked
