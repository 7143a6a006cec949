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


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages without importing Django (this module is pure): the
    Dutch text is the msgid, translated where the error reaches the user (MoneyInputError)."""
    return message


class MoneyInputError(ValueError):
    """str() is the Dutch message; translated(gettext) gives it in the active language."""

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params
        super().__init__(template % params if params else template)

    def translated(self, gettext) -> str:
        text = gettext(self.template)
        return text % self.params if self.params else text


MAX_EURO_DIGITS = 15


def parse_euro(text: str, language: str = "nl") -> int:
    """Cents from what a person types: '1.234,56', '1234,56', '€ 1234' (Dutch) or
    '1,234.56' (English). A separator that could mean either is refused, not guessed."""
    cleaned = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise MoneyInputError(gettext_noop("Vul een bedrag in."))
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-")
    thousands, point = (",", ".") if language.startswith("en") else (".", ",")
    whole, sep, part = cleaned.partition(point)
    # isdigit() alone also takes '²' and other digits int() refuses: ASCII digits only.
    if sep and (len(part) not in (1, 2) or not (part.isascii() and part.isdigit())):
        raise MoneyInputError(
            gettext_noop(
                "'%(text)s' is geen bedrag: gebruik hooguit twee cijfers na de '%(point)s'."
            ),
            text=text,
            point=point,
        )
    groups = whole.split(thousands)
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])
    ):
        raise MoneyInputError(
            gettext_noop(
                "'%(text)s' is geen eenduidig bedrag: gebruik '%(point)s' voor de centen"
                " en '%(thousands)s' alleen per drie cijfers."
            ),
            text=text,
            point=point,
            thousands=thousands,
        )
    digits = "".join(groups)
    if not (digits.isascii() and digits.isdigit()):
        raise MoneyInputError(gettext_noop("'%(text)s' is geen bedrag."), text=text)
    if len(digits.lstrip("0")) > MAX_EURO_DIGITS:  # the cents must fit a 64-bit column
        raise MoneyInputError(
            gettext_noop("Dit bedrag is te groot: hooguit %(digits)s cijfers voor de komma."),
            digits=MAX_EURO_DIGITS,
        )
    cents = int(digits) * 100 + (int(part.ljust(2, "0")) if sep else 0)
    return -cents if negative else cents
