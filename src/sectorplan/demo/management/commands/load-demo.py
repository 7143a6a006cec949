from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sectorplan.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from sectorplan.demo.plans import load_demo_plans
from sectorplan.demo.reviews import load_demo_reviews
from sectorplan.registry.models import Scheme

SHOWN = ("cedris", "szw", "bzk", "vng", "gemeente-leiden", "bedrijf-dzb-leiden")


class Command(BaseCommand):
    help = "Voegt demo-accounts voor elke rol toe aan een geladen regeling (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijv. sw2015")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook toestaan als DEBUG uit staat (demo-accounts hebben een bekend wachtwoord).",
        )

    def handle(self, *args, slug, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo-accounts hebben een bekend wachtwoord; met DEBUG uit alleen met "
                "--allow-production.",
                returncode=2,
            )
        if not Scheme.objects.filter(slug=slug).exists():
            raise CommandError(
                f"Regeling '{slug}' is niet geladen; voer eerst "
                f"`sectorplan load-scheme {slug}` uit.",
                returncode=2,
            )
        accounts = load_demo_accounts()
        scheme = Scheme.objects.get(slug=slug)
        plans = load_demo_plans(scheme)
        load_demo_reviews(scheme)
        self.stdout.write(
            f"{len(accounts)} demo-accounts klaar. Wachtwoord voor allemaal: {DEMO_PASSWORD}"
        )
        width = max(len(u) for u in SHOWN)
        for username, organisation in accounts:
            if username in SHOWN:
                self.stdout.write(f"  {username.ljust(width)}  {organisation}")
        self.stdout.write(
            "  ... en gemeente-<centrumgemeente> en bedrijf-<SW-bedrijf> voor elke regio "
            "(zie /admin/ onder Gebruikers)."
        )
        self.stdout.write(
            f"{plans} demoplannen aangemaakt (regio's die al demoplannen hebben, overgeslagen)."
        )
