"""The invitation e-mail: Dutch, whatever language the organiser's session uses, because the
invitees are Dutch programme participants. Built inside the transaction (it needs the new
token), sent by services.send_invitations only after the commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def rsvp_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("meetings:rsvp", args=[token])


def invitation_mail(invitation, token: str) -> tuple[str, str, str, list[str]]:
    from . import selectors

    meeting = invitation.meeting
    context = {
        "invitation": invitation,
        "meeting": meeting,
        "activity_types": list(meeting.activity_types.all()),
        "good_practices": list(selectors.good_practices_for(meeting)),
        "link": rsvp_link(token),
    }
    with translation.override("nl"):
        subject = render_to_string("meetings/email/invitation_subject.txt", context)
        body = render_to_string("meetings/email/invitation_body.txt", context)
    return (" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def change_mails(meeting, before: dict) -> list[tuple[str, str, str, list[str]]]:
    """A notice to everyone already invited when the date or place moves, so nobody turns up on
    the old day. No new link: the personal link from the invitation stays valid."""
    import datetime

    from . import selectors

    old_date = datetime.date.fromisoformat(before["date"])
    date_changed, place_changed = old_date != meeting.date, before["place"] != meeting.place
    if not (date_changed or place_changed):
        return []
    mails = []
    for invitation in selectors.invitations(meeting).filter(invited_at__isnull=False):
        context = {
            "invitation": invitation,
            "meeting": meeting,
            "date_changed": date_changed,
            "place_changed": place_changed,
            "old_date": old_date,
            "old_place": before["place"],
        }
        with translation.override("nl"):
            subject = render_to_string("meetings/email/change_subject.txt", context)
            body = render_to_string("meetings/email/change_body.txt", context)
        mails.append(
            (" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
        )
    return mails
