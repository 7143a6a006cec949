"""A scheme's definition as a document (issue 18): its name, amounts, allocation key, themes with
their activity types, timeline and framework questions in one versioned JSON file, which the
programme office writes and `sectorplan create-scheme FILE` checks and loads. `sw2015` is one
(src/sectorplan/data/sw2015/scheme.json); docs/formats/scheme-definition-v1.md describes it.

The structure is a JSON Schema (draft 2020-12) built from the same blocks as the exchange format,
so lengths come from the model fields. The rules a schema cannot say (codes that occur once, a
period that ends after it starts, the milestones the workflow reads) are checked in the same
pass. Every problem is named with its place in the file; a file with any problem is refused
whole. `define_scheme` loads a correct one for the command, the page and the API alike."""

import json

from django.db import transaction

from sectorplan.allocation.services import create_allocation_run, ensure_initial_run
from sectorplan.assessment.models import ReviewQuestion
from sectorplan.monitoring.models import REPORT_KINDS
from sectorplan.registry.loading import SchemeDataError, create_scheme
from sectorplan.registry.models import (
    DEFAULT_REGION_SET,
    AllocationKey,
    MilestoneKind,
    Region,
    RegionSet,
    Scheme,
)

from . import fields as f
from .export import region_weights_of
from .importer import parse
from .schema import SCHEME, validator_for, with_translated_errors
from .values import Problems, format_decimal, parse_date, parse_decimal, path_text

DEFINITION_FORMAT = "sectorplan-scheme-definition/1"
MAX_FILE_BYTES = 1024 * 1024  # what the page and the API accept; sw2015's is 8 KB

# The workflow reads these: the windows of rule 6 and the deadlines of the work lists.
REQUIRED_MILESTONES = (
    MilestoneKind.APPLICATION_PERIOD,
    MilestoneKind.MUNICIPALITY_DEADLINE,
    MilestoneKind.CEDRIS_WINDOW,
    MilestoneKind.PLANS_COMPLETE,
)
DESCRIBED = ("name_en", "description", "description_en")
# The moments at which a plan reports its progress; only these may ask questions of their own.
_REPORT_NAMES = ", ".join(str(kind.value) for kind in REPORT_KINDS)

# The fields of themes, activity types and milestones are the exchange format's (one place for
# their lengths and messages); a definition leaves out the types' `order` (the file's order is
# it) and may leave out what has no text yet.
_THEME = SCHEME["properties"]["themes"]["items"]["properties"]
_ACTIVITY_TYPE = _THEME["activity_types"]["items"]["properties"]
ACTIVITY_TYPE = f.obj(
    optional=DESCRIBED, **{name: field for name, field in _ACTIVITY_TYPE.items() if name != "order"}
)
THEME = f.obj(
    optional=DESCRIBED,
    **{
        **_THEME,
        "number": f.integer(1, f.SMALLINT_MAX),
        "activity_types": {**f.array(ACTIVITY_TYPE), "minItems": 1},
    },
)
MILESTONE = f.obj(
    optional=("ends_on", "description", "questions"),
    **SCHEME["properties"]["milestones"]["items"]["properties"],
)

# The exchange format's block, but the weights may come from a CSV (plans/exchange/weights.py).
REGION_WEIGHTS = {**SCHEME["properties"]["region_weights"], "required": ["source"]}

DEFINITION_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Sectorplan: de definitie van een regeling, versie 1",
    "description": "Zie docs/formats/scheme-definition-v1.md.",
    **f.obj(
        optional=(
            *DESCRIBED,
            "legal_basis",
            "review_questions_note",
            "region_weights",
            "region_set",
        ),
        format={"const": DEFINITION_FORMAT, "x-message": f'moet "{DEFINITION_FORMAT}" zijn'},
        slug=f.slug(Scheme, "slug"),
        name=f.text(Scheme, "name"),
        name_en=f.text(Scheme, "name_en"),
        description=f.text(Scheme, "description"),
        description_en=f.text(Scheme, "description_en"),
        legal_basis=f.text(Scheme, "legal_basis"),
        national_contribution_cents=f.integer(1),
        cofinancing_ratio=f.decimal("ratio"),
        allocation_key=f.choice(AllocationKey.values),
        region_weights=REGION_WEIGHTS,
        region_set=f.slug(RegionSet, "slug"),
        themes={**f.array(THEME), "minItems": 1},
        milestones=f.array(MILESTONE),
        review_questions={**f.array(f.text(ReviewQuestion, "text")), "minItems": 1},
        review_questions_note=f.text(Scheme, "description"),
    ),
}
VALIDATOR = validator_for(DEFINITION_SCHEMA)


