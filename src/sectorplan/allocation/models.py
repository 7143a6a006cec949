"""Allocation runs: every reservation per region ever computed is kept, numbered."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class AllocationRun(models.Model):
    scheme = models.ForeignKey(
        "registry.Scheme",
        on_delete=models.PROTECT,
        related_name="allocation_runs",
        verbose_name=_("regeling"),
    )
    number = models.PositiveIntegerField(_("volgnummer"))
    created_at = MomentField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    reason = models.TextField(_("reden"))
    method = models.CharField(_("methode"), max_length=40, default="largest_remainder")
    total_cents = models.BigIntegerField(_("totaal (eurocent)"))
    uses_demo_units = models.BooleanField(_("berekend met demo-SE"), default=False)

    class Meta:
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        ordering = ["scheme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "number"], name="allocation_run_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.scheme.slug} verdeling {self.number}"


class Reservation(models.Model):
    run = models.ForeignKey(
        AllocationRun,
        on_delete=models.CASCADE,
        related_name="reservations",
        verbose_name=_("verdeling"),
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    standard_units = models.DecimalField(_("SE"), max_digits=12, decimal_places=2)
    amount_cents = models.BigIntegerField(_("gereserveerde rijksbijdrage (eurocent)"))

    class Meta:
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen")
        ordering = ["run", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "region"], name="reservation_region_unique"),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=0), name="reservation_nonneg"
            ),
        ]

    def __str__(self):
        return f"{self.region.code}: {self.amount_cents}"
