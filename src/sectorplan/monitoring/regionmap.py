"""The map of the labour-market regions, drawn as SVG on the server from the scheme's CBS
boundaries (`sectorplan/data/<slug>/*.geojson`): no map service, no tiles, no script.

Projection: equirectangular with the longitude scaled by cos(52°), the latitude through the
middle of the Netherlands; at national scale the distortion is invisible and it needs no
library. The CBS file is already generalised for national maps, so it is drawn as it is.

Each region carries the number of its class as a label and a <title>; the classes have a text
legend, and "no data" is hatched, so the map never relies on colour alone."""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.registry.models import DEFAULT_REGION_SET

from . import svg

MAP_WIDTH = 480
LEGEND_X = 8
WIDTH = MAP_WIDTH
COS_LAT = math.cos(math.radians(52))
NO_DATA = "–"
HATCH = "hatch"
# CC BY 4.0 asks for the credit wherever the map is shown; in the reader's language.
CREDIT = gettext_lazy("Bron: CBS/PDOK")


@dataclass(frozen=True)
class MapClass:
    key: str  # a letter on the regions of this class and in the legend (a digit would read as
    # a value); NO_DATA for "no data", which is hatched instead
    label: str
    fill: str  # a colour, or HATCH


@dataclass(frozen=True)
class RegionValue:
    code: str
    name: str
    value: str  # as the table shows it
    class_key: str
    extra: dict = field(default_factory=dict)  # further columns of the table, by key


@dataclass(frozen=True)
class RegionMap:
    measure: str
    title: str
    value_title: str
    classes: list[MapClass]
    values: list[RegionValue]
    notes: list[str] = field(default_factory=list)
    demo: bool = False
    extra_columns: list[tuple[str, str]] = field(default_factory=list)
    value_is_number: bool = True  # numbers align right in the table, words left

    def class_of(self, value: RegionValue) -> MapClass:
        return next(c for c in self.classes if c.key == value.class_key)

    def members(self, map_class: MapClass) -> list[RegionValue]:
        return [v for v in self.values if v.class_key == map_class.key]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str
    label_at: tuple[float, float]


def _boundary_files(region_set: str) -> list:
    """A map is drawn per set of regions (issue 18): the 2015 boundaries lie beside the 2015
    data, a later set's in its own folder, if its source gave them."""
    if region_set == DEFAULT_REGION_SET:
        directory = resources.files("sectorplan.data") / "sw2015"
    else:
        directory = resources.files("sectorplan.data") / "region_sets" / region_set
    if directory.is_dir():
        return sorted(f for f in directory.iterdir() if f.name.endswith(".geojson"))
    return []


@lru_cache(maxsize=4)
def boundaries(region_set: str) -> tuple[tuple[str, str, tuple], ...]:
    """(code, CBS name, polygons) per region; polygons are lists of rings of (lon, lat)."""
    files = _boundary_files(region_set)
    if not files:
        return ()
    data = json.loads(files[0].read_text(encoding="utf-8"))
    result = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        props = feature["properties"]
        result.append((props["statcode"], props["statnaam"], tuple(polygons)))
    return tuple(sorted(result))


def _edges(ring):
    """Each side of a ring as ((x0, y0), (x1, y1)), the last back to the first point."""
    return zip(ring, ring[1:] + ring[:1], strict=True)


def _area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in _edges(ring)) / 2


def _label_point(rings) -> tuple[float, float]:
    """A point inside the polygon: on the horizontal through the outer ring's centroid, the
    middle of the widest stretch inside (a centroid alone can fall outside a curved region)."""
    outer = rings[0]
    area = _area(outer) or 1e-9
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in _edges(outer)) / (6 * area)
    cy += 1e-6  # never exactly through a vertex
    crossings = sorted(
        x0 + (cy - y0) * (x1 - x0) / (y1 - y0)
        for ring in rings
        for (x0, y0), (x1, y1) in _edges(ring)
        if (y0 <= cy) != (y1 <= cy)
    )
    stretches = list(zip(crossings[::2], crossings[1::2], strict=True))
    if not stretches:
        xs = [x for x, _y in outer]
        return (min(xs) + max(xs)) / 2, cy
    left, right = max(stretches, key=lambda s: s[1] - s[0])
    return (left + right) / 2, cy


def has_boundaries(region_set: str) -> bool:
    return bool(boundaries(region_set))


