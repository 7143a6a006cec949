"""How an audit event reads for a person: one describing function per event kind, giving a
sentence in the active language with amounts in euros, dates written out and changed fields
named. Used by the plan history, the audit log page and its CSV/XLSX export, so the machine
words (`commitment.created`, dictionaries, cents) stay in the database."""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.money import format_decimal, format_euro

DESCRIBERS: dict[str, Callable] = {}
# The parts of a plan whose services record `<model>.created/changed/deleted`, and the field
# that names one of them in a sentence.
PART_NAMES = {
    "participant": "sw_company",
    "goal": "description",
    "activity": "description",
    "budgetline": "description",
    "commitment": "funder_name",
}
# Keys in before/after that are not model fields.
KEY_LABELS = {
    "state": gettext_lazy("stand"),
    "version": gettext_lazy("versie"),
    "total_cents": gettext_lazy("totaal"),
    "plans": gettext_lazy("plannen"),
    "title": gettext_lazy("titel"),
    "texts": gettext_lazy("teksten"),
    "good_practices": gettext_lazy("goede voorbeelden"),
    "activities": gettext_lazy("activiteiten"),
    "goals": gettext_lazy("doelen"),
    "activity_types": gettext_lazy("activiteitsoorten"),
    "region": gettext_lazy("regio"),
    "role": gettext_lazy("rol"),
    "organisation": gettext_lazy("organisatie"),
    "user": gettext_lazy("gebruiker"),
}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d+\.\d+")
LONG = 80


def describes(*actions: str):
    def register(function):
        for action in actions:
            DESCRIBERS[action] = function
        return function

    return register


def describer(action: str) -> Callable | None:
    """The function for an event kind; None if no sentence was written for it."""
    if action in DESCRIBERS:
        return DESCRIBERS[action]
    prefix, _dot, suffix = action.partition(".")
    if prefix in PART_NAMES and suffix in ("created", "changed", "deleted"):
        return {"created": _part_created, "changed": _part_changed, "deleted": _part_deleted}[
            suffix
        ]
    if prefix == "plan":
        from sectorplan.plans.workflow import TRANSITIONS

        if suffix in TRANSITIONS:
            return _transition
    return None


def describe(event) -> str:
    function = describer(event.action) or _generic
    try:
        return function(event)
    except (KeyError, TypeError, ValueError, AttributeError, LookupError, ImportError):
        # An event written before its shape changed still reads as a sentence.
        return _generic(event)


# Values ---------------------------------------------------------------------------------------


def _language() -> str:
    return translation.get_language() or "nl"


def euro(cents) -> str:
    return format_euro(int(cents), _language())


def day(value) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return formats.date_format(value, "j F Y")  # as the pages write dates


def number(value) -> str:
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 2
    return format_decimal(value, places, _language())


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    return f"‘{text[:LONG]}…’" if len(text) > LONG else f"‘{text}’"


def _model(event):
    try:
        return apps.get_model(event.object_type) if "." in event.object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, key):
    try:
        return model._meta.get_field(key) if model is not None else None
    except FieldDoesNotExist:
        return None


def label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and hasattr(field, "verbose_name"):
        # "bedrag (eurocenten)": the amount is shown in euros, so the unit goes.
        return re.sub(r"\s*\([^)]*cent[^)]*\)", "", str(field.verbose_name))
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    return key.removesuffix("_cents").replace("_", " ")


def value(model, key: str, raw, quote: bool = True) -> str:
    if raw is None or raw == "" or raw == [] or raw == {}:
        return _("(leeg)")
    if isinstance(raw, bool):
        return _("ja") if raw else _("nee")
    if key.endswith("_cents"):
        return euro(raw)
    field = _field(model, key)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field is not None and field.many_to_one:
        found = field.related_model._default_manager.filter(pk=raw).first()
        return str(found) if found else str(raw)
    if key == "state":
        from sectorplan.plans.states import PlanState

        return str(PlanState(raw).label) if raw in PlanState.values else str(raw)
    if isinstance(raw, list):
        return ", ".join(value(None, "", item, quote=False) for item in raw)
    if isinstance(raw, dict):
        return _("%(count)s onderdelen") % {"count": len(raw)}
    if isinstance(raw, int | float | Decimal) or NUMBER.fullmatch(str(raw)):
        return number(raw)
    if DATE.fullmatch(str(raw)):
        return day(raw)
    return _quote(raw) if quote else str(raw)


def changes(event, model=None) -> str:
    """'bedrag van € 10,00 naar € 12,00; omschrijving gewijzigd' for the keys that differ."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    parts = []
    for key in list(after) + [k for k in before if k not in after]:
        old, new = before.get(key), after.get(key)
        if key in before and old == new:
            continue
        name = label(model, key)
        if not before:
            if new not in (None, "", [], {}):
                parts.append(f"{name} {value(model, key, new)}")
            continue
        shown = value(model, key, old), value(model, key, new)
        if isinstance(new, dict | list) or any(len(s) > LONG for s in shown):
            parts.append(_("%(field)s gewijzigd") % {"field": name})
        else:
            parts.append(
                _("%(field)s van %(old)s naar %(new)s")
                % {"field": name, "old": shown[0], "new": shown[1]}
            )
    return "; ".join(parts)


def _sentence(text: str, detail: str = "") -> str:
    sentence = f"{text}: {detail}" if detail else text
    # A quoted comment may end its own sentence: no second full stop after it.
    return sentence if sentence.rstrip("’").endswith((".", "?", "!")) else f"{sentence}."


def _generic(event) -> str:
    what = event.object_label or event.action
    return _sentence(
        _("Wijziging vastgelegd bij %(object)s") % {"object": _quote(what)},
        changes(event, _model(event)),
    )


# Each module registers the sentences of its event kinds.
from . import describe_kinds, describe_office  # noqa: E402,F401
from .describe_kinds import _part_changed, _part_created, _part_deleted, _transition  # noqa: E402
