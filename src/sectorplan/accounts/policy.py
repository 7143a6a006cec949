"""The one permission policy: web views and API endpoints both ask these functions.

A user acts for one organisation (Membership). What they may see and do follows from its kind,
their role in it, and the regions it belongs to: a company works in the regions of the
municipalities it serves; a central municipality belongs to its region.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from sectorplan.plans.models import Plan
from sectorplan.plans.states import ADVICE_STATES, EDITABLE_STATES, SUBMITTED_STATES, PlanState
from sectorplan.registry.models import Municipality, Region
from sectorplan.registry.selectors import regions_of_company

from .models import Membership, Ministry, OrganisationKind, Role


@dataclass(frozen=True)
class Actor:
    kind: str | None
    role: str | None
    region_ids: frozenset[int]
    company_id: int | None
    ministry: str = ""

    @property
    def writes(self) -> bool:
        return self.role in (Role.MEMBER, Role.ADMINISTRATOR)


NOBODY = Actor(None, None, frozenset(), None)


def actor_for(user) -> Actor:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached = getattr(user, "_sectorplan_actor", None)
    if cached is not None:
        return cached
    membership = membership_of(user)
    if membership is None:
        actor = NOBODY
    else:
        organisation = membership.organisation
        region_ids: frozenset[int] = frozenset()
        if organisation.kind == OrganisationKind.COMPANY and organisation.sw_company_id:
            region_ids = frozenset(r.pk for r in regions_of_company(organisation.sw_company))
        elif organisation.kind == OrganisationKind.MUNICIPALITY and organisation.municipality_id:
            # The same municipality is a row per set of regions (issue 18): it is the
            # centrumgemeente of its region in every set that names it so.
            name = Municipality.objects.filter(pk=organisation.municipality_id).values("name")
            region_ids = frozenset(
                Region.objects.filter(central_municipality__name__in=name).values_list(
                    "pk", flat=True
                )
            )
        actor = Actor(
            organisation.kind,
            membership.role,
            region_ids,
            organisation.sw_company_id,
            organisation.ministry,
        )
    user._sectorplan_actor = actor
    return actor


def membership_of(user):
    """user.membership with its organisation in one query, kept on the user as Django keeps
    what it reads: user.membership and its organisation then ask nothing (pages show both)."""
    rel = Membership.user.field.remote_field  # the user side of the one-to-one
    if rel.is_cached(user):
        return getattr(user, "membership", None)
    membership = Membership.objects.select_related("organisation").filter(user_id=user.pk).first()
    rel.set_cached_value(user, membership)
    if membership is not None:
        rel.field.set_cached_value(membership, user)
    return membership


def is_programme_office(user) -> bool:
    return actor_for(user).kind == OrganisationKind.PROGRAMME_OFFICE


def is_programme_administrator(user) -> bool:
    actor = actor_for(user)
    return actor.kind == OrganisationKind.PROGRAMME_OFFICE and actor.role == Role.ADMINISTRATOR


def visible_plans(user) -> QuerySet[Plan]:
    actor = actor_for(user)
    plans = Plan.objects.all()
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        return plans
    if actor.kind in (OrganisationKind.ASSESSOR, OrganisationKind.MINISTRY):
        return plans.filter(state__in=SUBMITTED_STATES)
    if actor.kind in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY):
        # The central municipality writes the plan together with the companies of its region.
        return plans.filter(region_id__in=actor.region_ids)
    return plans.none()


def sight(user) -> str:
    """What a user's lists of plans show follows from this alone: users with the same sight see
    the same plans (visible_plans), the same titles (sees_submitted_version) and the same
    tasks (queues.waiting_for_user: the organisation, and whether they may write), so a list
    rendered for one may be shown to the other (plans.summary_cache.rendered_list). Keep it in
    step with those three; accounts/tests/test_sight.py checks it for every demo account."""
    actor = actor_for(user)
    if actor is NOBODY:
        return "nobody"
    regions = ",".join(str(pk) for pk in sorted(actor.region_ids))
    return f"{membership_of(user).organisation_id}:{int(actor.writes)}:{regions}"


def can_view_plan(user, plan: Plan) -> bool:
    return visible_plans(user).filter(pk=plan.pk).exists()


def sees_submitted_version(user, plan: Plan) -> bool:
    """Between submissions (after a change request, while the region reworks the plan), those
    outside the region and the programme office see the last submitted version, not the draft
    (assessment/frozen.py): a draft is the region's until it is submitted again."""
    actor = actor_for(user)
    return plan.state in EDITABLE_STATES and actor.kind in (
        OrganisationKind.ASSESSOR,
        OrganisationKind.MINISTRY,
    )


def can_create_plan(user, region: Region | None = None) -> bool:
    actor = actor_for(user)
    if actor.kind != OrganisationKind.COMPANY or not actor.writes:
        return False
    return region is None or region.pk in actor.region_ids


def can_edit_plan(user, plan: Plan) -> bool:
    """Content (fields, participants, goals, activities, budget, attachments) of a plan."""
    return can_create_plan(user, plan.region) and plan.state in EDITABLE_STATES


def can_submit_plan(user, plan: Plan) -> bool:
    return can_create_plan(user, plan.region)


def can_commit_cofinancing(user, plan: Plan) -> bool:
    actor = actor_for(user)
    return (
        actor.kind == OrganisationKind.MUNICIPALITY
        and actor.writes
        and plan.region_id in actor.region_ids
        # After a change request the region may need more co-financing before it resubmits.
        and plan.state in (PlanState.SUBMITTED_TO_MUNICIPALITY, PlanState.CHANGES_REQUESTED)
    )


def can_grant_extension(user) -> bool:
    return is_programme_administrator(user)


def can_view_dashboard(user) -> bool:
    return is_programme_office(user)


