"""Every progress report URL (pages and API) for every role. The expected answers are written
out per role, not derived from accounts.policy, so a leak shows up as a failure.
REPORT_URL_NAMES is for the project-wide matrix (tests/test_access_matrix.py).

The plans are AM19's (DZB Leiden, central municipality Leiden); Soweco works in AM05 only."""

import pytest
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from sectorplan.monitoring import report_services as services
from sectorplan.monitoring.models import ActivityStatus

from .test_national_api import NATIONAL_API_URL_NAMES
from .test_reports_support import (
    IN_JANUARY_2016,
    INTERIM_1,
    URLS,
    activity_input,
    plain_http,  # noqa: F401  (autouse fixture)
    reporting_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(URLS)]

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",  # AM19
    "company_b": "bedrijf-soweco",  # AM05
    "municipality": "gemeente-leiden",  # AM19
    "assessor": "vng",
    "office": "cedris",
    "ministry": "szw",
}


def NO_ARGS(w):
    return []


def DRAFT(w):
    return [w["draft"].plan_id, "tussenrapportage-1"]


def SUBMITTED(w):
    return [w["submitted"].plan_id, "tussenrapportage-1"]


def NOT_STARTED(w):
    return [w["draft"].plan_id, "eindrapportage"]


def MOMENT(w):
    return ["tussenrapportage-1"]


def DRAFT_PLAN(w):
    return [w["draft"].plan_id]


def DRAFT_API(w):
    return [w["draft"].pk]


def SUBMITTED_API(w):
    return [w["submitted"].pk]


# name -> [(method, url arguments(world), body, expected status per role)]; the columns follow
# ROLES: anonymous, company_a, company_b, municipality, assessor, office, ministry.
WEB = {
    # An address written with the API's moment code is sent on to the Dutch one, for anyone: the
    # page it leads to asks for the log-in.
    "monitoring:report-code": [
        ("get", lambda w: [w["draft"].plan_id, "interim_report_1"], None, "301 " * 7),
    ],
    "monitoring:report-code-rest": [
        ("get", lambda w: [w["draft"].plan_id, "final_report", "bewerken/"], None, "301 " * 7),
    ],
    "monitoring:national-report-code": [("get", lambda w: ["final_report"], None, "301 " * 7)],
    "monitoring:national-report-code-rest": [
        ("get", lambda w: ["interim_report_2", "bestand.pdf"], None, "301 " * 7),
    ],
    "monitoring:report-list": [("get", NO_ARGS, None, "302 200 200 200 403 200 200")],
    "monitoring:report-list-export": [
        ("get", lambda w: ["csv"], None, "302 200 200 200 403 200 200"),
        ("get", lambda w: ["xlsx"], None, "302 200 200 200 403 200 200"),
        ("get", lambda w: ["doc"], None, "302 404 404 404 403 404 404"),
    ],
    # The report's tables as CSV/XLSX: whoever reads the report.
    "monitoring:report-detail-export": [
        ("get", lambda w: [*DRAFT(w), "csv"], None, "302 200 403 200 403 200 403"),
        ("get", lambda w: [*SUBMITTED(w), "xlsx"], None, "302 200 403 200 403 200 200"),
        ("get", lambda w: [*SUBMITTED(w), "doc"], None, "302 404 403 404 403 404 404"),
    ],
    # Good practices: the company links in its draft, Cedris links and shares at any time.
    "monitoring:report-practices": [
        ("post", DRAFT, {"action": "link"}, "302 302 403 403 403 302 403"),
        ("post", SUBMITTED, {"action": "link"}, "302 403 403 403 403 302 403"),
        ("post", SUBMITTED, {"action": "share", "title": "X"}, "302 403 403 403 403 302 403"),
    ],
    "monitoring:report-late": [("get", NO_ARGS, None, "302 403 403 403 403 200 403")],
    "monitoring:report-late-export": [
        ("get", lambda w: ["csv"], None, "302 403 403 403 403 200 403"),
        ("get", lambda w: ["xlsx"], None, "302 403 403 403 403 200 403"),
    ],
    # SZW reads submitted reports only; the municipality reads its region's, drafts too.
    "monitoring:report-detail": [
        ("get", DRAFT, None, "302 200 403 200 403 200 403"),
        ("get", SUBMITTED, None, "302 200 403 200 403 200 200"),
        ("get", NOT_STARTED, None, "302 200 403 200 403 200 403"),
    ],
    # The company is sent from a submitted report's form back to the report (302).
    "monitoring:report-edit": [
        ("get", DRAFT, None, "302 200 403 403 403 403 403"),
        ("get", SUBMITTED, None, "302 302 403 403 403 403 403"),
    ],
    # The draft is incomplete: the company is sent back with the reason (302), nothing changes.
    "monitoring:report-submit": [("post", DRAFT, {}, "302 302 403 403 403 403 403")],
    # The national reports: Cedris compiles (texts, generation), SZW reads and downloads.
    "monitoring:national-report": [
        ("get", MOMENT, None, "302 403 403 403 403 200 200"),
        ("post", MOMENT, {"overview": "Tekst"}, "302 403 403 403 403 302 403"),
    ],
    "monitoring:national-report-generate": [("post", MOMENT, {}, "302 403 403 403 403 302 403")],
    # The state the page polls: not started yet, so nothing to follow (404) for its readers.
    "monitoring:national-report-status": [("get", MOMENT, None, "302 403 403 403 403 404 404")],
    # Not generated yet: nothing to download (404) for whom may read it.
    "monitoring:national-report-file": [
        ("get", lambda w: ["tussenrapportage-1", "pdf"], None, "302 403 403 403 403 404 404"),
        ("get", lambda w: ["eindrapportage", "xlsx"], None, "302 403 403 403 403 404 404"),
    ],
}
API = {
    "api:progress-report-list": [
        ("get", DRAFT_PLAN, None, "403 200 403 200 403 200 200"),
        ("post", DRAFT_PLAN, {}, "403 400 403 403 403 403 403"),
    ],
    "api:progress-report-detail": [
        ("get", DRAFT_API, None, "403 200 403 200 403 200 403"),
        ("get", SUBMITTED_API, None, "403 200 403 200 403 200 200"),
        ("patch", DRAFT_API, {"went_well": "Goed"}, "403 200 403 403 403 403 403"),
        ("patch", SUBMITTED_API, {"went_well": "Goed"}, "403 400 403 403 403 403 403"),
    ],
    "api:progress-report-submit": [
        ("post", DRAFT_API, {}, "403 400 403 403 403 403 403"),
        ("post", SUBMITTED_API, {}, "403 400 403 403 403 403 403"),
    ],
}
REPORT_URL_NAMES = set(WEB) | set(API) | NATIONAL_API_URL_NAMES


