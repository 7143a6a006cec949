"""Read the CSV files users give us: plain comma-separated, or as Excel saves them in Dutch.

Pure Python (no Django), so the web upload, the command line and tests share one reader.

Two dialects are accepted, told apart by the header line:

* comma-separated, decimal point: ``code,name,weight`` / ``AM01,Groningen,1234.5``
* semicolon- (or tab-) separated, decimal comma, as Excel writes with Dutch regional settings:
  ``code;naam;se`` / ``AM01;Groningen;1.234,5`` (the point only groups thousands)

The text is UTF-8 (with or without BOM) or, failing that, Windows-1252 (what Excel calls
"CSV (gescheiden door lijstscheidingsteken)"). Anything else is refused rather than guessed.
Numbers that could be read two ways (``1,500`` in a comma file, ``1.5`` in a semicolon file)
are refused too: a wrong guess would silently change an amount by a factor of a thousand.

Errors are TabularError with a Dutch message that names the file line and the column. The
messages are marked for makemessages with a local no-op gettext_noop (this module imports no
Django); where an error reaches a person, TabularError.translated(gettext) gives it in the
active language.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["MAX_NUMBER_LENGTH", "Row", "Table", "TabularError", "parse_decimal", "read_table"]

# Longer "numbers" are refused: no count or amount needs them, and converting a
# multi-megabyte digit string would only burn time.
MAX_NUMBER_LENGTH = 100

_DELIMITERS = (";", "\t", ",")  # in order of preference when the header is ambiguous
_SEP_LINE = re.compile(r"sep=([;,\t])", re.IGNORECASE)
_POINT_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_COMMA_NUMBER = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,[0-9]+)?")


def gettext_noop(message: str) -> str:
    """Marks a Dutch message (the msgid) for makemessages; translated by the caller."""
    return message


class Either(tuple):
    """Alternatives in a message: "'se' of 'weight'", with "of" in the message's language."""


_OR = gettext_noop("of")  # between alternatives: "'se' of 'weight'"


def _render(template: str, params: dict, gettext) -> str:
    if not params:
        return gettext(template)
    separator = " " + gettext(_OR) + " "
    values = {
        key: separator.join("'" + item + "'" for item in value)
        if isinstance(value, Either)
        else value
        for key, value in params.items()
    }
    return gettext(template) % values


def _same(message: str) -> str:
    return message


class TabularError(ValueError):
    """A file we cannot read. line: 1-based physical file line or None; column: the column's
    header as written in the file (or the caller's name for it) or None; message: the bare
    Dutch message (template % params). str() adds "Regel 4, kolom 'se': " in front;
    translated(gettext) gives the same in the language of that gettext."""

    # line, column and params may be given by position too, so the error survives pickling.
    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: str | None = None,
        params: dict | None = None,
    ):
        self.template = message
        self.params = dict(params or {})
        self.message = _render(message, self.params, _same)
        self.line = line
        self.column = column
        super().__init__(message, line, column, params)

    def __str__(self) -> str:
        return self.translated(_same)

    def translated(self, gettext) -> str:
        message = _render(self.template, self.params, gettext)
        place = {"line": self.line, "column": self.column, "message": message}
        if self.line is not None and self.column is not None:
            return gettext(gettext_noop("Regel %(line)s, kolom '%(column)s': %(message)s")) % place
        if self.line is not None:
            return gettext(gettext_noop("Regel %(line)s: %(message)s")) % place
        if self.column is not None:
            return gettext(gettext_noop("Kolom '%(column)s': %(message)s")) % place
        return message


@dataclass(frozen=True)
class Row:
    line: int  # physical line in the file where the row starts (1 = first line)
    values: dict[str, str]  # canonical column name -> stripped cell text


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    delimiter: str
    decimal_comma: bool
    # canonical column name -> the header as written in the file, for error messages
    headers: dict[str, str] = field(default_factory=dict)


