"""Building blocks of the JSON Schema: one per kind of value, each with the Dutch message that
is shown for any failure of a field of that kind (our annotation `x-message`), and the checks of
the notations the schema names with `format`."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from jsonschema import FormatChecker

from .values import parse_date, parse_datetime, parse_decimal

BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1
SMALLINT_MAX = 2**15 - 1
DECIMALS = {"se": (10, 2), "ratio": (3, 3)}  # (digits before the point, digits after)

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date")
def _is_date(value) -> bool:
    return not isinstance(value, str) or parse_date(value) is not None


@FORMATS.checks("date-time")
def _is_datetime(value) -> bool:
    return not isinstance(value, str) or parse_datetime(value) is not None


@FORMATS.checks("decimal-se")
def _is_se(value) -> bool:
    return not isinstance(value, str) or parse_decimal(value, *DECIMALS["se"]) is not None


@FORMATS.checks("decimal-ratio")
def _is_ratio(value) -> bool:
    return not isinstance(value, str) or parse_decimal(value, *DECIMALS["ratio"]) is not None


@FORMATS.checks("email")
def _is_email(value) -> bool:
    if not isinstance(value, str) or value == "":
        return True
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _field(kind: str, message: str, nullable: bool, **schema) -> dict:
    return {
        "type": [kind, "null"] if nullable else kind,
        "x-message": f"moet {message}{' of null' if nullable else ''} zijn",
        **schema,
    }


def text(model, name: str) -> dict:
    field = model._meta.get_field(name)
    schema, words = {}, "een tekst"
    if not field.blank:
        schema["minLength"], words = 1, "een niet-lege tekst"
    if field.max_length:
        schema["maxLength"] = field.max_length
        words += f" van hooguit {field.max_length} tekens"
    return _field("string", words, False, **schema)


def slug(model, name: str) -> dict:
    length = model._meta.get_field(name).max_length
    return _field(
        "string",
        f"een code van 1 tot {length} letters, cijfers, - of _",
        False,
        pattern=r"^[-a-zA-Z0-9_]+$",
        maxLength=length,
    )


def email(model, name: str) -> dict:
    length = model._meta.get_field(name).max_length
    words = f"een e-mailadres of een lege tekst (hooguit {length} tekens)"
    return _field("string", words, False, format="email", maxLength=length)


def ref(noun: str, nullable: bool = False) -> dict:
    return _field("string", f"een {noun} (niet-lege tekst)", nullable, minLength=1)


def integer(minimum: int = 0, maximum: int = BIGINT_MAX) -> dict:
    return _field(
        "integer", f"een geheel getal >= {minimum}", False, minimum=minimum, maximum=maximum
    )


def boolean() -> dict:
    return {"type": "boolean", "x-message": "moet true of false zijn"}


def decimal(kind: str, nullable: bool = False) -> dict:
    digits, places = DECIMALS[kind]
    example = "1.000" if kind == "ratio" else "1234.50"
    words = f'een decimaal getal >= 0 als tekst met hooguit {places} decimalen, bijv. "{example}"'
    pattern = rf"^[0-9]{{1,{digits}}}(\.[0-9]{{1,{places}}})?$"
    return _field("string", words, nullable, format=f"decimal-{kind}", pattern=pattern)


def date(nullable: bool = False) -> dict:
    return _field("string", 'een datum, bijv. "2015-07-01"', nullable, format="date")


def moment(nullable: bool = False) -> dict:
    words = 'een tijdstip in ISO 8601 met tijdzone, bijv. "2015-06-30T10:00:00.000000Z"'
    return _field("string", words, nullable, format="date-time")


def choice(values, nullable: bool = False) -> dict:
    names = ", ".join(str(v) for v in values)
    schema = _field("string", f"een van deze waarden: {names}", nullable, enum=list(values))
    if nullable:
        schema["enum"].append(None)
    return schema


def username(nullable: bool = False) -> dict:
    words = "een gebruikersnaam (letters, cijfers en @ . + - _, hooguit 150 tekens)"
    return _field("string", words, nullable, pattern=r"^[\w.@+-]+$", minLength=1, maxLength=150)


def obj(optional: tuple[str, ...] = (), **properties) -> dict:
    """An object with exactly these fields; all required but the `optional` ones (fields added
    to version 1 later, so older files stay valid)."""
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(set(properties) - set(optional)),
        "additionalProperties": False,
    }


def array(items: dict, unique: bool = False) -> dict:
    return {"type": "array", "items": items, **({"uniqueItems": True} if unique else {})}
