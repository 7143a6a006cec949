from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from sectorplan.allocation.exports import budget_sheet
from sectorplan.allocation.selectors import SORT_KEYS, budget
from sectorplan.exports import csv_response, xlsx_response
from sectorplan.registry.models import Scheme


def home(request):
    return render(request, "web/home.html", {"schemes": Scheme.objects.all()})


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
    columns = [
        ("code", _("Code")),
        ("name", _("Arbeidsmarktregio")),
        (None, _("Centrumgemeente")),
        ("units", _("SE")),
        (None, _("Aandeel")),
        ("reserved", _("Gereserveerde rijksbijdrage")),
        (None, _("Vereiste cofinanciering")),
        (None, _("Totaal")),
    ]
    return render(
        request,
        "web/budget.html",
        {
            "budget": result,
            "scheme": result.scheme,
            "columns": columns,
            "sort": sort,
            "descending": descending,
        },
    )


def budget_csv(request, slug):
    result, _, _ = _budget_or_404(request, slug)
    return csv_response(budget_sheet(result), f"budget-per-regio-{slug}.csv")


def budget_xlsx(request, slug):
    result, _, _ = _budget_or_404(request, slug)
    return xlsx_response(budget_sheet(result), f"budget-per-regio-{slug}.xlsx")
