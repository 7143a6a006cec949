from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sectorplan.registry.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Schrijft een back-up van de hele database en alle geüploade bestanden naar één "
        "zip-bestand (SQLite en PostgreSQL; terugzetten met `sectorplan restore`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="bijv. sectorplan-2015-11-28.zip")

    def handle(self, *args, file, **options):
        try:
            manifest = make_backup(Path(file))
        except (BackupError, OSError) as error:
            raise CommandError(str(error), returncode=2) from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["entries"]) - 1
        self.stdout.write(f"Back-up geschreven naar {file}: {rows} rijen, {files} bestanden.")
        for name in manifest["missing_files"]:
            self.stderr.write(
                f"Let op: bestand {name} ontbreekt in de opslag en zit niet in de back-up."
            )
