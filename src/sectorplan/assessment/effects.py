"""What a transition writes besides the state: frozen versions, change requests, decisions.
Each runs inside the transition's transaction, on the locked plan."""

from django.db.models import Max
from django.utils.translation import gettext as _

from sectorplan.audit.services import record
from sectorplan.plans.models import Plan
from sectorplan.plans.selectors import plan_money
from sectorplan.plans.workflow import Step, TransitionRefused
from sectorplan.registry import clock

from .models import ChangeRequest, GrantDecision, PlanVersion, ReviewAnswer
from .snapshot import build_snapshot


def latest_version(plan: Plan) -> PlanVersion | None:
    return PlanVersion.objects.filter(plan=plan).order_by("-number").first()


def freeze_version(step: Step) -> None:
    number = (PlanVersion.objects.filter(plan=step.plan).aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=step.plan, number=number, snapshot=build_snapshot(step.plan), submitted_by=step.user
    )
    carried = carry_answers(version)
    record(
        action="plan.version_frozen",
        scope=f"plan:{step.plan.pk}",
        obj=version,
        actor=step.user,
        after={"version": number, "answers_carried": carried} if carried else {"version": number},
    )


def carry_answers(version: PlanVersion) -> int:
    """Copies Cedris's answers on the previous version to this new one, each marked with the
    version it was given for, so the assessor re-judges only what changed. A carried answer
    keeps the version it was first given for (carried twice still says "bij versie 1")."""
    previous = (
        PlanVersion.objects.filter(plan_id=version.plan_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return 0
    carried = [
        ReviewAnswer(
            version=version,
            question_id=answer.question_id,
            verdict=answer.verdict,
            comment=answer.comment,
            answered_by_id=answer.answered_by_id,
            given_for_id=answer.given_for_id or previous.pk,
        )
        for answer in previous.answers.all()
    ]
    ReviewAnswer.objects.bulk_create(carried)
    return len(carried)


def record_change_request(step: Step) -> None:
    version = latest_version(step.plan)
    if version is None:
        raise TransitionRefused(_("Er is geen ingediende versie om aanpassing op te vragen."))
    request = ChangeRequest.objects.create(
        version=version, points=list(step.points), requested_by=step.user
    )
    record(
        action="plan.changes_requested",
        scope=f"plan:{step.plan.pk}",
        obj=request,
        actor=step.user,
        after={"version": version.number, "points": list(step.points)},
        reason=step.reason,
    )


def record_decision(step: Step) -> None:
    """SZW's decision on the version Cedris advised; the granted amount is fixed here."""
    plan = step.plan
    version = latest_version(plan)
    national_plan = (
        plan.national_plans.filter(submitted_at__isnull=False).order_by("-submitted_at").first()
    )
    approved = step.transition.code == "approve"
    granted = plan_money(plan).national_cents if approved else 0
    decision = GrantDecision.objects.create(
        plan=plan,
        national_plan=national_plan,
        version=version,
        approved=approved,
        reason=step.reason,
        granted_cents=granted,
        reference=decision_reference(plan),
        decided_by=step.user,
        dated=clock.today(),
    )
    record(
        action="plan.decided",
        scope=f"plan:{plan.pk}",
        obj=decision,
        actor=step.user,
        after={
            "approved": approved,
            "granted_cents": granted,
            "version": version.number,
            "reference": decision.reference,
        },
        reason=step.reason,
    )


def decision_reference(plan: Plan) -> str:
    """Readable and unique: scheme, region, plan number."""
    return f"{plan.scheme.slug.upper()}-{plan.region.code}-{plan.pk:05d}"
