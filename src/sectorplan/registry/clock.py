"""The one clock all date logic asks: windows, deadlines, reminders, lateness.

In production it is the real date. In demo mode (SECTORPLAN_DEMO_MODE=1) it is the demo date
stored in the database, so the 2015 timeline can be walked through and every page shows it.
"""

import datetime

from django.conf import settings
from django.utils import timezone

DEFAULT_DEMO_DATE = datetime.date(2015, 8, 20)


def is_demo() -> bool:
    return bool(getattr(settings, "DEMO_MODE", False))


def today() -> datetime.date:
    if is_demo():
        from .models import DemoClock

        clock = DemoClock.objects.first()
        return clock.today if clock else DEFAULT_DEMO_DATE
    return timezone.localdate()


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
