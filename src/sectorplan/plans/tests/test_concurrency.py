"""Two (or twenty) users saving at once must not together break rule 2 or lose an update.

Runs on PostgreSQL, where the region and plan row locks do the work; SQLite's in-memory test
database cannot run writers in parallel threads, so there it is skipped."""

import threading
import time

import pytest
from django.db import connection, connections

from sectorplan.plans import services
from sectorplan.plans.models import BudgetLine, Plan
from sectorplan.plans.rules import RuleViolation, region_requested_cents, region_reservation_cents

from .factories import PlanFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def worker(index):
        try:
            barrier.wait()
            outcomes.append(("ok", work(index)))
        except Exception as error:  # noqa: BLE001 - the outcome is what we count
            outcomes.append((type(error).__name__, str(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_twenty_simultaneous_budget_lines_never_exceed_the_reservation(accounts, monkeypatch):
    # Widen the window between writing a line and checking the total, so that without the
    # region lock the threads would reliably all see room.
    check = services.rules.check_region_reservation

    def slow_check(plan, *args, **kwargs):
        time.sleep(0.05)
        check(plan, *args, **kwargs)

    monkeypatch.setattr(services.rules, "check_region_reservation", slow_check)
    plans = [PlanFactory() for _ in range(5)]
    region, scheme = plans[0].region, plans[0].scheme
    reservation = region_reservation_cents(region, scheme)
    share = reservation // 7  # room for 7 of the 20 (odd: pairs racing would make it 8)
    user = accounts["bedrijf-dzb-leiden"]

    outcomes = run_at_once(
        20,
        lambda i: services.add_part(
            plans[i % 5],
            BudgetLine,
            user=user,
            cost_category="staff",
            description=f"regel {i}",
            national_contribution_cents=share,
            cofinancing_cents=0,
        ),
    )

    accepted = [o for o in outcomes if o[0] == "ok"]
    refused = [o for o in outcomes if o[0] == RuleViolation.__name__]
    assert len(accepted) == 7 and len(refused) == 13, outcomes
    assert region_requested_cents(region, scheme) == 7 * share <= reservation


def test_simultaneous_edits_lose_no_update(accounts):
    plan = PlanFactory(title="Start")
    user = accounts["bedrijf-dzb-leiden"]
    outcomes = run_at_once(
        20, lambda i: services.update_plan(plan, user=user, version=1, title=f"Versie {i}")
    )
    assert sum(1 for o in outcomes if o[0] == "ok") == 1
    assert sum(1 for o in outcomes if o[0] == "EditConflict") == 19
    assert Plan.objects.get(pk=plan.pk).version == 2
