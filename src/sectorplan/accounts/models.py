"""Users belong to one organisation; what they may see and do follows from it."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class OrganisationKind(models.TextChoices):
    PROGRAMME_OFFICE = "programme_office", _("Programmabureau (Cedris)")
    COMPANY = "company", _("SW-bedrijf")
    MUNICIPALITY = "municipality", _("Centrumgemeente")
    ASSESSOR = "assessor", _("Beoordelaar (sociale partners, VNG)")
    MINISTRY = "ministry", _("Ministerie")


class Ministry(models.TextChoices):
    # SZW decides on plans; BZK pays the central municipalities through the Gemeentefonds.
    SZW = "szw", _("Sociale Zaken en Werkgelegenheid (SZW)")
    BZK = "bzk", _("Binnenlandse Zaken en Koninkrijksrelaties (BZK)")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    sw_company = models.OneToOneField(
        "registry.SwCompany",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("SW-bedrijf"),
    )
    municipality = models.OneToOneField(
        "registry.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("gemeente"),
    )
    ministry = models.CharField(
        _("ministerie"), max_length=10, choices=Ministry.choices, blank=True, default=""
    )
    is_demo = models.BooleanField(_("demo-organisatie"), default=False)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="company", sw_company__isnull=False)
                | ~models.Q(kind="company") & models.Q(sw_company__isnull=True),
                name="organisation_company_link",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="municipality", municipality__isnull=False)
                | ~models.Q(kind="municipality") & models.Q(municipality__isnull=True),
                name="organisation_municipality_link",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="ministry") & ~models.Q(ministry="")
                | ~models.Q(kind="ministry") & models.Q(ministry=""),
                name="organisation_ministry_named",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Medewerker")
    ADMINISTRATOR = "administrator", _("Beheerder")
    READER = "reader", _("Alleen lezen")


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("gebruiker"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
