"""Issue 16: the demo tells the story of 2015 up to early February 2016, made through the real
services, so every part of the system has content and every demo role has work."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from sectorplan.accounts import policy
from sectorplan.accounts.models import User
from sectorplan.assessment import progress
from sectorplan.audit.models import AuditEvent
from sectorplan.demo.story import STORY_DATE, STORY_TITLE
from sectorplan.meetings.models import GoodPractice, Invitation, Meeting
from sectorplan.monitoring.models import NationalReport, ProgressReport
from sectorplan.monitoring.selectors import activity_overview, overview_json
from sectorplan.payments.models import PaymentBatch
from sectorplan.plans.models import Plan, StateChange
from sectorplan.plans.states import PlanState
from sectorplan.registry.clock import today
from sectorplan.registry.models import DeadlineExtension, MilestoneKind

# Every account the README and the start command name.
README_ACCOUNTS = ["cedris", "cedris-medewerker", "szw", "bzk", "vng", "sociale-partners",
                   "gemeente-leiden", "bedrijf-dzb-leiden"]


@pytest.fixture
def story(scheme, settings):
    settings.DEBUG = True
    with override_settings(DEMO_MODE=True):
        call_command("load-demo", "sw2015")
        yield scheme


def test_the_story_of_2015(story):
    """One load checked chapter by chapter (each load takes a while)."""
    _the_public_map_counts_most_regions_and_the_money_was_paid(story)
    _the_first_interim_reports_and_the_national_report(story)
    _meeting_invitees_answers_and_good_practices(story)
    _the_demo_date_is_the_story_date_and_history_lies_on_the_timeline(story)


def _the_public_map_counts_most_regions_and_the_money_was_paid(story):
    overview = overview_json(activity_overview(story))
    assert overview["regions_total"] == 35
    assert overview["regions_counted"] >= 30
    paid = PaymentBatch.objects.filter(scheme=story, paid_at__isnull=False)
    assert paid.count() == 1
    assert paid.get().paid_at.date() == datetime.date(2015, 12, 15)
    assert PaymentBatch.objects.filter(scheme=story, paid_at__isnull=True).exists()  # for BZK
    assert Plan.objects.filter(state__in=[PlanState.PAID, PlanState.IN_EXECUTION]).count() >= 30
    assert not Plan.objects.filter(is_demo=False).exists()


def _the_first_interim_reports_and_the_national_report(story):
    report = NationalReport.objects.get(scheme=story, kind=MilestoneKind.INTERIM_REPORT_1)
    assert report.pdf and report.xlsx
    submitted = ProgressReport.objects.filter(kind=MilestoneKind.INTERIM_REPORT_1,
                                              state="submitted")
    assert submitted.count() >= 25
    assert all(
        datetime.date(2016, 1, 1) <= r.submitted_at.date() <= datetime.date(2016, 1, 31)
        for r in submitted
    )
    reporting = Plan.objects.filter(state__in=[PlanState.PAID, PlanState.IN_EXECUTION])
    late = reporting.exclude(progress_reports__state="submitted")
    assert late.count() >= 3  # late on the demo date, or with the region's extension
    assert DeadlineExtension.objects.filter(kind=MilestoneKind.INTERIM_REPORT_1).count() == 1


def _meeting_invitees_answers_and_good_practices(story):
    meeting = Meeting.objects.get()
    assert meeting.date == datetime.date(2016, 2, 18)
    invitations = Invitation.objects.filter(meeting=meeting)
    assert invitations.count() >= 10
    assert invitations.exclude(response="pending").count() == 3
    assert GoodPractice.objects.count() == 2


def _the_demo_date_is_the_story_date_and_history_lies_on_the_timeline(story):
    with override_settings(DEMO_MODE=True):
        assert today() == STORY_DATE
    approvals = StateChange.objects.filter(transition="approve")
    assert {c.occurred_at.date() for c in approvals} == {datetime.date(2015, 11, 16)}
    plan_events = AuditEvent.objects.filter(scope__startswith="plan:")
    assert plan_events.count() > 100
    assert not plan_events.filter(occurred_at__date__gt=STORY_DATE).exists()


def test_every_demo_role_has_work_and_load_demo_again_changes_nothing(story, client):
    for username in README_ACCOUNTS:
        user = User.objects.get(username=username)
        tasks = progress.tasks_for(user, policy.visible_plans(user))
        assert tasks, username
        # Open reviews and change requests have a deadline ahead (their regions' extension).
        for task in tasks:
            if task.plan.state in (PlanState.IN_REVIEW, PlanState.CHANGES_REQUESTED):
                assert task.deadline >= STORY_DATE, (username, task.plan)
        client.force_login(user)
        with override_settings(DEMO_MODE=True):
            html = client.get("/").content.decode()
        assert str(tasks[0].action) in html, username
    counts = (Plan.objects.count(), StateChange.objects.count(), PaymentBatch.objects.count())
    with override_settings(DEMO_MODE=True):
        call_command("load-demo", "sw2015")
    assert (Plan.objects.count(), StateChange.objects.count(),
            PaymentBatch.objects.count()) == counts
    assert Plan.objects.filter(national_plans__title=STORY_TITLE).count() >= 30
