from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sectorplan.demo.generate import generate_plans
from sectorplan.registry.models import Scheme


class Command(BaseCommand):
    help = (
        "Voegt gegenereerde demoplannen toe voor schaaltests: --times per regio "
        "(35 regio's x 100 = 3.500 plannen). Verzonnen gegevens, gemarkeerd als demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijv. sw2015")
        parser.add_argument("--times", type=int, default=100, help="plannen per regio")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook toestaan als DEBUG uit staat (verzonnen plannen in een echte database).",
        )

    def handle(self, *args, slug, times, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Gegenereerde plannen zijn verzonnen; met DEBUG uit alleen met --allow-production.",
                returncode=2,
            )
        scheme = Scheme.objects.filter(slug=slug).first()
        if scheme is None:
            raise CommandError(
                f"Regeling '{slug}' is niet geladen; voer eerst "
                f"`sectorplan load-scheme {slug}` uit.",
                returncode=2,
            )
        if times < 1:
            raise CommandError("--times moet 1 of meer zijn.", returncode=2)
        try:
            made = generate_plans(scheme, times)
        except ValueError:
            raise CommandError(
                f"Demo-accounts ontbreken; voer eerst `sectorplan load-demo {slug}` uit.",
                returncode=2,
            ) from None
        # Thousands of rows at once: give the query planner their statistics now, rather than
        # whenever autovacuum gets to them (until then it plans as if the tables were empty).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"{made} gegenereerde demoplannen aangemaakt.")
