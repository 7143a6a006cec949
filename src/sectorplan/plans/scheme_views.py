"""The programme office's schemes page (issue 18): every scheme with its state, its definition to
download (to start the next round as a copy), and a form to check a definition file and create
or update a scheme from it. The same check and load as `sectorplan create-scheme`."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from sectorplan.accounts import policy
from sectorplan.registry.loading import SchemeDataError
from sectorplan.registry.models import Scheme

from .exchange import ExchangeError
from .exchange.definition import (
    MAX_FILE_BYTES,
    copy_scheme,
    define_scheme,
    definition_of,
    read_definition,
)
from .exchange.weights import with_weights
from .selectors import region_sets_with_counts, schemes_with_state


class DefinitionForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Definitiebestand (JSON)"),
        help_text=gettext_lazy("Zoals docs/formats/scheme-definition-v1.md beschrijft."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    weights = forms.FileField(
        label=gettext_lazy("Gewicht per regio (CSV, alleen bij die verdeelsleutel)"),
        help_text=gettext_lazy(
            "Kolommen code en gewicht, één regel per regio. Leeg laten als de definitie naar "
            "SE verdeelt of de gewichten zelf al bevat."
        ),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 1 MB; een definitie is maar enkele kilobytes.")
            )
        return upload.read()

    def clean_weights(self):
        upload = self.cleaned_data["weights"]
        if not upload:
            return None
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 1 MB; 35 regio's met een gewicht zijn 1 kB.")
            )
        return upload.read()

    def definition(self) -> bytes:
        """The definition file, with the weights of the CSV when one was given."""
        raw = self.cleaned_data["file"]
        weights = self.cleaned_data["weights"]
        return raw if weights is None else with_weights(raw, weights)


class CopyForm(forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("Kopie van"))
    slug = forms.SlugField(
        label=gettext_lazy("Korte naam van de nieuwe regeling"),
        max_length=Scheme._meta.get_field("slug").max_length,
        help_text=gettext_lazy("Letters, cijfers, - en _; in adressen, bijv. sw2016."),
    )
    name = forms.CharField(
        label=gettext_lazy("Naam van de nieuwe regeling"),
        max_length=Scheme._meta.get_field("name").max_length,
    )

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s.slug, s.label) for s in schemes]


def _require_office(request):
    if not policy.can_view_schemes(request.user):
        raise PermissionDenied(_("Deze pagina is voor het programmabureau."))


@login_required
def schemes(request):
    _require_office(request)
    may_define = policy.can_define_scheme(request.user)
    all_schemes = list(schemes_with_state())
    copying = request.method == "POST" and request.POST.get("action") == "copy"
    loading = request.method == "POST" and not copying
    form = DefinitionForm(request.POST if loading else None, request.FILES if loading else None)
    copy_form = CopyForm(request.POST if copying else None, schemes=all_schemes)
    checked = problems = None
    if request.method == "POST" and not may_define:
        raise PermissionDenied(
            _("Alleen een beheerder van het programmabureau maakt regelingen aan.")
        )
    if copying and copy_form.is_valid():
        try:
            scheme, run = copy_scheme(
                Scheme.objects.get(slug=copy_form.cleaned_data["source"]),
                slug=copy_form.cleaned_data["slug"],
                name=copy_form.cleaned_data["name"],
                actor=request.user,
            )
        except (SchemeDataError, ExchangeError) as error:
            copy_form.add_error("slug", str(error))
        else:
            messages.success(request, _done(scheme, True, run))
            return redirect(reverse("schemes:list") + "#")
    if loading:
        if form.is_valid():
            try:
                raw = form.definition()
                if request.POST.get("action") != "create":
                    checked = read_definition(raw)
                else:
                    scheme, created, run = define_scheme(raw, actor=request.user)
                    messages.success(request, _done(scheme, created, run))
                    # An empty fragment: the form was sent to #inlezen, and a browser keeps
                    # that through the redirect, below the message that says it worked.
                    return redirect(reverse("schemes:list") + "#")
            except ExchangeError as error:
                problems = error.messages
            except SchemeDataError as error:
                problems = [str(error)]
    return render(
        request,
        "plans/schemes.html",
        {
            "schemes": all_schemes,
            "region_sets": region_sets_with_counts(),
            "form": form,
            "copy_form": copy_form,
            "may_define": may_define,
            "checked": checked,
            "checked_types": sum(len(t["activity_types"]) for t in checked["themes"])
            if checked
            else 0,
            "problems": problems,
        },
    )


def _done(scheme, created: bool, run) -> str:
    if created:
        text = _("Regeling %(name)s is aangemaakt.") % {"name": scheme.name}
    else:
        text = _("Regeling %(name)s is bijgewerkt naar het bestand.") % {"name": scheme.name}
    if run:
        text += " " + _("Verdeling %(number)s over de regio's is gemaakt.") % {"number": run.number}
    return text


@require_safe
@login_required
def definition(request, slug):
    _require_office(request)
    scheme = get_object_or_404(Scheme, slug=slug)
    body = json.dumps(definition_of(scheme), ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="regeling-{scheme.slug}.json"'
    return response
