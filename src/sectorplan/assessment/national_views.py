"""The national level: Cedris's national sector plan to SZW, SZW's decisions on its sub-plans
(one or many at once) and the overview of all regions."""

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.exports import sheet_response
from sectorplan.plans import summary_cache
from sectorplan.plans.models import Plan
from sectorplan.plans.rules import national_contribution_cents
from sectorplan.plans.states import PlanState
from sectorplan.plans.workflow import TransitionRefused
from sectorplan.registry import clock
from sectorplan.registry.models import Scheme
from sectorplan.web.scheme_choice import scheme_asked

from . import queues, selectors, services
from .exports import summary_sheet
from .forms import DecisionForm, NationalPlanForm
from .models import NationalPlan


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _scheme(request) -> Scheme:
    return scheme_asked(request)


def _candidates(scheme, national_plan=None):
    """Advised plans not yet sent to SZW in another national plan."""
    taken = NationalPlan.objects.filter(submitted_at__isnull=False)
    if national_plan is not None:
        taken = taken.exclude(pk=national_plan.pk)
    return (
        Plan.objects.filter(scheme=scheme, state=PlanState.ADVISED)
        .exclude(national_plans__in=taken)
        .select_related("region")
        .order_by("region__code", "title")
    )


@login_required
def national_plans(request):
    scheme = _scheme(request)
    # One scheme at a time, as the choice above the page says (issue 18).
    plans = selectors.visible_national_plans(request.user).filter(scheme=scheme)
    can_edit = policy.can_review(request.user)
    form = NationalPlanForm(candidates=_candidates(scheme)) if can_edit else None
    if request.method == "POST":
        _require(can_edit, _("Alleen Cedris stelt het landelijk sectorplan op."))
        form = NationalPlanForm(request.POST, candidates=_candidates(scheme))
        if form.is_valid():
            try:
                national_plan = services.save_national_plan(
                    user=request.user,
                    scheme=scheme,
                    title=form.cleaned_data["title"],
                    cover_text=form.cleaned_data["cover_text"],
                    plan_ids=[p.pk for p in form.cleaned_data["plans"]],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Het landelijk sectorplan is opgeslagen."))
                return redirect("assessment:national-plan", pk=national_plan.pk)
    return render(
        request,
        "assessment/national_plans.html",
        {"national_plans": plans.prefetch_related("plans"), "form": form, "scheme": scheme},
    )


@login_required
def national_plan(request, pk):
    item = get_object_or_404(selectors.visible_national_plans(request.user), pk=pk)
    members = item.plans.select_related("region", "decision").order_by("region__code")
    can_edit = policy.can_review(request.user) and not item.submitted_at
    undecided = members.filter(state=PlanState.ADVISED)
    can_decide = bool(item.submitted_at) and policy.can_decide(request.user)
    edit_form = decision_form = None
    if can_edit:
        edit_form = NationalPlanForm(
            initial={"title": item.title, "cover_text": item.cover_text, "plans": list(members)},
            candidates=_candidates(item.scheme, item),
        )
    # Once every sub-plan is decided there is nothing to choose: no form, a sentence instead.
    all_decided = can_decide and not undecided.exists()
    if can_decide and not all_decided:
        decision_form = DecisionForm(candidates=undecided)
    if request.method == "POST":
        if "decision" in request.POST:
            _require(can_decide, _("Alleen SZW besluit over de deelplannen."))
            decision_form = DecisionForm(request.POST, candidates=undecided)
            if decision_form.is_valid() and request.POST.get("confirmed") != "1":
                # Irreversible: first a page that says what will be decided (issue 14).
                return _confirm_decision(request, item, decision_form)
            if decision_form.is_valid() and _decide(request, decision_form):
                return redirect("assessment:national-plan", pk=item.pk)
        else:
            _require(can_edit, _("Dit landelijk sectorplan kan niet meer worden gewijzigd."))
            edit_form = NationalPlanForm(request.POST, candidates=_candidates(item.scheme, item))
            if edit_form.is_valid() and _save(request, item, edit_form):
                return redirect("assessment:national-plan", pk=item.pk)
    return render(
        request,
        "assessment/national_plan.html",
        {
            "item": item,
            "members": members,
            "edit_form": edit_form,
            "decision_form": decision_form,
            "can_submit": can_edit,
            "all_decided": all_decided,
        },
    )


def _save(request, item, form) -> bool:
    try:
        services.save_national_plan(
            user=request.user,
            scheme=item.scheme,
            national_plan=item,
            title=form.cleaned_data["title"],
            cover_text=form.cleaned_data["cover_text"],
            plan_ids=[p.pk for p in form.cleaned_data["plans"]],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, _("Het landelijk sectorplan is opgeslagen."))
    return True


def _confirm_decision(request, item, form):
    plans = [(plan, national_contribution_cents(plan)) for plan in form.cleaned_data["plans"]]
    return render(
        request,
        "assessment/national_plan_confirm.html",
        {
            "item": item,
            "plans": plans,
            "total_cents": sum(cents for _plan, cents in plans),
            "approve": form.cleaned_data["decision"] == "approve",
            "decision": form.cleaned_data["decision"],
            "reason": form.cleaned_data["reason"],
        },
    )


def _decide(request, form) -> bool:
    plans = form.cleaned_data["plans"]
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.decide(
            [p.pk for p in plans],
            user=request.user,
            approve=approve,
            reason=form.cleaned_data["reason"],
        )
    except TransitionRefused as refused:
        form.add_error(None, str(refused))
        return False
    n = len(plans)
    if approve:
        done = ngettext("%(n)d deelplan goedgekeurd.", "%(n)d deelplannen goedgekeurd.", n)
    else:
        done = ngettext("%(n)d deelplan afgewezen.", "%(n)d deelplannen afgewezen.", n)
    messages.success(request, done % {"n": n})
    return True


@login_required
@require_POST
def national_plan_submit(request, pk):
    item = get_object_or_404(selectors.visible_national_plans(request.user), pk=pk)
    try:
        services.submit_national_plan(item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) + " " + _("Er is niets ingediend."))
    else:
        messages.success(request, _("Het landelijk sectorplan is ingediend bij SZW."))
    return redirect("assessment:national-plan", pk=item.pk)


