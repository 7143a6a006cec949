"""What the rows of a list page share, worked out once per page instead of once per row
(issue 15): a page of 50 plans reversed the same URL 50 times and formatted the same few
deadlines over and over. The results are exactly what {% url %} and |date give."""

from django.urls import reverse
from django.utils import formats, timezone

# A number no URL prefix holds, so it marks where the row's key goes.
_MARKER = "987654321"


class RowUrl:
    """reverse(name, args=[key, *rest]) for many keys, at the cost of one reverse()."""

    def __init__(self, name: str, *rest):
        url = reverse(name, args=[int(_MARKER), *rest])
        self.prefix, marker, self.suffix = url.partition(_MARKER)
        if not marker or _MARKER in self.suffix:
            raise ValueError(f"{name}: the key's place in {url} is not clear")

    def __call__(self, key: int) -> str:
        return f"{self.prefix}{int(key)}{self.suffix}"


class DateText:
    """{{ value|date:format }} for the dates of a page, each distinct date formatted once."""

    def __init__(self, date_format: str):
        self.date_format = date_format
        self._done: dict = {}

    def __call__(self, value) -> str:
        if value is None:
            return ""
        if value not in self._done:
            self._done[value] = formats.date_format(value, self.date_format)
        return self._done[value]


class MomentText:
    """{{ moment|date:"j F Y H:i" }} and {{ moment|date:"c" }} for the moments of a page (the
    audit log's 50): the day formatted once per day, the time of day as the digits it is."""

    def __init__(self):
        self._day = DateText("j F Y")

    def __call__(self, moment) -> tuple[str, str]:
        local = timezone.localtime(moment)
        return f"{self._day(local.date())} {local:%H:%M}", local.isoformat()
