from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sectorplan.allocation.services import ensure_initial_run
from sectorplan.plans.exchange.definition import check_definition
from sectorplan.registry.loading import SchemeDataError, load_scheme, read_definition_file


class Command(BaseCommand):
    help = (
        "Laadt een regeling met regio's, gemeenten, SW-bedrijven, thema's en tijdlijn (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijv. sw2015")

    def handle(self, *args, slug, **options):
        try:
            # The shipped definition keeps the rules a file for create-scheme keeps.
            problems = check_definition(read_definition_file(slug))
            if problems:
                raise SchemeDataError("\n".join([f"{slug}/scheme.json:", *problems.messages()]))
            with transaction.atomic():
                scheme = load_scheme(slug)
                run = ensure_initial_run(scheme)
        except SchemeDataError as error:
            raise CommandError(str(error), returncode=2) from error
        regions = scheme.allocation_runs.first().reservations.count()
        self.stdout.write(
            f"Regeling '{scheme.slug}' geladen: {regions} regio's"
            + (f", verdeling {run.number} aangemaakt." if run else ", verdeling ongewijzigd.")
        )
