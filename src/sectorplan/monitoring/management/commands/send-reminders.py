"""`sectorplan send-reminders [--days 14]`: run daily (cron). Mails the companies of every plan
whose progress report is due within the given number of days and not submitted; each plan and
evaluation moment gets one reminder, ever (recorded), so running it again sends nothing new."""

from django.core.management.base import BaseCommand, CommandError

from sectorplan.monitoring.report_services import send_reminders


class Command(BaseCommand):
    help = "Herinnert SW-bedrijven per e-mail aan voortgangsrapportages die binnenkort moeten."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help="Herinner als de uiterste datum binnen dit aantal dagen valt (standaard 14).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days moet 0 of meer zijn.")
        sent = send_reminders(days=days)
        for reminder in sent:
            self.stdout.write(
                f"{reminder.plan.region.code} {reminder.plan.title}: "
                f"{reminder.get_kind_display()} (uiterlijk {reminder.due_on:%d-%m-%Y}) "
                f"-> {reminder.recipients}"
            )
        n = len(sent)
        word = "herinnering" if n == 1 else "herinneringen"
        self.stdout.write(f"{n} {word} verstuurd.")
