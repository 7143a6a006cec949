"""Reads for the review page, the national overview and the per-plan timeline."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from sectorplan.accounts import policy
from sectorplan.audit.models import AuditEvent
from sectorplan.plans.models import Plan

from . import frozen
from .models import (
    Advice,
    ChangeRequest,
    GrantDecision,
    NationalPlan,
    PlanVersion,
    ReviewAnswer,
    ReviewQuestion,
)


@dataclass
class ReviewState:
    versions: list[PlanVersion]
    latest: PlanVersion | None
    questions: list[tuple[ReviewQuestion, ReviewAnswer | None]]
    advice: list[Advice]
    change_requests: list[ChangeRequest]
    decision: GrantDecision | None

    @property
    def previous(self) -> PlanVersion | None:
        return self.versions[-2] if len(self.versions) > 1 else None

    @property
    def carried(self) -> list[ReviewAnswer]:
        """Answers taken over from an earlier version and not changed since."""
        return [a for _q, a in self.questions if a is not None and a.given_for_id]


@dataclass(frozen=True)
class Gap:
    """One thing that stops Cedris finishing the review, with the field that fixes it."""

    question: ReviewQuestion
    problem: str
    field_id: str  # the first radio button of the question's verdict (ReviewForm)


def review_gaps(state: ReviewState) -> list[Gap]:
    """What 'Toets afronden' still needs, question by question: the same two rules as
    transitions.require_review_complete (every question answered, none with 'nee'); a carried
    answer counts as given."""
    gaps = []
    for question, answer in state.questions:
        if answer is None:
            problem = _("nog niet beantwoord")
        elif answer.verdict == "no":
            problem = _("beantwoord met 'nee': vraag om aanpassing of pas het antwoord aan")
        else:
            continue
        gaps.append(Gap(question, problem, f"id_verdict_{question.pk}_0"))
    return gaps


def review_state(plan: Plan) -> ReviewState:
    versions = list(
        PlanVersion.objects.filter(plan=plan)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch(
                "answers", ReviewAnswer.objects.select_related("answered_by", "given_for")
            ),
            Prefetch("advice", Advice.objects.select_related("organisation", "author")),
            Prefetch("change_requests", ChangeRequest.objects.select_related("requested_by")),
        )
        .order_by("number")
    )
    latest = versions[-1] if versions else None
    answers = {a.question_id: a for a in latest.answers.all()} if latest else {}
    questions = ReviewQuestion.objects.filter(scheme=plan.scheme)
    return ReviewState(
        versions=versions,
        latest=latest,
        questions=[(q, answers.get(q.pk)) for q in questions],
        advice=[a for v in reversed(versions) for a in v.advice.all()],
        change_requests=[c for v in reversed(versions) for c in v.change_requests.all()],
        decision=GrantDecision.objects.filter(plan=plan).first(),
    )


def version_pair(plan: Plan, old: int | None, new: int | None):
    """The two versions to compare: by default the last two."""
    versions = {v.number: v for v in PlanVersion.objects.filter(plan=plan)}
    if not versions:
        return None, None
    numbers = sorted(versions)
    new = new if new in versions else numbers[-1]
    old = old if old in versions else (numbers[-2] if len(numbers) > 1 else new)
    return versions[old], versions[new]


TIMELINE_HEADERS = [
    _("Wanneer"),
    _("Wie"),
    _("Wat"),
    _("Onderwerp"),
    _("Van"),
    _("Naar"),
    _("Toelichting"),
]


def plan_timeline(plan: Plan, user=None) -> list[AuditEvent]:
    """Everything that happened to the plan; for those who see the submitted version
    (frozen.py), without the region's edits since, which would tell them the draft."""
    events = AuditEvent.objects.filter(scope=f"plan:{plan.pk}")
    shown = frozen.version_for(user, plan) if user is not None else None
    if shown:
        events = events.exclude(frozen.draft_edits_after(shown))
    return list(events.order_by("occurred_at", "id"))


def visible_national_plans(user):
    """Cedris sees every national plan, the ministries those submitted to SZW, others none
    (PermissionDenied): one rule for the pages and the API."""
    if not policy.can_view_overview(user):
        raise PermissionDenied(_("Deze pagina is voor Cedris en de ministeries."))
    plans = NationalPlan.objects.all()
    if not policy.is_programme_office(user):
        plans = plans.filter(submitted_at__isnull=False)
    return plans
