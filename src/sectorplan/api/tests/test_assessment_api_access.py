"""Every assessment API endpoint for every role, on an approved plan of the own region (AM19),
one of another region (AM05) and a concept plan; national plans submitted and in draft.

The expected answers are written out, not derived from accounts.policy, so a leak shows up as
a failure: anonymous 403 (DRF), a plan or national plan this user may not see 404, seen but
not allowed 403. The write calls send bodies that are refused, so the world never changes."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sectorplan.assessment.models import NationalPlan
from sectorplan.assessment.tests.journey import walk_to
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

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",  # AM19 (and AM34)
    "company_b": "bedrijf-soweco",  # AM05
    "municipality": "gemeente-leiden",  # AM19
    "assessor": "vng",
    "office": "cedris",
    "szw": "szw",
    "bzk": "bzk",
}

# (name, method) -> (body, {target: status per role, in the order of ROLES})
# fmt: off
#                           anon  co_a  co_b  mun   ass   off   szw   bzk
PLAN_URLS = {
    ("api:plan-review", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  200,  404,  200,  404,  200,  404,  404),
    }),
    # Only Cedris answers, and only while it reviews: the approved plan is refused (400).
    ("api:plan-review-answers", "post"): ({"answers": []}, {
        "own":             (403,  403,  404,  403,  403,  400,  403,  403),
        "other":           (403,  404,  403,  404,  403,  400,  403,  403),
        "concept":         (403,  403,  404,  403,  404,  400,  404,  404),
    }),
    # Advice closes once Cedris has advised: every role that sees the plan is refused.
    ("api:plan-advice", "post"): ({"recommendation": "positive", "comments": "x"}, {
        "own":             (403,  403,  404,  403,  403,  403,  403,  403),
        "other":           (403,  404,  403,  404,  403,  403,  403,  403),
        "concept":         (403,  403,  404,  403,  404,  403,  404,  404),
    }),
    # A concept plan has no versions yet: an empty list, and nothing to show or compare.
    ("api:plan-versions-list", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  200,  404,  200,  404,  200,  404,  404),
    }),
    ("api:plan-versions-detail", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  404,  404,  404,  404,  404,  404,  404),
    }),
    ("api:plan-versions-compare", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  404,  404,  404,  404,  404,  404,  404),
    }),
    ("api:plan-timeline", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  200,  404,  200,  404,  200,  404,  404),
    }),
    # Not new, but GET is: what this user may do now (nothing, on an approved plan, for most).
    ("api:plan-transitions", "get"): (None, {
        "own":             (403,  200,  404,  200,  200,  200,  200,  200),
        "other":           (403,  404,  200,  404,  200,  200,  200,  200),
        "concept":         (403,  200,  404,  200,  404,  200,  404,  404),
    }),
}
# Only SZW sees a national plan and may decide on it (the empty body is refused: 400); only
# Cedris drafts, changes and submits one (a submitted one is refused: 400 or 403).
#                           anon  co_a  co_b  mun   ass   off   szw   bzk
NATIONAL_URLS = {
    ("api:national-plan-list", "get"): (None, {
        "submitted":       (403,  403,  403,  403,  403,  200,  200,  200),
    }),
    ("api:national-plan-list", "post"): ({}, {
        "submitted":       (403,  403,  403,  403,  403,  400,  403,  403),
    }),
    ("api:national-plan-detail", "get"): (None, {
        "submitted":       (403,  403,  403,  403,  403,  200,  200,  200),
        "draft":           (403,  403,  403,  403,  403,  200,  404,  404),
    }),
    ("api:national-plan-detail", "patch"): ({"title": ""}, {
        "submitted":       (403,  403,  403,  403,  403,  403,  403,  403),
        "draft":           (403,  403,  403,  403,  403,  400,  404,  404),
    }),
    ("api:national-plan-submit", "post"): (None, {
        "submitted":       (403,  403,  403,  403,  403,  400,  403,  403),
        "draft":           (403,  403,  403,  403,  403,  400,  404,  404),
    }),
    ("api:national-plan-decisions", "post"): ({}, {
        "submitted":       (403,  403,  403,  403,  403,  403,  400,  403),
        "draft":           (403,  403,  403,  403,  403,  403,  404,  404),
    }),
    ("api:scheme-progress", "get"): (None, {
        "submitted":       (403,  403,  403,  403,  403,  200,  200,  200),
    }),
}
# fmt: on
# Every URL name this file covers, for the matrix of all URLs (tests/test_access_matrix.py).
API_ASSESSMENT_URL_NAMES = {name for name, _ in (*PLAN_URLS, *NATIONAL_URLS)} - {
    "api:plan-transitions"
}


@pytest.fixture
def world(accounts, demo_date):
    own = walk_to(PlanState.APPROVED, accounts, demo_date)
    other = PlanFactory(region=Region.objects.get(code="AM05"))
    ParticipantFactory(plan=other, sw_company=SwCompany.objects.get(name="Soweco"))
    GoalFactory(plan=other)
    ActivityFactory(plan=other)
    BudgetLineFactory(plan=other)
    other = walk_to(PlanState.APPROVED, accounts, demo_date, plan=other)
    draft = NationalPlan.objects.create(
        scheme=own.scheme, title="Concept", cover_text="-", created_by=accounts["cedris"]
    )
    return {
        "own": own,
        "other": other,
        "concept": complete_plan(),
        "submitted": NationalPlan.objects.get(plans=own),
        "draft": draft,
    }


def client_for(accounts, role) -> APIClient:
    client = APIClient()
    if ROLES[role]:
        client.force_authenticate(accounts[ROLES[role]])
    return client


def url_for(name, target):
    if name in ("api:national-plan-list", "api:scheme-progress"):
        return reverse(name, args=["sw2015"] if name == "api:scheme-progress" else [])
    if name == "api:plan-versions-detail":
        return reverse(name, args=[target.pk, 1])
    return reverse(name, args=[target.pk])


def disagreements(table, accounts, world) -> list[tuple]:
    wrong = []
    for (name, method), (body, expected) in table.items():
        for target, statuses in expected.items():
            url = url_for(name, world[target])
            for role, status in zip(ROLES, statuses, strict=True):
                call = getattr(client_for(accounts, role), method)
                got = call(url, body, format="json") if body is not None else call(url)
                if got.status_code != status:
                    wrong.append((name, method, target, role, status, got.status_code))
    return wrong


def test_plan_endpoints_per_role_own_and_other_region(accounts, world):
    assert not disagreements(PLAN_URLS, accounts, world)


def test_national_endpoints_per_role(accounts, world):
    assert not disagreements(NATIONAL_URLS, accounts, world)
    assert NationalPlan.objects.get(pk=world["draft"].pk).title == "Concept"
    assert client_for(accounts, "office").get("/api/v1/schemes/nope/progress/").status_code == 404


def test_refusals_say_why_in_dutch(accounts, world):
    own, submitted = world["own"], world["submitted"]
    answers = client_for(accounts, "szw").post(
        reverse("api:plan-review-answers", args=[own.pk]), {"answers": []}, format="json"
    )
    assert answers.json() == {"detail": "Alleen Cedris toetst plannen."}
    hidden = client_for(accounts, "company_b").get(reverse("api:plan-review", args=[own.pk]))
    assert hidden.json() == {"detail": "Dit plan bestaat niet of u mag het niet zien."}
    decisions = client_for(accounts, "bzk").post(
        reverse("api:national-plan-decisions", args=[submitted.pk]), {}, format="json"
    )
    assert decisions.json() == {"detail": "Alleen SZW besluit over de deelplannen."}
    listing = client_for(accounts, "assessor").get(reverse("api:national-plan-list"))
    assert listing.json() == {"detail": "Deze pagina is voor Cedris en de ministeries."}
    submit = client_for(accounts, "office").post(
        reverse("api:national-plan-submit", args=[submitted.pk])
    )
    assert submit.json() == {
        "non_field_errors": ["Dit landelijk sectorplan is al ingediend bij SZW."]
    }