def can_view_schemes(user) -> bool:
    """The schemes page: their state and their definitions, for the programme office."""
    return is_programme_office(user)


def can_define_scheme(user) -> bool:
    """Create a scheme from a definition file, or change one before any plan is submitted."""
    return is_programme_administrator(user)


def _writes_as(user, kind: str) -> bool:
    actor = actor_for(user)
    return actor.kind == kind and actor.writes


def can_review(user, plan: Plan | None = None) -> bool:
    """Cedris's content review, change requests and the national plan."""
    return _writes_as(user, OrganisationKind.PROGRAMME_OFFICE)


def can_advise(user, plan: Plan) -> bool:
    return _writes_as(user, OrganisationKind.ASSESSOR) and plan.state in ADVICE_STATES


def can_decide(user, plan: Plan | None = None) -> bool:
    """SZW approves or rejects; BZK only pays."""
    return _writes_as(user, OrganisationKind.MINISTRY) and actor_for(user).ministry == Ministry.SZW


def can_pay(user, plan: Plan | None = None) -> bool:
    return _writes_as(user, OrganisationKind.MINISTRY) and actor_for(user).ministry == Ministry.BZK


def can_report_execution(user, plan: Plan) -> bool:
    """The companies of the region and its central municipality carry the plan out together."""
    actor = actor_for(user)
    return (
        actor.kind in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY)
        and actor.writes
        and plan.region_id in actor.region_ids
    )


def can_view_audit_log(user) -> bool:
    return is_programme_office(user)


def can_view_payments(user) -> bool:
    """Batches, reconciliation and what is left over: Cedris prepares, BZK pays, SZW reads."""
    return can_view_overview(user)


def can_view_overview(user) -> bool:
    """The national overview of states, lateness and who is waited for."""
    return actor_for(user).kind in (OrganisationKind.PROGRAMME_OFFICE, OrganisationKind.MINISTRY)


# Meetings, good practices and the contact-person network (sectorplan.meetings).


def can_view_meetings(user) -> bool:
    """Meetings, their invitee lists and answers: Cedris organises them, so only Cedris sees
    them; invitees see their own invitation through its personal link, without logging in."""
    return is_programme_office(user)


def can_organise_meetings(user) -> bool:
    return _writes_as(user, OrganisationKind.PROGRAMME_OFFICE)


def can_view_directory(user) -> bool:
    """The contact-person network is for everyone taking part in the programme: any user who
    acts for an organisation."""
    return actor_for(user).kind is not None


def can_export_directory(user) -> bool:
    return is_programme_office(user)


def can_view_good_practices(user) -> bool:
    return actor_for(user).kind is not None


def can_manage_good_practices(user) -> bool:
    return _writes_as(user, OrganisationKind.PROGRAMME_OFFICE)


# Progress reports (sectorplan.monitoring): the companies of the region write them while the
# plan is carried out; Cedris reads all, the central municipality its region's, SZW submitted
# ones. Which plan states report lives in monitoring.reports.REPORTING_STATES.


def can_write_progress_report(user, plan: Plan) -> bool:
    from sectorplan.monitoring.reports import REPORTING_STATES

    actor = actor_for(user)
    return (
        actor.kind == OrganisationKind.COMPANY
        and actor.writes
        and plan.region_id in actor.region_ids
        and plan.state in REPORTING_STATES
    )


def can_view_progress_reports(user) -> bool:
    """The list of reports: for everyone who may read at least some report."""
    actor = actor_for(user)
    return actor.kind in (
        OrganisationKind.PROGRAMME_OFFICE,
        OrganisationKind.COMPANY,
        OrganisationKind.MUNICIPALITY,
    ) or (actor.kind == OrganisationKind.MINISTRY and actor.ministry == Ministry.SZW)


def can_view_progress_report(user, plan: Plan, submitted: bool) -> bool:
    actor = actor_for(user)
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        return True
    if actor.kind in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY):
        return plan.region_id in actor.region_ids
    if actor.kind == OrganisationKind.MINISTRY and actor.ministry == Ministry.SZW:
        return submitted
    return False


def can_link_good_practices(user, report) -> bool:
    """Link existing good practices to a report's "good practice": the writing company while
    the report is a draft (it is frozen once submitted), Cedris at any time (it curates them)."""
    if _writes_as(user, OrganisationKind.PROGRAMME_OFFICE):
        return True
    return can_write_progress_report(user, report.plan) and not report.is_submitted


def can_share_good_practice(user, report) -> bool:
    """Turning a report's text into a good practice adds to Cedris's collection: Cedris's act."""
    return can_manage_good_practices(user)


def can_view_late_reports(user) -> bool:
    """The late list of progress reports is the programme office's."""
    return is_programme_office(user)


def can_view_national_reports(user) -> bool:
    """The national reports to SZW: Cedris compiles them, SZW receives them."""
    actor = actor_for(user)
    return actor.kind == OrganisationKind.PROGRAMME_OFFICE or (
        actor.kind == OrganisationKind.MINISTRY and actor.ministry == Ministry.SZW
    )


def can_compile_national_reports(user) -> bool:
    return _writes_as(user, OrganisationKind.PROGRAMME_OFFICE)


# Background jobs (sectorplan.jobs): the one who started a job follows it; the programme office
# sees every job, since it answers the questions about them.


def can_view_job(user, job) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return job.started_by_id == user.pk or is_programme_office(user)


def can_import_units(user) -> bool:
    """Replacing the SE figures re-divides the whole budget: the programme office's act."""
    return _writes_as(user, OrganisationKind.PROGRAMME_OFFICE)


def can_bundle_decision_letters(user) -> bool:
    """The letters of a national plan in one ZIP: Cedris and the ministries, who see them all."""
    return can_view_overview(user)
