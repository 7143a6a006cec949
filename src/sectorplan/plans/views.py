"""Plan pages. Every view asks accounts.policy, the same policy the API asks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.assessment import frozen
from sectorplan.assessment.progress import REVIEW_STEPS, awaiting
from sectorplan.registry.models import Region, Scheme

from . import attachments, detail_body, selectors, services, turn, workflow
from .done import done_message
from .forms import (
    ActivityForm,
    AttachmentForm,
    BudgetLineForm,
    CommitmentForm,
    GoalForm,
    ParticipantForm,
    PlanCreateForm,
    PlanForm,
    TransitionForm,
)
from .models import Attachment, Commitment, Plan
from .states import PlanState

PARTS = {
    "deelnemers": (ParticipantForm, gettext_lazy("deelnemend SW-bedrijf")),
    "doelen": (GoalForm, gettext_lazy("doel")),
    "activiteiten": (ActivityForm, gettext_lazy("activiteit")),
    "begroting": (BudgetLineForm, gettext_lazy("begrotingsregel")),
    "cofinanciering": (CommitmentForm, gettext_lazy("cofinancieringstoezegging")),
}


def posted_version(request) -> int | None:
    """The version a delete or commit builds on; None when it is not a whole number."""
    text = request.POST.get("version", "0").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        return None
    return int(text)


def bad_version(request):
    message = _("De versie moet een geheel getal zijn; er is niets gewijzigd.")
    return render(request, "400.html", {"exception": message}, status=400)


def _visible_plan(request, pk):
    try:
        return selectors.plan_for_detail(policy.visible_plans(request.user), pk)
    except Plan.DoesNotExist as error:
        raise Http404(_("Dit plan bestaat niet of u mag het niet zien.")) from error


@login_required
def plan_create(request):
    if not policy.can_create_plan(request.user):
        raise PermissionDenied(_("Alleen medewerkers van een SW-bedrijf maken een plan."))
    scheme = _scheme_for_create(request)
    if scheme is None:
        # Several schemes run side by side: the company says which one the plan is for.
        schemes = Scheme.objects.order_by("slug")
        return render(request, "plans/choose_scheme.html", {"schemes": schemes})
    regions = Region.objects.filter(
        pk__in=policy.actor_for(request.user).region_ids, region_set=scheme.region_set_id
    )
    form = PlanCreateForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        region = data.pop("region")
        try:
            plan = services.create_plan(user=request.user, scheme=scheme, region=region, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het plan is aangemaakt."))
            return redirect("plans:detail", pk=plan.pk)
    title = _("Nieuw sectorplan: %(scheme)s") % {"scheme": scheme.label}
    return render(request, "plans/form.html", {"form": form, "title": title})


def _scheme_for_create(request) -> Scheme | None:
    """The scheme named in the address, the only one there is, or None: choose."""
    slug = request.GET.get("regeling") or request.POST.get("regeling")
    if slug:
        return get_object_or_404(Scheme, slug=slug)
    schemes = list(Scheme.objects.all()[:2])
    if not schemes:
        raise Http404(_("Er is nog geen regeling geladen."))
    return schemes[0] if len(schemes) == 1 else None


@login_required
def plan_detail(request, pk):
    live = _visible_plan(request, pk)
    # Assessors and ministries see the last submitted version while the region reworks it.
    shown = frozen.version_for(request.user, live)
    plan = frozen.frozen_plan(live, shown) if shown else live
    options = workflow.options(live, request.user)
    my_turns = turn.turns(request.user, live)
    can_edit = policy.can_edit_plan(request.user, live)
    can_commit = policy.can_commit_cofinancing(request.user, live)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "turns": my_turns,
            "extension": _extension_route(request.user, live, options, my_turns),
            "plan": plan,
            # It counts the region's drafts too: not for those who see the submitted version.
            "region_room": None if shown else selectors.region_room(live),
            "kept": detail_body.kept(
                request, plan, shown, can_edit=can_edit, can_commit=can_commit
            ),
            "shown_version": shown,
            "can_edit": can_edit,
            # Cedris's review steps are taken on the review page, beside the answers; here only
            # a pointer to it (one page for the whole review).
            "transitions": [o for o in options if o.code not in REVIEW_STEPS],
            "review_step": any(o.code in REVIEW_STEPS for o in options),
            "transition_form": TransitionForm(),
        },
    )


def _extension_route(user, plan, options, turns) -> dict | None:
    """When a step's window has closed (or the user's task is late): who grants an extension
    and how to ask; the programme office's administrators get the page where they grant it."""
    if policy.can_grant_extension(user):
        # Whoever's turn it is: a late plan is the office's to extend.
        if any(task.is_late for task in awaiting(plan)):
            return {"grant_url": reverse("plans:extensions")}
        return None
    closed = next((o for o in options if o.closed_on), None)
    late = next((t for t in turns if t.is_late), None)
    if closed is None and late is None:
        return None
    action, day = (closed.label, closed.closed_on) if closed else (late.action, late.deadline)
    return {"contacts": turn.extension_contacts(plan, str(action), day)}


