import datetime
import hashlib
from collections import Counter

import pytest
from django.utils import timezone
from django.utils.text import slugify

from sectorplan.accounts.models import User
from sectorplan.demo.plans import STATE_ORDER, load_demo_plans, state_counts
from sectorplan.plans import rules
from sectorplan.plans.models import Activity, BudgetLine, CommitmentStatus, Plan, StateChange
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import BudgetLineFactory, PlanFactory
from sectorplan.registry.models import Region
from sectorplan.registry.selectors import companies_working_in

# The Cedris overview of the 2015 plans: in how many of the 35 regions each type occurs.
CEDRIS = {
    "werk-naar-werk": 31,
    "passend-werk": 26,
    "werkfit": 26,
    "kennisdeling": 29,
    "jobcoaches": 27,
    "functiecreatie": 23,
    "overige-expertise": 17,
    "werkgeversdiensten": 30,
    "detacheringsfaciliteit": 22,
    "joint-ventures": 22,
    "beschut-werk": 21,
    "overige-transformatie": 14,
}
DEMO_DATE = datetime.datetime(2015, 8, 20, tzinfo=datetime.UTC)


@pytest.fixture
def loaded(accounts, scheme):
    created = load_demo_plans(scheme)
    assert created == Plan.objects.count()
    return created


def plans():
    return Plan.objects.select_related("region__central_municipality", "scheme").order_by("pk")


def committed_onward(plan) -> bool:
    return STATE_ORDER.index(plan.state) >= STATE_ORDER.index(PlanState.COFINANCING_COMMITTED)


def digest() -> str:
    rows = []
    for plan in plans().prefetch_related(
        "budget_lines", "commitments", "state_changes", "participants", "activities", "goals"
    ):
        rows.append((
            plan.region.code, plan.title, plan.summary, plan.state, plan.created_at,
            sum(line.national_contribution_cents for line in plan.budget_lines.all()),
            sum(line.cofinancing_cents for line in plan.budget_lines.all()),
            [(c.funder_name, c.amount_cents, c.status) for c in plan.commitments.all()],
            [(s.transition, s.actor_id, s.occurred_at) for s in plan.state_changes.all()],
            [(p.sw_company_id, p.contact_name) for p in plan.participants.all()],
            [(a.activity_type_id, a.description, a.planned_end) for a in plan.activities.all()],
            [(g.unit, g.planned_quantity) for g in plan.goals.all()],
        ))
    rows.sort(key=repr)
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_every_region_gets_marked_demo_plans(loaded):
    assert 35 <= loaded <= 40
    assert set(Region.objects.values_list("code", flat=True)) == set(
        Plan.objects.values_list("region__code", flat=True)
    )
    for plan in plans():
        assert plan.is_demo and plan.summary.startswith("Demoplan:")
        assert plan.region.name in plan.title
        assert plan.participants.exists() and plan.goals.count() >= 2
        assert plan.activities.exists() and plan.budget_lines.exists()
        rules.check_complete_for_submission(plan)


def test_each_region_stays_within_its_reservation(loaded, scheme):
    for region in Region.objects.all():
        requested = rules.region_requested_cents(region, scheme)
        reservation = rules.region_reservation_cents(region, scheme)
        assert reservation * 6 // 10 <= requested <= reservation, region.code
    assert all(
        isinstance(cents, int) and cents % 100 == 0
        for cents in BudgetLine.objects.values_list("national_contribution_cents", flat=True)
    )


def test_cofinancing_and_commitments_follow_the_state(loaded):
    for plan in plans():
        commitments = list(plan.commitments.select_related("committed_by"))
        assert commitments and commitments[0].funder_name == (
            f"Gemeente {plan.region.central_municipality.name}"
        )
        for line in plan.budget_lines.all():
            assert line.cofinancing_cents >= line.national_contribution_cents
        if not committed_onward(plan):
            assert {c.status for c in commitments} == {CommitmentStatus.PENDING}
            assert rules.committed_cofinancing_cents(plan) == 0
            continue
        rules.check_cofinancing(plan)
        username = f"gemeente-{slugify(plan.region.central_municipality.name)}"
        for commitment in commitments:
            assert commitment.status == CommitmentStatus.COMMITTED
            assert commitment.committed_by.username == username
            committed_at = timezone.localtime(commitment.committed_at)
            assert (committed_at.year, committed_at.month) == (2015, 6)


