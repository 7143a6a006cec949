"""Reading a file in the exchange format into an empty database.

Nothing is written unless the whole file is right: first the JSON itself, then the format marker
and version, then the structure (schema.py), then references and invariants (checks.py); each
step reports all its problems at once. Then everything is written in one transaction. This is an
administrator's command: it does not go through the services' permission checks, but it keeps
their invariants (checks.py) and restores the moments Django would otherwise set to "now".
"""

import json

from django.db import IntegrityError, transaction

from sectorplan.registry.models import Municipality, Region, Scheme, SwCompany

from .checks import check_references
from .schema import check_structure
from .values import FORMAT, VERSION, ExchangeError, Problems, path_text
from .writer import ImportResult, Writer

__all__ = ["ImportResult", "import_scheme", "parse", "validate"]

NOT_EMPTY = (
    "De database is niet leeg: er zijn al regelingen, regio's, gemeenten of SW-bedrijven. "
    "Een uitwisselbestand wordt alleen in een lege database ingelezen; maak een nieuwe database "
    "aan (sectorplan migrate) en lees het bestand daarin in."
)


# The format nests six levels deep and no amount needs more than 19 digits; anything beyond
# these limits is refused before it can exhaust the stack or the CPU (int() of a huge string).
MAX_DEPTH = 64
MAX_INTEGER_DIGITS = 30
TOO_DEEP = f"(bestand): te diep genest (meer dan {MAX_DEPTH} niveaus van lijsten en objecten)"


def _strange_text(data) -> list[str]:
    """Messages for texts the database cannot store (NUL, lone surrogates); also bounds depth."""
    found: list[str] = []
    stack = [((), data)]
    while stack and len(found) < 10:
        path, value = stack.pop()
        if len(path) > MAX_DEPTH:
            return [TOO_DEEP]
        if isinstance(value, dict):
            stack.extend(((*path, "(sleutel)"), key) for key in value)
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            # The path may hold the bad key itself: show it escaped, so the message is printable.
            where = path_text(path).encode("utf-8", "backslashreplace").decode("utf-8")
            if "\x00" in value:
                found.append(f"{where}: bevat een NUL-teken (\\u0000); haal het weg")
            elif not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    found.append(
                        f"{where}: bevat een ongeldig teken (een half UTF-16-tekenpaar, "
                        "\\ud800-\\udfff)"
                    )
    return sorted(found)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ValueError(f"te lang getal ({len(text)} cijfers; hooguit {MAX_INTEGER_DIGITS})")
    return int(text)


def parse(raw: bytes | str) -> dict:
    """The JSON document, or ExchangeError. Duplicate keys and NaN are refused, not guessed."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeError([f"(bestand): is geen UTF-8 (byte {error.start})"]) from error
    duplicates: list[str] = []

    def pairs(items):
        keys = [key for key, _ in items]
        duplicates.extend(sorted({key for key in keys if keys.count(key) > 1}))
        return dict(items)

    def constant(name):
        raise ValueError(f"{name} is geen geldige JSON-waarde")

    try:
        data = json.loads(raw, object_pairs_hook=pairs, parse_constant=constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            [f"(bestand): geen geldige JSON op regel {error.lineno}, kolom {error.colno}"]
        ) from error
    except ValueError as error:
        raise ExchangeError([f"(bestand): {error}"]) from error
    except RecursionError:
        raise ExchangeError([TOO_DEEP]) from None
    if duplicates:
        names = ", ".join(f"'{name}'" for name in dict.fromkeys(duplicates))
        raise ExchangeError([f"(bestand): sleutel {names} staat dubbel in een object"])
    strange = _strange_text(data)
    if strange:
        raise ExchangeError(strange)
    return data


def validate(data) -> None:
    """Raises ExchangeError with every problem (up to 50) of the first step that finds any."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add((), "moet een JSON-object zijn ({...})")
        problems.raise_if_any()
    if data.get("format") != FORMAT:
        problems.add(("format",), f'moet "{FORMAT}" zijn: dit is geen uitwisselbestand')
        problems.raise_if_any()
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        problems.add(
            ("version",),
            f"versie {json.dumps(version)} wordt niet ondersteund; deze versie leest {VERSION}",
        )
        problems.raise_if_any()
    check_structure(data, problems)
    problems.raise_if_any()
    check_references(data, problems)
    problems.raise_if_any()


def import_scheme(raw: bytes | str) -> ImportResult:
    data = parse(raw)
    validate(data)
    try:
        with transaction.atomic():
            if any(model.objects.exists() for model in (Scheme, Region, Municipality, SwCompany)):
                raise ExchangeError([NOT_EMPTY])
            return Writer(data).write()
    except IntegrityError as error:  # a check is missing above; still, nothing was written
        raise ExchangeError([f"(database): de database weigerde het bestand: {error}"]) from error
