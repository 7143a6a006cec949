"""Issue 14.7: in demo mode every moment that is recorded takes the demo date, not the wall clock,
so "ingediend op", "Verdeling 1 van" and "Voorbereid" agree with the deadlines beside them."""

import datetime

from django.test import override_settings
from django.utils import timezone

from sectorplan.allocation.services import create_allocation_run
from sectorplan.audit.models import AuditEvent
from sectorplan.payments import services as payments
from sectorplan.payments.tests.factories import granted_plan
from sectorplan.plans import workflow
from sectorplan.plans.tests.factories import complete_plan
from sectorplan.registry import clock


def _day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def test_now_is_the_demo_date_at_the_real_time_of_day(demo_date):
    demo_date(datetime.date(2015, 8, 20))
    moment = clock.now()
    assert _day(moment) == datetime.date(2015, 8, 20)
    assert abs(timezone.localtime(moment).hour - timezone.localtime().hour) <= 1


def test_now_is_the_real_moment_outside_demo_mode(db):
    with override_settings(DEMO_MODE=False):
        assert abs((clock.now() - timezone.now()).total_seconds()) < 5


def test_a_submission_records_the_demo_date(accounts, demo_date):
    demo_date(datetime.date(2015, 6, 20))
    plan = complete_plan()
    workflow.take(plan, "submit_to_municipality", user=accounts["bedrijf-dzb-leiden"])
    change = plan.state_changes.get(transition="submit_to_municipality")
    assert _day(change.occurred_at) == datetime.date(2015, 6, 20)
    assert _day(plan.created_at) == datetime.date(2015, 6, 20)
    event = AuditEvent.objects.filter(scope=f"plan:{plan.pk}").latest("id")
    assert _day(event.occurred_at) == datetime.date(2015, 6, 20)


def test_an_allocation_run_and_a_payment_batch_record_the_demo_date(scheme, accounts, demo_date):
    demo_date(datetime.date(2015, 10, 2))
    run = create_allocation_run(scheme, reason="Nieuwe SE-cijfers", actor=accounts["cedris"])
    assert _day(run.created_at) == datetime.date(2015, 10, 2)

    region = run.reservations.select_related("region").first().region
    granted_plan(region, 1_000_00, user=accounts["szw"])
    demo_date(datetime.date(2015, 11, 3))
    batch = payments.prepare_batch(scheme, user=accounts["cedris"])
    assert _day(batch.created_at) == datetime.date(2015, 11, 3)
    demo_date(datetime.date(2015, 11, 10))
    batch = payments.mark_paid(batch, user=accounts["bzk"])
    assert _day(batch.paid_at) == datetime.date(2015, 11, 10)
