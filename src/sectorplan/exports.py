"""CSV and XLSX responses from one tabular description, safe to open in a spreadsheet."""

import csv
import datetime
import io
import numbers
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe.

    Anything that is not a number, date or None is text to the CSV writer (it calls str()), so
    it is checked as text: a lazy translation, or an object whose str() is a user's title."""
    if value is not None and not isinstance(
        value, str | numbers.Number | datetime.date | datetime.time | datetime.timedelta
    ):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass
class Column:
    key: str  # the CSV header: stable, machine-readable
    title: str  # the XLSX header: for people
    number_format: str | None = None  # XLSX only; values stay exact Decimals


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[dict]  # CSV values are strings; XLSX values may be Decimal
    xlsx_rows: list[dict] | None = None
    notes: list[str] = field(default_factory=list)
    footer: dict | None = None


def _csv_cell(value):
    """The writer quotes a cell with a line feed but not one with a bare CR (our line end is
    LF), and a spreadsheet starts a new row at that CR: "Jan\r=1+1" would put a formula in
    the next row. As line feeds, such line breaks stay inside the quoted cell."""
    value = neutralise(value)
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_response(sheet: Sheet, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(c.key) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_cell(row.get(c.key, "")) for c in sheet.columns])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(sheet: Sheet, filename: str) -> HttpResponse:
    workbook = Workbook()
    worksheet = workbook.active
    # A tab name may not hold : \\ / ? * [ ] (openpyxl raises) nor be longer than 31.
    worksheet.title = re.sub(r"[:\\/?*\[\]]", " ", str(sheet.title))[:31].strip() or "Blad"
    bold = Font(bold=True)
    # openpyxl stores any text starting with "=" as a formula: the title, notes and column
    # titles may carry a user's words too (a plan's title, a filter).
    worksheet.append([neutralise(sheet.title)])
    worksheet["A1"].font = Font(bold=True, size=14)
    for note in sheet.notes:
        worksheet.append([neutralise(note)])
    worksheet.append([])
    worksheet.append([neutralise(c.title) for c in sheet.columns])
    for cell in worksheet[worksheet.max_row]:
        cell.font = bold
    body = sheet.xlsx_rows if sheet.xlsx_rows is not None else sheet.rows
    for row in [*body, *([sheet.footer] if sheet.footer else [])]:
        worksheet.append([neutralise(row.get(c.key, "")) for c in sheet.columns])
        for cell, column in zip(worksheet[worksheet.max_row], sheet.columns, strict=True):
            if column.number_format and isinstance(cell.value, int | Decimal):
                cell.number_format = column.number_format
    if sheet.footer:
        for cell in worksheet[worksheet.max_row]:
            cell.font = bold
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[worksheet.cell(row=1, column=index).column_letter].width = max(
            12, len(column.title) + 2
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sheet_response(sheet: Sheet, stem: str, fmt: str) -> HttpResponse:
    """The download a URL's `.csv` or `.xlsx` asks for; any other suffix is a 404."""
    if fmt == "csv":
        return csv_response(sheet, f"{stem}.csv")
    if fmt == "xlsx":
        return xlsx_response(sheet, f"{stem}.xlsx")
    raise Http404(_("Kies csv of xlsx."))
