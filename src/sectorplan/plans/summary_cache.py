"""Summaries over every plan (the region dashboard, the activity map, the progress overview) are
cached until the data they read changes (issue 15): the key holds a token that every such change
replaces, so reading it is one query by primary key, however many plans there are.

- The token lives in the database (plans.DataVersion), not in the cache: without a shared cache
  every app server has its own, and a change on one server must reach the others.
- It is replaced when the change commits (transaction.on_commit), not when the row is saved:
  replacing it inside the writing transaction would lock its row until the commit, so every
  writer would wait for every other. And a reader that takes the new token before the commit
  would store the old figures under it.
- Inside a transaction a summary is not cached at all: it may count the transaction's own
  changes, which the token does not know yet (the test suite runs every test in one).
- Saves and deletes of the models below replace it (the admin and loaders included), as do bulk
  state updates (plans.signals.states_updated) and assessment.queues.refresh, which every change
  of who a plan waits for and until when goes through, and which the bulk creates (the exchange
  import, generated plans, a restore) call after writing.
"""

import hashlib
import uuid
from functools import partial

from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils.translation import get_language

from sectorplan import per_request
from sectorplan.accounts import policy
from sectorplan.allocation.models import AllocationRun, Reservation
from sectorplan.audit.models import AuditEvent
from sectorplan.registry import clock
from sectorplan.registry.models import (
    ActivityType,
    DeadlineExtension,
    Milestone,
    Municipality,
    Region,
    RegionSet,
    RegionWeight,
    Scheme,
    SwCompany,
    Theme,
)

from .models import (
    Activity,
    Attachment,
    BudgetLine,
    Commitment,
    DataVersion,
    Goal,
    Participant,
    Plan,
    StateChange,
)
from .signals import states_updated

# What the summaries read: plans and the parts they sum or count, and the registry they group by.
SUMMARISED = (Plan, Participant, Activity, BudgetLine, Commitment)
# What the plan page keeps besides: its body (plans.detail_body) the other parts and the state
# changes, its history the audit events of the plan (_on_plan_event); the region's room
# (selectors.region_room) the allocation's reservations.
PLAN_PAGE = (Goal, Attachment, StateChange, AllocationRun, Reservation)
REGISTRY = (
    Scheme,
    RegionSet,
    RegionWeight,
    Theme,
    ActivityType,
    Region,
    Municipality,
    SwCompany,
    Milestone,
    DeadlineExtension,
)
LINKS = (SwCompany.municipalities.through, SwCompany.regions_without_known_municipalities.through)

# A safety net only: the token changes with the data.
CACHE_SECONDS = 60 * 60


def token() -> str:
    return per_request.remembered("summary_token", _read_token)


def _read_token() -> str:
    return DataVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def _replace_token(using: str = "default") -> None:
    new = uuid.uuid4().hex
    versions = DataVersion.objects.using(using)
    if not versions.filter(pk=1).update(token=new):
        versions.get_or_create(pk=1, defaults={"token": new})


def data_changed(using: str = "default") -> None:
    """The summarised data changed: a new token once this transaction commits (at once outside
    one). Registered once per transaction, however many rows it writes."""
    queued = (callback for _ids, callback, _robust in connections[using].run_on_commit)
    if not any(getattr(callback, "func", None) is _replace_token for callback in queued):
        transaction.on_commit(partial(_replace_token, using), using=using)


# Immutable summaries (the activity map's frozen Counts) are also kept in this process as they
# are: reading them back from the cache would unpickle an entry per plan on every request. Old
# tokens' entries go when the dictionary is full.
_in_process: dict[str, object] = {}
_IN_PROCESS_MAX = 16


def cached(name: str, compute, *key_parts, immutable: bool = False):
    """compute(), cached under name and key_parts until the data changes."""
    if connection.in_atomic_block:
        return compute()
    key = ":".join(["summary", name, token(), *(str(part) for part in key_parts)])
    if immutable and key in _in_process:
        return _in_process[key]
    value = cache.get_or_set(key, compute, CACHE_SECONDS)
    if immutable:
        if len(_in_process) >= _IN_PROCESS_MAX:
            _in_process.clear()
        _in_process[key] = value
    return value


def rendered(name: str, template: str, context, *key_parts) -> str:
    """A part of a page that every viewer sees alike, rendered from context() once per language
    and kept as cached() keeps its summary: the key always holds the language."""
    return cached(name, lambda: render_to_string(template, context()), *key_parts, get_language())


def for_viewer(request) -> tuple[str, str]:
    """The key parts of what is kept for everyone with the same sight (policy.sight: who see
    the same plans) and the same URL parameters, until the data or the day (late or not)
    changes: a list's page."""
    viewer = f"{policy.sight(request.user)}?{request.GET.urlencode()}"
    return hashlib.sha256(viewer.encode()).hexdigest(), clock.today().isoformat()


def rendered_list(request, name: str, template: str, context, *key_parts) -> str:
    """A part of a list page, kept as rendered() keeps one, per viewer (for_viewer)."""
    return rendered(name, template, context, *for_viewer(request), *key_parts)


def forget() -> None:
    """Drop what this process keeps (the test suite starts every test without it)."""
    _in_process.clear()


def _on_change(sender, using="default", **kwargs):
    data_changed(using)


def _on_link_change(sender, action, using="default", **kwargs):
    if action.startswith("post_"):
        data_changed(using)


def _on_plan_event(sender, instance, using="default", **kwargs):
    if instance.scope.startswith("plan:"):
        data_changed(using)


def watch(*models) -> None:
    """Saves and deletes of these models replace the token too. Other apps whose rows a kept
    page shows register them from their ready(): monitoring its progress reports (the list of
    reports, the start page's report tasks), payments its batches and items (the start page)."""
    for model in models:
        name = model._meta.label
        post_save.connect(_on_change, sender=model, dispatch_uid=f"summary_saved_{name}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"summary_deleted_{name}")


def connect() -> None:
    watch(*SUMMARISED, *REGISTRY, *PLAN_PAGE)
    for through in LINKS:
        m2m_changed.connect(
            _on_link_change, sender=through, dispatch_uid=f"summary_{through._meta.label}"
        )
    states_updated.connect(_on_change, sender=Plan, dispatch_uid="summary_states_updated")
    post_save.connect(_on_plan_event, sender=AuditEvent, dispatch_uid="summary_plan_event")
