"""Every hand-made bad SE file (bad_inputs/units, listed in manifest.json) and a few generated
huge ones, through the service and the `import-units` command: a clear Dutch message naming the
problem, and not one row changed anywhere (audit log and allocation runs included)."""

import pytest
from django.core.management import CommandError, call_command

from sectorplan.registry.units import UnitsImportError, import_standard_units
from sectorplan.tabular import TabularError, read_table

from .bad_input_support import assert_clear, corpus, fingerprint, ids, read

UNITS = corpus("units")


def _huge_file() -> bytes:
    row = "AM01;1,5\r\n"
    return ("code;se\r\n" + row * (6_000_000 // len(row))).encode()


def _long_line() -> bytes:  # one cell longer than the csv module's field limit
    return b"code,se\nAM01," + b"1" * 200_000 + b"\n"


def _many_columns() -> bytes:
    header = ",".join(f"k{i}" for i in range(50_000))
    return f"code,se,{header}\n".encode() + b"AM01,12" + b",x" * 50_000 + b"\n"


GENERATED = [
    pytest.param(_huge_file, "te groot", id="huge-6MB"),
    pytest.param(_long_line, "geen geldige CSV", id="long-line-200k"),
    pytest.param(_many_columns, "Het bestand mist 34 regio", id="50000-columns"),
]


def refused(data: bytes, expect: str) -> None:
    before = fingerprint()
    with pytest.raises(UnitsImportError) as caught:
        import_standard_units(data, source="Proefbron", actor=None)
    assert_clear(str(caught.value), expect)
    assert fingerprint() == before


@pytest.mark.parametrize("entry", UNITS, ids=ids(UNITS))
def test_corpus_file_is_refused_by_the_service(scheme, entry):
    refused(read(entry), entry["expect"])


@pytest.mark.parametrize("make, expect", GENERATED)
def test_generated_huge_file_is_refused(scheme, make, expect):
    refused(make(), expect)


@pytest.mark.parametrize(
    "name", ["formula-hyperlink-se.csv", "utf16-le-bom.csv", "beyond-field.csv", "empty.csv"]
)
def test_corpus_file_is_refused_by_the_command(scheme, tmp_path, name):
    (entry,) = [e for e in UNITS if e["file"] == f"units/{name}"]
    path = tmp_path / name
    path.write_bytes(read(entry))
    before = fingerprint()
    with pytest.raises(CommandError) as caught:
        call_command("import-units", path, source="Proefbron")
    assert caught.value.returncode == 2
    assert_clear(str(caught.value), entry["expect"])
    assert "Er is niets gewijzigd." in str(caught.value)
    assert fingerprint() == before


@pytest.mark.parametrize("entry", UNITS, ids=ids(UNITS))
def test_the_reader_alone_raises_only_its_error(entry):
    """read_table is pure: whatever the file, it returns a table or raises TabularError."""
    columns = {"code": ("code",), "units": ("se",)}
    try:
        read_table(read(entry), columns, required=["units"])
    except TabularError as error:
        assert_clear(str(error), "")


def test_the_corpus_is_large_enough():
    assert len(UNITS) >= 40


@pytest.mark.parametrize("entry", corpus("units_cli"), ids=ids(corpus("units_cli")))
def test_file_the_service_takes_but_the_allocation_cannot_is_refused_whole(scheme, tmp_path, entry):
    """The command imports and divides in one transaction: a file the engine cannot divide by
    leaves the old figures and runs."""
    path = tmp_path / "se.csv"
    path.write_bytes(read(entry))
    before = fingerprint()
    with pytest.raises(CommandError) as caught:
        call_command("import-units", path, source="Proefbron")
    assert_clear(str(caught.value), entry["expect"])
    assert fingerprint() == before
