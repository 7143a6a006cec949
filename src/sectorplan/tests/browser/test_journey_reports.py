"""Journeys of progress reporting, in January 2016 (the first evaluation moment runs from 1 to
31 January): the company submits its first interim report from its start page's task list;
Cedris makes the national report, and the page shows the finished files by itself while a
worker makes it (no "refresh" pressed)."""

import datetime
import re

import pytest

from .journey_steps import arrive, go, press, press_confirmed, sign_in, task
from .steps import expect, expect_message

COMPANY, OFFICE = "bedrijf-dzb-leiden", "cedris"
TITLE = "Vakmanschap in Holland Rijnland"
IN_JANUARY_2016 = datetime.date(2016, 1, 15)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def reporting(people, demo_date):
    """A complete AM19 plan of DZB Leiden, paid and being carried out; today 15 January 2016."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan

    plan = walk_to(PlanState.IN_EXECUTION, people, demo_date, plan=complete_plan(title=TITLE))
    demo_date(IN_JANUARY_2016)
    return plan


def test_the_company_submits_its_progress_report_from_its_task_list(
    open_page, journey, reporting
):
    page = sign_in(open_page, COMPANY)
    awaiting = page.get_by_role("table", name="Wat op mij wacht")
    expect(awaiting).to_contain_text("31 januari 2016")
    task(page, re.compile("rapportage", re.IGNORECASE))
    if page.get_by_role("link", name="Rapportage schrijven").count():
        go(page, "Rapportage schrijven")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)

    page.get_by_label("Wat ging goed?").fill("De eerste twaalf jobcoaches zijn opgeleid.")
    activity = page.get_by_role("group", name=re.compile("Begeleiding van werk naar werk"))
    activity.get_by_label("Loopt", exact=True).check()
    page.get_by_label(re.compile(r"^Bereikt aantal \(mensen geplaatst\)")).fill("12")
    press_confirmed(page, "Opslaan en indienen")
    expect_message(page, "De rapportage is ingediend.")
    expect(page.locator("main")).to_contain_text("ingediend op 15 januari 2016 door " + COMPANY)

    # The task is done: the start page no longer asks for it.
    go(page, "Start", within=page.locator("nav.page-nav"))
    expect(page.locator("main")).not_to_contain_text("Eerste tussenrapportage indienen")


@pytest.fixture
def reported(reporting, people):
    """The plan's first interim report, submitted by the company through the services."""
    from sectorplan.monitoring import report_services
    from sectorplan.monitoring.models import ActivityStatus

    user = people[COMPANY]
    activities = {a.pk: {"status": ActivityStatus.RUNNING} for a in reporting.activities.all()}
    report_services.save_report(
        reporting,
        "interim_report_1",
        user=user,
        activities=activities,
        went_well="De jobcoaches zijn opgeleid.",
    )
    report_services.submit_report(reporting, "interim_report_1", user=user)
    return reporting


def run_worker():
    from sectorplan.jobs.tests.test_worker import run_worker as worker

    worker()


def test_cedris_makes_the_national_report_and_sees_the_files_without_refreshing(
    open_page, journey, reported, settings
):
    # The production path: the request only queues the job; a worker makes the report.
    settings.TASKS = DATABASE_TASKS
    page = sign_in(open_page, OFFICE)
    go(page, "Voortgangsrapportages")
    go(page, "Eerste tussenrapportage")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Eerste tussenrapportage")
    press(page, "Rapportage maken")
    status = page.get_by_role("status")
    expect(status).to_contain_text("wachtrij")
    expect(page.get_by_role("link", name="PDF")).to_have_count(0)

    run_worker()
    # The page itself notices: no reload, no link pressed.
    expect(page.get_by_role("link", name="PDF")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("link", name=re.compile("XLSX"))).to_be_visible()
    expect(status).to_contain_text("Klaar")
    arrive(page)  # the finished page, as it now looks (checked and photographed)
    pdf = page.request.get(page.get_by_role("link", name="PDF").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
