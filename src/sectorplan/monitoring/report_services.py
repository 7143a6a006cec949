"""Writes for progress reports: one transaction per user action, the plan's row locked, the
permission checked inside it, and an audit event (scope "plan:<id>") with every change.
Reminder e-mails leave only after the commit."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.assessment.progress import Party, members_of
from sectorplan.audit.services import record
from sectorplan.plans.models import Plan
from sectorplan.registry import clock, timeline
from sectorplan.registry.models import MilestoneKind

from . import report_selectors as selectors
from .models import (
    ActivityProgress,
    ActivityStatus,
    GoalProgress,
    ProgressReport,
    ReportReminder,
    ReportState,
)
from .reports import REPORT_KINDS, REPORTING_STATES, SLUGS

REPORT_FIELDS = ("went_well", "went_badly", "good_practice")


class ReportConflict(Exception):
    """Someone saved the report since the version this save started from."""

    def __init__(self, current: ProgressReport):
        super().__init__(
            _(
                "Iemand anders heeft deze rapportage intussen gewijzigd. Bekijk de nieuwe versie "
                "en sla uw wijzigingen opnieuw op."
            )
        )
        self.current = current


def _scope(plan: Plan) -> str:
    return f"plan:{plan.pk}"


def _kind_label(kind: str) -> str:
    return str(MilestoneKind(kind).label).lower()


def _writer(user, plan: Plan, kind: str) -> None:
    if kind not in REPORT_KINDS:
        raise ValidationError(
            {"kind": _("Kies een evaluatiemoment: tussenrapportage 1 of 2 of eindrapportage.")}
        )
    if plan.state not in REPORTING_STATES:
        raise ValidationError(
            _(
                "Alleen plannen die uitbetaald, in uitvoering of uitgevoerd zijn rapporteren "
                "voortgang."
            )
        )
    if not policy.can_write_progress_report(user, plan):
        raise PermissionDenied(_("Alleen de SW-bedrijven van de regio schrijven de rapportage."))


def _lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("scheme", "region").get(pk=plan.pk)


def snapshot(report: ProgressReport) -> dict:
    def number(value):
        return None if value is None else str(value)

    return {
        "kind": report.kind,
        "state": report.state,
        **{name: getattr(report, name) for name in REPORT_FIELDS},
        **({"answers": report.answers} if report.answers else {}),
        "activities": {
            str(p.activity_id): [p.status, p.explanation, number(p.achieved_quantity)]
            for p in report.activities.all()
        },
        "goals": {
            str(p.goal_id): [number(p.achieved_quantity), p.explanation] for p in report.goals.all()
        },
    }


def _quantity(value, field: str):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("Vul een getal in.")}) from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e10"):
        raise ValidationError({field: _("Vul een getal van 0 of meer in.")})
    return number.quantize(Decimal("0.01"))


def _save_activities(report: ProgressReport, plan: Plan, activities: dict) -> None:
    own = set(plan.activities.values_list("pk", flat=True))
    for activity_pk, values in activities.items():
        if int(activity_pk) not in own:
            raise ValidationError(
                {
                    "activities": _("Activiteit %(id)s hoort niet bij dit plan.")
                    % {"id": activity_pk}
                }
            )
        status = values.get("status") or ""
        if status not in ActivityStatus.values:
            raise ValidationError(
                {"activities": _("Kies een status voor activiteit %(id)s.") % {"id": activity_pk}}
            )
        ActivityProgress.objects.update_or_create(
            report=report,
            activity_id=int(activity_pk),
            defaults={
                "status": status,
                "explanation": (values.get("explanation") or "").strip(),
                "achieved_quantity": _quantity(values.get("achieved_quantity"), "activities"),
            },
        )


def _save_goals(report: ProgressReport, plan: Plan, goals: dict) -> None:
    own = set(plan.goals.values_list("pk", flat=True))
    for goal_pk, values in goals.items():
        if int(goal_pk) not in own:
            raise ValidationError(
                {"goals": _("Doel %(id)s hoort niet bij dit plan.") % {"id": goal_pk}}
            )
        GoalProgress.objects.update_or_create(
            report=report,
            goal_id=int(goal_pk),
            defaults={
                "achieved_quantity": _quantity(values.get("achieved_quantity"), "goals"),
                "explanation": (values.get("explanation") or "").strip(),
            },
        )


@transaction.atomic
def save_report(
    plan: Plan,
    kind: str,
    *,
    user,
    version: int | None = None,
    activities: dict | None = None,
    goals: dict | None = None,
    answers: list[str] | None = None,
    **fields,
) -> ProgressReport:
    """Creates or changes the draft report of `plan` at evaluation moment `kind`. `activities`
    maps activity pk to {status, explanation, achieved_quantity}; `goals` maps goal pk to
    {achieved_quantity, explanation}; `answers` answers the moment's questions in their order
    (selectors.moment_questions). Parts not named stay as they were."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    _writer(user, plan, kind)
    plan = _lock(plan)
    _writer(user, plan, kind)
    report = ProgressReport.objects.filter(plan=plan, kind=kind).first()
    if report is not None and report.is_submitted:
        raise ValidationError(_("Deze rapportage is ingediend en kan niet meer worden gewijzigd."))
    if report is not None and version is not None and version != report.version:
        raise ReportConflict(report)
    before = snapshot(report) if report else None
    if report is None:
        report = ProgressReport.objects.create(plan=plan, kind=kind, created_by=user)
    for name, value in fields.items():
        setattr(report, name, (value or "").strip())
    if answers is not None:
        questions = selectors.moment_questions(plan, kind)
        if len(answers) != len(questions):
            raise ValidationError(_("Geef bij elke vraag van dit evaluatiemoment een antwoord."))
        report.answers = [
            {"question": question, "answer": (answer or "").strip()}
            for question, answer in zip(questions, answers, strict=True)
        ]
    _save_activities(report, plan, activities or {})
    _save_goals(report, plan, goals or {})
    if before is not None:
        report.version += 1
    report.save()
    record(
        action="progress_report.saved" if before else "progress_report.created",
        obj=report,
        actor=user,
        before=before,
        after=snapshot(report),
        scope=_scope(plan),
    )
    return report


