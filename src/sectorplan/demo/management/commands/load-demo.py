from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sectorplan.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from sectorplan.demo.plans import load_demo_plans
from sectorplan.demo.reviews import load_demo_reviews
from sectorplan.demo.story import STORY_DATE, tell_story
from sectorplan.registry.models import Scheme

# The accounts the README walks through come first; then every other one.
FIRST = ("cedris", "cedris-medewerker", "szw", "bzk", "vng", "sociale-partners",
         "gemeente-leiden", "bedrijf-dzb-leiden")


class Command(BaseCommand):
    help = (
        "Voegt demo-accounts voor elke rol en het demoverhaal van 2015 toe aan een geladen "
        "regeling (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijv. sw2015")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Ook toestaan als DEBUG uit staat (demo-accounts hebben een bekend wachtwoord).",
        )
        parser.add_argument(
            "--application-period-only",
            action="store_true",
            help="Alleen de plannen van de aanvraagperiode (20 augustus 2015), zonder het verhaal "
            "tot februari 2016.",
        )

    def handle(self, *args, slug, allow_production, application_period_only=False, **options):
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
        told = False if application_period_only else tell_story(scheme)
        self.stdout.write(
            f"{len(accounts)} demo-accounts klaar. Wachtwoord voor allemaal: {DEMO_PASSWORD}"
        )
        width = max(len(u) for u, _ in accounts)
        order = {name: n for n, name in enumerate(FIRST)}
        for username, organisation in sorted(
            accounts, key=lambda a: (order.get(a[0], len(FIRST)), a[0])
        ):
            self.stdout.write(f"  {username.ljust(width)}  {organisation}")
        self.stdout.write(
            f"{plans} demoplannen aangemaakt (regio's die al demoplannen hebben, overgeslagen)."
        )
        if told:
            self.stdout.write(
                "Het demoverhaal van 2015 is verteld: beoordeeld, goedgekeurd, betaald, eerste "
                f"tussenrapportages en de landelijke rapportage; demodatum {STORY_DATE:%d-%m-%Y}."
            )
