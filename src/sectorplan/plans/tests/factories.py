import datetime

import factory

from sectorplan.plans.models import Activity, BudgetLine, Commitment, Goal, Participant, Plan
from sectorplan.registry.models import ActivityType, Region, Scheme, SwCompany


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    scheme = factory.LazyFunction(lambda: Scheme.objects.get(slug="sw2015"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="AM19"))
    title = factory.Sequence(lambda n: f"Plan {n}")
    summary = "Samen naar werk."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    plan = factory.SubFactory(PlanFactory)
    sw_company = factory.LazyFunction(lambda: SwCompany.objects.get(name="DZB Leiden"))
    contact_name = "J. de Vries"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    description = "Mensen aan het werk"
    planned_quantity = 40
    unit = "mensen geplaatst"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    activity_type = factory.LazyFunction(lambda: ActivityType.objects.get(code="werk-naar-werk"))
    description = "Begeleiding van werk naar werk"
    planned_start = datetime.date(2015, 10, 1)
    planned_end = datetime.date(2016, 12, 31)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    plan = factory.SubFactory(PlanFactory)
    cost_category = "staff"
    description = "Jobcoaches"
    national_contribution_cents = 100_000_00
    cofinancing_cents = 100_000_00


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(PlanFactory)
    funder_kind = "municipality"
    funder_name = "Gemeente Leiden"
    amount_cents = 100_000_00


def complete_plan(**kwargs) -> Plan:
    plan = PlanFactory(**kwargs)
    ParticipantFactory(plan=plan)
    GoalFactory(plan=plan)
    ActivityFactory(plan=plan)
    BudgetLineFactory(plan=plan)
    return plan
