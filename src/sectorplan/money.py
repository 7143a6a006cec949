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
