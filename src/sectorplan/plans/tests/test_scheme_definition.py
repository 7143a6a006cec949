"""A scheme's definition as a document (issue 18): sw2015 is one, a copy of it becomes a second
scheme over the same regions with the same amounts to the cent, and a wrong file is refused whole
with every problem named by its place."""

import copy
import json
from importlib import resources
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sectorplan.allocation.selectors import required_cofinancing_cents
from sectorplan.assessment.models import ReviewQuestion
from sectorplan.audit.describe import describe
from sectorplan.audit.models import AuditEvent
from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.definition import (
    DEFINITION_FORMAT,
    check_definition,
    definition_schema_json,
    read_definition,
)
from sectorplan.plans.exchange.weights import with_weights
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import ActivityType, Milestone, Scheme
from sectorplan.web.templatetags.sectorplan import euro

from .factories import ActivityFactory, PlanFactory

SW2015 = resources.files("sectorplan.data") / "sw2015" / "scheme.json"
FORMATS_DOCS = Path(__file__).parents[4] / "docs" / "formats"


def sw2015() -> dict:
    return json.loads(SW2015.read_text(encoding="utf-8"))


def _write(tmp_path, definition, name="regeling.json"):
    path = tmp_path / name
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    return path


def _contents(scheme: Scheme) -> dict:
    """What a definition decides, as the database holds it, and the first run's amounts."""
    return {
        "scheme": [
            scheme.name,
            scheme.national_contribution_cents,
            scheme.cofinancing_ratio,
            scheme.allocation_key,
        ],
        "types": sorted(
            ActivityType.objects.filter(theme__scheme=scheme).values_list(
                "theme__number", "theme__code", "code", "name", "name_en", "order"
            )
        ),
        "milestones": sorted(
            Milestone.objects.filter(scheme=scheme).values_list(
                "kind", "starts_on", "ends_on", "description"
            )
        ),
        "questions": list(
            ReviewQuestion.objects.filter(scheme=scheme)
            .order_by("order")
            .values_list("order", "text")
        ),
        "reservations": sorted(
            scheme.allocation_runs.get(number=1).reservations.values_list(
                "region__code", "standard_units", "amount_cents"
            )
        ),
    }


def test_sw2015_is_a_definition_that_passes_every_rule():
    assert not check_definition(sw2015()), check_definition(sw2015()).messages()


def test_a_copy_of_sw2015_becomes_a_second_scheme_equal_to_the_cent(scheme, tmp_path, capsys):
    copied = sw2015() | {"slug": "sw2015-kopie", "name": "Kopie van de regeling van 2015"}
    call_command("create-scheme", str(_write(tmp_path, copied)))
    assert "Regeling 'sw2015-kopie' aangemaakt" in capsys.readouterr().out
    second = Scheme.objects.get(slug="sw2015-kopie")
    original, copy_ = _contents(scheme), _contents(second)
    assert copy_["scheme"][1:] == original["scheme"][1:]
    assert {k: v for k, v in copy_.items() if k != "scheme"} == {
        k: v for k, v in original.items() if k != "scheme"
    }
    assert sum(amount for *_rest, amount in copy_["reservations"]) == 3_000_000_000
    created = AuditEvent.objects.get(action="scheme.created")
    themes, types = len(copied["themes"]), sum(len(t["activity_types"]) for t in copied["themes"])
    assert f"aangemaakt uit haar definitie: {themes} thema's, {types} activiteitstypen" in (
        describe(created)
    )


def test_loading_sw2015_again_from_its_file_changes_nothing(scheme, tmp_path, capsys):
    before = _contents(scheme)
    call_command("create-scheme", str(SW2015))
    assert "Regeling 'sw2015' bijgewerkt" in capsys.readouterr().out
    assert _contents(Scheme.objects.get(slug="sw2015")) == before


