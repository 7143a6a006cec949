import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sectorplan.plans import services, workflow
from sectorplan.plans.models import Activity, BudgetLine, Commitment, Participant, Plan
from sectorplan.plans.rules import RuleViolation, region_reservation_cents
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import ActivityType, Region, Scheme, SwCompany, Theme
from sectorplan.registry.services import grant_extension

from .factories import BudgetLineFactory, CommitmentFactory, PlanFactory, complete_plan

LINE = dict(cost_category="staff", description="Jobcoaches", cofinancing_cents=0)


def reservation(code="AM19"):
    return region_reservation_cents(
        Region.objects.get(code=code), Scheme.objects.get(slug="sw2015")
    )


def test_rule_2_a_region_never_requests_more_than_its_reservation(accounts):
    company = accounts["bedrijf-dzb-leiden"]
    first, second = PlanFactory(), PlanFactory()
    services.add_part(
        first, BudgetLine, user=company, national_contribution_cents=reservation() - 100, **LINE
    )
    services.add_part(second, BudgetLine, user=company, national_contribution_cents=100, **LINE)
    with pytest.raises(RuleViolation) as refused:
        services.add_part(second, BudgetLine, user=company, national_contribution_cents=1, **LINE)
    assert "AM19 Holland Rijnland" in refused.value.text
    assert "is niets meer vrij" in refused.value.text
    assert BudgetLine.objects.count() == 2


def test_rule_2_refusal_says_how_much_is_still_free(accounts):
    """Issue 14: the company needs what still fits, not how much it is over."""
    company = accounts["bedrijf-dzb-leiden"]
    plan = PlanFactory()
    services.add_part(
        plan, BudgetLine, user=company, national_contribution_cents=reservation() - 100, **LINE
    )
    with pytest.raises(RuleViolation) as refused:
        services.add_part(plan, BudgetLine, user=company, national_contribution_cents=150, **LINE)
    text = refused.value.text
    assert "nog € 1,00 rijksbijdrage vrij" in text and "vraag ten hoogste € 1,00 meer" in text
    assert "te veel" not in text
    line = plan.budget_lines.get()
    with pytest.raises(RuleViolation) as refused:
        services.change_part(
            line,
            user=company,
            version=line.version,
            national_contribution_cents=line.national_contribution_cents + 250,
        )
    assert "nog € 1,00 rijksbijdrage vrij" in refused.value.text
    assert "er € 2,50 bij" in refused.value.text


def test_rule_2_counts_only_the_region_and_not_rejected_plans(accounts):
    company = accounts["bedrijf-dzb-leiden"]
    full = PlanFactory()
    BudgetLineFactory(plan=full, national_contribution_cents=reservation())
    other_region = PlanFactory(region=Region.objects.get(code="AM34"))
    services.add_part(
        other_region, BudgetLine, user=company, national_contribution_cents=500, **LINE
    )
    with pytest.raises(RuleViolation):
        services.add_part(
            PlanFactory(), BudgetLine, user=company, national_contribution_cents=1, **LINE
        )
    Plan.objects.filter(pk=full.pk).update(state=PlanState.REJECTED)
    services.add_part(
        PlanFactory(), BudgetLine, user=company, national_contribution_cents=1, **LINE
    )


def test_rule_2_also_on_changing_a_line(accounts):
    line = BudgetLineFactory(plan=PlanFactory())
    with pytest.raises(RuleViolation):
        services.change_part(
            line,
            user=accounts["bedrijf-dzb-leiden"],
            version=line.version,
            national_contribution_cents=reservation() + 1,
        )
    line.refresh_from_db()
    assert line.national_contribution_cents == 100_000_00 and line.version == 1


def to_municipality(plan, accounts):
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    plan.refresh_from_db()
    return accounts["gemeente-leiden"]


def test_rule_3_cofinancing_must_be_committed_before_cedris(accounts):
    plan = complete_plan()
    municipality = to_municipality(plan, accounts)
    pending = CommitmentFactory(plan=plan, amount_cents=100_000_00)
    with pytest.raises(workflow.TransitionRefused, match="ontbreekt € 100.000,00"):
        workflow.take(plan, "confirm_cofinancing", user=municipality)
    services.commit_cofinancing(pending, user=municipality, version=pending.version)
    plan = workflow.take(plan, "confirm_cofinancing", user=municipality)
    assert plan.state == PlanState.COFINANCING_COMMITTED


