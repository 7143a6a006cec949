"""What the map can be coloured by. Each measure gives every region a value and a class; the
map, its legend, its table and the exports all read the same RegionMap.

Plan measures use the counted plans only (the page's selection), so the public map never shows
a plan that the public may not count."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sectorplan.allocation.selectors import budget
from sectorplan.money import format_decimal, format_euro
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import MilestoneKind

from .regionmap import HATCH, NO_DATA, MapClass, RegionMap, RegionValue
from .selectors import Overview

RESERVATION, TYPES, STATE, PROGRESS = "reservering", "activiteitstypen", "status", "voortgang"
MEASURES = {
    RESERVATION: gettext_lazy("Reservering (naar rato van SE)"),
    TYPES: gettext_lazy("Aantal activiteitstypen"),
    STATE: gettext_lazy("Status van het plan"),
    PROGRESS: gettext_lazy("Voortgang"),
}
# Light to dark: ordered classes stay apart in greyscale print too.
SEQUENTIAL = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CATEGORICAL = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
QUANTILES = 5
KEYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _language() -> str:
    return get_language() or "nl"


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _sequential(count: int) -> list[str]:
    """`count` colours spread over the light-to-dark ramp, as far apart as they can be."""
    last = len(SEQUENTIAL) - 1
    if count <= 1:
        return [SEQUENTIAL[last // 2]] * count
    return [SEQUENTIAL[round(i * last / (count - 1))] for i in range(count)]


def quantile_classes(values: dict[str, int], classes: int = QUANTILES) -> dict[str, int]:
    """Class index (0-based) per key: about as many regions in each class. Equal values always
    share a class, so there may be fewer classes than asked."""
    ordered = sorted(values.values())
    n = len(ordered)
    if n == 0:
        return {}
    bounds = sorted({ordered[_ceil_div(n * i, classes) - 1] for i in range(1, classes + 1)})
    return {key: next(i for i, b in enumerate(bounds) if v <= b) for key, v in values.items()}


def _no_data(label) -> MapClass:
    return MapClass(NO_DATA, str(label), HATCH)


def _reservation(overview: Overview) -> RegionMap:
    title = str(MEASURES[RESERVATION])
    result = budget(overview.scheme)
    names = {row.code: row.name for row in overview.counts.regions}
    if overview.scheme.uses_region_weights:
        extra = [("standard_units", _("Gewicht")), ("per_unit", _("Reservering per gewicht"))]
    else:
        extra = [("standard_units", _("SE")), ("per_unit", _("Reservering per SE"))]
    if result is None:
        none = _no_data(_("Nog geen verdeling"))
        values = [RegionValue(code, name, "", NO_DATA) for code, name in names.items()]
        return RegionMap(RESERVATION, title, _("Reservering"), [none], values, extra_columns=extra)
    rows = {row.code: row for row in result.rows}
    index = quantile_classes({code: row.reserved_cents for code, row in rows.items()})
    count = max(index.values()) + 1 if index else 0
    classes = []
    for i, colour in enumerate(_sequential(count)):
        members = [rows[code].reserved_cents for code, at in index.items() if at == i]
        label = (
            f"{format_euro(min(members), _language())} – {format_euro(max(members), _language())}"
        )
        classes.append(MapClass(KEYS[i], label, colour))
    values = []
    for code, name in names.items():
        row = rows.get(code)
        if row is None:
            values.append(RegionValue(code, name, "", NO_DATA))
            continue
        per_unit = (
            format_euro(
                int((row.reserved_cents / row.standard_units).to_integral_value(ROUND_HALF_UP)),
                _language(),
            )
            if row.standard_units
            else ""
        )
        values.append(
            RegionValue(
                code,
                name,
                format_euro(row.reserved_cents, _language()),
                KEYS[index[code]],
                {
                    "standard_units": format_decimal(row.standard_units, 2, _language()),
                    "per_unit": per_unit,
                },
            )
        )
    if any(v.class_key == NO_DATA for v in values):
        classes.append(_no_data(_("Geen reservering")))
    if overview.scheme.uses_region_weights:
        notes = [
            _(
                "De reservering volgt het gewicht dat de regeling de regio geeft (bron: "
                "%(source)s): per gewicht is zij in elke regio op afronding na gelijk."
            )
            % {"source": overview.scheme.weights_source}
        ]
    else:
        notes = [
            _(
                "De reservering volgt de SE van de regio: per SE is zij in elke regio op afronding "
                "na gelijk. Daarom kleurt de kaart naar de reservering zelf; de tabel geeft ook "
                "het bedrag per SE."
            )
        ]
    if result.is_demo:
        notes.append(
            _(
                "Demogegevens: geen officiële cijfers. De gewichten en dus de bedragen zijn een "
                "voorbeeld."
            )
            if overview.scheme.uses_region_weights
            else _(
                "Demogegevens: geen officiële cijfers. De SE-cijfers en dus de bedragen zijn "
                "verzonnen."
            )
        )
    return RegionMap(
        RESERVATION,
        title,
        _("Reservering"),
        classes,
        values,
        notes,
        demo=result.is_demo,
        extra_columns=extra,
    )


def _bins(total: int, parts: int = 4) -> list[tuple[int, int]]:
    """1..total in `parts` ranges of equal width (the last may be shorter)."""
    width = max(1, _ceil_div(total, parts))
    return [(low, min(total, low + width - 1)) for low in range(1, total + 1, width)]


def _types(overview: Overview) -> RegionMap:
    """Bands of equal width over 1..number of types; a plan without activities is its own
    class, and so is a region without a counted plan."""
    counts = overview.counts
    bins = _bins(len(counts.types))
    colours = _sequential(len(bins))
    classes = [MapClass("A", _("0 typen (plan zonder activiteiten)"), "#ffffff")]
    for i, (low, high) in enumerate(bins):
        label = str(low) if low == high else f"{low}–{high}"
        classes.append(MapClass(KEYS[i + 1], _("%(range)s typen") % {"range": label}, colours[i]))
    classes.append(_no_data(_("Geen plan in deze selectie")))
    values = []
    for region in counts.regions:
        number = len(region.type_pks)
        if not region.counted:
            key, text = NO_DATA, _("geen plan")
        else:
            band = next((i + 1 for i, (lo, hi) in enumerate(bins) if lo <= number <= hi), 0)
            key, text = KEYS[band], str(number)
        values.append(
            RegionValue(region.code, region.name, text, key, {"plans": len(region.plans)})
        )
    return RegionMap(
        TYPES,
        str(MEASURES[TYPES]),
        _("Activiteitstypen"),
        classes,
        values,
        demo=overview.is_demo,
        extra_columns=[("plans", _("Plannen"))],
    )


def _state(overview: Overview) -> RegionMap:
    """The most advanced state of the region's counted plans, in the order of the workflow."""
    order = [state for state in PlanState if state.value in overview.states]
    classes = [
        MapClass(KEYS[i], str(state.label), CATEGORICAL[i % len(CATEGORICAL)])
        for i, state in enumerate(order)
    ]
    classes.append(_no_data(_("Geen plan in deze selectie")))
    values = []
    for region in overview.counts.regions:
        if not region.counted:
            values.append(
                RegionValue(region.code, region.name, _("geen plan"), NO_DATA, {"plans": 0})
            )
            continue
        furthest = max(order.index(PlanState(plan.state)) for plan in region.plans)
        values.append(
            RegionValue(
                region.code,
                region.name,
                str(order[furthest].label),
                KEYS[furthest],
                {"plans": len(region.plans)},
            )
        )
    return RegionMap(
        STATE,
        str(MEASURES[STATE]),
        _("Verste status"),
        classes,
        values,
        demo=overview.is_demo,
        extra_columns=[("plans", _("Plannen"))],
        value_is_number=False,
    )


