"""Shared by the progress report tests (no tests of its own): the project's URLs plus the report
API, for as long as sectorplan.api.urls does not append sectorplan.api.reports itself (once it
does, this adds nothing); and plans in reporting states with known activities and goals.

Plan states are written directly here (as in known.py): the report tests are about reports,
and test_reports.py walks one plan along the real path to show the states agree."""

import datetime
from decimal import Decimal

import pytest
from django.urls import include, path

from sectorplan import urls as root
from sectorplan.api import reports as api_reports
from sectorplan.api import urls as api_urls
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import (
    ActivityFactory,
    GoalFactory,
    ParticipantFactory,
    PlanFactory,
)
from sectorplan.registry.models import ActivityType, Region, SwCompany

_included = any(getattr(p, "name", None) == "progress-report-list" for p in api_urls.urlpatterns)
_api = [*api_urls.urlpatterns, *([] if _included else api_reports.urlpatterns)]

urlpatterns = [
    path("api/", include((_api, "api"))),
    *[p for p in root.urlpatterns if str(p.pattern) != "api/"],
]
URLS = "sectorplan.monitoring.tests.test_reports_support"


@pytest.fixture(autouse=True)
def plain_http(settings):
    """These tests are about reports, not transport security: no redirect to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False


INTERIM_1, INTERIM_2, FINAL = "interim_report_1", "interim_report_2", "final_report"
IN_JANUARY_2016 = datetime.date(2016, 1, 15)
AFTER_JANUARY_2016 = datetime.date(2016, 2, 1)


def reporting_plan(
    region: str = "AM19",
    company: str = "DZB Leiden",
    state: str = PlanState.IN_EXECUTION,
    title: str = "Samen aan het werk",
):
    """A plan being carried out, with two activities (one with a planned result) and a goal."""
    plan = PlanFactory(region=Region.objects.get(code=region), state=state, title=title)
    ParticipantFactory(plan=plan, sw_company=SwCompany.objects.get(name=company))
    ActivityFactory(
        plan=plan,
        description="Begeleiding van werk naar werk",
        planned_quantity=Decimal("40"),
        planned_unit="mensen",
    )
    ActivityFactory(
        plan=plan,
        activity_type=ActivityType.objects.get(code="jobcoaches"),
        description="Medewerkers opleiden tot jobcoach",
        planned_quantity=Decimal("12"),
        planned_unit="jobcoaches",
    )
    GoalFactory(plan=plan, description="Mensen aan het werk", planned_quantity=40)
    return plan


def activity_input(plan, *statuses, achieved=None, explanation="Loopt volgens plan."):
    """The service's `activities` argument: the plan's activities in order, one status each."""
    activities = list(plan.activities.order_by("pk"))
    return {
        activity.pk: {
            "status": status,
            "explanation": explanation,
            "achieved_quantity": None if achieved is None else achieved[i],
        }
        for i, (activity, status) in enumerate(zip(activities, statuses, strict=True))
    }
