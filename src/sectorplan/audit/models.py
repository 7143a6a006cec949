"""One append-only log of changes: who, when, what before, what after (rule 7)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class AuditEvent(models.Model):
    occurred_at = MomentField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    actor_label = models.CharField(
        _("door (naam)"), max_length=200, help_text=_("Bewaard voor als het account verdwijnt.")
    )
    action = models.CharField(_("handeling"), max_length=60, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=60, db_index=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True, db_index=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    scope = models.CharField(
        _("onderdeel van"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Bijv. 'plan:12': zo toont een plan ook de wijzigingen aan zijn onderdelen."),
    )
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        when = f"{self.occurred_at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor_label}: {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")
