"""Simultaneous decisions on one plan serialise on the plan's row lock: one approval, one
decision, one grant. PostgreSQL only (see plans/tests/test_concurrency.py)."""

import time

import pytest
from django.db import connection

from sectorplan.assessment import effects
from sectorplan.assessment.models import GrantDecision
from sectorplan.plans import workflow
from sectorplan.plans.models import StateChange
from sectorplan.plans.tests.test_concurrency import run_at_once

from .journey import SZW, walk_to

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_ten_simultaneous_approvals_approve_once(accounts, demo_date, monkeypatch):
    plan = walk_to("with_szw", accounts, demo_date)
    money = effects.plan_money

    def slow_money(p):
        # Widens the window between reading the state and writing the decision.
        time.sleep(0.05)
        return money(p)

    monkeypatch.setattr(effects, "plan_money", slow_money)
    outcomes = run_at_once(
        10, lambda i: workflow.take(plan, "approve", user=accounts[SZW], reason=f"Akkoord {i}")
    )
    assert sum(1 for o in outcomes if o[0] == "ok") == 1, outcomes
    assert sum(1 for o in outcomes if o[0] == "TransitionRefused") == 9, outcomes
    assert GrantDecision.objects.filter(plan=plan).count() == 1
    assert StateChange.objects.filter(plan=plan, transition="approve").count() == 1


def test_a_bulk_approval_and_a_single_rejection_at_once_decide_once(accounts, demo_date):
    plan = walk_to("with_szw", accounts, demo_date)

    def work(i):
        if i % 2:
            return workflow.take_many([plan.pk], "approve", user=accounts[SZW], reason="Ja")
        return workflow.take(plan, "reject", user=accounts[SZW], reason="Nee")

    outcomes = run_at_once(6, work)
    assert sum(1 for o in outcomes if o[0] == "ok") == 1, outcomes
    assert GrantDecision.objects.filter(plan=plan).count() == 1
