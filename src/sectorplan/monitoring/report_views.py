"""Progress report pages: the list of reports, one report (read and write), submitting it, and
the programme office's late list with its CSV/XLSX export. Every view asks accounts.policy (the
same functions the API asks); the services check again."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from sectorplan.accounts import policy
from sectorplan.audit.models import AuditEvent
from sectorplan.exports import Column, Sheet, csv_response, xlsx_response
from sectorplan.plans import summary_cache
from sectorplan.plans.models import Plan
from sectorplan.registry import clock
from sectorplan.web.paging import paginate
from sectorplan.web.rows import DateText, RowUrl
from sectorplan.web.scheme_choice import scheme_asked

from . import report_selectors as selectors
from . import report_services as services
from .models import ProgressReport
from .practice_views import practice_context
from .report_forms import ReportForm, answer_forms, part_forms
from .reports import KIND_OF_SLUG, ORDER, SLUGS

ACTION_LABELS = {
    "progress_report.created": gettext_lazy("Rapportage begonnen"),
    "progress_report.saved": gettext_lazy("Concept opgeslagen"),
    "progress_report.submitted": gettext_lazy("Ingediend"),
    "progress_report.reminder_sent": gettext_lazy("Herinnering verstuurd"),
}


def _kind(moment: str) -> str:
    if moment not in KIND_OF_SLUG:
        raise Http404(_("Onbekend evaluatiemoment."))
    return KIND_OF_SLUG[moment].value


def _report(plan: Plan, kind: str) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(plan=plan, kind=kind)
        .prefetch_related("activities", "goals")
        .first()
    )


def _readable(request, plan_pk: int, moment: str):
    kind = _kind(moment)
    plan = get_object_or_404(Plan.objects.select_related("region", "scheme"), pk=plan_pk)
    report = _report(plan, kind)
    submitted = report is not None and report.is_submitted
    if not policy.can_view_progress_report(request.user, plan, submitted):
        raise PermissionDenied(_("Deze rapportage is niet voor u zichtbaar."))
    if report is None and plan.state not in selectors.LISTED_STATES:
        raise Http404(_("Dit plan rapporteert (nog) geen voortgang."))
    return plan, kind, report


def _due(plan: Plan, kind: str):
    return next((d for d in selectors.due_items([plan]) if d.kind == kind), None)


@require_safe
@login_required
def report_list(request):
    if not policy.can_view_progress_reports(request.user):
        raise PermissionDenied(_("Voortgangsrapportages zijn niet voor uw organisatie."))
    # The same for everyone who sees the same plans (summary_cache.rendered_list): kept until a
    # plan or a report changes, or the day (late or not).
    # One scheme at a time (issue 18): the scheme is part of the key, as it may come from the
    # session rather than the address.
    scheme = scheme_asked(request)
    body = summary_cache.rendered_list(
        request,
        "report-list",
        "monitoring/reports/_list_body.html",
        partial(_listed, request, scheme),
        scheme.pk,
    )
    return render(request, "monitoring/reports/list.html", {"body": body})


def _listed(request, scheme) -> dict:
    # 50 plans a page (web/paging.py); the moments are worked out for that page's plans only.
    listed = (
        selectors.listed_plans(request.user)
        .filter(scheme=scheme)
        .order_by("region__code", "title", "pk")
    )
    paged = paginate(request, listed)
    plans = list(paged["page"].object_list)
    by_plan: dict[int, list] = {}
    for item in selectors.due_items(plans):
        by_plan.setdefault(item.plan.pk, []).append(item)
    # Worked out once a page, not once an item: a page has some 150 report moments.
    urls = {slug: RowUrl("monitoring:report-detail", slug) for slug in SLUGS.values()}
    deadline_text = DateText("j F Y")
    rows = []
    for plan in plans:
        items = []
        for item in sorted(by_plan.get(plan.pk, []), key=lambda d: ORDER[d.kind]):
            may_read = policy.can_view_progress_report(request.user, plan, item.is_submitted)
            items.append(
                {
                    "due": item,
                    "url": urls[item.slug](plan.pk) if may_read else None,
                    "label": item.kind_label,
                    "state": item.report_state_label.lower() if may_read else None,
                    "deadline": deadline_text(item.deadline),
                }
            )
        rows.append((plan, items))
    return {
        **paged,
        "rows": rows,
        "can_view_late": policy.can_view_late_reports(request.user),
        "national": [(slug, kind.label) for kind, slug in SLUGS.items()]
        if policy.can_view_national_reports(request.user)
        else [],
    }


@require_safe
@login_required
def report_detail(request, plan_pk, moment):
    plan, kind, report = _readable(request, plan_pk, moment)
    history = []
    if report is not None:
        history = [
            (event, ACTION_LABELS.get(event.action, event.action))
            for event in AuditEvent.objects.filter(
                scope=f"plan:{plan.pk}",
                object_type="monitoring.progressreport",
                object_id=str(report.pk),
            ).order_by("occurred_at", "pk")
        ]
    return render(
        request,
        "monitoring/reports/detail.html",
        {
            "plan": plan,
            "report": report,
            "moment": moment,
            "due": _due(plan, kind),
            "activity_rows": selectors.activity_rows(plan, report),
            "goal_rows": selectors.goal_rows(plan, report),
            "answers": selectors.answer_rows(report, selectors.moment_questions(plan, kind)),
            "counts": selectors.status_counts(report) if report else None,
            "can_write": policy.can_write_progress_report(request.user, plan)
            and not (report and report.is_submitted),
            "missing": services.missing_items(report) if report else [],
            "history": history,
            **practice_context(request.user, report),
        },
    )


def _apply_error(form, error: ValidationError) -> None:
    form.add_error(None, error.messages)


@login_required
def report_edit(request, plan_pk, moment):
    kind = _kind(moment)
    plan = get_object_or_404(Plan.objects.select_related("region", "scheme"), pk=plan_pk)
    if not policy.can_write_progress_report(request.user, plan):
        raise PermissionDenied(_("Alleen de SW-bedrijven van de regio schrijven de rapportage."))
    report = _report(plan, kind)
    if report is not None and report.is_submitted:
        messages.info(request, _("Deze rapportage is ingediend en kan niet meer worden gewijzigd."))
        return redirect("monitoring:report-detail", plan_pk=plan.pk, moment=moment)
    initial = {"version": report.version if report else None}
    if report:
        initial.update({name: getattr(report, name) for name in services.REPORT_FIELDS})
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, initial=initial)
    activity_forms, goal_forms = part_forms(plan, report, data)
    questions = selectors.moment_questions(plan, kind)
    question_forms = answer_forms(selectors.answer_rows(report, questions), data)
    forms_on_page = [form, *question_forms, *activity_forms, *goal_forms]
    all_valid = data is not None and all(f.is_valid() for f in forms_on_page)
    missing = []
    if all_valid:
        try:
            report = services.save_report(
                plan,
                kind,
                user=request.user,
                version=form.cleaned_data["version"],
                activities={
                    f.activity.pk: f.values() for f in activity_forms if f.values() is not None
                },
                goals={f.goal.pk: f.values() for f in goal_forms},
                answers=[f.cleaned_data["answer"] for f in question_forms],
                **{name: form.cleaned_data[name] for name in services.REPORT_FIELDS},
            )
            if "indienen" in request.POST:
                services.submit_report(plan, kind, user=request.user, version=report.version)
                messages.success(request, _("De rapportage is ingediend."))
            else:
                messages.success(request, _("Het concept is opgeslagen."))
            return redirect("monitoring:report-detail", plan_pk=plan.pk, moment=moment)
        except services.ReportConflict as conflict:
            _apply_error(form, ValidationError(str(conflict)))
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
        except ValidationError as error:
            if "indienen" in request.POST and report is not None:
                messages.warning(request, _("Het concept is opgeslagen, maar niet ingediend."))
                form.data = form.data.copy()
                form.data["version"] = report.version
                missing = services.missing_items(report)
            if missing and error.messages == [item.text for item in missing]:
                pass  # the page lists each missing item as a link to its field
            else:
                missing = []
                _apply_error(form, error)
    return render(
        request,
        "monitoring/reports/edit.html",
        {
            "plan": plan,
            "moment": moment,
            "report": report,
            "due": _due(plan, kind),
            "form": form,
            "question_forms": question_forms,
            "activity_forms": activity_forms,
            "goal_forms": goal_forms,
            "missing": missing,
        },
    )


@require_POST
@login_required
def report_submit(request, plan_pk, moment):
    kind = _kind(moment)
    plan = get_object_or_404(Plan, pk=plan_pk)
    if not policy.can_write_progress_report(request.user, plan):
        raise PermissionDenied(_("Alleen de SW-bedrijven van de regio dienen de rapportage in."))
    try:
        services.submit_report(plan, kind, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De rapportage is ingediend."))
    return redirect("monitoring:report-detail", plan_pk=plan.pk, moment=moment)


def _late(request):
    if not policy.can_view_late_reports(request.user):
        raise PermissionDenied(_("De lijst van late rapportages is voor Cedris."))
    try:
        days = max(0, min(366, int(request.GET.get("dagen", selectors.DUE_SOON_DAYS))))
    except ValueError:
        days = selectors.DUE_SOON_DAYS
    return days, selectors.late_list(scheme_asked(request), within_days=days)


@require_safe
@login_required
def late_list(request):
    days, items = _late(request)
    return render(
        request,
        "monitoring/reports/late.html",
        {"items": items, "days": days, "today": clock.today()},
    )


def _late_sheet(items, days: int) -> Sheet:
    columns = [
        Column("deadline", _("Uiterste datum")),
        Column("status", _("Stand")),
        Column("days", _("Dagen tot de uiterste datum")),
        Column("region", _("Regio")),
        Column("region_name", _("Arbeidsmarktregio")),
        Column("plan", _("Plan-id")),
        Column("title", _("Plan")),
        Column("moment", _("Evaluatiemoment")),
        Column("extended", _("Uitstel")),
        Column("report", _("Rapportage")),
    ]
    rows = [
        {
            "deadline": item.deadline.isoformat(),
            "status": _("te laat") if item.is_overdue else _("binnenkort"),
            "days": str(item.days_left),
            "region": item.plan.region.code,
            "region_name": item.plan.region.name,
            "plan": str(item.plan.pk),
            "title": item.plan.title,
            "moment": item.kind_label,
            "extended": _("ja") if item.extended else _("nee"),
            "report": item.report_state_label,
        }
        for item in items
    ]
    xlsx_rows = [
        {**row, "days": item.days_left, "plan": item.plan.pk}
        for row, item in zip(rows, items, strict=True)
    ]
    today = date_format(clock.today(), "j F Y")
    notes = [
        _("Rapportages die te laat zijn of binnen %(days)d dagen moeten, op %(today)s.")
        % {"days": days, "today": today}
    ]
    return Sheet(_("Late rapportages"), columns, rows, xlsx_rows=xlsx_rows, notes=notes)


@require_safe
@login_required
def late_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Kies csv of xlsx."))
    days, items = _late(request)
    sheet = _late_sheet(items, days)
    name = f"late-rapportages-{clock.today():%Y-%m-%d}.{fmt}"
    return (csv_response if fmt == "csv" else xlsx_response)(sheet, name)
