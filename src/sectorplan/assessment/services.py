"""Writes of the assessment: Cedris's review answers, assessors' advice, the national plan and
SZW's decisions. One transaction per user action; permission and rules checked inside it;
every change recorded in the audit log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.plans import workflow
from sectorplan.plans.models import Plan
from sectorplan.plans.services import lock_plan
from sectorplan.plans.states import PlanState
from sectorplan.registry import clock, timeline
from sectorplan.registry.models import MilestoneKind

from .effects import latest_version
from .models import Advice, NationalPlan, ReviewAnswer, ReviewQuestion, Verdict


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _submitted_version(plan: Plan):
    version = latest_version(plan)
    if version is None:
        raise ValidationError(_("Dit plan heeft nog geen bij Cedris ingediende versie."))
    return version


@transaction.atomic
def answer_review(plan: Plan, *, user, answers: dict[int, tuple[str, str]]) -> int:
    """answers: question id -> (verdict, comment). Returns how many answers changed."""
    plan = lock_plan(plan.pk)
    _require(policy.can_review(user, plan), _("Alleen Cedris toetst plannen."))
    if plan.state != PlanState.IN_REVIEW:
        raise ValidationError(
            _(
                "Toetsen kan alleen tijdens de inhoudelijke toets; het plan heeft status "
                "'%(state)s'. Start eerst de toets."
            )
            % {"state": plan.get_state_display()}
        )
    version = _submitted_version(plan)
    questions = {q.pk: q for q in ReviewQuestion.objects.filter(scheme=plan.scheme)}
    changed = 0
    for question_id, (verdict, comment) in answers.items():
        if question_id not in questions:
            raise ValidationError(
                _("Onbekende toetsvraag %(id)s.") % {"id": question_id}
            )
        if verdict not in Verdict.values:
            raise ValidationError(
                _("Kies ja, deels of nee bij '%(question)s'.")
                % {"question": questions[question_id].text}
            )
        if verdict != Verdict.YES and not comment.strip():
            raise ValidationError(
                _("Licht '%(verdict)s' toe bij '%(question)s'.")
                % {
                    "verdict": str(Verdict(verdict).label).lower(),
                    "question": questions[question_id].text,
                }
            )
        existing = ReviewAnswer.objects.filter(version=version, question_id=question_id).first()
        before = (existing.verdict, existing.comment) if existing else None
        if before == (verdict, comment):
            continue
        # A changed answer is given for this version: it no longer says "bij versie N".
        ReviewAnswer.objects.update_or_create(
            version=version,
            question_id=question_id,
            defaults={
                "verdict": verdict,
                "comment": comment,
                "answered_by": user,
                "given_for": None,
            },
        )
        record(
            action="plan.review_answered",
            scope=f"plan:{plan.pk}",
            object_type="assessment.reviewanswer",
            object_label=questions[question_id].text[:300],
            actor=user,
            before=dict(zip(("verdict", "comment"), before, strict=True)) if before else None,
            after={"verdict": verdict, "comment": comment, "version": version.number},
        )
        changed += 1
    return changed


@transaction.atomic
def give_advice(plan: Plan, *, user, recommendation: str, comments: str) -> Advice:
    plan = lock_plan(plan.pk)
    _require(
        policy.can_advise(user, plan),
        _("Alleen beoordelaars geven advies, en alleen zolang Cedris het plan toetst."),
    )
    if not comments.strip():
        raise ValidationError(_("Geef uw opmerkingen bij het advies."))
    version = _submitted_version(plan)
    organisation = user.membership.organisation
    existing = Advice.objects.filter(version=version, organisation=organisation).first()
    before = (
        {"recommendation": existing.recommendation, "comments": existing.comments}
        if existing
        else None
    )
    advice, _created = Advice.objects.update_or_create(
        version=version,
        organisation=organisation,
        defaults={"author": user, "recommendation": recommendation, "comments": comments},
    )
    record(
        action="plan.advice_given",
        scope=f"plan:{plan.pk}",
        obj=advice,
        actor=user,
        before=before,
        after={"recommendation": recommendation, "comments": comments, "version": version.number},
    )
    return advice


def _check_bundle(scheme, plans: list[Plan], national_plan: NationalPlan | None) -> None:
    for plan in plans:
        if plan.scheme_id != scheme.pk:
            raise ValidationError(
                _("%(plan)s hoort bij een andere regeling.") % {"plan": plan}
            )
        if plan.state != PlanState.ADVISED:
            raise ValidationError(
                _(
                    "%(plan)s heeft status '%(state)s'; alleen geadviseerde plannen "
                    "gaan mee in het landelijk sectorplan."
                )
                % {"plan": plan, "state": plan.get_state_display()}
            )
        elsewhere = plan.national_plans.filter(submitted_at__isnull=False)
        if national_plan is not None:
            elsewhere = elsewhere.exclude(pk=national_plan.pk)
        if elsewhere.exists():
            raise ValidationError(
                _("%(plan)s is al bij SZW ingediend in een ander landelijk plan.") % {"plan": plan}
            )


@transaction.atomic
def save_national_plan(
    *, user, scheme, title: str, cover_text: str, plan_ids, national_plan=None
) -> NationalPlan:
    _require(policy.can_review(user), _("Alleen Cedris stelt het landelijk sectorplan op."))
    if national_plan is not None:
        national_plan = NationalPlan.objects.select_for_update().get(pk=national_plan.pk)
        if national_plan.submitted_at:
            raise ValidationError(_("Dit landelijk sectorplan is al ingediend bij SZW."))
    if not title.strip() or not cover_text.strip():
        raise ValidationError(_("Geef een titel en een begeleidende tekst."))
    plans = [lock_plan(pk) for pk in sorted(set(plan_ids))]
    _check_bundle(scheme, plans, national_plan)
    before = None
    if national_plan is None:
        national_plan = NationalPlan(scheme=scheme, created_by=user)
    else:
        before = _describe(national_plan)
    national_plan.title, national_plan.cover_text = title.strip(), cover_text
    national_plan.save()
    national_plan.plans.set(plans)
    record(
        action="national_plan.saved",
        obj=national_plan,
        actor=user,
        before=before,
        after=_describe(national_plan),
    )
    return national_plan


@transaction.atomic
def submit_national_plan(national_plan: NationalPlan, *, user) -> NationalPlan:
    _require(policy.can_review(user), _("Alleen Cedris dient het landelijk sectorplan in."))
    national_plan = NationalPlan.objects.select_for_update().get(pk=national_plan.pk)
    if national_plan.submitted_at:
        raise ValidationError(_("Dit landelijk sectorplan is al ingediend bij SZW."))
    plans = [lock_plan(plan.pk) for plan in national_plan.plans.order_by("region_id", "pk")]
    if not plans:
        raise ValidationError(_("Neem ten minste één geadviseerd regionaal plan op."))
    _check_bundle(national_plan.scheme, plans, national_plan)
    for plan in plans:
        try:
            timeline.check_inside(
                plan.scheme, plan.region, MilestoneKind.PLANS_COMPLETE, _("Indienen bij SZW")
            )
        except timeline.OutsideWindow as error:
            raise ValidationError(f"{plan.region}: {error}") from error
    national_plan.submitted_at = clock.now()
    national_plan.submitted_by = user
    national_plan.save(update_fields=["submitted_at", "submitted_by"])
    record(
        action="national_plan.submitted",
        obj=national_plan,
        actor=user,
        after=_describe(national_plan),
    )
    for plan in plans:
        record(
            action="plan.sent_to_szw",
            scope=f"plan:{plan.pk}",
            obj=national_plan,
            actor=user,
        )
    return national_plan


def _describe(national_plan: NationalPlan) -> dict:
    return {
        "title": national_plan.title,
        "plans": sorted(str(p) for p in national_plan.plans.all()),
    }


def decide(plan_ids, *, user, approve: bool, reason: str) -> list[Plan]:
    """SZW on one sub-plan or many at once: all are decided or none."""
    code = "approve" if approve else "reject"
    return workflow.take_many(plan_ids, code, user=user, reason=reason)
