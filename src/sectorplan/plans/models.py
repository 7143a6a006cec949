"""A region's sector plan and its parts. Money is whole cents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.money import format_euro
from sectorplan.registry.clock import MomentField

from .signals import states_updated
from .states import PlanState


class Versioned(models.Model):
    """Optimistic locking: a save names the version it started from (see plans.services)."""

    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        abstract = True


class PlanKind(models.TextChoices):
    NEW = "new", _("Nieuw plan")
    EXISTING = "existing", _("Bestaand plan dat past in de doelen")


class PlanQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk change of state must keep the stored waits_for, deadline and advice_owed true,
        # as a save does (assessment.signals): the lists filter and sort on them.
        if "state" not in kwargs:
            return super().update(**kwargs)
        ids = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        states_updated.send(sender=Plan, ids=ids)
        return count


class Plan(Versioned):
    scheme = models.ForeignKey(
        "registry.Scheme",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("regeling"),
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="plans", verbose_name=_("regio")
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    kind = models.CharField(
        _("soort plan"), max_length=20, choices=PlanKind.choices, default=PlanKind.NEW
    )
    state = models.CharField(
        _("status"),
        max_length=40,
        choices=PlanState.choices,
        default=PlanState.CONCEPT,
        db_index=True,
    )
    municipality_contact_name = models.CharField(
        _("contactpersoon centrumgemeente"), max_length=200, blank=True
    )
    municipality_contact_email = models.EmailField(
        _("e-mail contactpersoon centrumgemeente"), blank=True
    )
    is_demo = models.BooleanField(_("demoplan"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = MomentField(_("aangemaakt op"), auto_now_add=True)
    updated_at = MomentField(_("gewijzigd op"), auto_now=True)
    # Who the plan waits for and by when, derived from its state, the timeline, extensions, the
    # national plan and the advice given; stored (written by assessment.queues.refresh whenever
    # one of those changes) so that lists of thousands of plans filter, sort and count on
    # indexed columns.
    waits_for = models.CharField(
        _("wacht op"), max_length=20, null=True, blank=True, editable=False, db_index=True
    )
    deadline = models.DateField(_("uiterste datum"), null=True, blank=True, editable=False)
    # An assessor organisation has not advised the latest version while advice is asked.
    advice_owed = models.BooleanField(_("advies ontbreekt"), default=False, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["deadline", "id"], name="plan_deadline_idx"),
        ]
        verbose_name = _("sectorplan")
        verbose_name_plural = _("sectorplannen")
        ordering = ["region__code", "title"]

    def __str__(self):
        return f"{self.region.code} – {self.title}"

    def clean(self):
        if self.scheme_id and self.region_id:
            self.scheme.check_own_region(self.region)

    def get_state_display(self):
        # Django's own hashes every choice's lazy label on each call, one gettext each: a list
        # of 50 plans paid 800 translations for 50 labels.
        return PlanState(self.state).label


class Participant(Versioned):
    """An SW company taking part in the plan, with its contact person."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="participants")
    sw_company = models.ForeignKey(
        "registry.SwCompany",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("SW-bedrijf"),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("deelnemend SW-bedrijf")
        verbose_name_plural = _("deelnemende SW-bedrijven")
        ordering = ["sw_company__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "sw_company"], name="participant_unique")
        ]

    def __str__(self):
        return str(self.sw_company)


class Goal(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("doel"), max_length=500)
    planned_quantity = models.DecimalField(_("beoogd aantal"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=100, help_text=_("bijv. 'mensen geplaatst'"))

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["pk"]

    def __str__(self):
        return self.description


class Activity(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    activity_type = models.ForeignKey(
        "registry.ActivityType",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("activiteitstype"),
    )
    description = models.TextField(_("omschrijving"))
    planned_start = models.DateField(_("geplande start"))
    planned_end = models.DateField(_("gepland einde"))
    planned_quantity = models.DecimalField(
        _("beoogd resultaat (aantal)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    planned_unit = models.CharField(_("eenheid van het resultaat"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["activity_type__theme__number", "activity_type__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.activity_type}: {self.description[:60]}"


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Personeel en inhuur")
    TRAINING = "training", _("Scholing en opleiding")
    ADVICE = "advice", _("Advies en onderzoek")
    MATERIAL = "material", _("Middelen, ICT en huisvesting")
    OTHER = "other", _("Overig")


class BudgetLine(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    cost_category = models.CharField(_("kostensoort"), max_length=20, choices=CostCategory.choices)
    description = models.CharField(_("omschrijving"), max_length=300)
    national_contribution_cents = models.BigIntegerField(_("gevraagde rijksbijdrage (eurocent)"))
    cofinancing_cents = models.BigIntegerField(_("cofinanciering (eurocent)"))

    class Meta:
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(national_contribution_cents__gte=0, cofinancing_cents__gte=0),
                name="budget_line_nonneg",
            )
        ]

    def __str__(self):
        return self.description

    @property
    def amount_cents(self) -> int:
        return self.national_contribution_cents + self.cofinancing_cents


class FunderKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    FUND = "fund", _("Fonds")
    OTHER = "other", _("Anders")


class CommitmentStatus(models.TextChoices):
    PENDING = "pending", _("Gevraagd")
    COMMITTED = "committed", _("Toegezegd")


class Commitment(Versioned):
    """A co-financing commitment by one funder (rule 3)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments")
    funder_kind = models.CharField(_("soort financier"), max_length=20, choices=FunderKind.choices)
    funder_name = models.CharField(_("financier"), max_length=200)
    amount_cents = models.BigIntegerField(_("bedrag (eurocent)"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PENDING,
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegezegd door"),
    )
    committed_at = models.DateTimeField(_("toegezegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("cofinancieringstoezegging")
        verbose_name_plural = _("cofinancieringstoezeggingen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="commitment_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(committed_at__isnull=False),
                name="commitment_committed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.funder_name}: {format_euro(self.amount_cents)}"


class Attachment(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to="attachments/%Y/")
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("soort"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = MomentField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class StateChange(models.Model):
    """One step of a plan's life: who moved it from which state to which, when and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="state_changes")
    transition = models.CharField(_("handeling"), max_length=60)
    from_state = models.CharField(_("van"), max_length=40, choices=PlanState.choices)
    to_state = models.CharField(_("naar"), max_length=40, choices=PlanState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    reason = models.TextField(_("toelichting"), blank=True)
    occurred_at = MomentField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["occurred_at", "pk"]

    def __str__(self):
        return f"{self.plan}: {self.from_state} -> {self.to_state}"


class DataVersion(models.Model):
    """One row: the token of plans.summary_cache, new whenever data the scheme-wide summaries
    read changes. A random token, not a counter: after a restore or on another server a counter
    could come back to a number a cache already holds other figures for."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
