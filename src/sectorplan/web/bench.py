"""The trivial page for benchmarks (bench/pages.py, issue 9): the same server, middleware and
worker as every page, but no template and no database work, so a page's requests per second
divided by this page's, measured in the same run, says what the page itself costs whatever
the machine and its load. Registered only when SECTORPLAN_BENCH is on (see urls.py)."""

from django.http import HttpResponse


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")
