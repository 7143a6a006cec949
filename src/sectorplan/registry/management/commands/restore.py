from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sectorplan.registry.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van `sectorplan backup` terug in een lege, gemigreerde database "
        "(alles in één transactie; controlegetallen eerst gecontroleerd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="het zip-bestand van `sectorplan backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook als de database niet leeg is: alles wat erin staat wordt vervangen.",
        )

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore_backup(Path(file), force=force)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Back-up van {manifest['created_at']} teruggezet: {rows} rijen, "
            f"{len(manifest['entries']) - 1} bestanden."
        )
