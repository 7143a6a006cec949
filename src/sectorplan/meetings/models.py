"""Knowledge-exchange meetings across regions, their invitations, and good practices.

Writes go through meetings.services (audited); the admin only shows these records.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.registry.clock import MomentField


class Meeting(models.Model):
    scheme = models.ForeignKey(
        "registry.Scheme",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("regeling"),
    )
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=200)
    description = models.TextField(
        _("toelichting"), blank=True, help_text=_("Staat ook in de uitnodiging.")
    )
    activity_types = models.ManyToManyField(
        "registry.ActivityType",
        related_name="meetings",
        verbose_name=_("onderwerp (activiteitstypen)"),
    )
    notes = models.TextField(_("verslag en aantekeningen"), blank=True)
    attendance_recorded_at = models.DateTimeField(
        _("aanwezigheid vastgelegd op"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("georganiseerd door"),
    )
    created_at = MomentField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"


class Response(models.TextChoices):
    PENDING = "pending", _("Nog niet gereageerd")
    ACCEPTED = "accepted", _("Aangemeld")
    DECLINED = "declined", _("Afgemeld")


class InviteeSource(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld uit de plannen")
    ADDED = "added", _("Toegevoegd door de organisator")


class Invitation(models.Model):
    """One person on a meeting's list. The personal link's token is stored only as a SHA-256
    hash: it is shown once, in the e-mail, so a copy of the database opens no one's answer."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("bijeenkomst")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regio"),
    )
    source = models.CharField(
        _("herkomst"), max_length=20, choices=InviteeSource.choices, default=InviteeSource.ADDED
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    response = models.CharField(
        _("reactie"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    attended = models.BooleanField(
        _("aanwezig"), null=True, blank=True, help_text=_("Leeg zolang niet vastgelegd.")
    )
    # Removed, not deleted: proposing again must not bring back someone the organiser took off.
    removed_at = models.DateTimeField(_("van de lijst gehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["region__code", "organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="invitation_email_unique")
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class GoodPractice(models.Model):
    """A good-practice document linked to activity types, shown with meetings on those types.

    Progress reports link practices (ProgressReport.good_practices, related name
    `progress_reports`), and Cedris can share a report's text as a new one
    (monitoring.practice_services).
    """

    scheme = models.ForeignKey(
        "registry.Scheme",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("regeling"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"))
    activity_types = models.ManyToManyField(
        "registry.ActivityType", related_name="good_practices", verbose_name=_("activiteitstypen")
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("afkomstig uit regio"),
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("afkomstig uit plan"),
    )
    file = models.FileField(_("bestand"), upload_to="good-practices/%Y/", blank=True)
    original_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    content_type = models.CharField(_("soort bestand"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    created_at = MomentField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("goed voorbeeld")
        verbose_name_plural = _("goede voorbeelden")
        ordering = ["title"]

    def __str__(self):
        return self.title
