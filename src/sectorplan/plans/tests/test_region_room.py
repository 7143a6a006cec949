"""Issue 14, item 9: the plan page shows the region's reservation, what all its plans ask and
what is left, so a company knows what fits before it adds a budget line."""

from django.urls import reverse

from sectorplan.money import format_euro
from sectorplan.plans.rules import region_requested_cents, region_reservation_cents
from sectorplan.plans.selectors import region_room
from sectorplan.plans.tests.factories import BudgetLineFactory, PlanFactory


def test_the_plan_page_shows_reservation_asked_and_free(client, accounts):
    plan = PlanFactory()
    BudgetLineFactory(plan=plan, national_contribution_cents=100_000_00)
    BudgetLineFactory(plan=PlanFactory(), national_contribution_cents=50_000_00)
    reservation = region_reservation_cents(plan.region, plan.scheme)
    requested = region_requested_cents(plan.region, plan.scheme)
    room = region_room(plan)
    assert (room.reservation_cents, room.requested_cents) == (reservation, requested)
    assert room.free_cents == reservation - requested
    client.force_login(accounts["bedrijf-dzb-leiden"])
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Reservering van regio AM19 Holland Rijnland" in html
    for cents in (reservation, requested, reservation - requested):
        assert format_euro(cents, "nl") in html
