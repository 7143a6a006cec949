"""Rule 6: each step only inside its window of the scheme's timeline, unless extended."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import clock
from .models import DeadlineExtension, Milestone, Region, Scheme


@dataclass(frozen=True)
class Window:
    opens: datetime.date | None
    closes: datetime.date
    extended: bool


class OutsideWindow(Exception):
    """`opens` is set when the window has not opened yet, so a page can say when it will;
    `closed` when it has closed, so a page can say how to ask Cedris for an extension."""

    def __init__(
        self,
        message: str,
        opens: datetime.date | None = None,
        closed: datetime.date | None = None,
    ):
        super().__init__(message)
        self.opens = opens
        self.closed = closed


def window(scheme: Scheme, region: Region, kind: str, *, opens_with: str | None = None) -> Window:
    """The window of milestone `kind`: it opens at `opens_with`'s start (or its own start if it
    is a period) and closes on its last day, or on the region's extension if one was granted."""
    milestones = {m.kind: m for m in Milestone.objects.filter(scheme=scheme)}
    milestone = milestones[kind]
    if opens_with:
        opens = milestones[opens_with].starts_on
    else:
        opens = milestone.starts_on if milestone.ends_on else None
    extension = (
        DeadlineExtension.objects.filter(scheme=scheme, region=region, kind=kind)
        .order_by("-granted_at")
        .first()
    )
    if extension:
        return Window(opens, extension.last_day, True)
    return Window(opens, milestone.last_day, False)


def check_inside(scheme: Scheme, region: Region, kind: str, action: str, **kwargs) -> None:
    w = window(scheme, region, kind, **kwargs)
    today = clock.today()
    if w.opens and today < w.opens:
        raise OutsideWindow(
            _("%(action)s kan pas vanaf %(opens)s; het is nu %(today)s.")
            % {
                "action": action,
                "opens": date_format(w.opens, "j F Y"),
                "today": date_format(today, "j F Y"),
            },
            opens=w.opens,
        )
    if today > w.closes:
        if w.extended:
            message = _(
                "%(action)s kon tot en met %(closes)s (na uitstel); het is nu %(today)s. "
                "Vraag Cedris om uitstel voor uw regio."
            )
        else:
            message = _(
                "%(action)s kon tot en met %(closes)s; het is nu %(today)s. "
                "Vraag Cedris om uitstel voor uw regio."
            )
        raise OutsideWindow(
            message
            % {
                "action": action,
                "closes": date_format(w.closes, "j F Y"),
                "today": date_format(today, "j F Y"),
            },
            closed=w.closes,
        )
