from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "sectorplan.payments"
    verbose_name = _("Betalingen via het gemeentefonds")

    def ready(self):
        from sectorplan.plans import workflow

        from . import services

        workflow.add_guards("pay", services.require_paid_in_batch)
