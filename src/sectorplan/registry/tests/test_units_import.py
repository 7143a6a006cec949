from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sectorplan.allocation.models import AllocationRun
from sectorplan.allocation.selectors import budget
from sectorplan.registry.models import Municipality, Region
from sectorplan.registry.selectors import region_standard_units


def region_file(tmp_path, *, dutch=False, skip=(), extra_rows=(), value="100"):
    codes = [r.code for r in Region.objects.order_by("code") if r.code not in skip]
    if dutch:
        lines = ["code;naam;se"] + [f"{c};Regio {c};{value}" for c in codes] + list(extra_rows)
        data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    else:
        lines = ["code,se"] + [f"{c},{value}" for c in codes] + list(extra_rows)
        data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "se.csv"
    path.write_bytes(data)
    return path


def snapshot():
    return (
        list(
            Municipality.objects.order_by("pk").values_list(
                "standard_units", "standard_units_is_demo"
            )
        ),
        list(Region.objects.order_by("pk").values_list("standard_units", "standard_units_is_demo")),
        AllocationRun.objects.count(),
    )


def test_region_figures_replace_demo_figures_and_make_a_new_run(scheme, tmp_path):
    call_command(
        "import-units", region_file(tmp_path, dutch=True, value="1.234,50"), source="Test 2015"
    )
    units = region_standard_units()
    assert {u.standard_units for u in units} == {Decimal("1234.50")}
    assert not any(u.is_demo for u in units)
    assert units[0].source == "Test 2015"
    result = budget(scheme)
    assert result.run.number == 2 and not result.is_demo
    # 35 equal weights: 3,000,000,000 cents / 35 = 85,714,285 rest 25: AM01..AM25 get one more.
    amounts = {r.code: r.reserved_cents for r in result.rows}
    assert amounts["AM01"] == amounts["AM25"] == 85_714_286
    assert amounts["AM26"] == amounts["AM35"] == 85_714_285
    assert result.reserved_cents == 3_000_000_000


def test_municipality_figures_sum_per_region(scheme, tmp_path):
    names = list(Municipality.objects.order_by("name").values_list("name", flat=True))
    lines = ["gemeente;se"] + [f"{name};2,5" for name in names]
    path = tmp_path / "gemeenten.csv"
    path.write_bytes(("\r\n".join(lines)).encode("cp1252"))
    call_command("import-units", path, source="Gemeentecijfers")
    groningen = next(u for u in region_standard_units() if u.region.code == "AM01")
    assert groningen.standard_units == Decimal("2.5") * 27
    assert not groningen.is_demo
    assert not Region.objects.filter(standard_units__isnull=False).exists()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"skip": ("AM07",)}, "mist 1 regio"),
        ({"extra_rows": ("AM99,5",)}, "onbekende regio 'AM99'"),
        ({"extra_rows": ("AM01,5",)}, "dubbel"),
        ({"value": "-1"}, "kolom"),
        ({"value": "1.5", "dutch": True}, "kolom"),
    ],
)
def test_bad_files_change_nothing(scheme, tmp_path, kwargs, message):
    before = snapshot()
    with pytest.raises(CommandError, match=message) as raised:
        call_command("import-units", region_file(tmp_path, **kwargs), source="x")
    assert raised.value.returncode == 2
    assert "Er is niets gewijzigd" in str(raised.value)
    assert snapshot() == before


def test_a_source_is_required(scheme, tmp_path):
    with pytest.raises(CommandError):
        call_command("import-units", region_file(tmp_path), source="  ")
