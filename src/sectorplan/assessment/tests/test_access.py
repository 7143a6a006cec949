"""Every assessment page and API endpoint for every role, on an approved plan of the user's own
region, one of another region and a concept plan. Expected answers are written out, not derived
from accounts.policy, so a leak shows up as a failure."""

import os

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.assessment.models import NationalPlan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    GoalFactory,
    ParticipantFactory,
    PlanFactory,
    complete_plan,
)
from sectorplan.registry.models import Region, SwCompany

from .journey import walk_to

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",  # AM19
    "company_b": "bedrijf-soweco",  # AM05
    "municipality": "gemeente-leiden",  # AM19
    "assessor": "vng",
    "office": "cedris",
    "szw": "szw",
    "bzk": "bzk",
}
NATIONAL = {"office", "szw", "bzk"}
VISIBLE = {
    "own": {"company_a", "municipality", "assessor", "office", "szw", "bzk"},
    "other": {"company_b", "assessor", "office", "szw", "bzk"},
    "concept": {"company_a", "municipality", "office"},
}
# Plan pages: name -> (method, who gets through once the plan is visible, status for them)
PLAN_PAGES = {
    "assessment:review": ("get", "all", 200),
    "assessment:versions": ("get", "all", 200),
    "assessment:decision-pdf": ("get", "all", 200),
    "assessment:timeline": ("get", "all", 200),
    "assessment:timeline-export": ("get", "all", 200),
    # Approved plans: Cedris may post (refused with a message, so a redirect); no one else.
    "assessment:answer": ("post", {"office"}, 302),
    "assessment:step": ("post", {"office"}, 302),
    # Advice is closed once advised: every visible role is refused.
    "assessment:advise": ("post", set(), 302),
}
NATIONAL_PAGES = {
    "assessment:overview": ("get", NATIONAL, 200),
    "assessment:overview-export": ("get", NATIONAL, 200),
    "assessment:national-plans": ("get", NATIONAL, 200),
    "assessment:national-plan": ("get", NATIONAL, 200),
    # Already submitted: Cedris gets a message (redirect); SZW and BZK may not submit.
    "assessment:national-plan-submit": ("post", {"office"}, 302),
}
ASSESSMENT_URL_NAMES = set(PLAN_PAGES) | set(NATIONAL_PAGES)
# Plans without a version or decision answer 404 there even when visible.
NEEDS_VERSION = {"assessment:versions", "assessment:decision-pdf"}


def _pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        if os.environ.get("SECTORPLAN_REQUIRE_SYSTEM_PACKAGES") == "1":
            raise
        return False
    return True


@pytest.fixture
def world(accounts, demo_date):
    own = walk_to(PlanState.APPROVED, accounts, demo_date)
    other = PlanFactory(region=Region.objects.get(code="AM05"))
    ParticipantFactory(plan=other, sw_company=SwCompany.objects.get(name="Soweco"))
    GoalFactory(plan=other)
    ActivityFactory(plan=other)
    BudgetLineFactory(plan=other)
    other = walk_to(PlanState.APPROVED, accounts, demo_date, plan=other)
    return {"own": own, "other": other, "concept": complete_plan()}


def _url(name, plan):
    if name == "assessment:timeline-export":
        return reverse(name, args=[plan.pk, "csv"])
    if name == "assessment:step":
        return reverse(name, args=[plan.pk, "request_changes"])
    return reverse(name, args=[plan.pk])


def _client(client, accounts, role):
    client.logout()
    if ROLES[role]:
        client.force_login(accounts[ROLES[role]])
    return client


@pytest.mark.parametrize("name", sorted(PLAN_PAGES))
def test_plan_pages_per_role(name, client, accounts, world):
    if name == "assessment:decision-pdf" and not _pdf_available():
        pytest.skip("WeasyPrint's system libraries are missing")
    method, allowed, status = PLAN_PAGES[name]
    wrong = []
    for target, plan in world.items():
        for role in ROLES:
            if role == "anonymous":
                expected = 302
            elif role not in VISIBLE[target]:
                expected = 404
            elif target == "concept" and name in NEEDS_VERSION:
                expected = 404
            elif allowed == "all" or role in allowed:
                expected = status
            else:
                expected = 403
            got = getattr(_client(client, accounts, role), method)(_url(name, plan)).status_code
            if got != expected:
                wrong.append((target, role, expected, got))
    assert not wrong, wrong


@pytest.mark.parametrize("name", sorted(NATIONAL_PAGES))
def test_national_pages_per_role(name, client, accounts, world):
    method, allowed, status = NATIONAL_PAGES[name]
    national = NationalPlan.objects.get(plans=world["own"])
    args = {
        "assessment:national-plan": [national.pk],
        "assessment:national-plan-submit": [national.pk],
        "assessment:overview-export": ["xlsx"],
    }
    url = reverse(name, args=args.get(name, []))
    wrong = []
    for role in ROLES:
        expected = 302 if role == "anonymous" else (status if role in allowed else 403)
        got = getattr(_client(client, accounts, role), method)(url).status_code
        if got != expected:
            wrong.append((role, expected, got))
    assert not wrong, wrong


def test_a_concept_national_plan_is_hidden_from_the_ministries(client, accounts, world):
    draft = NationalPlan.objects.create(
        scheme=world["own"].scheme, title="Concept", cover_text="-", created_by=accounts["cedris"]
    )
    url = reverse("assessment:national-plan", args=[draft.pk])
    for role, expected in (("office", 200), ("szw", 404), ("bzk", 404)):
        assert _client(client, accounts, role).get(url).status_code == expected, role


def api(accounts, role):
    client = APIClient()
    if ROLES[role]:
        client.force_authenticate(accounts[ROLES[role]])
    return client
