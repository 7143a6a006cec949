"""What changed between two plan snapshots (see snapshot.py). Pure: dicts in, dataclasses out.

Rows are matched on their "key" (the primary key), so an edited row shows as changed rather than
as one removed and one added. Values meant for people are formatted here, in the active
language, so the template only lays them out.
"""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from sectorplan.money import format_decimal, format_euro

SUPPORTED_FORMATS = {1}


class RowStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"

    @property
    def label(self):
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    RowStatus.ADDED: _("toegevoegd"),
    RowStatus.REMOVED: _("verwijderd"),
    RowStatus.CHANGED: _("gewijzigd"),
    RowStatus.UNCHANGED: _("ongewijzigd"),
}


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: `old`/`new` are for people, `old_value`/`new_value` as stored."""

    name: str
    label: str
    old: str
    new: str
    old_value: object
    new_value: object


@dataclass(frozen=True)
class FieldValue:
    name: str
    label: str
    value: str


@dataclass(frozen=True)
class RowDiff:
    key: object
    status: RowStatus
    label: str
    # For a changed row: only the fields that differ.
    changes: tuple[FieldChange, ...] = ()
    # The whole row as it stands in the newer version, or in the older one if it was removed:
    # an added or removed row has nothing to compare with, so the reader sees all of it.
    values: tuple[FieldValue, ...] = ()

    @property
    def changed_fields(self) -> tuple[str, ...]:
        return tuple(change.name for change in self.changes)


@dataclass(frozen=True)
class SectionDiff:
    name: str
    label: str
    item_label: str
    rows: tuple[RowDiff, ...]
    unchanged_label: object  # an ngettext_lazy with a %(count)d placeholder

    def with_status(self, status: RowStatus) -> tuple[RowDiff, ...]:
        return tuple(row for row in self.rows if row.status == status)

    @property
    def shown_rows(self) -> tuple[RowDiff, ...]:
        return tuple(row for row in self.rows if row.status != RowStatus.UNCHANGED)

    @property
    def unchanged_count(self) -> int:
        return len(self.with_status(RowStatus.UNCHANGED))

    @property
    def unchanged_summary(self) -> str:
        return self.unchanged_label % {"count": self.unchanged_count}

    @property
    def has_changes(self) -> bool:
        return bool(self.shown_rows)


@dataclass(frozen=True)
class MoneyChange:
    name: str
    label: str
    old_cents: int
    new_cents: int
    old: str
    new: str
    difference: str

    @property
    def difference_cents(self) -> int:
        return self.new_cents - self.old_cents

    @property
    def changed(self) -> bool:
        return self.old_cents != self.new_cents


@dataclass(frozen=True)
class VersionDiff:
    plan_fields: tuple[FieldChange, ...]
    sections: tuple[SectionDiff, ...]
    money: tuple[MoneyChange, ...]

    @property
    def has_changes(self) -> bool:
        return (
            bool(self.plan_fields)
            or any(section.has_changes for section in self.sections)
            or any(total.changed for total in self.money)
        )

    def section(self, name: str) -> SectionDiff:
        return next(section for section in self.sections if section.name == name)


# How each snapshot value is compared and shown.


@dataclass(frozen=True)
class _Field:
    name: str  # the snapshot key that is compared
    label: str
    kind: str = "text"  # how the value is shown, see _show

    def value(self, row: dict) -> object:
        raw = row.get(self.name)
        # "40.00" and "40.0" are one quantity: compare decimals as numbers, not as text.
        return _as_decimal(raw) if self.kind == "decimal" and raw is not None else raw

    def display(self, row: dict, language: str) -> str:
        raw = row.get(self.name)
        if raw in (None, ""):
            return str(_("(leeg)"))
        return _show(self.kind, self.name, raw, row, language)


def _as_decimal(raw):
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return raw


def _show(kind: str, name: str, raw, row: dict, language: str) -> str:
    if kind == "money":
        return format_euro(int(raw), language)
    if kind == "decimal":
        value = _as_decimal(raw)
        if isinstance(value, Decimal) and value.is_finite():
            # As many places as the number needs: "40" rather than "40,00", yet 40,5 stays.
            places = max(0, -value.normalize().as_tuple().exponent)
            return format_decimal(value, places, language)
    if kind == "date":
        with suppress(TypeError, ValueError):
            return date_format(date.fromisoformat(raw), "j F Y")
    if kind == "choice":
        # The label frozen with the snapshot: a choice renamed later does not rewrite history.
        return str(row.get(f"{name}_label") or raw)
    if kind == "size":
        return str(filesizeformat(raw))
    if kind == "theme":
        return f"{raw}. {row.get('theme_name', '')}"
    if kind == "activity_type":
        return str(row.get("activity_type_name") or raw)
    return str(raw)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Section:
    name: str
    label: str
    item_label: str
    unchanged_label: object
    title_keys: tuple[str, ...]  # what names a row for people, joined with ": "
    fields: tuple[_Field, ...]

    def row_label(self, row: dict) -> str:
        return ": ".join(_shorten(str(row.get(key) or "")) for key in self.title_keys)


PLAN_FIELDS = (
    _Field("title", _("Titel")),
    _Field("summary", _("Samenvatting")),
    _Field("kind", _("Soort plan"), "choice"),
    _Field("municipality_contact_name", _("Contactpersoon centrumgemeente")),
    _Field("municipality_contact_email", _("E-mail contactpersoon centrumgemeente")),
)

SECTIONS = (
    _Section(
        "participants",
        _("Deelnemende SW-bedrijven"),
        _("SW-bedrijf"),
        ngettext_lazy(
            "%(count)d ongewijzigd SW-bedrijf", "%(count)d ongewijzigde SW-bedrijven", "count"
        ),
        ("company",),
        (
            _Field("company", _("SW-bedrijf")),
            _Field("contact_name", _("Contactpersoon")),
            _Field("contact_email", _("E-mail")),
            _Field("contact_phone", _("Telefoon")),
        ),
    ),
    _Section(
        "goals",
        _("Doelen"),
        _("Doel"),
        ngettext_lazy("%(count)d ongewijzigd doel", "%(count)d ongewijzigde doelen", "count"),
        ("description",),
        (
            _Field("description", _("Doel")),
            _Field("planned_quantity", _("Beoogd aantal"), "decimal"),
            _Field("unit", _("Eenheid")),
        ),
    ),
    _Section(
        "activities",
        _("Activiteiten"),
        _("Activiteit"),
        ngettext_lazy(
            "%(count)d ongewijzigde activiteit", "%(count)d ongewijzigde activiteiten", "count"
        ),
        ("activity_type_name", "description"),
        (
            _Field("theme_number", _("Thema"), "theme"),
            _Field("activity_type_code", _("Activiteitstype"), "activity_type"),
            _Field("description", _("Omschrijving")),
            _Field("planned_start", _("Geplande start"), "date"),
            _Field("planned_end", _("Gepland einde"), "date"),
            _Field("planned_quantity", _("Beoogd resultaat (aantal)"), "decimal"),
            _Field("planned_unit", _("Eenheid van het resultaat")),
        ),
    ),
    _Section(
        "budget_lines",
        _("Begrotingsregels"),
        _("Begrotingsregel"),
        ngettext_lazy(
            "%(count)d ongewijzigde begrotingsregel",
            "%(count)d ongewijzigde begrotingsregels",
            "count",
        ),
        ("description",),
        (
            _Field("cost_category", _("Kostensoort"), "choice"),
            _Field("description", _("Omschrijving")),
            _Field("national_contribution_cents", _("Rijksbijdrage"), "money"),
            _Field("cofinancing_cents", _("Cofinanciering"), "money"),
        ),
    ),
    _Section(
        "commitments",
        _("Cofinancieringstoezeggingen"),
        _("Financier"),
        ngettext_lazy(
            "%(count)d ongewijzigde toezegging", "%(count)d ongewijzigde toezeggingen", "count"
        ),
        ("funder_name",),
        (
            _Field("funder_kind", _("Soort financier"), "choice"),
            _Field("funder_name", _("Financier")),
            _Field("amount_cents", _("Bedrag"), "money"),
            _Field("status", _("Status"), "choice"),
        ),
    ),
    _Section(
        "attachments",
        _("Bijlagen"),
        _("Bijlage"),
        ngettext_lazy("%(count)d ongewijzigde bijlage", "%(count)d ongewijzigde bijlagen", "count"),
        ("original_name",),
        (
            _Field("original_name", _("Bestandsnaam")),
            _Field("size", _("Grootte"), "size"),
            _Field("content_type", _("Soort bestand")),
        ),
    ),
)

MONEY_FIELDS = (
    ("national_cents", _("Gevraagde rijksbijdrage")),
    ("cofinancing_lines_cents", _("Cofinanciering in de begroting")),
    ("committed_cents", _("Toegezegde cofinanciering")),
    ("required_cofinancing_cents", _("Vereiste cofinanciering")),
)


def compare(old: dict, new: dict) -> VersionDiff:
    """What changed from snapshot `old` to snapshot `new`."""
    for snapshot in (old, new):
        if snapshot.get("format") not in SUPPORTED_FORMATS:
            raise ValueError(f"Unknown snapshot format: {snapshot.get('format')!r}")
    language = get_language() or "nl"
    return VersionDiff(
        plan_fields=_changes(PLAN_FIELDS, old.get("plan", {}), new.get("plan", {}), language),
        sections=tuple(
            _compare_section(spec, old.get(spec.name, []), new.get(spec.name, []), language)
            for spec in SECTIONS
        ),
        money=tuple(
            _compare_money(name, label, old.get("money", {}), new.get("money", {}), language)
            for name, label in MONEY_FIELDS
        ),
    )


def _changes(fields, old_row: dict, new_row: dict, language: str) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(
            name=field.name,
            label=field.label,
            old=field.display(old_row, language),
            new=field.display(new_row, language),
            old_value=old_row.get(field.name),
            new_value=new_row.get(field.name),
        )
        for field in fields
        if field.value(old_row) != field.value(new_row)
    )


def _row_diff(spec: _Section, row: dict, status: RowStatus, changes, language: str) -> RowDiff:
    values = tuple(FieldValue(f.name, f.label, f.display(row, language)) for f in spec.fields)
    return RowDiff(row["key"], status, spec.row_label(row), changes, values)


def _compare_section(spec: _Section, old_rows, new_rows, language: str) -> SectionDiff:
    old_by_key = {row["key"]: row for row in old_rows}
    new_keys = {row["key"] for row in new_rows}
    rows = []
    for row in new_rows:
        earlier = old_by_key.get(row["key"])
        if earlier is None:
            rows.append(_row_diff(spec, row, RowStatus.ADDED, (), language))
            continue
        changes = _changes(spec.fields, earlier, row, language)
        status = RowStatus.CHANGED if changes else RowStatus.UNCHANGED
        rows.append(_row_diff(spec, row, status, changes, language))
    # Removed rows come last, in their old order: they have no place in the newer version.
    rows += [
        _row_diff(spec, row, RowStatus.REMOVED, (), language)
        for row in old_rows
        if row["key"] not in new_keys
    ]
    return SectionDiff(spec.name, spec.label, spec.item_label, tuple(rows), spec.unchanged_label)


def _signed_euro(cents: int, language: str) -> str:
    if cents <= 0:
        return format_euro(cents, language)
    # Put the plus where format_euro puts a minus: "€ +1.000,00" in Dutch, "+€1,000.00" English.
    return format_euro(-cents, language).replace("-", "+", 1)


def _compare_money(name: str, label, old: dict, new: dict, language: str) -> MoneyChange:
    old_cents, new_cents = int(old.get(name) or 0), int(new.get(name) or 0)
    return MoneyChange(
        name=name,
        label=label,
        old_cents=old_cents,
        new_cents=new_cents,
        old=format_euro(old_cents, language),
        new=format_euro(new_cents, language),
        difference=_signed_euro(new_cents - old_cents, language),
    )