def region_progress(overview: Overview, kind: str | None = None) -> dict[str, Decimal] | None:
    """Hook for the progress reports: per region code the share (0..1) of its counted plans'
    activities reported done. None while no progress report exists: the map then says "nog
    geen gegevens" instead of showing zeros that would read as "nothing done".

    With no `kind`, read from each counted plan's latest submitted progress report (final over
    interim 2 over interim 1): the live map. With a kind, from the reports of that evaluation
    moment only: the national report of that moment shows the progress as it was then. A
    region without such a report is left out (shown as no data). Dropped activities count as
    not done."""
    from .report_selectors import progress_by_region

    return progress_by_region(
        {
            region.code: [plan.pk for plan in region.plans]
            for region in overview.counts.regions
            if region.counted
        },
        kind,
    )


def _progress(overview: Overview, kind: str | None = None) -> RegionMap:
    progress = region_progress(overview, kind)
    none = _no_data(_("Nog geen gegevens"))
    title, value_title = str(MEASURES[PROGRESS]), _("Voortgang")
    moment = []
    if kind is not None:
        label = str(MilestoneKind(kind).label)
        title = _("Voortgang bij de %(moment)s") % {"moment": label.lower()}
        moment = [
            _(
                "Gekleurd naar de voortgangsrapportages van de %(moment)s: per regio het aandeel "
                "activiteiten dat toen afgerond was."
            )
            % {"moment": label.lower()}
        ]
    if progress is None:
        values = [
            RegionValue(r.code, r.name, _("nog geen gegevens"), NO_DATA)
            for r in overview.counts.regions
        ]
        notes = [_("Er zijn nog geen voortgangsrapportages, dus nog geen voortgang om te tonen.")]
        return RegionMap(PROGRESS, title, value_title, [none], values, [*moment, *notes])
    classes = [
        MapClass(KEYS[i], f"{25 * i}–{25 * (i + 1)}%", colour)
        for i, colour in enumerate(_sequential(4))
    ]
    classes.append(none)
    values = []
    for region in overview.counts.regions:
        done = progress.get(region.code)
        if done is None:
            values.append(RegionValue(region.code, region.name, _("nog geen gegevens"), NO_DATA))
            continue
        percent = format_decimal(done * 100, 0, _language())
        values.append(
            RegionValue(region.code, region.name, f"{percent}%", KEYS[min(3, int(done * 4))])
        )
    return RegionMap(PROGRESS, title, value_title, classes, values, moment, demo=overview.is_demo)


def progress_map(overview: Overview, kind: str) -> RegionMap:
    """The progress map at one evaluation moment (the national report of that moment)."""
    return _progress(overview, kind)


BUILDERS = {RESERVATION: _reservation, TYPES: _types, STATE: _state, PROGRESS: _progress}


def region_map(overview: Overview, measure: str) -> RegionMap:
    return BUILDERS[measure](overview)
