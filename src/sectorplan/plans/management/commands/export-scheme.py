import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sectorplan.plans.exchange.export import dumps, export_scheme
from sectorplan.registry.models import Scheme


class Command(BaseCommand):
    help = (
        "Schrijft een regeling met regio's, gemeenten, SW-bedrijven, verdelingen, uitstel en "
        "plannen als JSON-uitwisselbestand (docs/formats/scheme-exchange-v1.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="bijv. sw2015")
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Het bestand om te schrijven; zonder deze optie (of met -) naar de uitvoer.",
        )

    def handle(self, *args, slug, output, **options):
        try:
            scheme = Scheme.objects.get(slug=slug)
        except Scheme.DoesNotExist as error:
            raise CommandError(f"Regeling '{slug}' bestaat niet.", returncode=2) from error
        data = export_scheme(scheme)
        text = dumps(data)
        if output is None or str(output) == "-":
            self.stdout.write(text, ending="")
            return
        _write_atomically(output, text.encode("utf-8"))
        self.stdout.write(
            f"Regeling '{slug}' geschreven naar {output}: {len(data['regions'])} regio's, "
            f"{len(data['municipalities'])} gemeenten, {len(data['sw_companies'])} SW-bedrijven, "
            f"{len(data['plans'])} plannen."
        )


def _write_atomically(path: Path, content: bytes) -> None:
    """Never leaves a half-written file behind: write beside it, then rename over it."""
    directory = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as error:
        raise CommandError(f"Kan {path} niet schrijven: {error.strerror}.", returncode=2) from error
