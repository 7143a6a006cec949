"""Exports neutralise spreadsheet formulas: every text cell a user wrote (plan titles, activity
descriptions, meeting notes, contact names, reasons) that starts with = + - @ tab or CR gets a
leading apostrophe in CSV and XLSX, so a spreadsheet shows it instead of running it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.functional import lazy
from openpyxl import load_workbook

from sectorplan.audit.services import record
from sectorplan.exports import (
    FORMULA_PREFIXES,
    Column,
    Sheet,
    csv_response,
    neutralise,
    xlsx_response,
)
from sectorplan.meetings.tests.world import build_plans
from sectorplan.plans.models import Participant

HOSTILE = [
    '=HYPERLINK("http://evil.example","klik")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


class Titled:
    """An object whose str() is a user's text, as a model instance in a row would be."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


@pytest.mark.parametrize("text", HOSTILE)
def test_every_dangerous_prefix_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise(lazy(lambda: text, str)()) == "'" + text
    assert neutralise(Titled(text)) == "'" + text


@pytest.mark.parametrize(
    "value", [None, 0, -5, 12.5, "Leiden", "'=al veilig", "a=b", datetime.date(2015, 7, 1)]
)
def test_safe_values_are_left_alone(value):
    assert neutralise(value) == value


def test_the_prefixes_are_the_documented_ones():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


def csv_cells(response) -> list[str]:
    rows = csv.reader(io.StringIO(response.content.decode("utf-8"), newline=""))
    return [cell for row in rows for cell in row]


def xlsx_cells(response) -> list:
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert formulas == [], f"formula cells: {formulas}"
    return [cell.value for cell in cells if cell.value is not None]


def _lines(text: str) -> str:
    # A line break inside a cell comes back as LF (CSV writes it so; XML reads CR as LF).
    return text.replace("\r\n", "\n").replace("\r", "\n")


def assert_neutral(cells, hostile=HOSTILE) -> None:
    """No text cell starts a formula, and each hostile text is there, defused."""
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert not [cell for cell in texts if cell.startswith(FORMULA_PREFIXES)]
    for text in hostile:
        assert any(cell == "'" + _lines(text) for cell in texts), text


def test_a_line_break_inside_a_cell_cannot_start_a_row_with_a_formula():
    """Excel starts a new row at a bare CR in an unquoted CSV cell."""
    sheet = Sheet("t", [Column("name", "Naam")], [{"name": "Jan\r=HYPERLINK(1)"}])
    raw = csv_response(sheet, "x.csv").content.decode()
    assert "\r" not in raw
    assert csv_cells(csv_response(sheet, "x.csv")) == ["name", "Jan\n=HYPERLINK(1)"]


def test_the_sheet_writers_neutralise_cells_title_notes_and_headers():
    sheet = Sheet(
        title=HOSTILE[0],
        columns=[Column("a", HOSTILE[1]), Column(HOSTILE[2], "B")],
        rows=[{"a": text, HOSTILE[2]: Titled(text)} for text in HOSTILE],
        notes=[HOSTILE[3]],
    )
    assert_neutral(csv_cells(csv_response(sheet, "x.csv")))
    assert_neutral(xlsx_cells(xlsx_response(sheet, "x.xlsx")))


@pytest.fixture
def world(accounts, demo_date, settings, tmp_path):
    """Plans in every state, with hostile text where users write it."""
    settings.MEDIA_ROOT = tmp_path
    demo_date(datetime.date(2016, 2, 1))
    plans = build_plans()
    plan = plans["leiden"]
    Participant.objects.filter(contact_name="Anna de Boer").update(contact_name=HOSTILE[0])
    Participant.objects.filter(contact_name="Bert Mol").update(contact_phone=HOSTILE[1])
    # What the services record when a user writes a plan title, an activity and meeting notes.
    record(
        action="plan.changed",
        obj=plan,
        object_label=HOSTILE[2],
        actor=accounts["bedrijf-dzb-leiden"],
        scope=f"plan:{plan.pk}",
        reason=HOSTILE[3],
    )
    record(
        action="activity.created",
        object_type="plans.activity",
        object_id="1",
        object_label=HOSTILE[4],
        actor=accounts["bedrijf-dzb-leiden"],
        scope=f"plan:{plan.pk}",
        after={"description": HOSTILE[0]},
    )
    record(
        action="meeting.attendance",
        object_type="meetings.meeting",
        object_id="1",
        object_label=HOSTILE[5],
        actor=accounts["cedris-medewerker"],
        scope="meeting:1",
        reason=HOSTILE[1],
    )
    return plans


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_real_exports_neutralise_what_users_wrote(client, accounts, world, fmt):
    cells = csv_cells if fmt == "csv" else xlsx_cells
    client.force_login(accounts["cedris-medewerker"])
    directory = client.get(reverse("meetings:directory-export", args=[fmt]))
    assert_neutral(cells(directory), HOSTILE[:2])
    timeline = client.get(reverse("assessment:timeline-export", args=[world["leiden"].pk, fmt]))
    assert_neutral(cells(timeline), [HOSTILE[2], HOSTILE[3], HOSTILE[4]])
    client.force_login(accounts["cedris"])
    log = client.get(reverse("audit:export", args=[fmt]))
    assert log.status_code == 200
    assert_neutral(cells(log), HOSTILE[2:])
