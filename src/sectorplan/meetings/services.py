"""Writes for meetings and good practices: one transaction per user action, permission checked
inside it, an audit event with every change. E-mail leaves only after the commit."""

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.audit.services import record
from sectorplan.plans.attachments import EXTENSIONS, checked_type
from sectorplan.registry import clock

from . import notifications, selectors
from .models import GoodPractice, Invitation, InviteeSource, Meeting, Response


class LinkInvalid(Exception):
    """An unknown or withdrawn personal link."""


class LinkExpired(Exception):
    """The meeting has passed: the link no longer changes anything."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _organiser(user) -> None:
    _require(policy.can_organise_meetings(user), _("Alleen Cedris organiseert bijeenkomsten."))


def _lock(meeting: Meeting) -> Meeting:
    # Two organisers sending at once must not mail anyone twice: one waits for the other.
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _not_passed(meeting: Meeting) -> None:
    if selectors.has_passed(meeting):
        raise ValidationError(_("Deze bijeenkomst is voorbij; uitnodigen kan niet meer."))


def _scope(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}"


def _snapshot(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "place": meeting.place,
        "description": meeting.description,
        "activity_types": sorted(t.code for t in meeting.activity_types.all()),
    }


def _check_types(scheme, activity_types) -> list:
    types = list(activity_types)
    if not types:
        raise ValidationError({"activity_types": _("Kies ten minste één activiteitstype.")})
    if any(t.theme.scheme_id != scheme.pk for t in types):
        raise ValidationError(
            {"activity_types": _("Kies activiteitstypen uit de taxonomie van deze regeling.")}
        )
    return types


MEETING_FIELDS = ("title", "date", "place", "description")


@transaction.atomic
def create_meeting(*, user, scheme, title, date, place, activity_types, description="") -> Meeting:
    _organiser(user)
    types = _check_types(scheme, activity_types)
    meeting = Meeting.objects.create(
        scheme=scheme,
        title=title,
        date=date,
        place=place,
        description=description,
        created_by=user,
    )
    meeting.activity_types.set(types)
    record(
        action="meeting.created",
        obj=meeting,
        actor=user,
        scope=_scope(meeting),
        after=_snapshot(meeting),
    )
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, user, **changes) -> Meeting:
    meeting = _lock(meeting)
    _organiser(user)
    before = _snapshot(meeting)
    for name in MEETING_FIELDS:
        if name in changes:
            setattr(meeting, name, changes[name])
    meeting.save()
    if "activity_types" in changes:
        meeting.activity_types.set(_check_types(meeting.scheme, changes["activity_types"]))
    after = _snapshot(meeting)
    if after != before:
        record(
            action="meeting.changed",
            obj=meeting,
            actor=user,
            scope=_scope(meeting),
            before=before,
            after=after,
        )
        mails = notifications.change_mails(meeting, before)
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=False))
    return meeting


@dataclass
class Proposal:
    added: list[Invitation] = field(default_factory=list)
    without_email: list[selectors.Contact] = field(default_factory=list)
    already_listed: int = 0


@transaction.atomic
def propose_invitees(meeting: Meeting, *, user) -> Proposal:
    """Adds the proposed contacts not yet on the list. Someone the organiser removed stays off:
    the list is the organiser's, the proposal only fills it."""
    meeting = _lock(meeting)
    _organiser(user)
    _not_passed(meeting)
    known = {email.casefold() for email in meeting.invitations.values_list("email", flat=True)}
    result = Proposal()
    for contact in selectors.proposed_contacts(meeting):
        if not contact.email:
            result.without_email.append(contact)
        elif contact.email.casefold() in known:
            result.already_listed += 1
        else:
            known.add(contact.email.casefold())
            result.added.append(
                Invitation.objects.create(
                    meeting=meeting,
                    name=contact.name or contact.email,
                    email=contact.email,
                    organisation=contact.organisation,
                    region=contact.region,
                    source=InviteeSource.PROPOSED,
                )
            )
    record(
        action="meeting.invitees_proposed",
        obj=meeting,
        actor=user,
        scope=_scope(meeting),
        after={
            "added": [i.email for i in result.added],
            "without_email": [f"{c.name} ({c.organisation})" for c in result.without_email],
        },
    )
    return result


