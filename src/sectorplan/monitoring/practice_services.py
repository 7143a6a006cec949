"""Writes that tie a progress report's "good practice" to the good practices of the meetings
app: linking existing ones, or sharing the report's text as a new one (made by
meetings.services.create_good_practice, which checks and audits it too). One transaction per
action, audited in the plan's scope like the report's other events."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.meetings import services as meetings
from sectorplan.meetings.models import GoodPractice
from sectorplan.registry.models import ActivityType

from .models import ProgressReport


def _locked(report: ProgressReport) -> ProgressReport:
    return (
        ProgressReport.objects.select_for_update()
        .select_related("plan__scheme", "plan__region")
        .get(pk=report.pk)
    )


def _linked(report: ProgressReport) -> list[int]:
    return sorted(report.good_practices.values_list("pk", flat=True))


@transaction.atomic
def link_good_practices(report: ProgressReport, *, user, practices) -> ProgressReport:
    """Sets the linked practices to exactly `practices` (all of the report's scheme)."""
    report = _locked(report)
    if not policy.can_link_good_practices(user, report):
        raise PermissionDenied(_("U mag geen goede voorbeelden aan deze rapportage koppelen."))
    practices = list(practices)
    if any(practice.scheme_id != report.plan.scheme_id for practice in practices):
        raise ValidationError(
            {"good_practices": _("Kies goede voorbeelden van dezelfde regeling.")}
        )
    before = _linked(report)
    report.good_practices.set(practices)
    record(
        action="progress_report.practices_linked",
        obj=report,
        actor=user,
        before={"good_practices": before},
        after={"good_practices": _linked(report)},
        scope=f"plan:{report.plan_id}",
    )
    return report


def _plan_types(report: ProgressReport) -> list[ActivityType]:
    return list(ActivityType.objects.filter(activities__plan=report.plan).distinct().order_by("pk"))


@transaction.atomic
def share_as_good_practice(
    report: ProgressReport, *, user, title: str, activity_types=None
) -> GoodPractice:
    """Makes a good practice of the submitted report's text (region and plan filled in; by
    default about the plan's activity types) and links it to the report."""
    report = _locked(report)
    if not policy.can_share_good_practice(user, report):
        raise PermissionDenied(_("Alleen Cedris deelt een rapportage als goed voorbeeld."))
    if not report.is_submitted:
        raise ValidationError(_("Deel een goed voorbeeld pas als de rapportage is ingediend."))
    if not report.good_practice.strip():
        raise ValidationError(_("Deze rapportage noemt geen goed voorbeeld om te delen."))
    if not (title or "").strip():
        raise ValidationError({"title": _("Geef het goede voorbeeld een titel.")})
    practice = meetings.create_good_practice(
        user=user,
        scheme=report.plan.scheme,
        title=title.strip()[:200],
        description=report.good_practice,
        activity_types=activity_types if activity_types else _plan_types(report),
        region=report.plan.region,
        plan=report.plan,
    )
    before = _linked(report)
    report.good_practices.add(practice)
    record(
        action="progress_report.practice_shared",
        obj=report,
        actor=user,
        before={"good_practices": before},
        after={"good_practices": _linked(report), "shared": practice.pk},
        scope=f"plan:{report.plan_id}",
    )
    return practice
