"""JSON bodies with a depth limit: a body nested thousands deep made Python's decoder raise
RecursionError (a 500); now it is a 400 with a Dutch message, before any view code runs."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No request body of this API nests deeper than a handful of levels; the exchange file allows 64.
MAX_DEPTH = 32


def too_deep(data, limit: int = MAX_DEPTH) -> bool:
    """Walks the parsed value without recursion, so the check itself cannot overflow."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        message = _("De JSON is te diep genest; hooguit %(max)s niveaus.") % {"max": MAX_DEPTH}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if too_deep(data):
            raise ParseError(message)
        return data
