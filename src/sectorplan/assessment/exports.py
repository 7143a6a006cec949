"""A plan's audit timeline and the national overview as CSV/XLSX."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from sectorplan.audit.describe import describe
from sectorplan.exports import Column, Sheet
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState

from .queues import RegionSummary
from .selectors import plan_timeline


def _text(value) -> str:
    if value in (None, "", {}, []):
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def timeline_sheet(plan: Plan, user=None) -> Sheet:
    columns = [
        Column("occurred_at", _("Wanneer")),
        Column("actor", _("Wie")),
        Column("action", _("Wat")),
        Column("object", _("Onderwerp")),
        Column("before", _("Voor")),
        Column("after", _("Na")),
        Column("reason", _("Toelichting")),
        Column("description", _("Omschrijving")),
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
            "description": describe(e),
        }
        for e in plan_timeline(plan, user)
    ]
    notes = [_("Demoplan: verzonnen gegevens.")] if plan.is_demo else []
    return Sheet(_("Tijdlijn %(plan)s") % {"plan": plan.region.code}, columns, rows, notes=notes)


def summary_sheet(rows: list[RegionSummary]) -> Sheet:
    """The progress overview as on the page: one row per region, a column per state."""
    columns = [
        Column("region", _("Regio")),
        Column("name", _("Naam")),
        Column("plans", _("Plannen")),
        Column("late", _("Te laat")),
        Column("waiting_for", _("Wacht op")),
        *[Column(state.value, state.label) for state in PlanState],
    ]
    out = []
    for row in rows:
        states = {state: n for state, _label, n in row.states}
        waiting = "; ".join(f"{label}: {n}" for _party, label, n in row.waiting)
        if not row.total:
            waiting = _("SW-bedrijven: plan schrijven")
        out.append(
            {
                "region": row.region.code,
                "name": row.region.name,
                "plans": row.total,
                "late": row.late + (1 if row.without_plan_late else 0),
                "waiting_for": waiting,
                **{state.value: states.get(state.value, 0) for state in PlanState},
            }
        )
    return Sheet(_("Voortgang per regio"), columns, out)
