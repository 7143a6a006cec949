"""`sectorplan allocate`: divide a total over recipients pro rata to their weights.

    sectorplan allocate --total 30000000.00 --weights se-per-regio.csv [--format table|csv|json]

The weights file has the columns code, name and weight (Dutch headers code, naam and se work
too; name is optional), comma-separated with decimal points or as Dutch Excel saves it
(semicolons, decimal commas). The amounts are whole cents by the largest-remainder method
(rule 1 of the domain). Needs no database: it only reads a file and calculates.

Any bad input (file, number, total) ends with the message on stderr, exit status 2 and nothing
on stdout, so a script never mistakes half a result for a whole one.
"""

import csv
import decimal
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError

from sectorplan.allocation.engine import AllocationError, allocate
from sectorplan.tabular import TabularError, parse_decimal, read_table

COLUMNS = {"code": ("code",), "name": ("name", "naam"), "weight": ("weight", "se")}
REQUIRED = ("code", "weight")
MAX_FILE_BYTES = 5_000_000
# Euros, decimal point, at most two decimals. Fifteen digits of euros is far beyond any budget
# and keeps the arithmetic and the output of ordinary size.
_EUROS = re.compile(r"([0-9]{1,15})(?:\.([0-9]{1,2}))?")
USAGE_ERROR = 2


class InputError(ValueError):
    """Bad input outside the weights file's contents (the total, the file itself)."""


def parse_euros(text: str) -> int:
    """'30000000.00' -> 3000000000 cents; exact, never through float. Raises InputError."""
    text = text.strip()
    match = _EUROS.fullmatch(text)
    if match is None:
        if text.startswith("-"):
            raise InputError(f"Het totaal mag niet negatief zijn: '{text}'.")
        raise InputError(
            f"Ongeldig totaal '{text}': geef euro's met een decimale punt en hoogstens twee "
            f"decimalen, bijvoorbeeld 30000000.00."
        )
    euros, cents = match.groups()
    return int(euros) * 100 + int((cents or "").ljust(2, "0"))


def format_euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class Recipient(NamedTuple):
    code: str
    name: str
    weight: Decimal


def read_recipients(data: bytes) -> list[Recipient]:
    """Read and check the weights file; raises TabularError naming line and column."""
    table = read_table(data, COLUMNS, required=REQUIRED, max_bytes=MAX_FILE_BYTES)
    recipients: list[Recipient] = []
    first_line: dict[str, int] = {}
    for row in table.rows:
        code = row.values["code"]
        if code in first_line:
            raise TabularError(
                f"de code '{code}' staat ook al op regel {first_line[code]}.",
                line=row.line,
                column=table.headers["code"],
            )
        first_line[code] = row.line
        text = row.values["weight"]
        weight = parse_decimal(text, table=table, line=row.line, column="weight")
        # Refused here rather than by the engine so that the message can name the line.
        if weight < 0:
            raise TabularError(
                f"het gewicht mag niet negatief zijn ('{text}').",
                line=row.line,
                column=table.headers["weight"],
            )
        recipients.append(Recipient(code, row.values.get("name", ""), weight))
    return recipients


class Command(BaseCommand):
    help = (
        "Verdeel een totaalbedrag naar rato van gewichten (bijvoorbeeld SE per "
        "arbeidsmarktregio) in hele centen, volgens de methode van de grootste overschotten."
    )
    # A pure calculation: no models, no database, so no system checks either.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--total",
            required=True,
            help="totaal in euro, met decimale punt en hoogstens twee decimalen (30000000.00)",
        )
        parser.add_argument(
            "--weights",
            required=True,
            metavar="FILE.csv",
            help="CSV met kolommen code, name/naam en weight/se",
        )
        parser.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default="table",
            help="uitvoer: leesbare tabel (standaard), csv of json",
        )

    def handle(self, *args, **options):
        try:
            total_cents = parse_euros(options["total"])
            recipients = read_recipients(_read_file(Path(options["weights"])))
            shares = allocate(total_cents, [(r.code, r.weight) for r in recipients])
        except (InputError, TabularError, AllocationError) as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "weight": _plain(r.weight),
                "amount": format_euros(shares[r.code]),
            }
            for r in recipients
        ]
        render = {"csv": _as_csv, "json": _as_json, "table": _as_table}[options["format"]]
        # Rendered in full before anything is written: all of the output or none of it.
        self.stdout.write(render(rows, recipients, total_cents), ending="")


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            # One byte more than allowed is enough for read_table to refuse the file; a
            # huge file is never read whole.
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"Bestand niet gevonden: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is een map, geen bestand.") from None
    except OSError as exc:
        raise InputError(f"Kan {path} niet lezen: {exc.strerror or exc}.") from None


def _plain(weight: Decimal) -> str:
    """The weight as given, with a decimal point ('1.234,50' -> '1234.50'; '-0' -> '0')."""
    return format(weight.copy_abs() if weight.is_zero() else weight, "f")


def _as_csv(rows: list[dict[str, str]], recipients: list[Recipient], total_cents: int) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _as_json(rows: list[dict[str, str]], recipients: list[Recipient], total_cents: int) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _as_table(rows: list[dict[str, str]], recipients: list[Recipient], total_cents: int) -> str:
    # The weights are at most 100 characters each (parse_decimal), so this precision keeps
    # the sum exact for any file that fits within MAX_FILE_BYTES.
    with decimal.localcontext(decimal.Context(prec=200)):
        weight_sum = sum((r.weight for r in recipients), Decimal(0))
    header = {"code": "code", "name": "naam", "weight": "gewicht", "amount": "bedrag (EUR)"}
    footer = {
        "code": "",
        "name": f"Totaal ({len(rows)})",
        "weight": _plain(weight_sum),
        "amount": format_euros(total_cents),
    }
    widths = {k: max(len(row[k]) for row in [header, footer, *rows]) for k in header}
    right = {"weight", "amount"}

    def line(row: dict[str, str]) -> str:
        cells = [row[k].rjust(w) if k in right else row[k].ljust(w) for k, w in widths.items()]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths.values())
    return "\n".join([line(header), rule, *map(line, rows), rule, line(footer)]) + "\n"
