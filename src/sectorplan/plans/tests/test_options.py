"""Steps that would be refused are shown disabled with their reason (and the date they open);
irreversible steps ask for a confirmation that says what will happen (issue 14, item 6)."""

import datetime
import re

import pytest
from django.urls import reverse

from sectorplan.assessment.tests.journey import COMPANY, MUNICIPALITY, SZW, walk_to
from sectorplan.plans import workflow
from sectorplan.plans.states import PlanState

from .factories import complete_plan


def _page(client, user, plan) -> str:
    client.force_login(user)
    return client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def _button(html: str, label: str) -> str:
    """The <button ...> tag whose text starts with label."""
    match = re.search(r"<button[^>]*>\s*" + re.escape(label), html)
    assert match, f"no button '{label}'"
    return match.group(0)


def test_submit_after_its_window_closed_is_disabled_with_the_reason(client, accounts, demo_date):
    plan = complete_plan()
    demo_date(datetime.date(2015, 7, 15))
    html = _page(client, accounts[COMPANY], plan)
    assert "disabled" in _button(html, "Indienen bij de centrumgemeente")
    assert "kon tot en met 1 juli 2015" in html
    assert "Vraag Cedris om uitstel" in html


def test_submit_before_its_window_opens_names_the_date(client, accounts, demo_date):
    plan = complete_plan()
    demo_date(datetime.date(2015, 3, 1))
    [option] = workflow.options(plan, accounts[COMPANY])
    assert (option.code, option.possible) == ("submit_to_municipality", False)
    assert option.opens_on == datetime.date(2015, 4, 1)
    html = _page(client, accounts[COMPANY], plan)
    assert "disabled" in _button(html, "Indienen bij de centrumgemeente")
    assert "Mogelijk vanaf 1 april 2015." in html


def test_submit_inside_its_window_is_a_plain_button(client, accounts, demo_date):
    plan = complete_plan()
    html = _page(client, accounts[COMPANY], plan)
    assert "disabled" not in _button(html, "Indienen bij de centrumgemeente")


def test_confirming_cofinancing_before_any_commitment_is_disabled(client, accounts, demo_date):
    plan = complete_plan()
    workflow.take(plan, "submit_to_municipality", user=accounts[COMPANY])
    html = _page(client, accounts[MUNICIPALITY], plan)
    assert "disabled" in _button(html, "Cofinanciering bevestigen")
    assert "Er ontbreekt" in html
    # Sending it back stays possible, and looks secondary.
    assert "button--secondary" in _button(html, "Terugsturen naar de SW-bedrijven")


def test_the_api_lists_the_same_answer(client, accounts, demo_date):
    plan = complete_plan()
    demo_date(datetime.date(2015, 7, 15))
    client.force_login(accounts[COMPANY])
    [listed] = client.get(f"/api/v1/plans/{plan.pk}/transitions/").json()
    assert listed["code"] == "submit_to_municipality"
    assert listed["possible"] is False
    assert "kon tot en met 1 juli 2015" in listed["refused"]
    assert listed["opens_on"] is None


def test_submitting_to_cedris_asks_first_and_says_what_happens(client, accounts, demo_date):
    plan = walk_to(PlanState.COFINANCING_COMMITTED, accounts, demo_date)
    demo_date(datetime.date(2015, 7, 15))
    client.force_login(accounts[COMPANY])
    url = reverse("plans:transition", args=[plan.pk, "submit_to_cedris"])
    page = client.post(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "gaat naar Cedris ter beoordeling" in html
    assert "€ 100.000,00" in html
    assert 'name="confirmed" value="1"' in html
    plan.refresh_from_db()
    assert plan.state == PlanState.COFINANCING_COMMITTED
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED_TO_CEDRIS


def test_reject_asks_first_keeps_the_reason_and_is_not_styled_like_approve(
    client, accounts, demo_date
):
    plan = walk_to("with_szw", accounts, demo_date)
    html = _page(client, accounts[SZW], plan)
    assert "button--primary" in _button(html, "Goedkeuren")
    reject = _button(html, "Afwijzen")
    assert "button--warning" in reject and "button--primary" not in reject
    url = reverse("plans:transition", args=[plan.pk, "reject"])
    # No reason: back to the plan with the message, nothing asked or changed.
    response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    confirm = client.post(url, {"reason": "Past niet in het kader."}).content.decode()
    assert "wijst het plan" in confirm and "Past niet in het kader." in confirm
    plan.refresh_from_db()
    assert plan.state == PlanState.ADVISED
    client.post(url, {"reason": "Past niet in het kader.", "confirmed": "1"})
    plan.refresh_from_db()
    assert plan.state == PlanState.REJECTED


@pytest.mark.parametrize("code", ["submit_to_cedris", "resubmit", "approve", "reject"])
def test_irreversible_steps_have_a_confirmation(code):
    assert workflow.TRANSITIONS[code].consequence
    assert workflow.TRANSITIONS["send_decision"].consequence
