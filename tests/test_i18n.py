"""The translation table: both languages have every label, and formats follow the language."""

from __future__ import annotations

from datetime import date

from generator.formatting import format_day, format_number, format_quantity, format_signed
from generator.i18n import labels


def test_both_languages_have_the_same_labels():
    danish, english = labels("da"), labels("en")
    assert set(danish) == set(english)
    for key, value in danish.items():
        assert type(value) is type(english[key]), key
        if isinstance(value, list):
            assert len(value) == len(english[key]), key


def test_danish_numbers_and_dates():
    assert format_number(1310) == "1.310"
    assert format_number(2.5) == "2,5"
    assert format_number(-40) == "−40"
    assert format_signed(140) == "+140"
    assert format_quantity(25, "%") == "25 %"
    assert format_day(date(2018, 3, 14)) == "14. marts 2018"


def test_english_numbers_and_dates():
    assert format_number(1310, "en") == "1,310"
    assert format_quantity(25, "%", "en") == "25%"
    assert format_day(date(2018, 3, 14), "en") == "14 March 2018"
