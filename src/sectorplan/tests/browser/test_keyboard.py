"""Keyboard only: the skip link comes first and moves focus to the content, focus is always
visible, and a form can be filled in and sent without a mouse (WCAG 2.1.1, 2.4.1, 2.4.3,
2.4.7). docs/ACCESSIBILITY.md lists these checks."""

from sectorplan.demo.accounts import DEMO_PASSWORD

from .steps import expect

ACTIVE = "document.activeElement"


def active(page, expression: str):
    return page.evaluate(f"(() => {{ const el = {ACTIVE}; return {expression}; }})()")


def focus_is_visible(page) -> bool:
    """The focused element draws an outline or a focus ring (box-shadow)."""
    return active(
        page,
        "(() => { const s = getComputedStyle(el);"
        " return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
        " || s.boxShadow !== 'none'; })()",
    )


def tab_until(page, predicate: str, limit: int = 40) -> int:
    """Presses Tab until the focused element matches; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if active(page, predicate):
            return presses
    raise AssertionError(f"{predicate} not reached in {limit} presses of Tab")


def test_skip_link_is_first_and_moves_focus_to_the_content(open_page, demo_data):
    page = open_page()
    page.goto("/regelingen/sw2015/budget/")
    page.keyboard.press("Tab")
    assert active(page, "el.textContent.trim()") == "Naar de inhoud"
    assert active(page, "el.getAttribute('href')") == "#main"
    # Hidden until focused, then on screen and visibly focused.
    box = page.get_by_role("link", name="Naar de inhoud").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, f"skip link off screen when focused: {box}"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert active(page, "el.id") == "main"
    # The next Tab goes on inside the content, not back to the menu.
    page.keyboard.press("Tab")
    assert active(page, "!!el.closest('main')"), "Tab after the skip link left <main>"


def test_focus_order_follows_the_page(open_page, demo_data):
    """Skip link, then the name of the site, then the menu in reading order."""
    page = open_page()
    page.goto("/")
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(active(page, "el.textContent.trim()"))
    assert order == ["Naar de inhoud", "Sectorplan", "Start", "Activiteiten"]


def test_log_in_with_the_keyboard_only(open_page, demo_data):
    page = open_page()
    page.goto("/accounts/login/")
    tab_until(
        page, "el.labels && el.labels[0] && el.labels[0].textContent.includes('Gebruikersnaam')"
    )
    assert focus_is_visible(page), "the focused text field shows no focus"
    page.keyboard.type("gemeente-leiden")
    page.keyboard.press("Tab")
    assert active(page, "el.type") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Inloggen'")
    assert focus_is_visible(page), "the focused button shows no focus"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".page-nav__user")).to_contain_text("gemeente-leiden")
