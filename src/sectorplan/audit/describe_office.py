"""The sentences of meetings, good practices, memberships and the office's own actions (see
describe.py; the plan, money and report events are in describe_kinds.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .describe import _sentence, changes, day, describes, label, number, value
from .describe_kinds import _after, _before, _obj

# Meetings and good practices ------------------------------------------------------------------


@describes("meeting.created")
def _meeting_created(event):
    return _("Bijeenkomst %(object)s aangemaakt.") % {"object": _obj(event)}


@describes("meeting.changed")
def _meeting_changed(event):
    from sectorplan.meetings.models import Meeting

    return _sentence(
        _("Bijeenkomst %(object)s gewijzigd") % {"object": _obj(event)}, changes(event, Meeting)
    )


@describes("meeting.invitees_proposed")
def _invitees_proposed(event):
    after = _after(event)
    count = len(after.get("added") or [])
    text = ngettext(
        "%(count)s genodigde voorgesteld uit de plannen",
        "%(count)s genodigden voorgesteld uit de plannen",
        count,
    ) % {"count": count}
    missing = after.get("without_email") or []
    return _sentence(
        text, _("zonder e-mailadres: %(names)s") % {"names": ", ".join(missing)} if missing else ""
    )


@describes("meeting.invitee_added")
def _invitee_added(event):
    after = _after(event)
    return _("%(name)s (%(email)s) op de genodigdenlijst gezet.") % {
        "name": after.get("name", ""),
        "email": after.get("email", ""),
    }


@describes("meeting.invitee_removed")
def _invitee_removed(event):
    before = _before(event)
    return _("%(name)s (%(email)s) van de genodigdenlijst gehaald.") % {
        "name": before.get("name", ""),
        "email": before.get("email", ""),
    }


@describes("meeting.invitations_sent")
def _invitations_sent(event):
    after = _after(event)
    count = len(after.get("recipients") or [])
    if after.get("again"):
        text = ngettext(
            "Uitnodiging opnieuw verstuurd aan %(count)s persoon.",
            "Uitnodiging opnieuw verstuurd aan %(count)s personen.",
            count,
        )
    else:
        text = ngettext(
            "Uitnodiging verstuurd aan %(count)s persoon.",
            "Uitnodiging verstuurd aan %(count)s personen.",
            count,
        )
    return text % {"count": count}


@describes("meeting.rsvp")
def _rsvp(event):
    from sectorplan.meetings.models import Response

    response = _after(event).get("response")
    return _("Antwoord op de uitnodiging: %(response)s.") % {
        "response": str(dict(Response.choices).get(response, response)).lower()
    }


@describes("meeting.attendance_recorded")
def _attendance(event):
    after = _after(event)
    present = sum(1 for v in after.values() if v)
    return _("Aanwezigheid vastgelegd: %(present)s aanwezig, %(absent)s afwezig.") % {
        "present": present,
        "absent": len(after) - present,
    }


@describes("good_practice.created", "good_practice.changed")
def _practice(event):
    from sectorplan.meetings.models import GoodPractice

    if event.action.endswith("created"):
        return _("Goed voorbeeld %(object)s toegevoegd.") % {"object": _obj(event)}
    return _sentence(
        _("Goed voorbeeld %(object)s gewijzigd") % {"object": _obj(event)},
        changes(event, GoodPractice),
    )


# Office and system ----------------------------------------------------------------------------


@describes("membership.created", "membership.changed", "membership.deleted")
def _membership(event):
    from sectorplan.accounts.models import Membership

    state = _after(event) or _before(event)
    role = value(Membership, "role", state.get("role"), quote=False)
    texts = {
        "membership.created": _("%(user)s is nu %(role)s bij %(organisation)s."),
        "membership.changed": _("%(user)s is nu %(role)s bij %(organisation)s (gewijzigd)."),
        "membership.deleted": _("%(user)s is geen %(role)s meer bij %(organisation)s."),
    }
    return texts[event.action] % {
        "user": state.get("user", ""),
        "role": role,
        "organisation": state.get("organisation", ""),
    }


@describes("job.started")
def _job_started(event):
    from sectorplan.jobs.models import JobKind

    kind = _after(event).get("kind")
    return _("Achtergrondtaak ‘%(kind)s’ gestart.") % {
        "kind": dict(JobKind.choices).get(kind, kind)
    }


@describes("extension.granted")
def _extension(event):
    from sectorplan.registry.models import MilestoneKind

    after = _after(event)
    return _("Uitstel voor regio %(region)s: %(kind)s tot en met %(date)s.") % {
        "region": after.get("region", ""),
        "kind": MilestoneKind(after["kind"]).label,
        "date": day(after["last_day"]),
    }


@describes("clock.demo_date_set")
def _demo_date(event):
    return _("Demodatum gezet op %(date)s.") % {"date": day(event.after)}


@describes("units.imported")
def _units(event):
    after = _after(event)
    return _("SE-cijfers ingelezen (%(object)s): %(count)s regels, samen %(total)s SE.") % {
        "object": event.object_label,
        "count": after.get("count", 0),
        "total": number(after.get("total", 0)),
    }


@describes("scheme.loaded")
def _scheme_loaded(event):
    return _("Regeling %(object)s ingelezen met %(count)s regio's.") % {
        "object": _obj(event),
        "count": _after(event).get("regions", 0),
    }


@describes("region_set.loaded")
def _region_set_loaded(event):
    after = _after(event)
    return _(
        "Regio-indeling %(object)s ingelezen met %(count)s regio's; %(unserved)s gemeenten "
        "zonder bekend SW-bedrijf."
    ) % {
        "object": _obj(event),
        "count": after.get("regions", 0),
        "unserved": after.get("unserved", 0),
    }


@describes("scheme.created", "scheme.changed")
def _scheme_defined(event):
    after = _after(event)
    if event.action == "scheme.created":
        text = _("Regeling %(object)s aangemaakt uit haar definitie")
    else:
        text = _("Regeling %(object)s bijgewerkt naar haar definitie")
    detail = _("%(themes)s thema's, %(types)s activiteitstypen, %(milestones)s mijlpalen") % {
        "themes": after.get("themes", 0),
        "types": after.get("activity_types", 0),
        "milestones": after.get("milestones", 0),
    }
    return _sentence(text % {"object": _obj(event)}, detail)


@describes("scheme.imported")
def _scheme_imported(event):
    after = {k: v for k, v in _after(event).items() if isinstance(v, int)}
    detail = ", ".join(f"{label(None, k)} {value(None, k, v)}" for k, v in after.items())
    return _sentence(
        _("Regeling %(object)s ingelezen uit een uitwisselbestand") % {"object": _obj(event)},
        detail,
    )


@describes("scheme.review_questions_loaded")
def _questions_loaded(event):
    return _("%(count)s toetsvragen ingelezen voor regeling %(object)s.") % {
        "count": _after(event).get("questions", 0),
        "object": _obj(event),
    }


@describes("backup.restored")
def _restored(event):
    after = _after(event)
    return _("Back-up %(object)s teruggezet: %(rows)s rijen en %(files)s bestanden.") % {
        "object": _obj(event),
        "rows": after.get("rows", 0),
        "files": after.get("files", 0),
    }
