"""The audit log for the programme office: every recorded change, filterable, exportable,
read-only (there is no view that writes)."""

import datetime
import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.exports import Column, Sheet, sheet_response
from sectorplan.plans import summary_cache
from sectorplan.web.paging import paginate
from sectorplan.web.rows import MomentText

from .describe import describe
from .models import AuditEvent

MAX_EXPORT = 50_000


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered(request):
    if not policy.can_view_audit_log(request.user):
        raise PermissionDenied(_("Het auditlog is voor het programmabureau."))
    events = AuditEvent.objects.all()
    filters = {
        "action": (request.GET.get("handeling") or "").strip(),
        "actor": (request.GET.get("door") or "").strip(),
        "object": (request.GET.get("object") or "").strip(),
        "from": _date(request.GET.get("van")),
        "to": _date(request.GET.get("tot")),
    }
    if filters["action"]:
        events = events.filter(action__startswith=filters["action"])
    if filters["actor"]:
        events = events.filter(actor_label__icontains=filters["actor"])
    if filters["object"]:
        events = events.filter(object_label__icontains=filters["object"])
    if filters["from"]:
        events = events.filter(occurred_at__date__gte=filters["from"])
    if filters["to"]:
        events = events.filter(occurred_at__date__lte=filters["to"])
    return events.order_by("-occurred_at", "-id"), filters


@login_required
def log(request):
    events, filters = _filtered(request)
    # Pages of 50 with the filters kept in the links (web/paging.py), as every list.
    context = paginate(request, events)
    rows = _kept_rows(context["page"].object_list)
    return render(request, "audit/log.html", {**context, "filters": filters, "rows": rows})


# A row of the log, written here rather than in the template: 50 rows of six values through
# the template engine, and a |date per row, were most of the page's time (issue 15).
# format_html escapes every value as the template's autoescape did.
_ROW = (
    '\n    <tr><td><time datetime="{1}">{0}</time></td><td>{2}</td><td>{3}</td><td>{4}</td>'
    "<td>{5}</td></tr>\n  "
)


def _kept_rows(events) -> str:
    """The rows of a page, kept per the events on it and the language. An event never changes,
    but a sentence may name a row it points at as it is now, so they are kept under the
    summaries' token too. Reading the page's ids first costs a query on a miss; on a hit the
    events themselves (with their before and after) are not read at all."""
    ids = ",".join(str(pk) for pk in events.values_list("pk", flat=True))
    if not ids:
        return ""
    digest = hashlib.sha256(ids.encode()).hexdigest()
    return mark_safe(  # written by _rows, which escapes every value
        summary_cache.cached("audit-rows", lambda: _rows(events), digest, get_language())
    )


def _rows(events) -> str:
    moment_text = MomentText()
    return format_html_join(
        "",
        _ROW,
        (
            (*moment_text(e.occurred_at), e.actor_label, describe(e), e.object_label, e.reason)
            for e in events
        ),
    )


@login_required
def export(request, fmt):
    events, _filters = _filtered(request)
    columns = [
        Column("occurred_at", _("Wanneer")),
        Column("actor", _("Wie")),
        Column("action", _("Handeling")),
        Column("object_type", _("Soort object")),
        Column("object_id", _("Object-id")),
        Column("object", _("Object")),
        Column("scope", _("Onderdeel van")),
        Column("before", _("Voor")),
        Column("after", _("Na")),
        Column("reason", _("Reden")),
        Column("description", _("Wat")),
    ]
    rows = [
        {
            "occurred_at": e.occurred_at.isoformat(timespec="seconds"),
            "actor": e.actor_label,
            "description": describe(e),
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "object": e.object_label,
            "scope": e.scope,
            # JSON, not Python's repr: a machine column for who needs the exact values.
            "before": "" if e.before is None else json.dumps(e.before, ensure_ascii=False),
            "after": "" if e.after is None else json.dumps(e.after, ensure_ascii=False),
            "reason": e.reason,
        }
        for e in events[:MAX_EXPORT]
    ]
    return sheet_response(Sheet(_("Auditlog"), columns, rows), "auditlog", fmt)
