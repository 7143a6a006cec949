"""Following reports up: reminders before the due date (once per plan and moment), the late
list for the programme office with its exports, and the progress per region on the map."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sectorplan.monitoring import measures
from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import ActivityStatus, ReportReminder
from sectorplan.monitoring.report_selectors import late_list
from sectorplan.monitoring.selectors import activity_overview
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import DeadlineExtension, Region

from .test_reports_support import (
    IN_JANUARY_2016,
    INTERIM_1,
    INTERIM_2,
    URLS,
    activity_input,
    plain_http,  # noqa: F401  (autouse fixture)
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]
COMPANY = "bedrijf-dzb-leiden"
DONE, RUNNING, DROPPED = ActivityStatus.DONE, ActivityStatus.RUNNING, ActivityStatus.DROPPED


def _submit(plan, user, *statuses, kind=INTERIM_1):
    services.save_report(plan, kind, user=user, activities=activity_input(plan, *statuses))
    return services.submit_report(plan, kind, user=user)


def _extend(plan, accounts, kind, last_day):
    DeadlineExtension.objects.create(
        scheme=plan.scheme,
        region=plan.region,
        kind=kind,
        last_day=last_day,
        reason="Reorganisatie",
        granted_by=accounts["cedris"],
    )


@pytest.fixture
def plans(accounts, demo_date):
    demo_date(IN_JANUARY_2016)
    return {
        "open": reporting_plan(title="Nog te rapporteren"),
        "done": reporting_plan(title="Al gerapporteerd", state=PlanState.PAID),
        "granted": reporting_plan(title="Nog niet betaald", state=PlanState.GRANTED),
        "twente": reporting_plan(region="AM05", company="Soweco", title="Twents plan"),
    }


def test_reminders_go_once_to_the_companies_of_plans_due_soon(
    plans, accounts, demo_date, django_capture_on_commit_callbacks
):
    _submit(plans["done"], accounts[COMPANY], RUNNING, RUNNING)
    _extend(plans["twente"], accounts, INTERIM_1, datetime.date(2016, 3, 1))
    demo_date(datetime.date(2016, 1, 20))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", "--days", "14", stdout=out)
    assert [m.to for m in mail.outbox] == [["bedrijf-dzb-leiden@demo.invalid"]]
    message = mail.outbox[0]
    assert "Eerste tussenrapportage" in message.subject and "Nog te rapporteren" in message.subject
    assert "zondag 31 januari 2016" in message.body
    link = reverse("monitoring:report-detail", args=[plans["open"].pk, "tussenrapportage-1"])
    assert link in message.body
    assert "1 herinnering verstuurd." in out.getvalue()
    # The next day's run sends nothing new: the reminder is recorded.
    demo_date(datetime.date(2016, 1, 21))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send-reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert ReportReminder.objects.get().plan == plans["open"]


def test_no_reminder_outside_the_horizon(plans, demo_date, django_capture_on_commit_callbacks):
    demo_date(datetime.date(2016, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(days=14) == []
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders(days=21)
    assert {r.plan.title for r in sent} == {"Nog te rapporteren", "Al gerapporteerd", "Twents plan"}


@pytest.fixture
def late_world(plans, accounts, demo_date):
    _submit(plans["done"], accounts[COMPANY], RUNNING, RUNNING)
    _extend(plans["twente"], accounts, INTERIM_1, datetime.date(2016, 2, 15))
    demo_date(datetime.date(2016, 2, 5))
    return plans


def test_the_late_list_by_deadline(late_world):
    items = late_list()
    assert [(i.plan.title, i.kind, i.deadline, i.is_overdue) for i in items] == [
        ("Nog te rapporteren", INTERIM_1, datetime.date(2016, 1, 31), True),
        ("Twents plan", INTERIM_1, datetime.date(2016, 2, 15), False),
    ]
    assert items[1].extended and items[1].days_left == 10
    assert len(late_list(within_days=5)) == 1
    # Within 240 days the second interim report (30 September) is due too.
    assert {i.kind for i in late_list(within_days=240)} == {INTERIM_1, INTERIM_2}


def test_the_late_page_and_its_exports(late_world, accounts, client):
    client.force_login(accounts["cedris"])
    html = client.get(reverse("monitoring:report-late")).content.decode()
    assert html.index("Nog te rapporteren") < html.index("Twents plan")
    assert "te laat" in html and "nog 10 dagen" in html and "Al gerapporteerd" not in html
    response = client.get(reverse("monitoring:report-late-export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["region"], r["deadline"], r["status"], r["extended"]) for r in rows] == [
        ("AM19", "2016-01-31", "te laat", "nee"),
        ("AM05", "2016-02-15", "binnenkort", "ja"),
    ]
    response = client.get(reverse("monitoring:report-late-export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Twents plan" in values and "Nog te rapporteren" in values


def test_region_progress_from_the_latest_submitted_reports(plans, accounts, demo_date, scheme):
    overview = activity_overview(scheme)
    assert measures.region_progress(overview) is None  # no submitted report yet
    user = accounts[COMPANY]
    _submit(plans["open"], user, DONE, RUNNING)
    services.save_report(  # a draft never counts
        plans["twente"], INTERIM_1, user=accounts["bedrijf-soweco"], activities={}
    )
    assert measures.region_progress(activity_overview(scheme)) == {"AM19": Decimal("0.5000")}
    _submit(plans["done"], user, DONE, DROPPED)
    # AM19 has two plans: 1 + 1 done of 2 + 2 activities.
    assert measures.region_progress(activity_overview(scheme)) == {"AM19": Decimal("0.5000")}
    demo_date(datetime.date(2016, 9, 15))
    _submit(plans["open"], user, DONE, DONE, kind=INTERIM_2)  # the latest report counts
    progress = measures.region_progress(activity_overview(scheme))
    assert progress == {"AM19": Decimal("0.7500")}
    region_map = measures.region_map(activity_overview(scheme), measures.PROGRESS)
    values = {v.code: (v.value, v.class_key) for v in region_map.values}
    assert values["AM19"] == ("75%", "D")
    assert values["AM05"][0] == "nog geen gegevens"
    assert len(values) == Region.objects.count()
