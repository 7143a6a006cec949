"""The story of 2015, told through the real services and transitions with the demo clock moved
along the timeline, so every figure on every page agrees with the dates (issue 16).

It starts from the demo plans of the application period (plans.py, 20 August 2015) and ends on
STORY_DATE, early February 2016: the regional plans reviewed, advised, approved by SZW, granted
and paid in one batch in December 2015; first progress reports submitted in January 2016 (some
late, one region with an extension); the national report of the first interim moment made; a
knowledge meeting with invitees and answers; good practices. A few plans are left where a task
waits, so every role's start page has work: one plan in review (Cedris, the assessors' advice),
one with a change request (the company), one awaiting SZW's decision, one granted after the
batch (BZK pays), paid plans whose execution has not started (companies), and a new plan of
Holland Rijnland (AM19, granted an extension) waiting for its co-financing (the municipality).

Deterministic: plans are taken in a fixed order (region code, title) and dates are fixed.
Idempotent: told once per scheme (the national plan STORY_TITLE marks it), in one transaction.
"""

import datetime
import logging
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from sectorplan.assessment import services as assessment
from sectorplan.assessment.models import NationalPlan, Recommendation, ReviewQuestion
from sectorplan.meetings import notifications as invitation_mails
from sectorplan.meetings import services as meetings
from sectorplan.meetings.models import Response
from sectorplan.monitoring import national_report
from sectorplan.monitoring import report_services as reports
from sectorplan.monitoring.models import ActivityStatus, NationalReport
from sectorplan.payments import services as payments
from sectorplan.plans import services as plan_services
from sectorplan.plans import workflow
from sectorplan.plans.models import CommitmentStatus, Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry import services as registry
from sectorplan.registry.clock import set_demo_date
from sectorplan.registry.models import ActivityType, MilestoneKind, Region, Scheme

from . import plans as early
from .reviews import load_demo_reviews

logger = logging.getLogger(__name__)
D = datetime.date
STORY_DATE = D(2016, 2, 5)  # after the first interim reports' deadline: late reports exist
STORY_TITLE = "Landelijk sectorplan SW 2015 (demo)"
NEW_PLAN_REGION = "AM19"  # where the quick start's bedrijf-dzb-leiden and gemeente-leiden work
LATE_REPORTS = 3  # paid plans whose first interim report is late on STORY_DATE
APPROVAL = "Het plan past binnen het kader van de regeling en is positief geadviseerd."
ANSWERS = [Response.ACCEPTED, Response.ACCEPTED, Response.DECLINED]
STATUS_CYCLE = [ActivityStatus.RUNNING, ActivityStatus.DONE, ActivityStatus.RUNNING,
                ActivityStatus.NOT_STARTED, ActivityStatus.RUNNING]


def _sorted(plans) -> list[Plan]:
    return sorted(plans, key=lambda p: (p.region.code, p.title, p.pk))


def _in(scheme, *states) -> list[Plan]:
    return _sorted(
        Plan.objects.filter(scheme=scheme, is_demo=True, state__in=states).select_related(
            "region__central_municipality", "scheme"
        )
    )


