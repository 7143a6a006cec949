"""Journey of a meeting, June 2015: Cedris plans a knowledge-sharing day from the menu, puts
two people on the list and sends the invitations; one of them answers through the personal
link in the e-mail she received, in a browser where nobody is logged in; Cedris sees her
answer on the meeting page."""

import re

import pytest
from django.core import mail

from .journey_steps import go, is_confirmation, menu, press, sign_in, visit
from .steps import expect, expect_message, fill_form

OFFICE = "cedris"
TITLE = "Kennisdag jobcoaching"
LINK = re.compile(r"https?://\S+/bijeenkomsten/uitnodiging/[\w-]+/")


@pytest.fixture
def mail_links_here(settings, live_server):
    """E-mails link to the address the site runs at (SITE_URL), here the test's live server."""
    settings.SITE_URL = live_server.url


def add_invitee(page, name: str, email: str) -> None:
    go(page, "Iemand toevoegen")
    fill_form(page, {"Naam": name, "E-mailadres": email})
    press(page, "Opslaan")
    expect_message(page, "De genodigde is toegevoegd.")


def test_cedris_invites_and_an_invitee_answers_through_the_emailed_link(
    open_page, journey, people, mail_links_here
):
    office = sign_in(open_page, OFFICE)
    menu(office, "Bijeenkomsten")
    go(office, "Nieuwe bijeenkomst")
    fill_form(
        office,
        {
            "Titel": TITLE,
            "Datum": "2015-09-24",
            "Plaats": "Utrecht",
            "Toelichting": "Jobcoaches uit alle regio's delen wat werkt.",
        },
    )
    office.get_by_label(re.compile("Scholing van medewerkers tot jobcoach$")).check()
    press(office, "Opslaan")
    expect_message(office, "De bijeenkomst is opgeslagen.")
    expect(office.get_by_role("heading", level=1)).to_have_text(TITLE)

    add_invitee(office, "Anna de Boer", "anna@dzb.example")
    add_invitee(office, "Bert Smit", "bert@leiden.example")
    mail.outbox.clear()
    # Mailing everyone asks first: how many invitations, to whom, for which meeting.
    go(office, "Uitnodigingen versturen aan 2 genodigden")
    assert is_confirmation(office), f"no confirmation before sending on {office.url}"
    expect(office.get_by_role("heading", level=1)).to_have_text(
        "Bevestigen: 2 uitnodigingen versturen"
    )
    for text in (TITLE, "24 september 2015", "anna@dzb.example", "bert@leiden.example"):
        expect(office.locator("main")).to_contain_text(text)
    assert mail.outbox == []
    press(office, "2 uitnodigingen versturen", within=office.locator("main form"))
    expect_message(office, "2 uitnodigingen verstuurd.")

    # Anna has only the e-mail; she opens its link in her own browser, not logged in.
    (message,) = [m for m in mail.outbox if m.to == ["anna@dzb.example"]]
    assert TITLE in message.subject + message.body
    anna = open_page(viewport={"width": 1280, "height": 800})
    anna.journey_who = "genodigde"
    visit(anna, LINK.search(message.body)[0])
    expect(anna.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(anna.get_by_role("button", name="Uitloggen")).to_have_count(0)
    anna.get_by_label("Ik kom: meld mij aan").check()
    press(anna, "Antwoord opslaan")
    expect(anna.get_by_text("Uw antwoord is opgeslagen.")).to_be_visible()
    expect(anna.get_by_text("U bent aangemeld: u komt.")).to_be_visible()

    # Cedris finds the answer on the meeting page.
    menu(office, "Bijeenkomsten")
    go(office, TITLE)
    invitees = office.get_by_role("table", name="2 genodigden")
    expect(invitees.get_by_role("row").filter(has_text="Anna de Boer")).to_contain_text(
        "Aangemeld"
    )