def test_a_wrong_file_is_refused_whole_with_every_problem_named(scheme, tmp_path):
    wrong = copy.deepcopy(sw2015()) | {"slug": "nieuw-2016", "cofinancing_ratio": 1}
    wrong["themes"][1]["code"] = wrong["themes"][0]["code"]
    wrong["milestones"] = [m for m in wrong["milestones"] if m["kind"] != "cedris_window"]
    wrong["milestones"][0]["ends_on"] = "2014-12-31"
    wrong["review_questions"].append(wrong["review_questions"][0])
    with pytest.raises(CommandError) as refused:
        call_command("create-scheme", str(_write(tmp_path, wrong)))
    problems = str(refused.value).splitlines()
    assert "er is niets gewijzigd" in problems[0]
    # The structure's problems and the rules' come in one go.
    assert any(p.startswith("cofinancing_ratio: moet een decimaal getal") for p in problems)
    assert "themes[1].code: dezelfde code als themes[0]" in problems
    assert "milestones: mist cedris_window (de werkstroom leest die)" in problems
    assert "milestones[0].ends_on: ligt voor starts_on" in problems
    assert any(p.startswith("review_questions[") and "dezelfde vraag" in p for p in problems)
    assert not Scheme.objects.filter(slug="nieuw-2016").exists()


def test_check_only_changes_nothing(scheme, tmp_path, capsys):
    path = _write(tmp_path, sw2015() | {"slug": "alleen-gecontroleerd"})
    call_command("create-scheme", str(path), "--check")
    assert "is in orde" in capsys.readouterr().out
    assert not Scheme.objects.filter(slug="alleen-gecontroleerd").exists()


def test_a_scheme_is_not_redefined_once_a_plan_was_submitted(scheme, tmp_path):
    PlanFactory(scheme=scheme, state=PlanState.SUBMITTED_TO_MUNICIPALITY)
    changed = sw2015() | {"name": "Een andere naam"}
    with pytest.raises(CommandError, match="haar definitie verandert niet meer"):
        call_command("create-scheme", str(_write(tmp_path, changed)))
    assert Scheme.objects.get(slug="sw2015").name != "Een andere naam"


def test_a_type_in_use_stays_and_an_unused_one_goes(scheme, tmp_path):
    definition = sw2015()
    used = definition["themes"][0]["activity_types"][0]["code"]
    kind = ActivityType.objects.get(theme__scheme=scheme, code=used)
    ActivityFactory(plan=PlanFactory(scheme=scheme, state=PlanState.CONCEPT), activity_type=kind)
    without_used = copy.deepcopy(definition)
    del without_used["themes"][0]["activity_types"][0]
    with pytest.raises(CommandError, match=f"{definition['themes'][0]['code']}/{used}"):
        call_command("create-scheme", str(_write(tmp_path, without_used)))
    without_unused = copy.deepcopy(definition)
    gone = without_unused["themes"][0]["activity_types"].pop()["code"]
    call_command("create-scheme", str(_write(tmp_path, without_unused)))
    assert not ActivityType.objects.filter(theme__scheme=scheme, code=gone).exists()
    assert ActivityType.objects.filter(theme__scheme=scheme, code=used).exists()


def test_the_published_schema_is_the_one_the_code_checks_with():
    published = (FORMATS_DOCS / "scheme-definition-v1.schema.json").read_text(encoding="utf-8")
    assert published == definition_schema_json()
    assert DEFINITION_FORMAT in published


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(list(sw2015())), inner, max_size=6)
        ),
        max_leaves=20,
    )
)
def test_any_json_is_refused_with_named_problems_or_accepted(data):
    """Whatever the file holds, the check answers with places and words, never a crash."""
    raw = json.dumps(data)
    try:
        read_definition(raw)
    except ExchangeError as error:
        assert error.messages and all(": " in message for message in error.messages)


