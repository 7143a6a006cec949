import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.importer import import_scheme


class Command(BaseCommand):
    help = (
        "Leest een JSON-uitwisselbestand van een regeling (docs/formats/scheme-exchange-v1.md) "
        "in een lege database. Een onjuist bestand wordt in zijn geheel geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het uitwisselbestand; - leest de invoer.")

    def handle(self, *args, file, **options):
        try:
            raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}.", returncode=2) from error
        try:
            result = import_scheme(raw)
        except ExchangeError as error:
            raise CommandError(
                f"{file.name} is niet ingelezen; er is niets gewijzigd.\n"
                + "\n".join(error.messages),
                returncode=2,
            ) from error
        counts = result.counts
        self.stdout.write(
            f"Regeling '{result.scheme.slug}' ingelezen: {counts['regions']} regio's, "
            f"{counts['municipalities']} gemeenten, {counts['sw_companies']} SW-bedrijven, "
            f"{counts['allocation_runs']} verdelingen, {counts['plans']} plannen."
        )
        if result.created_users:
            self.stderr.write(
                f"{len(result.created_users)} gebruikers bestonden niet en zijn aangemaakt als "
                "inactief account zonder wachtwoord: " + ", ".join(result.created_users)
            )
        if result.skipped_attachments:
            self.stderr.write(
                f"{len(result.skipped_attachments)} bijlagen niet ingelezen (het uitwisselbestand "
                "bevat alleen hun gegevens, niet de bestanden); voeg ze opnieuw toe:"
            )
            for line in result.skipped_attachments:
                self.stderr.write(f"  {line}")
