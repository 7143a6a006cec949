"""`sectorplan allocate`: output formats, Dutch Excel files, and exit status 2 on bad input.

None of these tests has database access (pytest-django would refuse it): the command must not
need a database.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

DATA = Path(__file__).parent / "data"
PLAIN = DATA / "weights-plain.csv"
EXCEL_FILES = [DATA / "weights-excel-nl-cp1252.csv", DATA / "weights-excel-nl-utf8-bom.csv"]

# Hand-checked: EUR 6,000,000.00 = 600,000,000 cents over seven equal weights (and one zero):
# 600,000,000 / 7 = 85,714,285.71 cents; the floors leave 5 cents, and with seven equal
# remainders they go to the five smallest codes, AM01 .. AM05. AM06 and AM07 get the floor.
EXPECTED_CSV = """\
code,name,weight,amount
AM07,Zeven,1234.5,857142.85
AM03,Súdwest-Fryslân,1234.5,857142.86
AM01,Groningen,1234.5,857142.86
AM06,"Den Haag, é",1234.5,857142.85
AM02,Twee,1234.5,857142.86
AM08,Leeg,0,0.00
AM05,Vijf,1234.5,857142.86
AM04,Vier,1234.5,857142.86
"""


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("allocate", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "sectorplan.settings",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "sectorplan.cli", "allocate", *args],
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_csv_output_hand_checked():
    assert run("--total", "6000000.00", "--weights", str(PLAIN), "--format", "csv") == (
        EXPECTED_CSV
    )


@pytest.mark.parametrize("path", EXCEL_FILES, ids=lambda p: p.name)
def test_dutch_excel_file_gives_the_same_result(path):
    assert run("--total", "6000000", "--weights", str(path), "--format", "csv") == EXPECTED_CSV


def test_json_output():
    rows = json.loads(run("--total", "6000000.00", "--weights", str(PLAIN), "--format", "json"))
    assert rows[:2] == [
        {"code": "AM07", "name": "Zeven", "weight": "1234.5", "amount": "857142.85"},
        {"code": "AM03", "name": "Súdwest-Fryslân", "weight": "1234.5", "amount": "857142.86"},
    ]
    assert [r["amount"] for r in rows] == [
        line.rsplit(",", 1)[1] for line in EXPECTED_CSV.splitlines()[1:]
    ]


def test_table_output_is_aligned_with_a_total_line():
    lines = run("--total", "6000000.00", "--weights", str(PLAIN)).splitlines()
    assert lines[0].split() == ["code", "naam", "gewicht", "bedrag", "(EUR)"]
    assert lines[2].split() == ["AM07", "Zeven", "1234.5", "857142.85"]
    assert lines[-1].split() == ["Totaal", "(8)", "8641.5", "6000000.00"]
    # Amounts are right-aligned: they all end in the same column.
    assert len({len(line) for line in lines[2:-2]}) == 1


def test_weights_keep_their_decimals_and_a_total_in_cents(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("code;naam;se\nA;a;1.000,50\nB;b;0,5\n", encoding="utf-8")
    # 0.01 EUR over 1000.50 : 0.5 -> quotas 0.9995 and 0.0005 cents: 1 and 0.
    assert run("--total", "0.01", "--weights", str(path), "--format", "csv") == (
        "code,name,weight,amount\nA,a,1000.50,0.01\nB,b,0.5,0.00\n"
    )


def test_name_column_is_optional(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("code,weight\nA,1\nB,3\n", encoding="utf-8")
    assert run("--total", "1", "--weights", str(path), "--format", "csv") == (
        "code,name,weight,amount\nA,,1,0.25\nB,,3,0.75\n"
    )


# --- bad input: message on stderr, status 2, nothing on stdout --------------------------------

BAD_FILES = {
    "missing column": (b"code,name\nA,a\n", "kolom 'weight' ontbreekt"),
    "unreadable number": (b"code;naam;se\nA;a;1\nB;b;1.5\n", "Regel 3, kolom 'se': '1.5'"),
    "ambiguous comma": (b'code,name,weight\nA,a,"1,5"\n', "Regel 2, kolom 'weight'"),
    "negative": (b"code,name,weight\nA,a,1\nB,b,-2\n", "Regel 3, kolom 'weight': het gewicht"),
    "duplicate code": (b"code,name,weight\nA,a,1\nA,b,1\n", "staat ook al op regel 2"),
    "all zero": (b"code,name,weight\nA,a,0\nB,b,0.00\n", "Alle gewichten zijn nul"),
    "empty file": (b"", "leeg"),
    "header only": (b"code,name,weight\r\n", "alleen een kopregel"),
    "bad encoding": ("code,name,weight\nA,a,1\n".encode("utf-16"), "tekencodering"),
    "wrong field count": (b"code,name,weight\nA,a,1,2\n", "Regel 2: verwacht 3 velden"),
    "blank weight": (b"code,name,weight\nA,a,\n", "Regel 2, kolom 'weight': deze cel is leeg"),
}
BAD_TOTALS = {
    "comma total": ("30000000,00", "decimale punt"),
    "three decimals": ("1.001", "hoogstens twee decimalen"),
    "negative total": ("-5", "niet negatief"),
    "exponent": ("1e6", "Ongeldig totaal"),
    "empty total": ("", "Ongeldig totaal"),
    "huge total": ("1" * 16, "Ongeldig totaal"),
}


def bad_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    cases = {}
    for name, (data, fragment) in BAD_FILES.items():
        path = tmp_path / f"{name.replace(' ', '-')}.csv"
        path.write_bytes(data)
        cases[name] = (["--total", "100", "--weights", str(path)], fragment)
    for name, (total, fragment) in BAD_TOTALS.items():
        cases[name] = ([f"--total={total}", "--weights", str(PLAIN)], fragment)
    cases["missing file"] = (
        ["--total", "100", "--weights", str(tmp_path / "nope.csv")],
        "Bestand niet gevonden",
    )
    cases["directory"] = (["--total", "100", "--weights", str(tmp_path)], "is een map")
    return cases


ALL_BAD = [*BAD_FILES, *BAD_TOTALS, "missing file", "directory"]


@pytest.mark.parametrize("case", ALL_BAD)
def test_bad_input_raises_command_error_with_status_2(case, tmp_path):
    args, fragment = bad_cases(tmp_path)[case]
    out = io.StringIO()
    with pytest.raises(CommandError, match=fragment) as caught:
        call_command("allocate", *args, stdout=out, stderr=io.StringIO())
    assert caught.value.returncode == 2
    assert out.getvalue() == ""


@pytest.mark.parametrize("case", ALL_BAD)
def test_bad_input_exits_with_status_2_and_empty_stdout(case, tmp_path):
    args, fragment = bad_cases(tmp_path)[case]
    done = run_cli(*args, "--format", "csv")
    assert done.returncode == 2
    assert done.stdout == b""
    assert fragment in done.stderr.decode("utf-8")


def test_command_line_success_and_usage_errors():
    done = run_cli("--total", "6000000.00", "--weights", str(PLAIN), "--format", "csv")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("utf-8").replace("\r\n", "\n") == EXPECTED_CSV
    # argparse's own usage errors exit with 2 as well.
    assert run_cli("--total", "1").returncode == 2
    assert run_cli("--total", "1", "--weights", str(PLAIN), "--format", "xml").returncode == 2
