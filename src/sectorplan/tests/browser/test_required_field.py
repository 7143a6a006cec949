"""Issue 14, item 6: an empty required "Toelichting" is not shown in red before anything was
typed (the Utrecht sheet marks any :invalid textarea at once); it is once the user tried."""

from .steps import expect, login


def test_an_empty_required_toelichting_is_not_red_on_arrival(open_page, people, demo_date):
    from sectorplan.plans import workflow
    from sectorplan.plans.tests.factories import complete_plan

    plan = complete_plan()
    workflow.take(plan, "submit_to_municipality", user=people["bedrijf-dzb-leiden"])
    page = open_page(viewport={"width": 1280, "height": 800})
    login(page, "gemeente-leiden")
    page.goto(f"/plannen/{plan.pk}/")
    field = page.locator("#reason-return_to_company")
    expect(field).to_have_attribute("required", "")
    border = "e => getComputedStyle(e).borderTopColor"
    untouched = field.evaluate(border)
    field.fill("Graag de begroting per activiteit.")
    field.blur()
    assert field.evaluate(border) == untouched, "the empty field was marked invalid on arrival"
    # Once the user has tried (typed and emptied it), the invalid look is allowed again.
    field.fill("")
    field.blur()
    assert field.evaluate(border) != untouched
