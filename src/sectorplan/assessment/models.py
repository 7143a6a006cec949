"""Assessment: frozen versions, Cedris's content review, assessors' advice, change requests,
the national plan sent to SZW and SZW's grant decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class PlanVersion(models.Model):
    """What was submitted, frozen: every submission to Cedris makes one."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = MomentField(_("ingediend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class ReviewQuestion(models.Model):
    """One question of the scheme's framework (toetsingskader): data, not code."""

    scheme = models.ForeignKey(
        "registry.Scheme", on_delete=models.CASCADE, related_name="review_questions"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.CharField(_("vraag"), max_length=500)

    class Meta:
        verbose_name = _("toetsvraag")
        verbose_name_plural = _("toetsvragen")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "order"], name="review_question_order_unique")
        ]

    def __str__(self):
        return self.text


class Verdict(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Deels")
    NO = "no", _("Nee")


class ReviewAnswer(models.Model):
    """Cedris's answer to one framework question for one version of a plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ReviewQuestion, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("oordeel"), max_length=10, choices=Verdict.choices)
    comment = models.TextField(_("toelichting"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = MomentField(_("beantwoord op"), auto_now=True)
    # Set when the answer was carried over unchanged from an earlier version on resubmission:
    # the version it was given for. It counts as an answer (the assessor reviews only what
    # changed) until Cedris saves a different verdict or comment, which clears it.
    given_for = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord bij versie"),
    )

    class Meta:
        verbose_name = _("toetsantwoord")
        verbose_name_plural = _("toetsantwoorden")
        ordering = ["version", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "question"], name="review_answer_unique")
        ]

    def __str__(self):
        return f"{self.question}: {self.get_verdict_display()}"


class Recommendation(models.TextChoices):
    POSITIVE = "positive", _("Positief")
    CONDITIONAL = "conditional", _("Positief onder voorwaarden")
    NEGATIVE = "negative", _("Negatief")


class Advice(models.Model):
    """An assessor's (social partners, VNG) advice on one version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="advice")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recommendation = models.CharField(_("advies"), max_length=20, choices=Recommendation.choices)
    comments = models.TextField(_("opmerkingen"))
    given_at = MomentField(_("gegeven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="advice_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_recommendation_display()}"


class ChangeRequest(models.Model):
    """Cedris's list of points a region must change before it resubmits."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="change_requests"
    )
    points = models.JSONField(_("punten"), help_text=_("Een lijst van punten, elk een tekst."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = MomentField(_("gevraagd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanpassingsverzoek")
        verbose_name_plural = _("aanpassingsverzoeken")
        ordering = ["requested_at"]

    def __str__(self):
        return f"{self.version}: {len(self.points)} punten"


class NationalPlan(models.Model):
    """The national sector plan: Cedris's cover text plus the advised regional sub-plans."""

    scheme = models.ForeignKey("registry.Scheme", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    cover_text = models.TextField(_("begeleidende tekst"))
    plans = models.ManyToManyField("plans.Plan", related_name="national_plans", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = MomentField(_("aangemaakt op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend bij SZW op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("landelijk sectorplan")
        verbose_name_plural = _("landelijke sectorplannen")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class GrantDecision(models.Model):
    """SZW's decision on one sub-plan; the granted amount is fixed when it is made."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.PROTECT, related_name="decision")
    national_plan = models.ForeignKey(
        NationalPlan, on_delete=models.PROTECT, related_name="decisions"
    )
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField(_("goedgekeurd"))
    reason = models.TextField(_("motivering"))
    granted_cents = models.BigIntegerField(_("toegekende rijksbijdrage (eurocent)"), default=0)
    reference = models.CharField(_("kenmerk"), max_length=40, unique=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = MomentField(_("vastgelegd op"), auto_now_add=True)
    # The date on the letter: the scheme's clock (the demo date in demo mode), not the server's.
    dated = models.DateField(_("datum besluit"))

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-decided_at"]

    def __str__(self):
        return self.reference
