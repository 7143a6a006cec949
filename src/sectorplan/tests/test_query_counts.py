"""The key pages and their API endpoints run a fixed number of database queries however many
plans there are (issue 9, item 2): each URL is fetched with a few plans and again with three
times as many, spread over regions and states, and must ask the database exactly as often.

A query per plan (an N+1) makes the second count larger and the test fail; docs/PERFORMANCE.md
has the throughput figures measured with 3,500 plans.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sectorplan.assessment import queues
from sectorplan.assessment.models import Advice, NationalPlan, PlanVersion
from sectorplan.assessment.snapshot import build_snapshot
from sectorplan.plans.models import Plan
from sectorplan.plans.states import SUBMITTED_STATES, PlanState
from sectorplan.plans.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    CommitmentFactory,
    GoalFactory,
    ParticipantFactory,
    PlanFactory,
)
from sectorplan.registry.models import Region

# Every state once per round, so the task list, the overview and the map meet each branch.
STATES = [
    PlanState.CONCEPT,
    PlanState.SUBMITTED_TO_MUNICIPALITY,
    PlanState.COFINANCING_COMMITTED,
    PlanState.SUBMITTED_TO_CEDRIS,
    PlanState.IN_REVIEW,
    PlanState.CHANGES_REQUESTED,
    PlanState.RESUBMITTED,
    PlanState.ADVISED,
    PlanState.APPROVED,
    PlanState.GRANTED,
    PlanState.PAID,
    PlanState.IN_EXECUTION,
    PlanState.EXECUTED,
    PlanState.CLOSED,
]
REGIONS = ["AM19", "AM34", "AM05", "AM22"]  # AM19 and AM34: where DZB Leiden works


def add_plans(rounds: int, accounts) -> None:
    """2 x rounds x len(STATES) plans with every part and a version once submitted; in odd
    rounds with an assessor's advice, and advised plans in a national plan submitted to SZW."""
    regions = [Region.objects.get(code=code) for code in REGIONS]
    office = accounts["cedris"]
    assessor = accounts["vng"].membership.organisation
    # Each round has every state in AM19 (the company's own region) and in one other region.
    placed = [
        (n, state, region)
        for n in range(rounds)
        for index, state in enumerate(STATES)
        for region in (regions[0], regions[1 + (n + index) % (len(regions) - 1)])
    ]
    for n, state, region in placed:
        plan = PlanFactory(state=state, region=region)
        ParticipantFactory(plan=plan)
        GoalFactory(plan=plan)
        ActivityFactory(plan=plan)
        BudgetLineFactory(plan=plan)
        CommitmentFactory(plan=plan)
        if state in SUBMITTED_STATES:
            version = PlanVersion.objects.create(
                plan=plan, number=1, snapshot=build_snapshot(plan), submitted_by=office
            )
            if n % 2:
                Advice.objects.create(
                    version=version,
                    organisation=assessor,
                    author=office,
                    recommendation="positive",
                    comments="Akkoord.",
                )
        if state == PlanState.ADVISED and n % 2:
            national_plan = NationalPlan.objects.create(
                scheme=plan.scheme, title="Landelijk", cover_text="Tekst", created_by=office
            )
            national_plan.plans.add(plan)
            NationalPlan.objects.filter(pk=national_plan.pk).update(
                submitted_at="2015-09-01T10:00Z", submitted_by=office
            )
            queues.refresh(Plan.objects.filter(pk=plan.pk))  # update() sends no signal


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def counts(client, urls: list[str]) -> dict[str, int]:
    client.get(urls[0])  # the first request pays for sessions and caches, not for plans
    return {url: count_queries(client, url) for url in urls}


SCHEME_URLS = [
    reverse("web:home"),
    reverse("web:budget", args=["sw2015"]),
    reverse("api:scheme-allocation", args=["sw2015"]),
    reverse("monitoring:activity-map", args=["sw2015"]) + "?selectie=ingediend",
    reverse("monitoring:activity-map", args=["sw2015"]),
    reverse("api:scheme-overview", args=["sw2015"]),
    reverse("plans:dashboard"),
    reverse("assessment:overview"),
    reverse("api:scheme-progress", args=["sw2015"]),
    reverse("plans:list"),
    reverse("api:plan-list"),
    # Issue 15: filters, search, sort and pages cost the same however many plans match.
    reverse("plans:list") + "?wacht_op=mij&sorteer=uiterste_datum",
    reverse("plans:list") + "?q=leiden&te_laat=nee&status=concept&sorteer=-status",
    reverse("plans:list") + "?regio=AM19&wacht_op=assessors&demo=nee",
    reverse("api:plan-list") + "?wacht_op=office&sorteer=-uiterste_datum",
]


@pytest.mark.parametrize("username", ["cedris", "bedrijf-dzb-leiden", "vng", "szw"])
def test_pages_and_api_ask_the_same_number_of_queries_for_three_times_the_plans(
    client, accounts, username, demo_date
):
    # In demo mode (as the quick start and the benchmark run) the date itself is a query.
    client.force_login(accounts[username])
    urls = [url for url in SCHEME_URLS if client.get(url).status_code == 200]
    assert reverse("web:home") in urls  # every role has a task list
    # Two rounds first, so every role has a task in the first count too (SZW's come from the
    # odd round): whether a batched lookup runs at all may depend on that, not on the number.
    add_plans(2, accounts)
    few = counts(client, urls)
    add_plans(4, accounts)
    assert counts(client, urls) == few


def test_the_task_list_shows_what_waits_for_the_office(client, accounts):
    """Guards the batched lookups: the office sees its tasks for every plan waiting for it."""
    add_plans(2, accounts)
    # The start page shows the first 10; the full list is /plannen/?wacht_op=mij (issue 15).
    mine = reverse("plans:list") + "?wacht_op=mij"
    client.force_login(accounts["cedris"])
    assert client.get(mine + "&status=submitted_to_cedris").context["total"] == 4  # 2 x 2
    # Advised and not yet with SZW (round 0) versus with SZW (round 1).
    assert client.get(mine + "&status=advised").context["total"] == 2
    client.force_login(accounts["szw"])
    assert client.get(mine + "&status=advised").context["total"] == 2
    page = client.get(reverse("web:home")).content.decode()
    assert page.count("Besluiten: goedkeuren of afwijzen") == 2
    client.force_login(accounts["vng"])
    page = client.get(reverse("web:home")).content.decode()
    # Advice owed on submitted, in-review and resubmitted plans of round 0 only (2 regions).
    assert page.count("Advies geven") == 6


@pytest.mark.parametrize("username", ["cedris", "bedrijf-dzb-leiden"])
def test_plan_detail_asks_the_same_number_of_queries_for_three_times_the_parts(
    client, accounts, username
):
    add_plans(1, accounts)
    plan = PlanFactory(state=PlanState.IN_REVIEW)
    PlanVersion.objects.create(plan=plan, number=1, snapshot={}, submitted_by=accounts["cedris"])
    urls = [reverse("plans:detail", args=[plan.pk]), reverse("api:plan-detail", args=[plan.pk])]

    def add_parts():
        for factory in (GoalFactory, ActivityFactory, BudgetLineFactory, CommitmentFactory):
            factory(plan=plan)

    add_parts()
    client.force_login(accounts[username])
    few = counts(client, urls)
    add_parts()
    add_parts()
    assert counts(client, urls) == few
