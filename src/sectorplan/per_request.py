"""What a page reads several times and no read changes, read once per request: the demo date
and the summaries' token are asked by the page, its rows and its layout alike (issue 15).

Only requests that read (GET, HEAD) remember: a request that writes may change what it read,
and must see the change. Outside a request (commands, tasks, tests) nothing is remembered."""

from contextvars import ContextVar

_remembered: ContextVar[dict | None] = ContextVar("sectorplan_per_request", default=None)


def remembered(name: str, compute):
    """compute(), once per reading request."""
    values = _remembered.get()
    if values is None:
        return compute()
    if name not in values:
        values[name] = compute()
    return values[name]


class ReadOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        started = _remembered.set({})
        try:
            return self.get_response(request)
        finally:
            _remembered.reset(started)
