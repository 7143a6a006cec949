"""Accessibility: one page of every page type, as the role that uses it, checked with axe-core
(the axe.min.js that axe-playwright-python bundles) for the WCAG 2.0 and 2.1 A and AA rules;
a serious or critical violation fails the test. docs/ACCESSIBILITY.md says what is checked.

The keyboard tests are in test_keyboard.py."""

import datetime

import pytest

from .steps import click_and_wait, expect

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
COMPANY, OFFICE, SZW = "bedrijf-dzb-leiden", "cedris", "szw"
IN_JANUARY_2016 = datetime.date(2016, 1, 15)


def axe_violations(page) -> list[str]:
    """The serious and critical violations on the page, one readable line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {node['target']} "
                f"{node.get('failureSummary', '').splitlines()[-1:]} | {node['html'][:160]}"
            )
    return lines


def assert_accessible(page, expected_status=200):
    lang = page.locator("html").get_attribute("lang")
    assert lang == "nl", f"<html lang={lang!r}> on {page.url}"
    assert page.locator("h1").count() == 1, f"not exactly one h1 on {page.url}"
    found = axe_violations(page)
    assert not found, f"axe on {page.url}:\n" + "\n".join(found)


def visit(page, path, status=200):
    response = page.goto(path)
    assert response.status == status, f"{response.status} on {path}"
    return page


@pytest.fixture
def world(demo_data, demo_date):
    """The demo data plus one plan walked along the real path to in_execution (national plan,
    decision, payment batch) and a concept plan to edit, both of DZB Leiden in AM19."""
    from sectorplan.assessment.tests.journey import walk_to
    from sectorplan.meetings import services as meetings
    from sectorplan.payments.models import PaymentBatch
    from sectorplan.plans.states import PlanState
    from sectorplan.plans.tests.factories import complete_plan
    from sectorplan.registry.models import ActivityType

    executed = walk_to(PlanState.IN_EXECUTION, demo_data, demo_date)
    concept = complete_plan(title="Nog te schrijven plan")
    demo_date(IN_JANUARY_2016)
    meeting = meetings.create_meeting(
        user=demo_data[OFFICE],
        scheme=executed.scheme,
        title="Kennisdag jobcoaches",
        date=datetime.date(2016, 3, 1),
        place="Utrecht",
        activity_types=list(ActivityType.objects.filter(code="jobcoaches")),
    )
    return {
        "plan": executed,
        "concept": concept,
        "national": executed.national_plans.first(),
        "batch": PaymentBatch.objects.latest("pk"),
        "meeting": meeting,
    }


PUBLIC_PAGES = {
    "budget": "/regelingen/sw2015/budget/",
    "activity map": "/monitoring/activiteiten/sw2015/",
    "region map": "/monitoring/activiteiten/sw2015/kaart/",
    "login": "/accounts/login/",
}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_pages(open_page, demo_data, name):
    page = visit(open_page(), PUBLIC_PAGES[name])
    assert_accessible(page)


# (role, page type) -> path, given the world.
SIGNED_IN_PAGES = {
    "start page with tasks": (COMPANY, lambda w: "/"),
    "plan list": (COMPANY, lambda w: "/plannen/"),
    "regions dashboard": (OFFICE, lambda w: "/plannen/regios/"),
    "plan detail": (COMPANY, lambda w: f"/plannen/{w['plan'].pk}/"),
    "review and decision": (OFFICE, lambda w: f"/beoordeling/plan/{w['plan'].pk}/"),
    "version comparison": (COMPANY, lambda w: f"/beoordeling/plan/{w['plan'].pk}/versies/"),
    "progress overview": (OFFICE, lambda w: "/beoordeling/"),
    "national plan": (SZW, lambda w: f"/beoordeling/landelijk/{w['national'].pk}/"),
    "payment batch": (OFFICE, lambda w: f"/betalingen/{w['batch'].pk}/"),
    "progress report form": (
        COMPANY,
        lambda w: f"/monitoring/rapportages/plan/{w['plan'].pk}/tussenrapportage-1/bewerken/",
    ),
    "report list": (OFFICE, lambda w: "/monitoring/rapportages/"),
    "national report": (OFFICE, lambda w: "/monitoring/rapportages/landelijk/tussenrapportage-1/"),
    "meetings": (OFFICE, lambda w: "/bijeenkomsten/"),
    "meeting detail": (OFFICE, lambda w: f"/bijeenkomsten/{w['meeting'].pk}/"),
    "contact directory": (OFFICE, lambda w: "/bijeenkomsten/netwerk/"),
    "audit log": (OFFICE, lambda w: "/auditlog/"),
    "two-factor settings": (COMPANY, lambda w: "/accounts/tweestapsverificatie/"),
}


@pytest.mark.parametrize("name", list(SIGNED_IN_PAGES))
def test_signed_in_pages(as_user, world, name):
    username, path = SIGNED_IN_PAGES[name]
    page = visit(as_user(username), path(world))
    assert_accessible(page)


def test_plan_form_with_errors_shown(as_user, world):
    """The edit form after a refused save: errors at the fields and summarised on top, each
    field described by its error, and still no violation."""
    page = visit(as_user(COMPANY), f"/plannen/{world['concept'].pk}/bewerken/")
    title = page.get_by_label("Titel")
    title.fill("")
    # The browser's own check would stop the empty required field before the server sees it.
    page.locator("form").first.evaluate("form => form.noValidate = true")
    click_and_wait(page, page.get_by_role("button", name="Opslaan"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Er is iets niet goed ingevuld")
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    assert page.locator(target).count() == 1, f"summary links to missing {target}"
    described = title.get_attribute("aria-describedby").split()
    for id_ in described:
        assert page.locator(f"#{id_}").count() == 1, f"aria-describedby names missing #{id_}"
    assert any(page.locator(f"#{id_}").inner_text().strip() for id_ in described)
    assert title.get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_error_pages(as_user, demo_data):
    page = as_user(COMPANY)
    visit(page, "/auditlog/", status=403)
    assert_accessible(page)
    expect(page.get_by_role("link", name="Naar de startpagina", exact=False)).to_be_visible()
    visit(page, "/bestaat-niet/", status=404)
    assert_accessible(page)
    expect(page.get_by_role("link", name="Naar de startpagina", exact=False)).to_be_visible()


def test_english_pages_say_so(open_page, demo_data):
    """<html lang> follows the language chosen with the switch in the header."""
    page = visit(open_page(), "/regelingen/sw2015/budget/")
    click_and_wait(page, page.get_by_role("button", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"
    # The switch back names its language in that language, marked as such.
    assert page.get_by_role("button", name="Nederlands").get_attribute("lang") == "nl"
    assert not axe_violations(page)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_phone_width_has_no_sideways_scrolling(open_page, demo_data, name):
    """Responsive down to 320 CSS pixels (WCAG 1.4.10 reflow): the page itself never scrolls
    sideways; wide tables scroll inside their own box."""
    page = visit(open_page(viewport={"width": 320, "height": 640}), PUBLIC_PAGES[name])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a 320px screen"
