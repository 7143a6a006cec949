"""Meeting pages for Cedris, and the invitee's page behind the personal link. Every view asks
accounts.policy, the same policy the API asks; the services check it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sectorplan.accounts import policy
from sectorplan.audit.models import AuditEvent
from sectorplan.plans.attachments import download
from sectorplan.web.paging import paginate
from sectorplan.web.scheme_choice import scheme_asked

from . import selectors, services
from .forms import AttendanceForm, InviteeForm, MeetingForm, RsvpForm
from .models import Invitation, Meeting

ACTION_LABELS = {
    "meeting.created": gettext_lazy("Bijeenkomst aangemaakt"),
    "meeting.changed": gettext_lazy("Gegevens gewijzigd"),
    "meeting.invitees_proposed": gettext_lazy("Genodigden voorgesteld"),
    "meeting.invitee_added": gettext_lazy("Genodigde toegevoegd"),
    "meeting.invitee_removed": gettext_lazy("Genodigde van de lijst gehaald"),
    "meeting.invitations_sent": gettext_lazy("Uitnodigingen verstuurd"),
    "meeting.rsvp": gettext_lazy("Gereageerd via de persoonlijke link"),
    "meeting.attendance_recorded": gettext_lazy("Aanwezigheid en verslag vastgelegd"),
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _office(request) -> None:
    _require(policy.can_view_meetings(request.user), _("Bijeenkomsten zijn voor Cedris."))


def _organiser(request) -> None:
    _require(
        policy.can_organise_meetings(request.user), _("Alleen Cedris organiseert bijeenkomsten.")
    )


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def meeting_list(request):
    _office(request)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            # 50 a page, newest first (web/paging.py).
            **paginate(request, selectors.meetings().order_by("-date", "-pk")),
            "can_organise": policy.can_organise_meetings(request.user),
        },
    )


def _meeting_form_page(request, meeting: Meeting | None):
    _organiser(request)
    scheme = meeting.scheme if meeting else scheme_asked(request)
    initial = {}
    if meeting:
        initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
        initial["activity_types"] = list(meeting.activity_types.all())
    form = MeetingForm(request.POST or None, scheme=scheme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting:
                meeting = services.update_meeting(meeting, user=request.user, **form.cleaned_data)
            else:
                meeting = services.create_meeting(
                    user=request.user, scheme=scheme, **form.cleaned_data
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("meetings:detail", pk=meeting.pk)
    title = _("Bijeenkomst wijzigen") if meeting else _("Nieuwe bijeenkomst")
    return render(request, "meetings/form.html", {"form": form, "title": title, "meeting": meeting})


@login_required
def meeting_create(request):
    return _meeting_form_page(request, None)


@login_required
def meeting_edit(request, pk):
    return _meeting_form_page(request, get_object_or_404(Meeting, pk=pk))


@login_required
def meeting_detail(request, pk):
    _office(request)
    meeting = get_object_or_404(selectors.meetings(), pk=pk)
    invitations = list(selectors.invitations(meeting))
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "invitations": invitations,
            "not_invited": sum(1 for i in invitations if i.invited_at is None),
            "proposal_regions": selectors.proposal_regions(meeting),
            "good_practices": selectors.good_practices_for(meeting),
            "has_passed": selectors.has_passed(meeting),
            "has_started": selectors.has_started(meeting),
            "can_organise": policy.can_organise_meetings(request.user),
            "history": [
                (event, ACTION_LABELS.get(event.action, event.action))
                for event in AuditEvent.objects.filter(scope=f"meeting:{meeting.pk}")
            ],
        },
    )


def _act(request, pk, action, success):
    """A POST-only button on the meeting page: a refusal comes back as a message there."""
    _organiser(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        result = action(meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success(result))
    return redirect("meetings:detail", pk=meeting.pk)


def _proposal_message(result: services.Proposal) -> str:
    text = _("%(added)d genodigden toegevoegd, %(already)d stonden al op de lijst.") % {
        "added": len(result.added),
        "already": result.already_listed,
    }
    if result.without_email:
        names = "; ".join(f"{c.name} ({c.organisation})" for c in result.without_email)
        text += " " + _("Zonder e-mailadres, voeg ze zelf toe: %(names)s.") % {"names": names}
    return text


@login_required
@require_POST
def propose(request, pk):
    return _act(
        request,
        pk,
        lambda meeting: services.propose_invitees(meeting, user=request.user),
        _proposal_message,
    )


@login_required
@require_POST
def send(request, pk):
    only = request.POST.get("invitation")
    ids = [int(only)] if only and only.isdigit() else None
    return _act(
        request,
        pk,
        lambda meeting: services.send_invitations(meeting, user=request.user, invitation_ids=ids),
        lambda count: (
            ngettext(
                "%(count)d uitnodiging verstuurd.", "%(count)d uitnodigingen verstuurd.", count
            )
            % {"count": count}
        ),
    )


@login_required
@require_POST
def invitee_remove(request, pk, invitation_id):
    _organiser(request)
    invitation = get_object_or_404(Invitation, pk=invitation_id, meeting_id=pk)
    services.remove_invitee(invitation, user=request.user)
    messages.success(request, _("%(name)s is van de lijst gehaald.") % {"name": invitation.name})
    return redirect("meetings:detail", pk=pk)


@login_required
def invitee_add(request, pk):
    _organiser(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = InviteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_invitee(meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("De genodigde is toegevoegd."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": _("Genodigde toevoegen"), "meeting": meeting},
    )


@login_required
def attendance(request, pk):
    _organiser(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    invitations = selectors.invitations(meeting)
    form = AttendanceForm(
        request.POST or None, invitations=invitations, initial={"notes": meeting.notes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(
                meeting,
                user=request.user,
                attended=form.attended(),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Aanwezigheid en verslag zijn vastgelegd."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/attendance.html",
        {"form": form, "meeting": meeting, "has_started": selectors.has_started(meeting)},
    )


def _private(response):
    # The URL holds the personal token: keep it out of caches, other sites' referrers and search
    # engines. Not `no-referrer`: under it Chromium posts the answer with `Origin: null`, which
    # the CSRF check refuses; `same-origin` sends the referrer (and origin) to this site only.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_refused(request, *, expired: bool, meeting=None):
    return _private(
        render(
            request,
            "meetings/rsvp_refused.html",
            {"expired": expired, "meeting": meeting},
            status=410 if expired else 404,
        )
    )


@never_cache
def rsvp(request, token):
    """The invitee's page: what they answered, a form to change it, and the good practices."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return _link_refused(request, expired=False)
    meeting = invitation.meeting
    if selectors.has_passed(meeting):
        return _link_refused(request, expired=True, meeting=meeting)
    form = RsvpForm(request.POST or None, initial={"response": invitation.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(token, response=form.cleaned_data["response"])
        except services.LinkInvalid:
            return _link_refused(request, expired=False)
        except services.LinkExpired:
            return _link_refused(request, expired=True, meeting=meeting)
        messages.success(request, _("Uw antwoord is opgeslagen."))
        return _private(redirect("meetings:rsvp", token=token))
    return _private(
        render(
            request,
            "meetings/rsvp.html",
            {
                "invitation": invitation,
                "meeting": meeting,
                "form": form,
                "token": token,
                "good_practices": selectors.good_practices_for(meeting),
            },
        )
    )


def practice_file_response(practice):
    if not practice.file:
        raise Http404(_("Bij dit voorbeeld hoort geen bestand."))
    return download(practice.file, practice.original_name, practice.content_type)


@never_cache
def rsvp_practice_file(request, token, practice_id):
    """Invitees have no log-in: their link opens the good practices of their meeting's topic."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None or selectors.has_passed(invitation.meeting):
        raise Http404(_("Deze link werkt niet (meer)."))
    practice = get_object_or_404(selectors.good_practices_for(invitation.meeting), pk=practice_id)
    return _private(practice_file_response(practice))
