"""Numbers and dates the way the reader's language writes them ("1.310", "25 %", "14. marts 2018").

The patterns come from Babel's locale data and the translation table, so this
module holds no language knowledge of its own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from .i18n import t
from .periods import Period, display_period, parse_period

BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}
PERCENT_UNITS = {"%", "pct.", "procent"}


@cache
def _symbols(language: str) -> tuple[str, str, str]:
    """The language's grouping mark, decimal mark and minus sign, from Babel's locale data."""
    locale = BABEL_LOCALES[language]
    return get_group_symbol(locale), get_decimal_symbol(locale), get_minus_sign_symbol(locale)


_QUANTUM = [Decimal(1).scaleb(-places) for places in range(10)]


@lru_cache(maxsize=65536)
def format_number(value: float | None, language: str = "da", decimals: int | None = None) -> str:
    """A number with the language's grouping and decimal marks: 1310 → '1.310', 2.5 → '2,5'.

    The same as Babel's ``format_decimal`` with the pattern ``#,##0.##`` (as many ``#`` as
    ``decimals``): half-even rounding of the decimal text, trailing zeros dropped. Written out
    here because Babel takes 0.1 ms a number and a national site prints hundreds of thousands
    (``tests/test_numbers.py`` compares the two); cached because the same figures recur.
    """
    if value is None:
        return "–"
    whole = float(value).is_integer()
    if whole and -_LARGE_FLOAT < value < _LARGE_FLOAT and not isinstance(value, Decimal):
        # A whole number (most figures) shows no decimals whatever ``decimals`` allows: grouped digits.
        group, _, minus = _symbols(language)
        digits = f"{abs(int(value)):,}".replace(",", group)
        return minus.replace("-", "−") + digits if value < 0 else digits
    if decimals is None:
        decimals = 0 if whole else 2
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite() or decimals >= len(_QUANTUM) or abs(number) >= _LARGE:
        return _babel_number(number, language, decimals)
    group, point, minus = _symbols(language)
    integer, _, fraction = f"{abs(number).normalize().quantize(_QUANTUM[decimals]):f}".partition(".")
    fraction = fraction.rstrip("0")
    text = integer if len(integer) <= 3 else _grouped(integer, group)
    if fraction:
        text += point + fraction
    if number.is_signed() and text != "0":
        # Babel writes a hyphen-minus; the typographic minus reads better in tables and charts.
        text = minus.replace("-", "−") + text
    return text


_LARGE = Decimal(10) ** 15
_LARGE_FLOAT = 1e15


def _grouped(digits: str, group: str) -> str:
    head = len(digits) % 3 or 3
    return group.join([digits[:head], *(digits[index:index + 3] for index in range(head, len(digits), 3))])


def _babel_number(value: Decimal, language: str, decimals: int) -> str:
    """Babel's own formatting, for what the fast path leaves to it (infinities, huge numbers)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=BABEL_LOCALES[language])
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