@login_required
def overview(request):
    _require(policy.can_view_overview(request.user), _("Deze pagina is voor Cedris en SZW/BZK."))
    scheme = _scheme(request)
    only_late = request.GET.get("filter") == "te-laat"
    today = clock.today()
    # The same for everyone who may see it, so the summary is rendered once and kept until the
    # data or the day changes (plans.summary_cache): at 35 regions with plans in every state
    # it is some 700 links.
    summary = summary_cache.rendered(
        "progress-page",
        "assessment/_overview_summary.html",
        partial(_overview_context, scheme, only_late, today),
        scheme.pk,
        today.isoformat(),
        only_late,
    )
    return render(request, "assessment/overview.html", {"scheme": scheme, "summary": summary})


def _overview_context(scheme, only_late: bool, today) -> dict:
    rows = queues.region_summary(scheme, today)
    counts = {}
    for row in rows:
        for state, label, n in row.states:
            counts[(state, label)] = counts.get((state, label), 0) + n
    if only_late:
        rows = [r for r in rows if r.any_late]
    plans_url = reverse("plans:list") + "?" + urlencode({"regeling": scheme.slug})
    for row in rows:
        row.url = f"{plans_url}&regio={row.region.code}"
        row.state_links = [
            (label, n, f"{row.url}&status={state}") for state, label, n in row.states
        ]
        row.waiting_links = [
            (label, n, f"{row.url}&wacht_op={party}&sorteer=uiterste_datum")
            for party, label, n in row.waiting
        ]
    return {
        "rows": rows,
        "only_late": only_late,
        "counts": sorted(
            ((state, label, n) for (state, label), n in counts.items()),
            key=lambda c: list(PlanState).index(c[0]),
        ),
        "plans_url": plans_url,
    }


@login_required
def overview_export(request, fmt):
    _require(policy.can_view_overview(request.user), _("Deze pagina is voor Cedris en SZW/BZK."))
    sheet = summary_sheet(queues.region_summary(_scheme(request)))
    return sheet_response(sheet, "voortgang-per-regio", fmt)