EXAMPLES = resources.files("sectorplan.data") / "examples"
EXAMPLE = EXAMPLES / "regeling-voorbeeld-2016.json"
# The example divides by a weight per region, kept in a CSV beside it (issue 18).
EXAMPLE_WEIGHTS = EXAMPLES / "regeling-voorbeeld-2016-gewichten.csv"


def example_bytes() -> bytes:
    """The example's definition with its weights, as the command and the page make it."""
    return with_weights(EXAMPLE.read_bytes(), EXAMPLE_WEIGHTS.read_bytes())


def example_definition() -> dict:
    return json.loads(example_bytes())


def test_the_example_scheme_runs_beside_sw2015(scheme, client, capsys):
    """The shipped example (another amount, ratio, taxonomy and timeline) is created by the
    command over the same regions; its budget and its activity map are its own."""
    from sectorplan.monitoring.selectors import APPROVED, activity_overview

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    assert "Regeling 'voorbeeld-2016' aangemaakt: 2 thema's, 4 activiteitstypen" in (
        capsys.readouterr().out
    )
    example = Scheme.objects.get(slug="voorbeeld-2016")
    assert "VOORBEELD" in example.name and "geen echte regeling" in example.name

    budget = client.get("/regelingen/voorbeeld-2016/budget/").content.decode()
    assert 'data-total="reserved">€ 20.000.000,00<' in budget
    # Ratio 0.5: at least half of each region's part, rounded up to the cent per region.
    required = sum(
        required_cofinancing_cents(r.amount_cents, example.cofinancing_ratio)
        for r in example.allocation_runs.get(number=1).reservations.all()
    )
    assert 1_000_000_000 <= required < 1_000_000_000 + 35
    assert f'data-total="cofinancing">{euro(required)}<' in budget
    assert 'data-total="reserved">€ 30.000.000,00<' in (
        client.get("/regelingen/sw2015/budget/").content.decode()
    )

    secondment = ActivityType.objects.get(theme__scheme=example, code="detachering")
    plan = PlanFactory(scheme=example, state=PlanState.APPROVED)
    ActivityFactory(plan=plan, activity_type=secondment)
    assert activity_overview(example, APPROVED).counts.plans_counted == 1
    assert activity_overview(scheme, APPROVED).counts.plans_counted == 0
    own = client.get("/monitoring/activiteiten/voorbeeld-2016/").content.decode()
    other = client.get("/monitoring/activiteiten/sw2015/").content.decode()
    assert secondment.name in own and secondment.name not in other


def test_an_open_scheme_with_another_amount_gets_a_new_allocation_run(scheme, tmp_path, capsys):
    example = example_definition()
    call_command("create-scheme", str(_write(tmp_path, example)))
    bigger = example | {"national_contribution_cents": 2_500_000_000}
    call_command("create-scheme", str(_write(tmp_path, bigger)))
    assert "bijgewerkt" in capsys.readouterr().out
    runs = Scheme.objects.get(slug="voorbeeld-2016").allocation_runs.order_by("number")
    assert [run.number for run in runs] == [1, 2]
    totals = [sum(r.amount_cents for r in run.reservations.all()) for run in runs]
    assert totals == [2_000_000_000, 2_500_000_000]


def test_a_report_moment_asks_the_questions_its_definition_gives(scheme, tmp_path):
    definition = example_definition()
    call_command("create-scheme", str(_write(tmp_path, definition)))
    interim = Milestone.objects.get(scheme__slug="voorbeeld-2016", kind="interim_report_1")
    assert len(interim.questions) == 2 and interim.questions[0].startswith("Hoeveel mensen")

    definition["milestones"][0]["questions"] = ["Waarom?", "Waarom?"]
    messages = check_definition(definition).messages()
    assert (
        "milestones[0].questions: alleen bij een rapportagemoment (interim_report_1, "
        "interim_report_2, final_report)" in messages
    )
    assert "milestones[0].questions[1]: dezelfde vraag als milestones[0].questions[0]" in messages
