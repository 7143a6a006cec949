"""Reads for meetings: who the contact persons are, whom a meeting should invite, which good
practices fit its topic, and which invitation a personal link opens."""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from sectorplan.plans.models import Plan
from sectorplan.plans.states import RELEASED_STATES, SUBMITTED_STATES, PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import Region

from .models import GoodPractice, Invitation, Meeting, Response

# A region takes part in the knowledge exchange once its plan reached Cedris; a rejected plan
# no longer runs, so its activities do not make the region an invitee.
MEETING_STATES = frozenset(SUBMITTED_STATES - RELEASED_STATES)

# The network holds everyone who stands behind a plan the region has put forward: from the
# submission to the central municipality on. Concept plans may still change hands; rejected
# plans no longer run.
DIRECTORY_STATES = frozenset(set(PlanState) - {PlanState.CONCEPT} - RELEASED_STATES)


class ContactKind:
    COMPANY = "company"
    MUNICIPALITY = "municipality"


@dataclass
class Contact:
    region: Region
    kind: str
    organisation: str
    name: str
    email: str
    phone: str = ""
    plans: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        from django.utils.translation import gettext

        if self.kind == ContactKind.COMPANY:
            return gettext("SW-contactpersoon")
        return gettext("Contactpersoon centrumgemeente")


def _key(region_id: int, organisation: str, name: str, email: str) -> tuple:
    # One person per organisation and region, however many of its plans name them.
    return (region_id, organisation.casefold(), (email or name).strip().casefold())


def contacts_of(plans: QuerySet[Plan]) -> list[Contact]:
    """The SW contact persons and central-municipality contacts of these plans, one entry per
    person, organisation and region, sorted by region, companies before the municipality."""
    plans = plans.select_related("region__central_municipality").prefetch_related(
        "participants__sw_company"
    )
    merged: dict[tuple, Contact] = {}

    def add(plan, kind, organisation, name, email, phone=""):
        if not (name.strip() or email.strip()):
            return
        key = _key(plan.region_id, organisation, name, email)
        contact = merged.get(key)
        if contact is None:
            contact = merged[key] = Contact(
                plan.region, kind, organisation, name.strip(), email.strip().lower(), phone
            )
        if plan.title not in contact.plans:
            contact.plans.append(plan.title)

    for plan in plans:
        for participant in plan.participants.all():
            add(
                plan,
                ContactKind.COMPANY,
                participant.sw_company.name,
                participant.contact_name,
                participant.contact_email,
                participant.contact_phone,
            )
        municipality = plan.region.central_municipality
        add(
            plan,
            ContactKind.MUNICIPALITY,
            f"Gemeente {municipality.name}" if municipality else "Centrumgemeente",
            plan.municipality_contact_name,
            plan.municipality_contact_email,
        )
    order = {ContactKind.COMPANY: 0, ContactKind.MUNICIPALITY: 1}
    return sorted(
        merged.values(),
        key=lambda c: (c.region.code, order[c.kind], c.organisation.casefold(), c.name.casefold()),
    )


def directory(region_code: str = "") -> list[Contact]:
    plans = Plan.objects.filter(state__in=DIRECTORY_STATES)
    if region_code:
        plans = plans.filter(region__code=region_code)
    return contacts_of(plans)


def directory_regions() -> list[Region]:
    """The regions to filter the directory by, once per code: the directory spans the schemes,
    and a later region set reuses the codes of 2015 (`directory` filters by code)."""
    regions = (
        Region.objects.filter(plans__state__in=DIRECTORY_STATES)
        .distinct()
        .order_by("code", "region_set__slug")
    )
    first: dict[str, Region] = {}
    for region in regions:
        first.setdefault(region.code, region)
    return list(first.values())


def proposal_regions(meeting: Meeting) -> QuerySet[Region]:
    """Regions with a counted plan that has an activity of one of the meeting's types."""
    counted = Plan.objects.filter(scheme_id=meeting.scheme_id, state__in=MEETING_STATES)
    return (
        Region.objects.filter(
            plans__in=counted.filter(activities__activity_type__in=meeting.activity_types.all())
        )
        .distinct()
        .order_by("code")
    )


def proposed_contacts(meeting: Meeting) -> list[Contact]:
    """The contacts of every counted plan of those regions: the region takes part as a whole."""
    plans = Plan.objects.filter(
        scheme_id=meeting.scheme_id,
        state__in=MEETING_STATES,
        region__in=proposal_regions(meeting),
    )
    return contacts_of(plans)


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(
        invited=Count("invitations", filter=Q(invitations__removed_at__isnull=True)),
        accepted=Count(
            "invitations",
            filter=Q(invitations__removed_at__isnull=True, invitations__response=Response.ACCEPTED),
        ),
    ).prefetch_related("activity_types")


def invitations(meeting: Meeting) -> QuerySet[Invitation]:
    return meeting.invitations.filter(removed_at__isnull=True).select_related("region")


def good_practices(scheme=None) -> QuerySet[GoodPractice]:
    practices = GoodPractice.objects.select_related("region", "plan").prefetch_related(
        "activity_types"
    )
    return practices.filter(scheme=scheme) if scheme is not None else practices


def good_practices_for(meeting: Meeting) -> QuerySet[GoodPractice]:
    return (
        good_practices()
        .filter(activity_types__in=meeting.activity_types.all())
        .distinct()
        .order_by("title")
    )


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a personal link opens; None for an unknown or withdrawn link."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("meeting", "region")
        .filter(token_hash=hash_token(token), removed_at__isnull=True)
        .first()
    )


def has_passed(meeting: Meeting) -> bool:
    """Links work up to and including the meeting's day; the one clock decides which day it is."""
    return meeting.date < clock.today()


def has_started(meeting: Meeting) -> bool:
    return meeting.date <= clock.today()