@transaction.atomic
def add_invitee(meeting: Meeting, *, user, name: str, email: str) -> Invitation:
    meeting = _lock(meeting)
    _organiser(user)
    _not_passed(meeting)
    name, email = name.strip(), email.strip().lower()
    if not name:
        raise ValidationError({"name": _("Geef de naam.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Geef een geldig e-mailadres.")}) from None
    invitation = meeting.invitations.filter(email__iexact=email).first()
    if invitation is not None and invitation.removed_at is None:
        raise ValidationError({"email": _("%(email)s staat al op de lijst.") % {"email": email}})
    if invitation is None:
        invitation = Invitation.objects.create(
            meeting=meeting, name=name, email=email, source=InviteeSource.ADDED
        )
    else:
        # Back on the list after a removal: a fresh invitation, the old answer no longer holds.
        invitation.name, invitation.source, invitation.removed_at = name, InviteeSource.ADDED, None
        invitation.invited_at, invitation.responded_at = None, None
        invitation.response, invitation.attended = Response.PENDING, None
        invitation.save()
    record(
        action="meeting.invitee_added",
        obj=invitation,
        actor=user,
        scope=_scope(meeting),
        after={"name": name, "email": email},
    )
    return invitation


@transaction.atomic
def remove_invitee(invitation: Invitation, *, user) -> None:
    meeting = _lock(invitation.meeting)
    _organiser(user)
    invitation = Invitation.objects.get(pk=invitation.pk)
    if invitation.removed_at is not None:
        return
    before = {"name": invitation.name, "email": invitation.email, "response": invitation.response}
    # Forgetting the hash makes the personal link stop working at once.
    invitation.removed_at, invitation.token_hash = clock.now(), None
    invitation.save()
    record(
        action="meeting.invitee_removed",
        obj=invitation,
        actor=user,
        scope=_scope(meeting),
        before=before,
    )


@transaction.atomic
def send_invitations(meeting: Meeting, *, user, invitation_ids=None) -> int:
    """Mails everyone on the list not invited yet, or (again) exactly the invitations named.
    Each mail carries a new personal link; sending again makes the earlier link stop working."""
    meeting = _lock(meeting)
    _organiser(user)
    _not_passed(meeting)
    active = selectors.invitations(meeting)
    if invitation_ids is None:
        targets = list(active.filter(invited_at__isnull=True))
    else:
        wanted = set(invitation_ids)
        targets = list(active.filter(pk__in=wanted))
        if len(targets) != len(wanted):
            raise ValidationError(_("Niet elke genoemde uitnodiging staat op de lijst."))
    if not targets:
        raise ValidationError(_("Er is niemand meer om uit te nodigen."))
    now = clock.now()
    mails = []
    for invitation in targets:
        token = secrets.token_urlsafe(32)
        invitation.token_hash, invitation.invited_at = selectors.hash_token(token), now
        invitation.save(update_fields=["token_hash", "invited_at"])
        mails.append(notifications.invitation_mail(invitation, token))
    record(
        action="meeting.invitations_sent",
        obj=meeting,
        actor=user,
        scope=_scope(meeting),
        after={"recipients": [i.email for i in targets], "again": invitation_ids is not None},
    )
    transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=False))
    return len(targets)


@transaction.atomic
def respond(token: str, *, response: str) -> Invitation:
    """An invitee's answer through the personal link: no log-in, the link is the credential."""
    found = selectors.invitation_for_token(token)
    if found is None:
        raise LinkInvalid
    invitation = Invitation.objects.select_for_update().select_related("meeting").get(pk=found.pk)
    if invitation.token_hash != found.token_hash or invitation.removed_at is not None:
        raise LinkInvalid
    if selectors.has_passed(invitation.meeting):
        raise LinkExpired
    if response not in (Response.ACCEPTED, Response.DECLINED):
        raise ValidationError({"response": _("Kies aanmelden of afmelden.")})
    before = {"response": invitation.response}
    invitation.response, invitation.responded_at = response, clock.now()
    invitation.save(update_fields=["response", "responded_at"])
    record(
        action="meeting.rsvp",
        obj=invitation,
        actor=f"{invitation.email} (persoonlijke link)",
        scope=_scope(invitation.meeting),
        before=before,
        after={"response": response},
    )
    return invitation


