"""The plan page's body (participants to history) is rendered once per plan, shown version,
right to edit and language, and again when anything it shows changes (plans.detail_body).

Transactional: outside a transaction is where the cache is used."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sectorplan.allocation.models import Reservation
from sectorplan.audit.services import record
from sectorplan.plans.models import Attachment, StateChange
from sectorplan.plans.states import PlanState
from sectorplan.web.templatetags.sectorplan import euro

from .factories import (
    BudgetLineFactory,
    CommitmentFactory,
    GoalFactory,
    PlanFactory,
    complete_plan,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _page(client, plan) -> str:
    response = client.get(f"/plannen/{plan.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_body_is_kept_until_what_it_shows_changes(client, accounts):
    plan = complete_plan(state=PlanState.CONCEPT)
    client.force_login(accounts["cedris"])
    assert "Mensen aan het werk" in _page(client, plan)

    with CaptureQueriesContext(connection) as kept:
        assert "Mensen aan het werk" in _page(client, plan)
    assert not [query for query in kept if "plans_goal" in query["sql"]]

    # Each kind of row the body shows, written without a service, shows at once.
    GoalFactory(plan=plan, description="Tweede doel")
    assert "Tweede doel" in _page(client, plan)
    Attachment.objects.create(
        plan=plan, file="attachments/2015/x.pdf", original_name="begroting.pdf", size=10
    )
    assert "begroting.pdf" in _page(client, plan)
    StateChange.objects.create(
        plan=plan,
        transition="submit",
        from_state=PlanState.CONCEPT,
        to_state=PlanState.SUBMITTED_TO_MUNICIPALITY,
        actor=accounts["bedrijf-dzb-leiden"],
        reason="Een reden die alleen hier staat",
    )
    assert "Een reden die alleen hier staat" in _page(client, plan)
    record(action="plan.changed", obj=plan, scope=f"plan:{plan.pk}", reason="Alleen in de log")
    assert "Alleen in de log" in _page(client, plan)


def test_who_may_edit_is_not_shown_the_body_kept_for_who_may_not(client, accounts):
    plan = complete_plan(state=PlanState.CONCEPT)
    edit_link = f"/plannen/{plan.pk}/doelen/"
    client.force_login(accounts["cedris"])
    assert edit_link not in _page(client, plan)

    client.force_login(accounts["bedrijf-dzb-leiden"])
    assert edit_link in _page(client, plan)
    client.force_login(accounts["cedris"])
    assert edit_link not in _page(client, plan)


def test_who_commits_co_financing_gets_forms_with_their_own_token(accounts):
    plan = complete_plan(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    CommitmentFactory(plan=plan)
    tokens = []
    for _ in range(2):  # two sessions, as two colleagues at the municipality
        client = Client()
        client.force_login(accounts["gemeente-leiden"])
        page = _page(client, plan)
        assert f"/plannen/{plan.pk}/cofinanciering/" in page
        tokens.append(re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', page))
    assert all(tokens[0]) and all(tokens[1]), "every form on the page carries a token"
    assert not set(tokens[0]) & set(tokens[1]), "a page kept for one session has its token"


def _room(client, plan) -> tuple[str, str]:
    page = _page(client, plan)
    reserved = re.search(r"Gereserveerde rijksbijdrage</dt><dd>([^<]*)</dd>", page)
    requested = re.search(r"Gevraagd door alle plannen van de regio</dt><dd>([^<]*)</dd>", page)
    return reserved.group(1), requested.group(1)


def test_the_region_room_follows_the_region_s_plans_and_its_reservation(client, accounts):
    plan = complete_plan(state=PlanState.CONCEPT)
    client.force_login(accounts["cedris"])
    reserved, requested = _room(client, plan)

    # Another plan of the region asks more: this plan's page shows it.
    BudgetLineFactory(plan=PlanFactory(), national_contribution_cents=123_45)
    assert _room(client, plan) == (reserved, euro(_cents(requested) + 123_45))

    reservation = Reservation.objects.filter(region=plan.region).latest("run__number")
    reservation.amount_cents += 100_00
    reservation.save()
    assert _room(client, plan)[0] == euro(_cents(reserved) + 100_00)


def _cents(text: str) -> int:
    return int(re.sub(r"\D", "", text))
