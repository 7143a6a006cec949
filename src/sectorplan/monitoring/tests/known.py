"""Plans with known activity types in known states, and what the activity map must say of them.

States are written directly: the counting only reads them, and the workflow's date windows
would make a fixture of seven plans in seven states slow and beside the point."""

from sectorplan.plans.models import Plan
from sectorplan.plans.states import PlanState
from sectorplan.plans.tests.factories import ActivityFactory, PlanFactory
from sectorplan.registry.models import ActivityType, Region

# region -> [(state, [activity type codes, repeated where a plan has two of a type])]
PLANS = {
    "AM01": [
        (PlanState.APPROVED, ["werk-naar-werk", "werk-naar-werk", "passend-werk", "kennisdeling"])
    ],
    # Two plans in one region: the region counts once, its plans twice.
    "AM02": [
        (PlanState.GRANTED, ["werk-naar-werk", "werkfit"]),
        (PlanState.PAID, ["werk-naar-werk", "jobcoaches"]),
    ],
    "AM03": [(PlanState.CLOSED, ["werk-naar-werk", "passend-werk", "werkgeversdiensten"])],
    "AM04": [(PlanState.IN_REVIEW, ["werkfit", "beschut-werk"])],  # submitted, not approved
    "AM05": [(PlanState.CONCEPT, ["werk-naar-werk", "joint-ventures"])],  # never counted
    "AM06": [(PlanState.REJECTED, ["werkgeversdiensten"])],  # never counted
    "AM07": [(PlanState.IN_EXECUTION, [])],  # approved and later, no activities
}

# Approved and later: AM01, AM02 (2 plans), AM03, AM07.
APPROVED = {
    "plans_counted": 5,
    "regions_counted": 4,
    "types": {
        # code: (regions, plans, share)
        "werk-naar-werk": (["AM01", "AM02", "AM03"], 4, "0.7500"),
        "passend-werk": (["AM01", "AM03"], 2, "0.5000"),
        "werkfit": (["AM02"], 1, "0.2500"),
        "kennisdeling": (["AM01"], 1, "0.2500"),
        "jobcoaches": (["AM02"], 1, "0.2500"),
        "functiecreatie": ([], 0, "0.0000"),
        "overige-expertise": ([], 0, "0.0000"),
        "werkgeversdiensten": (["AM03"], 1, "0.2500"),
        "detacheringsfaciliteit": ([], 0, "0.0000"),
        "joint-ventures": ([], 0, "0.0000"),
        "beschut-werk": ([], 0, "0.0000"),
        "overige-transformatie": ([], 0, "0.0000"),
    },
    "region_types": {"AM01": 3, "AM02": 3, "AM03": 3, "AM07": 0},
}
APPROVED_SENTENCES = {
    1: [
        "Activiteiten voor begeleiding van werk naar werk komen het meest voor: in 3 van de 4 "
        "regio's (75%).",
        "In 2 van de 4 regio's (50%) zijn er activiteiten voor zorgdragen voor voldoende "
        "passend werk.",
        "In 1 van de 4 regio's (25%) zijn er activiteiten voor begeleiding en werkfit maken "
        "van mensen.",
    ],
    2: [
        "Activiteiten voor kennisdeling, ervaringsuitwisseling en intervisie en voor scholing "
        "van medewerkers tot jobcoach komen het meest voor, even vaak: beide in 1 van de 4 "
        "regio's (25%).",
        "In geen enkele regio zijn er activiteiten voor scholing op het terrein van "
        "functiecreatie of voor overige bevordering van expertise of cultuurverandering.",
    ],
    3: [
        "Activiteiten voor gezamenlijke nieuwe werkgeversdiensten komen het meest voor: in 1 "
        "van de 4 regio's (25%).",
        "In geen enkele regio zijn er activiteiten voor regionale detacheringsfaciliteit voor "
        "een brede doelgroep, voor ombouw naar joint ventures of marktconforme (sociale) "
        "ondernemingen, voor toekomstbestendige vormen van intern of beschut werk of voor "
        "overige transformatie van de infrastructuur.",
    ],
}
APPROVED_INTRODUCTION = (
    "Geteld zijn 5 goedgekeurde plannen uit 4 van de 35 arbeidsmarktregio's. Een regio telt "
    "één keer, ook als zij meer plannen heeft; de percentages zijn delen van de 4 regio's met "
    "een plan."
)

# Every plan submitted to Cedris except rejected: adds AM04.
SUBMITTED = {
    "plans_counted": 6,
    "regions_counted": 5,
    "types": {
        "werk-naar-werk": (["AM01", "AM02", "AM03"], 4, "0.6000"),
        "werkfit": (["AM02", "AM04"], 2, "0.4000"),
        "beschut-werk": (["AM04"], 1, "0.2000"),
        "joint-ventures": ([], 0, "0.0000"),
    },
}
# With AM04, theme 1 has a tie below the top: the source's "komt even vaak voor als".
SUBMITTED_THEME_1 = [
    "Activiteiten voor begeleiding van werk naar werk komen het meest voor: in 3 van de 5 "
    "regio's (60%).",
    "Activiteiten voor zorgdragen voor voldoende passend werk komen even vaak voor als "
    "activiteiten voor begeleiding en werkfit maken van mensen: beide in 2 van de 5 regio's "
    "(40%).",
]


def build_plans(scheme) -> dict[str, list[Plan]]:
    types = {t.code: t for t in ActivityType.objects.filter(theme__scheme=scheme)}
    built = {}
    for code, plans in PLANS.items():
        region = Region.objects.get(code=code)
        built[code] = []
        for state, type_codes in plans:
            plan = PlanFactory(scheme=scheme, region=region, state=state)
            for type_code in type_codes:
                ActivityFactory(plan=plan, activity_type=types[type_code])
            built[code].append(plan)
    return built
