from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "sectorplan.web"
    verbose_name = _("Website")

    def ready(self):
        from . import checks  # noqa: F401 (registers the SITE_URL check)
