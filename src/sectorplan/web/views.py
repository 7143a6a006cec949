import datetime
from functools import partial
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sectorplan.accounts import policy
from sectorplan.accounts.models import OrganisationKind
from sectorplan.allocation.exports import budget_sheet
from sectorplan.allocation.selectors import SORT_KEYS, budget
from sectorplan.assessment import progress, queues
from sectorplan.exports import csv_response, xlsx_response
from sectorplan.monitoring.report_selectors import report_tasks
from sectorplan.plans import summary_cache
from sectorplan.plans.selectors import schemes_for
from sectorplan.registry.models import Scheme
from sectorplan.web.scheme_choice import scheme_in_address


def _tasks(user) -> list[tuple[str, str]]:
    """What each role comes here to do, so a new user finds it from the start page."""
    tasks = []
    if policy.can_create_plan(user):
        tasks += [
            (reverse("plans:list"), _("Plannen van mijn regio's bekijken en bewerken")),
            (reverse("plans:create"), _("Een nieuw sectorplan schrijven")),
        ]
    elif policy.visible_plans(user).exists() or policy.actor_for(user).kind:
        tasks.append((reverse("plans:list"), _("Plannen bekijken")))
    if policy.can_view_overview(user):
        tasks += [
            (
                reverse("assessment:overview"),
                _("Voortgang: alle regio's, wie aan zet is, wat te laat is"),
            ),
            (reverse("assessment:national-plans"), _("Landelijk sectorplan en besluiten van SZW")),
        ]
    if policy.can_import_units(user):
        tasks.append((reverse("jobs:units-import"), _("SE-cijfers inlezen")))
    if policy.can_view_overview(user):
        tasks.append((reverse("jobs:list"), _("Achtergrondtaken")))
    if policy.can_view_audit_log(user):
        tasks.append((reverse("audit:log"), _("Auditlog: elke wijziging, wie en wanneer")))
    if policy.can_view_payments(user):
        tasks.append(
            (reverse("payments:batches"), _("Betalingen via het gemeentefonds en restant"))
        )
    if policy.can_view_meetings(user):
        tasks.append((reverse("meetings:list"), _("Bijeenkomsten voor kennisuitwisseling")))
    if policy.can_view_directory(user):
        tasks += [
            (reverse("meetings:directory"), _("Contactpersonen per regio (netwerk)")),
            (reverse("meetings:good-practices"), _("Goede voorbeelden")),
        ]
    if policy.can_view_dashboard(user):
        tasks += [
            (reverse("plans:dashboard"), _("Alle regio's: plannen, geld en wie nog ontbreekt")),
            (reverse("plans:extensions"), _("Uitstel per regio")),
            (reverse("schemes:list"), _("Regelingen: aanmaken uit een definitie, downloaden")),
        ]
    if user.is_staff:
        tasks.append(
            (reverse("admin:index"), _("Beheer: regelingen, regio's, bedrijven, accounts"))
        )
    return tasks


# The start page shows the first tasks by deadline; the full list is a filtered /plannen/.
TASKS_SHOWN = 10


def home(request):
    context = {
        "schemes": schemes_for(request.user),
        "can_create_plan": request.user.is_authenticated and policy.can_create_plan(request.user),
    }
    if not context["schemes"]:
        context["any_scheme"] = Scheme.objects.exists()
    if request.user.is_authenticated:
        membership = policy.membership_of(request.user)
        context["organisation"] = membership.organisation if membership else None
        context["tasks"] = _tasks(request.user)
        # The same for everyone who sees the same plans (summary_cache.rendered_list): kept
        # until a plan, a report or a payment changes, or the day.
        context["awaiting"] = summary_cache.rendered_list(
            request, "home-awaiting", "web/_awaiting.html", partial(_awaiting, request.user)
        )
    return render(request, "web/home.html", context)


def _awaiting(user) -> dict:
    plans = policy.visible_plans(user).select_related("scheme", "region__central_municipality")
    # The plans waiting for this user, counted and sorted by the database; only the first
    # few are built in Python (issue 15). The rest: /plannen/?wacht_op=mij.
    mine = queues.by_deadline(queues.waiting_for_user(queues.with_waiting(plans), user))
    # Only the ids are sorted in the database (the heavy columns are not computed for
    # every waiting plan), then the first few plans are read whole.
    first = list(mine.values_list("pk", flat=True)[:TASKS_SHOWN])
    steps = progress.tasks_for(user, plans.filter(pk__in=first))
    # Only companies write progress reports: nobody else pays for reading every plan.
    actor = policy.actor_for(user)
    writes_reports = actor.kind == OrganisationKind.COMPANY and actor.writes
    reports = report_tasks(user, plans) if writes_reports else []
    awaiting_plans = mine.count()
    return {
        # Plan steps and progress reports in one list, soonest deadline first.
        "awaiting": sorted(
            steps + reports,
            key=lambda t: (t.deadline or datetime.date.max, str(t.plan)),
        )[:TASKS_SHOWN],
        "awaiting_plans": awaiting_plans,
        "awaiting_total": awaiting_plans + len(reports),
        "awaiting_url": reverse("plans:list")
        + "?"
        + urlencode({"wacht_op": queues.MINE, "sorteer": "uiterste_datum"}),
    }


def _budget_or_404(request, slug):
    scheme = get_object_or_404(Scheme, slug=slug)
    sort = request.GET.get("sort", "code")
    if sort not in SORT_KEYS:
        sort = "code"
    descending = request.GET.get("order") == "desc"
    result = budget(scheme, sort=sort, descending=descending)
    if result is None:
        raise Http404(_("Voor deze regeling is nog geen verdeling gemaakt."))
    return result, sort, descending


def budget_page(request, slug):
    result, sort, descending = _budget_or_404(request, slug)
    scheme_in_address(
        request, result.scheme, lambda other: reverse("web:budget", args=[other.slug])
    )
    columns = [
        ("code", _("Code")),
        ("name", _("Arbeidsmarktregio")),
        (None, _("Centrumgemeente")),
        ("units", result.scheme.weight_label),
        (None, _("Aandeel")),
        ("reserved", _("Gereserveerde rijksbijdrage")),
        (None, _("Vereiste cofinanciering")),
        (None, _("Totaal")),
    ]
    # The same for every visitor: rendered once per allocation run, order and language, and
    # kept until the data changes (summary_cache: runs, reservations and SE figures replace
    # the token). Issue 15: the 35 rows were most of the page's time.
    body = summary_cache.rendered(
        "budget-body",
        "web/_budget_body.html",
        lambda: {
            "budget": result,
            "scheme": result.scheme,
            "columns": columns,
            "sort": sort,
            "descending": descending,
        },
        result.run.pk,
        sort,
        descending,
    )
    return render(request, "web/budget.html", {"body": body, "scheme": result.scheme})


def budget_csv(request, slug):
    result, _, _ = _budget_or_404(request, slug)
    return csv_response(budget_sheet(result), f"budget-per-regio-{slug}.csv")


def budget_xlsx(request, slug):
    result, _, _ = _budget_or_404(request, slug)
    return xlsx_response(budget_sheet(result), f"budget-per-regio-{slug}.xlsx")
