"""The regions dashboard /plannen/regios/ is the same for everyone who may see it, so its table
is rendered once and kept until the data changes (issue 15).

Transactional: outside a transaction is where the cache is used."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState

from .factories import BudgetLineFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _leiden_row(client, **params) -> str:
    html = client.get("/plannen/regios/", params).content.decode()
    found = re.search(r"<th scope=\"row\">AM19 .*?</tr>", html, re.S)
    return found[0] if found else ""


def test_the_dashboard_table_is_rendered_again_only_when_its_data_changes(client, accounts):
    client.force_login(accounts["cedris"])
    plan = PlanFactory(state=PlanState.CONCEPT)
    assert f"1× {PlanState.CONCEPT.label}" in _leiden_row(client)

    with CaptureQueriesContext(connection) as kept:
        _leiden_row(client)
    assert not [q for q in kept if "plans_plan" in q["sql"]]  # nothing summed again

    BudgetLineFactory(plan=plan, national_contribution_cents=1_234_56)
    assert "1.234,56" in _leiden_row(client)
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.IN_REVIEW)  # no save signal
    assert f"1× {PlanState.IN_REVIEW.label}" in _leiden_row(client)

    # Each filter keeps its own table; an unknown one is the whole list.
    assert _leiden_row(client, filter="zonder-plan") == ""
    assert _leiden_row(client, filter="onbekend") == _leiden_row(client)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with translation.override("en"):
        english = f"1× {PlanState.IN_REVIEW.label}"
    assert english != f"1× {PlanState.IN_REVIEW.label}"
    row = _leiden_row(client)
    assert english in row and "1,234.56" in row
