"""Every table of the activity map as CSV and XLSX, with the page's numbers."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from sectorplan.monitoring import measures
from sectorplan.monitoring.selectors import activity_overview, overview_json

from . import known

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(scheme):
    return known.build_plans(scheme)


def _csv(client, table, **query) -> list[dict]:
    response = client.get(
        reverse("monitoring:activity-map-export", args=["sw2015", table, "csv"]), query
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _xlsx(client, table, **query):
    response = client.get(
        reverse("monitoring:activity-map-export", args=["sw2015", table, "xlsx"]), query
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_types_csv_matches_the_json(client, scheme, plans):
    rows = _csv(client, "activiteiten")
    data = overview_json(activity_overview(scheme))
    assert [
        (r["code"], int(r["regions"]), r["share"], int(r["plans"]), r["region_codes"].split())
        for r in rows
    ] == [
        (t["code"], t["regions"], t["share"], t["plans"], t["region_codes"])
        for t in data["activity_types"]
    ]
    assert {r["regions_counted"] for r in rows} == {"4"}
    assert {r["demo"] for r in rows} == {"nee"}


def test_matrix_csv_has_35_rows_of_ones_and_zeros(client, plans):
    rows = {r["code"]: r for r in _csv(client, "matrix")}
    assert len(rows) == 35
    assert rows["AM02"]["plans"] == "2" and rows["AM02"]["types"] == "3"
    assert rows["AM02"]["werk-naar-werk"] == "1" and rows["AM02"]["passend-werk"] == "0"
    assert rows["AM05"]["werk-naar-werk"] == "0"  # a concept never counts
    assert rows["AM04"]["plans"] == "0"


def test_matrix_xlsx_has_notes_the_counts_and_a_total_row(client, plans):
    sheet = _xlsx(client, "matrix")
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Regio x activiteitstype"
    assert any("Een regio telt één keer" in str(row[0]) for row in values[:5])
    header = next(i for i, row in enumerate(values) if row[0] == "Code")
    body = values[header + 1 : header + 36]
    assert [row[0] for row in body][:2] == ["AM01", "AM02"]
    footer = values[header + 36]
    assert footer[1] == "Aantal regio's" and footer[2] == 5  # plans counted
    assert footer[3] == 3  # werk-naar-werk in AM01, AM02, AM03


def test_types_xlsx_has_numbers_and_percent_format(client, plans):
    sheet = _xlsx(client, "activiteiten")
    rows = list(sheet.iter_rows())
    header = next(i for i, row in enumerate(rows) if row[0].value == "Thema")
    first = rows[header + 1]
    assert first[3].value == "werk-naar-werk" and first[5].value == 3
    assert first[7].value == pytest.approx(0.75) and first[7].number_format == "0%"


@pytest.mark.parametrize("measure", sorted(measures.MEASURES))
def test_map_table_csv_per_measure(client, scheme, plans, measure):
    rows = _csv(client, "kaart", maat=measure)
    data = measures.region_map(activity_overview(scheme), measure)
    assert [(r["code"], r["value"], r["class"]) for r in rows] == [
        (v.code, v.value, v.class_key) for v in data.values
    ]
    if measure == measures.RESERVATION:
        assert {r["demo"] for r in rows} == {"ja"}
        assert all(r["per_unit"].startswith("€ ") for r in rows)


def test_map_xlsx_credits_the_boundaries(client, plans):
    sheet = _xlsx(client, "kaart", maat=measures.STATE)
    notes = [row[0] for row in sheet.iter_rows(values_only=True)][:8]
    assert "Bron: CBS/PDOK" in notes


def test_submitted_selection_reaches_the_export(client, accounts, plans):
    client.force_login(accounts["cedris"])
    rows = {r["code"]: r for r in _csv(client, "matrix", plannen="ingediend")}
    assert rows["AM04"]["plans"] == "1"


@pytest.mark.parametrize("table,fmt", [("plannen", "csv"), ("matrix", "pdf")])
def test_unknown_table_or_format_is_404(client, scheme, table, fmt):
    url = reverse("monitoring:activity-map-export", args=["sw2015", table, fmt])
    assert client.get(url).status_code == 404
