"""A later set of labour-market regions (issue 18): loaded as data with its source, beside the
2015 set, and a scheme divided over it reads only its own regions, from the allocation to the
pages, the API, the rights of a municipality and the exchange file."""

import csv
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sectorplan.accounts.policy import actor_for
from sectorplan.allocation.engine import allocate
from sectorplan.plans import services
from sectorplan.plans.completeness import region_statuses
from sectorplan.plans.exchange.definition import check_definition, define_scheme, definition_of
from sectorplan.plans.exchange.export import export_scheme
from sectorplan.plans.models import Plan
from sectorplan.plans.tests.test_scheme_definition import example_definition
from sectorplan.registry.loading import SchemeDataError
from sectorplan.registry.models import (
    DEFAULT_REGION_SET,
    Municipality,
    Region,
    RegionSet,
    Scheme,
    SwCompany,
)
from sectorplan.registry.region_sets import (
    _division,
    _division_in,
    load_region_set,
    region_set_dir,
)
from sectorplan.registry.selectors import region_standard_units

pytestmark = pytest.mark.django_db

LATER = "arbeidsmarktregios-2026"


def _codes(region_set: str) -> set[str]:
    return set(Region.objects.filter(region_set__slug=region_set).values_list("code", flat=True))


def later_definition(**changes) -> dict:
    """The shipped example, divided by SE over the 2026 regions."""
    definition = example_definition()
    del definition["region_weights"]
    return {
        **definition,
        "slug": "voorbeeld-2026",
        "name": "Voorbeeld over de regio's van 2026",
        "allocation_key": "standard_units",
        "region_set": LATER,
        **changes,
    }


@pytest.fixture
def later(scheme) -> RegionSet:
    return load_region_set(LATER).region_set


@pytest.fixture
def later_scheme(later):
    scheme, _created, _run = define_scheme(json.dumps(later_definition()))
    return scheme


def test_the_2026_set_loads_beside_2015_with_its_source(scheme, capsys):
    call_command("load-region-set", LATER)
    out = capsys.readouterr().out
    assert "Regio-indeling 'arbeidsmarktregios-2026' geladen: 35 regio's, 342 gemeenten" in out
    later = RegionSet.objects.get(slug=LATER)
    assert "ahrnuld/jobmarket" in later.source and "afgeleid" in later.source
    # Three regions changed code; the codes of 2015 are used again for the others.
    assert _codes(LATER) - _codes(DEFAULT_REGION_SET) == {"AM36", "AM37", "AM38"}
    assert _codes(DEFAULT_REGION_SET) - _codes(LATER) == {"AM04", "AM16", "AM31"}
    assert Region.objects.filter(region_set__slug=DEFAULT_REGION_SET).count() == 35
    assert Municipality.objects.filter(region_set__slug=DEFAULT_REGION_SET).count() == 393
    # One row per municipality per set; the later one belongs to the later region.
    leiden = Municipality.objects.filter(name="Leiden")
    assert sorted(m.region.region_set.slug for m in leiden) == [DEFAULT_REGION_SET, LATER]
    zwolle = Municipality.objects.get(name="Zwolle", region_set=later)
    assert zwolle.region.code == "AM36" and zwolle.region.central_municipality == zwolle
    # Companies keep serving the municipalities of the same name.
    dzb = SwCompany.objects.get(name="DZB Leiden")
    assert {m.region_set_id for m in dzb.municipalities.all()} == {scheme.region_set_id, later.pk}
    # A company known by its region only works in the region with the same centrumgemeente.
    robedrijf = SwCompany.objects.get(name="Robedrijf")
    assert {
        (r.region_set.slug, r.code) for r in robedrijf.regions_without_known_municipalities.all()
    } == {
        (DEFAULT_REGION_SET, "AM22"),
        (LATER, "AM22"),
    }
    # Merged municipalities have no known company yet: the command names them.
    assert "Dijk en Waard" in out and "Rotterdam" not in out.split("zonder bekend")[-1]
    assert later.schemes.count() == 0 and not scheme.region_set == later


