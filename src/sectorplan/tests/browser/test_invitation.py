"""An invitee answers a meeting invitation in Chromium, with no log-in, through the personal
link taken from the e-mail that was sent: the link is the only thing an invitee has.

The page keeps its token out of referrers, but with a policy under which Chromium still sends
the page's own Origin with the form (`no-referrer` made it send `Origin: null`, which Django's
CSRF check refuses)."""

import datetime
import re

from django.core import mail

from sectorplan.meetings import services
from sectorplan.meetings.models import Invitation, Response
from sectorplan.registry import clock
from sectorplan.registry.models import ActivityType

from .steps import click_and_wait, expect

LINK = re.compile(r"https?://\S+/bijeenkomsten/uitnodiging/[\w-]+/")


def _invite(cedris, scheme, email: str) -> str:
    """Cedris plans a meeting, puts one person on the list and sends; returns the e-mail's link."""
    meeting = services.create_meeting(
        user=cedris,
        scheme=scheme,
        title="Kennisdeling jobcoaching",
        date=clock.today() + datetime.timedelta(days=30),
        place="Utrecht",
        activity_types=list(ActivityType.objects.filter(code="kennisdeling")),
    )
    services.add_invitee(meeting, user=cedris, name="Anna de Boer", email=email)
    mail.outbox.clear()
    services.send_invitations(meeting, user=cedris)
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return LINK.search(message.body)[0]


def test_an_invitee_answers_through_the_link_from_the_email(
    open_page, accounts, scheme, live_server, settings
):
    settings.SITE_URL = live_server.url
    link = _invite(accounts["cedris-medewerker"], scheme, "anna@dzb.example")
    assert link.startswith(live_server.url + "/")

    page = open_page()  # a fresh browser: no session, no log-in
    sent_origins = []
    page.on(
        "request",
        lambda request: request.method == "POST"
        and sent_origins.append(request.header_value("origin")),
    )
    response = page.goto(link)
    assert response.ok
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kennisdeling jobcoaching")
    expect(page.get_by_text("U heeft nog niet geantwoord.")).to_be_visible()

    page.get_by_label("Ik kom: meld mij aan").check()
    click_and_wait(page, page.get_by_role("button", name="Antwoord opslaan"))
    expect(page.get_by_text("Uw antwoord is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("U bent aangemeld: u komt.")).to_be_visible()
    # The token stays out of referrers to other sites, yet the form posts with its own origin.
    assert sent_origins == [live_server.url]
    assert response.headers["referrer-policy"] == "same-origin"
    assert Invitation.objects.get(email="anna@dzb.example").response == Response.ACCEPTED

    # Changing one's mind later works the same way.
    page.get_by_label("Ik kom niet: meld mij af").check()
    click_and_wait(page, page.get_by_role("button", name="Antwoord opslaan"))
    expect(page.get_by_text("U bent afgemeld: u komt niet.")).to_be_visible()
    assert Invitation.objects.get(email="anna@dzb.example").response == Response.DECLINED
