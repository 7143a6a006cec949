"""The chart and the map: well-formed SVG, accessible names, one titled path per region, a
legend in words, demo figures labelled, and the same numbers in the table beside them."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sectorplan.monitoring import measures
from sectorplan.monitoring.charts import activity_chart
from sectorplan.monitoring.regionmap import NO_DATA, boundaries, region_map_svg, shapes
from sectorplan.monitoring.selectors import activity_overview
from sectorplan.registry.models import DEFAULT_REGION_SET, Region

from . import known

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _accessible_root(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    return root


@pytest.fixture
def overview(scheme):
    known.build_plans(scheme)
    return activity_overview(scheme)


def test_the_boundaries_cover_exactly_the_35_regions(scheme):
    codes = [code for code, _name, _polygons in boundaries(DEFAULT_REGION_SET)]
    assert codes == sorted(Region.objects.values_list("code", flat=True))
    drawn, height = shapes(DEFAULT_REGION_SET)
    assert len(drawn) == 35 and 500 < height < 700  # the Netherlands is taller than wide


def test_every_label_point_lies_inside_its_region(scheme):
    """Even-odd test on the projected path: a label outside would sit on a neighbour."""
    for shape in shapes(DEFAULT_REGION_SET)[0]:
        x, y = shape.label_at
        crossings = 0
        for ring in shape.path.split(" Z"):
            points = [tuple(map(float, p.split())) for p in re.findall(r"[\d.]+ [\d.]+", ring)]
            for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
                if (y0 <= y) != (y1 <= y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    crossings += 1
        assert crossings % 2 == 1, shape.code


@pytest.mark.parametrize("measure", sorted(measures.MEASURES))
def test_map_is_well_formed_with_35_titled_region_paths_and_a_legend(measure, overview):
    data = measures.region_map(overview, measure)
    root = _accessible_root(region_map_svg(DEFAULT_REGION_SET, data))
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 35
    values = {v.code: v for v in data.values}
    for path in paths:
        code = path.get("data-region")
        title = path.find(f"{SVG}title").text
        assert title.startswith(f"{code} {values[code].name}: {values[code].value}")
        assert path.get("data-class") == values[code].class_key
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    for map_class in data.classes:  # the legend in words, with the number of regions
        assert f"{map_class.label} ({len(data.members(map_class))})" in texts
    assert "Bron: CBS/PDOK" in texts
    # Not colour alone: a letter on every region that has a value, hatching for the rest.
    lettered = [t for t in texts if len(t) == 1 and t.isalpha()]
    assert len(lettered) >= sum(1 for v in data.values if v.class_key != NO_DATA)
    assert root.find(f".//{SVG}pattern") is not None


def test_types_map_classes_follow_the_counts(overview):
    data = measures.region_map(overview, measures.TYPES)
    by_code = {v.code: v for v in data.values}
    assert (by_code["AM01"].value, by_code["AM01"].class_key) == ("3", "B")  # 1-3 types
    assert (by_code["AM07"].value, by_code["AM07"].class_key) == ("0", "A")  # no activities
    assert by_code["AM04"].class_key == NO_DATA  # in review: not an approved plan
    assert by_code["AM05"].class_key == NO_DATA  # concept: never


def test_state_map_shows_the_most_advanced_counted_state(overview):
    data = measures.region_map(overview, measures.STATE)
    by_code = {v.code: v for v in data.values}
    assert by_code["AM02"].value == "Uitbetaald"  # granted and paid: paid is further
    assert by_code["AM02"].extra["plans"] == 2
    assert by_code["AM03"].value == "Afgesloten"
    assert by_code["AM05"].value == "geen plan"  # the public never learns of the concept
    assert {c.label for c in data.classes} >= {"Goedgekeurd door SZW", "Afgesloten"}
    assert "Concept" not in {c.label for c in data.classes}


def test_reservation_map_is_labelled_demo_and_shows_the_budget(overview):
    data = measures.region_map(overview, measures.RESERVATION)
    assert data.demo is True  # the quick start's SE figures are demo figures
    markup = region_map_svg(DEFAULT_REGION_SET, data)
    assert "(demogegevens)" in ET.fromstring(markup).find(f"{SVG}title").text
    assert len({v.class_key for v in data.values}) == 5  # quantiles over 35 regions
    assert all(v.value.startswith("€ ") for v in data.values)


def test_progress_map_says_there_is_no_data_yet(overview):
    data = measures.region_map(overview, measures.PROGRESS)
    assert {v.class_key for v in data.values} == {NO_DATA}
    assert data.notes and "nog geen voortgangsrapportages" in data.notes[0]


def test_quantile_classes_keep_equal_values_together():
    classes = measures.quantile_classes({"a": 1, "b": 1, "c": 1, "d": 2, "e": 9})
    assert classes["a"] == classes["b"] == classes["c"] < classes["d"] < classes["e"]
    assert measures.quantile_classes({}) == {}


def test_chart_has_one_bar_per_type_and_writes_each_number(overview):
    root = _accessible_root(activity_chart(overview))
    bars = {
        r.get("data-type"): float(r.get("width"))
        for r in root.iter(f"{SVG}rect")
        if r.get("class") == "bar"
    }
    assert len(bars) == 12
    assert bars["werk-naar-werk"] == pytest.approx(470 * 3 / 4, abs=0.1)
    assert bars["functiecreatie"] == 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "3 van 4 (75%)" in texts and "0 van 4 (0%)" in texts
    assert "begeleiding van werk naar werk: 3 van 4 (75%)" in root.find(f"{SVG}desc").text.lower()


def test_map_page_has_the_svg_the_legend_and_a_table_with_the_same_values(client, overview):
    url = reverse("monitoring:region-map", args=["sw2015"])
    html = client.get(url, {"maat": measures.STATE}).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    _accessible_root(svg)
    rows = dict(re.findall(r'<tr data-region="(AM\d\d)" data-class="([^"]+)">', html))
    assert len(rows) == 35
    data = measures.region_map(overview, measures.STATE)
    assert rows == {v.code: v.class_key for v in data.values}
    assert "Uitbetaald" in html and "@media print" not in html  # print rules live in the CSS
    assert "monitoring/monitoring.css" in html


def test_unknown_measure_falls_back_to_activity_types(client, overview):
    url = reverse("monitoring:region-map", args=["sw2015"])
    response = client.get(url, {"maat": "__class__"})
    assert response.context["measure"] == measures.TYPES


def test_chart_and_demo_notice_on_the_activity_page(client, scheme):
    built = known.build_plans(scheme)
    built["AM01"][0].__class__.objects.update(is_demo=True)
    html = client.get(reverse("monitoring:activity-map", args=["sw2015"])).content.decode()
    assert 'role="img"' in html and "(demogegevens)" in html
    assert "de telling bevat 5 demoplannen" in html
