"""The scheme exchange format: export, import into an empty database, export again gives the same
bytes; an invalid file is refused whole, with messages that point into it, and writes nothing."""

import copy
import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sectorplan.allocation.models import AllocationRun
from sectorplan.allocation.services import create_allocation_run
from sectorplan.audit.models import AuditEvent
from sectorplan.money import format_euro
from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.export import dumps, export_scheme
from sectorplan.plans.exchange.importer import import_scheme
from sectorplan.plans.exchange.schema import SCHEMA, check_structure
from sectorplan.plans.exchange.values import Problems, path_text
from sectorplan.plans.models import Attachment, Plan, StateChange
from sectorplan.plans.rules import region_reservation_cents
from sectorplan.plans.states import PlanState
from sectorplan.registry.models import ActivityType, Municipality, Region, Scheme, SwCompany
from sectorplan.registry.services import grant_extension

from .factories import (
    ActivityFactory,
    BudgetLineFactory,
    CommitmentFactory,
    GoalFactory,
    ParticipantFactory,
    complete_plan,
)

MOMENT = datetime.datetime(2015, 6, 20, 9, 30, 15, 123456, tzinfo=datetime.UTC)


def build_plans(scheme, accounts) -> None:
    company, cedris = accounts["bedrijf-dzb-leiden"], accounts["cedris"]
    municipality = accounts["gemeente-leiden"]
    plan = complete_plan(
        title="Samen naar werk in Holland Rijnland",
        created_by=company,
        municipality_contact_name="A. Jansen",
        municipality_contact_email="a.jansen@leiden.example",
    )
    ParticipantFactory(
        plan=plan,
        sw_company=SwCompany.objects.get(name="MareGroep (Voorhout)"),
        contact_name="P. Bakker",
        contact_email="p.bakker@maregroep.example",
        contact_phone="071 123 45 67",
    )
    GoalFactory(plan=plan, description="Jobcoaches opgeleid", planned_quantity=Decimal("12.5"))
    ActivityFactory(
        plan=plan,
        activity_type=ActivityType.objects.get(code="jobcoaches"),
        planned_quantity=Decimal("12.50"),
        planned_unit="jobcoaches",
    )
    BudgetLineFactory(plan=plan, cost_category="training", description="Opleiding €, ë")
    CommitmentFactory(
        plan=plan,
        amount_cents=150_000_00,
        status="committed",
        committed_by=municipality,
        committed_at=MOMENT,
        version=2,
    )
    CommitmentFactory(plan=plan, funder_kind="fund", funder_name="Fonds", amount_cents=5_000_00)
    StateChange.objects.create(
        plan=plan,
        transition="submit_to_municipality",
        from_state=PlanState.CONCEPT,
        to_state=PlanState.SUBMITTED_TO_MUNICIPALITY,
        actor=company,
    )
    Plan.objects.filter(pk=plan.pk).update(
        state=PlanState.SUBMITTED_TO_MUNICIPALITY, version=3, created_at=MOMENT
    )
    # Same region and title: the moment of creation orders them.
    complete_plan(title="Samen naar werk in Holland Rijnland", created_by=None)
    # A rejected plan holds none of its region's reservation (rule 2), however much it asks.
    rejected = complete_plan(region=Region.objects.get(code="AM34"), title="Te duur")
    BudgetLineFactory(plan=rejected, national_contribution_cents=10**12)
    Plan.objects.filter(pk=rejected.pk).update(state=PlanState.REJECTED)
    grant_extension(
        scheme=scheme,
        region=Region.objects.get(code="AM19"),
        kind="municipality_deadline",
        last_day=datetime.date(2015, 7, 15),
        reason="Ziekte van de projectleider.",
        user=cedris,
    )
    create_allocation_run(scheme, reason="Tweede verdeling", actor=cedris)


