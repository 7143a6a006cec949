import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sectorplan.allocation.services import ensure_initial_run
from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.definition import read_definition
from sectorplan.registry.loading import SchemeDataError, create_scheme


class Command(BaseCommand):
    help = (
        "Maakt een regeling aan uit haar definitie (docs/formats/scheme-definition-v1.md), of "
        "wijzigt haar zolang geen plan is ingediend. Een onjuist bestand wordt in zijn geheel "
        "geweigerd, met elk probleem en zijn plaats in het bestand."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het definitiebestand; - leest de invoer.")
        parser.add_argument(
            "--check", action="store_true", help="Alleen controleren; er wordt niets gewijzigd."
        )

    def handle(self, *args, file, check, **options):
        try:
            raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}.", returncode=2) from error
        refused = f"{file.name} is niet ingelezen; er is niets gewijzigd."
        try:
            definition = read_definition(raw)
        except ExchangeError as error:
            raise CommandError("\n".join([refused, *error.messages]), returncode=2) from error
        if check:
            self.stdout.write(f"{file.name}: de definitie van '{definition['slug']}' is in orde.")
            return
        try:
            with transaction.atomic():
                scheme, created = create_scheme(definition)
                run = ensure_initial_run(scheme)
        except SchemeDataError as error:
            raise CommandError(f"{refused}\n{error}", returncode=2) from error
        themes = definition["themes"]
        self.stdout.write(
            f"Regeling '{scheme.slug}' {'aangemaakt' if created else 'bijgewerkt'}: "
            f"{len(themes)} thema's, {sum(len(t['activity_types']) for t in themes)} "
            f"activiteitstypen, {len(definition['milestones'])} mijlpalen, "
            f"{len(definition['review_questions'])} toetsvragen"
            + (f"; verdeling {run.number} gemaakt." if run else "; verdeling ongewijzigd.")
        )