@lru_cache(maxsize=4)
def shapes(region_set: str) -> tuple[tuple[Shape, ...], float]:
    """Projected paths and label points per region, and the map's height."""
    regions = boundaries(region_set)
    points = [pt for _c, _n, polys in regions for poly in polys for ring in poly for pt in ring]
    if not points:
        return (), 0.0
    west = min(lon for lon, _lat in points)
    east = max(lon for lon, _lat in points)
    north = max(lat for _lon, lat in points)
    south = min(lat for _lon, lat in points)
    scale = (MAP_WIDTH - 10) / ((east - west) * COS_LAT)

    def project(lon, lat):
        return (5 + (lon - west) * COS_LAT * scale, 5 + (north - lat) * scale)

    result = []
    for code, name, polygons in regions:
        projected = [[[project(*pt) for pt in ring] for ring in poly] for poly in polygons]
        path = " ".join(
            "M" + " L".join(f"{svg.number(x)} {svg.number(y)}" for x, y in ring) + " Z"
            for poly in projected
            for ring in poly
        )
        largest = max(projected, key=lambda poly: abs(_area(poly[0])))
        result.append(Shape(code, name, path, _label_point(largest)))
    return tuple(result), 10 + (north - south) * scale


def _fill(map_class: MapClass, id_prefix: str) -> str:
    return f"url(#{id_prefix}-{HATCH})" if map_class.fill == HATCH else map_class.fill


def description(region_map: RegionMap) -> str:
    parts = [
        _("Kaart van de %(count)s arbeidsmarktregio's, gekleurd naar: %(measure)s.")
        % {"count": len(region_map.values), "measure": region_map.title}
    ]
    for map_class in region_map.classes:
        members = region_map.members(map_class)
        parts.append(
            _("%(key)s %(label)s: %(count)s regio's.")
            % {"key": map_class.key, "label": map_class.label, "count": len(members)}
        )
    parts += [str(note) for note in region_map.notes]
    if region_map.demo:
        parts.append(_("Demogegevens: geen officiële cijfers."))
    parts.append(_("De tabel bij de kaart geeft de waarde per regio."))
    return " ".join(parts)


def region_map_svg(region_set: str, region_map: RegionMap, id_prefix: str = "region-map") -> str:
    """The map of a set of regions with its legend; regions missing from the boundaries file
    are left out, and a set without boundaries says so where the map would be."""
    drawn, map_height = shapes(region_set)
    if not drawn:
        map_height = 40.0
    values = {v.code: v for v in region_map.values}
    title = _("Arbeidsmarktregio's: %(measure)s") % {"measure": region_map.title}
    if region_map.demo:
        title += " " + _("(demogegevens)")
    legend_top = map_height + 16
    height = legend_top + 32 + 24 * len(region_map.classes) + 24
    out = svg.open_svg(id_prefix, WIDTH, height, title, description(region_map))
    out.append(
        f'<defs><pattern id="{id_prefix}-{HATCH}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{svg.BORDER}" stroke-width="1.5"/>'
        f"</pattern></defs>"
    )
    labels = []
    if not drawn:
        missing = _("Geen grenzen bij deze regio-indeling: zie de tabel.")
        out.append(f'<text x="8" y="24" font-size="14">{svg.text(missing)}</text>')
    for shape in drawn:
        value = values.get(shape.code)
        if value is None:
            continue
        map_class = region_map.class_of(value)
        fill = _fill(map_class, id_prefix)
        out.append(
            f'<path class="region" data-region="{svg.text(shape.code)}" '
            f'data-class="{svg.text(map_class.key)}" d="{shape.path}" fill="{fill}" '
            f'fill-rule="evenodd" stroke="{svg.TEXT}" stroke-width="0.6">'
            f"<title>{svg.text(shape.code)} {svg.text(value.name)}: {svg.text(value.value)}"
            f"</title></path>"
        )
        if map_class.key != NO_DATA:
            x, y = shape.label_at
            labels.append(
                f'<text x="{svg.number(x)}" y="{svg.number(y + 4)}" text-anchor="middle" '
                f'font-size="11" font-weight="700" stroke="#ffffff" stroke-width="3" '
                f'paint-order="stroke" aria-hidden="true">{svg.text(map_class.key)}</text>'
            )
    out += labels
    y = legend_top + 16
    out.append(
        f'<text x="{LEGEND_X}" y="{y}" font-size="14" font-weight="700">'
        f"{svg.text(region_map.title)}</text>"
    )
    y += 16
    for map_class in region_map.classes:
        fill = _fill(map_class, id_prefix)
        out += [
            f'<rect x="{LEGEND_X}" y="{y}" width="28" height="18" fill="{fill}" '
            f'stroke="{svg.TEXT}" stroke-width="0.8"/>',
            f'<text x="{LEGEND_X + 14}" y="{y + 13}" text-anchor="middle" font-size="11" '
            f'font-weight="700" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f"{svg.text('' if map_class.key == NO_DATA else map_class.key)}</text>",
            f'<text x="{LEGEND_X + 36}" y="{y + 13}" font-size="12">'
            f"{svg.text(map_class.label)} ({len(region_map.members(map_class))})</text>",
        ]
        y += 24
    if drawn:  # the boundaries' source; a set without them draws none
        credit = svg.text(CREDIT)
        out.append(f'<text x="5" y="{svg.number(height - 8)}" font-size="11">{credit}</text>')
    out.append("</svg>")
    return "\n".join(out)