def read_table(
    data: bytes,
    columns: dict[str, tuple[str, ...]],
    *,
    required: Iterable[str] | None = None,
    max_bytes: int = 5_000_000,
) -> Table:
    """Parse a CSV file into rows of canonical column name -> stripped text.

    columns maps each canonical name to the header spellings accepted for it (compared
    case-insensitively, surrounding spaces ignored); other columns in the file are ignored.
    required: the canonical names that must be present and non-blank in every row
    (default: all of them). Optional columns missing from the file are absent from
    Row.values. Fully blank lines (also ";;;" lines Excel leaves) are skipped.
    """
    required = set(columns if required is None else required)
    unknown = required - set(columns)
    if unknown:
        raise ValueError(f"required names unknown columns: {sorted(unknown)}")
    if len(data) > max_bytes:
        raise TabularError(
            gettext_noop("Het bestand is te groot: %(size)s bytes, hoogstens %(max)s."),
            params={"size": _thousands(len(data)), "max": _thousands(max_bytes)},
        )
    text = _decode(bytes(data))
    header_text = next(_nonblank_lines(text), None)
    if header_text is None:
        raise TabularError(gettext_noop("Het bestand is leeg."))
    # Excel reads (and some tools write) a first line "sep=;" that names the separator.
    declared = _SEP_LINE.fullmatch(header_text.strip("\r\n"))
    if declared:
        delimiter = declared.group(1)
    else:
        delimiter = _detect_delimiter(header_text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows_iter = _physical_rows(reader)
    if declared:
        next(rows_iter)  # the sep= line itself
    first = next(rows_iter, None)
    if first is None:  # e.g. only quoted empty cells
        raise TabularError(gettext_noop("Het bestand is leeg."))
    header_line, header = first
    positions, headers = _match_header(header, header_line, columns, required, delimiter)

    rows: list[Row] = []
    for line, cells in rows_iter:
        if len(cells) != len(header):
            raise TabularError(
                _FIELD_COUNT[delimiter],
                line=line,
                params={"expected": len(header), "found": len(cells)},
            )
        values = {name: cells[i].strip() for name, i in positions.items()}
        for name in columns:  # in the caller's order, so the first problem is reported
            if name in required and not values[name]:
                raise TabularError(
                    gettext_noop("deze cel is leeg."), line=line, column=headers[name]
                )
        rows.append(Row(line=line, values=values))
    if not rows:
        raise TabularError(gettext_noop("Het bestand bevat alleen een kopregel en geen gegevens."))
    return Table(rows=rows, delimiter=delimiter, decimal_comma=delimiter != ",", headers=headers)


def parse_decimal(text: str, *, table: Table, line: int, column: str) -> Decimal:
    """Read a number written in the table's dialect; column is the canonical name.

    A decimal-point table accepts 1234 and 1234.5; a decimal-comma table accepts 1234,
    1234,5 and 1.234,5 (points only as thousands separators). A leading minus sign is
    accepted, so that callers can refuse negatives with a message of their own.
    Raises TabularError naming the line and the column (as headed in the file).
    """
    text = text.strip()
    name = table.headers.get(column, column)
    shown = text if len(text) <= 40 else text[:37] + "..."
    if len(text) > MAX_NUMBER_LENGTH:
        raise TabularError(
            gettext_noop("'%(text)s' is geen getal: te lang (meer dan %(max)s tekens)."),
            line=line,
            column=name,
            params={"text": shown, "max": MAX_NUMBER_LENGTH},
        )
    if table.decimal_comma:
        if _COMMA_NUMBER.fullmatch(text):
            return Decimal(text.replace(".", "").replace(",", "."))
        message = (
            gettext_noop(
                "'%(text)s' is geen getal dat eenduidig te lezen is. Dit bestand gebruikt een "
                "decimale komma (1234,5); een punt mag alleen duizendtallen scheiden (1.234,5)."
            )
            if "." in text
            else gettext_noop(
                "'%(text)s' is geen getal dat eenduidig te lezen is. "
                "Verwacht een getal zoals 1234 of 1234,5."
            )
        )
    else:
        if _POINT_NUMBER.fullmatch(text):
            return Decimal(text)
        message = (
            gettext_noop(
                "'%(text)s' is geen getal dat eenduidig te lezen is. Dit bestand is "
                "kommagescheiden, dus decimalen staan na een punt (1234.5) en duizendtallen "
                "worden niet gescheiden."
            )
            if "," in text
            else gettext_noop(
                "'%(text)s' is geen getal dat eenduidig te lezen is. "
                "Verwacht een getal zoals 1234 of 1234.5."
            )
        )
    raise TabularError(message, line=line, column=name, params={"text": shown})


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise TabularError(
            gettext_noop(
                "Dit is geen CSV-bestand maar een Excel-werkmap (of een ander zip-bestand). "
                "Sla het in Excel op als 'CSV (gescheiden door lijstscheidingsteken)'."
            )
        )
    unreadable = TabularError(
        gettext_noop(
            "Onleesbare tekencodering: sla het bestand op als CSV in UTF-8 of Windows-1252."
        )
    )
    # NUL bytes mean UTF-16/32 or a binary file; either way not text we can read safely.
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise unreadable
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            raise unreadable from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Python's cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined and refuses them.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise unreadable from None


def _nonblank_lines(text: str) -> Iterator[str]:
    # StringIO with newline="" splits on \n, \r and \r\n only, as the csv module does; the
    # str.splitlines() rules (form feed, U+2028, ...) would split differently. A line of
    # only separators is blank, as it is for the rows.
    for line in io.StringIO(text, newline=""):
        if line.strip().strip("".join(_DELIMITERS) + " "):
            yield line


def _detect_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _physical_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line, cells) for each non-blank record."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise TabularError(
                gettext_noop("deze regel is geen geldige CSV: controleer de aanhalingstekens."),
                line=start,
            ) from None
        if any(cell.strip() for cell in cells):
            yield start, cells


