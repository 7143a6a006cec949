from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sectorplan.money import cents_to_string, format_decimal, format_euro


def test_examples():
    assert format_euro(123456789) == "€ 1.234.567,89"
    assert format_euro(5) == "€ 0,05"
    assert format_euro(-100) == "€ -1,00"
    assert format_euro(123456789, "en") == "€1,234,567.89"
    assert cents_to_string(85714286) == "857142.86"
    assert cents_to_string(-5) == "-0.05"
    assert format_decimal(Decimal("7410.25"), 2) == "7.410,25"
    assert format_decimal(Decimal("0.0610934552") * 100, 2, "en") == "6.11"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_machine_notation_round_trips(cents):
    assert Decimal(cents_to_string(cents)) * 100 == cents


@given(st.integers(min_value=0, max_value=10**15))
def test_dutch_notation_round_trips(cents):
    text = format_euro(cents).removeprefix("€ ")
    assert Decimal(text.replace(".", "").replace(",", ".")) * 100 == cents
