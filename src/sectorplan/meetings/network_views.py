"""The contact-person network and the good practices: for everyone taking part in the
programme; the export and the writes for Cedris."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sectorplan.accounts import policy
from sectorplan.exports import Column, Sheet, csv_response, xlsx_response
from sectorplan.web.scheme_choice import scheme_asked

from . import selectors, services
from .forms import GoodPracticeForm
from .models import GoodPractice
from .views import _form_errors, practice_file_response


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _participant(request) -> None:
    _require(
        policy.can_view_directory(request.user),
        _("Het netwerk is voor de deelnemers aan het programma."),
    )


@login_required
def directory(request):
    _participant(request)
    region = request.GET.get("regio", "")
    return render(
        request,
        "meetings/directory.html",
        {
            "contacts": selectors.directory(region),
            "regions": selectors.directory_regions(),
            "region": region,
            "can_export": policy.can_export_directory(request.user),
        },
    )


def directory_sheet(contacts) -> Sheet:
    columns = [
        Column("region_code", _("Code")),
        Column("region", _("Regio")),
        Column("organisation", _("Organisatie")),
        Column("role", _("Rol")),
        Column("name", _("Naam")),
        Column("email", _("E-mail")),
        Column("phone", _("Telefoon")),
        Column("plans", _("Plannen")),
    ]
    rows = [
        {
            "region_code": c.region.code,
            "region": c.region.name,
            "organisation": c.organisation,
            "role": c.kind_label,
            "name": c.name,
            "email": c.email,
            "phone": c.phone,
            "plans": "; ".join(c.plans),
        }
        for c in contacts
    ]
    return Sheet(title=_("Contactpersonen"), columns=columns, rows=rows)


@login_required
def directory_export(request, fmt):
    _require(
        policy.can_export_directory(request.user),
        _("Alleen het programmabureau downloadt het netwerk."),
    )
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Kies CSV of XLSX."))
    sheet = directory_sheet(selectors.directory(request.GET.get("regio", "")))
    if fmt == "xlsx":
        return xlsx_response(sheet, "contactpersonen.xlsx")
    return csv_response(sheet, "contactpersonen.csv")


@login_required
def good_practice_list(request):
    _require(
        policy.can_view_good_practices(request.user),
        _("Goede voorbeelden zijn voor de deelnemers aan het programma."),
    )
    return render(
        request,
        "meetings/good_practices.html",
        {
            "practices": selectors.good_practices(),
            "can_manage": policy.can_manage_good_practices(request.user),
        },
    )


def _practice_form_page(request, practice: GoodPractice | None):
    _require(
        policy.can_manage_good_practices(request.user),
        _("Alleen Cedris beheert goede voorbeelden."),
    )
    scheme = practice.scheme if practice else scheme_asked(request)
    initial = {}
    if practice:
        initial = {
            "title": practice.title,
            "description": practice.description,
            "region": practice.region,
            "plan": practice.plan,
            "activity_types": list(practice.activity_types.all()),
        }
    form = GoodPracticeForm(
        request.POST or None, request.FILES or None, scheme=scheme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file") or None
        try:
            if practice:
                services.update_good_practice(practice, user=request.user, upload=upload, **data)
            else:
                services.create_good_practice(
                    user=request.user, scheme=scheme, upload=upload, **data
                )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Het goede voorbeeld is opgeslagen."))
            return redirect("meetings:good-practices")
    title = _("Goed voorbeeld wijzigen") if practice else _("Goed voorbeeld toevoegen")
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": title, "multipart": True, "practice": practice},
    )


@login_required
def good_practice_create(request):
    return _practice_form_page(request, None)


@login_required
def good_practice_edit(request, pk):
    return _practice_form_page(request, get_object_or_404(GoodPractice, pk=pk))


@login_required
def good_practice_file(request, pk):
    _require(
        policy.can_view_good_practices(request.user),
        _("Goede voorbeelden zijn voor de deelnemers aan het programma."),
    )
    return practice_file_response(get_object_or_404(GoodPractice, pk=pk))
