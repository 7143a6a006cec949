"""`sectorplan overview sw2015 [--format text|json] [--plans approved|submitted]`: the activity
map on the command line.

`--format json` prints exactly the JSON of GET /api/v1/schemes/<slug>/overview/ (both come from
monitoring.selectors.overview_json); `text` prints the generated summary and the counts.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from sectorplan.monitoring.selectors import APPROVED, SELECTIONS, activity_overview, overview_json
from sectorplan.monitoring.summary import introduction, summary
from sectorplan.registry.models import Scheme


class Command(BaseCommand):
    help = "Activiteitenkaart: per activiteitstype in hoeveel regio's het voorkomt."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="de regeling, bijv. sw2015")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--plans",
            choices=sorted(SELECTIONS),
            default=APPROVED,
            help="approved (standaard; goedgekeurd en later) of submitted (alle bij Cedris "
            "ingediende plannen behalve afgewezen)",
        )

    def handle(self, *args, slug, plans, **options):
        scheme = Scheme.objects.filter(slug=slug).first()
        if scheme is None:
            raise CommandError(f"Onbekende regeling '{slug}'.")
        overview = activity_overview(scheme, plans)
        if options["format"] == "json":
            self.stdout.write(json.dumps(overview_json(overview), ensure_ascii=False, indent=2))
            return
        self.stdout.write(introduction(overview))
        for theme in summary(overview):
            self.stdout.write(f"\n{theme.number}. {theme.name}")
            for sentence in theme.sentences:
                self.stdout.write(f"  {sentence}")
        self.stdout.write("")
        total = overview.counts.regions_counted
        for item in overview.counts.types:
            percent = "-" if item.percent is None else f"{item.percent}%"
            self.stdout.write(
                f"{item.type.key:>5} {item.type.code:<24} {item.count:>3} van {total:<3} "
                f"{percent:>5}  {' '.join(item.regions)}"
            )
