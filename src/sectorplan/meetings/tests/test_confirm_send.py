"""Issue 14, item 6: before Cedris mails everyone on a meeting's list, a page says how many
invitations go to whom and for which meeting; nothing is sent until its button is pressed."""

import datetime

from django.core import mail
from django.urls import reverse

from sectorplan.meetings import services
from sectorplan.meetings.models import Invitation
from sectorplan.registry.models import ActivityType, Scheme


def _meeting(office):
    meeting = services.create_meeting(
        user=office,
        scheme=Scheme.objects.get(slug="sw2015"),
        title="Kennisdeling jobcoaches",
        date=datetime.date(2016, 3, 10),
        place="Utrecht",
        activity_types=ActivityType.objects.filter(code="kennisdeling"),
    )
    for name, email in (("Anna de Boer", "anna@dzb.example"), ("Bert Smit", "bert@x.example")):
        Invitation.objects.create(meeting=meeting, name=name, email=email, organisation="DZB")
    return meeting


def test_the_meeting_page_asks_first_and_the_confirmation_says_what_goes_to_whom(
    client, accounts, demo_date
):
    meeting = _meeting(accounts["cedris"])
    client.force_login(accounts["cedris"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    confirm_url = reverse("meetings:send-confirm", args=[meeting.pk])
    assert f'href="{confirm_url}"' in page  # a link to the confirmation, not a sending form
    page = client.get(confirm_url).content.decode()
    assert "<h1>Bevestigen: 2 uitnodigingen versturen</h1>" in page
    for text in ("Kennisdeling jobcoaches", "donderdag 10 maart 2016", "Utrecht",
                 "Anna de Boer (DZB): anna@dzb.example", "bert@x.example"):
        assert text in page
    assert f'action="{reverse("meetings:send", args=[meeting.pk])}"' in page
    assert "2 uitnodigingen versturen</button>" in page
    assert mail.outbox == [] and not meeting.invitations.filter(invited_at__isnull=False)


def test_one_invitation_reads_singular_and_nothing_left_returns_to_the_meeting(
    client, accounts, demo_date, django_capture_on_commit_callbacks
):
    meeting = _meeting(accounts["cedris"])
    meeting.invitations.filter(email="bert@x.example").delete()
    client.force_login(accounts["cedris"])
    confirm_url = reverse("meetings:send-confirm", args=[meeting.pk])
    page = client.get(confirm_url).content.decode()
    assert "<h1>Bevestigen: 1 uitnodiging versturen</h1>" in page
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("meetings:send", args=[meeting.pk]), follow=True)
    assert "1 uitnodiging verstuurd." in page.content.decode()
    assert [m.to for m in mail.outbox] == [["anna@dzb.example"]]
    again = client.get(confirm_url, follow=True)
    assert again.redirect_chain[-1][0] == reverse("meetings:detail", args=[meeting.pk])
    assert "Er is niemand meer om uit te nodigen." in again.content.decode()
