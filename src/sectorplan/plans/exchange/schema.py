"""The structure of format version 1 as a JSON Schema (draft 2020-12), and the first check of a
file against it: types, required and unknown fields, lengths, choices and the notation of
dates, moments and decimals. Each problem names its place in the file, in Dutch.

Lengths and required texts come from the model fields, so the format cannot accept what the
database would refuse. `x-message` is our annotation: the message for any failure of that field.
"""

import json

from jsonschema import Draft202012Validator, validators

from sectorplan.allocation.models import AllocationRun
from sectorplan.plans.models import (
    Activity,
    Attachment,
    BudgetLine,
    Commitment,
    CommitmentStatus,
    CostCategory,
    FunderKind,
    Goal,
    Participant,
    Plan,
    PlanKind,
    StateChange,
)
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import (
    ActivityType,
    AllocationKey,
    DeadlineExtension,
    Milestone,
    MilestoneKind,
    Municipality,
    Region,
    RegionSet,
    Scheme,
    SwCompany,
    Theme,
)

from . import fields as f
from .values import FORMAT, VERSION, Problems

VERSION_FIELD = f.integer(1, f.INT_MAX)

UNITS = {
    "standard_units": f.decimal("se", nullable=True),
    "standard_units_source": f.text(Region, "standard_units_source"),
    "standard_units_is_demo": f.boolean(),
}

# The English labels came later in version 1: optional, empty when absent.
ENGLISH = ("name_en", "description_en")

# With allocation_key "region_weights": the scheme's own figure per region, where it comes
# from, and whether it is a demo figure (the definition may take the weights from a CSV).
REGION_WEIGHTS = f.obj(
    optional=("is_demo",),
    source={**f.text(Scheme, "weights_source"), "minLength": 1},
    is_demo=f.boolean(),
    weights={
        "type": "object",
        "additionalProperties": f.decimal("se"),
        "minProperties": 1,
        "x-message": 'moet een object van regiocode naar gewicht zijn, bijv. {"AM01": "12.5"}',
    },
)

# The set of labour-market regions the scheme is divided over (issue 18); absent in files
# written before sets existed, which are the regions of 2015.
REGION_SET = f.obj(
    optional=("name_en",),
    slug=f.slug(RegionSet, "slug"),
    name=f.text(RegionSet, "name"),
    name_en=f.text(RegionSet, "name_en"),
    source={**f.text(RegionSet, "source"), "minLength": 1},
)

SCHEME = f.obj(
    optional=(*ENGLISH, "region_weights", "region_set"),
    name=f.text(Scheme, "name"),
    name_en=f.text(Scheme, "name_en"),
    slug=f.slug(Scheme, "slug"),
    description=f.text(Scheme, "description"),
    description_en=f.text(Scheme, "description_en"),
    national_contribution_cents=f.integer(),
    cofinancing_ratio=f.decimal("ratio"),
    allocation_key=f.choice(AllocationKey.values),
    region_weights=REGION_WEIGHTS,
    region_set=REGION_SET,
    legal_basis=f.text(Scheme, "legal_basis"),
    themes=f.array(
        f.obj(
            optional=ENGLISH,
            number=f.integer(0, f.SMALLINT_MAX),
            code=f.slug(Theme, "code"),
            name=f.text(Theme, "name"),
            name_en=f.text(Theme, "name_en"),
            description=f.text(Theme, "description"),
            description_en=f.text(Theme, "description_en"),
            activity_types=f.array(
                f.obj(
                    optional=ENGLISH,
                    code=f.slug(ActivityType, "code"),
                    name=f.text(ActivityType, "name"),
                    name_en=f.text(ActivityType, "name_en"),
                    description=f.text(ActivityType, "description"),
                    description_en=f.text(ActivityType, "description_en"),
                    order=f.integer(0, f.SMALLINT_MAX),
                )
            ),
        )
    ),
    milestones=f.array(
        f.obj(
            optional=("questions",),
            kind=f.choice(MilestoneKind.values),
            starts_on=f.date(),
            ends_on=f.date(nullable=True),
            description=f.text(Milestone, "description"),
            # At a progress-report moment: what its report asks besides the fixed parts.
            questions={
                **f.array({**f.text(Milestone, "description"), "minLength": 1}),
                "minItems": 1,
            },
        )
    ),
)

REGION = f.obj(
    code=f.text(Region, "code"),
    name=f.text(Region, "name"),
    name_in_regulation=f.text(Region, "name_in_regulation"),
    central_municipality=f.ref("gemeentenaam", nullable=True),
    **UNITS,
)

MUNICIPALITY = f.obj(
    name=f.text(Municipality, "name"),
    region=f.ref("regiocode"),
    membership_note=f.text(Municipality, "membership_note"),
    **UNITS,
)

SW_COMPANY = f.obj(
    name=f.text(SwCompany, "name"),
    is_demo=f.boolean(),
    source=f.text(SwCompany, "source"),
    municipalities=f.array(f.ref("gemeentenaam"), unique=True),
    regions_without_known_municipalities=f.array(f.ref("regiocode"), unique=True),
)

ALLOCATION_RUN = f.obj(
    number=f.integer(1, f.INT_MAX),
    reason=f.text(AllocationRun, "reason"),
    method=f.text(AllocationRun, "method"),
    total_cents=f.integer(),
    uses_demo_units=f.boolean(),
    created_at=f.moment(),
    created_by=f.username(nullable=True),
    reservations=f.array(
        f.obj(region=f.ref("regiocode"), standard_units=f.decimal("se"), amount_cents=f.integer())
    ),
)

