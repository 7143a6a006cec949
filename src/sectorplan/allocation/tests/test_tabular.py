"""The CSV reader: both dialects, both encodings, every refusal, and properties."""

import codecs
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sectorplan.tabular import Row, Table, TabularError, parse_decimal, read_table

COLUMNS = {"code": ("code",), "name": ("name", "naam"), "weight": ("weight", "se")}


def read(text: str, encoding: str = "utf-8", **kwargs) -> Table:
    return read_table(text.encode(encoding), COLUMNS, **kwargs)


def weights(table: Table) -> list[Decimal]:
    return [
        parse_decimal(row.values["weight"], table=table, line=row.line, column="weight")
        for row in table.rows
    ]


# --- reading ---------------------------------------------------------------------------------


def test_plain_comma_separated_file():
    table = read('code,name,weight\nAM01,Groningen,1234.5\nAM02,"Den Haag, e.o.",7\n')
    assert (table.delimiter, table.decimal_comma) == (",", False)
    assert table.rows == [
        Row(line=2, values={"code": "AM01", "name": "Groningen", "weight": "1234.5"}),
        Row(line=3, values={"code": "AM02", "name": "Den Haag, e.o.", "weight": "7"}),
    ]
    assert weights(table) == [Decimal("1234.5"), Decimal(7)]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_dutch_excel_file(encoding):
    text = "Code ; NAAM ;SE\r\nAM01;Súdwest-Fryslân;1.234,5\r\nAM02;Den Haag é;7,25\r\n"
    table = read(text, encoding)
    assert (table.delimiter, table.decimal_comma) == (";", True)
    assert [r.values["name"] for r in table.rows] == ["Súdwest-Fryslân", "Den Haag é"]
    assert weights(table) == [Decimal("1234.5"), Decimal("7.25")]
    assert table.headers == {"code": "Code", "name": "NAAM", "weight": "SE"}


def test_tab_separated_file_uses_decimal_comma():
    table = read("code\tnaam\tse\nAM01\tGroningen\t1,5\n")
    assert (table.delimiter, table.decimal_comma) == ("\t", True)
    assert weights(table) == [Decimal("1.5")]


@pytest.mark.parametrize(
    ("text", "delimiter", "value"),
    [
        ("sep=;\r\ncode;naam;se\r\nA;b;1,5\r\n", ";", "1.5"),
        ("SEP=,\ncode,name,se\nA,b,1.5\n", ",", "1.5"),
    ],
)
def test_excel_sep_line_names_the_separator(text, delimiter, value):
    table = read(text)
    assert (table.delimiter, table.rows[0].line) == (delimiter, 3)
    assert weights(table) == [Decimal(value)]


def test_error_survives_pickling():
    error = pickle.loads(pickle.dumps(TabularError("kapot", line=3, column="se")))
    assert (str(error), error.line, error.column) == ("Regel 3, kolom 'se': kapot", 3, "se")


def test_line_numbers_are_physical_lines_and_blank_lines_are_skipped():
    text = '\ncode;naam;se\n\n;;\nAM01;"twee\nregels";1\n  \nAM02;b;x\n'
    with pytest.raises(TabularError) as caught:
        weights(read(text))
    assert caught.value.line == 8
    assert [r.line for r in read(text).rows] == [5, 8]
    assert read(text).rows[0].values["name"] == "twee\nregels"


def test_extra_columns_are_ignored_and_cells_stripped():
    table = read("opmerking, CODE ,se,naam\nzomaar,  AM01 , 3 ,x\n")
    assert table.rows[0].values == {"code": "AM01", "name": "x", "weight": "3"}


def test_optional_column_may_be_missing_or_blank():
    table = read("code,weight\nAM01,3\n", required=["code", "weight"])
    assert table.rows[0].values == {"code": "AM01", "weight": "3"}
    table = read("code,name,weight\nAM01,,3\n", required=["code", "weight"])
    assert table.rows[0].values["name"] == ""


def test_error_message_names_line_and_column():
    table = read("code;naam;se\nA;a;1\nB;b;2\nC;c;1.5\n")
    row = table.rows[2]
    with pytest.raises(TabularError) as caught:
        parse_decimal(row.values["weight"], table=table, line=row.line, column="weight")
    error = caught.value
    assert (error.line, error.column) == (4, "se")
    assert str(error).startswith(
        "Regel 4, kolom 'se': '1.5' is geen getal dat eenduidig te lezen is."
    )
    assert error.message.startswith("'1.5' is geen getal")


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (b"", None, "leeg"),
        (b"\r\n  \n;;;\n", None, "leeg"),
        (b"code,name,weight\n", None, "alleen een kopregel"),
        (b"code,name,weight\n\n,,\n", None, "alleen een kopregel"),
        ("code,name,weight\nA,b,1".encode("utf-16"), None, "Onleesbare tekencodering"),
        ("code,name,weight\nA,b,1".encode("utf-16-le"), None, "Onleesbare tekencodering"),
        (codecs.BOM_UTF16_LE + b"code", None, "Onleesbare tekencodering"),
        (b"code,name,weight\nA,\x81,1\n", None, "Onleesbare tekencodering"),
        (codecs.BOM_UTF8 + b"code,name,weight\nA,\xe9,1\n", None, "Onleesbare tekencodering"),
        (b"PK\x03\x04\x14\x00", None, "Excel-werkmap"),
        (b"code,name\nA,b\n", 1, "kolom 'weight' ontbreekt"),
        (b"code|naam|se\nA|b|1\n", 1, "puntkomma, komma of tab"),
        (b"code,name,naam,weight\nA,b,c,1\n", 1, "2 keer"),
        (b"code,name,weight\nA,b,1\nB,c\n", 3, "verwacht 3 velden"),
        (b"code,name,weight\nA,b,1\nB,c,1,\n", 3, "verwacht 3 velden"),
        (b"code,name,weight\nA,b,1\n ,c,1\n", 3, "leeg"),
        (b"code,name,weight\nA,b,\n", 2, "leeg"),
        (b'code,name,weight\nA,"b"x,1\n', 2, "geen geldige CSV"),
        (b'code,name,weight\nA,"b,1\n', 2, "geen geldige CSV"),
    ],
)
def test_refuses(data, line, fragment):
    with pytest.raises(TabularError, match=fragment) as caught:
        read_table(data, COLUMNS)
    assert caught.value.line == line


