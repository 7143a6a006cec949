"""/plannen/ renders its filter, rows and page links once for everyone who sees the same plans
with the same parameters (policy.sight), and again when a plan changes (issue 15).

Transactional: outside a transaction is where the cache is used."""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sectorplan.accounts.models import Membership, Role, User
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Region

from .factories import PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _list(client, **params) -> str:
    return client.get("/plannen/", params).content.decode()


def test_the_list_is_rendered_again_when_a_plan_changes(client, accounts):
    client.force_login(accounts["cedris"])
    plan = PlanFactory(title="Eerste titel", state=PlanState.CONCEPT)
    assert "Eerste titel" in _list(client)

    with CaptureQueriesContext(connection) as kept:
        assert "Eerste titel" in _list(client)
    assert not [q for q in kept if "plans_plan" in q["sql"]]  # nothing read again

    plan.title = "Tweede titel"
    plan.save()
    page = _list(client)
    assert "Tweede titel" in page and "Eerste titel" not in page

    # Each set of parameters keeps its own page.
    assert "Tweede titel" not in _list(client, status=PlanState.SUBMITTED_TO_MUNICIPALITY)
    assert "Tweede titel" in _list(client, status=PlanState.CONCEPT)


def test_a_list_kept_for_one_user_is_shown_only_to_who_sees_the_same(client, accounts):
    PlanFactory(title="Plan van Leiden", region=Region.objects.get(code="AM19"))
    client.force_login(accounts["cedris"])
    assert "Plan van Leiden" in _list(client)
    _list(client, wacht_op="mine")  # kept for the office's writers

    # A central municipality elsewhere asks the same URL: not the office's page.
    client.force_login(accounts["gemeente-groningen"])
    assert "Plan van Leiden" not in _list(client)
    # An assessor sees no plan until it is submitted.
    client.force_login(accounts["vng"])
    assert "Plan van Leiden" not in _list(client)

    # A colleague of the office in the same role is shown the page kept for cedris; one who
    # only reads has no tasks of their own, so not cedris's "mine".
    office = accounts["cedris"].membership.organisation
    for role in (Role.MEMBER, Role.READER):
        colleague = User.objects.create_user(f"collega-{role}", password="x")
        Membership.objects.create(user=colleague, organisation=office, role=role)
    client.force_login(User.objects.get(username=f"collega-{Role.MEMBER}"))
    with CaptureQueriesContext(connection) as kept:
        assert "Plan van Leiden" in _list(client)
    assert not [q for q in kept if "plans_plan" in q["sql"]]
    client.force_login(User.objects.get(username=f"collega-{Role.READER}"))
    with CaptureQueriesContext(connection) as own:
        _list(client, wacht_op="mine")
    assert [q for q in own if "plans_plan" in q["sql"]]


def test_the_api_list_is_kept_per_sight_and_address_until_a_plan_changes(client, accounts):
    plan = PlanFactory(title="Eerste titel")
    PlanFactory.create_batch(2)
    client.force_login(accounts["cedris"])

    def titles(**extra):
        return [row["title"] for row in client.get("/api/v1/plans/", **extra).json()["results"]]

    assert "Eerste titel" in titles()
    with CaptureQueriesContext(connection) as kept:
        assert "Eerste titel" in titles()
    assert not [q for q in kept if "plans_plan" in q["sql"]]

    plan.title = "Tweede titel"
    plan.save()
    assert "Tweede titel" in titles() and "Eerste titel" not in titles()

    # Page links hold the address that was asked for.
    page = client.get("/api/v1/plans/", {"per_pagina": 1}, HTTP_HOST="localhost").json()
    assert page["next"].startswith("http://localhost/")
    page = client.get("/api/v1/plans/", {"per_pagina": 1}, HTTP_HOST="127.0.0.1").json()
    assert page["next"].startswith("http://127.0.0.1/")

    client.force_login(accounts["gemeente-groningen"])
    assert titles() == []


def test_the_progress_api_is_kept_per_language_and_address_until_a_plan_changes(client, accounts):
    PlanFactory(state=PlanState.CONCEPT)
    client.force_login(accounts["cedris"])

    def leiden(host="testserver"):
        answer = client.get("/api/v1/schemes/sw2015/progress/", HTTP_HOST=host).json()
        return next(row for row in answer["regions"] if row["code"] == "AM19")

    assert [s["label"] for s in leiden()["states"]] == [str(PlanState.CONCEPT.label)]
    assert leiden("localhost")["plans"].startswith("http://localhost/")
    assert leiden("127.0.0.1")["plans"].startswith("http://127.0.0.1/")

    PlanFactory(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    assert leiden()["total"] == 2

    states = (PlanState.CONCEPT, PlanState.SUBMITTED_TO_MUNICIPALITY)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        english = {str(state.label) for state in states}
    assert english != {str(state.label) for state in states}
    assert {s["label"] for s in leiden()["states"]} == english


def test_the_kept_progress_answer_is_kept_per_form_and_never_for_the_browsable_page(
    client, accounts
):
    PlanFactory(state=PlanState.CONCEPT)
    client.force_login(accounts["cedris"])
    url = "/api/v1/schemes/sw2015/progress/"

    plain = client.get(url)
    assert plain["Content-Type"] == "application/json"
    indented = client.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content != plain.content
    assert json.loads(indented.content) == json.loads(plain.content)
    assert client.get(url).content == plain.content

    # The browsable page names who is logged in: rendered for each visitor, never kept.
    page = client.get(url, HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html") and b"cedris" in page.content
    client.force_login(accounts["szw"])
    page = client.get(url, HTTP_ACCEPT="text/html")
    assert b"szw" in page.content and b"cedris" not in page.content
