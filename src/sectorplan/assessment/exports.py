"""A plan's audit timeline and the national overview as CSV/XLSX."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from sectorplan.exports import Column, Sheet
from sectorplan.plans.models import Plan

from .selectors import RegionProgress, plan_timeline


def _text(value) -> str:
    if value in (None, "", {}, []):
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def timeline_sheet(plan: Plan) -> Sheet:
    columns = [
        Column("occurred_at", _("Wanneer")),
        Column("actor", _("Wie")),
        Column("action", _("Wat")),
        Column("object", _("Onderwerp")),
        Column("before", _("Voor")),
        Column("after", _("Na")),
        Column("reason", _("Toelichting")),
    ]
    rows = [
        {
            "occurred_at": timezone.localtime(e.occurred_at).isoformat(timespec="seconds"),
            "actor": e.actor_label,
            "action": e.action,
            "object": e.object_label,
            "before": _text(e.before),
            "after": _text(e.after),
            "reason": e.reason,
        }
        for e in plan_timeline(plan)
    ]
    notes = [_("Demoplan: verzonnen gegevens.")] if plan.is_demo else []
    return Sheet(_("Tijdlijn %(plan)s") % {"plan": plan.region.code}, columns, rows, notes=notes)


def overview_sheet(rows: list[RegionProgress]) -> Sheet:
    columns = [
        Column("region", _("Regio")),
        Column("name", _("Naam")),
        Column("plan", _("Plan")),
        Column("state", _("Status")),
        Column("waiting_for", _("Wacht op")),
        Column("action", _("Te doen")),
        Column("deadline", _("Uiterste datum")),
        Column("late", _("Te laat")),
    ]
    out = []
    for row in rows:
        if not row.plans:
            out.append(
                {
                    "region": row.region.code,
                    "name": row.region.name,
                    "plan": "",
                    "state": _("Nog geen plan"),
                    "waiting_for": _("SW-bedrijven"),
                    "action": _("Plan schrijven"),
                    "deadline": str(row.no_plan_deadline or ""),
                    "late": _("ja") if row.without_plan_late else _("nee"),
                }
            )
        for plan in row.plans:
            items = [w for w in row.waiting if w.plan.pk == plan.pk] or [None]
            for item in items:
                out.append(
                    {
                        "region": row.region.code,
                        "name": row.region.name,
                        "plan": plan.title,
                        "state": plan.get_state_display(),
                        "waiting_for": str(item.party_label) if item else "",
                        "action": str(item.action) if item else "",
                        "deadline": str(item.deadline or "") if item else "",
                        "late": (_("ja") if item.is_late else _("nee")) if item else "",
                    }
                )
    return Sheet(_("Voortgang per regio"), columns, out)
