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
