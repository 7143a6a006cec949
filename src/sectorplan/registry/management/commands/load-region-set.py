from django.core.management.base import BaseCommand, CommandError

from sectorplan.registry.loading import SchemeDataError
from sectorplan.registry.region_sets import load_region_set, shipped_region_sets


class Command(BaseCommand):
    help = (
        "Laadt een (latere) indeling in arbeidsmarktregio's met haar bron, zodat een regeling "
        "erover verdeeld kan worden (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name",
            help="een meegeleverde indeling ("
            + ", ".join(shipped_region_sets())
            + ") of een map met region_set.json en regions.csv",
        )

    def handle(self, *args, name, **options):
        try:
            loaded = load_region_set(name)
        except SchemeDataError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"Regio-indeling '{loaded.region_set.slug}' geladen: {loaded.regions} regio's, "
            f"{loaded.municipalities} gemeenten; {loaded.companies_linked} SW-bedrijven "
            "bedienen dezelfde gemeenten als eerder."
        )
        if loaded.unserved:
            self.stdout.write(
                f"{len(loaded.unserved)} gemeente(n) zonder bekend SW-bedrijf: "
                + ", ".join(loaded.unserved)
            )
