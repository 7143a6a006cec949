import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.definition import define_scheme, read_definition
from sectorplan.plans.exchange.weights import with_weights
from sectorplan.registry.loading import SchemeDataError


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
        parser.add_argument(
            "--weights",
            type=Path,
            metavar="CSV",
            help="Bij verdeelsleutel region_weights: het gewicht per regio (kolommen code, "
            "gewicht); vervangt region_weights.weights in het bestand.",
        )

    def handle(self, *args, file, check, weights, **options):
        raw = sys.stdin.buffer.read() if str(file) == "-" else _read(file)
        refused = f"{file.name} is niet ingelezen; er is niets gewijzigd."
        try:
            if weights is not None:
                raw = with_weights(raw, _read(weights))
            if check:
                slug = read_definition(raw)["slug"]
                self.stdout.write(f"{file.name}: de definitie van '{slug}' is in orde.")
                return
            scheme, created, run = define_scheme(raw)
        except ExchangeError as error:
            raise CommandError("\n".join([refused, *error.messages]), returncode=2) from error
        except SchemeDataError as error:
            raise CommandError(f"{refused}\n{error}", returncode=2) from error
        themes = list(scheme.themes.all())
        types = sum(theme.activity_types.count() for theme in themes)
        self.stdout.write(
            f"Regeling '{scheme.slug}' {'aangemaakt' if created else 'bijgewerkt'}: "
            f"{len(themes)} thema's, {types} activiteitstypen, {scheme.milestones.count()} "
            f"mijlpalen, {scheme.review_questions.count()} toetsvragen"
            + (f"; verdeling {run.number} gemaakt." if run else "; verdeling ongewijzigd.")
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Kan {path} niet lezen: {error.strerror}.", returncode=2) from error