@dataclass(frozen=True)
class Missing:
    """One thing submitting still needs, and the id of the field on the edit page
    (report_forms: activity forms are prefixed "activiteit-<pk>") that supplies it."""

    text: str
    field_id: str

    def __str__(self):
        return self.text


def missing_items(report: ProgressReport) -> list[Missing]:
    """What must be filled in before the report can be submitted, each with its field."""
    problems = []
    questions = selectors.moment_questions(report.plan, report.kind)
    for index, (question, answer) in enumerate(selectors.answer_rows(report, questions)):
        if not answer:
            problems.append(
                Missing(
                    _("Beantwoord de vraag “%(question)s”.") % {"question": question[:120]},
                    f"id_vraag-{index}-answer",
                )
            )
    for row in selectors.activity_rows(report.plan, report):
        name = row.subject.description[:80]
        prefix = f"id_activiteit-{row.subject.pk}"
        if row.progress is None:
            problems.append(
                Missing(
                    _("Geef de status van de activiteit “%(name)s”.") % {"name": name},
                    f"{prefix}-status_0",  # the first radio button of the status group
                )
            )
        elif row.progress.status == ActivityStatus.DROPPED and not row.progress.explanation:
            problems.append(
                Missing(
                    _("Leg uit waarom de activiteit “%(name)s” is gestopt.") % {"name": name},
                    f"{prefix}-explanation",
                )
            )
    return problems


def missing_for_submission(report: ProgressReport) -> list[str]:
    """What must be filled in before the report can be submitted, in words."""
    return [item.text for item in missing_items(report)]


@transaction.atomic
def submit_report(plan: Plan, kind: str, *, user, version: int | None = None) -> ProgressReport:
    """Submits the draft: complete, and by the moment's last day (or the region's extension)."""
    _writer(user, plan, kind)
    plan = _lock(plan)
    _writer(user, plan, kind)
    report = ProgressReport.objects.filter(plan=plan, kind=kind).first()
    if report is None:
        raise ValidationError(
            _("Er is nog geen rapportage om in te dienen; sla eerst een concept op.")
        )
    if report.is_submitted:
        raise ValidationError(_("Deze rapportage is al ingediend."))
    if version is not None and version != report.version:
        raise ReportConflict(report)
    try:
        timeline.check_inside(
            plan.scheme,
            plan.region,
            kind,
            _("Het indienen van de %(kind)s") % {"kind": _kind_label(kind)},
        )
    except timeline.OutsideWindow as error:
        raise ValidationError(str(error)) from None
    problems = missing_for_submission(report)
    if problems:
        raise ValidationError(problems)
    report.state = ReportState.SUBMITTED
    report.submitted_by = user
    report.submitted_at = clock.now()
    report.version += 1
    report.save()
    record(
        action="progress_report.submitted",
        obj=report,
        actor=user,
        before={"state": ReportState.DRAFT},
        after={"state": ReportState.SUBMITTED, "submitted_on": str(clock.today())},
        scope=_scope(plan),
    )
    return report


def _reminder_mail(item: selectors.Due, recipients) -> tuple[str, str, str, list[str]]:
    link = settings.SITE_URL.rstrip("/") + reverse(
        "monitoring:report-detail", args=[item.plan.pk, SLUGS[item.kind]]
    )
    context = {"item": item, "plan": item.plan, "link": link}
    with translation.override("nl"):
        subject = render_to_string("monitoring/reports/email/reminder_subject.txt", context)
        body = render_to_string("monitoring/reports/email/reminder_body.txt", context)
    return (
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email for user in recipients],
    )


def send_reminders(*, days: int = 14, today: datetime.date | None = None) -> list:
    """Mails the companies of every reporting plan whose report is due within `days` (today
    included) and not submitted; once per plan and moment, recorded in ReportReminder, so a
    daily run never mails twice. Returns the reminders sent now."""
    today = today or clock.today()
    horizon = today + datetime.timedelta(days=days)
    plans = Plan.objects.filter(state__in=REPORTING_STATES).select_related("region", "scheme")
    sent = []
    for item in selectors.due_items(plans, today):
        if item.is_submitted or not today <= item.deadline <= horizon:
            continue
        if ReportReminder.objects.filter(plan=item.plan, kind=item.kind).exists():
            continue
        recipients = members_of(Party.COMPANIES, item.plan)
        if not recipients:
            continue  # nobody to mail yet: try again tomorrow
        message = _reminder_mail(item, recipients)
        try:
            with transaction.atomic():
                reminder = ReportReminder.objects.create(
                    plan=item.plan,
                    kind=item.kind,
                    due_on=item.deadline,
                    recipients=", ".join(message[3]),
                )
                record(
                    action="progress_report.reminder_sent",
                    obj=reminder,
                    after={"kind": item.kind, "due_on": str(item.deadline), "to": message[3]},
                    scope=_scope(item.plan),
                )
                transaction.on_commit(lambda m=message: send_mass_mail([m], fail_silently=False))
        except IntegrityError:  # another run recorded it a moment ago
            continue
        sent.append(reminder)
    return sent
