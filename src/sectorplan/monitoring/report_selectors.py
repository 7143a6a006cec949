"""Reads for progress reports: who may read which, every plan's deadlines per evaluation moment
(the timeline's milestone, or the region's extension), results against planned, the late list
and the progress per region for the map."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.accounts.models import Ministry, OrganisationKind
from sectorplan.assessment.progress import Awaiting, Party
from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.registry import clock
from sectorplan.registry.models import DeadlineExtension, Milestone, MilestoneKind

from .models import ActivityProgress, ActivityStatus, GoalProgress, ProgressReport, ReportState
from .reports import ORDER, REPORT_KINDS, REPORTING_STATES, SLUGS

SHARE_PLACES = Decimal("0.0001")
DUE_SOON_DAYS = 30
# Plans whose reports can still be read once Cedris closes them.
LISTED_STATES = REPORTING_STATES | {PlanState.CLOSED}


def visible_reports(user) -> QuerySet[ProgressReport]:
    actor = policy.actor_for(user)
    reports = ProgressReport.objects.select_related("plan__region", "plan__scheme")
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        return reports
    if actor.kind in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY):
        return reports.filter(plan__region_id__in=actor.region_ids)
    if actor.kind == OrganisationKind.MINISTRY and actor.ministry == Ministry.SZW:
        return reports.filter(state=ReportState.SUBMITTED)
    return reports.none()


def moment_questions(plan: Plan, kind: str) -> list[str]:
    """What the scheme asks at this report moment besides the fixed parts (Milestone.questions,
    from the scheme's definition); none for a scheme that asks nothing more (sw2015)."""
    milestone = Milestone.objects.filter(scheme_id=plan.scheme_id, kind=kind).first()
    return list(milestone.questions) if milestone else []


def answer_rows(report, questions: list[str]) -> list[tuple[str, str]]:
    """(question, answer) for each question of the moment; "" where none was given yet. A
    submitted report keeps the questions it answered."""
    if report is not None and report.is_submitted:
        return [(item["question"], item["answer"]) for item in report.answers]
    given = {item["question"]: item["answer"] for item in (report.answers if report else [])}
    return [(question, given.get(question, "")) for question in questions]


def listed_plans(user) -> QuerySet[Plan]:
    """The plans on the user's list of reports."""
    actor = policy.actor_for(user)
    plans = Plan.objects.filter(state__in=LISTED_STATES).select_related("region", "scheme")
    if actor.kind == OrganisationKind.PROGRAMME_OFFICE:
        return plans
    if actor.kind in (OrganisationKind.COMPANY, OrganisationKind.MUNICIPALITY):
        return plans.filter(region_id__in=actor.region_ids)
    if actor.kind == OrganisationKind.MINISTRY and actor.ministry == Ministry.SZW:
        return plans.filter(progress_reports__state=ReportState.SUBMITTED).distinct()
    return plans.none()


@dataclass(frozen=True)
class Due:
    """One plan's report at one evaluation moment, with its deadline."""

    plan: Plan
    kind: str
    deadline: datetime.date
    extended: bool
    report: ProgressReport | None
    today: datetime.date

    @property
    def slug(self) -> str:
        return SLUGS[self.kind]

    @property
    def kind_label(self) -> str:
        # One label, not the whole choice list translated on every call (150 a page).
        return str(MilestoneKind(self.kind).label)

    @property
    def is_submitted(self) -> bool:
        return self.report is not None and self.report.is_submitted

    @property
    def is_overdue(self) -> bool:
        return not self.is_submitted and self.today > self.deadline

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days

    @property
    def report_state_label(self) -> str:
        if self.report is None:
            return _("Nog niet begonnen")
        return str(self.report.get_state_display())


def deadlines(plans) -> dict[tuple[int, str], tuple[datetime.date, bool]]:
    """(plan pk, kind) -> (last day, extended?) for every report moment, as timeline.window
    computes it (the latest extension of the region wins), in two queries for any number of
    plans."""
    plans = list(plans)
    schemes = {plan.scheme_id for plan in plans}
    milestones = {
        (m.scheme_id, m.kind): m.last_day
        for m in Milestone.objects.filter(scheme_id__in=schemes, kind__in=REPORT_KINDS)
    }
    extensions: dict[tuple[int, int, str], datetime.date] = {}
    for ext in DeadlineExtension.objects.filter(
        scheme_id__in=schemes, kind__in=REPORT_KINDS
    ).order_by("granted_at", "pk"):
        extensions[(ext.scheme_id, ext.region_id, ext.kind)] = ext.last_day
    result = {}
    for plan in plans:
        for kind in REPORT_KINDS:
            extension = extensions.get((plan.scheme_id, plan.region_id, kind))
            if extension is not None:
                result[(plan.pk, kind.value)] = (extension, True)
            elif (plan.scheme_id, kind) in milestones:
                result[(plan.pk, kind.value)] = (milestones[(plan.scheme_id, kind)], False)
    return result


def due_items(plans, today: datetime.date | None = None) -> list[Due]:
    """Every report moment of these plans, soonest deadline first."""
    plans = list(plans)
    today = today or clock.today()
    reports = {(r.plan_id, r.kind): r for r in ProgressReport.objects.filter(plan__in=plans)}
    by_pk = {plan.pk: plan for plan in plans}
    items = [
        Due(by_pk[pk], kind, last_day, extended, reports.get((pk, kind)), today)
        for (pk, kind), (last_day, extended) in deadlines(plans).items()
    ]
    return sorted(items, key=lambda d: (d.deadline, d.plan.region.code, d.plan.title, d.kind))


def report_tasks(user, plans, today: datetime.date | None = None) -> list[Awaiting]:
    """The progress reports this user writes and has not submitted, for the start page's "Wat
    op mij wacht" (issue 14: on 15 January 2016 the report due on 31 January was missing):
    every overdue one, and per plan the next one due. Awaiting items, like the plan steps."""
    writable = [plan for plan in plans if policy.can_write_progress_report(user, plan)]
    if not writable:
        return []
    tasks, has_next = [], set()
    for due in due_items(writable, today):
        if due.is_submitted or (not due.is_overdue and due.plan.pk in has_next):
            continue
        if not due.is_overdue:
            has_next.add(due.plan.pk)
        tasks.append(
            Awaiting(
                due.plan,
                Party.COMPANIES,
                _("%(moment)s indienen") % {"moment": due.kind_label},
                due.deadline,
                as_of=due.today,
                url=reverse("monitoring:report-edit", args=[due.plan.pk, due.slug]),
            )
        )
    return tasks


def late_list(scheme=None, *, within_days: int = DUE_SOON_DAYS, today=None) -> list[Due]:
    """The programme office's list: every report of a reporting plan that is overdue or due
    within `within_days`, and not submitted; by deadline."""
    today = today or clock.today()
    plans = Plan.objects.filter(state__in=REPORTING_STATES).select_related("region", "scheme")
    if scheme is not None:
        plans = plans.filter(scheme=scheme)
    horizon = today + datetime.timedelta(days=within_days)
    return [
        item
        for item in due_items(plans, today)
        if not item.is_submitted and item.deadline <= horizon
    ]


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class ResultRow:
    """One activity or goal: what was planned, what the report says."""

    subject: object  # Activity or Goal
    planned_quantity: Decimal | None
    unit: str
    progress: ActivityProgress | GoalProgress | None

    @property
    def achieved_quantity(self) -> Decimal | None:
        return self.progress.achieved_quantity if self.progress else None

    @property
    def achieved_share(self) -> Decimal | None:
        if self.achieved_quantity is None or self.planned_quantity is None:
            return None
        return share(self.achieved_quantity, self.planned_quantity)

    @property
    def achieved_percent(self) -> int | None:
        value = self.achieved_share
        return None if value is None else int((value * 100).to_integral_value(ROUND_HALF_UP))


def activity_rows(plan: Plan, report: ProgressReport | None) -> list[ResultRow]:
    found = {p.activity_id: p for p in report.activities.all()} if report else {}
    return [
        ResultRow(a, a.planned_quantity, a.planned_unit, found.get(a.pk))
        for a in plan.activities.select_related("activity_type__theme")
    ]


def goal_rows(plan: Plan, report: ProgressReport | None) -> list[ResultRow]:
    found = {p.goal_id: p for p in report.goals.all()} if report else {}
    return [ResultRow(g, g.planned_quantity, g.unit, found.get(g.pk)) for g in plan.goals.all()]


def status_counts(report: ProgressReport) -> dict[str, int]:
    counts = {status.value: 0 for status in ActivityStatus}
    for status in report.activities.values_list("status", flat=True):
        counts[status] += 1
    return counts


def latest_submitted(plan_pks) -> dict[int, ProgressReport]:
    """Per plan its latest submitted report (the final report over interim 2 over interim 1)."""
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(plan_id__in=plan_pks, state=ReportState.SUBMITTED):
        current = latest.get(report.plan_id)
        if current is None or ORDER[report.kind] > ORDER[current.kind]:
            latest[report.plan_id] = report
    return latest


def submitted_reports(plan_pks, kind: str | None = None) -> dict[int, ProgressReport]:
    """Per plan its submitted report of evaluation moment `kind`; with no kind its latest."""
    if kind is None:
        return latest_submitted(plan_pks)
    reports = ProgressReport.objects.filter(
        plan_id__in=plan_pks, kind=kind, state=ReportState.SUBMITTED
    )
    return {report.plan_id: report for report in reports}


def region_shares(
    plans_by_region: dict[str, list[int]], tallies: dict[int, tuple[int, int]]
) -> dict[str, Decimal]:
    """Pure: per region code the share (0..1) of activities done over its plans' tallies
    (plan pk -> (done, total) from one report per plan). A region whose plans have no tally is
    left out (no data, not 0%); reports without activities count as 0% done."""
    result = {}
    for code, pks in plans_by_region.items():
        counted = [tallies[pk] for pk in pks if pk in tallies]
        if not counted:
            continue
        done = sum(d for d, _total in counted)
        total = sum(t for _done, t in counted)
        result[code] = share(done, total) if total else Decimal(0)
    return result


def progress_by_region(
    plans_by_region: dict[str, list[int]], kind: str | None = None
) -> dict[str, Decimal] | None:
    """Per region code the share (0..1) of activities reported done, from each plan's submitted
    report of evaluation moment `kind` (the national report of that moment), or with no kind
    from its latest submitted report (the live map). Dropped activities count as not done.
    Regions without such a report are left out; None when there is none at all."""
    plan_pks = [pk for pks in plans_by_region.values() for pk in pks]
    reports = submitted_reports(plan_pks, kind)
    if not reports:
        return None
    by_report = {report.pk: [0, 0] for report in reports.values()}
    rows = ActivityProgress.objects.filter(report_id__in=by_report)
    for report_pk, status in rows.values_list("report_id", "status"):
        by_report[report_pk][1] += 1
        by_report[report_pk][0] += status == ActivityStatus.DONE
    tallies = {pk: tuple(by_report[report.pk]) for pk, report in reports.items()}
    return region_shares(plans_by_region, tallies)
