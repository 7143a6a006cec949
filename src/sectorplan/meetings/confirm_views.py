"""The confirmation before Cedris mails everyone on a meeting's list (issue 14, item 6): a page
of its own that says how many invitations go to whom and for which meeting, with the button that
sends them; works without JavaScript (strict CSP), as payments/confirm_views.py. The sending
itself stays views.send (POST); sending one invitation again needs no such page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .views import _organiser


@login_required
def confirm_send(request, pk):
    _organiser(request)
    meeting = get_object_or_404(selectors.meetings(), pk=pk)
    recipients = list(selectors.invitations(meeting).filter(invited_at__isnull=True))
    if selectors.has_passed(meeting) or not recipients:
        # Nothing to confirm: the meeting page says why (same words as the service's refusal).
        if not recipients:
            messages.info(request, _("Er is niemand meer om uit te nodigen."))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/confirm_send.html",
        {"meeting": meeting, "recipients": recipients},
    )
