"""The progress overview /beoordeling/ is the same for everyone who may see it, so its summary
is rendered once and kept until the data or the (demo) date changes (issue 15).

Transactional: outside a transaction is where the cache is used."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _leiden_row(client) -> str:
    html = client.get("/beoordeling/").content.decode()
    return re.search(r"<tr><th scope=\"row\"><a href=\"[^\"]*regio=AM19\".*?</tr>", html, re.S)[0]


def test_the_overview_is_rendered_again_only_when_its_data_or_the_date_changes(
    client, accounts, demo_date
):
    client.force_login(accounts["cedris"])
    plan = PlanFactory(state=PlanState.CONCEPT)
    assert f"{PlanState.CONCEPT.label}: 1" in _leiden_row(client)

    with CaptureQueriesContext(connection) as kept:
        _leiden_row(client)
    assert not [q for q in kept if "plans_plan" in q["sql"]]  # nothing counted again

    Plan.objects.filter(pk=plan.pk).update(state=PlanState.IN_REVIEW)  # no save signal
    row = _leiden_row(client)
    assert f"{PlanState.IN_REVIEW.label}: 1" in row and str(PlanState.CONCEPT.label) not in row

    # Lateness moves with the date, which no change of data follows.
    assert "te laat" not in _leiden_row(client)
    demo_date(datetime.date(2030, 1, 1))
    assert "1 plan te laat" in _leiden_row(client)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "1 plan late" in _leiden_row(client)
