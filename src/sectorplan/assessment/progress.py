"""Who a plan waits for, to do what, by when: one answer for the start page's task list, the
programme office's overview and the notification e-mails, so the three never disagree."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sectorplan import per_request
from sectorplan.accounts.models import Membership, Ministry, Organisation, OrganisationKind, Role
from sectorplan.accounts.policy import actor_for
from sectorplan.payments.models import BatchState, PaymentItem
from sectorplan.plans import summary_cache
from sectorplan.plans.models import Plan
from sectorplan.plans.selectors import all_schemes
from sectorplan.plans.states import ADVICE_STATES, PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import DeadlineExtension, Milestone, MilestoneKind

from .models import Advice, NationalPlan, PlanVersion


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
    # The clock's date when the answer was made: in demo mode reading the date is a query, so
    # a list of many plans reads it once (Lookups) instead of once per item.
    as_of: datetime.date | None = field(default=None, compare=False)
    # The page where this task is done (the start page's task list and the e-mails link here).
    url: str = field(default="", compare=False)

    @property
    def party_label(self) -> str:
        return Party(self.party).label

    @property
    def is_late(self) -> bool:
        return self.deadline is not None and (self.as_of or clock.today()) > self.deadline


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


def _milestones(schemes) -> dict:
    return {
        (m.scheme_id, m.kind): m.last_day for m in Milestone.objects.filter(scheme_id__in=schemes)
    }


def _extensions(schemes) -> dict:
    extensions = {}
    # Oldest first, so the latest granted extension is the one left in the dict.
    for extension in DeadlineExtension.objects.filter(scheme_id__in=schemes).order_by(
        "granted_at", "pk"
    ):
        extensions[(extension.scheme_id, extension.region_id, extension.kind)] = extension.last_day
    return extensions


class Lookups:
    """Everything awaiting() reads besides the plan itself, fetched once for many plans: the
    milestones and extensions of their schemes, which advised plans are with SZW, and which
    assessor organisations still owe advice. A fixed number of queries however many plans the
    task list, the overview or the e-mail asks about (no per-plan queries)."""

    def __init__(self, plans, schemes=()):
        plans = list(plans)
        self.today = clock.today()
        schemes = {plan.scheme_id for plan in plans} | set(schemes)
        # The plan page asks twice (its steps and its "Uw beurt"): read once per request, and
        # kept until the data changes (milestones and extensions replace the summaries' token).
        # Read-only: the dictionaries are shared by the requests of this process.
        of_schemes = ",".join(str(scheme) for scheme in sorted(schemes))
        self.milestones = per_request.remembered(
            f"milestones:{of_schemes}",
            lambda: summary_cache.cached(
                "milestones", lambda: _milestones(schemes), of_schemes, immutable=True
            ),
        )
        self.extensions = per_request.remembered(
            f"extensions:{of_schemes}",
            lambda: summary_cache.cached(
                "extensions", lambda: _extensions(schemes), of_schemes, immutable=True
            ),
        )
        advised = [plan.pk for plan in plans if plan.state == PlanState.ADVISED]
        # plan id -> the submitted national plan it is in (where SZW decides on it)
        self.with_szw: dict[int, int] = {}
        if advised:
            self.with_szw = dict(
                NationalPlan.plans.through.objects.filter(
                    plan_id__in=advised, nationalplan__submitted_at__isnull=False
                ).values_list("plan_id", "nationalplan_id")
            )
        # plan id -> the draft payment batch it is in (where BZK marks it paid)
        granted = [plan.pk for plan in plans if plan.state == PlanState.GRANTED]
        self.batches: dict[int, int] = {}
        self.scheme_slugs: dict[int, str] = {}
        if granted:
            # A granted plan outside a batch links to its own scheme's batches: the kept list
            # of schemes, not the plan's scheme read once per plan (the e-mails read plans bare).
            self.scheme_slugs = {scheme.pk: scheme.slug for scheme in all_schemes()}
            self.batches = dict(
                PaymentItem.objects.filter(
                    plan_id__in=granted, batch__state=BatchState.DRAFT
                ).values_list("plan_id", "batch_id")
            )
        self.missing: dict[int, frozenset[int]] = {}
        advising = [plan.pk for plan in plans if plan.state in ADVICE_STATES]
        if advising:
            latest: dict[int, int] = {}
            for plan_id, version_id in (
                PlanVersion.objects.filter(plan_id__in=advising)
                .order_by("plan_id", "number")
                .values_list("plan_id", "pk")
            ):
                latest[plan_id] = version_id
            assessors = set(
                Organisation.objects.filter(kind=OrganisationKind.ASSESSOR).values_list(
                    "pk", flat=True
                )
            )
            advised_by: dict[int, set[int]] = {}
            for version_id, organisation_id in Advice.objects.filter(
                version_id__in=latest.values()
            ).values_list("version_id", "organisation_id"):
                advised_by.setdefault(version_id, set()).add(organisation_id)
            self.missing = {
                plan_id: frozenset(assessors - advised_by.get(version_id, set()))
                for plan_id, version_id in latest.items()
            }

    def deadline(self, plan: Plan, kind: str) -> datetime.date | None:
        return self.region_deadline(plan.scheme_id, plan.region_id, kind)

    def region_deadline(self, scheme_id: int, region_id: int, kind: str) -> datetime.date | None:
        """The last day of milestone `kind` for the region (timeline.window's `closes`)."""
        extended = self.extensions.get((scheme_id, region_id, kind))
        if extended is not None:
            return extended
        # A scheme without this milestone sets no deadline for it.
        return self.milestones.get((scheme_id, kind))


def awaiting(plan: Plan, lookups: Lookups | None = None) -> list[Awaiting]:
    """Everyone the plan waits for now; empty when it is closed or rejected. Pass the lookups
    of awaiting_many() when asking about many plans."""
    if lookups is None:
        lookups = Lookups([plan])
    result = []
    if plan.state == PlanState.ADVISED:
        if plan.pk in lookups.with_szw:
            result.append(
                Awaiting(
                    plan,
                    Party.SZW,
                    _("Besluiten: goedkeuren of afwijzen"),
                    lookups.deadline(plan, MilestoneKind.SZW_DECISION),
                    as_of=lookups.today,
                    url=reverse("assessment:national-plan", args=[lookups.with_szw[plan.pk]]),
                )
            )
        else:
            result.append(
                Awaiting(
                    plan,
                    Party.OFFICE,
                    _("Opnemen in het landelijk sectorplan en indienen bij SZW"),
                    lookups.deadline(plan, MilestoneKind.PLANS_COMPLETE),
                    as_of=lookups.today,
                    url=reverse("assessment:national-plans"),
                )
            )
    elif plan.state in _NEXT:
        party, action, kind = _NEXT[plan.state]
        result.append(
            Awaiting(
                plan,
                party,
                action,
                lookups.deadline(plan, kind),
                as_of=lookups.today,
                url=_task_url(plan, party, lookups),
            )
        )
    missing = lookups.missing.get(plan.pk, frozenset()) if plan.state in ADVICE_STATES else None
    if missing:
        result.append(
            Awaiting(
                plan,
                Party.ASSESSORS,
                _("Advies geven"),
                lookups.deadline(plan, MilestoneKind.PLANS_COMPLETE),
                missing,
                as_of=lookups.today,
                url=reverse("assessment:review", args=[plan.pk]) + "#advies-geven",
            )
        )
    return result


# States in which Cedris's task is done on the review page (start, answer, request changes,
# finish); every other step of a plan is taken on the plan page.
REVIEW_STEPS = ("start_review", "request_changes", "mark_advised")  # taken on the review page
REVIEW_STATES = frozenset(
    {PlanState.SUBMITTED_TO_CEDRIS, PlanState.RESUBMITTED, PlanState.IN_REVIEW}
)


def _task_url(plan: Plan, party: str, lookups: Lookups) -> str:
    """The page where `party` does what the plan waits for (see awaiting())."""
    if party == Party.OFFICE and plan.state in REVIEW_STATES:
        return reverse("assessment:review", args=[plan.pk]) + "#toets"
    if party == Party.BZK:
        batch = lookups.batches.get(plan.pk)
        if batch is not None:
            return reverse("payments:batch", args=[batch])
        # The list of the plan's own scheme: with several, the list shows one at a time.
        slug = lookups.scheme_slugs[plan.scheme_id]
        return reverse("payments:batches") + "?" + urlencode({"regeling": slug})
    return reverse("plans:detail", args=[plan.pk])


def awaiting_many(plans) -> dict[int, list[Awaiting]]:
    """awaiting() for each plan, by plan id, with one set of lookups for all of them."""
    plans = list(plans)
    lookups = Lookups(plans)
    return {plan.pk: awaiting(plan, lookups) for plan in plans}


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
    plans = list(plans)
    lookups = Lookups(plans)
    tasks = [
        item
        for plan in plans
        for item in awaiting(plan, lookups)
        if item.party in party_of(user, plan)
        and (item.organisations is None or _organisation_id(user) in item.organisations)
    ]
    return sorted(tasks, key=lambda t: (t.deadline or datetime.date.max, str(t.plan)))


def _organisation_id(user) -> int | None:
    membership = getattr(user, "membership", None)
    return membership.organisation_id if membership else None
