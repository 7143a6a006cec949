"""What regions leave unused, and a what-if redistribution that sums exactly to it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sectorplan.allocation.engine import allocate
from sectorplan.allocation.selectors import current_run
from sectorplan.payments import services
from sectorplan.payments.selectors import compare_runs, leftover, redistribution
from sectorplan.plans.models import Plan
from sectorplan.plans.rules import region_requested_cents
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import BudgetLineFactory, PlanFactory

from .factories import granted_plan

# Per region index: the share (per mille) of its reservation its plans use.
SCENARIOS = {
    "a few regions leave something": {3: 900, 10: 500, 20: 999},
    "one region asks nothing": {0: 0},
    "a cent here and there": {1: 999, 2: 998, 34: 997},
}


def _grant(scheme, accounts, used_per_mille: dict[int, int]):
    reservations = list(current_run(scheme).reservations.select_related("region"))
    for index, r in enumerate(reservations):
        share = used_per_mille.get(index, 1000)
        if share:
            cents = r.amount_cents * share // 1000
            granted_plan(r.region, cents, user=accounts["szw"])
    return reservations


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_redistribution_sums_exactly_to_the_leftover(name, scheme, accounts):
    reservations = _grant(scheme, accounts, SCENARIOS[name])
    rows = leftover(scheme)
    total_left = sum(r.leftover_cents for r in rows)
    assert total_left == sum(r.reservation_cents - r.granted_cents for r in rows) > 0
    result = redistribution(scheme)
    new = result.new_amounts
    assert sum(new.values()) == scheme.national_contribution_cents
    gains = {code: new[code] - r.amount_cents for r in reservations for code in [r.region.code]}
    assert sum(g for g in gains.values() if g > 0) == total_left == result.total_leftover_cents
    givers = {r.region.code for r in rows if r.leftover_cents}
    for r in rows:
        if r.region.code in givers:
            assert new[r.region.code] == r.requested_cents  # keeps exactly what its plans use
    # The same method and weights as the first division, applied to the remainder.
    expected = allocate(
        total_left, [(r.region.code, r.standard_units) for r in rows if r.region.code not in givers]
    )
    assert {c: g for c, g in gains.items() if c not in givers} == expected


def test_undecided_plans_keep_their_room(scheme, accounts):
    reservations = _grant(scheme, accounts, {5: 500})
    region = reservations[5].region
    waiting = PlanFactory(region=region)
    BudgetLineFactory(plan=waiting, national_contribution_cents=1000_00, cofinancing_cents=0)
    row = next(r for r in leftover(scheme) if r.region == region)
    assert row.leftover_cents == reservations[5].amount_cents - row.granted_cents - 1000_00
    run = services.save_redistribution(scheme, user=accounts["cedris"], reason="Restant 2015")
    new = run.reservations.get(region=region).amount_cents
    assert new == region_requested_cents(region, scheme) >= 1000_00  # rule 2 still holds


def test_a_redistribution_is_saved_only_with_a_reason_and_by_the_office(scheme, accounts):
    _grant(scheme, accounts, {3: 800})
    with pytest.raises(ValidationError, match="reden"):
        services.save_redistribution(scheme, user=accounts["cedris"], reason=" ")
    with pytest.raises(PermissionDenied):
        services.save_redistribution(scheme, user=accounts["szw"], reason="Restant")
    first = current_run(scheme)
    run = services.save_redistribution(scheme, user=accounts["cedris"], reason="Restant")
    assert (run.number, run.method, run.reason) == (first.number + 1, "redistribution", "Restant")
    rows = compare_runs(first, run)
    assert len(rows) == 35
    assert sum(b - a for _, a, b in rows) == 0
    assert sum(b for _, _, b in rows) == scheme.national_contribution_cents


def test_nothing_left_means_nothing_to_redistribute(scheme, accounts):
    _grant(scheme, accounts, {})
    with pytest.raises(ValidationError, match="niets over"):
        services.save_redistribution(scheme, user=accounts["cedris"], reason="Restant")


def test_rejected_plans_leave_their_whole_reservation(scheme, accounts):
    reservations = _grant(scheme, accounts, {})

    plan = Plan.objects.get(region=reservations[7].region)
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.REJECTED)
    row = next(r for r in leftover(scheme) if r.region == reservations[7].region)
    assert row.leftover_cents == reservations[7].amount_cents
    assert isinstance(row.standard_units, Decimal)
