"""Writes on the registry that users make in the application (not the admin)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.audit.services import record

from .models import DeadlineExtension, MilestoneKind, Region, Scheme


@transaction.atomic
def grant_extension(
    *, scheme: Scheme, region: Region, kind: str, last_day: datetime.date, reason: str, user
) -> DeadlineExtension:
    if not policy.can_grant_extension(user):
        raise PermissionDenied(_("Alleen een beheerder van het programmabureau verleent uitstel."))
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": _("Onbekende mijlpaal '%(kind)s'.") % {"kind": kind}})
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor het uitstel.")})
    scheme.check_own_region(region)
    milestone = scheme.milestones.filter(kind=kind).first()
    if milestone is None:
        raise ValidationError({"kind": _("Deze regeling heeft die mijlpaal niet.")})
    if last_day <= milestone.last_day:
        raise ValidationError(
            {
                "last_day": _("Uitstel moet na de gewone uiterste datum (%(date)s) liggen.")
                % {"date": date_format(milestone.last_day, "j F Y")}
            }
        )
    extension = DeadlineExtension.objects.create(
        scheme=scheme, region=region, kind=kind, last_day=last_day, reason=reason, granted_by=user
    )
    record(
        action="extension.granted",
        obj=extension,
        actor=user,
        after={"region": region.code, "kind": kind, "last_day": str(last_day)},
        reason=reason,
    )
    return extension
