"""Money as integer cents, shown in Dutch or English notation. Pure Python, never float."""

from decimal import Decimal


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def cents_to_string(cents: int) -> str:
    """Machine notation: '857142.86' (decimal point, exactly two decimals, no grouping)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def _grouped(whole: int, separator: str) -> str:
    return f"{whole:,}".replace(",", separator)


def format_euro(cents: int, language: str = "nl") -> str:
    """'€ 1.234.567,89' in Dutch, '€1,234,567.89' in English."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    if language.startswith("en"):
        return f"{sign}€{_grouped(whole, ',')}.{part:02d}"
    return f"€ {sign}{_grouped(whole, '.')},{part:02d}"


def format_decimal(value: Decimal, places: int, language: str = "nl") -> str:
    quantized = value.quantize(Decimal(1).scaleb(-places))
    sign = "-" if quantized < 0 else ""
    text = f"{abs(quantized):f}"
    whole, _, part = text.partition(".")
    thousands, point = (",", ".") if language.startswith("en") else (".", ",")
    grouped = _grouped(int(whole), thousands)
    return f"{sign}{grouped}{point}{part}" if places else f"{sign}{grouped}"


class MoneyInputError(ValueError):
    pass


def parse_euro(text: str, language: str = "nl") -> int:
    """Cents from what a person types: '1.234,56', '1234,56', '€ 1234' (Dutch) or
    '1,234.56' (English). A separator that could mean either is refused, not guessed."""
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise MoneyInputError("Vul een bedrag in.")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-")
    thousands, point = (",", ".") if language.startswith("en") else (".", ",")
    whole, sep, part = cleaned.partition(point)
    if sep and (len(part) not in (1, 2) or not part.isdigit()):
        raise MoneyInputError(
            f"'{text}' is geen bedrag: gebruik hooguit twee cijfers na de '{point}'."
        )
    groups = whole.split(thousands)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])
    ):
        raise MoneyInputError(
            f"'{text}' is geen eenduidig bedrag: gebruik '{point}' voor de centen"
            f" en '{thousands}' alleen per drie cijfers."
        )
    digits = "".join(groups)
    if not digits.isdigit():
        raise MoneyInputError(f"'{text}' is geen bedrag.")
    cents = int(digits) * 100 + (int(part.ljust(2, "0")) if sep else 0)
    return -cents if negative else cents
