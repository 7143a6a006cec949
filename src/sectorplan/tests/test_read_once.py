"""A reading request asks the demo date and the summaries' token once, however many parts of
the page ask (sectorplan.per_request); a writing request and code outside a request ask
every time. Whether the pages say "demo figures" is kept until the registry changes (issue 15)."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from sectorplan import per_request
from sectorplan.registry.clock import set_demo_date, today
from sectorplan.registry.models import Municipality, Region
from sectorplan.registry.units import import_standard_units

pytestmark = pytest.mark.django_db(transaction=True)


def _asked(queries, table: str) -> int:
    return sum(f'"{table}"' in q["sql"] for q in queries)


def test_a_page_asks_the_demo_date_and_the_token_once(client, accounts, demo_date):
    client.force_login(accounts["cedris"])
    demo_date(datetime.date(2015, 9, 1))
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/plannen/").content.decode()
    assert "1 september 2015" in page  # the banner's demo date; the list is keyed by it too
    assert _asked(queries, "registry_democlock") == 1
    assert _asked(queries, "plans_dataversion") == 1

    # The next request reads them again: the date moved in between.
    demo_date(datetime.date(2015, 9, 2))
    assert "2 september 2015" in client.get("/plannen/").content.decode()


def test_only_reading_requests_remember():
    asked = []

    def page(request):
        per_request.remembered("x", lambda: asked.append(request.method))
        per_request.remembered("x", lambda: asked.append(request.method))
        return None

    middleware = per_request.ReadOnceMiddleware(page)
    middleware(RequestFactory().get("/"))
    assert asked == ["GET"]
    middleware(RequestFactory().post("/"))
    assert asked == ["GET", "POST", "POST"]
    page(RequestFactory().get("/"))  # outside the middleware: not remembered either
    assert asked == ["GET", "POST", "POST", "GET", "GET"]


def test_outside_a_request_the_demo_date_is_read_each_time(demo_date):
    set_demo_date(datetime.date(2015, 10, 1))
    assert today() == datetime.date(2015, 10, 1)
    set_demo_date(datetime.date(2015, 10, 2))
    assert today() == datetime.date(2015, 10, 2)


def test_the_demo_figures_notice_goes_when_real_figures_are_read_in(client, accounts):
    client.force_login(accounts["cedris"])
    notice = "Demogegevens: geen officiële cijfers"
    assert notice in client.get("/plannen/").content.decode()
    with CaptureQueriesContext(connection) as kept:
        assert notice in client.get("/plannen/").content.decode()
    assert _asked(kept, "registry_municipality") == 0

    codes = sorted(Region.objects.values_list("code", flat=True))
    figures = "code;se\n" + "\n".join(f"{code};10" for code in codes)
    import_standard_units(figures.encode(), source="Test")
    assert not Municipality.objects.filter(standard_units_is_demo=True).exists()
    assert notice not in client.get("/plannen/").content.decode()
