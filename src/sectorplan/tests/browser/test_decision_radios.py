"""Issue 14: an unanswered required choice (SZW's "Goedkeuren"/"Afwijzen") is not outlined in
red on arrival; the Utrecht sheet marks every radio of an unanswered required group :invalid,
which reads as a validation error before anything was done."""

from .steps import expect, login


def test_the_decision_radios_are_not_red_on_arrival(open_page, people, demo_date):
    from sectorplan.assessment import services
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState

    plan = walk_to(PlanState.ADVISED, people, demo_date)
    national = services.save_national_plan(
        user=people["cedris"], scheme=plan.scheme, title="Landelijk sectorplan SW 2015",
        cover_text="Samen.", plan_ids=[plan.pk],
    )
    services.submit_national_plan(national, user=people["cedris"])
    page = open_page(viewport={"width": 1280, "height": 800})
    login(page, "szw")
    page.goto(f"/beoordeling/landelijk/{national.pk}/")
    form = page.get_by_role("region", name="Besluiten")
    reject = form.get_by_label("Afwijzen", exact=True)
    expect(reject).to_have_attribute("required", "")
    border = "e => getComputedStyle(e).borderTopColor"
    untouched = reject.evaluate(border)
    # Answered (the group is valid): the look every radio should have had from the start.
    form.get_by_label("Goedkeuren", exact=True).check()
    assert reject.evaluate(border) == untouched, "the unanswered radios were marked invalid"
