"""A meeting from proposal to attendance, through the pages, as Cedris and an invitee use it."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.formats import date_format

from sectorplan.audit.models import AuditEvent
from sectorplan.meetings import selectors, services
from sectorplan.meetings.models import Invitation, Meeting, Response
from sectorplan.registry.models import ActivityType, Scheme

from .world import EXPECTED_INVITEES, MEETING_DAY, TOPIC, build_plans

pytestmark = pytest.mark.urls("sectorplan.meetings.tests.urls")

LINK = re.compile(r"http://\S+/bijeenkomsten/uitnodiging/(?P<token>[\w-]+)/")


@pytest.fixture
def plans(accounts, demo_date, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://sectorplan.example"
    demo_date(datetime.date(2016, 2, 1))
    return build_plans()


def _create(client) -> Meeting:
    response = client.post(
        reverse("meetings:create"),
        {
            "title": "Kennisdeling en jobcoaching",
            "date": MEETING_DAY.isoformat(),
            "place": "Utrecht",
            "description": "Regio's leren van elkaar.",
            "activity_types": [t.pk for t in ActivityType.objects.filter(code__in=TOPIC)],
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Meeting.objects.get()


def _token_for(email: str) -> str:
    message = next(m for m in mail.outbox[::-1] if m.to == [email])
    return LINK.search(message.body)["token"]


def _listed(meeting) -> set[str]:
    return set(selectors.invitations(meeting).values_list("email", flat=True))


def test_meeting_from_proposal_to_attendance(
    client, accounts, plans, demo_date, django_capture_on_commit_callbacks
):
    client.force_login(accounts["cedris-medewerker"])
    meeting = _create(client)
    assert sorted(t.code for t in meeting.activity_types.all()) == sorted(TOPIC)

    # The proposal: exactly the contacts of the regions whose counted plans have the topic.
    response = client.post(reverse("meetings:propose", args=[meeting.pk]), follow=True)
    assert _listed(meeting) == EXPECTED_INVITEES
    assert "Zonder Adres" in response.content.decode()  # no address: the organiser adds by hand
    assert {i.region.code for i in selectors.invitations(meeting)} == {"AM19", "AM34"}

    # The organiser adjusts: one off, one on; proposing again does not undo the removal.
    bert = meeting.invitations.get(email="bert@maregroep.example")
    assert client.post(reverse("meetings:invitee-remove", args=[meeting.pk, bert.pk])).status_code
    added = client.post(
        reverse("meetings:invitee-add", args=[meeting.pk]),
        {"name": "Piet Extern", "email": "piet@kennis.example"},
    )
    assert added.status_code == 302
    client.post(reverse("meetings:propose", args=[meeting.pk]))
    expected = EXPECTED_INVITEES - {"bert@maregroep.example"} | {"piet@kennis.example"}
    assert _listed(meeting) == expected

    # Invitations leave only after the commit, one per person, each with a personal link.
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("meetings:send", args=[meeting.pk]))
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(expected)
    anna_mail = next(m for m in mail.outbox if m.to == ["anna@dzb.example"])
    assert anna_mail.subject == "Uitnodiging: Kennisdeling en jobcoaching op 10 maart 2016"
    assert "Beste Anna de Boer" in anna_mail.body and "Utrecht" in anna_mail.body
    token = _token_for("anna@dzb.example")
    assert len(token) >= 40
    # Only the hash is stored: the link is in the e-mail and nowhere else.
    anna = Invitation.objects.get(email="anna@dzb.example")
    assert token not in anna.token_hash and anna.token_hash == selectors.hash_token(token)

    # The invitee answers without logging in, then changes their mind.
    client.logout()
    page = client.get(reverse("meetings:rsvp", args=[token]))
    assert page.status_code == 200
    assert "U heeft nog niet geantwoord." in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"  # private, yet the form may post
    accepted = client.post(
        reverse("meetings:rsvp", args=[token]), {"response": "accepted"}, follow=True
    )
    assert "U bent aangemeld: u komt." in accepted.content.decode()
    anna.refresh_from_db()
    assert anna.response == Response.ACCEPTED
    declined = client.post(
        reverse("meetings:rsvp", args=[token]), {"response": "declined"}, follow=True
    )
    assert "U bent afgemeld: u komt niet." in declined.content.decode()
    anna.refresh_from_db()
    assert anna.response == Response.DECLINED

    # A wrong link is refused, and so is a link replaced by a new invitation.
    assert client.get(reverse("meetings:rsvp", args=["x" * 43])).status_code == 404
    assert (
        client.post(reverse("meetings:rsvp", args=["nope"]), {"response": "accepted"}).status_code
        == 404
    )
    client.force_login(accounts["cedris"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:send", args=[meeting.pk]), {"invitation": anna.pk})
    assert client.get(reverse("meetings:rsvp", args=[token])).status_code == 404
    token = _token_for("anna@dzb.example")
    assert client.get(reverse("meetings:rsvp", args=[token])).status_code == 200

    # Attendance waits for the day itself.
    refused = client.post(reverse("meetings:attendance", args=[meeting.pk]), {"notes": "te vroeg"})
    assert refused.status_code == 200 and "op of na de dag" in refused.content.decode()

    # The meeting passes: the link expires (for answering and reading alike).
    demo_date(MEETING_DAY + datetime.timedelta(days=1))
    client.logout()
    gone = client.get(reverse("meetings:rsvp", args=[token]))
    assert gone.status_code == 410 and "voorbij" in gone.content.decode()
    late = client.post(reverse("meetings:rsvp", args=[token]), {"response": "accepted"})
    assert late.status_code == 410
    with pytest.raises(services.LinkExpired):
        services.respond(token, response="accepted")
    anna.refresh_from_db()
    assert anna.response == Response.DECLINED

    # The organiser records who came and the notes.
    client.force_login(accounts["cedris-medewerker"])
    listed = {i.email: i for i in selectors.invitations(meeting)}
    present = {"carla@leiden.example", "piet@kennis.example"}
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            "notes": "Goede uitwisseling over jobcoaches.",
            **{f"present_{listed[e].pk}": "on" for e in present},
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.notes == "Goede uitwisseling over jobcoaches."
    assert meeting.attendance_recorded_at is not None
    marks = {i.email: i.attended for i in selectors.invitations(meeting)}
    assert marks == {e: e in present for e in expected}
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Goede uitwisseling over jobcoaches." in detail

    # Every step is in the audit log, under the meeting.
    actions = list(
        AuditEvent.objects.filter(scope=f"meeting:{meeting.pk}")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "meeting.created",
        "meeting.invitees_proposed",
        "meeting.invitee_removed",
        "meeting.invitee_added",
        "meeting.invitees_proposed",
        "meeting.invitations_sent",
        "meeting.rsvp",
        "meeting.rsvp",
        "meeting.invitations_sent",
        "meeting.attendance_recorded",
    ]
    attendance = AuditEvent.objects.get(action="meeting.attendance_recorded")
    assert attendance.actor == accounts["cedris-medewerker"]
    assert attendance.after["notes"] == "Goede uitwisseling over jobcoaches."
    assert attendance.after["carla@leiden.example"] is True
    rsvp = AuditEvent.objects.filter(action="meeting.rsvp").order_by("pk").last()
    assert rsvp.before == {"response": "accepted"} and rsvp.after == {"response": "declined"}
    assert rsvp.actor is None and "anna@dzb.example" in rsvp.actor_label


def test_no_invitations_after_the_meeting_and_removed_people_lose_their_link(
    accounts, plans, demo_date, django_capture_on_commit_callbacks
):
    office = accounts["cedris"]
    scheme = Scheme.objects.get(slug="sw2015")
    meeting = services.create_meeting(
        user=office,
        scheme=scheme,
        title="Beschut werk",
        date=MEETING_DAY,
        place="Zwolle",
        activity_types=ActivityType.objects.filter(code="jobcoaches"),
    )
    services.propose_invitees(meeting, user=office)
    assert _listed(meeting) == {"gert@zoetermeer.example"}
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(meeting, user=office)
    token = _token_for("gert@zoetermeer.example")
    services.remove_invitee(meeting.invitations.get(), user=office)
    with pytest.raises(services.LinkInvalid):
        services.respond(token, response="accepted")
    demo_date(MEETING_DAY + datetime.timedelta(days=1))
    with pytest.raises(services.ValidationError, match="voorbij"):
        services.add_invitee(meeting, user=office, name="Laat", email="laat@example.org")


def test_only_writing_programme_office_users_organise(accounts, plans):
    scheme = Scheme.objects.get(slug="sw2015")
    for username in ("bedrijf-dzb-leiden", "gemeente-leiden", "vng", "szw"):
        with pytest.raises(services.PermissionDenied):
            services.create_meeting(
                user=accounts[username],
                scheme=scheme,
                title="x",
                date=MEETING_DAY,
                place="x",
                activity_types=ActivityType.objects.filter(code="jobcoaches"),
            )
    assert not Meeting.objects.exists()


def test_moving_a_meeting_tells_everyone_already_invited(
    accounts, plans, mailoutbox, django_capture_on_commit_callbacks
):
    office = accounts["cedris"]
    meeting = services.create_meeting(
        user=office,
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Beschut werk",
        date=MEETING_DAY,
        place="Zwolle",
        activity_types=ActivityType.objects.filter(code="jobcoaches"),
    )
    services.propose_invitees(meeting, user=office)
    services.add_invitee(meeting, user=office, name="Nog niet", email="later@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(
            meeting, user=office, invitation_ids=[_invitation("gert@zoetermeer.example").pk]
        )
    token = _token_for("gert@zoetermeer.example")
    mailoutbox.clear()

    # A new description alone is no reason to mail anyone.
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, user=office, description="Met lunch")
    assert mailoutbox == []

    later = MEETING_DAY + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, user=office, date=later)
    # Only the invited person hears of it; the one not yet invited gets the new date anyway.
    assert [m.to for m in mailoutbox] == [["gert@zoetermeer.example"]]
    body = mailoutbox[0].body
    assert "Gewijzigd: Beschut werk" == mailoutbox[0].subject
    assert date_format(later, "l j F Y") in body and date_format(MEETING_DAY, "j F Y") in body
    assert "Zwolle" in body and "(was Zwolle)" not in body
    # The personal link keeps working.
    assert services.respond(token, response="accepted").response == "accepted"


def _invitation(email):
    return Invitation.objects.get(email=email)
