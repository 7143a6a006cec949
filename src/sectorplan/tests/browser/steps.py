"""Steps of a walk through the UI, found the way a person finds them: by label, link text,
button name and the visible text of the page. The labels are Dutch because the UI is Dutch
first; a test of the English UI switches with switch_language and asserts its own texts.

Every helper that makes the browser leave the page waits for the page it lands on, so the
next assertion never looks at the old one (a refused step shows the same page again, with a
message, so waiting for some text to change would not do).
"""

import datetime
import re

from sectorplan.demo.accounts import DEMO_PASSWORD

try:
    from playwright.sync_api import expect
except ImportError:  # the conftest skips (or, in CI, fails) every browser test with the reason
    expect = None


def click_and_wait(page, control):
    """Clicks a link or a form's button and waits for the page it leads to, after any
    redirect. An HTTP error fails here, so a 403 or 500 is never mistaken for a refusal."""
    with page.expect_navigation() as navigation:
        control.click()
    response = navigation.value
    assert response is not None and response.ok, (
        f"{response.status if response else 'no response'} on {page.url}"
    )
    return response


def follow(page, link_text: str):
    click_and_wait(page, page.get_by_role("link", name=link_text, exact=True))


def login(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Logs in through the real login form (as a person does, CSRF and session included)."""
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    click_and_wait(page, page.get_by_role("button", name="Inloggen"))
    refused = page.get_by_role("alert")
    assert not refused.count(), f"login as {username} refused: {refused.inner_text()}"
    expect(page.locator(".page-nav__user")).to_contain_text(username)


def logout(page) -> None:
    click_and_wait(page, page.get_by_role("button", name="Uitloggen"))


def field(page, label: str | re.Pattern):
    """The form control with this label. A plain string matches the start of the label, so
    an optional field ("Samenvatting (niet verplicht)") is found by its name alone, and
    "Contactpersoon centrumgemeente" does not also find "E-mail contactpersoon ..."."""
    if not isinstance(label, re.Pattern):
        label = re.compile("^" + re.escape(label))
    return page.get_by_label(label)


def fill_form(page, values: dict) -> None:
    """{label: value}: text for inputs and textareas (dates as YYYY-MM-DD), the visible
    option text for selects, True/False for checkboxes."""
    for label, value in values.items():
        control = field(page, label)
        if isinstance(value, bool):
            control.set_checked(value)
        elif control.evaluate("element => element.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)


def save(page, button: str = "Opslaan") -> None:
    """Submits the form and fails with the form's own error summary if it was refused. To
    test a refusal, click_and_wait on the button and assert the summary yourself."""
    click_and_wait(page, page.get_by_role("button", name=button, exact=True))
    summary = page.locator("#error-summary")
    assert not summary.count(), f"form refused on {page.url}:\n{summary.inner_text()}"


def add_part(page, link_text: str, values: dict) -> None:
    """From the plan page: follows e.g. "Doel toevoegen", fills in and saves; back on the
    plan page with the confirmation."""
    follow(page, link_text)
    fill_form(page, values)
    save(page)
    expect_message(page, "Opgeslagen")


def create_plan(page, values: dict) -> str:
    """As a company: "Nieuw plan" from the plan list; returns the new plan's URL."""
    page.goto("/plannen/")
    follow(page, "Nieuw plan")
    fill_form(page, values)
    save(page)
    expect_message(page, "Het plan is aangemaakt.")
    return page.url


def open_plan(page, title: str) -> None:
    """Finds the plan in the list by its title, as a person coming to it would."""
    page.goto("/plannen/")
    follow(page, title)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def offered_steps(page) -> list[str]:
    return page.locator("form.transition button").all_inner_texts()


def take_step(page, label: str, reason: str | None = None) -> None:
    """Clicks the plan's transition button with this accessible name (under "Volgende
    stap"), filling in the Toelichting first when given. Whether the step was taken or
    refused is for the caller to assert: expect_state or expect_error."""
    form = page.locator("form.transition").filter(
        has=page.get_by_role("button", name=label, exact=True)
    )
    # Fail at once, naming what is offered, instead of waiting for a button that is not there.
    assert form.count() == 1, f"step '{label}' not offered on {page.url}: {offered_steps(page)}"
    if reason is not None:
        form.get_by_label("Toelichting").fill(reason)
    click_and_wait(page, form.get_by_role("button", name=label, exact=True))
    # An irreversible step first shows what will happen; the person reads it and confirms.
    confirm = page.locator("form:has(input[name=confirmed])")
    if confirm.count():
        expect(page.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()
        click_and_wait(page, confirm.get_by_role("button", name=label, exact=True))


def expect_step_refused(page, label: str, reason: str) -> None:
    """A step the rules or the timeline would refuse is shown disabled, with its reason."""
    step = page.locator(".transition--refused").filter(
        has=page.get_by_role("button", name=label, exact=True)
    )
    expect(step.get_by_role("button", name=label, exact=True)).to_be_disabled()
    expect(step).to_contain_text(reason)


def _shown_errors(page) -> list[str]:
    return page.locator(".message--error").all_inner_texts()


def expect_state(page, text: str) -> None:
    """The state as the plan page shows it, e.g. "Ingediend bij Cedris" (exact)."""
    state = page.locator("dl.summary-list > dt", has_text=re.compile(r"^\s*Status\s*$"))
    expect(
        state.locator("xpath=following-sibling::dd[1]"),
        f"plan state; error messages on the page: {_shown_errors(page)}",
    ).to_have_text(text)


def expect_message(page, text: str) -> None:
    """A confirmation (Django's success message) containing the text."""
    expect(
        page.locator(".messages .message--success"),
        f"confirmation; error messages on the page: {_shown_errors(page)}",
    ).to_contain_text(text)


def expect_error(page, text: str) -> None:
    """A refusal (Django's error message) containing the text."""
    expect(page.locator(".messages .message--error")).to_contain_text(text)


def move_demo_date(page, date: datetime.date) -> None:
    """As the programme office: moves the demo clock with the form in the page header."""
    field(page, "Demodatum verzetten").fill(date.isoformat())
    click_and_wait(page, page.get_by_role("button", name="Verzetten", exact=True))
    expect_message(page, "De demodatum is verzet.")
    expect(field(page, "Demodatum verzetten")).to_have_value(date.isoformat())


def switch_language(page, to: str) -> None:
    """Clicks the header's language switch ("English" or "Nederlands")."""
    click_and_wait(page, page.locator(".language-switch").get_by_role("button", name=to))
