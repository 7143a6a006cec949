from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "sectorplan.payments"
    verbose_name = _("Betalingen via het gemeentefonds")

    def ready(self):
        from sectorplan.plans import summary_cache, workflow

        from . import services
        from .models import PaymentBatch, PaymentItem

        workflow.add_guards("pay", services.require_paid_in_batch)
        # The start page's tasks name the batch in which BZK marks a plan paid.
        summary_cache.watch(PaymentBatch, PaymentItem)