def test_activity_types_belong_to_the_scheme_and_companies_to_the_region(loaded):
    for plan in plans():
        for activity in plan.activities.select_related("activity_type__theme"):
            rules.check_activity_type(plan, activity.activity_type)
            assert datetime.date(2015, 10, 1) <= activity.planned_start
            assert activity.planned_start < activity.planned_end <= datetime.date(2016, 12, 31)
        for participant in plan.participants.select_related("sw_company"):
            rules.check_company_in_region(plan, participant.sw_company)
            assert participant.contact_email.endswith("@example.org")
            assert " " in participant.contact_name


def test_every_company_takes_part_in_a_plan_of_each_region_it_works_in(loaded):
    for region in Region.objects.all():
        taking_part = set(
            Plan.objects.filter(region=region).values_list("participants__sw_company", flat=True)
        )
        assert set(companies_working_in(region).values_list("pk", flat=True)) == taking_part


def test_activity_types_per_region_follow_the_cedris_overview(loaded):
    pairs = set(Activity.objects.values_list("plan__region__code", "activity_type__code"))
    assert Counter(code for _, code in pairs) == CEDRIS


def test_states_are_spread_and_every_step_is_recorded(loaded):
    states = Counter(Plan.objects.values_list("state", flat=True))
    assert len(states) >= 4
    assert states == {s: n for s, n in state_counts(loaded).items() if n}
    assert states[PlanState.SUBMITTED_TO_CEDRIS] + states[PlanState.COFINANCING_COMMITTED] > (
        loaded / 2
    )
    cedris = User.objects.get(username="cedris")
    for plan in plans():
        changes = list(plan.state_changes.select_related("actor__membership__organisation"))
        assert len(changes) == STATE_ORDER.index(plan.state)
        assert [c.from_state for c in changes] == STATE_ORDER[: len(changes)]
        assert [c.to_state for c in changes] == STATE_ORDER[1 : len(changes) + 1]
        moments = [plan.created_at] + [c.occurred_at for c in changes]
        assert moments == sorted(moments) and len(set(moments)) == len(moments)
        assert datetime.datetime(2015, 4, 1, tzinfo=datetime.UTC) < moments[0]
        assert moments[-1] < DEMO_DATE and plan.updated_at == moments[-1]
        for change in changes:
            kind = change.actor.membership.organisation.kind
            if change.transition in ("submit_to_municipality", "submit_to_cedris"):
                assert change.actor == plan.created_by and kind == "company"
            elif change.transition == "confirm_cofinancing":
                assert kind == "municipality"
            else:
                assert change.actor == cedris
        if plan.state == PlanState.CHANGES_REQUESTED:
            assert changes[-1].transition == "request_changes" and changes[-1].reason
        if STATE_ORDER.index(plan.state) > 1:
            submitted = timezone.localtime(changes[0].occurred_at).date()
            assert submitted <= datetime.date(2015, 7, 1)


def test_a_second_run_creates_nothing_and_leaves_other_plans_alone(accounts, scheme):
    own = PlanFactory(title="Eigen plan", region=Region.objects.get(code="AM19"))
    BudgetLineFactory(plan=own, national_contribution_cents=300_000_00)
    created = load_demo_plans(scheme)
    before = digest()
    assert load_demo_plans(scheme) == 0
    assert digest() == before and Plan.objects.count() == created + 1
    own.refresh_from_db()
    assert not own.is_demo and own.state == PlanState.CONCEPT and own.title == "Eigen plan"
    region = own.region
    assert rules.region_requested_cents(region, scheme) <= rules.region_reservation_cents(
        region, scheme
    )


def test_content_is_deterministic(loaded, scheme):
    before = digest()
    Plan.objects.filter(is_demo=True).delete()
    assert not StateChange.objects.exists()
    assert load_demo_plans(scheme) == loaded
    assert digest() == before


def test_a_partial_reload_gives_a_region_what_a_full_load_gives_it(loaded, scheme):
    before = digest()
    some = Plan.objects.filter(is_demo=True, region__code__in=["AM19", "AM22", "AM35"])
    deleted = some.count()
    some.delete()
    assert load_demo_plans(scheme) == deleted
    assert digest() == before


def test_without_the_municipality_account_cofinancing_stays_pending(accounts, scheme):
    User.objects.filter(username="gemeente-leiden").delete()
    load_demo_plans(scheme)
    for plan in Plan.objects.filter(region__code="AM19"):
        assert STATE_ORDER.index(plan.state) <= 1
        assert not plan.commitments.filter(status=CommitmentStatus.COMMITTED).exists()
        assert plan.state_changes.count() == STATE_ORDER.index(plan.state)


def test_loading_is_a_handful_of_queries(accounts, scheme, django_assert_max_num_queries):
    with django_assert_max_num_queries(80):
        load_demo_plans(scheme)
