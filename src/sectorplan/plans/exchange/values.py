"""What every part of the exchange format shares: the marker, canonical notation of values
(cents as integers, decimals as strings, dates and times in ISO 8601) and the list of problems
with the place in the file where each one is."""

import datetime
import re
from decimal import Decimal

FORMAT = "sectorplan-scheme"
VERSION = 1
MAX_MESSAGES = 50

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DATETIME_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
DECIMAL_RE = re.compile(r"(\d+)(?:\.(\d+))?", re.ASCII)


class ExchangeError(Exception):
    """The file (or the database it should go into) is refused; `messages` say why and where."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def path_text(path: tuple) -> str:
    """('plans', 3, 'budget_lines', 0, 'x') -> 'plans[3].budget_lines[0].x'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(bestand)"


def _path_key(path: tuple) -> tuple:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path)


class Problems:
    """Problems in one file, each once, reported in the order of their place in the file."""

    def __init__(self):
        self._items: dict[tuple[tuple, str], None] = {}

    def add(self, path, message: str) -> None:
        self._items[(tuple(path), message)] = None

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def messages(self, limit: int = MAX_MESSAGES) -> list[str]:
        items = sorted(self._items, key=lambda item: (_path_key(item[0]), item[1]))
        lines = [f"{path_text(path)}: {message}" for path, message in items[:limit]]
        if len(items) > limit:
            lines.append(f"... en nog {len(items) - limit} andere problemen.")
        return lines

    def raise_if_any(self) -> None:
        if self:
            raise ExchangeError(self.messages())


def format_decimal(value: Decimal | None, places: int) -> str | None:
    """Canonical decimal notation: '1234.50' (point, exactly `places` decimals, no grouping)."""
    if value is None:
        return None
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def parse_decimal(text, integer_digits: int, places: int) -> Decimal | None:
    """A non-negative decimal written as '123', '123.4' or '123.45'; None when it is not one."""
    if not isinstance(text, str):
        return None
    match = DECIMAL_RE.fullmatch(text)
    if match is None:
        return None
    whole, fraction = match.groups()
    if len(whole.lstrip("0")) > integer_digits or len(fraction or "") > places:
        return None
    return Decimal(text)


def format_date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_date(text) -> datetime.date | None:
    if not isinstance(text, str) or DATE_RE.fullmatch(text) is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def format_datetime(value: datetime.datetime | None) -> str | None:
    """Always UTC with microseconds: '2015-06-30T10:00:00.000000Z'."""
    if value is None:
        return None
    utc = value.astimezone(datetime.UTC)
    return utc.isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_datetime(text) -> datetime.datetime | None:
    """An ISO 8601 moment with its offset ('Z' or '+02:00'); a moment without one is refused."""
    if not isinstance(text, str) or DATETIME_RE.fullmatch(text) is None:
        return None
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
