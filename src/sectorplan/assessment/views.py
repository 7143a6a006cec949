"""Pages of one plan's assessment: review, advice, versions side by side, the decision letter
and the timeline. Every view asks accounts.policy, as the API does."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.exports import sheet_response
from sectorplan.plans import workflow
from sectorplan.plans.done import done_message
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState

from . import frozen, progress, selectors, services
from .diff import compare
from .exports import timeline_sheet
from .forms import AdviceForm, ReviewForm


def visible_plan(request, pk) -> Plan:
    try:
        return (
            policy.visible_plans(request.user)
            .select_related("scheme", "region__central_municipality")
            .get(pk=pk)
        )
    except Plan.DoesNotExist as error:
        raise Http404(_("Dit plan bestaat niet of u mag het niet zien.")) from error


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Cedris's steps of the review, taken on the review page next to the answers (and not on the
# plan page): start, ask for changes with points, finish with a positive advice.
REVIEW_STEPS = progress.REVIEW_STEPS


@login_required
def review(request, pk):
    """The one page of the review: Cedris answers the framework, asks for changes or finishes;
    VNG and the social partners give their advice; everyone else reads along."""
    plan = visible_plan(request, pk)
    state = selectors.review_state(plan)
    can_review = policy.can_review(request.user, plan) and plan.state == PlanState.IN_REVIEW
    can_advise = policy.can_advise(request.user, plan) and state.latest is not None
    steps = {
        t.code: t for t in workflow.available(plan, request.user) if t.code in REVIEW_STEPS
    }
    previous = state.previous
    return render(
        request,
        "assessment/review.html",
        {
            "plan": frozen.as_seen_by(request.user, plan),
            "review": state,
            "can_review": can_review,
            "review_form": ReviewForm(questions=state.questions) if can_review else None,
            "gaps": selectors.review_gaps(state) if can_review else [],
            "refused": request.GET.get("niet-af") == "1",
            "start_step": steps.get("start_review"),
            "changes_step": steps.get("request_changes"),
            "finish_step": steps.get("mark_advised"),
            "diff": compare(previous.snapshot, state.latest.snapshot) if previous else None,
            "can_advise": can_advise,
            "advice_form": AdviceForm(initial=_own_advice(request.user, state))
            if can_advise
            else None,
            "waiting": progress.awaiting(plan),
        },
    )


@login_required
@require_POST
def step(request, pk, code):
    """One of Cedris's review steps from the review page; back to the review page either way
    (a refused finish lands on the list of what is missing, each item a link to its field)."""
    plan = visible_plan(request, pk)
    if code not in REVIEW_STEPS:
        raise Http404(_("Deze stap hoort niet bij de beoordeling."))
    if not policy.can_review(request.user, plan):
        raise PermissionDenied(_("Alleen Cedris toetst plannen."))
    url = reverse("assessment:review", args=[plan.pk])
    try:
        workflow.take(
            plan,
            code,
            user=request.user,
            reason=request.POST.get("reason", ""),
            points=request.POST.get("points", ""),
        )
    except workflow.TransitionRefused as refused:
        messages.error(request, str(refused))
        if code == "mark_advised":
            return redirect(url + "?niet-af=1#afronden")
        return redirect(url + ("#aanpassing-vragen" if code == "request_changes" else "#toets"))
    messages.success(request, done_message(code, workflow.TRANSITIONS[code].label))
    return redirect(url + "#toets")


def _own_advice(user, state) -> dict:
    organisation_id = getattr(getattr(user, "membership", None), "organisation_id", None)
    for advice in state.latest.advice.all() if state.latest else []:
        if advice.organisation_id == organisation_id:
            return {"recommendation": advice.recommendation, "comments": advice.comments}
    return {}


@login_required
@require_POST
def answer(request, pk):
    plan = visible_plan(request, pk)
    if not policy.can_review(request.user, plan):
        raise PermissionDenied(_("Alleen Cedris toetst plannen."))
    form = ReviewForm(request.POST, questions=selectors.review_state(plan).questions)
    form.is_valid()
    try:
        changed = services.answer_review(plan, user=request.user, answers=form.answers())
    except ValidationError as error:
        messages.error(request, _error_text(error) + " " + _("Er is niets opgeslagen."))
    else:
        messages.success(request, _("%(n)d antwoorden opgeslagen.") % {"n": changed})
    return redirect(reverse("assessment:review", args=[plan.pk]) + "#toets")


@login_required
@require_POST
def advise(request, pk):
    plan = visible_plan(request, pk)
    if not policy.can_advise(request.user, plan):
        raise PermissionDenied(_("U kunt nu geen advies geven over dit plan."))
    form = AdviceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een advies en geef uw opmerkingen."))
        return redirect("assessment:review", pk=plan.pk)
    try:
        services.give_advice(plan, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Uw advies is opgeslagen."))
    return redirect(reverse("assessment:review", args=[plan.pk]) + "#advies-geven")


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def versions(request, pk):
    plan = visible_plan(request, pk)
    old, new = selectors.version_pair(
        plan, _number(request.GET.get("van")), _number(request.GET.get("naar"))
    )
    if new is None:
        raise Http404(_("Dit plan is nog niet ingediend bij Cedris: er zijn nog geen versies."))
    return render(
        request,
        "assessment/versions.html",
        {
            "plan": plan,
            "versions": plan.versions.order_by("number"),
            "old": old,
            "new": new,
            "diff": compare(old.snapshot, new.snapshot),
        },
    )


@login_required
def decision_pdf(request, pk):
    plan = visible_plan(request, pk)
    decision = getattr(plan, "decision", None)
    if decision is None:
        raise Http404(_("Over dit plan is nog niet besloten."))
    from .decision_pdf import render_decision_pdf  # WeasyPrint loads system libraries

    response = HttpResponse(render_decision_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beschikking-{decision.reference}.pdf"'
    return response


@login_required
def timeline(request, pk):
    plan = visible_plan(request, pk)
    return render(
        request,
        "assessment/timeline.html",
        {
            "plan": frozen.as_seen_by(request.user, plan),
            "events": selectors.plan_timeline(plan, request.user),
        },
    )


@login_required
def timeline_export(request, pk, fmt):
    plan = visible_plan(request, pk)
    sheet = timeline_sheet(plan, request.user)
    return sheet_response(sheet, f"tijdlijn-{plan.region.code}-{plan.pk}", fmt)
