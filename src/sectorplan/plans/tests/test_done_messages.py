"""After a plan step its user reads what happened, as a sentence (issue 14), not
"Gelukt: <button label>."."""

import datetime

from django.urls import reverse

from sectorplan.assessment.tests.journey import COMPANY, OFFICE, walk_to
from sectorplan.plans import workflow
from sectorplan.plans.done import DONE, done_message
from sectorplan.plans.states import PlanState


def test_every_step_has_its_sentence():
    assert set(workflow.TRANSITIONS) <= set(DONE)
    assert done_message("start_review", "Inhoudelijke toets starten") == (
        "De inhoudelijke toets is gestart."
    )
    # A step added later without a sentence still reads as Dutch, not as a label.
    assert done_message("new_step", "Nieuw") == "De stap ‘Nieuw’ is gezet."


def test_cedris_reads_that_the_review_started(client, accounts, demo_date):
    plan = walk_to(PlanState.SUBMITTED_TO_CEDRIS, accounts, demo_date)
    client.force_login(accounts[OFFICE])
    url = reverse("assessment:step", args=[plan.pk, "start_review"])
    page = client.post(url, follow=True).content.decode()
    assert "De inhoudelijke toets is gestart." in page and "Gelukt" not in page


def test_the_company_reads_that_its_plan_went_to_cedris(client, accounts, demo_date):
    plan = walk_to(PlanState.COFINANCING_COMMITTED, accounts, demo_date)
    demo_date(datetime.date(2015, 7, 1))  # Cedris's window is open
    client.force_login(accounts[COMPANY])
    url = reverse("plans:transition", args=[plan.pk, "submit_to_cedris"])
    page = client.post(url, {"confirmed": "1"}, follow=True).content.decode()
    assert "Het plan is ingediend bij Cedris." in page and "Gelukt" not in page