DEADLINE_EXTENSION = f.obj(
    region=f.ref("regiocode"),
    kind=f.choice(MilestoneKind.values),
    last_day=f.date(),
    reason=f.text(DeadlineExtension, "reason"),
    granted_by=f.username(),
    granted_at=f.moment(),
)

PLAN = f.obj(
    region=f.ref("regiocode"),
    title=f.text(Plan, "title"),
    summary=f.text(Plan, "summary"),
    kind=f.choice(PlanKind.values),
    state=f.choice(PlanState.values),
    municipality_contact_name=f.text(Plan, "municipality_contact_name"),
    municipality_contact_email=f.email(Plan, "municipality_contact_email"),
    is_demo=f.boolean(),
    version=VERSION_FIELD,
    created_at=f.moment(),
    updated_at=f.moment(),
    created_by=f.username(nullable=True),
    participants=f.array(
        f.obj(
            sw_company=f.ref("naam van een SW-bedrijf"),
            contact_name=f.text(Participant, "contact_name"),
            contact_email=f.email(Participant, "contact_email"),
            contact_phone=f.text(Participant, "contact_phone"),
            version=VERSION_FIELD,
        )
    ),
    goals=f.array(
        f.obj(
            description=f.text(Goal, "description"),
            planned_quantity=f.decimal("se"),
            unit=f.text(Goal, "unit"),
            version=VERSION_FIELD,
        )
    ),
    activities=f.array(
        f.obj(
            theme=f.ref("themacode"),
            activity_type=f.ref("code van een activiteitstype"),
            description=f.text(Activity, "description"),
            planned_start=f.date(),
            planned_end=f.date(),
            planned_quantity=f.decimal("se", nullable=True),
            planned_unit=f.text(Activity, "planned_unit"),
            version=VERSION_FIELD,
        )
    ),
    budget_lines=f.array(
        f.obj(
            cost_category=f.choice(CostCategory.values),
            description=f.text(BudgetLine, "description"),
            national_contribution_cents=f.integer(),
            cofinancing_cents=f.integer(),
            version=VERSION_FIELD,
        )
    ),
    commitments=f.array(
        f.obj(
            funder_kind=f.choice(FunderKind.values),
            funder_name=f.text(Commitment, "funder_name"),
            amount_cents=f.integer(1),
            status=f.choice(CommitmentStatus.values),
            committed_by=f.username(nullable=True),
            committed_at=f.moment(nullable=True),
            version=VERSION_FIELD,
        )
    ),
    state_changes=f.array(
        f.obj(
            transition=f.text(StateChange, "transition"),
            from_state=f.choice(PlanState.values),
            to_state=f.choice(PlanState.values),
            actor=f.username(),
            reason=f.text(StateChange, "reason"),
            occurred_at=f.moment(),
        )
    ),
    attachments=f.array(
        f.obj(
            original_name=f.text(Attachment, "original_name"),
            content_type=f.text(Attachment, "content_type"),
            size=f.integer(0, f.INT_MAX),
            uploaded_by=f.username(nullable=True),
            uploaded_at=f.moment(),
        )
    ),
)

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": f"{FORMAT} versie {VERSION}",
    "description": "Zie docs/formats/scheme-exchange-v1.md.",
    **f.obj(
        format={"const": FORMAT, "x-message": f'moet "{FORMAT}" zijn'},
        version={"const": VERSION, "x-message": f"moet {VERSION} zijn"},
        scheme=SCHEME,
        regions=f.array(REGION),
        municipalities=f.array(MUNICIPALITY),
        sw_companies=f.array(SW_COMPANY),
        allocation_runs=f.array(ALLOCATION_RUN),
        deadline_extensions=f.array(DEADLINE_EXTENSION),
        plans=f.array(PLAN),
    ),
}


def _is_integer(checker, instance) -> bool:
    """JSON 1.0 is not an integer here: money and counts are written without a point."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


def validator_for(schema: dict):
    """A validator of a schema built from `fields`: integers without a point, our formats."""
    return _Validator(schema, format_checker=f.FORMATS)


VALIDATOR = validator_for(SCHEMA)

TYPE_WORDS = {
    "object": "een object ({...})",
    "array": "een lijst ([...])",
    "string": "een tekst",
    "integer": "een geheel getal",
    "boolean": "true of false",
}


def _translate(error, problems: Problems) -> None:
    path = tuple(error.absolute_path)
    if error.validator == "required":
        for name in error.validator_value:
            if name not in error.instance:
                problems.add((*path, name), "ontbreekt")
    elif error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        for name in error.instance:
            if name not in known:
                problems.add((*path, name), "onbekend veld")
    elif "x-message" in error.schema:
        problems.add(path, error.schema["x-message"])
    elif error.validator == "type":
        problems.add(path, f"moet {TYPE_WORDS.get(error.validator_value, 'iets anders')} zijn")
    elif error.validator == "uniqueItems":
        problems.add(path, "bevat een waarde meer dan eens")
    elif error.validator == "minItems":
        problems.add(path, f"moet ten minste {error.validator_value} onderdeel bevatten")
    else:  # not expected with this schema; keep the validator's own words rather than nothing
        problems.add(path, error.message)


def with_translated_errors(validator, data, problems: Problems) -> None:
    """Every way data fails the validator's schema, in Dutch with its place, into problems."""
    for error in validator.iter_errors(data):
        _translate(error, problems)


def check_structure(data, problems: Problems) -> None:
    with_translated_errors(VALIDATOR, data, problems)


def schema_json() -> str:
    """The schema as a document, for other tools (the x-message annotations are harmless)."""
    return json.dumps(SCHEMA, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