@pytest.fixture
def world(accounts, demo_date):
    demo_date(IN_JANUARY_2016)
    company = accounts["bedrijf-dzb-leiden"]
    draft_plan = reporting_plan(title="Plan met concept")
    submitted_plan = reporting_plan(title="Plan met ingediende rapportage")
    draft = services.save_report(draft_plan, INTERIM_1, user=company, went_well="Concept")
    statuses = [ActivityStatus.RUNNING, ActivityStatus.DONE]
    services.save_report(
        submitted_plan,
        INTERIM_1,
        user=company,
        activities=activity_input(submitted_plan, *statuses),
    )
    submitted = services.submit_report(submitted_plan, INTERIM_1, user=company)
    return {"draft": draft, "submitted": submitted}


def _check(name, checks, w, accounts, client, *, api: bool):
    wrong = []
    for index, role in enumerate(ROLES):
        user = accounts[ROLES[role]] if ROLES[role] else None
        if api:
            agent = APIClient()
            if user:
                agent.force_authenticate(user)
        else:
            agent = client
            agent.logout()
            if user:
                agent.force_login(user)
        for method, url_args, body, statuses in checks:
            expected = int(statuses.split()[index])
            url = reverse(name, args=url_args(w))
            kwargs = {"format": "json"} if api and body is not None else {}
            args = [url] + ([body] if body is not None else [])
            got = getattr(agent, method)(*args, **kwargs).status_code
            if got != expected:
                wrong.append((url, method, role, expected, got))
    return wrong


@pytest.mark.parametrize("name", sorted(WEB))
def test_every_report_page_per_role(name, world, accounts, client):
    assert _check(name, WEB[name], world, accounts, client, api=False) == []


@pytest.mark.parametrize("name", sorted(API))
def test_every_report_endpoint_per_role(name, world, accounts, client):
    assert _check(name, API[name], world, accounts, client, api=True) == []


def test_a_draft_never_reaches_szw(world, accounts, client):
    client.force_login(accounts["szw"])
    html = client.get(reverse("monitoring:report-list")).content.decode()
    assert "Plan met ingediende rapportage" in html
    assert "Plan met concept" not in html


def test_every_report_url_is_in_the_matrix():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner)
            else:
                yield namespace + (pattern.name or "")

    names = set(walk(get_resolver().url_patterns))
    ours = {
        n
        for n in names
        if n.startswith(("monitoring:report-", "monitoring:national-report"))
        or "progress-report" in n
        or n.startswith("api:national-report")
    }
    assert ours == REPORT_URL_NAMES
