"""CSV and XLSX of the progress report pages' tables: the list of plans and their reports, and
one report's activities and goals against what was planned. Same access as the pages (the
page's own checks through accounts.policy); CSV holds exact strings, XLSX numbers."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sectorplan.accounts import policy
from sectorplan.exports import Column, Sheet, sheet_response
from sectorplan.registry import clock

from . import report_selectors as selectors
from .report_views import _readable
from .reports import ORDER


def _text(value) -> str:
    return "" if value is None else str(value)


def list_sheet(user) -> Sheet:
    """One row per plan and evaluation moment, as the list page shows them to this user."""
    columns = [
        Column("region", _("Regio")),
        Column("plan", _("Plan-id")),
        Column("title", _("Plan")),
        Column("plan_state", _("Status van het plan")),
        Column("moment", _("Evaluatiemoment")),
        Column("deadline", _("Uiterste datum")),
        Column("extended", _("Uitstel")),
        Column("report", _("Rapportage")),
        Column("overdue", _("Te laat")),
    ]
    plans = list(selectors.listed_plans(user).order_by("region__code", "title"))
    items = sorted(
        selectors.due_items(plans),
        key=lambda d: (d.plan.region.code, d.plan.title, d.plan.pk, ORDER[d.kind]),
    )
    rows, xlsx_rows = [], []
    for item in items:
        readable = policy.can_view_progress_report(user, item.plan, item.is_submitted)
        if item.is_submitted:
            state = _("ingediend")
        else:
            state = item.report_state_label if readable else _("niet ingediend")
        row = {
            "region": item.plan.region.code,
            "plan": str(item.plan.pk),
            "title": item.plan.title,
            "plan_state": str(item.plan.get_state_display()),
            "moment": item.kind_label,
            "deadline": item.deadline.isoformat(),
            "extended": _("ja") if item.extended else _("nee"),
            "report": state,
            "overdue": _("ja") if item.is_overdue else _("nee"),
        }
        rows.append(row)
        xlsx_rows.append({**row, "plan": item.plan.pk, "deadline": item.deadline})
    notes = [
        _("Voortgangsrapportages per plan en evaluatiemoment, op %(today)s.")
        % {"today": clock.today().isoformat()}
    ]
    return Sheet(_("Voortgangsrapportages"), columns, rows, xlsx_rows=xlsx_rows, notes=notes)


def results_sheet(plan, report, kind_label: str) -> Sheet:
    """The report page's two tables in one: activities, then goals."""
    columns = [
        Column("part", _("Onderdeel")),
        Column("id", _("Id")),
        Column("activity_type", _("Activiteitstype")),
        Column("description", _("Omschrijving")),
        Column("status", _("Status")),
        Column("planned", _("Gepland")),
        Column("achieved", _("Bereikt")),
        Column("unit", _("Eenheid")),
        Column("share", _("Van gepland"), number_format="0%"),
        Column("explanation", _("Toelichting")),
    ]
    rows, xlsx_rows = [], []
    parts = [(_("activiteit"), row, True) for row in selectors.activity_rows(plan, report)] + [
        (_("doel"), row, False) for row in selectors.goal_rows(plan, report)
    ]
    for part, row, is_activity in parts:
        status = ""
        if is_activity:
            status = row.progress.get_status_display() if row.progress else _("nog niet ingevuld")
        values = {
            "part": part,
            "id": row.subject.pk,
            "activity_type": str(row.subject.activity_type) if is_activity else "",
            "description": row.subject.description,
            "status": str(status),
            "planned": row.planned_quantity,
            "achieved": row.achieved_quantity,
            "unit": row.unit,
            "share": row.achieved_share,
            "explanation": row.progress.explanation if row.progress else "",
        }
        rows.append({key: _text(value) for key, value in values.items()})
        xlsx_rows.append({key: "" if value is None else value for key, value in values.items()})
    state = report.get_state_display() if report else _("nog niet begonnen")
    notes = [f"{plan.region.code} {plan.title}: {kind_label} ({state})"]
    return Sheet(_("Resultaten"), columns, rows, xlsx_rows=xlsx_rows, notes=notes)


@require_safe
@login_required
def list_export(request, fmt):
    if not policy.can_view_progress_reports(request.user):
        raise PermissionDenied(_("Voortgangsrapportages zijn niet voor uw organisatie."))
    return sheet_response(list_sheet(request.user), f"rapportages-{clock.today():%Y-%m-%d}", fmt)


@require_safe
@login_required
def results_export(request, plan_pk, moment, fmt):
    plan, kind, report = _readable(request, plan_pk, moment)
    label = next((d.kind_label for d in selectors.due_items([plan]) if d.kind == kind), kind)
    return sheet_response(results_sheet(plan, report, label), f"rapportage-{plan.pk}-{moment}", fmt)
