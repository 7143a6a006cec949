from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sectorplan.allocation.engine import AllocationError
from sectorplan.allocation.services import AllocationInputError, create_allocation_run
from sectorplan.registry.models import Scheme
from sectorplan.registry.units import UnitsImportError, import_standard_units


class Command(BaseCommand):
    help = (
        "Vervangt de SE-cijfers door echte cijfers uit een CSV (kolommen code of gemeente, en se; "
        "komma of puntkomma) en maakt een nieuwe verdeling."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source", required=True, help="Bron van de cijfers (komt in de gegevens)."
        )
        parser.add_argument(
            "--scheme",
            default="sw2015",
            help="Regeling waarvan de verdeling opnieuw wordt berekend.",
        )

    def handle(self, *args, file, source, scheme, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}.", returncode=2) from error
        try:
            scheme_obj = Scheme.objects.get(slug=scheme)
        except Scheme.DoesNotExist as error:
            raise CommandError(f"Regeling '{scheme}' is niet geladen.", returncode=2) from error
        try:
            with transaction.atomic():
                result = import_standard_units(
                    data, source=source, region_set_id=scheme_obj.region_set_id
                )
                run = create_allocation_run(
                    scheme_obj, reason=f"Nieuwe SE-cijfers ingelezen uit {file.name}: {source}"
                )
        # AllocationInputError, AllocationError: figures nobody can divide by (all zero); the
        # atomic block has undone the import.
        except (UnitsImportError, AllocationInputError, AllocationError) as error:
            raise CommandError(
                f"{file.name}: {error} Er is niets gewijzigd.", returncode=2
            ) from error
        per = "regio" if result.keyed_by == "region" else "gemeente"
        self.stdout.write(
            f"{result.count} SE-cijfers per {per} ingelezen (totaal {result.total}); "
            f"verdeling {run.number} aangemaakt."
        )