def read_definition(raw: bytes | str) -> dict:
    """The definition in a file, checked; ExchangeError naming every problem (up to 50) if
    it is not JSON, not a definition or breaks a rule. Parsed as hostile input is: duplicate
    keys, NaN, huge numbers, deep nesting and texts a database cannot hold are refused."""
    data = parse(raw)
    check_definition(data).raise_if_any()
    return data


def check_definition(data) -> Problems:
    """Every problem of a definition, each with its place; none means it can be loaded."""
    problems = Problems()
    with_translated_errors(VALIDATOR, data, problems)
    if isinstance(data, dict):
        for rule in (
            _check_codes,
            _check_timeline,
            _check_questions,
            _check_region_set,
            _check_weights,
        ):
            try:
                rule(data, problems)
            except (KeyError, TypeError, AttributeError, ValueError):
                # The rule met a part the schema refused, which is named already: the rule
                # checks it once the file is corrected, so every problem shows in one go.
                pass
    return problems


def _once(items, place: tuple, field: str | None, noun: str, problems: Problems) -> None:
    """Each item's `field` (the item itself when None) differs from every earlier one's."""
    first: dict = {}
    for index, item in enumerate(items):
        value = item if field is None else item[field]
        here = (*place, index) if field is None else (*place, index, field)
        if value in first:
            problems.add(here, f"dezelfde {noun} als {path_text((*place, first[value]))}")
        else:
            first[value] = index


def _check_codes(data, problems: Problems) -> None:
    themes = data["themes"]
    _once(themes, ("themes",), "number", "nummer", problems)
    _once(themes, ("themes",), "code", "code", problems)
    for index, theme in enumerate(themes):
        place = ("themes", index, "activity_types")
        _once(theme["activity_types"], place, "code", "code", problems)


def _check_questions(data, problems: Problems) -> None:
    _once(data["review_questions"], ("review_questions",), None, "vraag", problems)


def _check_timeline(data, problems: Problems) -> None:
    milestones = data["milestones"]
    _once(milestones, ("milestones",), "kind", "soort", problems)
    for index, milestone in enumerate(milestones):
        ends_on = milestone.get("ends_on")
        if ends_on and parse_date(ends_on) < parse_date(milestone["starts_on"]):
            problems.add(("milestones", index, "ends_on"), "ligt voor starts_on")
        if "questions" in milestone:
            place = ("milestones", index, "questions")
            if milestone["kind"] not in REPORT_KINDS:
                problems.add(place, "alleen bij een rapportagemoment (" + _REPORT_NAMES + ")")
            _once(milestone["questions"], place, None, "vraag", problems)
    present = {m["kind"] for m in milestones}
    missing = [kind for kind in REQUIRED_MILESTONES if kind not in present]
    if missing:
        names = ", ".join(str(kind.value) for kind in missing)
        problems.add(("milestones",), f"mist {names} (de werkstroom leest die)")


def region_set_of(data) -> str:
    """The slug of the set of regions a definition divides over: the 2015 set unless it names
    a later one."""
    return data.get("region_set") or DEFAULT_REGION_SET


def _check_region_set(data, problems: Problems) -> None:
    named = data.get("region_set")
    if named and not RegionSet.objects.filter(slug=named).exists():
        problems.add(
            ("region_set",),
            "is geen geladen regio-indeling (laad ze eerst met `sectorplan load-region-set`)",
        )


def _check_weights(data, problems: Problems) -> None:
    by_weight = data["allocation_key"] == AllocationKey.REGION_WEIGHTS
    given = data.get("region_weights")
    if by_weight and given is None:
        problems.add(("region_weights",), "ontbreekt (allocation_key is region_weights)")
    if not by_weight:
        if given is not None:
            problems.add(("region_weights",), "hoort alleen bij allocation_key region_weights")
        return
    if "weights" not in given:
        problems.add(
            ("region_weights", "weights"),
            "ontbreekt: geef ze in het bestand of als CSV (create-scheme --weights, of het "
            "veld voor de gewichten op de pagina Regelingen)",
        )
        return
    weights = given["weights"]
    known = set(
        Region.objects.filter(region_set__slug=region_set_of(data)).values_list("code", flat=True)
    )
    if known:  # without regions create_scheme refuses the file, and says why
        for code in sorted(set(weights) - known):
            problems.add(("region_weights", "weights", code), "is geen bekende regiocode")
        missing = sorted(known - set(weights))
        if missing:
            problems.add(
                ("region_weights", "weights"),
                f"mist {', '.join(missing)}: geef elke regio een gewicht (0 mag)",
            )
    values = [parse_decimal(value, *f.DECIMALS["se"]) for value in weights.values()]
    if values and all(value == 0 for value in values):
        problems.add(("region_weights", "weights"), "alle gewichten zijn 0")


