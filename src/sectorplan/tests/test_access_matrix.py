"""Every URL pattern, every role, own and other region: who may read, change, delete, act.

The expected answers are written out here, not derived from accounts.policy, so a change to the
policy that leaks shows up as a failure. A URL pattern without an entry fails the suite.
Assessment pages (review, decision, national plan) have their own matrix on plans that got that
far: assessment/tests/test_access.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from sectorplan.assessment.tests.test_access import ASSESSMENT_URL_NAMES
from sectorplan.plans.attachments import add_attachment
from sectorplan.plans.models import Participant
from sectorplan.plans.tests.documents import PDF as VALID_PDF
from sectorplan.plans.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    CommitmentFactory,
    GoalFactory,
    PlanFactory,
)
from sectorplan.registry.models import Region, SwCompany

ROLES = {
    "anonymous": None,
    "company_a": "bedrijf-dzb-leiden",  # works in AM19 (and AM34)
    "company_b": "bedrijf-soweco",  # works in AM05
    "municipality": "gemeente-leiden",  # central municipality of AM19
    "assessor": "vng",
    "office": "cedris",
    "ministry": "szw",
}
# Concept plans: "own" in AM19, "other" in AM05.
VISIBLE = {"own": {"company_a", "municipality", "office"}, "other": {"company_b", "office"}}
EDITS = {"own": {"company_a"}, "other": {"company_b"}}
COMPANIES = {"own": "DZB Leiden", "other": "Soweco"}
PARTS = ["deelnemers", "doelen", "activiteiten", "begroting", "cofinanciering"]
API_PARTS = ["participants", "goals", "activities", "budget-lines", "commitments"]


def walk(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, inner)
        else:
            yield namespace + (pattern.name or "")


def url_names():
    return sorted(
        {name for name in walk(get_resolver().url_patterns) if not name.startswith("admin:")}
    )


@pytest.fixture
def world(accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects = {}
    for target, code in (("own", "AM19"), ("other", "AM05")):
        plan = PlanFactory(region=Region.objects.get(code=code))
        company = SwCompany.objects.get(name=COMPANIES[target])
        owner = accounts[ROLES["company_a" if target == "own" else "company_b"]]
        objects[target] = {
            "plan": plan,
            "deelnemers": Participant.objects.create(
                plan=plan, sw_company=company, contact_name="X"
            ),
            "doelen": GoalFactory(plan=plan),
            "activiteiten": ActivityFactory(plan=plan),
            "begroting": BudgetLineFactory(plan=plan, national_contribution_cents=1),
            "cofinanciering": CommitmentFactory(plan=plan),
            "attachment": add_attachment(plan, SimpleUploadedFile("a.pdf", VALID_PDF), user=owner),
        }
    return objects


def web_client(client, accounts, role):
    client.logout()
    if ROLES[role]:
        client.force_login(accounts[ROLES[role]])
    return client


def api_client(accounts, role):
    client = APIClient()
    if ROLES[role]:
        client.force_authenticate(accounts[ROLES[role]])
    return client


def plan_answer(role, target, *, needs_edit, allowed=None):
    """Web answer for a plan page: log-in first, then 404 if invisible, then 403 if not allowed."""
    if role == "anonymous":
        return 302
    if role not in VISIBLE[target]:
        return 404
    ok = allowed if allowed is not None else (role in EDITS[target] if needs_edit else True)
    return 200 if ok else 403


def api_answer(role, target, *, needs_edit, success):
    if role == "anonymous":
        return 403
    if role not in VISIBLE[target]:
        return 404
    if needs_edit and role not in EDITS[target]:
        return 403
    return success


def only(*allowed, anonymous=302, yes=200, no=403):
    return lambda role: anonymous if role == "anonymous" else (yes if role in allowed else no)


def everyone(status):
    return lambda role: status


PUBLIC_GETS = {
    "web:home": lambda w: "/",
    "web:budget": lambda w: reverse("web:budget", args=["sw2015"]),
    "web:budget-csv": lambda w: reverse("web:budget-csv", args=["sw2015"]),
    "web:budget-xlsx": lambda w: reverse("web:budget-xlsx", args=["sw2015"]),
    "api:scheme-allocation": lambda w: reverse("api:scheme-allocation", args=["sw2015"]),
    "api:schema": lambda w: reverse("api:schema"),
    "api:swagger-ui": lambda w: reverse("api:swagger-ui"),
    "login": lambda w: reverse("login"),
    "password_reset": lambda w: reverse("password_reset"),
    "password_reset_done": lambda w: reverse("password_reset_done"),
    "password_reset_complete": lambda w: reverse("password_reset_complete"),
    "password_reset_confirm": lambda w: reverse("password_reset_confirm", args=["MQ", "x-y"]),
    "favicon": lambda w: reverse("favicon"),
}
# name -> (method, url(world), expected(role))
SITE_WIDE = {
    "logout": ("post", lambda w: reverse("logout"), everyone(302)),
    "set_language": ("post", lambda w: reverse("set_language"), everyone(302)),
    "password_change": ("get", lambda w: reverse("password_change"), only(*ROLES)),
    "password_change_done": ("get", lambda w: reverse("password_change_done"), only(*ROLES)),
    "plans:list": ("get", lambda w: reverse("plans:list"), only(*ROLES)),
    # The list's export holds only the plans the list shows that person (tests in plans/tests).
    "plans:list-export": (
        "get",
        lambda w: reverse("plans:list-export", args=["csv"]),
        only(*ROLES),
    ),
    "plans:create": ("get", lambda w: reverse("plans:create"), only("company_a", "company_b")),
    "plans:dashboard": ("get", lambda w: reverse("plans:dashboard"), only("office")),
    "plans:dashboard-export": (
        "get",
        lambda w: reverse("plans:dashboard-export", args=["xlsx"]),
        only("office"),
    ),
    "plans:extensions": ("get", lambda w: reverse("plans:extensions"), only("office")),
    "plans:demo-clock": ("post", lambda w: reverse("plans:demo-clock"), only("office", yes=302)),
    "schemes:list": ("get", lambda w: reverse("schemes:list"), only("office")),
    "schemes:definition": (
        "get",
        lambda w: reverse("schemes:definition", args=["sw2015"]),
        only("office"),
    ),
    "api:plan-list": ("get", lambda w: reverse("api:plan-list"), only(*ROLES, anonymous=403)),
    "api:scheme-list": ("get", lambda w: reverse("api:scheme-list"), only("office", anonymous=403)),
    "api:region-set-list": (
        "get",
        lambda w: reverse("api:region-set-list"),
        only("office", anonymous=403),
    ),
    "api:scheme-definition": (
        "get",
        lambda w: reverse("api:scheme-definition", args=["sw2015"]),
        only("office", anonymous=403),
    ),
    # An empty body is no definition: the office gets its problems (400), nobody else an answer.
    "api:scheme-check": (
        "post",
        lambda w: reverse("api:scheme-check"),
        only("office", anonymous=403, yes=400),
    ),
}


def plan_urls(name, w, target):
    objects, plan = w[target], w[target]["plan"]
    args = {
        "plans:detail": [plan.pk],
        "plans:edit": [plan.pk],
        "plans:attachment-add": [plan.pk],
        "plans:attachment": [plan.pk, objects["attachment"].pk],
        "plans:attachment-delete": [plan.pk, objects["attachment"].pk],
        "plans:commitment-commit": [plan.pk, objects["cofinanciering"].pk],
        "plans:transition": [plan.pk, "submit_to_municipality"],
        "api:plan-detail": [plan.pk],
        "api:plan-transitions": [plan.pk],
    }
    if name in args:
        return [reverse(name, args=args[name])]
    if name == "plans:part-add":
        return [reverse(name, args=[plan.pk, part]) for part in PARTS]
    if name in ("plans:part-edit", "plans:part-delete"):
        return [reverse(name, args=[plan.pk, part, objects[part].pk]) for part in PARTS]
    part = name.removeprefix("api:plan-").removesuffix("-list").removesuffix("-detail")
    part_objects = dict(zip(API_PARTS, PARTS, strict=True))
    if name.endswith("-list"):
        return [reverse(name, args=[plan.pk])]
    return [reverse(name, args=[plan.pk, objects[part_objects[part]].pk])]


def check_plan_url(name, role, target, client, accounts, w):
    """Returns a list of (url, method, expected, got) that disagree."""
    wrong = []
    for url in plan_urls(name, w, target):
        if name.startswith("api:"):
            api = api_client(accounts, role)
            checks = [("get", api_answer(role, target, needs_edit=False, success=200))]
            if name == "api:plan-transitions":
                checks = [("post", api_answer(role, target, needs_edit=True, success=400))]
            elif name.endswith("-detail"):
                checks.append(("patch", api_answer(role, target, needs_edit=True, success=400)))
                if name != "api:plan-detail":
                    checks.append(
                        (
                            "delete?version=999",
                            api_answer(role, target, needs_edit=True, success=409),
                        )
                    )
            elif name != "api:plan-detail":
                checks.append(("post", api_answer(role, target, needs_edit=True, success=400)))
            for method, expected in checks:
                verb, _, query = method.partition("?")
                target_url = f"{url}?{query}" if query else url
                response = getattr(api, verb)(
                    target_url,
                    {"transition": "submit_to_municipality"}
                    if name == "api:plan-transitions"
                    else {},
                    format="json",
                )
                if response.status_code != expected:
                    wrong.append((url, method, expected, response.status_code))
            continue
        web = web_client(client, accounts, role)
        if name == "plans:transition":
            allowed = role in EDITS[target]
            expected = (
                302
                if role == "anonymous" or allowed
                else plan_answer(role, target, needs_edit=True)
            )
            response = web.post(url)
        elif name == "plans:commitment-commit":
            expected = plan_answer(role, target, needs_edit=True, allowed=False)
            response = web.post(url, {"version": 1})
        else:
            needs_edit = name not in ("plans:detail", "plans:attachment")
            expected = plan_answer(role, target, needs_edit=needs_edit)
            response = web.get(url)
        if response.status_code != expected:
            wrong.append((url, "get/post", expected, response.status_code))
    return wrong


PLAN_NAMES = [
    "plans:detail",
    "plans:edit",
    "plans:attachment-add",
    "plans:attachment",
    "plans:attachment-delete",
    "plans:commitment-commit",
    "plans:transition",
    "plans:part-add",
    "plans:part-edit",
    "plans:part-delete",
    "api:plan-detail",
    "api:plan-transitions",
    *[f"api:plan-{part}-{kind}" for part in API_PARTS for kind in ("list", "detail")],
]


def test_every_url_pattern_is_in_the_matrix():
    from sectorplan.accounts.tests.test_twofactor import ACCOUNTS_URL_NAMES
    from sectorplan.api.tests.test_assessment_api_access import API_ASSESSMENT_URL_NAMES
    from sectorplan.api.tests.test_payments_api import API_PAYMENTS_URL_NAMES
    from sectorplan.audit.tests.test_log_page import AUDIT_URL_NAMES
    from sectorplan.jobs.tests.test_access import JOBS_URL_NAMES
    from sectorplan.meetings.tests.test_access import MEETINGS_URL_NAMES
    from sectorplan.monitoring.tests.test_access import MONITORING_OVERVIEW_URL_NAMES
    from sectorplan.monitoring.tests.test_reports_access import REPORT_URL_NAMES
    from sectorplan.payments.tests.test_views import PAYMENTS_URL_NAMES

    covered = (
        set(PUBLIC_GETS)
        | set(SITE_WIDE)
        | set(PLAN_NAMES)
        | ASSESSMENT_URL_NAMES
        | API_ASSESSMENT_URL_NAMES
        | PAYMENTS_URL_NAMES
        | API_PAYMENTS_URL_NAMES
        | MONITORING_OVERVIEW_URL_NAMES
        | MEETINGS_URL_NAMES
        | AUDIT_URL_NAMES
        | ACCOUNTS_URL_NAMES
        | REPORT_URL_NAMES
        | JOBS_URL_NAMES
    )
    assert set(url_names()) - covered == set(), "add the new URL to the access matrix"
    assert covered - set(url_names()) == set(), "the matrix names a URL that no longer exists"


@pytest.mark.parametrize("name", sorted(PUBLIC_GETS))
def test_public_pages_open_for_everyone(name, client, accounts, world):
    for role in ROLES:
        response = web_client(client, accounts, role).get(PUBLIC_GETS[name](world))
        assert response.status_code == 200, (name, role, response.status_code)


@pytest.mark.parametrize("name", sorted(SITE_WIDE))
@override_settings(DEMO_MODE=True)
def test_site_wide_pages_per_role(name, client, accounts, world):
    method, url, expected = SITE_WIDE[name]
    wrong = []
    for role in ROLES:
        web = (
            api_client(accounts, role)
            if name.startswith("api:")
            else web_client(client, accounts, role)
        )
        data = {"today": "2015-08-21"} if name == "plans:demo-clock" else {}
        response = getattr(web, method)(url(world), data)
        if response.status_code != expected(role):
            wrong.append((role, expected(role), response.status_code))
    assert not wrong, wrong


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_plan_pages_per_role_own_and_other_region(name, client, accounts, world):
    wrong = []
    for role in ROLES:
        for target in ("own", "other"):
            wrong += [
                (role, target, *w)
                for w in check_plan_url(name, role, target, client, accounts, world)
            ]
    assert not wrong, wrong


def test_admin_is_only_for_staff(client, accounts):
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]
    for role in ROLES:
        web = web_client(client, accounts, role)
        for url in urls:
            status = web.get(url).status_code
            assert status == (200 if role == "office" else 302), (role, url, status)
