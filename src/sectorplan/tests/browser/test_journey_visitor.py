"""Journey of an anonymous visitor who reads English: from the start page, without logging
in, the budget per region, the activity map and the map of the regions, all in English (the
interface and the scheme's own data: theme and activity-type names)."""

import pytest

from .journey_steps import arrive, go, visit
from .steps import click_and_wait, expect

# Dutch words of the scheme's data that an English page must not show (issue 14, finding 11).
DUTCH_DATA = ["begeleiding van werk naar werk", "Bron:", "Scholing van medewerkers tot jobcoach"]


@pytest.fixture
def granted_plan(people, demo_date):
    """One plan of DZB Leiden in AM19, granted and being carried out, so the activity map
    and the map have something to show."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.plans.states import PlanState

    return walk_to(PlanState.IN_EXECUTION, people, demo_date)


def test_a_visitor_reads_the_budget_the_activity_map_and_the_map_in_english(
    open_page, journey, granted_plan
):
    page = visit(open_page(viewport={"width": 1280, "height": 800}), "/")
    click_and_wait(page, page.locator(".language-switch").get_by_role("button", name="English"))
    arrive(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    go(page, "Budget per region")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget per region")
    budget = page.get_by_role("table", name="Reservation per labour-market region")
    expect(budget).to_contain_text("Holland Rijnland")
    expect(budget.locator("td.numeric").first).to_contain_text(".")  # English notation

    go(page, "Home")
    go(page, "Which activities in which regions: overview, chart and map")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activities in the sector plans")
    expect(page.locator("main")).to_contain_text("Holland Rijnland")

    go(page, "To the map of the regions")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main svg, main img").first).to_be_visible()


def test_english_pages_show_the_schemes_data_in_english(open_page, journey, granted_plan):
    page = visit(open_page(viewport={"width": 1280, "height": 800}), "/")
    click_and_wait(page, page.locator(".language-switch").get_by_role("button", name="English"))
    arrive(page)
    go(page, "Which activities in which regions: overview, chart and map")
    main = page.locator("main").inner_text()
    go(page, "To the map of the regions")
    main += page.locator("main").inner_text()
    shown = [words for words in DUTCH_DATA if words.lower() in main.lower()]
    assert not shown, f"Dutch data on the English pages: {shown}"
