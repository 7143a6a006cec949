"""Every table of the activity map as a Sheet, for CSV and XLSX (sectorplan.exports).

CSV values are strings a machine reads back exactly (shares as fractions with a decimal point);
XLSX gets numbers and a percent format for people."""

from django.utils.translation import gettext as _

from sectorplan.exports import Column, Sheet

from .measures import MEASURES
from .regionmap import CREDIT, RegionMap
from .selectors import DEMO_PLANS_NOTICE, Overview
from .summary import introduction

TABLES = ("activiteiten", "matrix", "kaart")


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _notes(overview: Overview) -> list[str]:
    notes = [
        _("Regeling: %(scheme)s. Geteld: %(selection)s.")
        % {"scheme": overview.scheme.label, "selection": overview.selection_label},
        introduction(overview),
    ]
    if overview.is_demo:
        notes.append(str(DEMO_PLANS_NOTICE))
    return notes


def types_sheet(overview: Overview) -> Sheet:
    columns = [
        Column("theme_number", _("Thema")),
        Column("theme", _("Themacode")),
        Column("key", _("Nr.")),
        Column("code", _("Code")),
        Column("label", _("Activiteitstype")),
        Column("regions", _("Aantal regio's")),
        Column("regions_counted", _("Van de regio's met een plan")),
        Column("share", _("Aandeel"), number_format="0%"),
        Column("plans", _("Aantal plannen")),
        Column("region_codes", _("Regio's")),
        Column("demo", _("Demogegevens")),
    ]
    rows, xlsx_rows = [], []
    for item in overview.counts.types:
        row = {
            "theme_number": str(item.type.theme_number),
            "theme": item.type.theme_code,
            "key": item.type.key,
            "code": item.type.code,
            "label": item.type.label,
            "regions": str(item.count),
            "regions_counted": str(overview.counts.regions_counted),
            "share": "" if item.share is None else str(item.share),
            "plans": str(item.plans),
            "region_codes": " ".join(item.regions),
            "demo": _yes_no(overview.is_demo),
        }
        rows.append(row)
        xlsx_rows.append(
            {
                **row,
                "theme_number": item.type.theme_number,
                "regions": item.count,
                "regions_counted": overview.counts.regions_counted,
                "share": item.share if item.share is not None else "",
                "plans": item.plans,
            }
        )
    return Sheet(_("Activiteitstypen"), columns, rows, xlsx_rows=xlsx_rows, notes=_notes(overview))


def matrix_sheet(overview: Overview) -> Sheet:
    """Region x activity type: 1 when the type occurs in the region's counted plans."""
    counts = overview.counts
    columns = [
        Column("code", _("Code")),
        Column("region", _("Arbeidsmarktregio")),
        Column("plans", _("Plannen")),
        *[Column(item.type.code, f"{item.type.key} {item.type.label}") for item in counts.types],
        Column("types", _("Aantal typen")),
        Column("demo", _("Demogegevens")),
    ]
    rows, xlsx_rows = [], []
    for region in counts.regions:
        cells = {item.type.code: int(counts.cell(region, item)) for item in counts.types}
        number = {"plans": len(region.plans), "types": len(region.type_pks)}
        demo = _yes_no(any(plan.is_demo for plan in region.plans))
        xlsx_rows.append(
            {"code": region.code, "region": region.name, **cells, **number, "demo": demo}
        )
        rows.append({k: str(v) for k, v in xlsx_rows[-1].items()})
    footer = {
        "code": "",
        "region": _("Aantal regio's"),
        "plans": counts.plans_counted,
        **{item.type.code: item.count for item in counts.types},
        "types": "",
    }
    return Sheet(
        _("Regio x activiteitstype"),
        columns,
        rows,
        xlsx_rows=xlsx_rows,
        notes=_notes(overview),
        footer=footer,
    )


def map_sheet(overview: Overview, region_map: RegionMap) -> Sheet:
    columns = [
        Column("code", _("Code")),
        Column("region", _("Arbeidsmarktregio")),
        Column("value", region_map.value_title),
        Column("class", _("Klasse")),
        Column("class_label", _("Betekenis van de klasse")),
        *[Column(key, title) for key, title in region_map.extra_columns],
        Column("demo", _("Demogegevens")),
    ]
    rows = [
        {
            "code": value.code,
            "region": value.name,
            "value": value.value,
            "class": value.class_key,
            "class_label": region_map.class_of(value).label,
            **{key: str(value.extra.get(key, "")) for key, _title in region_map.extra_columns},
            "demo": _yes_no(region_map.demo),
        }
        for value in region_map.values
    ]
    notes = [
        _("Kaart gekleurd naar: %(measure)s.") % {"measure": MEASURES[region_map.measure]},
        *_notes(overview),
        *[str(note) for note in region_map.notes],
        str(CREDIT),
    ]
    return Sheet(
        _("Kaart – %(measure)s") % {"measure": region_map.title}, columns, rows, notes=notes
    )