def _save(request, form, plan, save):
    """Runs a service; on a conflict keeps the user's input and shows what is there now."""
    try:
        return save()
    except services.EditConflict as conflict:
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
        form.add_error(None, str(conflict))
    except ValidationError as error:
        _add_errors(form, error)
    return None


def _add_errors(form, error: ValidationError) -> None:
    """Errors land next to their field when the form has it, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def plan_edit(request, pk):
    plan = _visible_plan(request, pk)
    if not policy.can_edit_plan(request.user, plan):
        raise PermissionDenied(_("U mag dit plan nu niet wijzigen."))
    form = PlanForm(request.POST or None, instance=plan, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            request,
            form,
            plan,
            lambda: services.update_plan(
                plan,
                user=request.user,
                version=form.cleaned_data["version"] or 0,
                **form.changed_values(),
            ),
        )
        if saved:
            messages.success(request, _("Het plan is opgeslagen."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "plans/form.html", {"form": form, "plan": plan, "title": _("Plan wijzigen")}
    )


def _part_context(request, pk, part):
    if part not in PARTS:
        raise Http404()
    plan = _visible_plan(request, pk)
    form_class, label = PARTS[part]
    model = form_class._meta.model
    allowed = policy.can_edit_plan(request.user, plan) or (
        model is Commitment and policy.can_commit_cofinancing(request.user, plan)
    )
    if not allowed:
        raise PermissionDenied(_("U mag dit plan nu niet wijzigen."))
    return plan, form_class, label, model


@login_required
def part_edit(request, pk, part, part_id=None):
    plan, form_class, label, model = _part_context(request, pk, part)
    instance = get_object_or_404(model, pk=part_id, plan=plan) if part_id else None
    form = form_class(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        values = form.changed_values()
        if instance:
            action = lambda: services.change_part(  # noqa: E731
                instance, user=request.user, version=form.cleaned_data["version"] or 0, **values
            )
        else:
            action = lambda: services.add_part(plan, model, user=request.user, **values)  # noqa: E731
        if _save(request, form, plan, action):
            messages.success(request, _("Opgeslagen: %(label)s.") % {"label": label})
            return redirect("plans:detail", pk=plan.pk)
    title = (_("%(label)s wijzigen") if instance else _("Nieuw: %(label)s")) % {"label": label}
    return render(request, "plans/form.html", {"form": form, "plan": plan, "title": title})


@login_required
def part_delete(request, pk, part, part_id):
    plan, form_class, label, model = _part_context(request, pk, part)
    instance = get_object_or_404(model, pk=part_id, plan=plan)
    if request.method == "POST":
        version = posted_version(request)
        if version is None:
            return bad_version(request)
        try:
            services.remove_part(instance, user=request.user, version=version)
        except services.EditConflict as conflict:
            messages.error(request, str(conflict))
        except PermissionDenied as refused:  # a committed amount: only the municipality removes it
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Verwijderd: %(label)s.") % {"label": label})
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "plans/confirm_delete.html", {"plan": plan, "object": instance, "label": label}
    )


@login_required
@require_POST
def commitment_commit(request, pk, part_id):
    plan = _visible_plan(request, pk)
    commitment = get_object_or_404(Commitment, pk=part_id, plan=plan)
    version = posted_version(request)
    if version is None:
        return bad_version(request)
    try:
        services.commit_cofinancing(commitment, user=request.user, version=version)
    except services.EditConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("De cofinanciering is toegezegd."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def transition(request, pk, code):
    plan = _visible_plan(request, pk)
    form = TransitionForm(request.POST)
    form.is_valid()
    step = workflow.TRANSITIONS.get(code)
    if step and step.consequence and request.POST.get("confirmed") != "1":
        return _confirm_transition(request, plan, step, form)
    try:
        workflow.take(
            plan,
            code,
            user=request.user,
            reason=form.cleaned_data.get("reason", ""),
            points=form.cleaned_data.get("points", ""),
        )
    except workflow.TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done_message(code, workflow.TRANSITIONS[code].label))
    return redirect("plans:detail", pk=plan.pk)


def _confirm_transition(request, plan, step, form):
    """An irreversible step asks first, on a page of its own (works without JavaScript): what
    will happen, the toelichting as typed, and a button that takes the step. A step the user may
    not take, or that its rules refuse now, is refused here already, with the same message."""
    if not step.allowed(request.user, plan):
        raise PermissionDenied(
            _("U mag '%(action)s' niet doen voor dit plan.") % {"action": step.label}
        )
    if plan.state not in step.sources:
        messages.error(
            request,
            _("'%(action)s' kan niet: het plan heeft status '%(state)s'.")
            % {"action": step.label, "state": plan.get_state_display()},
        )
        return redirect("plans:detail", pk=plan.pk)
    refused = workflow.refusal(plan, step)
    if refused is not None:
        messages.error(request, str(refused))
        return redirect("plans:detail", pk=plan.pk)
    reason = form.cleaned_data.get("reason", "")
    if step.needs_reason and not reason.strip():
        messages.error(
            request, _("Geef een toelichting bij '%(action)s'.") % {"action": step.label}
        )
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/confirm_transition.html",
        {
            "plan": plan,
            "step": step,
            "consequence": workflow.consequence(plan, step),
            "reason": reason,
            "points": form.cleaned_data.get("points", ""),
            "from_state": plan.get_state_display(),
            "to_state": PlanState(step.target).label,
            "resubmission": turn.resubmission(plan) if step.code == "resubmit" else None,
        },
    )


@login_required
def attachment_add(request, pk):
    plan = _visible_plan(request, pk)
    if not policy.can_edit_plan(request.user, plan):
        raise PermissionDenied(_("U mag aan dit plan geen bijlagen toevoegen."))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachments.add_attachment(plan, form.cleaned_data["file"], user=request.user)
        except ValidationError as error:
            form.add_error("file", error.message_dict.get("file", error.messages))
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "plan": plan, "title": _("Bijlage toevoegen"), "multipart": True},
    )


@login_required
def attachment_download(request, pk, attachment_id):
    plan = _visible_plan(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, plan=plan)
    shown = frozen.version_for(request.user, plan)
    if shown and attachment.pk not in frozen.attachment_ids(shown):
        raise Http404(_("Deze bijlage hoort niet bij de ingediende versie van het plan."))
    return attachments.download(attachment.file, attachment.original_name, attachment.content_type)


@login_required
def attachment_delete(request, pk, attachment_id):
    plan = _visible_plan(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, plan=plan)
    if not policy.can_edit_plan(request.user, plan):
        raise PermissionDenied(_("U mag deze bijlage niet verwijderen."))
    if request.method == "POST":
        attachments.remove_attachment(attachment, user=request.user)
        messages.success(request, _("De bijlage is verwijderd."))
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/confirm_delete.html",
        {"plan": plan, "object": attachment, "label": _("bijlage")},
    )
