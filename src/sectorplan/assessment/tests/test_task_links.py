"""Every task on the start page's "Wat op mij wacht" links to the page where that task is done:
the test follows the link as the user who has the task and finds the form for it there."""

import datetime
import re

import pytest
from django.urls import reverse

from sectorplan.payments import services as payments
from sectorplan.plans import workflow
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import CommitmentFactory, complete_plan

from .journey import (
    ASSESSOR,
    BZK,
    COMPANY,
    MUNICIPALITY,
    OFFICE,
    SZW,
    _company,
    _municipality,
    walk_to,
)


def _step_url(code):
    return lambda plan: reverse("plans:transition", args=[plan.pk, code])


def _review_step(code):
    return lambda plan: reverse("assessment:step", args=[plan.pk, code])


# (state to walk to, who has the task, the action on the task list, what the page must post to)
TASKS = [
    ("concept", COMPANY, "Plan afmaken en indienen", _step_url("submit_to_municipality")),
    (
        PlanState.SUBMITTED_TO_MUNICIPALITY,
        MUNICIPALITY,
        "Cofinanciering toezeggen",
        lambda plan: reverse(
            "plans:commitment-commit", args=[plan.pk, plan.commitments.get().pk]
        ),
    ),
    (
        PlanState.COFINANCING_COMMITTED,
        COMPANY,
        "Plan indienen bij Cedris",
        _step_url("submit_to_cedris"),
    ),
    (
        PlanState.SUBMITTED_TO_CEDRIS,
        OFFICE,
        "Inhoudelijke toets starten",
        _review_step("start_review"),
    ),
    (
        PlanState.SUBMITTED_TO_CEDRIS,
        ASSESSOR,
        "Advies geven",
        lambda plan: reverse("assessment:advise", args=[plan.pk]),
    ),
    (
        PlanState.SUBMITTED_TO_CEDRIS,
        "sociale-partners",
        "Advies geven",
        lambda plan: reverse("assessment:advise", args=[plan.pk]),
    ),
    (
        PlanState.IN_REVIEW,
        OFFICE,
        "Toets afronden",
        lambda plan: reverse("assessment:answer", args=[plan.pk]),
    ),
    (PlanState.IN_REVIEW, OFFICE, "Toets afronden", _review_step("mark_advised")),
    (PlanState.IN_REVIEW, OFFICE, "Toets afronden", _review_step("request_changes")),
    ("changes_requested", COMPANY, "Plan aanpassen en opnieuw indienen", _step_url("resubmit")),
    ("resubmitted", OFFICE, "Aangepast plan opnieuw toetsen", _review_step("start_review")),
    (PlanState.ADVISED, OFFICE, "Opnemen in het landelijk sectorplan", None),
    ("with_szw", SZW, "Besluiten: goedkeuren of afwijzen", None),
    (PlanState.APPROVED, SZW, "Beschikking verzenden", _step_url("send_decision")),
    (
        "batch",
        BZK,
        "Uitbetalen via het gemeentefonds",
        # Marking paid asks first: the batch page's button opens the confirmation.
        lambda plan: reverse("payments:batch-paid-confirm", args=[plan.payment.batch_id]),
    ),
    (PlanState.PAID, COMPANY, "Uitvoering starten", _step_url("start_execution")),
    ("report_due", COMPANY, "Eerste tussenrapportage indienen", None),
    (PlanState.IN_EXECUTION, COMPANY, "Plan uitvoeren", _step_url("finish_execution")),
    (PlanState.EXECUTED, OFFICE, "Eindverslag vastleggen", _step_url("receive_final_report")),
    (PlanState.FINAL_REPORT_RECEIVED, OFFICE, "Plan afsluiten", _step_url("close")),
]

# Pages whose form posts to itself: recognised by a field only that form has.
SELF_POSTING = {
    "Opnemen in het landelijk sectorplan": 'name="cover_text"',
    "Besluiten: goedkeuren of afwijzen": 'name="decision"',
    "Eerste tussenrapportage indienen": 'name="indienen"',
}


def _plan_in(state, accounts, demo_date):
    if state == "concept":
        return complete_plan()
    if state in ("changes_requested", "resubmitted"):
        plan = walk_to(PlanState.IN_REVIEW, accounts, demo_date)
        workflow.take(plan, "request_changes", user=accounts[OFFICE], points="Meer doelen")
        if state == "resubmitted":
            workflow.take(plan, "resubmit", user=_company(plan, accounts))
        plan.refresh_from_db()
        return plan
    if state == PlanState.SUBMITTED_TO_MUNICIPALITY:
        plan = walk_to(state, accounts, demo_date)
        CommitmentFactory(plan=plan)  # asked of the municipality, not yet committed
        return plan
    if state == PlanState.COFINANCING_COMMITTED:
        plan = walk_to(state, accounts, demo_date)
        demo_date(datetime.date(2015, 7, 15))  # Cedris's window is open
        return plan
    if state == "report_due":  # monitoring.report_selectors.report_tasks
        plan = walk_to(PlanState.PAID, accounts, demo_date)
        demo_date(datetime.date(2016, 1, 15))
        return plan
    if state == "batch":
        plan = walk_to(PlanState.GRANTED, accounts, demo_date)
        payments.prepare_batch(plan.scheme, user=accounts[OFFICE])
        return plan
    return walk_to(state, accounts, demo_date)


def _user(who, plan, accounts):
    if who == COMPANY:
        return _company(plan, accounts)
    if who == MUNICIPALITY:
        return _municipality(plan, accounts)
    return accounts[who]


def _task_link(page: str, plan, action: str) -> str:
    """The href of the task `action` in the row of `plan` on the start page."""
    rows = re.findall(r"<tr\b[^>]*>.*?</tr>", page, re.S)
    for row in rows:
        if f"/plannen/{plan.pk}/" not in row:
            continue
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', row)
        for href, text in links:
            if text.startswith(action):
                return href
        if action in row and links:  # a row whose only link is the plan's title
            return links[0][0]
    raise AssertionError(f"No task '{action}' for {plan} on the start page")


@pytest.mark.parametrize(("state", "who", "action", "target"), TASKS)
def test_each_task_link_opens_the_form_for_that_task(
    client, accounts, demo_date, state, who, action, target
):
    plan = _plan_in(state, accounts, demo_date)
    client.force_login(_user(who, plan, accounts))
    home = client.get(reverse("web:home")).content.decode()
    link = _task_link(home, plan, action)
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    if target is None:
        assert SELF_POSTING[action] in html, f"{link} has no form for '{action}'"
    else:
        assert f'action="{target(plan)}"' in html, f"{link} has no form for '{action}'"
