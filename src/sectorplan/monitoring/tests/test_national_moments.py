"""The national report of a moment shows the progress of that moment: its map, its table, its
annex and its PDF read the progress reports submitted for that evaluation moment, not the
plans' latest. Two moments whose reports differ, each checked on its own figures.

AM19 (Holland Rijnland): first interim report 1 of 2 activities done, second 2 of 2.
AM05 (Twente): first interim report nothing done, no second report (no data then)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sectorplan.jobs.models import JobState
from sectorplan.monitoring import measures
from sectorplan.monitoring import national_report as national
from sectorplan.monitoring.models import NationalReport
from sectorplan.monitoring.report_selectors import progress_by_region, region_shares
from sectorplan.monitoring.selectors import activity_overview

from .factories import ProgressReportFactory
from .test_reports_support import INTERIM_1, INTERIM_2, reporting_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_moments(scheme, accounts):
    leiden = reporting_plan(region="AM19", title="Plan Leiden")
    twente = reporting_plan(region="AM05", company="Soweco", title="Plan Twente")
    ProgressReportFactory(plan=leiden, kind=INTERIM_1, statuses=["running", "done"])
    ProgressReportFactory(plan=leiden, kind=INTERIM_2, statuses=["done", "done"])
    ProgressReportFactory(plan=twente, kind=INTERIM_1, statuses=["not_started", "running"])
    return {"leiden": leiden, "twente": twente}


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_region_shares_is_a_pure_sum_over_the_regions_plans():
    plans = {"AM19": [1, 2], "AM05": [3], "AM01": [4]}
    tallies = {1: (1, 2), 2: (2, 2), 3: (0, 0)}
    assert region_shares(plans, tallies) == {"AM19": Decimal("0.75"), "AM05": Decimal(0)}


def test_progress_per_region_for_each_moment_and_the_latest(two_moments):
    plans = {"AM19": [two_moments["leiden"].pk], "AM05": [two_moments["twente"].pk]}
    assert progress_by_region(plans, INTERIM_1) == {"AM19": Decimal("0.5"), "AM05": Decimal(0)}
    assert progress_by_region(plans, INTERIM_2) == {"AM19": Decimal(1)}
    assert progress_by_region(plans, "final_report") is None
    assert progress_by_region(plans) == {"AM19": Decimal(1), "AM05": Decimal(0)}  # latest


def _values(region_map) -> dict[str, tuple[str, str]]:
    return {v.code: (v.value, v.class_key) for v in region_map.values if v.code in ("AM19", "AM05")}


def test_each_moments_report_maps_its_own_progress(two_moments, scheme):
    first = national.compile_data(NationalReport(scheme=scheme, kind=INTERIM_1))
    second = national.compile_data(NationalReport(scheme=scheme, kind=INTERIM_2))
    assert _values(first["progress_map"]) == {"AM19": ("50%", "C"), "AM05": ("0%", "A")}
    assert _values(second["progress_map"]) == {
        "AM19": ("100%", "D"),
        "AM05": ("nog geen gegevens", "–"),
    }
    assert "Voortgang bij de eerste tussenrapportage" in first["map_svg"]
    assert "Voortgang bij de tweede tussenrapportage" in second["map_svg"]
    # The live map (the public page) still shows each plan's latest report.
    live = measures.region_map(activity_overview(scheme), measures.PROGRESS)
    assert _values(live) == {"AM19": ("100%", "D"), "AM05": ("0%", "A")}


def test_the_pdf_and_annex_of_each_moment_hold_its_counts(two_moments, scheme):
    made = {}
    for kind in (INTERIM_1, INTERIM_2):
        report = NationalReport.objects.create(scheme=scheme, kind=kind)
        national.generate(report.pk)
        report.refresh_from_db()
        assert report.state == JobState.DONE, report.error
        made[kind] = report
    first, second = (_pdf_text(made[k].pdf) for k in (INTERIM_1, INTERIM_2))
    assert "Samengesteld uit 2 ingediende voortgangsrapportages van de 2 goedgekeurde" in first
    assert "Samengesteld uit 1 ingediende voortgangsrapportages van de 2 goedgekeurde" in second
    assert "AM19 Holland Rijnland 50% C" in first and "AM05 Twente 0% A" in first
    assert "AM19 Holland Rijnland 100% D" in second
    assert "AM05 Twente nog geen gegevens" in second and "AM05 Twente 0% A" not in second
    # Per region: activities by status (submitted / plans, not started, running, done, dropped).
    assert "AM19 Holland Rijnland 1 / 1 0 1 1 0" in first
    assert "AM19 Holland Rijnland 1 / 1 0 0 2 0" in second
    for kind, expected in ((INTERIM_1, "50%"), (INTERIM_2, "100%")):
        sheet = load_workbook(io.BytesIO(made[kind].xlsx))["Kaart"]
        rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows["AM19"][2] == expected
