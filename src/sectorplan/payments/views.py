"""Payment pages: batches (Cedris prepares, BZK pays), what is left over and the what-if
redistribution, and any two allocation runs side by side (public, like the budget page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.allocation.models import AllocationRun
from sectorplan.exports import sheet_response
from sectorplan.registry.models import Scheme
from sectorplan.web.paging import paginate
from sectorplan.web.scheme_choice import scheme_asked

from . import selectors, services
from .exports import batch_sheet, leftover_sheet
from .models import PaymentBatch


def _scheme(request) -> Scheme:
    return scheme_asked(request)


def _require_view(user) -> None:
    if not policy.can_view_payments(user):
        raise PermissionDenied(_("Deze pagina is voor Cedris, SZW en BZK."))


def _errors(request, error: ValidationError, suffix: str) -> None:
    messages.error(request, " ".join(error.messages) + " " + suffix)


@login_required
def batches(request):
    _require_view(request.user)
    scheme = _scheme(request)
    if request.method == "POST":
        try:
            batch = services.prepare_batch(scheme, user=request.user)
        except ValidationError as error:
            _errors(request, error, _("Er is geen batch gemaakt."))
        else:
            messages.success(request, _("Betaalbatch %(n)d is voorbereid.") % {"n": batch.number})
            return redirect("payments:batch", pk=batch.pk)
    # Counted by the database and 50 a page (web/paging.py): the list costs the same however
    # many batches and plans there are.
    batches = (
        PaymentBatch.objects.filter(scheme=scheme)
        .annotate(item_count=Count("items"))
        .order_by("-number", "-pk")
    )
    return render(
        request,
        "payments/batches.html",
        {
            **paginate(request, batches),
            "scheme": scheme,
            "can_prepare": policy.can_review(request.user),
        },
    )


def _batch(request, pk) -> PaymentBatch:
    _require_view(request.user)
    return get_object_or_404(PaymentBatch.objects.select_related("scheme"), pk=pk)


@login_required
def batch(request, pk):
    item = _batch(request, pk)
    draft = item.state == "draft"
    return render(
        request,
        "payments/batch.html",
        {
            "batch": item,
            "report": selectors.reconcile(item),
            "can_pay": draft and policy.can_pay(request.user),
            "can_cancel": draft and policy.can_review(request.user),
        },
    )


@login_required
@require_POST
def batch_paid(request, pk):
    item = _batch(request, pk)
    try:
        services.mark_paid(item, user=request.user)
    except ValidationError as error:
        _errors(request, error, _("Er is niets als betaald gemarkeerd."))
    else:
        messages.success(
            request, _("De batch is betaald; de plannen hebben nu status 'Uitbetaald'.")
        )
    return redirect("payments:batch", pk=item.pk)


@login_required
@require_POST
def batch_cancel(request, pk):
    item = _batch(request, pk)
    try:
        services.cancel_batch(item, user=request.user)
    except ValidationError as error:
        _errors(request, error, "")
    else:
        messages.success(request, _("De batch is ingetrokken."))
    return redirect("payments:batches")


@login_required
def batch_export(request, pk, fmt):
    item = _batch(request, pk)
    return sheet_response(batch_sheet(item), f"betaalbatch-{item.scheme.slug}-{item.number}", fmt)


def _what_if(scheme):
    try:
        return selectors.redistribution(scheme), ""
    except selectors.NothingToRedistribute as nothing:
        return None, str(nothing)


@login_required
def leftover(request):
    _require_view(request.user)
    scheme = _scheme(request)
    if request.method == "POST":
        try:
            run = services.save_redistribution(
                scheme, user=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as error:
            _errors(request, error, _("Er is geen nieuwe verdeling opgeslagen."))
        else:
            messages.success(request, _("Verdeling %(n)d is opgeslagen.") % {"n": run.number})
            return redirect("payments:runs")
    rows = selectors.leftover(scheme)
    what_if, why_not = _what_if(scheme)
    new = what_if.new_amounts if what_if else {}
    return render(
        request,
        "payments/leftover.html",
        {
            "scheme": scheme,
            "rows": [
                (r, new.get(r.region.code), new.get(r.region.code, 0) - r.reservation_cents)
                for r in rows
            ],
            "total_reserved": sum(r.reservation_cents for r in rows),
            "total_granted": sum(r.granted_cents for r in rows),
            "total_left": sum(r.leftover_cents for r in rows),
            "what_if": what_if,
            "why_not": why_not,
            "can_save": policy.can_review(request.user) and what_if is not None,
        },
    )


@login_required
def leftover_export(request, fmt):
    _require_view(request.user)
    scheme = _scheme(request)
    what_if, _why = _what_if(scheme)
    sheet = leftover_sheet(selectors.leftover(scheme), what_if.new_amounts if what_if else None)
    return sheet_response(sheet, f"restant-{scheme.slug}", fmt)


def runs(request):
    scheme = _scheme(request)
    all_runs = list(AllocationRun.objects.filter(scheme=scheme).order_by("number"))
    if not all_runs:
        raise Http404(_("Voor deze regeling is nog geen verdeling gemaakt."))
    by_number = {r.number: r for r in all_runs}

    def pick(name, default):
        try:
            return by_number[int(request.GET.get(name, ""))]
        except (KeyError, ValueError):
            return default

    first = pick("a", all_runs[-2] if len(all_runs) > 1 else all_runs[0])
    second = pick("b", all_runs[-1])
    rows = selectors.compare_runs(first, second)
    return render(
        request,
        "payments/runs.html",
        {
            "scheme": scheme,
            "runs": all_runs,
            "first": first,
            "second": second,
            "rows": [(region, a, b, b - a) for region, a, b in rows],
            "totals": (sum(r[1] for r in rows), sum(r[2] for r in rows)),
        },
    )
