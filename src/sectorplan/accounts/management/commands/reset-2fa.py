from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from sectorplan.accounts.models import User


class Command(BaseCommand):
    help = (
        "Zet de tweestapsverificatie van een gebruiker terug (telefoon kwijt): de app werkt niet "
        "meer en bij de volgende log-in stelt de gebruiker een nieuwe in als dat verplicht is."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Geen gebruiker {username!r}.", returncode=2)
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        apps = "app" if removed == 1 else "apps"
        self.stdout.write(f"{username}: {removed} {apps} voor tweestapsverificatie verwijderd.")
