"""Writes of payments: prepare a batch (Cedris), mark it paid (BZK), save a redistribution of
what is left over as a new allocation run (Cedris). One transaction per user action."""

from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.allocation.models import AllocationRun
from sectorplan.allocation.services import store_run
from sectorplan.audit.services import record
from sectorplan.plans import rules, workflow
from sectorplan.plans.models import Plan
from sectorplan.plans.services import lock_plan
from sectorplan.plans.states import PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import Region, Scheme

from .models import BatchState, PaymentBatch, PaymentItem
from .selectors import NothingToRedistribute, reconcile, redistribution

# The batch being paid right now: the "pay" transition is allowed only for its plans.
_paying_batch: ContextVar[int | None] = ContextVar("paying_batch", default=None)


def require_paid_in_batch(plan: Plan) -> None:
    """Guard of the 'pay' transition: a plan is paid only with its whole batch."""
    batch_id = _paying_batch.get()
    item = PaymentItem.objects.filter(plan=plan).select_related("batch").first()
    if batch_id is None or item is None or item.batch_id != batch_id:
        raise workflow.TransitionRefused(
            _(
                "Uitbetalen gaat per betaalbatch: het programmabureau bereidt die voor en BZK "
                "markeert de hele batch als betaald."
            )
        )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def prepare_batch(scheme: Scheme, *, user) -> PaymentBatch:
    """Every granted plan not yet in a batch, one item per plan with its granted amount."""
    _require(policy.can_review(user), _("Alleen het programmabureau bereidt een betaalbatch voor."))
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    candidates = (
        Plan.objects.filter(scheme=scheme, state=PlanState.GRANTED, payment__isnull=True)
        .order_by("region_id", "pk")
        .values_list("pk", flat=True)
    )
    plans = [lock_plan(pk) for pk in candidates]
    plans = [p for p in plans if p.state == PlanState.GRANTED]
    if not plans:
        raise ValidationError(_("Er zijn geen beschikte plannen die nog betaald moeten worden."))
    last = PaymentBatch.objects.filter(scheme=scheme).aggregate(n=Max("number"))["n"] or 0
    batch = PaymentBatch.objects.create(scheme=scheme, number=last + 1, created_by=user)
    for plan in plans:
        if plan.region.central_municipality_id is None:
            raise ValidationError(
                _("%(region)s heeft geen centrumgemeente om aan te betalen.")
                % {"region": plan.region}
            )
        PaymentItem.objects.create(
            batch=batch,
            plan=plan,
            decision=plan.decision,
            region=plan.region,
            municipality_id=plan.region.central_municipality_id,
            amount_cents=plan.decision.granted_cents,
        )
    record(
        action="payments.batch_prepared",
        obj=batch,
        actor=user,
        after={"plans": len(plans), "total_cents": sum(p.decision.granted_cents for p in plans)},
    )
    return batch


@transaction.atomic
def cancel_batch(batch: PaymentBatch, *, user) -> None:
    _require(policy.can_review(user), _("Alleen het programmabureau trekt een betaalbatch in."))
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != BatchState.DRAFT:
        raise ValidationError(_("Een betaalde batch blijft bestaan."))
    total = sum(i.amount_cents for i in batch.items.all())
    batch.items.all().delete()
    batch.state = BatchState.CANCELLED
    batch.save(update_fields=["state"])
    record(
        action="payments.batch_cancelled",
        obj=batch,
        actor=user,
        before={"state": BatchState.DRAFT, "total_cents": total},
        after={"state": BatchState.CANCELLED},
    )


@transaction.atomic
def mark_paid(batch: PaymentBatch, *, user) -> PaymentBatch:
    """BZK: the whole batch is paid and every plan in it moves to 'paid', or nothing changes."""
    _require(policy.can_pay(user), _("Alleen BZK markeert een betaalbatch als betaald."))
    batch = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != BatchState.DRAFT:
        raise ValidationError(_("Deze betaalbatch is al betaald."))
    report = reconcile(batch)
    if not report.is_clean:
        raise ValidationError(
            _("De batch klopt niet en is niet betaald: %(differences)s")
            % {"differences": " ".join(report.differences)}
        )
    plan_ids = list(batch.items.values_list("plan_id", flat=True))
    token = _paying_batch.set(batch.pk)
    try:
        workflow.take_many(plan_ids, "pay", user=user, reason=f"Betaalbatch {batch.number}")
    except workflow.TransitionRefused as refused:
        raise ValidationError(str(refused)) from refused
    finally:
        _paying_batch.reset(token)
    batch.state = BatchState.PAID
    batch.paid_by, batch.paid_at, batch.paid_on = user, clock.now(), clock.today()
    batch.save(update_fields=["state", "paid_by", "paid_at", "paid_on"])
    record(
        action="payments.batch_paid",
        obj=batch,
        actor=user,
        before={"state": BatchState.DRAFT},
        after={"state": BatchState.PAID, "total_cents": report.paid_cents},
    )
    return batch


@transaction.atomic
def save_redistribution(scheme: Scheme, *, user, reason: str) -> AllocationRun:
    _require(policy.can_review(user), _("Alleen het programmabureau verdeelt het restant."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden: een nieuwe verdeling wordt altijd gemotiveerd."))
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    # Every region's row, in id order as all writers take them: no plan changes what it asks
    # while the remainder is computed and the new reservations are stored.
    regions = Region.objects.filter(region_set=scheme.region_set_id)
    for region_id in regions.order_by("pk").values_list("pk", flat=True):
        rules.lock_region(region_id)
    try:
        plan = redistribution(scheme)
    except NothingToRedistribute as nothing:
        raise ValidationError(str(nothing)) from nothing
    return store_run(
        scheme,
        plan.new_amounts,
        units={row.region.code: row.standard_units for row, _ in plan.rows},
        uses_demo_units=scheme.allocation_runs.order_by("-number").first().uses_demo_units,
        reason=reason,
        actor=user,
        method="redistribution",
    )
