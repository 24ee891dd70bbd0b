"""Numbers and dates the way the reader's language writes them ("1.310", "25 %", "14. marts 2018").

The patterns come from Babel's locale data and the translation table, so this
module holds no language knowledge of its own.
"""

from __future__ import annotations

from datetime import date

from babel.numbers import format_decimal

from .i18n import t
from .periods import Period, display_period, parse_period

BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}
PERCENT_UNITS = {"%", "pct.", "procent"}


def format_number(value: float | None, language: str = "da", decimals: int | None = None) -> str:
    """A number with the language's grouping and decimal marks: 1310 → '1.310', 2.5 → '2,5'."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=BABEL_LOCALES[language])
    # Babel writes a hyphen-minus; the typographic minus reads better in tables and charts.
    return text.replace("-", "−") if text not in ("-0", "−0") else "0"


def format_signed(value: float | None, language: str = "da") -> str:
    """A difference with its sign always shown: '+140', '−40', '0'."""
    if value is None:
        return "–"
    text = format_number(value, language)
    return f"+{text}" if value > 0 else text


def format_quantity(value: float | None, unit: str | None, language: str = "da") -> str:
    """A number with its unit where the unit is a percent sign: '25 %'; other units are named elsewhere."""
    if value is None:
        return "–"
    number = format_number(value, language)
    if unit and unit.strip() in PERCENT_UNITS:
        return t("number.percent", language, value=number)
    return number


def format_day(day: date, language: str = "da", context_year: int | None = None) -> str:
    """'14. marts 2018' (or '14. marts' within its own year's context)."""
    return display_period(parse_period(day.isoformat()), language, context_year=context_year)


def format_period(period: Period | None, language: str = "da", context_year: int | None = None, short: bool = False) -> str:
    """A period for display, or the label for 'not scheduled'."""
    if period is None:
        return t("period.unscheduled", language)
    return display_period(period, language, context_year=context_year, short=short)
