from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "sectorplan.plans"
    verbose_name = _("Sectorplannen")

    def ready(self):
        from . import summary_cache

        summary_cache.connect()
