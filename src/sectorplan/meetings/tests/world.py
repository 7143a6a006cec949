"""Plans in several regions and states, with the contacts a meeting on knowledge sharing
should (and should not) invite."""

import datetime

from sectorplan.plans.models import Participant
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import ActivityFactory, PlanFactory
from sectorplan.registry.models import ActivityType, Region, SwCompany

TOPIC = ["kennisdeling", "jobcoaches"]
MEETING_DAY = datetime.date(2016, 3, 10)


def _plan(region, state, types, participants, municipality=("", "")):
    plan = PlanFactory(
        region=Region.objects.get(code=region),
        state=state,
        municipality_contact_name=municipality[0],
        municipality_contact_email=municipality[1],
    )
    for code in types:
        ActivityFactory(plan=plan, activity_type=ActivityType.objects.get(code=code))
    for company, name, email in participants:
        Participant.objects.create(
            plan=plan,
            sw_company=SwCompany.objects.get(name=company),
            contact_name=name,
            contact_email=email,
            contact_phone="071 123 45 67",
        )
    return plan


def build_plans() -> dict:
    """Returns the plans by a short name; EXPECTED_INVITEES lists whom a proposal must hold."""
    return {
        # AM19 has the topic in a plan at Cedris: every counted AM19 plan's contacts are invited.
        "leiden": _plan(
            "AM19",
            PlanState.SUBMITTED_TO_CEDRIS,
            ["kennisdeling", "werk-naar-werk"],
            [
                ("DZB Leiden", "Anna de Boer", "Anna@dzb.example"),
                ("MareGroep (Voorhout)", "Bert Mol", "bert@maregroep.example"),
            ],
            ("Carla Smit", "carla@leiden.example"),
        ),
        "leiden-advised": _plan(
            "AM19",
            PlanState.ADVISED,
            ["werk-naar-werk"],
            # Anna again (same company, same region): one invitation, not two.
            [("DZB Leiden", "Anna de Boer", "anna@dzb.example")],
            ("Eva Jansen", "eva@leiden.example"),
        ),
        # Concept: not yet at Cedris, so its contacts stay out even though AM19 counts.
        "leiden-concept": _plan(
            "AM19",
            PlanState.CONCEPT,
            ["kennisdeling"],
            [("DZB Leiden", "Conny Concept", "conny@dzb.example")],
        ),
        # AM34: topic type in a granted plan; the company contact has no e-mail address.
        "zoetermeer": _plan(
            "AM34",
            PlanState.GRANTED,
            ["jobcoaches"],
            [("MareGroep (Voorhout)", "Zonder Adres", "")],
            ("Gert Zoet", "gert@zoetermeer.example"),
        ),
        # AM05: the topic only in a rejected plan, and a counted plan without the topic.
        "twente-rejected": _plan(
            "AM05",
            PlanState.REJECTED,
            ["kennisdeling"],
            [("Soweco", "Rita Afgewezen", "rita@soweco.example")],
        ),
        "twente": _plan(
            "AM05",
            PlanState.IN_REVIEW,
            ["werk-naar-werk"],
            [("Soweco", "Dirk Twente", "dirk@soweco.example")],
            ("Hanna Hengelo", "hanna@enschede.example"),
        ),
        # AM01: the topic, but only submitted to the municipality: in the network, not invited.
        "groningen": _plan(
            "AM01",
            PlanState.SUBMITTED_TO_MUNICIPALITY,
            ["kennisdeling"],
            [("Alescon", "Ivo Gron", "ivo@alescon.example")],
        ),
    }


EXPECTED_INVITEES = {
    "anna@dzb.example",
    "bert@maregroep.example",
    "carla@leiden.example",
    "eva@leiden.example",
    "gert@zoetermeer.example",
}