class _Story:
    def __init__(self, scheme: Scheme):
        self.scheme = scheme
        self.users = {u.username: u for u in get_user_model().objects.all()}
        self.cedris, self.szw, self.bzk = (self.users[n] for n in ("cedris", "szw", "bzk"))

    def company(self, plan: Plan):
        for participant in plan.participants.select_related("sw_company").order_by("pk"):
            user = self.users.get(early._company_username(participant.sw_company))
            if user is not None:
                return user
        raise LookupError(f"no demo account for a company of {plan}")

    def municipality(self, plan: Plan):
        return self.users[early._municipality_username(plan.region.central_municipality)]

    def take(self, plan: Plan, code: str, user, **kwargs) -> Plan:
        return workflow.take(Plan.objects.get(pk=plan.pk), code, user=user, **kwargs)

    def extend(self, region: Region, kind: str, last_day: D, reason: str) -> None:
        registry.grant_extension(scheme=self.scheme, region=region, kind=kind,
                                 last_day=last_day, reason=reason, user=self.cedris)

    def to_cedris(self, plan: Plan) -> None:
        """Municipality commits every requested co-financing and confirms; company submits."""
        municipality = self.municipality(plan)
        for commitment in plan.commitments.exclude(status=CommitmentStatus.COMMITTED):
            plan_services.commit_cofinancing(commitment, user=municipality,
                                             version=commitment.version)
        self.take(plan, "confirm_cofinancing", municipality)

    # -- chapters ------------------------------------------------------------------------------

    def application(self) -> None:
        set_demo_date(D(2015, 8, 20))
        for plan in _in(self.scheme, PlanState.CONCEPT):
            self.extend(plan.region, MilestoneKind.MUNICIPALITY_DEADLINE, D(2015, 8, 31),
                        "Plan later compleet door wisseling van projectleider.")
            self.take(plan, "submit_to_municipality", self.company(plan))
        set_demo_date(D(2015, 8, 21))
        for plan in _in(self.scheme, PlanState.SUBMITTED_TO_MUNICIPALITY):
            self.to_cedris(plan)
        set_demo_date(D(2015, 8, 24))
        for plan in _in(self.scheme, PlanState.COFINANCING_COMMITTED):
            self.take(plan, "submit_to_cedris", self.company(plan))
        set_demo_date(D(2015, 8, 27))
        for plan in _in(self.scheme, PlanState.SUBMITTED_TO_CEDRIS):
            self.take(plan, "start_review", self.cedris)

    def review(self) -> Plan:
        """Every plan in review is advised but the first, which stays in review (Cedris and the
        assessors have work). Returns that plan."""
        set_demo_date(D(2015, 9, 3))
        questions = list(ReviewQuestion.objects.filter(scheme=self.scheme))
        in_review = _in(self.scheme, PlanState.IN_REVIEW)
        for plan in in_review[1:]:
            assessment.answer_review(plan, user=self.cedris,
                                     answers={q.pk: ("yes", "") for q in questions})
            for name, text in (("vng", "De gemeenten in de regio steunen het plan."),
                               ("sociale-partners", "Goed overleg met de vakbonden.")):
                assessment.give_advice(plan, user=self.users[name],
                                       recommendation=Recommendation.POSITIVE, comments=text)
            self.take(plan, "mark_advised", self.cedris)
        return in_review[0] if in_review else None

    def decision(self) -> tuple[Plan, Plan]:
        """One national plan to SZW; SZW approves all but one (still to decide) and sends the
        decisions, one of them only in January. Returns (undecided, decided late)."""
        set_demo_date(D(2015, 9, 14))
        advised = _in(self.scheme, PlanState.ADVISED)
        national = assessment.save_national_plan(
            user=self.cedris, scheme=self.scheme, title=STORY_TITLE,
            cover_text="De regionale sectorplannen van de 35 arbeidsmarktregio's samen.",
            plan_ids=[p.pk for p in advised],
        )
        assessment.submit_national_plan(national, user=self.cedris)
        undecided, approved = advised[-1], advised[:-1]
        set_demo_date(D(2015, 11, 16))
        assessment.decide([p.pk for p in approved], user=self.szw, approve=True, reason=APPROVAL)
        late = approved[len(approved) // 2]
        for plan in approved:
            if plan != late:
                self.take(plan, "send_decision", self.szw)
        return undecided, late

    def payment(self, late: Plan) -> None:
        set_demo_date(D(2015, 12, 1))
        batch = payments.prepare_batch(self.scheme, user=self.cedris)
        set_demo_date(D(2015, 12, 15))
        payments.mark_paid(batch, user=self.bzk)
        set_demo_date(D(2016, 1, 6))
        self.take(late, "send_decision", self.szw)
        payments.prepare_batch(self.scheme, user=self.cedris)  # BZK has the next one to pay

    def reporting(self) -> None:
        """Most paid plans start execution and submit their first interim report in January;
        a few are late; one region has an extension and has a draft."""
        paid = _in(self.scheme, PlanState.PAID)
        extended = next(p for p in paid if p.region.code != NEW_PLAN_REGION)
        self.extend(extended.region, MilestoneKind.INTERIM_REPORT_1, D(2016, 2, 29),
                    "Nieuwe projectleider; de regio levert in februari aan.")
        late = [p for p in paid if p.region.code != NEW_PLAN_REGION][-LATE_REPORTS:]
        for number, plan in enumerate(paid):
            company = self.company(plan)
            set_demo_date(D(2016, 1, 5 + number % 3))
            if plan.region.code != NEW_PLAN_REGION and number % 4:
                plan = self.take(plan, "start_execution", company)
            if plan in late:
                continue
            set_demo_date(D(2016, 1, 11 + number % 18))
            report = reports.save_report(
                plan, MilestoneKind.INTERIM_REPORT_1, user=company,
                went_well="De samenwerking met werkgevers in de regio is goed op gang gekomen.",
                went_badly="Het werven van kandidaten kost meer tijd dan gepland.",
                good_practice="Een vaste jobcoach per werkgever werkt goed." if number % 5 == 0
                else "",
                activities={
                    a.pk: {"status": STATUS_CYCLE[(number + i) % len(STATUS_CYCLE)],
                           "explanation": "",
                           "achieved_quantity": (a.planned_quantity or 0) // (2 + i % 3)
                           if a.planned_quantity else None}
                    for i, a in enumerate(plan.activities.order_by("pk"))
                },
                goals={g.pk: {"achieved_quantity": g.planned_quantity // 3, "explanation": ""}
                       for g in plan.goals.order_by("pk")},
            )
            if plan != extended:
                reports.submit_report(plan, MilestoneKind.INTERIM_REPORT_1, user=company,
                                      version=report.version)

    def exchange(self) -> list:
        """Good practices, and a knowledge meeting with its invitations sent."""
        set_demo_date(D(2016, 1, 20))
        types = {t.code: t for t in ActivityType.objects.filter(theme__scheme=self.scheme)}
        meetings.create_good_practice(
            user=self.cedris, scheme=self.scheme, title="Een vaste jobcoach per werkgever (demo)",
            description="Werkgevers houden één aanspreekpunt; plaatsingen houden langer stand.",
            activity_types=[types[c] for c in ("jobcoaches",) if c in types],
        )
        meetings.create_good_practice(
            user=self.cedris, scheme=self.scheme,
            title="Werkgeversservicepunt met de gemeente (demo)",
            description="SW-bedrijf en gemeente benaderen werkgevers samen, met één vacaturebank.",
            activity_types=[types[c] for c in ("werkgeversdiensten",) if c in types],
        )
        set_demo_date(D(2016, 1, 25))
        meeting = meetings.create_meeting(
            user=self.cedris, scheme=self.scheme, title="Kennisbijeenkomst werk naar werk (demo)",
            date=D(2016, 2, 18), place="Utrecht",
            activity_types=[types[c] for c in ("werk-naar-werk", "jobcoaches") if c in types],
            description="Eerste ervaringen uit de regio's, na de eerste tussenrapportage.",
        )
        meetings.propose_invitees(meeting, user=self.cedris)
        # Each invitee's personal link exists only in their e-mail: keep the tokens on the way
        # out, so three invitees can answer through their link, as they would.
        tokens = []

        def keep(invitation, token, _mail=invitation_mails.invitation_mail):
            tokens.append(token)
            return _mail(invitation, token)

        with mock.patch.object(invitation_mails, "invitation_mail", keep):
            meetings.send_invitations(meeting, user=self.cedris)
        set_demo_date(D(2016, 2, 1))
        for token, answer in zip(tokens, ANSWERS, strict=False):
            meetings.respond(token, response=answer)
        return meeting

    def national_report(self) -> None:
        set_demo_date(D(2016, 2, 3))
        report, _ = NationalReport.objects.get_or_create(
            scheme=self.scheme, kind=MilestoneKind.INTERIM_REPORT_1
        )
        national_report.save_texts(report, user=self.cedris, texts={
            code: "" for code in national_report.SECTION_CODES
        } | {national_report.SECTION_CODES[0]: (
            "De eerste tussenrapportages laten zien dat de regio's volop aan de slag zijn.")})

    def open_reviews(self) -> None:
        """The plan still in review and the one with a change request: their regions were given
        until the end of February, so their tasks have a deadline ahead, not one long past."""
        set_demo_date(D(2016, 1, 28))
        for plan in _in(self.scheme, PlanState.IN_REVIEW, PlanState.CHANGES_REQUESTED):
            self.extend(plan.region, MilestoneKind.PLANS_COMPLETE, D(2016, 2, 29),
                        "Toets en aanpassing lopen nog; afronden voor eind februari.")

    def new_plan(self) -> None:
        """Holland Rijnland writes a further plan, made possible by an extension."""
        region = Region.objects.select_related("central_municipality").get(
            region_set=self.scheme.region_set_id, code=NEW_PLAN_REGION)
        set_demo_date(STORY_DATE)
        self.extend(region, MilestoneKind.MUNICIPALITY_DEADLINE, D(2016, 3, 1),
                    "Ruimte in de reservering voor een aanvullend plan.")
        self.extend(region, MilestoneKind.CEDRIS_WINDOW, D(2016, 3, 15),
                    "Ruimte in de reservering voor een aanvullend plan.")
        plan = early.load_extra_plan(self.scheme, region, self.users)
        if plan is not None:
            self.take(plan, "submit_to_municipality", self.company(plan))


def tell_story(scheme: Scheme) -> bool:
    """Tells the story once; returns whether it did. Needs the demo accounts and plans."""
    if NationalPlan.objects.filter(scheme=scheme, title=STORY_TITLE).exists():
        return False
    # The story's e-mails (notifications, invitations) go nowhere; the clock is the demo clock.
    with override_settings(
        DEMO_MODE=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        with transaction.atomic():
            load_demo_reviews(scheme)
            story = _Story(scheme)
            story.application()
            story.review()
            _undecided, late = story.decision()
            story.payment(late)
            story.reporting()
            story.exchange()
            story.national_report()
            story.open_reviews()
            story.new_plan()
            set_demo_date(STORY_DATE)
        report = NationalReport.objects.get(scheme=scheme, kind=MilestoneKind.INTERIM_REPORT_1)
        try:
            national_report.generate(report.pk)
        except Exception:  # e.g. WeasyPrint without Pango: Cedris can make it from its page
            logger.exception("demo: the national report's files could not be made")
    return True
