"""The scheme and the map it is played on: regions, municipalities, SW companies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .clock import MomentField


class Bilingual(models.Model):
    """Scheme data is Dutch (the regulation's words) with an English label beside it: `label`
    and `text` give the one for the active language, Dutch when no English was given."""

    name_en = models.CharField(_("naam (Engels)"), max_length=300, blank=True)
    description_en = models.TextField(_("omschrijving (Engels)"), blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def _english() -> bool:
        return (get_language() or "nl").startswith("en")

    @property
    def label(self) -> str:
        return self.name_en if self.name_en and self._english() else self.name

    @property
    def text(self) -> str:
        return self.description_en if self.description_en and self._english() else self.description


class AllocationKey(models.TextChoices):
    STANDARD_UNITS = "standard_units", _("Naar rato van standaardeenheden (SE)")
    REGION_WEIGHTS = "region_weights", _("Naar rato van een gewicht per regio")


# The labour-market regions of 2015, on which sw2015 was divided: every scheme uses them unless
# its definition names a later set (issue 18).
DEFAULT_REGION_SET = "arbeidsmarktregios-2015"


class RegionSet(Bilingual):
    """One division of the country into labour-market regions, as a source gives it. The regions
    changed after 2015; a scheme is divided over one set, and a set holds its own regions and
    their municipalities, so a municipality of 2015 and of a later set are two rows."""

    slug = models.SlugField(_("korte naam"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    source = models.TextField(_("bron"), help_text=_("Waar de indeling vandaan komt."))

    class Meta:
        verbose_name = _("regio-indeling")
        verbose_name_plural = _("regio-indelingen")
        ordering = ["slug"]

    def __str__(self):
        return self.label


def default_region_set_id() -> int:
    """The 2015 set, made on first use: schemes, regions and tests that name no set use it."""
    region_set, _ = RegionSet.objects.get_or_create(
        slug=DEFAULT_REGION_SET,
        defaults={
            "name": "Arbeidsmarktregio's 2015",
            "name_en": "Labour-market regions 2015",
            "source": "Besluit werkgebieden UWV 2015 (BWBR0036164), bijlage 3; CBS-codes "
            "AM01-AM35 (2015); centrumgemeenten uit bijlage 1 van de Regeling cofinanciering "
            "sectorplannen (BWBR0035840). Zie sectorplan/data/sw2015/SOURCES.md.",
        },
    )
    return region_set.pk


class Scheme(Bilingual):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    national_contribution_cents = models.BigIntegerField(
        _("rijksbijdrage (eurocent)"),
        help_text=_("Het totale rijksbudget in hele eurocenten, bijv. 3000000000 voor € 30 mln."),
    )
    cofinancing_ratio = models.DecimalField(
        _("verhouding cofinanciering"),
        max_digits=6,
        decimal_places=3,
        default=1,
        help_text=_("Minimale cofinanciering per euro rijksbijdrage (1 = één op één)."),
    )
    allocation_key = models.CharField(
        _("verdeelsleutel"),
        max_length=40,
        choices=AllocationKey.choices,
        default=AllocationKey.STANDARD_UNITS,
    )
    legal_basis = models.TextField(_("juridische grondslag"), blank=True)
    weights_source = models.CharField(
        _("bron van de gewichten"),
        max_length=500,
        blank=True,
        help_text=_("Bij een gewicht per regio: waar de gewichten vandaan komen."),
    )
    weights_are_demo = models.BooleanField(
        _("gewichten zijn demogegevens"),
        default=False,
        help_text=_("Demogegevens: geen officiële cijfers."),
    )
    region_set = models.ForeignKey(
        RegionSet,
        on_delete=models.PROTECT,
        related_name="schemes",
        default=default_region_set_id,
        verbose_name=_("regio-indeling"),
    )

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def uses_region_weights(self) -> bool:
        return self.allocation_key == AllocationKey.REGION_WEIGHTS

    def check_own_region(self, region) -> None:
        """A scheme is divided over one set of regions: a region of another set has no share
        in it, so nothing of the scheme (plan, extension, good practice) may name it."""
        if region is not None and region.region_set_id != self.region_set_id:
            raise ValidationError(
                {"region": _("Deze regio hoort niet bij de regio-indeling van de regeling.")}
            )

    @property
    def weight_label(self) -> str:
        """What the allocation divides by, as a column is headed: SE or the scheme's weight."""
        return str(_("Gewicht") if self.uses_region_weights else _("SE"))


class RegionWeight(models.Model):
    """A region's share in a scheme whose allocation key is a weight per region: the scheme's
    own figure (from a CSV in its definition), not the region's SE."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="region_weights", verbose_name=_("regeling")
    )
    region = models.ForeignKey(
        "Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    # As the reservations that keep it: 12 digits, 2 decimals.
    weight = models.DecimalField(_("gewicht"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("gewicht per regio")
        verbose_name_plural = _("gewichten per regio")
        ordering = ["scheme", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "region"], name="region_weight_unique"),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="region_weight_nonneg"),
        ]

    def __str__(self):
        return f"{self.scheme.slug} {self.region.code}: {self.weight}"


class Theme(Bilingual):
    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("regeling")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["scheme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="theme_code_unique"),
            models.UniqueConstraint(fields=["scheme", "number"], name="theme_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"


class ActivityType(Bilingual):
    """One entry of the scheme's activity taxonomy; its theme is fixed by the taxonomy."""

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="activity_types", verbose_name=_("thema")
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("naam"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("activiteitstype")
        verbose_name_plural = _("activiteitstypen")
        ordering = ["theme__number", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "code"], name="activity_type_code_unique"),
        ]

    def __str__(self):
        return self.label


