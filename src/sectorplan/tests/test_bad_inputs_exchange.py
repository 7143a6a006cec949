"""Every hand-made bad exchange file (bad_inputs/exchange) and generated extremes, through
import_scheme and the `import-scheme` command: ExchangeError with a clear Dutch message that
points into the file, and an empty database stays empty."""

import pytest
from django.core.management import CommandError, call_command

from sectorplan.plans.exchange import ExchangeError
from sectorplan.plans.exchange.importer import import_scheme

from .bad_input_support import assert_clear, corpus, fingerprint, ids, read

EXCHANGE = corpus("exchange")

GENERATED = [
    pytest.param(lambda: b"[" * 200_000 + b"]" * 200_000, "te diep genest", id="nesting-200k"),
    pytest.param(lambda: b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "te diep", id="objects-50k"),
    pytest.param(lambda: b'"' + b"x" * 3_000_000 + b'"', "JSON-object", id="string-3MB"),
    pytest.param(lambda: b"1" * 100_000, "te lang getal", id="digits-100k"),
    pytest.param(
        lambda: "\ufeff{}".encode("utf-8"), "geen uitwisselbestand", id="bom-empty-object"
    ),
]


def refused(raw, expect: str) -> None:
    before = fingerprint()
    with pytest.raises(ExchangeError) as caught:
        import_scheme(raw)
    for message in caught.value.messages:
        assert_clear(message, "")
    assert_clear("\n".join(caught.value.messages), expect)
    assert fingerprint() == before


@pytest.mark.parametrize("entry", EXCHANGE, ids=ids(EXCHANGE))
def test_corpus_file_is_refused(db, entry):
    refused(read(entry), entry["expect"])


@pytest.mark.parametrize("make, expect", GENERATED)
def test_generated_file_is_refused(db, make, expect):
    refused(make(), expect)


@pytest.mark.parametrize(
    "entry", EXCHANGE[:1] + EXCHANGE[-3:], ids=ids(EXCHANGE[:1] + EXCHANGE[-3:])
)
def test_corpus_file_is_refused_by_the_command(db, tmp_path, entry):
    path = tmp_path / "regeling.json"
    path.write_bytes(read(entry))
    before = fingerprint()
    with pytest.raises(CommandError) as caught:
        call_command("import-scheme", path)
    assert caught.value.returncode == 2
    assert "er is niets gewijzigd" in str(caught.value)
    assert_clear(str(caught.value), entry["expect"])
    assert fingerprint() == before


def test_a_text_given_as_str_is_checked_as_well(db):
    refused('{"format": "sectorplan-scheme", "version": 1, "x": "\ud800"}', "ongeldig teken")


def test_the_corpus_is_large_enough():
    assert len(EXCHANGE) >= 20
