"""Issue 14, item 9: on 15 January 2016 the company's "Wat op mij wacht" lists the progress
report due on 31 January, linked to the page where it is written."""

import datetime

from django.urls import reverse

from sectorplan.assessment.tests.journey import COMPANY, MUNICIPALITY, OFFICE, walk_to
from sectorplan.monitoring.report_selectors import report_tasks
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState


def test_the_company_sees_its_due_progress_report_on_the_start_page(client, accounts, demo_date):
    plan = walk_to(PlanState.PAID, accounts, demo_date)
    demo_date(datetime.date(2016, 1, 15))
    client.force_login(accounts[COMPANY])
    html = client.get("/").content.decode()
    edit = reverse("monitoring:report-edit", args=[plan.pk, "tussenrapportage-1"])
    assert "Eerste tussenrapportage indienen" in html
    assert "31 januari 2016" in html
    assert f'href="{edit}"' in html
    # Only the next moment, not all three at once.
    assert "Tweede tussenrapportage indienen" not in html


def test_overdue_reports_stay_and_only_writers_get_them(accounts, demo_date):
    plan = walk_to(PlanState.PAID, accounts, demo_date)
    demo_date(datetime.date(2016, 10, 15))
    plans = Plan.objects.filter(pk=plan.pk).select_related("region", "scheme")
    tasks = report_tasks(accounts[COMPANY], plans)
    assert [(t.action, t.deadline, t.is_late) for t in tasks] == [
        ("Eerste tussenrapportage indienen", datetime.date(2016, 1, 31), True),
        ("Tweede tussenrapportage indienen", datetime.date(2016, 9, 30), True),
        ("Eindrapportage indienen", datetime.date(2017, 1, 31), False),
    ]
    assert report_tasks(accounts[MUNICIPALITY], plans) == []
    assert report_tasks(accounts[OFFICE], plans) == []
