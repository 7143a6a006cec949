"""The programme office's pages: all regions at a glance, deadline extensions, the demo date."""

import datetime
from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sectorplan.accounts import policy
from sectorplan.allocation.selectors import current_run
from sectorplan.exports import Column, Sheet, sheet_response
from sectorplan.money import cents_to_decimal, cents_to_string
from sectorplan.registry import clock
from sectorplan.registry.models import DeadlineExtension, MilestoneKind, Region, Scheme
from sectorplan.registry.services import grant_extension
from sectorplan.web.scheme_choice import scheme_asked

from . import summary_cache
from .completeness import FILTERS, region_statuses


def _require_office(request):
    if not policy.can_view_dashboard(request.user):
        raise PermissionDenied(_("Deze pagina is voor het programmabureau."))


def _chosen(request) -> tuple[Scheme, str]:
    """The scheme and the filter asked for; an unknown filter is the whole list."""
    scheme = scheme_asked(request)
    chosen = request.GET.get("filter", "")
    return scheme, chosen if chosen in FILTERS else ""


def _statuses(scheme, chosen: str):
    return [s for s in region_statuses(scheme) if FILTERS[chosen](s)]


@login_required
def dashboard(request):
    _require_office(request)
    scheme, chosen = _chosen(request)
    run = current_run(scheme)
    # The same for everyone who may see it: rendered once and kept until the data changes
    # (summary_cache), keyed as region_statuses is, per filter.
    table = summary_cache.rendered(
        "regions-page",
        "plans/_dashboard_table.html",
        partial(_dashboard_context, scheme, chosen),
        scheme.pk,
        run.pk if run else "",
        chosen,
    )
    return render(
        request,
        "plans/dashboard.html",
        {
            "scheme": scheme,
            "table": table,
            "filter": request.GET.get("filter", ""),
            "filters": [
                ("", _("Alle regio's")),
                ("onvolledig", _("Nog niet compleet")),
                ("volledig", _("Compleet")),
                ("zonder-plan", _("Zonder plan")),
                ("overschreden", _("Boven reservering")),
            ],
        },
    )


def _dashboard_context(scheme, chosen: str) -> dict:
    statuses = _statuses(scheme, chosen)
    return {
        "statuses": statuses,
        "totals": {
            "reserved": sum(s.reserved_cents for s in statuses),
            "requested": sum(s.requested_cents for s in statuses),
            "committed": sum(s.committed_cents for s in statuses),
            "remaining": sum(s.remaining_cents for s in statuses),
        },
    }


def _dashboard_sheet(statuses) -> Sheet:
    euro = '"€" #,##0.00'
    columns = [
        Column("code", _("Code")),
        Column("name", _("Regio")),
        Column("plans", _("Plannen")),
        Column("reserved", _("Reservering"), euro),
        Column("requested", _("Gevraagd"), euro),
        Column("committed", _("Toegezegde cofinanciering"), euro),
        Column("remaining", _("Resterend"), euro),
        Column("complete", _("Compleet")),
        Column("uncovered", _("Bedrijven zonder plan")),
        Column("states", _("Status")),
    ]
    rows, xlsx_rows = [], []
    for s in statuses:
        row = {
            "code": s.region.code,
            "name": s.region.name,
            "plans": s.plans,
            "reserved": cents_to_string(s.reserved_cents),
            "requested": cents_to_string(s.requested_cents),
            "committed": cents_to_string(s.committed_cents),
            "remaining": cents_to_string(s.remaining_cents),
            "complete": "ja" if s.complete else "nee",
            "uncovered": "; ".join(c.name for c in s.uncovered),
            "states": s.state_summary,
        }
        rows.append(row)
        xlsx_rows.append(
            {
                **row,
                **{
                    k: cents_to_decimal(getattr(s, f"{k}_cents"))
                    for k in ("reserved", "requested", "committed", "remaining")
                },
            }
        )
    return Sheet(title=_("Regio's"), columns=columns, rows=rows, xlsx_rows=xlsx_rows)


@login_required
def dashboard_export(request, fmt):
    _require_office(request)
    scheme, chosen = _chosen(request)
    sheet = _dashboard_sheet(_statuses(scheme, chosen))
    return sheet_response(sheet, f"regios-{scheme.slug}", fmt)


class ExtensionForm(forms.Form):
    region = forms.ModelChoiceField(Region.objects.none(), label=gettext_lazy("Regio"))
    kind = forms.ChoiceField(choices=MilestoneKind.choices, label=gettext_lazy("Mijlpaal"))
    last_day = forms.DateField(
        label=gettext_lazy("Nieuwe uiterste datum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=gettext_lazy("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(region_set=scheme.region_set_id)


@login_required
def extensions(request):
    _require_office(request)
    scheme = scheme_asked(request)
    form = ExtensionForm(request.POST or None, scheme=scheme)
    if request.method == "POST":
        if not policy.can_grant_extension(request.user):
            raise PermissionDenied(
                _("Alleen een beheerder van het programmabureau verleent uitstel.")
            )
        if form.is_valid():
            try:
                grant_extension(scheme=scheme, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Het uitstel is verleend en vastgelegd."))
                return redirect("plans:extensions")
    return render(
        request,
        "plans/extensions.html",
        {
            "form": form,
            "extensions": DeadlineExtension.objects.filter(scheme=scheme).select_related(
                "region", "granted_by"
            ),
            "can_grant": policy.can_grant_extension(request.user),
        },
    )


@login_required
def demo_clock(request):
    _require_office(request)
    if not clock.is_demo():
        raise PermissionDenied(_("De demodatum bestaat alleen in demomodus."))
    if request.method == "POST":
        try:
            date = datetime.date.fromisoformat(request.POST.get("today", ""))
        except ValueError:
            messages.error(request, _("Geef een datum als JJJJ-MM-DD."))
        else:
            clock.set_demo_date(date, actor=request.user)
            messages.success(request, _("De demodatum is verzet."))
    # Back to the page the form was on, but only on this site: checked as the log-in checks it.
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("plans:dashboard")
    return redirect(target)