def _match_header(
    header: list[str],
    line: int,
    columns: dict[str, tuple[str, ...]],
    required: set[str],
    delimiter: str,
) -> tuple[dict[str, int], dict[str, str]]:
    """Map canonical names to header positions; refuse duplicates and missing columns."""
    folded = [cell.strip().casefold() for cell in header]
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    for name, spellings in columns.items():
        wanted = {s.strip().casefold() for s in spellings}
        found = [i for i, cell in enumerate(folded) if cell in wanted]
        if len(found) > 1:
            raise TabularError(
                gettext_noop("de kolom staat %(count)s keer in de kopregel (als %(found)s)."),
                line=line,
                column=name,
                params={"count": len(found), "found": _quoted(header[i].strip() for i in found)},
            )
        if found:
            positions[name] = found[0]
            headers[name] = header[found[0]].strip()
        elif name in required:
            message = (
                gettext_noop(
                    "de kolom '%(name)s' ontbreekt; geef een kolomkop %(spellings)s. "
                    "Gevonden kolommen: %(found)s. "
                    "Gebruik een puntkomma, komma of tab tussen de kolommen."
                )
                if len(header) == 1
                else gettext_noop(
                    "de kolom '%(name)s' ontbreekt; geef een kolomkop %(spellings)s. "
                    "Gevonden kolommen: %(found)s."
                )
            )
            params = {
                "name": name,
                "spellings": Either(spellings),
                "found": _quoted(cell.strip() for cell in header),
            }
            raise TabularError(message, line=line, params=params)
    return positions, headers


# The message when a row has more or fewer fields than the header, per separator.
_FIELD_COUNT = {
    ";": gettext_noop(
        "verwacht %(expected)s velden (zoals de kopregel), maar er zijn er %(found)s. Staat er "
        "een puntkomma in een tekst of ontbreekt er een veld?"
    ),
    "\t": gettext_noop(
        "verwacht %(expected)s velden (zoals de kopregel), maar er zijn er %(found)s. Staat er "
        "een tab in een tekst of ontbreekt er een veld?"
    ),
    ",": gettext_noop(
        "verwacht %(expected)s velden (zoals de kopregel), maar er zijn er %(found)s. Staat er "
        "een komma in een tekst of ontbreekt er een veld?"
    ),
}


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _quoted(items: Iterable[str], separator: str = ", ") -> str:
    return separator.join(f"'{item}'" for item in items)
