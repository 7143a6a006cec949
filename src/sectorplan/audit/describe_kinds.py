"""The sentence of every event kind the code records (see describe.py). The msgids are Dutch; the
values are formatted in the active language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .describe import (
    PART_NAMES,
    _model,
    _quote,
    _sentence,
    changes,
    day,
    describes,
    euro,
    number,
    value,
)


def _after(event) -> dict:
    return event.after if isinstance(event.after, dict) else {}


def _before(event) -> dict:
    return event.before if isinstance(event.before, dict) else {}


def _count(raw) -> int:
    """A count stored as a number or as the list of what was counted."""
    return len(raw) if isinstance(raw, list | dict) else int(raw or 0)


def _obj(event) -> str:
    return _quote(event.object_label or "")


# Plans and their parts ------------------------------------------------------------------------


@describes("plan.created")
def _plan_created(event):
    return _("Plan %(object)s aangemaakt.") % {
        "object": _quote(_after(event).get("title") or event.object_label)
    }


@describes("plan.changed")
def _plan_changed(event):
    return _sentence(_("Plan gewijzigd"), changes(event, _model(event)))


def _part(event) -> tuple[str, str]:
    """('Financieringstoezegging', '‘Gemeente Leiden’'): what kind of part, and its name."""
    model = _model(event)
    kind = str(model._meta.verbose_name) if model else event.object_type
    key = PART_NAMES.get(event.action.partition(".")[0], "")
    raw = _after(event).get(key) or _before(event).get(key)
    name = value(model, key, raw) if raw else _quote(event.object_label)
    return kind[:1].upper() + kind[1:], name


def _part_created(event):
    kind, name = _part(event)
    return _sentence(
        _("%(kind)s %(name)s toegevoegd") % {"kind": kind, "name": name},
        changes(event, _model(event)),
    )


def _part_changed(event):
    kind, name = _part(event)
    return _sentence(
        _("%(kind)s %(name)s gewijzigd") % {"kind": kind, "name": name},
        changes(event, _model(event)),
    )


def _part_deleted(event):
    kind, name = _part(event)
    return _("%(kind)s %(name)s verwijderd.") % {"kind": kind, "name": name}


@describes("commitment.committed")
def _committed(event):
    kind, name = _part(event)
    return _("%(kind)s %(name)s toegezegd door de centrumgemeente.") % {"kind": kind, "name": name}


def _transition(event):
    from sectorplan.plans.workflow import TRANSITIONS

    step = TRANSITIONS[event.action.partition(".")[2]]
    return _("Stap ‘%(step)s’: het plan ging van ‘%(old)s’ naar ‘%(new)s’.") % {
        "step": step.label,
        "old": value(None, "state", _before(event).get("state"), quote=False),
        "new": value(None, "state", _after(event).get("state"), quote=False),
    }


@describes("attachment.created")
def _attachment_created(event):
    after = _after(event)
    size = number(round(int(after.get("size") or 0) / 1024, 0))
    return _("Bijlage %(name)s toegevoegd (%(size)s kB).") % {
        "name": _quote(after.get("name") or event.object_label),
        "size": size,
    }


@describes("attachment.deleted")
def _attachment_deleted(event):
    return _("Bijlage %(name)s verwijderd.") % {
        "name": _quote(_before(event).get("name") or event.object_label)
    }


# Assessment -----------------------------------------------------------------------------------


@describes("plan.version_frozen")
def _version_frozen(event):
    after = _after(event)
    text = _("Versie %(version)s van het plan vastgelegd voor de beoordeling") % {
        "version": after["version"]
    }
    carried = after.get("answers_carried")
    if carried:
        text += ngettext(
            "; %(count)s antwoord overgenomen van de vorige versie",
            "; %(count)s antwoorden overgenomen van de vorige versie",
            carried,
        ) % {"count": carried}
    return text + "."


@describes("plan.changes_requested")
def _changes_requested(event):
    after = _after(event)
    points = "; ".join(str(p) for p in after.get("points") or [])
    return _sentence(
        _("Aanpassing gevraagd op versie %(version)s") % {"version": after.get("version")}, points
    )


@describes("plan.decided")
def _decided(event):
    after = _after(event)
    if after.get("approved"):
        text = _("Besluit vastgelegd: toegekend %(amount)s (kenmerk %(reference)s).")
    else:
        text = _("Besluit vastgelegd: afgewezen (kenmerk %(reference)s).")
    return text % {
        "amount": euro(after.get("granted_cents") or 0),
        "reference": after.get("reference", ""),
    }


@describes("plan.review_answered")
def _review_answered(event):
    from sectorplan.assessment.models import Verdict

    after = _after(event)
    verdict = dict(Verdict.choices).get(after.get("verdict"), after.get("verdict"))
    text = _("Toetsvraag %(question)s beantwoord met ‘%(verdict)s’") % {
        "question": _obj(event),
        "verdict": verdict or _("(leeg)"),
    }
    return _sentence(text, _quote(after["comment"]) if after.get("comment") else "")


@describes("plan.advice_given")
def _advice_given(event):
    from sectorplan.assessment.models import Recommendation

    after = _after(event)
    text = _("Advies gegeven op versie %(version)s: %(recommendation)s") % {
        "version": after.get("version"),
        "recommendation": dict(Recommendation.choices).get(after.get("recommendation"), ""),
    }
    return _sentence(text, _quote(after["comments"]) if after.get("comments") else "")


@describes("national_plan.saved")
def _national_saved(event):
    count = _count(_after(event).get("plans"))
    return ngettext(
        "Landelijk plan %(object)s opgeslagen met %(count)s plan.",
        "Landelijk plan %(object)s opgeslagen met %(count)s plannen.",
        count,
    ) % {"object": _obj(event), "count": count}


@describes("national_plan.submitted")
def _national_submitted(event):
    count = _count(_after(event).get("plans"))
    return ngettext(
        "Landelijk plan %(object)s met %(count)s plan naar SZW gestuurd.",
        "Landelijk plan %(object)s met %(count)s plannen naar SZW gestuurd.",
        count,
    ) % {"object": _obj(event), "count": count}


@describes("plan.sent_to_szw")
def _sent_to_szw(event):
    return _("Plan als deel van het landelijk plan %(object)s naar SZW gestuurd.") % {
        "object": _obj(event)
    }


# Money ----------------------------------------------------------------------------------------


@describes("allocation.run_created")
def _run_created(event):
    amounts = _after(event)
    return _("Verdeling %(object)s gemaakt: %(count)s regio's, samen %(total)s.") % {
        "object": _obj(event),
        "count": len(amounts),
        "total": euro(sum(int(v) for v in amounts.values())),
    }


@describes("payments.batch_prepared")
def _batch_prepared(event):
    after = _after(event)
    return _("Betaalbatch %(object)s voorbereid: %(count)s plannen, samen %(total)s.") % {
        "object": _obj(event),
        "count": _count(after.get("plans")),
        "total": euro(after.get("total_cents") or 0),
    }


@describes("payments.batch_cancelled")
def _batch_cancelled(event):
    return _("Betaalbatch %(object)s geannuleerd (samen %(total)s).") % {
        "object": _obj(event),
        "total": euro(_before(event).get("total_cents") or 0),
    }


@describes("payments.batch_paid")
def _batch_paid(event):
    return _("Betaalbatch %(object)s als betaald gemarkeerd: %(total)s.") % {
        "object": _obj(event),
        "total": euro(_after(event).get("total_cents") or 0),
    }


# Monitoring -----------------------------------------------------------------------------------


@describes("progress_report.created")
def _report_created(event):
    return _("Voortgangsrapportage %(object)s begonnen.") % {"object": _obj(event)}


@describes("progress_report.saved")
def _report_saved(event):
    from sectorplan.monitoring.models import ProgressReport

    return _sentence(
        _("Voortgangsrapportage %(object)s opgeslagen") % {"object": _obj(event)},
        changes(event, ProgressReport),
    )


@describes("progress_report.submitted")
def _report_submitted(event):
    on = _after(event).get("submitted_on")
    return _("Voortgangsrapportage %(object)s ingediend op %(date)s.") % {
        "object": _obj(event),
        "date": day(on) if on else day(event.occurred_at.date()),
    }


@describes("progress_report.reminder_sent")
def _reminder_sent(event):
    from sectorplan.registry.models import MilestoneKind

    after = _after(event)
    return _("Herinnering verstuurd aan %(to)s: %(kind)s, uiterlijk %(date)s.") % {
        "to": ", ".join(after.get("to") or [])
        if isinstance(after.get("to"), list)
        else after.get("to", ""),
        "kind": MilestoneKind(after["kind"]).label,
        "date": day(after["due_on"]),
    }


@describes("progress_report.practices_linked", "progress_report.practice_shared")
def _practices(event):
    count = len(_after(event).get("good_practices") or [])
    if event.action.endswith("shared"):
        text = _("Goed voorbeeld gedeeld vanuit voortgangsrapportage %(object)s")
    else:
        text = _("Goede voorbeelden bij voortgangsrapportage %(object)s bijgewerkt")
    return _sentence(
        text % {"object": _obj(event)},
        ngettext("%(count)s gekoppeld", "%(count)s gekoppeld", count) % {"count": count},
    )


@describes("national_report.generation_started")
def _report_started(event):
    return _("Maken van de landelijke rapportage gestart.")


@describes("national_report.texts_saved")
def _report_texts(event):
    from sectorplan.monitoring.national_report import SECTIONS

    before, after = _before(event), _after(event)
    names = {code: str(name) for code, name, *_rest in SECTIONS}
    changed = [names.get(k, k) for k in after if before.get(k, "") != after[k]]
    return _sentence(_("Teksten van de landelijke rapportage opgeslagen"), ", ".join(changed))