def test_rule_3_a_part_commitment_is_not_enough(accounts):
    plan = complete_plan()
    municipality = to_municipality(plan, accounts)
    services.add_part(
        plan,
        Commitment,
        user=municipality,
        funder_kind="municipality",
        funder_name="Gemeente Leiden",
        amount_cents=99_999_99,
    )
    with pytest.raises(workflow.TransitionRefused, match="ontbreekt € 0,01"):
        workflow.take(plan, "confirm_cofinancing", user=municipality)
    assert Plan.objects.get(pk=plan.pk).state == PlanState.SUBMITTED_TO_MUNICIPALITY


def test_rule_5_activity_types_come_from_the_schemes_taxonomy(accounts):
    other = Scheme.objects.create(name="Ander", slug="ander", national_contribution_cents=1)
    foreign = ActivityType.objects.create(
        theme=Theme.objects.create(scheme=other, number=1, code="t", name="T"), code="x", name="X"
    )
    with pytest.raises(RuleViolation, match="hoort niet bij de regeling"):
        services.add_part(
            PlanFactory(),
            Activity,
            user=accounts["bedrijf-dzb-leiden"],
            activity_type=foreign,
            description="x",
            planned_start=datetime.date(2015, 9, 1),
            planned_end=datetime.date(2015, 12, 1),
        )


def test_companies_take_part_only_in_regions_they_work_in(accounts):
    plan = PlanFactory()
    soweco = SwCompany.objects.get(name="Soweco")
    with pytest.raises(RuleViolation, match="werkt niet in regio AM19"):
        services.add_part(
            plan,
            Participant,
            user=accounts["bedrijf-dzb-leiden"],
            sw_company=soweco,
            contact_name="X",
        )
    # DZB Leiden also serves Voorschoten, so it may join a Zuid-Holland Centraal plan.
    services.add_part(
        PlanFactory(region=Region.objects.get(code="AM34")),
        Participant,
        user=accounts["bedrijf-dzb-leiden"],
        sw_company=SwCompany.objects.get(name="DZB Leiden"),
        contact_name="X",
    )


def test_rule_6_submission_to_the_municipality_closes_on_1_july(accounts, demo_date):
    plan = complete_plan()
    company = accounts["bedrijf-dzb-leiden"]
    demo_date(datetime.date(2015, 7, 2))
    with pytest.raises(workflow.TransitionRefused, match="tot en met 1 juli 2015"):
        workflow.take(plan, "submit_to_municipality", user=company)
    grant_extension(
        scheme=plan.scheme,
        region=plan.region,
        kind="municipality_deadline",
        last_day=datetime.date(2015, 7, 15),
        reason="Ziekte projectleider",
        user=accounts["cedris"],
    )
    assert workflow.take(plan, "submit_to_municipality", user=company).state == (
        PlanState.SUBMITTED_TO_MUNICIPALITY
    )


def test_rule_6_cedris_window_opens_on_1_july_and_closes_on_1_september(accounts, demo_date):
    plan = complete_plan()
    CommitmentFactory(plan=plan, status="committed", committed_at="2015-06-01T00:00Z")
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.COFINANCING_COMMITTED)
    company = accounts["bedrijf-dzb-leiden"]
    demo_date(datetime.date(2015, 6, 30))
    with pytest.raises(workflow.TransitionRefused, match="pas vanaf 1 juli 2015"):
        workflow.take(plan, "submit_to_cedris", user=company)
    demo_date(datetime.date(2015, 9, 2))
    with pytest.raises(workflow.TransitionRefused, match="tot en met 1 september 2015"):
        workflow.take(plan, "submit_to_cedris", user=company)
    demo_date(datetime.date(2015, 9, 1))
    assert (
        workflow.take(plan, "submit_to_cedris", user=company).state == PlanState.SUBMITTED_TO_CEDRIS
    )


def test_only_the_programme_administrator_grants_extensions(accounts):
    plan = PlanFactory()
    for username in ("cedris-medewerker", "bedrijf-dzb-leiden", "szw"):
        with pytest.raises(PermissionDenied):
            grant_extension(
                scheme=plan.scheme,
                region=plan.region,
                kind="cedris_window",
                last_day=datetime.date(2015, 9, 10),
                reason="x",
                user=accounts[username],
            )
