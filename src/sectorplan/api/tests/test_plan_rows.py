"""/api/v1/plans/ builds its rows without DRF (api/plan_rows.py, issue 15): each row must be
exactly what PlanSerializer gives for that plan, which the plan's own endpoint serves, for those
who read the live plan and for those who read the submitted version while it is reworked."""

import pytest
from rest_framework.test import APIClient

from sectorplan.plans.models import Plan
from sectorplan.plans.tests.factories import CommitmentFactory, PlanFactory
from sectorplan.tests.test_probe_frozen_version import reworked  # noqa: F401 (a fixture)


@pytest.mark.parametrize("username", ["vng", "szw", "cedris", "bedrijf-dzb-leiden"])
def test_every_row_of_the_list_is_the_plans_own_answer(accounts, reworked, username):  # noqa: F811
    PlanFactory(summary="", municipality_contact_email="")  # no money at all
    CommitmentFactory(plan=PlanFactory(title="Toegezegd"))
    api = APIClient()
    api.force_authenticate(accounts[username])
    listed = api.get("/api/v1/plans/", {"per_pagina": 500}).json()
    assert listed["count"] == len(listed["results"]) > 0
    for row in listed["results"]:
        assert row == api.get(f"/api/v1/plans/{row['id']}/").json()
    if username in ("vng", "szw"):  # the list showed them the submitted version
        titles = {row["id"]: row["title"] for row in listed["results"]}
        assert titles[reworked["plan"].pk] == "Ingediend plan"
        assert Plan.objects.get(pk=reworked["plan"].pk).title == "Nieuwe concepttitel"
