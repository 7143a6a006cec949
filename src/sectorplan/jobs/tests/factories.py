import factory

from sectorplan.jobs.models import Job, JobKind, JobState


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = JobKind.UNITS_IMPORT
    state = JobState.QUEUED
    params = factory.LazyFunction(lambda: {"source": "Test", "scheme": "sw2015", "name": "se.csv"})
