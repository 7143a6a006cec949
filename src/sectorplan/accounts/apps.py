from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sectorplan.accounts"
    verbose_name = _("Accounts en organisaties")

    def ready(self):
        from . import signals  # noqa: F401  (audits membership changes made in the admin)
