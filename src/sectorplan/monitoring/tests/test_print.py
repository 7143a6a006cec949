"""Issue 5 item 3: the map offers all four measures, each picture has a text alternative and a
table with the same numbers, on the page and in the national report, and both print well."""

import re
from importlib import resources

import pytest
from django.urls import reverse

from sectorplan.monitoring import measures
from sectorplan.monitoring import national_report as national
from sectorplan.monitoring.models import NationalReport

from . import known
from .test_national_moments import two_moments  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _print_rules(css: str) -> str:
    start = css.index("@media print")
    return css[start:]


def test_the_monitoring_css_prints_the_pictures_whole_and_in_colour_without_the_controls():
    css = (
        resources.files("sectorplan.monitoring") / "static/monitoring/monitoring.css"
    ).read_text()
    rules = _print_rules(css)
    assert re.search(r"\.monitoring-choices \{ display: none; \}", rules)
    assert "print-color-adjust: exact" in rules
    assert re.search(r"\.monitoring-figure \{[^}]*break-inside: avoid", rules)
    assert re.search(r"\.monitoring-map \{ display: block; \}", rules)  # map above its table


def test_the_map_page_offers_the_four_measures(client, scheme):
    known.build_plans(scheme)
    html = client.get(reverse("monitoring:region-map", args=["sw2015"])).content.decode()
    offered = re.findall(r'<option value="([^"]+)"', html)
    assert offered == [measures.RESERVATION, measures.TYPES, measures.STATE, measures.PROGRESS]
    for label in (
        "Reservering (naar rato van SE)",
        "Aantal activiteitstypen",
        "Status van het plan",
        "Voortgang",
    ):
        assert label in html


@pytest.mark.parametrize("measure", sorted(measures.MEASURES))
def test_every_measure_has_a_figure_caption_and_a_table_row_per_region(client, scheme, measure):
    known.build_plans(scheme)
    url = reverse("monitoring:region-map", args=["sw2015"])
    html = client.get(url, {"maat": measure}).content.decode()
    assert "<figcaption>" in html and 'aria-labelledby="region-map-title region-map-desc"' in html
    assert len(re.findall(r'<tr data-region="AM\d\d"', html)) == 35


def test_the_national_reports_pictures_have_text_and_a_table(two_moments, scheme):  # noqa: F811
    html = national.render_html(
        national.compile_data(NationalReport(scheme=scheme, kind="interim_report_1"))
    )
    for prefix in ("nr-chart", "nr-map"):
        assert f'aria-labelledby="{prefix}-title {prefix}-desc"' in html
    assert len(re.findall(r'<tr data-region="AM\d\d"', html)) == 35  # the map's table
    assert "<figcaption>Voortgang bij de eerste tussenrapportage." in html
