"""Progress reports: per plan, one report per evaluation moment of the timeline (the milestones
interim report 1, interim report 2 and final report). Qualitative, as the scheme says (rule 8):
activities, results against what was planned, lessons; never money.

Writes go through monitoring.report_services (audited, scope "plan:<id>")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.jobs.models import JobState
from sectorplan.registry.clock import MomentField
from sectorplan.registry.models import MilestoneKind

REPORT_KINDS = (
    MilestoneKind.INTERIM_REPORT_1,
    MilestoneKind.INTERIM_REPORT_2,
    MilestoneKind.FINAL_REPORT,
)
REPORT_KIND_CHOICES = [(kind.value, kind.label) for kind in REPORT_KINDS]


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet gestart")
    RUNNING = "running", _("Loopt")
    DONE = "done", _("Afgerond")
    DROPPED = "dropped", _("Gestopt")


class ProgressReport(models.Model):
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("sectorplan"),
    )
    kind = models.CharField(_("evaluatiemoment"), max_length=40, choices=REPORT_KIND_CHOICES)
    state = models.CharField(
        _("status"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    went_well = models.TextField(_("wat ging goed"), blank=True)
    went_badly = models.TextField(_("wat ging niet goed"), blank=True)
    good_practice = models.TextField(_("goed voorbeeld om te delen"), blank=True)
    # The answers to the questions the scheme asks at this moment (Milestone.questions), each
    # kept with its question: [{"question": ..., "answer": ...}] in the scheme's order.
    answers = models.JSONField(_("antwoorden"), default=list, blank=True)
    # The practices this text is about: existing ones linked, or one made from it ("delen als
    # goed voorbeeld"); written through monitoring.practice_services only.
    good_practices = models.ManyToManyField(
        "meetings.GoodPractice",
        blank=True,
        related_name="progress_reports",
        verbose_name=_("gekoppelde goede voorbeelden"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = MomentField(_("aangemaakt op"), auto_now_add=True)
    updated_at = MomentField(_("gewijzigd op"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["plan__region__code", "plan_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="progress_report_unique"),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(submitted_at__isnull=False),
                name="progress_report_submitted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.plan}: {self.get_kind_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED


class ActivityProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="activities")
    activity = models.ForeignKey(
        "plans.Activity",
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("activiteit"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    achieved_quantity = models.DecimalField(
        _("bereikt resultaat (aantal)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("voortgang van een activiteit")
        verbose_name_plural = _("voortgang van activiteiten")
        ordering = ["report", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="activity_progress_unique"),
            models.CheckConstraint(
                condition=models.Q(achieved_quantity__isnull=True)
                | models.Q(achieved_quantity__gte=0),
                name="activity_progress_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display()}"


class GoalProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="goals")
    goal = models.ForeignKey(
        "plans.Goal", on_delete=models.CASCADE, related_name="progress", verbose_name=_("doel")
    )
    achieved_quantity = models.DecimalField(
        _("bereikt aantal"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("voortgang van een doel")
        verbose_name_plural = _("voortgang van doelen")
        ordering = ["report", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "goal"], name="goal_progress_unique"),
            models.CheckConstraint(
                condition=models.Q(achieved_quantity__isnull=True)
                | models.Q(achieved_quantity__gte=0),
                name="goal_progress_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.goal}: {self.achieved_quantity}"


class ReportReminder(models.Model):
    """One reminder per plan and evaluation moment: `send-reminders` never mails twice."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="report_reminders"
    )
    kind = models.CharField(_("evaluatiemoment"), max_length=40, choices=REPORT_KIND_CHOICES)
    due_on = models.DateField(_("uiterste datum"))
    recipients = models.TextField(_("ontvangers"))
    sent_at = MomentField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="report_reminder_unique")
        ]

    def __str__(self):
        return f"{self.plan}: {self.get_kind_display()}"


# Not made yet: no generation job and no files. Every other state is the state of the report's
# latest background job (jobs.JobState: queued, running, done, failed).
NOT_MADE = "idle"
REPORT_STATES = (NOT_MADE, *JobState.values)


class NationalReport(models.Model):
    """Cedris's report to SZW at one evaluation moment, compiled from the progress reports:
    the office's own text per section, and the generated PDF and XLSX annex."""

    scheme = models.ForeignKey(
        "registry.Scheme", on_delete=models.CASCADE, related_name="national_reports"
    )
    kind = models.CharField(_("evaluatiemoment"), max_length=40, choices=REPORT_KIND_CHOICES)
    texts = models.JSONField(_("eigen tekst per onderdeel"), default=dict, blank=True)
    # The latest making of the files, a job like every other background job (on /taken/, with
    # its state, progress and message); none until Cedris first makes the report.
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatste taak"),
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    xlsx = models.BinaryField(_("XLSX-bijlage"), null=True, blank=True)
    generated_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    updated_at = MomentField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("landelijke rapportage")
        verbose_name_plural = _("landelijke rapportages")
        ordering = ["scheme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="national_report_unique")
        ]

    def __str__(self):
        return f"{self.scheme}: {self.get_kind_display()}"

    # State, progress and message come from the job; a report made without one (a test, or
    # before jobs existed) is done when it has its files.
    @property
    def state(self) -> str:
        if self.job_id:
            return self.job.state
        return JobState.DONE.value if self.pdf else NOT_MADE

    def get_state_display(self) -> str:
        if self.state == NOT_MADE:
            return str(_("Nog niet gemaakt"))
        return str(JobState(self.state).label)

    @property
    def progress(self) -> int:
        if self.job_id:
            return self.job.progress
        return 100 if self.pdf else 0

    @property
    def error(self) -> str:
        return self.job.message_text() if self.job_id and self.state == JobState.FAILED else ""

    @property
    def busy(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def ready(self) -> bool:
        return self.state == JobState.DONE and bool(self.pdf)
