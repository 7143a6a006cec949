"""A scheme's weight per region from a CSV (issue 18): the allocation key of a scheme that is not
divided by SE. The office keeps the figures in a spreadsheet; `create-scheme FILE --weights CSV`
and the schemes page put them into the definition's region_weights.weights, which the
definition's check then holds to its rules (every region once, not all zero). The CSV has a
column `code` (or `regiocode`) and `gewicht` (or `weight`), with a decimal point or comma."""

import json
from decimal import Decimal, InvalidOperation

from sectorplan.tabular import TabularError, parse_decimal, read_table

from .importer import parse
from .values import ExchangeError, format_decimal

_CENT = Decimal("0.01")
COLUMNS = {
    "code": ("code", "regiocode", "region_code", "regio"),
    "weight": ("gewicht", "weight", "weging"),
}


def weights_from_csv(data: bytes) -> dict[str, str]:
    """{region code: weight in the definition's notation}; ExchangeError names every line
    that cannot be read."""
    try:
        table = read_table(data, COLUMNS)
    except TabularError as error:
        raise ExchangeError([f"gewichten: {error}"]) from error
    weights: dict[str, str] = {}
    first_line: dict[str, int] = {}
    problems = []
    for row in table.rows:
        code = row.values["code"].upper()
        if code in first_line:
            problems.append(
                f"gewichten, regel {row.line}: regio {code} staat al op regel {first_line[code]}"
            )
            continue
        first_line[code] = row.line
        try:
            value = parse_decimal(row.values["weight"], table=table, line=row.line, column="weight")
        except TabularError as error:
            problems.append(f"gewichten: {error}")
            continue
        # Negative, too precise or too large: written as it is, so the definition's check
        # names it (quantize() refuses more digits than its context holds).
        try:
            in_cents = value == value.quantize(_CENT)
        except InvalidOperation:
            in_cents = False
        weights[code] = format_decimal(value, 2) if in_cents else str(value)
    if problems:
        raise ExchangeError(problems)
    return weights


def with_weights(raw: bytes | str, weights_csv: bytes) -> bytes:
    """The definition file with its region_weights.weights taken from the CSV. A file that is
    not a JSON object is returned as it is: the definition's check says what is wrong with it."""
    weights = weights_from_csv(weights_csv)
    data = parse(raw)
    if not isinstance(data, dict):
        return raw if isinstance(raw, bytes) else raw.encode()
    given = data.get("region_weights")
    data["region_weights"] = {**(given if isinstance(given, dict) else {}), "weights": weights}
    return json.dumps(data, ensure_ascii=False).encode()
