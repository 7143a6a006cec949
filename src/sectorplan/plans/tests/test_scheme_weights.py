"""A scheme divided by a weight per region from a CSV instead of SE (issue 18): the rules its
definition must satisfy, the CSV it is read from, and the allocation that follows it."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sectorplan.allocation.engine import allocate
from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.definition import check_definition, definition_of
from sectorplan.plans.exchange.weights import weights_from_csv
from sectorplan.registry.models import Region, Scheme

from .test_scheme_definition import EXAMPLE, EXAMPLE_WEIGHTS, _write, example_definition

pytestmark = pytest.mark.django_db


def _weights_in_csv() -> dict[str, int]:
    rows = csv.DictReader(io.StringIO(EXAMPLE_WEIGHTS.read_text(encoding="utf-8")))
    return {row["code"]: int(row["gewicht"]) for row in rows}


def test_the_example_is_divided_by_its_weights_to_the_cent(scheme, client, accounts):
    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    example = Scheme.objects.get(slug="voorbeeld-2016")
    assert example.uses_region_weights and example.weights_are_demo
    weights = _weights_in_csv()
    assert len(weights) == Region.objects.count() == 35

    run = example.allocation_runs.get(number=1)
    reservations = {r.region.code: r for r in run.reservations.select_related("region")}
    expected = allocate(example.national_contribution_cents, sorted(weights.items()))
    assert {code: r.amount_cents for code, r in reservations.items()} == expected
    assert {code: int(r.standard_units) for code, r in reservations.items()} == weights
    assert run.uses_demo_units
    # sw2015 is still divided by SE: its run does not move.
    assert scheme.allocation_runs.get(number=1).reservations.count() == 35

    client.force_login(accounts["cedris"])
    page = client.get("/regelingen/voorbeeld-2016/budget/").content.decode()
    assert "naar rato van het gewicht dat de regeling haar geeft" in page
    assert "De gewichten in deze tabel zijn een voorbeeld" in page
    assert ">Gewicht<" in page
    xlsx = client.get("/regelingen/voorbeeld-2016/budget.xlsx").content
    cells = [cell for row in load_workbook(io.BytesIO(xlsx)).active.values for cell in row]
    assert "Gewicht" in cells and "SE" not in cells
    assert ">SE<" in client.get("/regelingen/sw2015/budget/").content.decode()
    # A scheme made from a definition has no data folder: its map uses the shared regions'.
    region_map = client.get("/monitoring/activiteiten/voorbeeld-2016/kaart/").content.decode()
    assert region_map.count('<path class="region') >= 35


def test_every_broken_weight_rule_is_named_in_one_go(scheme):
    data = example_definition()
    weights = data["region_weights"]["weights"]
    del weights["AM19"]
    weights["AM99"] = "3"
    weights["AM01"] = "-2"
    weights["AM02"] = "1.234"
    messages = check_definition(data).messages()
    assert "region_weights.weights.AM99: is geen bekende regiocode" in messages
    assert any(m.startswith("region_weights.weights: mist AM19") for m in messages)
    assert any(
        m.startswith("region_weights.weights.AM01: moet een decimaal getal") for m in messages
    )
    assert any(
        m.startswith("region_weights.weights.AM02: moet een decimaal getal") for m in messages
    )

    zero = example_definition()
    zero["region_weights"]["weights"] = dict.fromkeys(weights, "0")
    assert "region_weights.weights: alle gewichten zijn 0" in check_definition(zero).messages()

    without = example_definition()
    del without["region_weights"]
    assert "region_weights: ontbreekt (allocation_key is region_weights)" in (
        check_definition(without).messages()
    )
    by_units = example_definition() | {"allocation_key": "standard_units"}
    assert "region_weights: hoort alleen bij allocation_key region_weights" in (
        check_definition(by_units).messages()
    )


def test_the_command_refuses_a_broken_csv_with_its_lines(scheme, tmp_path):
    broken = tmp_path / "gewichten.csv"
    broken.write_text("code;gewicht\nAM01;3\nAM01;4\nAM02;veel\n", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("create-scheme", str(EXAMPLE), "--weights", str(broken))
    text = str(refused.value)
    assert "er is niets gewijzigd" in text
    assert "gewichten, regel 3: regio AM01 staat al op regel 2" in text
    assert "Regel 4, kolom 'gewicht'" in text
    assert not Scheme.objects.filter(slug="voorbeeld-2016").exists()


def test_a_weight_csv_may_use_a_decimal_comma():
    assert weights_from_csv(b"regiocode;gewicht\nam01;1.234,5\nAM02;7\n") == {
        "AM01": "1234.50",
        "AM02": "7.00",
    }
    with pytest.raises(ExchangeError):
        weights_from_csv(b"regio;aantal\nAM01;3\n")


def test_new_weights_on_an_open_scheme_make_a_new_run_and_the_copy_keeps_them(scheme, tmp_path):
    definition = example_definition()
    call_command("create-scheme", str(_write(tmp_path, definition)))
    example = Scheme.objects.get(slug="voorbeeld-2016")

    copied = definition_of(example)
    assert not check_definition(copied), check_definition(copied).messages()
    assert copied["region_weights"]["weights"]["AM01"] == "27.00"

    copied["region_weights"]["weights"]["AM01"] = "270"
    call_command("create-scheme", str(_write(tmp_path, copied)))
    runs = list(example.allocation_runs.order_by("number"))
    assert [run.number for run in runs] == [1, 2]
    first, second = (run.reservations.get(region__code="AM01").amount_cents for run in runs)
    assert second > first

    # The same file again changes nothing that is divided: no third run.
    call_command("create-scheme", str(_write(tmp_path, json.loads(json.dumps(copied)))))
    assert example.allocation_runs.count() == 2


def test_the_exchange_format_carries_the_weights(scheme, tmp_path):
    from .test_exchange import empty_database

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export-scheme", "voorbeeld-2016", "--output", str(first), verbosity=0)
    exported = json.loads(first.read_text(encoding="utf-8"))["scheme"]["region_weights"]
    assert exported["is_demo"] and exported["weights"]["AM01"] == "27.00"

    empty_database()
    call_command("import-scheme", str(first), verbosity=0)
    call_command("export-scheme", "voorbeeld-2016", "--output", str(second), verbosity=0)
    assert second.read_bytes() == first.read_bytes()
    imported = Scheme.objects.get(slug="voorbeeld-2016")
    assert imported.region_weights.count() == 35 and imported.weights_source


def test_each_schemes_national_report_counts_its_own_plans(scheme):
    from sectorplan.monitoring.models import NationalReport
    from sectorplan.monitoring.national_report import compile_data
    from sectorplan.plans.states import PlanState
    from sectorplan.registry.models import ActivityType, MilestoneKind

    from .factories import ActivityFactory, PlanFactory

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    example = Scheme.objects.get(slug="voorbeeld-2016")
    secondment = ActivityType.objects.get(theme__scheme=example, code="detachering")
    ActivityFactory(
        plan=PlanFactory(scheme=example, state=PlanState.IN_EXECUTION), activity_type=secondment
    )
    for _ in range(2):
        ActivityFactory(plan=PlanFactory(scheme=scheme, state=PlanState.IN_EXECUTION))

    def counted(of: Scheme) -> tuple[int, set[str]]:
        data = compile_data(NationalReport(scheme=of, kind=MilestoneKind.INTERIM_REPORT_1))
        return data["expected"], {t.type.code for t in data["types"] if t.plans}

    own, types = counted(example)
    assert own == 1 and secondment.code in types
    own, types = counted(scheme)
    assert own == 2 and secondment.code not in types


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["AM01", "am02", "AM99", "", "AM01 "]),
            st.one_of(
                st.decimals(allow_nan=False, allow_infinity=False).map(str),
                st.text(alphabet="0123456789,.-e ", max_size=45),
            ),
        ),
        max_size=6,
    ),
    st.sampled_from([",", ";"]),
)
@example(rows=[("AM01", "9" * 35)], delimiter=";")
def test_any_weight_csv_is_read_or_refused_with_its_lines(rows, delimiter):
    """Hostile input: whatever the cells hold, the reader answers with weights or with named
    lines, never with a crash (a 35-digit number once made quantize() raise)."""
    text = (
        "code"
        + delimiter
        + "gewicht\n"
        + "".join(f'"{code}"{delimiter}"{weight}"\n' for code, weight in rows)
    )
    try:
        weights = weights_from_csv(text.encode())
    except ExchangeError as error:
        assert error.messages and all(m.startswith("gewichten") for m in error.messages)
    else:
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in weights.items())


def test_an_exchange_file_of_a_weighted_scheme_needs_its_weights(scheme):
    from sectorplan.plans.exchange.export import export_scheme
    from sectorplan.plans.exchange.importer import import_scheme

    from .test_exchange import empty_database

    call_command("create-scheme", str(EXAMPLE), "--weights", str(EXAMPLE_WEIGHTS))
    data = export_scheme(Scheme.objects.get(slug="voorbeeld-2016"))
    del data["scheme"]["region_weights"]
    empty_database()
    with pytest.raises(ExchangeError) as refused:
        import_scheme(json.dumps(data).encode())
    assert (
        "scheme.region_weights: ontbreekt (allocation_key is region_weights)"
        in refused.value.messages
    )
