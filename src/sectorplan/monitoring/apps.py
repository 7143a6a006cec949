from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "sectorplan.monitoring"
    verbose_name = _("Monitoring en rapportage")

    def ready(self):
        from sectorplan.plans import summary_cache

        from .models import ProgressReport

        # The list of reports and the start page's report tasks are kept until one changes.
        summary_cache.watch(ProgressReport)