def test_loading_again_changes_nothing(later):
    def state():
        return (
            sorted(Region.objects.values_list("region_set_id", "code", "central_municipality")),
            sorted(Municipality.objects.values_list("region_set_id", "name", "region_id")),
            sorted(SwCompany.municipalities.through.objects.values_list("pk", flat=True)),
        )

    before = state()
    again = load_region_set(LATER)
    assert state() == before and again.regions == 35


def test_a_broken_set_is_refused_whole_with_its_lines(scheme, tmp_path):
    folder = tmp_path / "indeling"
    folder.mkdir()
    (folder / "region_set.json").write_text(
        json.dumps({"slug": "kapot", "name": "Kapot", "source": "Test"}), encoding="utf-8"
    )
    (folder / "regions.csv").write_text(
        "code,name,centrumgemeente,member_gemeenten\n"
        "XA01,Een,Alfa,Alfa;Beta\n"
        "XA02,Twee,Gamma,Gamma;Beta\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="regel 3: Beta staat ook op regel 2"):
        call_command("load-region-set", str(folder))
    (folder / "region_set.json").write_text(json.dumps({"slug": "kapot"}), encoding="utf-8")
    with pytest.raises(SchemeDataError, match="mist name, source"):
        load_region_set(str(folder))
    with pytest.raises(CommandError, match="Onbekende regio-indeling 'nergens'"):
        call_command("load-region-set", "nergens")
    assert not RegionSet.objects.filter(slug="kapot").exists()
    assert not Region.objects.filter(code__startswith="XA").exists()


def test_a_scheme_over_the_later_set_is_divided_over_its_regions_only(scheme, later):
    definition = later_definition()
    assert not check_definition(definition)
    example, created, run = define_scheme(json.dumps(definition))
    assert created and example.region_set == later
    reservations = {r.region.code: r for r in run.reservations.select_related("region")}
    assert set(reservations) == _codes(LATER)
    assert all(r.region.region_set_id == later.pk for r in reservations.values())
    units = {u.region.code: u.standard_units for u in region_standard_units(later.pk)}
    expected = allocate(example.national_contribution_cents, sorted(units.items()))
    assert {code: r.amount_cents for code, r in reservations.items()} == expected
    assert run.uses_demo_units  # no SE of 2026 were found: demo figures, marked as such
    assert {s.region.code for s in region_statuses(example)} == _codes(LATER)
    assert {s.region.code for s in region_statuses(scheme)} == _codes(DEFAULT_REGION_SET)
    # Rule 4 per set: DZB Leiden works in AM19 of 2026 too, and is not covered there yet.
    leiden = next(s for s in region_statuses(example) if s.region.code == "AM19")
    assert "DZB Leiden" in {c.name for c in leiden.companies}
    assert "DZB Leiden" in {c.name for c in leiden.uncovered}
    # The definition it can be copied from names its set; sw2015's names none (the default).
    assert definition_of(example)["region_set"] == LATER
    assert "region_set" not in definition_of(scheme)


def test_the_definition_names_an_unknown_set_or_codes_of_another_set(scheme, later):
    problems = check_definition(later_definition(region_set="arbeidsmarktregios-2030"))
    assert any(
        message.startswith("region_set: is geen geladen regio-indeling")
        for message in problems.messages()
    )
    weights = dict.fromkeys(sorted(_codes(DEFAULT_REGION_SET)), "1")
    problems = check_definition(
        later_definition(
            allocation_key="region_weights",
            region_weights={"source": "Test", "is_demo": True, "weights": weights},
        )
    )
    messages = problems.messages()
    assert "region_weights.weights.AM04: is geen bekende regiocode" in messages
    assert any("mist AM36, AM37, AM38" in message for message in messages)


def test_a_plan_is_written_in_a_region_of_its_schemes_set(accounts, later_scheme):
    company = accounts["bedrijf-dzb-leiden"]
    old_leiden = Region.objects.get(region_set__slug=DEFAULT_REGION_SET, code="AM19")
    new_leiden = Region.objects.get(region_set=later_scheme.region_set, code="AM19")
    assert {old_leiden.pk, new_leiden.pk} <= actor_for(company).region_ids
    # The centrumgemeente is the same municipality in both sets: Leiden sees both regions.
    assert {old_leiden.pk, new_leiden.pk} <= actor_for(accounts["gemeente-leiden"]).region_ids
    assert new_leiden.pk not in actor_for(accounts["gemeente-utrecht"]).region_ids
    with pytest.raises(ValidationError) as refused:
        services.create_plan(
            user=company, scheme=later_scheme, region=old_leiden, title="Fout", summary="x"
        )
    assert "hoort niet bij de regio-indeling" in str(refused.value.message_dict["region"])
    plan = services.create_plan(
        user=company, scheme=later_scheme, region=new_leiden, title="Goed", summary="x"
    )
    assert plan.region.region_set == later_scheme.region_set


def test_the_api_reads_a_region_code_in_the_schemes_set(client, accounts, later_scheme):
    client.force_login(accounts["bedrijf-dzb-leiden"])

    def create(scheme: str, region: str):
        body = {"scheme": scheme, "region": region, "title": f"{scheme} {region}", "summary": "x"}
        return client.post("/api/v1/plans/", body, content_type="application/json")

    later_plan = create("voorbeeld-2026", "AM19")
    assert later_plan.status_code == 201, later_plan.content
    plan = Plan.objects.get(pk=later_plan.json()["id"])
    assert plan.region.region_set_id == later_scheme.region_set_id
    first = create("sw2015", "AM19")
    assert first.status_code == 201
    assert Plan.objects.get(pk=first.json()["id"]).region.region_set.slug == DEFAULT_REGION_SET
    # AM36 exists only in 2026: for sw2015 it is no region at all.
    refused = create("sw2015", "AM36")
    assert refused.status_code == 400 and "region" in refused.json()


def test_the_pages_of_the_later_scheme_show_its_regions(client, accounts, later_scheme):
    client.force_login(accounts["cedris"])
    budget = client.get("/regelingen/voorbeeld-2026/budget/").content.decode()
    assert "AM36" in budget and "AM04" not in budget
    regions = client.get("/plannen/regios/?regeling=voorbeeld-2026").content.decode()
    assert "Regio Zwolle" in regions and "AM04" not in regions
    region_map = client.get("/monitoring/activiteiten/voorbeeld-2026/kaart/").content.decode()
    assert "Geen grenzen bij deze regio-indeling" in region_map and "AM38" in region_map
    assert "CBS/PDOK" not in region_map  # no boundaries drawn, so none credited
    extensions = client.get("/plannen/uitstel/?regeling=voorbeeld-2026").content.decode()
    assert "AM36" in extensions and "AM04" not in extensions
    listing = client.get("/plannen/?regeling=voorbeeld-2026").content.decode()
    assert "AM36" in listing


def test_the_exchange_file_carries_the_set_and_only_its_regions(later_scheme):
    data = export_scheme(later_scheme)
    assert data["scheme"]["region_set"]["slug"] == LATER
    assert {r["code"] for r in data["regions"]} == _codes(LATER)
    assert len(data["municipalities"]) == 342
    dzb = next(c for c in data["sw_companies"] if c["name"] == "DZB Leiden")
    assert "Leiden" in dzb["municipalities"]


def test_good_practices_and_the_directory_keep_to_the_sets(accounts, later_scheme):
    from sectorplan.meetings import selectors as meeting_selectors
    from sectorplan.meetings import services as meeting_services

    old_leiden = Region.objects.get(region_set__slug=DEFAULT_REGION_SET, code="AM19")
    with pytest.raises(ValidationError) as refused:
        meeting_services.create_good_practice(
            user=accounts["cedris"],
            scheme=later_scheme,
            title="Werkgeversservicepunt",
            description="Samen met de gemeente.",
            activity_types=[],
            region=old_leiden,
        )
    assert "hoort niet bij de regio-indeling" in str(refused.value.message_dict["region"])
    # Plans past the drafts in AM19 of both sets: the directory offers AM19 once.
    for region_set in (DEFAULT_REGION_SET, LATER):
        region = Region.objects.get(region_set__slug=region_set, code="AM19")
        scheme = later_scheme if region_set == LATER else Scheme.objects.get(slug="sw2015")
        Plan.objects.create(
            scheme=scheme, region=region, title=region_set, state="submitted_to_cedris"
        )
    codes = [region.code for region in meeting_selectors.directory_regions()]
    assert codes.count("AM19") == 1


def test_a_scheme_on_the_later_set_goes_through_the_exchange_file_unchanged(later_scheme):
    from sectorplan.plans.exchange.export import dumps
    from sectorplan.plans.exchange.importer import import_scheme
    from sectorplan.plans.tests.test_exchange import empty_database

    first = dumps(export_scheme(later_scheme))
    empty_database()
    RegionSet.objects.create(slug=LATER, name="Leeg", source="Nog niets geladen")
    result = import_scheme(first.encode())
    assert result.scheme.region_set.slug == LATER
    assert RegionSet.objects.count() == 1  # only the set the file names
    assert dumps(export_scheme(result.scheme)) == first


TOWNS = [f"Gemeente {letter}" for letter in "ABCDEFGHIJKL"]


@st.composite
def divisions(draw) -> list[dict[str, str]]:
    """Regions XA01.. with disjoint, non-empty member lists and a centre among them (or none)."""
    towns = draw(st.permutations(TOWNS))
    cuts = sorted(draw(st.sets(st.integers(1, len(towns) - 1), max_size=4)))
    groups = [towns[a:b] for a, b in zip([0, *cuts], [*cuts, len(towns)], strict=True)]
    rows = []
    for number, members in enumerate(groups, start=1):
        centre = draw(st.sampled_from([*members, ""]))
        rows.append(
            {
                "code": f"XA{number:02d}",
                "name": f"Regio {number}",
                "centrumgemeente": centre,
                "member_gemeenten": ";".join(members),
            }
        )
    return rows


def _write_set(folder, rows) -> str:
    folder.mkdir(exist_ok=True)
    about = {"slug": "proef", "name": "Proefindeling", "source": "Test"}
    (folder / "region_set.json").write_text(json.dumps(about), encoding="utf-8")
    with (folder / "regions.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["code", "name", "centrumgemeente", "member_gemeenten"])
        writer.writeheader()
        writer.writerows(rows)
    return str(folder)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=divisions(), second=divisions(), clash=st.sampled_from(TOWNS))
def test_a_set_is_loaded_as_its_file_says_and_a_broken_file_changes_nothing(
    db, tmp_path, first, second, clash
):
    folder = tmp_path / "proef"
    load_region_set(_write_set(folder, first))
    # A corrected file replaces the division while no scheme uses the set.
    load_region_set(_write_set(folder, second))
    region_set = RegionSet.objects.get(slug="proef")
    assert _division(region_set) == _division_in(second)
    # A municipality in two regions is refused whole; the division stays as it was.
    broken = [*second, {**second[0], "code": "XA99", "member_gemeenten": clash}]
    with pytest.raises(SchemeDataError, match=f"{clash} staat ook op regel"):
        load_region_set(_write_set(folder, broken))
    assert _division(region_set) == _division_in(second)


def test_a_set_in_use_keeps_its_regions(later_scheme, tmp_path):
    shipped = region_set_dir(LATER)
    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "region_set.json").write_bytes((shipped / "region_set.json").read_bytes())
    lines = (shipped / "regions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "regions.csv").write_text("".join(lines), encoding="utf-8")
    load_region_set(str(folder))  # the same division again: allowed
    (folder / "regions.csv").write_text("".join(lines[:-1]), encoding="utf-8")  # AM38 left out
    with pytest.raises(SchemeDataError, match="wordt al gebruikt door voorbeeld-2026"):
        load_region_set(str(folder))
    assert Region.objects.filter(region_set=later_scheme.region_set, code="AM38").exists()


def test_an_open_scheme_may_move_to_another_set_until_it_has_plans(accounts, later_scheme):
    definition = later_definition()
    del definition["region_set"]
    moved, created, run = define_scheme(json.dumps(definition))
    assert not created and moved.region_set.slug == DEFAULT_REGION_SET
    assert run is not None and run.number == 2  # the reservations follow the regions
    assert set(run.reservations.values_list("region__code", flat=True)) == _codes(
        DEFAULT_REGION_SET
    )
    region = Region.objects.get(region_set=moved.region_set, code="AM19")
    services.create_plan(
        user=accounts["bedrijf-dzb-leiden"], scheme=moved, region=region, title="x", summary="x"
    )
    with pytest.raises(SchemeDataError, match="haar regio-indeling verandert niet meer"):
        define_scheme(json.dumps(later_definition()))
    moved.refresh_from_db()
    assert moved.region_set.slug == DEFAULT_REGION_SET


@pytest.mark.parametrize(
    ("about", "csv_text", "expected"),
    [
        ("[1, 2]", "code,name,centrumgemeente,member_gemeenten\n", "moet een object zijn"),
        ('{"slug": "a b", "name": "N", "source": "S"}', "", "slug is 1 tot 50"),
        ("{", "", "niet te lezen"),
        (
            '{"slug": "x", "name": "N", "source": "S"}',
            "code,name\nXA01,Een\n",
            "kolom(men) centrumgemeente, member_gemeenten ontbreken",
        ),
        (
            '{"slug": "x", "name": "N", "source": "S"}',
            "code,name,centrumgemeente,member_gemeenten\nXA01,Een,,A\nXA01,Twee,Q,B\n"
            "XA0123456,,,\n",
            "regel 3: code XA01 staat ook op regel 2\nregel 3: centrumgemeente Q is geen lid\n"
            "regel 4: code en name zijn verplicht\nregel 4: code is langer dan 8 tekens\n"
            "regel 4: geen gemeenten",
        ),
    ],
)
def test_a_hostile_set_is_refused_with_every_problem(scheme, tmp_path, about, csv_text, expected):
    (tmp_path / "region_set.json").write_text(about, encoding="utf-8")
    (tmp_path / "regions.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(SchemeDataError) as refused:
        load_region_set(str(tmp_path))
    assert expected in str(refused.value)
    assert RegionSet.objects.count() == 1  # the 2015 set only: nothing half-loaded


def test_a_file_that_is_not_utf8_is_refused(scheme, tmp_path):
    (tmp_path / "region_set.json").write_text('{"slug": "x", "name": "N", "source": "S"}')
    (tmp_path / "regions.csv").write_bytes("code,name\nXA01,Fryslân\n".encode("latin-1"))
    with pytest.raises(SchemeDataError, match="niet te lezen"):
        load_region_set(str(tmp_path))


def test_the_api_lists_the_sets_and_names_each_schemes_set(client, accounts, later_scheme):
    client.force_login(accounts["cedris"])
    sets = {s["slug"]: s for s in client.get("/api/v1/region-sets/").json()}
    assert sets[LATER]["regions"] == 35 and sets[LATER]["schemes"] == 1
    assert "ahrnuld/jobmarket" in sets[LATER]["source"]
    schemes = {s["slug"]: s for s in client.get("/api/v1/schemes/").json()}
    assert schemes["voorbeeld-2026"]["region_set"] == LATER
    assert schemes["sw2015"]["region_set"] == DEFAULT_REGION_SET
