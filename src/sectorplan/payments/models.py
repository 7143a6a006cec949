"""Payment batches for BZK: the granted national contribution of each region, paid to its
central municipality through the Gemeentefonds. Money is whole cents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class BatchState(models.TextChoices):
    DRAFT = "draft", _("In voorbereiding")
    PAID = "paid", _("Uitbetaald")
    # Kept, with its number, so a number BZK has seen is never used twice.
    CANCELLED = "cancelled", _("Ingetrokken")


class PaymentBatch(models.Model):
    scheme = models.ForeignKey(
        "registry.Scheme", on_delete=models.PROTECT, related_name="+", verbose_name=_("regeling")
    )
    number = models.PositiveIntegerField(_("volgnummer"))
    state = models.CharField(
        _("status"), max_length=10, choices=BatchState.choices, default=BatchState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = MomentField(_("voorbereid op"), auto_now_add=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(_("uitbetaald op"), null=True, blank=True)
    # The payment date as the scheme's clock has it (the demo date in demo mode).
    paid_on = models.DateField(_("betaaldatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        ordering = ["scheme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="payment_batch_number")
        ]

    def __str__(self):
        return f"{self.scheme.slug} betaalbatch {self.number}"


class PaymentItem(models.Model):
    """One granted plan in a batch; a plan is paid once, so it is in at most one batch."""

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="items")
    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.PROTECT, related_name="payment", verbose_name=_("plan")
    )
    decision = models.OneToOneField(
        "assessment.GrantDecision", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("centrumgemeente"),
    )
    amount_cents = models.BigIntegerField(_("bedrag (eurocent)"))

    class Meta:
        verbose_name = _("betaalregel")
        verbose_name_plural = _("betaalregels")
        ordering = ["batch", "region__code", "plan_id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="payment_positive")
        ]

    def __str__(self):
        return f"{self.region.code}: {self.amount_cents}"
