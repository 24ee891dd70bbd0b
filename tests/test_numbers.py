"""Number cells: Danish and English spellings, missing values, and the ambiguous '1.310'."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.numbers import NumberError, parse_number

EXPECTED = "a number such as 1234,5 or 1234.5"


def rejects(text: object) -> str:
    with pytest.raises(NumberError) as caught:
        parse_number(text)  # type: ignore[arg-type]
    return str(caught.value)


@pytest.mark.parametrize("text", ["", " ", "\t", "\u00a0", " \n "])
def test_empty_cells_are_missing_not_zero(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("0", 0.0),
    ("42", 42.0),
    ("007", 7.0),
    ("1234.5", 1234.5),
    ("1234,5", 1234.5),
    ("1.234,5", 1234.5),
    ("1.234.567", 1234567.0),
    ("1.234.567,89", 1234567.89),
    ("-40", -40.0),
    ("+140", 140.0),
    ("\u2212140", -140.0),  # typographic minus
    ("1 234", 1234.0),
    ("1\u00a0234", 1234.0),  # no-break space
    ("1\u202f234", 1234.0),  # narrow no-break space
    ("12 345 678", 12345678.0),
    ("1 234,5", 1234.5),
    ("1 234.5", 1234.5),
    ("  42 ", 42.0),
    ("0.125", 0.125),
    ("12.5", 12.5),
    ("1.31", 1.31),
    ("1.3100", 1.31),
    ("1234.567", 1234.567),  # four digits before the dot cannot be a thousands group
    ("0,5", 0.5),
    ("-1,5", -1.5),
])
def test_accepted_spellings(text, value):
    result = parse_number(text)
    assert result == value
    assert type(result) is float


def test_minus_zero_is_plain_zero():
    for text in ("-0", "-0,0", "\u22120", "-0.000"):
        result = parse_number(text)
        assert result == 0.0 and math.copysign(1, result) == 1  # type: ignore[arg-type]


def test_single_dot_before_three_digits_is_ambiguous():
    assert rejects("1.310") == "'1.310' is ambiguous: write 1310 (thousands) or 1,31 (decimal)"
    assert rejects("-12.345") == "'-12.345' is ambiguous: write -12345 (thousands) or -12,345 (decimal)"
    assert rejects("1.000") == "'1.000' is ambiguous: write 1000 (thousands) or 1,0 (decimal)"
    assert "ambiguous" in rejects("999.999")


@pytest.mark.parametrize("text", [
    "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "1e3", "1E-5", "0x10", "1_000", "abc", "12 kr", "12%",
    "1,234.5", "1.234.56", "1,2,3", ",5", ".5", "5.", "5,", "- 5", "++5", "+-5", "--5",
    "1  234", "12 34", "1 2345", "١٢", "½", "1.2.3", "1 234.567,8",
])
def test_not_plain_decimal_numbers(text):
    assert rejects(text) == f"{text!r} is not a plain decimal number: expected {EXPECTED}"


def test_too_large_numbers():
    assert "too large" in rejects("9" * 400)
    assert "too large" in rejects(10**400)
    assert len(rejects("1" * 10_000)) < 200  # the message quotes a shortened cell


def test_numbers_already_read_by_yaml_pass_through():
    # repr(1.125) looks like an ambiguous cell, but a float is already a number.
    assert parse_number(1.125) == 1.125
    assert parse_number(7) == 7.0 and type(parse_number(7)) is float
    assert math.copysign(1, parse_number(-0.0)) == 1  # type: ignore[arg-type]
    assert "not a finite number" in rejects(float("nan"))
    assert "not a finite number" in rejects(float("inf"))


def test_other_types_are_refused():
    rejects(True)
    rejects(None)
    rejects(["1"])


# ---------------------------------------------------------------- properties

FINITE = st.floats(allow_nan=False, allow_infinity=False)


def danish(value: float, thousands: str = ".") -> str:
    """``value`` in full positional notation, Danish style: 1.234.567,89 (no exponent, no rounding)."""
    english = f"{Decimal(repr(value)):,f}"  # repr is the shortest text that reads back to the same float
    return english.replace(",", "\0").replace(".", ",").replace("\0", thousands)


@settings(max_examples=500)
@given(FINITE)
def test_danish_formatting_reads_back(value):
    assert parse_number(danish(value)) == value


@settings(max_examples=500)
@given(FINITE, st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_space_grouped_formatting_reads_back(value, space):
    assert parse_number(danish(value, thousands=space)) == value


@settings(max_examples=500)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_read_back(number):
    assert parse_number(str(number)) == number
    assert parse_number(f"{number:,}".replace(",", " ")) == number
    dotted = f"{number:,}".replace(",", ".")
    if 1000 <= abs(number) < 1_000_000:  # one dot, three digits after it: 1.310
        with pytest.raises(NumberError, match="ambiguous"):
            parse_number(dotted)
    else:
        assert parse_number(dotted) == number


@settings(max_examples=500)
@given(FINITE)
def test_english_decimal_reads_back_unless_ambiguous(value):
    text = f"{Decimal(repr(value)):f}"
    integer, _, fraction = text.lstrip("-").partition(".")
    if len(fraction) == 3 and len(integer) <= 3 and int(integer):
        with pytest.raises(NumberError, match="ambiguous"):
            parse_number(text)
    else:
        assert parse_number(text) == value


@settings(max_examples=500)
@given(st.text())
def test_any_text_is_a_number_missing_or_a_number_error(text):
    try:
        result = parse_number(text)
    except NumberError as error:
        assert str(error)
    else:
        if result is None:
            assert not text.strip()
        else:
            assert type(result) is float and math.isfinite(result)
            assert math.copysign(1, result) == 1 or result != 0


NUMBER_PIECES = ["0", "1", "12", "310", "999", "1234", ".", ",", " ", "\u00a0", "-", "+", "\u2212", "e"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=8).map("".join))
def test_number_like_text_is_a_number_missing_or_a_number_error(text):
    # Built from the grammar's own characters, so it reaches the separator rules, not just the first check.
    try:
        result = parse_number(text)
    except NumberError:
        return
    assert result is None or math.isfinite(result)
