"""Progress reports for tests: a submitted report with one status per activity of its plan."""

import datetime

import factory
from django.utils import timezone

from sectorplan.accounts.models import User
from sectorplan.meetings.models import GoodPractice
from sectorplan.monitoring.models import ActivityProgress, ProgressReport, ReportState
from sectorplan.registry.models import Scheme


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport
        skip_postgeneration_save = True

    kind = "interim_report_1"
    state = ReportState.SUBMITTED
    submitted_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2016, 1, 20, 12))
    )

    @factory.post_generation
    def statuses(report, create, extracted, **kwargs):
        """statuses=["done", "running"]: one per activity of the plan, in pk order."""
        if not extracted:
            return
        activities = list(report.plan.activities.order_by("pk"))
        for activity, status in zip(activities, extracted, strict=True):
            ActivityProgress.objects.create(report=report, activity=activity, status=status)


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    scheme = factory.LazyFunction(lambda: Scheme.objects.get(slug="sw2015"))
    title = factory.Sequence(lambda n: f"Goed voorbeeld {n}")
    description = "Werkgevers en SW-bedrijf aan één tafel."
    created_by = factory.LazyFunction(lambda: User.objects.get(username="cedris"))

    @factory.post_generation
    def activity_types(practice, create, extracted, **kwargs):
        if extracted:
            practice.activity_types.set(extracted)
