"""A payment batch for BZK reconciles to the cent and is paid whole or not at all."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sectorplan.allocation.selectors import current_run
from sectorplan.assessment.models import GrantDecision
from sectorplan.audit.models import AuditEvent
from sectorplan.payments import services
from sectorplan.payments.models import PaymentBatch, PaymentItem
from sectorplan.payments.selectors import batch_lines, reconcile
from sectorplan.plans.models import Plan, StateChange
from sectorplan.plans.states import PlanState

from .factories import granted_plan


@pytest.fixture
def all_regions_granted(scheme, accounts):
    """Every region granted exactly its reservation: the whole EUR 30 million."""
    reservations = current_run(scheme).reservations.select_related("region")
    return [granted_plan(r.region, r.amount_cents, user=accounts["szw"]) for r in reservations]


def test_a_full_batch_for_35_regions_reconciles_to_the_cent(scheme, accounts, all_regions_granted):
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    lines = batch_lines(batch)
    assert len(lines) == 35
    assert [line.municipality for line in lines] == [
        p.region.central_municipality
        for p in sorted(all_regions_granted, key=lambda p: p.region.code)
    ]
    report = reconcile(batch)
    assert report.is_clean, report.differences
    assert report.paid_cents == report.granted_cents == scheme.national_contribution_cents
    assert sum(line.amount_cents for line in lines) == 30_000_000_00

    services.mark_paid(batch, user=accounts["bzk"])
    batch.refresh_from_db()
    assert batch.state == "paid" and batch.paid_by == accounts["bzk"]
    assert set(Plan.objects.values_list("state", flat=True)) == {PlanState.PAID}
    assert StateChange.objects.filter(transition="pay").count() == 35
    assert AuditEvent.objects.filter(action="payments.batch_paid").count() == 1


def test_a_region_above_its_reservation_is_named_and_nothing_is_paid(
    scheme, accounts, all_regions_granted
):
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    plan = all_regions_granted[4]
    GrantDecision.objects.filter(plan=plan).update(granted_cents=plan.decision.granted_cents + 1)
    report = reconcile(batch)
    code = plan.region.code
    assert any(code in d and "€ 0,01 meer dan de reservering" in d for d in report.differences)
    assert any(d.startswith(code) and "verschil € -0,01" in d for d in report.differences)
    assert any(d.startswith("Totaal") for d in report.differences)
    with pytest.raises(ValidationError, match="klopt niet"):
        services.mark_paid(batch, user=accounts["bzk"])
    batch.refresh_from_db()
    assert batch.state == "draft"
    assert set(Plan.objects.values_list("state", flat=True)) == {PlanState.GRANTED}


def test_a_failing_plan_stops_the_whole_batch(scheme, accounts, all_regions_granted):
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    Plan.objects.filter(pk=all_regions_granted[-1].pk).update(state=PlanState.APPROVED)
    with pytest.raises(ValidationError, match="niet 'Beschikt'"):
        services.mark_paid(batch, user=accounts["bzk"])
    assert not Plan.objects.filter(state=PlanState.PAID).exists()
    assert not StateChange.objects.filter(transition="pay").exists()


def test_who_prepares_and_who_pays(scheme, accounts, all_regions_granted):
    for username in ("bzk", "szw", "bedrijf-dzb-leiden", "gemeente-leiden", "vng"):
        with pytest.raises(PermissionDenied):
            services.prepare_batch(scheme, user=accounts[username])
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    for username in ("cedris", "szw", "gemeente-leiden"):
        with pytest.raises(PermissionDenied):
            services.mark_paid(batch, user=accounts[username])


def test_a_plan_is_in_one_batch_and_paid_once(scheme, accounts, all_regions_granted):
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    with pytest.raises(ValidationError, match="geen beschikte plannen"):
        services.prepare_batch(scheme, user=accounts["cedris"])
    services.mark_paid(batch, user=accounts["bzk"])
    with pytest.raises(ValidationError, match="al betaald"):
        services.mark_paid(batch, user=accounts["bzk"])
    with pytest.raises(ValidationError):
        services.cancel_batch(batch, user=accounts["cedris"])


def test_a_draft_batch_can_be_withdrawn_and_prepared_again(scheme, accounts, all_regions_granted):
    batch = services.prepare_batch(scheme, user=accounts["cedris"])
    services.cancel_batch(batch, user=accounts["cedris"])
    assert not PaymentItem.objects.exists()
    assert PaymentBatch.objects.get().state == "cancelled"
    again = services.prepare_batch(scheme, user=accounts["cedris"])
    assert again.number == 2 and again.items.count() == 35
