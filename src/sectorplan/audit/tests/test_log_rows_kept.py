"""The audit log's rows are kept per the events on the page and the language (audit.views.
_kept_rows): a kept page does not read the events again, and a new event, another page, another
filter or another language shows what it should at once.

Transactional: outside a transaction is where the cache is used."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sectorplan.audit.services import record

pytestmark = pytest.mark.django_db(transaction=True)


def _page(client, query: str = "") -> str:
    response = client.get(f"/auditlog/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _reads_whole_events(queries) -> bool:
    return any('"audit_auditevent"."reason"' in query["sql"] for query in queries)


def test_rows_are_kept_until_the_page_holds_other_events(client, accounts):
    record(action="plan.changed", object_label="Eerste plan", reason="Een eerste reden")
    client.force_login(accounts["cedris"])
    assert "Een eerste reden" in _page(client)

    with CaptureQueriesContext(connection) as kept:
        assert "Een eerste reden" in _page(client)
    assert not _reads_whole_events(kept)

    record(action="plan.changed", object_label="Tweede plan", reason="Een tweede reden")
    with CaptureQueriesContext(connection) as renewed:
        page = _page(client)
    assert _reads_whole_events(renewed)
    assert "Een tweede reden" in page and "Een eerste reden" in page

    filtered = _page(client, "?object=Tweede")
    assert "Een tweede reden" in filtered and "Een eerste reden" not in filtered
    assert "Geen regels gevonden" in _page(client, "?object=bestaat-niet")


def test_rows_are_kept_per_language(client, accounts):
    record(action="payments.batch_paid", object_label="Batch 1", after={"total_cents": 1234})
    client.force_login(accounts["cedris"])
    dutch = _page(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _page(client)
    rows = [page.split("<tbody>")[1].split("</tbody>")[0] for page in (dutch, english)]
    assert "Batch 1" in rows[0] and "Batch 1" in rows[1]
    assert rows[0] != rows[1]
