from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "sectorplan.meetings"
    verbose_name = _("Bijeenkomsten en netwerk")
