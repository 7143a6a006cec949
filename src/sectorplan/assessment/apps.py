from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "sectorplan.assessment"
    verbose_name = _("Beoordeling en besluit")

    def ready(self):
        from sectorplan.registry.signals import scheme_loaded

        from . import loading, notifications, signals, transitions  # noqa: F401  (registers)

        scheme_loaded.connect(loading.load_review_questions, dispatch_uid="review_questions")