def definition_schema_json() -> str:
    """The schema as a document for other tools (docs/formats/scheme-definition-v1.schema.json)."""
    return json.dumps(DEFINITION_SCHEMA, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def definition_of(scheme) -> dict:
    """A scheme as its definition document, to start the next round as a copy of it. It passes
    check_definition for every scheme that was made from one; the review-question note is not
    kept in the database, so it is left out."""
    themes = scheme.themes.order_by("number").prefetch_related("activity_types")
    return {
        "format": DEFINITION_FORMAT,
        "slug": scheme.slug,
        "name": scheme.name,
        "name_en": scheme.name_en,
        "description": scheme.description,
        "description_en": scheme.description_en,
        "legal_basis": scheme.legal_basis,
        "national_contribution_cents": scheme.national_contribution_cents,
        "cofinancing_ratio": format_decimal(scheme.cofinancing_ratio, 3),
        "allocation_key": scheme.allocation_key,
        **region_weights_of(scheme),
        **_region_set_of(scheme),
        "themes": [
            {
                **_texts(theme),
                "number": theme.number,
                "activity_types": [
                    _texts(kind) for kind in sorted(theme.activity_types.all(), key=_in_order)
                ],
            }
            for theme in themes
        ],
        "milestones": [
            {
                "kind": milestone.kind,
                "starts_on": milestone.starts_on.isoformat(),
                "ends_on": milestone.ends_on.isoformat() if milestone.ends_on else None,
                "description": milestone.description,
                **({"questions": milestone.questions} if milestone.questions else {}),
            }
            for milestone in scheme.milestones.order_by("starts_on", "kind")
        ],
        "review_questions": list(
            scheme.review_questions.order_by("order").values_list("text", flat=True)
        ),
    }


def _region_set_of(scheme) -> dict:
    slug = scheme.region_set.slug
    return {} if slug == DEFAULT_REGION_SET else {"region_set": slug}


def _texts(item) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "name_en": item.name_en,
        "description": item.description,
        "description_en": item.description_en,
    }


def _in_order(kind) -> tuple:
    return (kind.order, kind.code)


def define_scheme(raw: bytes | str, *, actor=None):
    """Check a definition file and create or update its scheme with its first allocation run,
    all in one transaction: (scheme, created, run or None). ExchangeError names every problem
    of the file; SchemeDataError says why a correct file cannot be loaded (no regions yet, or
    a plan of the scheme was already submitted)."""
    definition = read_definition(raw)
    with transaction.atomic():
        before = Scheme.objects.select_for_update().filter(slug=definition["slug"]).first()
        divided_before = _what_is_divided(before)
        scheme, created = create_scheme(definition, actor=actor)
        run = ensure_initial_run(scheme, actor=actor)
        if run is None and divided_before != _what_is_divided(scheme):
            # An open scheme got another amount or key: its reservations must follow it.
            run = create_allocation_run(
                scheme,
                reason="Ander bedrag of andere verdeelsleutel in de bijgewerkte definitie.",
                actor=actor,
            )
    return scheme, created, run


def copy_scheme(source: Scheme, *, slug: str, name: str, actor=None):
    """The next round as a copy of an earlier one: a new, open scheme with the source's
    definition (amounts, key and weights, themes, timeline, questions) under another slug and
    name; (scheme, run). The office changes it by downloading, editing and loading its
    definition while none of its plans was submitted. SchemeDataError if the slug is taken:
    loading under an existing slug would change that scheme instead."""
    with transaction.atomic():
        if Scheme.objects.select_for_update().filter(slug=slug).exists():
            raise SchemeDataError(
                f"Er is al een regeling met de korte naam '{slug}': kies een andere."
            )
        definition = {**definition_of(source), "slug": slug, "name": name, "name_en": ""}
        scheme, _created, run = define_scheme(
            json.dumps(definition, ensure_ascii=False), actor=actor
        )
    return scheme, run


def _what_is_divided(scheme: Scheme | None) -> tuple | None:
    """The amount and the key the allocation divides by: when either changes, a new run."""
    if scheme is None:
        return None
    weights = dict(scheme.region_weights.values_list("region__code", "weight"))
    return (
        scheme.national_contribution_cents,
        scheme.allocation_key,
        weights,
        scheme.region_set_id,
    )
