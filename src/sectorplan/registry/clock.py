"""The one clock all date logic asks: windows, deadlines, reminders, lateness.

In production it is the real date. In demo mode (SECTORPLAN_DEMO_MODE=1) it is the demo date
stored in the database, so the 2015 timeline can be walked through and every page shows it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from sectorplan import per_request

DEFAULT_DEMO_DATE = datetime.date(2015, 8, 20)


def is_demo() -> bool:
    return bool(getattr(settings, "DEMO_MODE", False))


def today() -> datetime.date:
    if is_demo():
        return per_request.remembered("demo_today", _demo_today)
    return timezone.localdate()


def _demo_today() -> datetime.date:
    from .models import DemoClock

    clock = DemoClock.objects.first()
    return clock.today if clock else DEFAULT_DEMO_DATE


def now() -> datetime.datetime:
    """The moment to record: the real one, or in demo mode the demo date at the real time of day,
    so "ingediend op" and "Verdeling 1 van" agree with the deadlines on the same page."""
    real = timezone.now()
    if not is_demo():
        return real
    time_of_day = timezone.localtime(real).time().replace(tzinfo=None)
    return timezone.make_aware(datetime.datetime.combine(today(), time_of_day))


class MomentField(models.DateTimeField):
    """A DateTimeField whose auto_now/auto_now_add ask the one clock instead of the wall clock.

    It deconstructs as a plain DateTimeField: the column is the same, so no migration.
    """

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs


def set_demo_date(date: datetime.date, *, actor=None) -> None:
    from sectorplan.audit.services import record

    from .models import DemoClock

    if not is_demo():
        raise PermissionError("De demodatum bestaat alleen in demomodus.")
    clock = DemoClock.objects.first() or DemoClock(today=date)
    before = str(clock.today) if clock.pk else None
    clock.today = date
    clock.save()
    record(action="clock.demo_date_set", obj=clock, actor=actor, before=before, after=str(date))