def test_refuses_a_file_over_the_limit():
    with pytest.raises(TabularError, match="te groot: 1.001 bytes, hoogstens 1.000"):
        read_table(b"code,name,weight\n" + b"x" * 984, COLUMNS, max_bytes=1000)


def test_blank_cell_error_names_the_column_as_headed():
    with pytest.raises(TabularError) as caught:
        read("code;naam;SE\nA;b;\n")
    assert str(caught.value) == "Regel 2, kolom 'SE': deze cel is leeg."


POINT = read("code,name,weight\nA,b,1\n")
COMMA = read("code;name;weight\nA;b;1\n")


@pytest.mark.parametrize(
    ("table", "text", "value"),
    [
        (POINT, "0", "0"),
        (POINT, " 1234.50 ", "1234.50"),
        (POINT, "007", "7"),
        (POINT, "-3.5", "-3.5"),
        (COMMA, "1234", "1234"),
        (COMMA, "1234,5", "1234.5"),
        (COMMA, "1.234", "1234"),
        (COMMA, "1.234,50", "1234.50"),
        (COMMA, "12.345.678,9", "12345678.9"),
        (COMMA, "-0,25", "-0.25"),
    ],
)
def test_parse_decimal_accepts(table, text, value):
    parsed = parse_decimal(text, table=table, line=2, column="weight")
    assert parsed == Decimal(value)
    assert parsed.as_tuple() == Decimal(value).as_tuple()  # decimals kept as written


@pytest.mark.parametrize(
    ("table", "text"),
    [
        *((POINT, t) for t in ["1,5", "1,234.5", "1.", ".5", "1e3", "1 000", "+1", "", "NaN"]),
        *((POINT, t) for t in ["١٢", "１２", "1.2.3", "--1", "€ 12", "1" * 101]),
        *((COMMA, t) for t in ["1.5", "1.23", "1.2345", "1,", ",5", "1.234.5", "12.34,5"]),
        *((COMMA, t) for t in ["1,2,3", "1.234.56", "1234.567", "Infinity", "0x10", "1_000"]),
    ],
)
def test_parse_decimal_refuses(table, text):
    with pytest.raises(TabularError, match="geen getal") as caught:
        parse_decimal(text, table=table, line=7, column="weight")
    assert (caught.value.line, caught.value.column) == (7, "weight")


# --- properties ------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=8).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=10**12, places=places, allow_nan=False, allow_infinity=False
    )
)


def dutch(value: Decimal, *, grouped: bool) -> str:
    whole, _, fraction = format(value, "f").partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", ".")
    return whole + ("," + fraction if fraction else "")


@given(amounts)
def test_every_dialect_reads_back_the_same_value(value):
    for table, text in [
        (POINT, format(value, "f")),
        (COMMA, dutch(value, grouped=False)),
        (COMMA, dutch(value, grouped=True)),
    ]:
        parsed = parse_decimal(text, table=table, line=2, column="weight")
        assert parsed == value
        assert parsed.as_tuple().exponent == min(0, value.as_tuple().exponent)


@given(st.lists(st.tuples(st.text(min_size=1), amounts), min_size=1, max_size=10), st.data())
def test_whole_files_round_trip_in_both_dialects(entries, data):
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    names = [
        "".join(c for c in name if c in "abcé ,;\"'x-âú").strip() or "n" for name, _ in entries
    ]
    for separator in [",", ";"]:
        lines = [separator.join(["code", "naam", "se"])]
        for i, (name, (_, value)) in enumerate(zip(names, entries, strict=True)):
            number = format(value, "f") if separator == "," else dutch(value, grouped=i % 2 == 0)
            quoted = '"' + name.replace('"', '""') + '"'
            lines.append(separator.join([f"R{i}", quoted, number]))
        table = read("\r\n".join(lines) + "\r\n", encoding)
        assert [r.values["name"] for r in table.rows] == names
        assert weights(table) == [value for _, value in entries]


@given(st.binary(max_size=400))
def test_random_bytes_only_ever_raise_tabular_error(data):
    for prefix in [b"", b"code;naam;se\n", b"code,name,weight\r\n"]:
        try:
            table = read_table(prefix + data, COLUMNS)
        except TabularError:
            continue
        for row in table.rows:
            try:
                parse_decimal(row.values["weight"], table=table, line=row.line, column="weight")
            except TabularError:
                pass


@given(st.text(max_size=40))
def test_random_text_only_ever_parses_or_raises_tabular_error(text):
    for table in (POINT, COMMA):
        try:
            assert isinstance(parse_decimal(text, table=table, line=1, column="x"), Decimal)
        except TabularError:
            pass
