"""Phones (issue 14, item 10): at 320 px the header of a Cedris user is one compact bar with a
"Menu" disclosure (a <details>, no JavaScript under the strict CSP), the demo-date form is
folded away, so the content starts on the first screen; wide tables show a scroll cue."""

import re

from .steps import click_and_wait, expect, login

PHONE = {"width": 320, "height": 640}


def test_cedris_header_is_compact_on_a_phone_and_the_menu_opens_by_keyboard(
    open_page, demo_data, demo_date
):
    page = open_page(viewport=PHONE)
    login(page, "cedris")
    header = page.locator("header.page-header").bounding_box()
    assert header["height"] <= 120, f"the header is {header['height']}px high on a phone"
    clock = page.locator(".demo-clock").bounding_box()
    assert clock["height"] <= 100, f"the demo date takes {clock['height']}px on a phone"
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading["y"] < PHONE["height"] * 0.6, "the content starts below the first screen"
    # Folded: the links are not shown until the menu is opened, with the keyboard too.
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    plans = menu.get_by_role("link", name="Plannen", exact=True)
    expect(plans).to_be_hidden()
    toggle = page.locator("summary", has_text="Menu")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(plans).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Start", exact=True)).to_be_focused()
    click_and_wait(page, plans)
    expect(page).to_have_url(re.compile(r"/plannen/$"))
    # The demo date is shown; moving it is one tap away.
    expect(page.locator(".demo-clock")).to_contain_text("Demodatum:")
    expect(page.get_by_label("Demodatum verzetten")).to_be_hidden()
    page.locator("summary", has_text="Datum verzetten").click()
    expect(page.get_by_label("Demodatum verzetten")).to_be_visible()


def test_on_a_wide_screen_the_menu_is_simply_open(open_page, demo_data, demo_date):
    page = open_page(viewport={"width": 1280, "height": 800})
    login(page, "cedris")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Plannen", exact=True)).to_be_visible()
    expect(page.get_by_label("Demodatum verzetten")).to_be_visible()


def test_a_wide_table_shows_that_it_scrolls(open_page, demo_data):
    page = open_page(viewport=PHONE)
    page.goto("/regelingen/sw2015/budget/")
    box = page.locator(".table-scroll").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth"), "the table fits: no cue needed"
    # The cue: shadows at the edges (background gradients) and a visible scrollbar colour;
    # the box stays reachable by keyboard to scroll it.
    assert "radial-gradient" in box.evaluate("e => getComputedStyle(e).backgroundImage")
    assert box.get_attribute("tabindex") == "0"
