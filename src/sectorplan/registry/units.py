"""Replacing SE figures with figures a user has, from a CSV keyed by region code or by
municipality name. All or nothing: a file that does not cover every region (or every
municipality) or has one bad value changes nothing."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext as _

from sectorplan.audit.services import record
from sectorplan.plans import summary_cache
from sectorplan.tabular import Table, TabularError, parse_decimal, read_table

from .models import Municipality, Region, default_region_set_id

COLUMNS = {
    "code": ("code", "regiocode", "region_code"),
    "municipality": ("gemeente", "municipality"),
    "units": ("se", "standaardeenheden", "standard_units", "weight"),
}


# What the standard_units column can hold (max_digits 12, 2 decimals): 9999999999.99 at most.
_FIELD = Region._meta.get_field("standard_units")
LIMIT = Decimal(10) ** (_FIELD.max_digits - _FIELD.decimal_places)


class UnitsImportError(Exception):
    pass


@dataclass(frozen=True)
class UnitsImportResult:
    keyed_by: str  # "region" or "municipality"
    count: int
    total: Decimal


def _read(data: bytes) -> tuple[Table, str]:
    table = read_table(data, COLUMNS, required=["units"])
    header_keys = set(table.rows[0].values) if table.rows else set()
    if "municipality" in header_keys:
        return table, "municipality"
    if "code" in header_keys:
        return table, "region"
    raise UnitsImportError(
        _("Regel 1: het bestand heeft geen kolom 'code' (regiocode) of 'gemeente'.")
    )


def _figures(table: Table, key_column: str, known: dict[str, object], label: str) -> dict:
    figures = {}
    seen: set[str] = set()
    for row in table.rows:
        key = row.values.get(key_column, "")
        if key not in known:
            raise UnitsImportError(
                _("Regel %(line)s, kolom '%(column)s': onbekende %(label)s '%(key)s'.")
                % {"line": row.line, "column": key_column, "label": label, "key": key}
            )
        if key in seen:
            raise UnitsImportError(
                _("Regel %(line)s, kolom '%(column)s': %(label)s '%(key)s' staat er dubbel in.")
                % {"line": row.line, "column": key_column, "label": label, "key": key}
            )
        value = parse_decimal(row.values["units"], table=table, line=row.line, column="se")
        if value < 0:
            raise UnitsImportError(
                _("Regel %(line)s, kolom 'se': SE kan niet negatief zijn (%(value)s).")
                % {"line": row.line, "value": value}
            )
        # Checked before quantize(), which fails on more digits than the context holds.
        if value >= LIMIT:
            raise UnitsImportError(
                _("Regel %(line)s, kolom 'se': SE is te groot (%(value)s); hooguit %(max)s.")
                % {
                    "line": row.line,
                    "value": row.values["units"][:40],
                    "max": LIMIT - Decimal("0.01"),
                }
            )
        if value != value.quantize(Decimal("0.01")):
            raise UnitsImportError(
                _("Regel %(line)s, kolom 'se': SE heeft hooguit twee decimalen (%(value)s).")
                % {"line": row.line, "value": value}
            )
        seen.add(key)
        figures[known[key]] = value
    missing = sorted(key for key, obj in known.items() if obj not in figures)
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise UnitsImportError(
            _(
                "Het bestand mist %(count)s %(label)s(s): %(shown)s. Geef voor elke %(label)s "
                "een cijfer (0 mag), zodat echte en demo-cijfers niet door elkaar lopen."
            )
            % {"count": len(missing), "label": label, "shown": shown}
        )
    return figures


@transaction.atomic
def import_standard_units(
    data: bytes, *, source: str, actor=None, region_set_id: int | None = None
) -> UnitsImportResult:
    """The SE of one set of regions (the 2015 set unless another is named): a later set has
    regions and municipalities of its own, with figures of their own."""
    if not source.strip():
        raise UnitsImportError(_("Geef de bron van de SE-cijfers op."))
    region_set_id = region_set_id or default_region_set_id()
    regions = Region.objects.filter(region_set=region_set_id)
    municipalities = Municipality.objects.filter(region_set=region_set_id)
    try:
        table, keyed_by = _read(data)
        if keyed_by == "region":
            known = {r.code: r for r in regions}
            figures = _figures(table, "code", known, pgettext("units import", "regio"))
        else:
            known = {m.name: m for m in municipalities}
            figures = _figures(table, "municipality", known, pgettext("units import", "gemeente"))
    except TabularError as error:
        raise UnitsImportError(error.translated(gettext)) from error
    before = {
        "regions": {r.code: str(r.standard_units) for r in regions.exclude(standard_units=None)},
        "municipal_total": str(
            sum(
                municipalities.exclude(standard_units=None).values_list(
                    "standard_units", flat=True
                ),
                Decimal(0),
            )
        ),
    }
    cleared = dict(standard_units=None, standard_units_source="", standard_units_is_demo=False)
    if keyed_by == "region":
        municipalities.update(**cleared)
        model, objects = Region, list(figures)
    else:
        regions.update(**cleared)
        model, objects = Municipality, list(figures)
    for obj in objects:
        obj.standard_units = figures[obj]
        obj.standard_units_source = source
        obj.standard_units_is_demo = False
    model.objects.bulk_update(
        objects, ["standard_units", "standard_units_source", "standard_units_is_demo"]
    )
    # The updates above send no save signals: what is kept from the registry (whether the
    # pages say "demo figures", the summaries) is worked out again.
    summary_cache.data_changed()
    total = sum(figures.values(), Decimal(0))
    record(
        action="units.imported",
        object_type="registry.standard_units",
        object_label=f"SE per {'regio' if keyed_by == 'region' else 'gemeente'}",
        actor=actor,
        before=before,
        after={"keyed_by": keyed_by, "count": len(figures), "total": str(total), "source": source},
    )
    return UnitsImportResult(keyed_by=keyed_by, count=len(figures), total=total)