def empty_database() -> None:
    """A fresh database, inside the test's transaction. PostgreSQL refuses to truncate tables
    with pending deferred foreign-key checks, so those are run first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def written() -> dict:
    models = [get_user_model(), Scheme, Region, Municipality, SwCompany, Plan, AuditEvent]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def document(scheme, accounts) -> dict:
    """A valid export with plans of every kind; the database is empty afterwards."""
    build_plans(scheme, accounts)
    data = export_scheme(scheme)
    empty_database()
    return data


def refused(data, *expected: str) -> list[str]:
    """Import `data`, expect a refusal containing every `expected` line, and nothing written."""
    before = written()
    raw = data if isinstance(data, bytes) else dumps(data).encode()
    with pytest.raises(ExchangeError) as error:
        import_scheme(raw)
    for line in expected:
        assert line in error.value.messages
    assert written() == before
    return error.value.messages


def test_export_import_export_gives_identical_bytes(scheme, accounts, tmp_path):
    build_plans(scheme, accounts)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export-scheme", "sw2015", "--output", str(first), verbosity=0)
    empty_database()
    call_command("import-scheme", str(first), verbosity=0)
    call_command("export-scheme", "sw2015", "--output", str(second), verbosity=0)
    assert second.read_bytes() == first.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "Opleiding €, ë" in text
    plan = Plan.objects.filter(title="Samen naar werk in Holland Rijnland").earliest("created_at")
    assert plan.created_at == MOMENT and plan.version == 3
    assert plan.commitments.get(status="committed").committed_by.username == "gemeente-leiden"
    assert AllocationRun.objects.count() == 2


def test_the_file_holds_what_the_format_promises(document):
    assert (document["format"], document["version"]) == ("sectorplan-scheme", 1)
    assert document["scheme"]["national_contribution_cents"] == 3_000_000_000
    assert document["scheme"]["cofinancing_ratio"] == "1.000"
    assert [r["code"] for r in document["regions"]] == sorted(
        r["code"] for r in document["regions"]
    )
    plan = document["plans"][0]
    assert (plan["region"], plan["state"], plan["created_at"]) == (
        "AM19",
        "submitted_to_municipality",
        "2015-06-20T09:30:15.123456Z",
    )
    assert [p["sw_company"] for p in plan["participants"]] == ["DZB Leiden", "MareGroep (Voorhout)"]
    assert plan["goals"][1]["planned_quantity"] == "12.50"
    assert plan["commitments"][0]["committed_by"] == "gemeente-leiden"
    assert plan["state_changes"][0]["actor"] == "bedrijf-dzb-leiden"
    assert [r["number"] for r in document["allocation_runs"]] == [1, 2]
    assert document["deadline_extensions"][0]["granted_by"] == "cedris"
    assert not {path[-1] for path in _paths(document) if path} & {"id", "pk", "plan"}


def test_missing_users_are_created_inactive_and_existing_ones_are_kept(document):
    User = get_user_model()
    User.objects.create_user("cedris", password="een-lang-wachtwoord")
    result = import_scheme(dumps(document))
    assert "cedris" not in result.created_users
    assert User.objects.get(username="cedris").is_active
    created = User.objects.get(username="gemeente-leiden")
    assert "gemeente-leiden" in result.created_users
    assert not created.is_active and not created.has_usable_password()


def test_a_database_that_is_not_empty_is_refused(scheme, accounts):
    build_plans(scheme, accounts)
    messages = refused(export_scheme(scheme))
    assert messages[0].startswith("De database is niet leeg")


def test_not_json_and_wrong_format_or_version(document):
    refused(b'{"format": ', "(bestand): geen geldige JSON op regel 1, kolom 12")
    refused(b'{"a": 1, "a": 2}', "(bestand): sleutel 'a' staat dubbel in een object")
    refused(b"[]", "(bestand): moet een JSON-object zijn ({...})")
    refused(
        {**document, "format": "csv"},
        'format: moet "sectorplan-scheme" zijn: dit is geen uitwisselbestand',
    )
    refused(
        {**document, "version": 2}, "version: versie 2 wordt niet ondersteund; deze versie leest 1"
    )


def test_negative_or_fractional_money_is_refused(document):
    document["plans"][0]["budget_lines"][0]["national_contribution_cents"] = -1
    document["plans"][1]["commitments"] = [
        {**document["plans"][0]["commitments"][0], "amount_cents": 12.5}
    ]
    refused(
        document,
        "plans[0].budget_lines[0].national_contribution_cents: moet een geheel getal >= 0 zijn",
        "plans[1].commitments[0].amount_cents: moet een geheel getal >= 1 zijn",
    )


def test_missing_and_unknown_fields(document):
    del document["plans"][0]["title"]
    document["regions"][0]["colour"] = "blauw"
    refused(document, "plans[0].title: ontbreekt", "regions[0].colour: onbekend veld")


def test_unknown_references(document):
    plan = document["plans"][0]
    plan["region"] = "AM99"
    plan["activities"][0]["activity_type"] = "breien"
    plan["participants"][0]["sw_company"] = "Onbekend BV"
    document["municipalities"][0]["region"] = "XX01"
    refused(
        document,
        "plans[0].region: onbekende regio 'AM99' (niet in regions)",
        "plans[0].activities[0].activity_type: onbekend activiteitstype 'breien' in thema "
        "'werknemers'",
        "plans[0].participants[0].sw_company: onbekend SW-bedrijf 'Onbekend BV' (niet in "
        "sw_companies)",
        "municipalities[0].region: onbekende regio 'XX01' (niet in regions)",
    )


def test_duplicates(document):
    document["regions"][1]["code"] = document["regions"][0]["code"]
    document["sw_companies"].append(copy.deepcopy(document["sw_companies"][0]))
    plan = document["plans"][0]
    plan["participants"].append(copy.deepcopy(plan["participants"][0]))
    last = len(document["sw_companies"]) - 1
    refused(
        document,
        "regions[1].code: 'AM01' komt dubbel voor (ook in regions[0])",
        f"sw_companies[{last}].name: '{document['sw_companies'][0]['name']}' komt dubbel voor "
        "(ook in sw_companies[0])",
        "plans[0].participants[2].sw_company: 'DZB Leiden' komt dubbel voor "
        "(ook in plans[0].participants[0])",
    )


def test_bad_dates_and_moments(document):
    activity = document["plans"][0]["activities"][0]
    activity["planned_start"] = "2015-02-30"
    document["plans"][0]["activities"][1]["planned_end"] = "2015-01-01"
    document["plans"][0]["created_at"] = "2015-06-20T09:30:15"
    date = 'moet een datum, bijv. "2015-07-01" zijn'
    moment = 'moet een tijdstip in ISO 8601 met tijdzone, bijv. "2015-06-30T10:00:00.000000Z" zijn'
    refused(
        document,
        f"plans[0].activities[0].planned_start: {date}",
        f"plans[0].created_at: {moment}",
    )
    document["plans"][0]["activities"][0]["planned_start"] = "2015-10-01"
    document["plans"][0]["created_at"] = "2015-06-20T11:30:15+02:00"
    refused(document, "plans[0].activities[1].planned_end: ligt voor planned_start (2015-10-01)")


@pytest.mark.parametrize("value", ["12,5", "1.234", "-1.00", "1e3", 12.5, "12345678901.00"])
def test_bad_decimals(document, value):
    document["municipalities"][3]["standard_units"] = value
    refused(
        document,
        "municipalities[3].standard_units: moet een decimaal getal >= 0 als tekst met hooguit "
        '2 decimalen, bijv. "1234.50" of null zijn',
    )


def test_invalid_states(document):
    document["plans"][0]["state"] = "verloren"
    document["plans"][0]["state_changes"][0]["to_state"] = "ergens"
    messages = refused(document)
    assert any(
        m.startswith("plans[0].state: moet een van deze waarden: concept, ") for m in messages
    )
    assert any(m.startswith("plans[0].state_changes[0].to_state: moet een van") for m in messages)


def test_committed_cofinancing_needs_its_moment(document):
    document["plans"][0]["commitments"][0]["committed_at"] = None
    refused(document, "plans[0].commitments[0].committed_at: is verplicht bij status 'committed'")


def test_a_region_never_requests_more_than_its_reservation(scheme, accounts):
    build_plans(scheme, accounts)
    reservation = region_reservation_cents(Region.objects.get(code="AM19"), scheme)
    document = export_scheme(scheme)
    empty_database()
    lines = document["plans"][1]["budget_lines"]
    lines[0]["national_contribution_cents"] = reservation - 200_000_00 + 1
    refused(
        document,
        "plans: de plannen van regio AM19 (plans[0], plans[1]) vragen samen "
        f"{format_euro(reservation + 1)} rijksbijdrage; de reservering in verdeling 2 is "
        f"{format_euro(reservation)}: € 0,01 te veel",
    )
    lines[0]["national_contribution_cents"] -= 1
    assert import_scheme(dumps(document)).counts["plans"] == 3


def test_all_problems_are_collected_up_to_fifty(document):
    for municipality in document["municipalities"]:
        municipality["region"] = "XX"
    messages = refused(document, "municipalities[0].region: onbekende regio 'XX' (niet in regions)")
    assert len(messages) == 51
    assert messages[-1].startswith("... en nog ") and messages[-1].endswith(" andere problemen.")


def test_attachments_are_listed_but_not_imported(scheme, accounts):
    plan = complete_plan(title="Met bijlage")
    Attachment.objects.create(
        plan=plan,
        file="attachments/2015/plan.pdf",
        original_name="begroting.pdf",
        content_type="application/pdf",
        size=1234,
        uploaded_by=accounts["bedrijf-dzb-leiden"],
    )
    document = export_scheme(scheme)
    (listed,) = document["plans"][0]["attachments"]
    assert (listed["original_name"], listed["size"], listed["uploaded_by"]) == (
        "begroting.pdf",
        1234,
        "bedrijf-dzb-leiden",
    )
    empty_database()
    result = import_scheme(dumps(document))
    assert result.skipped_attachments == ["AM19 Met bijlage: begroting.pdf"]
    assert not Attachment.objects.exists()


def test_the_command_refuses_an_invalid_file_with_status_2(document, tmp_path):
    document["plans"][0]["budget_lines"][0]["cofinancing_cents"] = -5
    path = tmp_path / "fout.json"
    path.write_text(dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import-scheme", str(path))
    assert error.value.returncode == 2
    assert "plans[0].budget_lines[0].cofinancing_cents: moet een geheel getal >= 0 zijn" in str(
        error.value
    )
    assert not Scheme.objects.exists()
    with pytest.raises(CommandError) as missing:
        call_command("import-scheme", str(tmp_path / "bestaat-niet.json"))
    assert missing.value.returncode == 2
    with pytest.raises(CommandError, match="Regeling 'onbekend' bestaat niet"):
        call_command("export-scheme", "onbekend")


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


# For each JSON type, values of other types; never null, which some fields accept.
WRONG = {
    str: [0, True, [], {}],
    int: ["1", 1.5, True, [], {}],
    bool: [0, "true", [], {}],
    type(None): [0, True, [], {}],
    list: [{}, "x", 0],
    dict: [[], "x", 0],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_field_of_the_wrong_type_is_refused_and_nothing_written(document, data):
    sections: dict[str, list[tuple]] = {}
    for path in _paths(document):
        if path:
            sections.setdefault(path[0], []).append(path)
    # Every section as likely as another, so 400 municipalities do not crowd out the plans.
    section = data.draw(st.sampled_from(sorted(sections)), label="section")
    path = data.draw(st.sampled_from(sections[section]), label="path")
    mutated = copy.deepcopy(document)
    parent = mutated
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = data.draw(st.sampled_from(WRONG[type(parent[path[-1]])]), label="value")
    messages = refused(mutated)
    assert any(m.startswith(f"{path_text(path)}: ") for m in messages), messages


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_the_documented_example_has_the_documented_structure():
    doc = Path(__file__).parents[4] / "docs" / "formats" / "scheme-exchange-v1.md"
    if not doc.exists():
        pytest.skip("the documentation is not beside the code (installed package)")
    example = doc.read_text(encoding="utf-8").split("```json\n", 1)[1].split("\n```", 1)[0]
    problems = Problems()
    check_structure(json.loads(example), problems)
    assert problems.messages() == []
