"""The region dashboard is cached until the data it sums changes (plans/summary_cache.py,
issue 15).

Transactional tests: outside a transaction is where the cache is used, and where the token
changes on commit."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sectorplan.plans import summary_cache
from sectorplan.plans.completeness import region_statuses
from sectorplan.plans.models import CommitmentStatus, Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import Region, SwCompany

from .factories import BudgetLineFactory, CommitmentFactory, ParticipantFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


def leiden(scheme):
    return next(s for s in region_statuses(scheme) if s.region.code == "AM19")


def test_the_region_dashboard_is_read_from_the_cache_until_its_data_changes(scheme):
    plan = PlanFactory()
    assert (leiden(scheme).plans, leiden(scheme).requested_cents) == (1, 0)
    with CaptureQueriesContext(connection) as cached:
        region_statuses(scheme)
    assert len(cached) == 2  # the current allocation run and the token: nothing summed

    line = BudgetLineFactory(plan=plan, national_contribution_cents=5_00)
    assert leiden(scheme).requested_cents == 5_00
    line.national_contribution_cents = 7_00
    line.save()
    assert leiden(scheme).requested_cents == 7_00

    CommitmentFactory(
        plan=plan, status=CommitmentStatus.COMMITTED, committed_at=timezone.now(), amount_cents=3_00
    )
    assert leiden(scheme).committed_cents == 3_00

    dzb = SwCompany.objects.get(name="DZB Leiden")
    assert dzb in leiden(scheme).uncovered
    ParticipantFactory(plan=plan, sw_company=dzb)
    assert dzb not in leiden(scheme).uncovered

    new_company = SwCompany.objects.create(name="Nieuw SW-bedrijf")
    new_company.regions_without_known_municipalities.add(Region.objects.get(code="AM19"))
    assert new_company in leiden(scheme).companies

    # A bulk update of states sends no save signal, but changes the figures: a rejected plan
    # asks for nothing.
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.REJECTED)
    assert (leiden(scheme).plans, leiden(scheme).requested_cents) == (1, 0)
    plan.delete()
    assert leiden(scheme).plans == 0


def test_inside_a_transaction_the_dashboard_counts_its_own_changes(scheme):
    with transaction.atomic():
        plan = PlanFactory()
        region_statuses(scheme)
        BudgetLineFactory(plan=plan, national_contribution_cents=4_00)
        assert leiden(scheme).requested_cents == 4_00


def test_the_token_changes_once_per_commit_and_not_on_a_rollback(scheme):
    before = summary_cache.token()
    with transaction.atomic():
        PlanFactory()
        PlanFactory()
        assert summary_cache.token() == before  # not before the commit
        queued = [
            callback
            for _ids, callback, _robust in connection.run_on_commit
            if getattr(callback, "func", None) is summary_cache._replace_token
        ]
        assert len(queued) == 1
    after = summary_cache.token()
    assert after != before
    with pytest.raises(RuntimeError), transaction.atomic():
        PlanFactory()
        raise RuntimeError("rolled back")
    assert summary_cache.token() == after


def test_plans_created_in_bulk_reach_the_cached_dashboard(accounts, scheme):
    from sectorplan.demo.generate import generate_plans

    before = sum(status.plans for status in region_statuses(scheme))
    made = generate_plans(scheme, 1)
    assert sum(status.plans for status in region_statuses(scheme)) == before + made


def test_a_restored_backup_is_summarised_again(scheme, settings, tmp_path):
    from sectorplan.registry.backup import make_backup, restore_backup

    settings.MEDIA_ROOT = tmp_path / "media"
    make_backup(tmp_path / "without.zip")
    PlanFactory()
    make_backup(tmp_path / "with.zip")
    for backup, plans in [("without.zip", 0), ("with.zip", 1), ("without.zip", 0)]:
        restore_backup(tmp_path / backup, force=True)
        assert leiden(scheme).plans == plans, backup


def test_a_new_allocation_run_reaches_the_cached_dashboard(scheme):
    """Rule 4's room per region (reserved minus requested) follows a new division: the run is
    part of the key (a run's reservations are bulk-created, which replaces no token)."""
    from sectorplan.allocation.services import store_run

    PlanFactory()
    codes = list(Region.objects.order_by("code").values_list("code", flat=True))
    total = scheme.national_contribution_cents
    amounts = dict.fromkeys(codes, 0)
    amounts["AM19"] = total  # everything to one region, so AM19's figure surely moves
    assert leiden(scheme).reserved_cents != total
    store_run(scheme, amounts, units=dict.fromkeys(codes, 1), uses_demo_units=True, reason="Test")
    after = leiden(scheme)
    assert after.reserved_cents == total
    assert after.remaining_cents == total - after.requested_cents
