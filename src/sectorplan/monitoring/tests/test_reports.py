"""A progress report's life: draft, submit inside the evaluation moment, late refused, an
extension allows it; statuses per activity, results against planned, audit, the web form and
the API, and one plan walked along the real path to in_execution."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.assessment.tests.journey import walk_to
from sectorplan.audit.models import AuditEvent
from sectorplan.monitoring import report_selectors as selectors
from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import ActivityStatus, ProgressReport, ReportState
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import DeadlineExtension

from .test_reports_support import (
    AFTER_JANUARY_2016,
    IN_JANUARY_2016,
    INTERIM_1,
    URLS,
    activity_input,
    plain_http,  # noqa: F401  (autouse fixture)
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]
COMPANY = "bedrijf-dzb-leiden"


@pytest.fixture
def plan(accounts, demo_date):
    demo_date(IN_JANUARY_2016)
    return reporting_plan()


def _draft(plan, user, *statuses, **kwargs):
    return services.save_report(
        plan, INTERIM_1, user=user, activities=activity_input(plan, *statuses), **kwargs
    )


def test_draft_then_submit_inside_the_window(plan, accounts):
    user = accounts[COMPANY]
    report = services.save_report(plan, INTERIM_1, user=user, went_well="Goede samenwerking.")
    assert report.state == ReportState.DRAFT and report.version == 1
    report = _draft(plan, user, ActivityStatus.RUNNING, ActivityStatus.DONE, version=1)
    assert report.version == 2 and report.went_well == "Goede samenwerking."
    report = services.submit_report(plan, INTERIM_1, user=user)
    assert report.state == ReportState.SUBMITTED and report.submitted_by == user
    with pytest.raises(ValidationError, match="ingediend"):
        services.save_report(plan, INTERIM_1, user=user, went_well="Later nog iets.")
    events = list(
        AuditEvent.objects.filter(
            scope=f"plan:{plan.pk}", action__startswith="progress_report"
        ).order_by("pk")
    )
    assert [e.action for e in events] == [
        "progress_report.created",
        "progress_report.saved",
        "progress_report.submitted",
    ]
    assert events[1].before["activities"] == {}
    assert {v[0] for v in events[1].after["activities"].values()} == {"running", "done"}


def test_submission_needs_every_activity_and_a_reason_for_dropping(plan, accounts):
    user = accounts[COMPANY]
    first = plan.activities.order_by("pk").first()
    services.save_report(
        plan, INTERIM_1, user=user, activities={first.pk: {"status": ActivityStatus.DROPPED}}
    )
    with pytest.raises(ValidationError) as refused:
        services.submit_report(plan, INTERIM_1, user=user)
    messages = " ".join(refused.value.messages)
    assert "gestopt" in messages and "Medewerkers opleiden tot jobcoach" in messages


def test_late_submission_is_refused_and_an_extension_allows_it(plan, accounts, demo_date):
    user = accounts[COMPANY]
    _draft(plan, user, ActivityStatus.RUNNING, ActivityStatus.NOT_STARTED)
    demo_date(AFTER_JANUARY_2016)
    with pytest.raises(ValidationError, match="tot en met 31 januari 2016"):
        services.submit_report(plan, INTERIM_1, user=user)
    assert ProgressReport.objects.get().state == ReportState.DRAFT
    DeadlineExtension.objects.create(
        scheme=plan.scheme,
        region=plan.region,
        kind=INTERIM_1,
        last_day=datetime.date(2016, 2, 15),
        reason="Ziekte van de projectleider",
        granted_by=accounts["cedris"],
    )
    assert services.submit_report(plan, INTERIM_1, user=user).is_submitted


def test_before_the_evaluation_moment_only_a_draft(plan, accounts, demo_date):
    demo_date(datetime.date(2015, 12, 20))
    _draft(plan, accounts[COMPANY], ActivityStatus.RUNNING, ActivityStatus.RUNNING)
    with pytest.raises(ValidationError, match="pas vanaf 1 januari 2016"):
        services.submit_report(plan, INTERIM_1, user=accounts[COMPANY])


def test_who_may_write(plan, accounts):
    for name in ("bedrijf-soweco", "gemeente-leiden", "cedris", "szw", "vng"):
        with pytest.raises(PermissionDenied):
            services.save_report(plan, INTERIM_1, user=accounts[name], went_well="x")
    plan.state = PlanState.GRANTED
    plan.save()
    with pytest.raises(ValidationError, match="uitbetaald"):
        services.save_report(plan, INTERIM_1, user=accounts[COMPANY], went_well="x")
    with pytest.raises(ValidationError):
        services.save_report(plan, "payment", user=accounts[COMPANY])


def test_a_stale_version_is_refused(plan, accounts):
    user = accounts[COMPANY]
    services.save_report(plan, INTERIM_1, user=user, went_well="Eerste")
    services.save_report(plan, INTERIM_1, user=user, went_well="Tweede", version=1)
    with pytest.raises(services.ReportConflict) as conflict:
        services.save_report(plan, INTERIM_1, user=user, went_well="Derde", version=1)
    assert conflict.value.current.version == 2
    assert ProgressReport.objects.get().went_well == "Tweede"


def test_statuses_and_results_against_planned(plan, accounts):
    activities = activity_input(
        plan, ActivityStatus.DONE, ActivityStatus.DROPPED, achieved=[Decimal("30"), None]
    )
    goal = plan.goals.get()
    report = services.save_report(
        plan,
        INTERIM_1,
        user=accounts[COMPANY],
        activities=activities,
        goals={goal.pk: {"achieved_quantity": "10", "explanation": "Eerste plaatsingen."}},
    )
    rows = selectors.activity_rows(plan, report)
    assert [(r.progress.status, r.planned_quantity, r.achieved_quantity) for r in rows] == [
        ("done", Decimal("40.00"), Decimal("30.00")),
        ("dropped", Decimal("12.00"), None),
    ]
    assert rows[0].achieved_share == Decimal("0.7500") and rows[0].achieved_percent == 75
    assert rows[1].achieved_percent is None
    (goal_row,) = selectors.goal_rows(plan, report)
    assert goal_row.achieved_percent == 25 and goal_row.unit == "mensen geplaatst"
    assert selectors.status_counts(report) == {
        "not_started": 0,
        "running": 0,
        "done": 1,
        "dropped": 1,
    }


def test_an_activity_of_another_plan_is_refused(plan, accounts):
    other = reporting_plan(title="Ander plan")
    foreign = other.activities.first()
    with pytest.raises(ValidationError, match="hoort niet bij dit plan"):
        services.save_report(
            plan, INTERIM_1, user=accounts[COMPANY], activities={foreign.pk: {"status": "done"}}
        )


def test_the_web_form_saves_and_submits(plan, accounts, client):
    client.force_login(accounts[COMPANY])
    url = reverse("monitoring:report-edit", args=[plan.pk, "tussenrapportage-1"])
    page = client.get(url).content.decode()
    # The legend may carry design-system classes: match the element, not its attributes.
    assert re.search(r"<legend[^>]*>Status", page) and "Begeleiding van werk naar werk" in page
    first, second = plan.activities.order_by("pk")
    goal = plan.goals.get()
    data = {
        "went_well": "Samenwerking met werkgevers.",
        "went_badly": "",
        "good_practice": "De werkgeverstafel.",
        f"activiteit-{first.pk}-status": "done",
        f"activiteit-{first.pk}-achieved_quantity": "41",
        f"activiteit-{second.pk}-status": "running",
        f"doel-{goal.pk}-achieved_quantity": "20",
        "indienen": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.is_submitted and report.good_practice == "De werkgeverstafel."
    detail = client.get(response["Location"]).content.decode()
    assert "103%" in detail and "50%" in detail and "Ingediend" in detail
    # A submitted report is read-only: the form sends the company back to the report.
    assert client.get(url).status_code == 302


def test_the_web_form_keeps_a_draft_when_submission_is_refused(plan, accounts, client):
    client.force_login(accounts[COMPANY])
    url = reverse("monitoring:report-edit", args=[plan.pk, "tussenrapportage-1"])
    response = client.post(url, {"went_well": "Goed begin.", "indienen": "1"})
    assert response.status_code == 200
    assert "Geef de status van de activiteit" in response.content.decode()
    assert ProgressReport.objects.get().state == ReportState.DRAFT


def test_the_api_creates_changes_and_submits(plan, accounts):
    api = APIClient()
    api.force_authenticate(accounts[COMPANY])
    first, second = plan.activities.order_by("pk")
    created = api.post(
        reverse("api:progress-report-list", args=[plan.pk]),
        {
            "moment": INTERIM_1,
            "went_well": "Goed",
            "activities": [{"activity": first.pk, "status": "running"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "draft" and body["deadline"] == "2016-01-31"
    assert body["activities"][0]["planned_quantity"] == "40.00"
    again = api.post(
        reverse("api:progress-report-list", args=[plan.pk]),
        {"moment": INTERIM_1, "went_badly": "Werving"},
        format="json",
    )
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    body = again.json()
    detail = reverse("api:progress-report-detail", args=[body["id"]])
    stale = api.patch(detail, {"version": 0, "went_badly": "x"}, format="json")
    assert stale.status_code == 409
    changed = api.patch(
        detail,
        {
            "version": body["version"],
            "activities": [{"activity": second.pk, "status": "done", "achieved_quantity": "12"}],
        },
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["went_well"] == "Goed"
    submitted = api.post(reverse("api:progress-report-submit", args=[body["id"]]), {})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    szw = APIClient()
    szw.force_authenticate(accounts["szw"])
    listed = szw.get(reverse("api:progress-report-list", args=[plan.pk])).json()
    assert [r["moment"] for r in listed] == [INTERIM_1]


def test_a_plan_walked_to_execution_reports(accounts, demo_date):
    plan = walk_to(PlanState.IN_EXECUTION, accounts, demo_date)
    assert plan.state == PlanState.IN_EXECUTION
    demo_date(IN_JANUARY_2016)
    user = accounts[COMPANY]
    statuses = [ActivityStatus.RUNNING] * plan.activities.count()
    services.save_report(plan, INTERIM_1, user=user, activities=activity_input(plan, *statuses))
    assert services.submit_report(plan, INTERIM_1, user=user).is_submitted
