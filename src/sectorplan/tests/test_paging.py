"""Lists that grow come in pages of 50 with the total, and their page links keep the list's
filters (issue 15): the audit log, payment batches, progress reports and meetings."""

import datetime

from django.urls import reverse

from sectorplan.audit.models import AuditEvent
from sectorplan.audit.services import record
from sectorplan.meetings.models import Meeting
from sectorplan.payments.models import PaymentBatch
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory


def test_the_audit_log_pages_and_keeps_its_filters(client, accounts):
    for n in range(120):
        record(action="test.paging", object_type="test", object_id=str(n), object_label=f"T{n}")
    client.force_login(accounts["cedris"])
    response = client.get(reverse("audit:log") + "?handeling=test.")
    assert response.context["total"] == 120 == AuditEvent.objects.filter(
        action__startswith="test."
    ).count()
    assert len(response.context["page"].object_list) == 50
    html = response.content.decode()
    assert "utrecht-pagination" in html and 'href="?handeling=test.&amp;pagina=3"' in html
    last = client.get(reverse("audit:log") + "?handeling=test.&pagina=3")
    assert len(last.context["page"].object_list) == 20
    csv = client.get(reverse("audit:export", args=["csv"]) + "?handeling=test.")
    assert len(csv.content.decode().strip().splitlines()) == 121  # the whole filtered list


def test_payment_batches_come_in_pages(client, accounts, scheme):
    for n in range(1, 53):
        PaymentBatch.objects.create(scheme=scheme, number=n, created_by=accounts["cedris"])
    client.force_login(accounts["cedris"])
    first = client.get(reverse("payments:batches"))
    assert first.context["total"] == 52 and len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].number == 52  # newest first
    assert len(client.get(reverse("payments:batches") + "?pagina=2").context["page"]) == 2


def test_progress_reports_list_pages_by_plan(client, accounts, demo_date):
    for n in range(55):
        PlanFactory(state=PlanState.IN_EXECUTION, title=f"Uitvoering {n:02d}")
    client.force_login(accounts["cedris"])
    first = client.get(reverse("monitoring:report-list"))
    assert first.context["total"] == 55 and len(first.context["rows"]) == 50
    assert len(client.get(reverse("monitoring:report-list") + "?pagina=2").context["rows"]) == 5


def test_meetings_come_in_pages(client, accounts, scheme):
    for n in range(51):
        Meeting.objects.create(
            scheme=scheme,
            title=f"Bijeenkomst {n}",
            date=datetime.date(2016, 1, 1) + datetime.timedelta(days=n),
            place="Utrecht",
            created_by=accounts["cedris"],
        )
    client.force_login(accounts["cedris"])
    first = client.get(reverse("meetings:list"))
    assert first.context["total"] == 51 and len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].title == "Bijeenkomst 50"