@transaction.atomic
def record_attendance(meeting: Meeting, *, user, attended: dict[int, bool], notes: str) -> int:
    """attended: invitation id -> present. Returns how many attendance marks changed."""
    meeting = _lock(meeting)
    _organiser(user)
    if not selectors.has_started(meeting):
        raise ValidationError(_("Aanwezigheid legt u vast op of na de dag van de bijeenkomst."))
    rows = {i.pk: i for i in selectors.invitations(meeting)}
    unknown = set(attended) - set(rows)
    if unknown:
        raise ValidationError(_("Niet elke genoemde uitnodiging staat op de lijst."))
    before, after = {}, {}
    for pk, present in attended.items():
        invitation = rows[pk]
        if invitation.attended != present:
            before[invitation.email], after[invitation.email] = invitation.attended, present
            invitation.attended = present
            invitation.save(update_fields=["attended"])
    changed = len(after)
    if notes != meeting.notes:
        before["notes"], after["notes"] = meeting.notes, notes
        meeting.notes = notes
    meeting.attendance_recorded_at = clock.now()
    meeting.save(update_fields=["notes", "attendance_recorded_at"])
    if after:
        record(
            action="meeting.attendance_recorded",
            obj=meeting,
            actor=user,
            scope=_scope(meeting),
            before=before,
            after=after,
        )
    return changed


def _checked_type(upload) -> str:
    """As plan attachments: the type is read from the content, never from the name."""
    return checked_type(upload)


def _practice_snapshot(practice: GoodPractice) -> dict:
    return {
        "title": practice.title,
        "description": practice.description,
        "activity_types": sorted(t.code for t in practice.activity_types.all()),
        "region": practice.region.code if practice.region else None,
        "plan": practice.plan_id,
        "file": practice.original_name or None,
    }


def _save_practice(practice, user, activity_types, upload, action, before=None):
    if practice.plan is not None:
        if practice.region is None:
            practice.region = practice.plan.region
        elif practice.plan.region_id != practice.region_id:
            raise ValidationError({"plan": _("Dit plan hoort bij een andere regio.")})
    practice.scheme.check_own_region(practice.region)
    types = _check_types(practice.scheme, activity_types)
    old_file = practice.file.name if upload is not None and practice.file else None
    if upload is not None:
        content_type = _checked_type(upload)
        practice.original_name = upload.name.rsplit("/", 1)[-1][:200] or "voorbeeld"
        practice.content_type, practice.size = content_type, upload.size
        practice.file.save(f"goed-voorbeeld{EXTENSIONS[content_type]}", upload, save=False)
    practice.save()
    practice.activity_types.set(types)
    if old_file:
        storage = practice.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    record(
        action=action, obj=practice, actor=user, before=before, after=_practice_snapshot(practice)
    )
    return practice


@transaction.atomic
def create_good_practice(
    *, user, scheme, title, description, activity_types, region=None, plan=None, upload=None
) -> GoodPractice:
    _require(
        policy.can_manage_good_practices(user), _("Alleen Cedris voegt goede voorbeelden toe.")
    )
    practice = GoodPractice(scheme=scheme, title=title, description=description, created_by=user)
    practice.region, practice.plan = region, plan
    return _save_practice(practice, user, activity_types, upload, "good_practice.created")


@transaction.atomic
def update_good_practice(
    practice: GoodPractice, *, user, activity_types, upload=None, **changes
) -> GoodPractice:
    _require(policy.can_manage_good_practices(user), _("Alleen Cedris wijzigt goede voorbeelden."))
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    before = _practice_snapshot(practice)
    for name in ("title", "description", "region", "plan"):
        if name in changes:
            setattr(practice, name, changes[name])
    return _save_practice(
        practice, user, activity_types, upload, "good_practice.changed", before=before
    )