class MilestoneKind(models.TextChoices):
    APPLICATION_PERIOD = "application_period", _("Wettelijke aanvraagperiode")
    MUNICIPALITY_DEADLINE = "municipality_deadline", _("Uiterste datum bij centrumgemeente")
    CEDRIS_WINDOW = "cedris_window", _("Indienen bij Cedris")
    PLANS_COMPLETE = "plans_complete", _("Plannen gereed en ingediend bij SZW")
    SZW_DECISION = "szw_decision", _("Besluit SZW")
    PAYMENT = "payment", _("Uitkering via BZK (gemeentefonds)")
    INTERIM_REPORT_1 = "interim_report_1", _("Eerste tussenrapportage")
    INTERIM_REPORT_2 = "interim_report_2", _("Tweede tussenrapportage")
    EXECUTION_END = "execution_end", _("Einde uitvoering")
    FINAL_REPORT = "final_report", _("Eindrapportage")


class Milestone(models.Model):
    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("regeling")
    )
    kind = models.CharField(_("soort"), max_length=40, choices=MilestoneKind.choices)
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(
        _("tot en met"), null=True, blank=True, help_text=_("Leeg bij een enkele datum.")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    # At a progress-report moment: what its report asks besides the fixed parts (issue 18),
    # as the scheme's definition gives them; a list of texts.
    questions = models.JSONField(_("vragen van de rapportage"), default=list, blank=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["scheme", "starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="milestone_kind_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.starts_on:%d-%m-%Y})"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class StandardUnitsFields(models.Model):
    """SE figure with its provenance: demo figures must never pass for official ones."""

    standard_units = models.DecimalField(
        _("standaardeenheden (SE)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    standard_units_source = models.CharField(
        _("bron van het SE-cijfer"), max_length=500, blank=True
    )
    standard_units_is_demo = models.BooleanField(
        _("demogegevens"),
        default=False,
        help_text=_("Demogegevens: geen officiële cijfers."),
    )

    class Meta:
        abstract = True


class Region(StandardUnitsFields):
    """A labour-market region (arbeidsmarktregio).

    Its SE is the sum over its municipalities, unless a region-level figure was imported: then
    the municipalities of that region hold no figure, so there is one source of truth per region.
    """

    region_set = models.ForeignKey(
        RegionSet,
        on_delete=models.PROTECT,
        related_name="regions",
        default=default_region_set_id,
        verbose_name=_("regio-indeling"),
    )
    code = models.CharField(_("CBS-code"), max_length=8)
    name = models.CharField(_("naam"), max_length=200)
    central_municipality = models.OneToOneField(
        "Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="central_of",
        verbose_name=_("centrumgemeente"),
    )
    name_in_regulation = models.CharField(_("naam in de regeling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")
        ordering = ["code"]
        constraints = [
            # A later set reuses the codes AM01-AM35 of 2015.
            models.UniqueConstraint(fields=["region_set", "code"], name="region_code_per_set"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class Municipality(StandardUnitsFields):
    name = models.CharField(_("naam"), max_length=200)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("arbeidsmarktregio"),
    )
    # The region's set, kept here so that the database holds one municipality per name per set.
    region_set = models.ForeignKey(
        RegionSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio-indeling")
    )
    membership_note = models.TextField(_("toelichting indeling"), blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_set", "name"], name="municipality_name_per_set"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.region_set_id = self.region.region_set_id
        fields = kwargs.get("update_fields")
        if fields is not None and "region" in fields:
            kwargs["update_fields"] = {*fields, "region_set"}
        super().save(*args, **kwargs)


class SwCompany(models.Model):
    """A social work company; it serves municipalities that may lie in several regions."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="sw_companies", verbose_name=_("bediende gemeenten")
    )
    regions_without_known_municipalities = models.ManyToManyField(
        Region,
        blank=True,
        related_name="+",
        verbose_name=_("ook werkzaam in regio (gemeenten onbekend)"),
        help_text=_("Voor bedrijven waarvan de bron de regio noemt, maar niet de gemeenten."),
    )
    is_demo = models.BooleanField(
        _("demobedrijf"), default=False, help_text=_("Verzonnen bedrijf: geen echt SW-bedrijf.")
    )
    source = models.TextField(_("bron"), blank=True)

    class Meta:
        verbose_name = _("SW-bedrijf")
        verbose_name_plural = _("SW-bedrijven")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DemoClock(models.Model):
    """The one demo date. Only read when DEMO_MODE is on; production asks the real date."""

    today = models.DateField(_("demodatum"))
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("demoklok")
        verbose_name_plural = _("demoklok")

    def __str__(self):
        return f"{self.today:%d-%m-%Y}"


class DeadlineExtension(models.Model):
    """A programme administrator's extension of one milestone for one region (rule 6)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="extensions")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="extensions")
    kind = models.CharField(_("mijlpaal"), max_length=40, choices=MilestoneKind.choices)
    last_day = models.DateField(_("nieuwe uiterste datum"))
    reason = models.TextField(_("reden"))
    granted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("verleend door")
    )
    granted_at = MomentField(_("verleend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitstel")
        verbose_name_plural = _("uitstel")
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.region.code} {self.get_kind_display()} tot {self.last_day:%d-%m-%Y}"
