"""Caching where the data changes rarely (issue 15): the budget table per allocation run, the
activity map until a plan changes state, sessions in the shared cache when there is one."""

import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sectorplan.allocation.selectors import budget
from sectorplan.monitoring.selectors import APPROVED, activity_overview
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import ActivityFactory, PlanFactory


def test_the_budget_table_is_read_once_per_allocation_run(scheme):
    with CaptureQueriesContext(connection) as first:
        rows = budget(scheme).rows
    with CaptureQueriesContext(connection) as again:
        assert budget(scheme, sort="reserved", descending=True).rows == sorted(
            rows, key=lambda r: r.reserved_cents, reverse=True
        )
    assert len(again) == 1 < len(first)  # only: which run is current


@pytest.mark.django_db(transaction=True)
def test_the_activity_map_is_counted_again_when_a_plan_changes_state(accounts):
    plan = PlanFactory(state=PlanState.GRANTED)
    other = PlanFactory(state=PlanState.ADVISED, scheme=plan.scheme)
    ActivityFactory(plan=plan)
    ActivityFactory(plan=other)
    scheme = plan.scheme
    assert activity_overview(scheme, APPROVED).counts.plans_counted == 1
    first = activity_overview(scheme, APPROVED).counts
    with CaptureQueriesContext(connection) as cached:
        again = activity_overview(scheme, APPROVED).counts
    assert again.plans_counted == 1
    assert len(cached) == 1  # the token of the key, no counting
    assert again is first  # kept in the process, not unpickled from the cache again
    # SZW approves, even as a bulk update: the map counts again.
    Plan.objects.filter(pk=other.pk).update(state=PlanState.APPROVED)
    assert activity_overview(scheme, APPROVED).counts.plans_counted == 2


def _matrix_row(client, code: str) -> str:
    html = client.get(f"/monitoring/activiteiten/{SCHEME}/").content.decode()
    return re.search(rf'<tr data-region="{code}" data-types="\d+">.*?</tr>', html, re.S)[0]


SCHEME = "sw2015"


@pytest.mark.django_db(transaction=True)
def test_the_activity_matrix_on_the_page_follows_a_change_of_state(client, accounts):
    """The page from its summary to the region x type table is rendered once per selection and
    language (monitoring.views._body) and kept as the counts are: a newly approved plan reaches
    it."""
    plan = PlanFactory(state=PlanState.ADVISED)
    ActivityFactory(plan=plan)
    code = plan.region.code
    assert "✓" not in _matrix_row(client, code)
    assert "✓" not in _matrix_row(client, code)  # kept
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.APPROVED)
    assert "✓" in _matrix_row(client, code)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    row = _matrix_row(client, code)
    assert '<span class="visually-hidden">yes</span>' in row and "nee" not in row


def _session_engine(**environ) -> str:
    script = "from sectorplan import settings; print(settings.SESSION_ENGINE)"
    env = {k: v for k, v in os.environ.items() if k != "SECTORPLAN_CACHE_URL"}
    env.update(environ, SECRET_KEY="x" * 50)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_sessions_use_the_shared_cache_only_when_there_is_one():
    assert _session_engine() == "django.contrib.sessions.backends.db"
    shared = _session_engine(SECTORPLAN_CACHE_URL="redis://127.0.0.1:6379/0")
    assert shared == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db(transaction=True)
def test_deadlines_are_kept_until_a_milestone_or_extension_changes(scheme, accounts):
    """Every work list and the plan page read the scheme's milestones and extensions
    (assessment.progress.Lookups); they are kept under the summaries' token."""
    import datetime

    from sectorplan.assessment.progress import Lookups
    from sectorplan.registry.models import DeadlineExtension, Milestone

    plan = PlanFactory(scheme=scheme, state=PlanState.CONCEPT)
    key = (scheme.pk, "municipality_deadline")
    first = Lookups([plan]).milestones[key]
    with CaptureQueriesContext(connection) as kept:
        assert Lookups([plan]).milestones[key] == first
    assert not [q for q in kept if "registry_milestone" in q["sql"]]

    milestone = Milestone.objects.get(scheme=scheme, kind="municipality_deadline")
    milestone.starts_on += datetime.timedelta(days=10)
    milestone.save()
    assert Lookups([plan]).milestones[key] == first + datetime.timedelta(days=10)

    DeadlineExtension.objects.create(
        scheme=scheme,
        region=plan.region,
        kind="municipality_deadline",
        last_day=first + datetime.timedelta(days=30),
        reason="Test",
        granted_by=accounts["cedris"],
    )
    extended = Lookups([plan]).extensions[(scheme.pk, plan.region_id, "municipality_deadline")]
    assert extended == first + datetime.timedelta(days=30)
