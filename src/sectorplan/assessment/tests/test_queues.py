"""queues.with_waiting (the database's answer, for lists) agrees with progress.awaiting (the
Python answer, for one plan) on every state, with and without advice, extensions and a
national plan sent to SZW, before and after the deadlines."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sectorplan.accounts import policy
from sectorplan.accounts.models import Organisation, OrganisationKind
from sectorplan.assessment import progress, queues
from sectorplan.assessment.models import Advice, NationalPlan, PlanVersion
from sectorplan.assessment.progress import Party
from sectorplan.plans.models import Plan
from sectorplan.plans.states import ADVICE_STATES, PlanState
from sectorplan.plans.tests.factories import PlanFactory
from sectorplan.registry.models import DeadlineExtension, Milestone, MilestoneKind, Region
from sectorplan.tests.test_query_counts import add_plans


def _python_answer(plans):
    lookups = progress.Lookups(plans)
    answer = {}
    for plan in plans:
        items = progress.awaiting(plan, lookups)
        main = [i for i in items if i.party != progress.Party.ASSESSORS]
        answer[plan.pk] = (
            main[0].party if main else None,
            main[0].deadline if main else None,
            main[0].is_late if main else False,
            any(i.party == progress.Party.ASSESSORS for i in items),
        )
    return answer


@pytest.mark.parametrize("today", [datetime.date(2015, 6, 15), datetime.date(2016, 1, 5)])
def test_the_database_says_what_awaiting_says(accounts, demo_date, today):
    add_plans(2, accounts)
    DeadlineExtension.objects.create(
        scheme=Plan.objects.first().scheme,
        region=Region.objects.get(code="AM19"),
        kind=MilestoneKind.PLANS_COMPLETE,
        last_day=datetime.date(2016, 2, 1),
        reason="Ziekte",
        granted_by=accounts["cedris"],
    )
    demo_date(today)
    plans = list(Plan.objects.select_related("scheme", "region"))
    expected = _python_answer(plans)
    annotated = queues.with_waiting(Plan.objects.all())
    got = {p.pk: (p.waits_for, p.deadline, p.is_late, p.advice_owed) for p in annotated}
    assert got == expected
    assert any(v[2] for v in got.values()) == (today.year == 2016)


@pytest.mark.parametrize("username", ["cedris", "bedrijf-dzb-leiden", "vng", "szw", "bzk"])
def test_what_waits_for_a_user_is_the_task_list(accounts, demo_date, username):
    add_plans(2, accounts)
    user = accounts[username]
    visible = policy.visible_plans(user).select_related("scheme", "region")
    tasks = progress.tasks_for(user, visible)
    mine = queues.by_deadline(queues.waiting_for_user(queues.with_waiting(visible), user))
    assert [(p.deadline, str(p)) for p in mine] == [(t.deadline, str(t.plan)) for t in tasks]
    assert sorted(p.pk for p in mine) == sorted(t.plan.pk for t in tasks)


@pytest.mark.parametrize("today", [datetime.date(2015, 6, 15), datetime.date(2016, 1, 5)])
def test_the_region_summary_counts_what_awaiting_says(accounts, demo_date, today):
    """The progress overview's one grouped query counts per region what progress.awaiting
    says plan by plan: states, who is waited for (assessors beside the office) and late."""
    add_plans(2, accounts)
    demo_date(today)
    plans = list(Plan.objects.select_related("scheme", "region"))
    answer = _python_answer(plans)
    expected = {}
    for plan in plans:
        waits_for, _deadline, late, advice_owed = answer[plan.pk]
        row = expected.setdefault(plan.region.code, {"states": {}, "waiting": {}, "late": 0})
        row["states"][plan.state] = row["states"].get(plan.state, 0) + 1
        for party in [waits_for] if waits_for else []:
            row["waiting"][party] = row["waiting"].get(party, 0) + 1
        if advice_owed:
            row["waiting"]["assessors"] = row["waiting"].get("assessors", 0) + 1
        row["late"] += late
    summary = queues.region_summary(plans[0].scheme)
    got = {
        row.region.code: {
            "states": {state: n for state, _label, n in row.states},
            "waiting": {party: n for party, _label, n in row.waiting},
            "late": row.late,
        }
        for row in summary
        if row.total
    }
    assert got == expected
    assert len(summary) == 35 and sum(row.total for row in summary) == len(plans)
    assert any(row["late"] for row in got.values()) == (today.year == 2016)


def _stored(plans=None):
    plans = plans or list(Plan.objects.select_related("scheme", "region"))
    return {p.pk: (p.waits_for, p.deadline, p.advice_owed) for p in plans}


def _says(plans=None):
    plans = plans or list(Plan.objects.select_related("scheme", "region"))
    return {pk: (*answer[:2], answer[3]) for pk, answer in _python_answer(plans).items()}


def test_the_stored_columns_follow_every_change_they_derive_from(accounts, demo_date):
    """Plan.waits_for, Plan.deadline and Plan.advice_owed are written again whenever what they
    derive from changes: a state (saved, or updated in bulk), a milestone, an extension, a
    national plan sent to SZW and its plans, an advice, a new version, the assessor
    organisations; and by migrate (a database from before the columns)."""
    demo_date(datetime.date(2015, 8, 1))
    add_plans(1, accounts)
    assert _stored() == _says()
    scheme = Plan.objects.first().scheme
    region = Region.objects.get(code="AM19")

    milestone = Milestone.objects.get(scheme=scheme, kind=MilestoneKind.PLANS_COMPLETE)
    milestone.ends_on = datetime.date(2015, 10, 20)
    milestone.save()
    assert _stored() == _says()
    assert datetime.date(2015, 10, 20) in {d for _w, d, _a in _stored().values()}

    extension = DeadlineExtension.objects.create(
        scheme=scheme,
        region=region,
        kind=MilestoneKind.PLANS_COMPLETE,
        last_day=datetime.date(2015, 11, 2),
        reason="Ziekte",
        granted_by=accounts["cedris"],
    )
    assert _stored() == _says()
    assert datetime.date(2015, 11, 2) in {d for _w, d, _a in _stored().values()}
    extension.delete()
    assert _stored() == _says()

    concept = Plan.objects.filter(state=PlanState.CONCEPT)
    moved = list(concept.values_list("pk", flat=True))
    concept.update(state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    assert {Plan.objects.get(pk=pk).waits_for for pk in moved} == {Party.MUNICIPALITY}
    plan = Plan.objects.get(pk=moved[0])
    plan.state = PlanState.COFINANCING_COMMITTED
    plan.save(update_fields=["state"])
    assert Plan.objects.get(pk=plan.pk).waits_for == Party.COMPANIES
    assert _stored() == _says()

    advised = Plan.objects.filter(state=PlanState.ADVISED, national_plans=None).first()
    assert advised.waits_for == Party.OFFICE
    national_plan = NationalPlan.objects.create(
        scheme=scheme, title="Tweede ronde", cover_text="Tekst", created_by=accounts["cedris"]
    )
    national_plan.plans.add(advised)
    national_plan.submitted_at = timezone.now()
    national_plan.save()
    assert Plan.objects.get(pk=advised.pk).waits_for == Party.SZW
    assert _stored() == _says()
    national_plan.plans.clear()
    assert Plan.objects.get(pk=advised.pk).waits_for == Party.OFFICE
    assert _stored() == _says()

    owing = Plan.objects.filter(advice_owed=True).first()
    version = owing.versions.order_by("-number").first()
    for organisation in Organisation.objects.filter(kind=OrganisationKind.ASSESSOR):
        Advice.objects.create(
            version=version,
            organisation=organisation,
            author=accounts["cedris"],
            recommendation="positive",
            comments="Akkoord.",
        )
    assert not Plan.objects.get(pk=owing.pk).advice_owed
    assert _stored() == _says()
    PlanVersion.objects.create(
        plan=owing,
        number=version.number + 1,
        snapshot=version.snapshot,
        submitted_by=accounts["cedris"],
    )
    assert Plan.objects.get(pk=owing.pk).advice_owed
    Organisation.objects.create(name="Derde adviseur", kind=OrganisationKind.ASSESSOR)
    assert Plan.objects.filter(versions__isnull=False, state__in=ADVICE_STATES).exists()
    assert not Plan.objects.filter(
        versions__isnull=False, state__in=ADVICE_STATES, advice_owed=False
    ).exists()
    assert _stored() == _says()

    Plan.objects.update(waits_for=None, deadline=None, advice_owed=False)  # as before them
    call_command("migrate", verbosity=0)
    assert _stored() == _says()


@pytest.mark.django_db(transaction=True)
def test_the_progress_overview_is_counted_again_when_a_deadline_moves(accounts):
    """Cached (plans.summary_cache) until something refresh derives the columns from changes:
    here an extension, which no plan save follows."""
    plan = PlanFactory(state=PlanState.CONCEPT)
    day = datetime.date(2030, 1, 1)

    def late() -> int:
        rows = queues.region_summary(plan.scheme, today=day)
        return next(row.late for row in rows if row.region.pk == plan.region_id)

    assert late() == 1
    assert late() == 1  # from the cache
    DeadlineExtension.objects.create(
        scheme=plan.scheme,
        region=plan.region,
        kind=MilestoneKind.MUNICIPALITY_DEADLINE,  # the window a concept plan waits in
        last_day=datetime.date(2031, 1, 1),
        reason="Uitstel",
        granted_by=accounts["cedris"],
    )
    assert late() == 0
