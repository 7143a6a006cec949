"""Reading SE figures from the web (the `import-units` command's work, for the programme office):
the CSV is stored with the job, a worker imports it all or nothing and makes the next division."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sectorplan.accounts import policy
from sectorplan.allocation.services import AllocationInputError, create_allocation_run
from sectorplan.registry.models import Scheme
from sectorplan.registry.units import UnitsImportError, import_standard_units

from . import services
from .models import JobKind

MAX_BYTES = 2 * 1024 * 1024


class UnitsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-bestand met SE-cijfers"),
        help_text=gettext_lazy(
            "Kolommen code (regiocode) of gemeente, en se; komma of puntkomma als scheidingsteken."
            " Elke regio of gemeente moet erin staan, anders verandert er niets."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Bron van de cijfers"),
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: CBS, SE per regio 2015."),
    )
    scheme = forms.ModelChoiceField(
        label=gettext_lazy("Regeling"),
        queryset=Scheme.objects.order_by("slug"),
        to_field_name="slug",
        empty_label=None,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB; dat is geen SE-lijst."))
        return upload


@login_required
def units_import(request):
    if not policy.can_import_units(request.user):
        raise PermissionDenied(_("Alleen Cedris leest SE-cijfers in."))
    form = UnitsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_job(
            JobKind.UNITS_IMPORT,
            user=request.user,
            params={
                "source": form.cleaned_data["source"].strip(),
                "scheme": form.cleaned_data["scheme"].slug,
                "name": form.cleaned_data["file"].name[:200],
            },
            upload=form.cleaned_data["file"],
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "jobs/units_import.html", {"form": form})


def run_units_import(job, progress) -> None:
    with job.upload.open("rb") as stored:
        data = stored.read()
    progress(20)
    scheme = Scheme.objects.filter(slug=job.params["scheme"]).first()
    if scheme is None:
        raise services.JobFailed(
            gettext_noop("De regeling is niet geladen; er is niets gewijzigd.")
        )
    try:
        with transaction.atomic():
            result = import_standard_units(
                data,
                source=job.params["source"],
                actor=job.started_by,
                region_set_id=scheme.region_set_id,
            )
            progress(60)
            run = create_allocation_run(
                scheme,
                reason=f"Nieuwe SE-cijfers ingelezen uit {job.params['name']}: "
                f"{job.params['source']}",
                actor=job.started_by,
            )
            services.complete(
                job,
                services.Outcome(
                    gettext_noop(
                        "%(count)s SE-cijfers per %(per)s ingelezen (totaal %(total)s); "
                        "verdeling %(run)s is gemaakt."
                    ),
                    {
                        "count": result.count,
                        "per": "regio" if result.keyed_by == "region" else "gemeente",
                        "total": str(result.total),
                        "run": run.number,
                    },
                    reverse("web:budget", args=[scheme.slug]),
                ),
            )
    except (UnitsImportError, AllocationInputError) as error:
        raise services.JobFailed(
            gettext_noop(
                "%(error)s Er is niets gewijzigd. Verbeter het bestand en lees het opnieuw in."
            ),
            {"error": str(error)},
        ) from error
