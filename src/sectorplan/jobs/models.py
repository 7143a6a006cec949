"""One record per long piece of work a user starts (an import, a batch action): who started
it, how far it is, and how it ended. The work itself runs as a task of Django's task framework
(django-tasks) on a `db_worker`; this record is what the user's page polls."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class JobKind(models.TextChoices):
    UNITS_IMPORT = "units_import", _("SE-cijfers inlezen")
    DECISION_LETTERS = "decision_letters", _("Beschikkingen bundelen")
    NATIONAL_REPORT = "national_report", _("Landelijke rapportage maken")


class JobState(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


FINISHED_STATES = (JobState.DONE, JobState.FAILED)


class Job(models.Model):
    kind = models.CharField(_("soort"), max_length=40, choices=JobKind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="jobs",
        verbose_name=_("gestart door"),
    )
    state = models.CharField(
        _("stand"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    # The end message as a msgid (marked with gettext_noop) plus its values, so each reader sees
    # it in their own language; the worker has no request to take a language from.
    message = models.TextField(_("bericht"), blank=True)
    message_params = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(_("resultaat"), max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # The uploaded input, in private storage: the worker may run on another machine.
    upload = models.FileField(_("bestand"), upload_to="jobs/%Y/", blank=True)
    # A file the job made (e.g. a ZIP of letters), served by jobs:result-file to who sees the job.
    result_file = models.FileField(_("resultaatbestand"), upload_to="jobs/%Y/", blank=True)
    created_at = MomentField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    def message_text(self) -> str:
        if not self.message:
            return ""
        text = gettext(self.message)
        return text % self.message_params if self.message_params else text
