"""Steps of the role journeys (test_journey_*.py): a person moves only by clicking links and
buttons, and every page the journey arrives at is checked with axe (no serious or critical
WCAG violation) and, with `--journey-screenshots DIR`, photographed at 1280 and at 320 px.

The only addresses typed are the log-in page (steps.login) and a link a person received by
e-mail. `journey` is the conftest fixture that records; these helpers find it themselves, so
the steps read like the walk: go(page, "Plannen"), press(page, "Toezeggen").
"""

import re
from pathlib import Path

from .steps import click_and_wait, expect, login
from .test_accessibility import axe_violations

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}
_recorder = None


class Journey:
    """Counts the pages of one journey, keeps their axe findings and writes the pictures."""

    def __init__(self, folder: Path | None, name: str):
        self.folder, self.name, self.count = folder, name, 0
        self.checked: set[str] = set()
        if folder:
            folder.mkdir(parents=True, exist_ok=True)

    def arrive(self, page, who: str) -> None:
        self.count += 1
        page.wait_for_load_state("load")
        self._check(page)
        if self.folder:
            stem = self.folder / f"{self.count:02d}-{who}-{_slug(page.url)}"
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=f"{stem}-1280.png", full_page=True)
            page.set_viewport_size(PHONE)
            page.screenshot(path=f"{stem}-320.png", full_page=True)
            page.set_viewport_size(DESKTOP)

    def _check(self, page) -> None:
        """axe once per page of the journey (address and heading): the same template seen
        again later in the journey, with another message or step, is not checked again, which
        keeps a journey of twenty pages from spending a minute in axe."""
        key = page.url.split("?")[0] + "|" + " ".join(page.locator("h1").all_inner_texts())
        if key in self.checked:
            return
        self.checked.add(key)
        found = axe_violations(page)
        assert not found, f"axe on {page.url}:\n" + "\n".join(found)
        assert page.locator("h1").count() == 1, f"not exactly one h1 on {page.url}"


def start_recording(recorder: Journey | None) -> None:
    global _recorder
    _recorder = recorder


def _slug(url: str) -> str:
    path = re.sub(r"^https?://[^/]+", "", url).split("?")[0].strip("/")
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "start"


def who(page) -> str:
    """The person a page belongs to, for the picture's name (or 'bezoeker')."""
    return getattr(page, "journey_who", "bezoeker")


def arrive(page) -> None:
    """After every navigation: axe, and the two pictures when asked for."""
    assert _recorder is not None, "a journey step needs the `journey` fixture"
    _recorder.arrive(page, who(page))


def sign_in(open_page, username: str, **context_options):
    """The first address a person types: the log-in page; lands on the start page."""
    # A Dutch civil servant's browser: date fields show 15-07-2015, not 07/15/2015.
    page = open_page(**{"viewport": DESKTOP, "locale": "nl-NL", **context_options})
    page.journey_who = username
    page.goto("/accounts/login/")
    arrive(page)
    login(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sectorplannen sociale werkbedrijven")
    arrive(page)
    return page


def visit(page, address: str):
    """Typing an address: only the first page of a visitor or a link from an e-mail."""
    response = page.goto(address)
    assert response is not None and response.ok, f"{response and response.status} on {address}"
    arrive(page)
    return page


def go(page, link_text: str | re.Pattern, within=None, exact: bool = True) -> None:
    """Follows the link with this text (in `within`, a locator, when the page has several)."""
    scope = within if within is not None else page
    link = scope.get_by_role("link", name=link_text, exact=exact)
    click_and_wait(page, link.first)
    arrive(page)


def menu(page, item: str) -> None:
    """An item of the main menu in the page header."""
    go(page, item, within=page.locator("nav.page-nav"))


def home(page) -> None:
    """Back to the start page through the main menu."""
    menu(page, "Start")


def press(page, button: str | re.Pattern, within=None, exact: bool = True) -> None:
    """Presses a button that sends a form, and arrives on the page it leads to."""
    scope = within if within is not None else page
    click_and_wait(page, scope.get_by_role("button", name=button, exact=exact).first)
    arrive(page)


def task(page, text: str | re.Pattern, of: str | None = None) -> None:
    """From the start page: the row of "Wat op mij wacht" whose task contains `text` (and,
    given `of`, the plan's title); follows the task's own link (to the page where it is done),
    or else the row's plan link."""
    table = page.get_by_role("table", name="Wat op mij wacht")
    row = table.get_by_role("row").filter(has_text=text)
    if of is not None:
        row = row.filter(has_text=of)
    assert row.count(), f"no task {text!r} on the start page: {table.inner_text()}"
    link = row.first.get_by_role("link", name=text)
    click_and_wait(page, link.first if link.count() else row.first.get_by_role("link").first)
    arrive(page)


def is_confirmation(page) -> bool:
    """A confirmation page: its h1 starts with "Bevestigen" (plans/confirm_transition.html)."""
    heading = page.get_by_role("heading", level=1)
    return heading.count() == 1 and heading.inner_text().startswith("Bevestigen")


def press_confirmed(page, button: str | re.Pattern, within=None) -> None:
    """An irreversible step: presses the button and, when the site asks for a confirmation
    first, presses the same step's button on the confirmation. To insist that a confirmation
    is asked, use press() and assert is_confirmation() yourself."""
    press(page, button, within=within)
    if is_confirmation(page):
        press(page, button, within=page.locator("main form"))


def step(page, label: str, reason: str | None = None, points: str | None = None) -> None:
    """A plan's next step under "Volgende stap" (filling in the Toelichting and the requested
    changes when given), confirmed on the page that says what will happen, if it asks."""
    form = page.locator("form.transition").filter(
        has=page.get_by_role("button", name=label, exact=True)
    )
    offered = page.locator("form.transition button").all_inner_texts()
    assert form.count() == 1, f"step '{label}' not offered on {page.url}: {offered}"
    if points is not None:
        form.get_by_label("Gevraagde aanpassingen, één punt per regel").fill(points)
    if reason is not None:
        form.get_by_label(re.compile("^Toelichting")).fill(reason)
    press_confirmed(page, label, within=form)
