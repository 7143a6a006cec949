"""SZW's decision on the national plan's sub-plans says what it does (issue 14): the
confirmation names the decision, the message counts in proper Dutch, and once every sub-plan is
decided the page says so instead of offering an empty form."""

from django.urls import reverse

from sectorplan.assessment.models import NationalPlan
from sectorplan.plans.states import PlanState

from .journey import OFFICE, SZW, walk_to


def _national_plan(client, accounts, demo_date):
    plans = [walk_to(PlanState.ADVISED, accounts, demo_date) for _ in range(2)]
    client.force_login(accounts[OFFICE])
    client.post(
        reverse("assessment:national-plans"),
        {"title": "Landelijk sectorplan", "cover_text": "Samen.", "plans": [p.pk for p in plans]},
    )
    national = NationalPlan.objects.get()
    client.post(reverse("assessment:national-plan-submit", args=[national.pk]))
    client.force_login(accounts[SZW])
    return reverse("assessment:national-plan", args=[national.pk]), plans


def test_the_confirmation_names_the_decision(client, accounts, demo_date):
    url, (first, second) = _national_plan(client, accounts, demo_date)
    reject = {"plans": [first.pk], "decision": "reject", "reason": "Geen samenhang."}
    asked = client.post(url, reject).content.decode()
    assert "<h1>Bevestigen: 1 deelplan afwijzen</h1>" in asked
    assert "Afwijzen bevestigen</button>" in asked and "Besluit vastleggen" not in asked
    approve = {"plans": [first.pk, second.pk], "decision": "approve", "reason": "Voldoet."}
    asked = client.post(url, approve).content.decode()
    assert "<h1>Bevestigen: 2 deelplannen goedkeuren</h1>" in asked
    assert "Goedkeuren bevestigen</button>" in asked


def test_when_every_sub_plan_is_decided_the_form_gives_way_to_a_sentence(
    client, accounts, demo_date
):
    url, (first, second) = _national_plan(client, accounts, demo_date)
    reject = {"plans": [first.pk], "decision": "reject", "reason": "Nee.", "confirmed": "1"}
    page = client.post(url, reject, follow=True).content.decode()
    assert "1 deelplan afgewezen." in page and "(nen)" not in page
    assert "Besluit vastleggen" in page  # the second plan still waits
    approve = {"plans": [second.pk], "decision": "approve", "reason": "Voldoet.", "confirmed": "1"}
    page = client.post(url, approve, follow=True).content.decode()
    assert "1 deelplan goedgekeurd." in page
    assert "niets meer te besluiten" in page
    assert "Besluit vastleggen" not in page and "Er is niets om uit te kiezen." not in page
    assert 'name="decision"' not in page
