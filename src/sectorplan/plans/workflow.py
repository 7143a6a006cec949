"""A plan's life as a state machine. Each transition names the states it starts from, who may
take it and the rules that guard it; an illegal transition is refused and changes nothing.
Transitions on one plan serialise on the region and plan row locks (PostgreSQL).

Other apps add transitions with `register` (assessment, payments) and hang their own writes on
a transition as effects, which run inside the same transaction: a failing effect undoes the
step. Listeners run after the commit (notifications), so a refused step never sends mail."""

import datetime
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
    """`opens_on`: the date the step becomes possible, when it is only waiting for its window;
    `closed_on`: the last day of a window that has closed (only an extension helps)."""

    def __init__(
        self,
        message: str = "",
        opens_on: datetime.date | None = None,
        closed_on: datetime.date | None = None,
    ):
        super().__init__(message)
        self.opens_on = opens_on
        self.closed_on = closed_on


def window_guard(kind: str, action: str, opens_with: str | None = None):
    def guard(plan: Plan) -> None:
        try:
            timeline.check_inside(plan.scheme, plan.region, kind, action, opens_with=opens_with)
        except timeline.OutsideWindow as error:
            raise TransitionRefused(
                str(error), opens_on=error.opens, closed_on=error.closed
            ) from error

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
    # Irreversible steps: what will happen, shown on a confirmation page before the step is
    # taken (%(plan)s, %(region)s, %(national)s, %(target)s are filled in). Empty: no page.
    consequence: str = ""
    # How the button looks: "primary", "secondary" or "warning" (reject is not styled like
    # approve).
    tone: str = "primary"


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
        tone="secondary",
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
        consequence=gettext_lazy(
            "Het plan '%(plan)s' van regio %(region)s gaat naar Cedris ter beoordeling, met een "
            "gevraagde rijksbijdrage van %(national)s. Daarna kunt u het plan niet meer wijzigen, "
            "tenzij Cedris om aanpassing vraagt."
        ),
    ),
)


def available(plan: Plan, user) -> list[Transition]:
    """The transitions this user may take from the plan's state (role and state only; options()
    also runs the guards)."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.manual and plan.state in t.sources and t.allowed(user, plan)
    ]


@dataclass(frozen=True)
class Option:
    """One step as a page or the API offers it: possible now, or refused with the reason the
    step itself would give (and the date its window opens, if that is all it waits for)."""

    transition: Transition
    refused: str = ""
    opens_on: datetime.date | None = None
    closed_on: datetime.date | None = None  # its window closed: ask Cedris for an extension

    @property
    def possible(self) -> bool:
        return not self.refused

    def __getattr__(self, name):
        if name == "transition":  # not set yet (copying): no recursion
            raise AttributeError(name)
        # code, label, needs_reason, needs_points, consequence, tone: the transition's own.
        return getattr(self.transition, name)


def refusal(plan: Plan, transition: Transition) -> TransitionRefused | None:
    """Why the guards refuse this step now, or None. The same check take() makes, so a button
    shown as possible is not refused for a rule (only for what the user types or a race)."""
    for guard in transition.guards:
        try:
            guard(plan)
        except TransitionRefused as refused:
            return refused
        except rules.RuleViolation as violation:
            return TransitionRefused(violation.text)
    return None


def options(plan: Plan, user) -> list[Option]:
    """Every step this user may take from the plan's state, each possible or refused with its
    reason: the page shows refused steps disabled with the reason, the API lists them too."""
    result = []
    for transition in available(plan, user):
        refused = refusal(plan, transition)
        if refused is None:
            result.append(Option(transition))
        else:
            result.append(
                Option(transition, str(refused), refused.opens_on, refused.closed_on)
            )
    return result


def consequence(plan: Plan, transition: Transition) -> str:
    """The confirmation page's summary of what the step will do to this plan."""
    if not transition.consequence:
        return ""
    return str(transition.consequence) % {
        "plan": plan.title,
        "region": f"{plan.region.code} {plan.region.name}",
        "national": rules.euro(rules.national_contribution_cents(plan)),
        "target": PlanState(transition.target).label,
    }


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
    refused = refusal(locked, transition)
    if refused is not None:
        raise refused
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
