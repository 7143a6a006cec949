"""Who a plan waits for, to do what, by when: one answer for the start page's task list, the
programme office's overview and the notification e-mails, so the three never disagree."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from sectorplan.accounts.models import Membership, Ministry, Organisation, OrganisationKind, Role
from sectorplan.accounts.policy import actor_for
from sectorplan.plans.models import Plan
from sectorplan.plans.states import ADVICE_STATES, PlanState
from sectorplan.registry import clock, timeline
from sectorplan.registry.models import MilestoneKind

from .models import Advice, PlanVersion


class Party(models.TextChoices):
    COMPANIES = "companies", _("SW-bedrijven")
    MUNICIPALITY = "municipality", _("Centrumgemeente")
    OFFICE = "office", _("Cedris")
    ASSESSORS = "assessors", _("Beoordelaars")
    SZW = "szw", _("SZW")
    BZK = "bzk", _("BZK")


@dataclass(frozen=True)
class Awaiting:
    plan: Plan
    party: str
    action: str
    deadline: datetime.date | None
    # Set for advice: only these organisations still owe it.
    organisations: frozenset[int] | None = None

    @property
    def party_label(self) -> str:
        return Party(self.party).label

    @property
    def is_late(self) -> bool:
        return self.deadline is not None and clock.today() > self.deadline


# state -> (party, what they must do, the milestone whose window closes on them)
_NEXT = {
    PlanState.CONCEPT: (
        Party.COMPANIES,
        _("Plan afmaken en indienen bij de centrumgemeente"),
        MilestoneKind.MUNICIPALITY_DEADLINE,
    ),
    PlanState.SUBMITTED_TO_MUNICIPALITY: (
        Party.MUNICIPALITY,
        _("Cofinanciering toezeggen en bevestigen"),
        MilestoneKind.CEDRIS_WINDOW,
    ),
    PlanState.COFINANCING_COMMITTED: (
        Party.COMPANIES,
        _("Plan indienen bij Cedris"),
        MilestoneKind.CEDRIS_WINDOW,
    ),
    PlanState.SUBMITTED_TO_CEDRIS: (
        Party.OFFICE,
        _("Inhoudelijke toets starten"),
        MilestoneKind.PLANS_COMPLETE,
    ),
    PlanState.RESUBMITTED: (
        Party.OFFICE,
        _("Aangepast plan opnieuw toetsen"),
        MilestoneKind.PLANS_COMPLETE,
    ),
    PlanState.IN_REVIEW: (
        Party.OFFICE,
        _("Toets afronden: advies vastleggen of aanpassing vragen"),
        MilestoneKind.PLANS_COMPLETE,
    ),
    PlanState.CHANGES_REQUESTED: (
        Party.COMPANIES,
        _("Plan aanpassen en opnieuw indienen"),
        MilestoneKind.PLANS_COMPLETE,
    ),
    PlanState.APPROVED: (Party.SZW, _("Beschikking verzenden"), MilestoneKind.SZW_DECISION),
    PlanState.GRANTED: (Party.BZK, _("Uitbetalen via het gemeentefonds"), MilestoneKind.PAYMENT),
    PlanState.PAID: (Party.COMPANIES, _("Uitvoering starten"), MilestoneKind.EXECUTION_END),
    PlanState.IN_EXECUTION: (
        Party.COMPANIES,
        _("Plan uitvoeren en uitvoering afronden"),
        MilestoneKind.EXECUTION_END,
    ),
    PlanState.EXECUTED: (Party.OFFICE, _("Eindverslag vastleggen"), MilestoneKind.FINAL_REPORT),
    PlanState.FINAL_REPORT_RECEIVED: (
        Party.OFFICE,
        _("Plan afsluiten"),
        MilestoneKind.FINAL_REPORT,
    ),
}


def deadline(plan: Plan, kind: str) -> datetime.date | None:
    try:
        return timeline.window(plan.scheme, plan.region, kind).closes
    except KeyError:  # a scheme without this milestone sets no deadline for it
        return None


def is_with_szw(plan: Plan) -> bool:
    return plan.national_plans.filter(submitted_at__isnull=False).exists()


def awaiting(plan: Plan) -> list[Awaiting]:
    """Everyone the plan waits for now; empty when it is closed or rejected."""
    result = []
    if plan.state == PlanState.ADVISED:
        if is_with_szw(plan):
            result.append(
                Awaiting(
                    plan,
                    Party.SZW,
                    _("Besluiten: goedkeuren of afwijzen"),
                    deadline(plan, MilestoneKind.SZW_DECISION),
                )
            )
        else:
            result.append(
                Awaiting(
                    plan,
                    Party.OFFICE,
                    _("Opnemen in het landelijk sectorplan en indienen bij SZW"),
                    deadline(plan, MilestoneKind.PLANS_COMPLETE),
                )
            )
    elif plan.state in _NEXT:
        party, action, kind = _NEXT[plan.state]
        result.append(Awaiting(plan, party, action, deadline(plan, kind)))
    missing = _advice_missing(plan) if plan.state in ADVICE_STATES else frozenset()
    if missing:
        result.append(
            Awaiting(
                plan,
                Party.ASSESSORS,
                _("Advies geven"),
                deadline(plan, MilestoneKind.PLANS_COMPLETE),
                missing,
            )
        )
    return result


def _advice_missing(plan: Plan) -> frozenset[int]:
    """The assessor organisations that have not advised on the latest version yet."""
    latest = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if latest is None:
        return frozenset()
    assessors = set(
        Organisation.objects.filter(kind=OrganisationKind.ASSESSOR).values_list("pk", flat=True)
    )
    advised = set(Advice.objects.filter(version=latest).values_list("organisation_id", flat=True))
    return frozenset(assessors - advised)


def party_of(user, plan: Plan) -> set[str]:
    """The parties this user acts for on this plan (only people who may write act)."""
    actor = actor_for(user)
    if not actor.writes:
        return set()
    parties = set()
    if actor.kind == OrganisationKind.COMPANY and plan.region_id in actor.region_ids:
        parties.add(Party.COMPANIES)
    if actor.kind == OrganisationKind.MUNICIPALITY and plan.region_id in actor.region_ids:
        parties.add(Party.MUNICIPALITY)
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        parties.add(Party.OFFICE)
    if actor.kind == OrganisationKind.ASSESSOR:
        parties.add(Party.ASSESSORS)
    if actor.kind == OrganisationKind.MINISTRY:
        parties.add(Party.SZW if actor.ministry == Ministry.SZW else Party.BZK)
    return parties


def members_of(party: str, plan: Plan, organisations: frozenset[int] | None = None):
    """Who gets the e-mail: active people who may act, with an address."""
    memberships = Membership.objects.filter(
        role__in=[Role.MEMBER, Role.ADMINISTRATOR], user__is_active=True
    ).exclude(user__email="")
    if party == Party.COMPANIES:
        companies = plan.participants.values_list("sw_company_id", flat=True)
        memberships = memberships.filter(organisation__sw_company_id__in=companies)
    elif party == Party.MUNICIPALITY:
        memberships = memberships.filter(
            organisation__municipality_id=plan.region.central_municipality_id
        )
    elif party == Party.OFFICE:
        memberships = memberships.filter(organisation__kind=OrganisationKind.PROGRAMME_OFFICE)
    elif party == Party.ASSESSORS:
        memberships = memberships.filter(organisation__kind=OrganisationKind.ASSESSOR)
        if organisations is not None:
            memberships = memberships.filter(organisation_id__in=organisations)
    else:
        memberships = memberships.filter(
            organisation__kind=OrganisationKind.MINISTRY, organisation__ministry=party
        )
    return [m.user for m in memberships.select_related("user").order_by("user__username")]


def tasks_for(user, plans) -> list[Awaiting]:
    """What awaits this user, soonest deadline first (no deadline last)."""
    tasks = [
        item
        for plan in plans
        for item in awaiting(plan)
        if item.party in party_of(user, plan)
        and (item.organisations is None or _organisation_id(user) in item.organisations)
    ]
    return sorted(tasks, key=lambda t: (t.deadline or datetime.date.max, str(t.plan)))


def _organisation_id(user) -> int | None:
    membership = getattr(user, "membership", None)
    return membership.organisation_id if membership else None
