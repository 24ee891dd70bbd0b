"""The period grammar: every date-like field in plans and KPI data, read as a closed interval of days.

Plans are typed by hand in Danish habits ("uge 16 17.04", "3kv19-2kv20", "14. marts 2018"), so the
parser is tolerant about spelling and whitespace but strict about meaning: a week that does not
exist, a date outside the week it is said to fall in, or a range that runs backwards is an error,
never a silent guess. Every Period carries a canonical text that parses back to the same Period;
that text is what the rest of the generator stores, compares and writes.

The module is pure: no files, no clock. "This year" always arrives as ``default_year`` (the plan's
``year``), and labels for display come from the translation table in :mod:`generator.i18n`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import cache, lru_cache
from typing import Literal

from generator.i18n import LANGUAGES, labels, t

PeriodKind = Literal["day", "week", "week_date", "month", "quarter", "half", "year", "range", "week_alternatives"]


class PeriodError(ValueError):
    """A period text that cannot be read; the message says what was expected and what was found."""


@dataclass(frozen=True, kw_only=True)
class Period:
    """A closed interval of days plus enough structure to print it the way it was meant."""

    kind: PeriodKind
    start: date  # first day, inclusive
    end: date  # last day, inclusive
    year: int  # calendar year, or ISO year for weeks; for ranges/alternatives the year of the first end
    number: int | None  # week, month, quarter or half number; None for day, year and range
    canonical: str  # parse_period(canonical) == self
    first: Period | None = None  # the two ends of a range or of week alternatives
    last: Period | None = None
    day: date | None = None  # the dated day of a 'week_date'

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# ---------------------------------------------------------------- building blocks

def _check_year(year: int) -> None:
    if not MINYEAR <= year <= MAXYEAR:
        raise PeriodError(f"year {year} is out of range: expected a year from {MINYEAR} to {MAXYEAR}")


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the last ISO week of its year."""
    _check_year(year)
    return date(year, 12, 28).isocalendar().week


def iso_week_monday(year: int, week: int) -> date:
    """The Monday that starts ISO week ``week`` of ISO year ``year``."""
    if week < 1:
        raise PeriodError(f"week {week} does not exist: ISO weeks are numbered from 1")
    if week > (count := weeks_in_year(year)):
        raise PeriodError(f"week {week} does not exist: {year} has {count} ISO weeks")
    return date.fromisocalendar(year, week, 1)


def _day(d: date) -> Period:
    return Period(kind="day", start=d, end=d, year=d.year, number=None, canonical=d.isoformat())


def _week(year: int, week: int) -> Period:
    monday = iso_week_monday(year, week)
    if monday > date.max - timedelta(days=6):  # the last ISO week of 9999 ends in year 10000
        raise PeriodError(f"week {week} of {year} ends after {date.max.isoformat()}, the last supported day")
    return Period(kind="week", start=monday, end=monday + timedelta(days=6), year=year, number=week,
                  canonical=f"{year:04d}-W{week:02d}")


def _months(kind: PeriodKind, year: int, number: int, first_month: int, last_month: int, canonical: str) -> Period:
    _check_year(year)
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(kind=kind, start=date(year, first_month, 1), end=end, year=year, number=number, canonical=canonical)


def _month(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"month {month} does not exist: months are numbered 1 to 12")
    return _months("month", year, month, month, month, f"{year:04d}-{month:02d}")


def _quarter(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise PeriodError(f"quarter {quarter} does not exist: a year has quarters 1 to 4")
    return _months("quarter", year, quarter, 3 * quarter - 2, 3 * quarter, f"{year:04d}-Q{quarter}")


def _half(year: int, half: int) -> Period:
    if half not in (1, 2):
        raise PeriodError(f"half {half} does not exist: a year has halves 1 and 2")
    return _months("half", year, half, 6 * half - 5, 6 * half, f"{year:04d}-H{half}")


def _year(year: int) -> Period:
    _check_year(year)
    return Period(kind="year", start=date(year, 1, 1), end=date(year, 12, 31), year=year, number=None,
                  canonical=f"{year:04d}")


def _range(first: Period, last: Period) -> Period:
    # A range must run forwards; overlapping ends ("2019..2019-Q4") would mean something other
    # than what "start of A to end of B" suggests, so they are refused rather than interpreted.
    if last.start <= first.end:
        raise PeriodError(f"the range must run forwards: {last.canonical} does not come after {first.canonical}")
    return Period(kind="range", start=first.start, end=last.end, year=first.year, number=None,
                  canonical=f"{first.canonical}..{last.canonical}", first=first, last=last)


def _try_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # also for years outside 1..9999
        return None


def _date(year: int, month: int, day: int, text: str) -> date:
    _check_year(year)
    if (found := _try_date(year, month, day)) is None:
        raise PeriodError(f"{text!r} is not a valid date")
    return found


# ---------------------------------------------------------------- the grammar

Groups = dict[str, str | None]
Builder = Callable[[Groups, str, int | None], "Period | None"]

_EXPECTED = (
    "expected a day (2018-03-14, 14.03.2018, 14. marts 2018), a week (2018-W12, uge 12 2018, 16 17.04), "
    "week alternatives (uge 12/13), a month (2018-03, marts 2018), a quarter (2019-Q3, 3kv19), "
    "a half year (2024-H1), a year (2024) or a range (2023-2026, 3kv19-2kv20, 2018-W12..2018-W20)"
)


def _year_of(groups: Groups, text: str, default_year: int | None) -> int:
    written = groups.get("year")
    if written is not None:
        # Two-digit years only occur in Danish quarter shorthand (3kv19) and mean this century.
        return 2000 + int(written) if len(written) == 2 else int(written)
    if default_year is None:
        raise PeriodError(f"{text!r} has no year: write the year in it, or give the plan a `year`")
    return default_year


def _number(groups: Groups) -> int:
    return int(groups["number"] or 0)


def _build_day(groups: Groups, text: str, default_year: int | None) -> Period:
    month = _month_number(groups["name"]) if groups.get("name") else int(groups["month"] or 0)
    if not 1 <= month <= 12:
        raise PeriodError(f"{text!r} is not a valid date: month {month} does not exist")
    return _day(_date(_year_of(groups, text, default_year), month, int(groups["day"] or 0), text))


def _build_month(groups: Groups, text: str, default_year: int | None) -> Period:
    month = _month_number(groups["name"]) if groups.get("name") else _number(groups)
    return _month(_year_of(groups, text, default_year), month)


def _build_week(groups: Groups, text: str, default_year: int | None) -> Period:
    return _week(_year_of(groups, text, default_year), _number(groups))


def _build_week_date(groups: Groups, text: str, default_year: int | None) -> Period | None:
    day_text = groups["date"] or ""
    numbers = [int(part) for part in re.split(r"[-.]", day_text)]
    if len(numbers) == 3:
        year, month, day = numbers if "-" in day_text else numbers[::-1]
        if written := _try_date(year, month, day):
            # A full date settles the year of a bare week number: "1 31.12.2018" is week 1 of 2019.
            default_year = written.isocalendar().year
    week = _match(_week_forms(), groups["week"] or "", default_year)
    if week is None:
        return None  # "marts 17.04" is not a dated week; let the caller report the whole text
    if len(numbers) == 3:
        found = _date(year, month, day, day_text)
    else:
        # Without a year the date belongs to whichever year puts it inside the week, so
        # "1 31.12" in a 2019 plan is Monday 31 December 2018, the first day of week 1 of 2019.
        day, month = numbers
        candidates = [_try_date(y, month, day) for y in (week.year, week.year - 1, week.year + 1)]
        inside = [d for d in candidates if d is not None and week.contains(d)]
        found = inside[0] if inside else _date(week.year, month, day, day_text)
    if not week.contains(found):
        iso = found.isocalendar()
        where = f"week {iso.week}" if iso.year == week.year else f"week {iso.week} of {iso.year}"
        raise PeriodError(f"{day_text} is in {where}, not week {week.number}")
    return Period(kind="week_date", start=found, end=found, year=week.year, number=week.number,
                  canonical=f"{week.canonical} {found.isoformat()}", day=found)


def _build_alternatives(groups: Groups, text: str, default_year: int | None) -> Period:
    year = _year_of(groups, text, default_year)
    a, b = int(groups["first"] or 0), int(groups["last"] or 0)
    if a == b:
        raise PeriodError(f"{text!r} names week {a} twice: expected two different weeks such as 12/13")
    first = _week(year, a)
    # A lower second number is the next year, as in "52/1" over New Year. Far apart it is more
    # likely a typo ("13/12"), so the wrap is only accepted for weeks close to each other.
    last = _week(year, b) if b > a else _week(year + 1, b)
    if b < a and last.start - first.start > timedelta(weeks=8):
        raise PeriodError(f"{text!r} lists week {b} after week {a}: write the earlier week first, as in 12/13")
    return Period(kind="week_alternatives", start=first.start, end=last.end, year=year, number=a,
                  canonical=f"{first.canonical}/{b:02d}", first=first, last=last)


def _lift(make: Callable[[int, int], Period]) -> Builder:
    """A builder for the forms that are just a year and a number (quarters, halves)."""
    return lambda groups, text, default_year: make(_year_of(groups, text, default_year), _number(groups))


@cache
def _month_names() -> dict[str, int]:
    # Month names come from the translation table (both languages, full and short), so that
    # every displayed day or month reads back in, and there is one list of names to maintain.
    names: dict[str, int] = {}
    for language in LANGUAGES:
        table = labels(language)
        for key in ("period.months", "period.months_short"):
            for index, name in enumerate(table[key]):
                names[name.lower().rstrip(".")] = index + 1
    return names


def _month_number(name: str | None) -> int:
    return _month_names()[name or ""]


def _compile(pattern: str) -> re.Pattern[str]:
    # Longest names first, so "marts" is not read as "mar" followed by garbage.
    months = "|".join(re.escape(name) for name in sorted(_month_names(), key=len, reverse=True))
    # ASCII: a period's digits are 0-9 only; "١٢" is not week 12.
    return re.compile(pattern.replace("MONTH", months), re.ASCII)


_Y = r"(?P<year>\d{4})"
_OPTIONAL_Y = r"(?: (?P<year>\d{4}))?"
_WEEK_WORD = r"(?:uge|week) ?"


@cache
def _week_forms() -> tuple[tuple[re.Pattern[str], Builder], ...]:
    return tuple((_compile(p), _build_week) for p in (
        _Y + r"-?[wu](?P<number>\d{1,2})",  # 2018-W12, 2018W12, 2018U12
        _WEEK_WORD + r"(?P<number>\d{1,2})(?:,? (?P<year>\d{4}))?",  # uge 12 2018, uge 12, 2018, uge 12
        r"(?P<number>\d{1,2})",  # 12 (with the plan's year)
    ))


@cache
def _unit_forms() -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """Every single period (not a range, not alternatives), tried in order; the first full match wins."""
    forms: list[tuple[str, Builder]] = [
        # A week then a date inside it: "16 17.04", "20/15.05", "2018-W16 2018-04-17". First,
        # because its week part would otherwise be mistaken for something else.
        (r"(?P<week>.+?)[ /](?P<date>\d{1,2}\.\d{1,2}(?:\.\d{4})?|\d{4}-\d{2}-\d{2})", _build_week_date),
        (_Y + r"-(?P<month>\d{2})-(?P<day>\d{2})", _build_day),
        (r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}))?", _build_day),
        (r"(?P<day>\d{1,2})\.? ?(?P<name>MONTH)\.?" + _OPTIONAL_Y, _build_day),
        # ISO months keep both digits, so "2018-3" is not quietly taken for March.
        (_Y + r"-(?P<number>\d{2})", _build_month),
        (_Y + r"m(?P<number>\d{1,2})", _build_month),  # 2018M03
        (r"(?P<name>MONTH)\.?" + _OPTIONAL_Y, _build_month),
        (_Y + r"-?[qk](?P<number>\d{1,2})", _lift(_quarter)),
        (r"(?P<number>\d{1,2})\.? ?kvt?\.?(?: ?(?P<year>\d{4}|\d{2}))?", _lift(_quarter)),  # 3kv19, 3. kvt. 2019
        (r"q(?P<number>\d{1,2})(?: (?P<year>\d{4}|\d{2}))?", _lift(_quarter)),
        (_Y + r"-?h(?P<number>\d{1,2})", _lift(_half)),
        (r"(?P<number>\d{1,2})\.? ?halvår" + _OPTIONAL_Y, _lift(_half)),
        (r"h(?P<number>\d{1,2})" + _OPTIONAL_Y, _lift(_half)),
        (_Y, lambda groups, text, default_year: _year(_year_of(groups, text, default_year))),
    ]
    return tuple((_compile(p), build) for p, build in forms) + _week_forms()


@cache
def _compact_range_forms() -> tuple[tuple[re.Pattern[str], Callable[[int, int], Period], bool], ...]:
    """Ranges within one year written the way :func:`display_period` shows them: '1.–4. kvt. 2023',
    'Q1–Q4 2023', '1.–2. halvår 2024', 'marts–maj 2018'. Each is (pattern, unit builder, named months)."""
    dash = "–"
    forms: list[tuple[str, Callable[[int, int], Period], bool]] = [
        (rf"(?P<first>\d{{1,2}})\.?{dash}(?P<last>\d{{1,2}})\.? ?kvt?\.?(?: ?(?P<year>\d{{4}}|\d{{2}}))?", _quarter, False),
        (rf"q(?P<first>\d{{1,2}}){dash}q?(?P<last>\d{{1,2}})(?: (?P<year>\d{{4}}|\d{{2}}))?", _quarter, False),
        (rf"(?P<first>\d{{1,2}})\.?{dash}(?P<last>\d{{1,2}})\.? ?halvår" + _OPTIONAL_Y, _half, False),
        (rf"h(?P<first>\d{{1,2}}){dash}h?(?P<last>\d{{1,2}})" + _OPTIONAL_Y, _half, False),
        (rf"(?P<first>MONTH)\.?{dash}(?P<last>MONTH)\.?" + _OPTIONAL_Y, _month, True),
    ]
    return tuple((_compile(pattern), make, named) for pattern, make, named in forms)


def _compact_range(text: str, shown: str, default_year: int | None) -> Period | None:
    """'1.–4. kvt. 2023' and the other one-year ranges of :func:`_compact_range_forms`, or None."""
    for pattern, make, named in _compact_range_forms():
        if found := pattern.fullmatch(text):
            groups = found.groupdict()
            year = _year_of(groups, shown, default_year)
            if named:
                a, b = _month_number(groups["first"]), _month_number(groups["last"])
            else:
                a, b = int(groups["first"] or 0), int(groups["last"] or 0)
            return _range(make(year, a), make(year, b))
    return None


@cache
def _alternative_forms() -> tuple[re.Pattern[str], ...]:
    return (
        _compile(_Y + r"-?[wu](?P<first>\d{1,2})/(?P<last>\d{1,2})"),
        _compile(rf"(?:{_WEEK_WORD})?(?P<first>\d{{1,2}})/(?P<last>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?"),
    )


def _match(forms: tuple[tuple[re.Pattern[str], Builder], ...], text: str, default_year: int | None) -> Period | None:
    """The period ``text`` spells in one of ``forms``; None if no form fits, PeriodError if one fits badly."""
    for pattern, build in forms:
        if (found := pattern.fullmatch(text)) and (period := build(found.groupdict(), text, default_year)):
            return period
    return None


def _attempt(text: str, default_year: int | None) -> Period | PeriodError | None:
    try:
        return _match(_unit_forms(), text, default_year)
    except PeriodError as error:
        return error


def _explicit_range(ends: list[str], text: str, default_year: int | None) -> Period:
    """'A..B' or 'A – B': the separator is unmistakable, so the ends may be of different kinds."""
    if len(ends) != 2:
        raise PeriodError(f"{text!r} has more than two ends: expected a range such as 2018-W12..2018-W20")
    first, last = (_match(_unit_forms(), end, default_year) for end in ends)
    if first is None or last is None:
        end = ends[0] if first is None else ends[1]
        raise PeriodError(f"{end!r} in the range {text!r} is not a single period: {_EXPECTED}")
    return _range(first, last)


def _hyphen_range(text: str, default_year: int | None) -> Period | None:
    """'3kv19-2kv20', '2023-2026', '12-13'.

    A hyphen is also part of ISO forms (2018-03, 2019-Q3), so the range hyphen is the one where
    both sides are whole periods of the same kind; if no hyphen or several qualify, it is not read
    as a range. Single periods are tried before this, so '2018-03' is always a month.
    """
    found: list[tuple[Period, Period]] = []
    problems: list[PeriodError] = []
    for at in [i for i, char in enumerate(text) if char == "-"]:
        first, last = _attempt(text[:at], default_year), _attempt(text[at + 1:], default_year)
        if first is None or last is None:
            continue
        if isinstance(first, PeriodError):
            problems.append(first)
        elif isinstance(last, PeriodError):
            problems.append(last)
        elif first.kind != last.kind:
            problems.append(PeriodError(
                f"{text!r} joins a {first.kind.replace('_', ' ')} and a {last.kind.replace('_', ' ')}: a range "
                "written with '-' needs two periods of the same kind; use '..' to join different kinds"))
        else:
            found.append((first, last))
    if len(found) > 1:
        raise PeriodError(f"{text!r} can be split into a range in more than one way: write it as A..B")
    if found:
        return _range(*found[0])
    if problems:
        raise problems[0]
    return None


def _normalise(text: str) -> str:
    # One lower-case spelling: single spaces, none around the separators - / – .. so that
    # "uge 12 - 13" and "11/ 14.03" read like "uge 12-13" and "11/14.03".
    spaced = " ".join(text.split()).lower().replace("—", "–")
    return re.sub(r" ?(\.\.|[-/–]) ?", r"\1", spaced)


def parse_period(text: str | int | date, default_year: int | None = None) -> Period:
    """Read a period; ``default_year`` (the plan's year) completes forms such as 'uge 12' and '14.03'.

    Also accepts a ``date`` (what YAML makes of an unquoted 2018-03-14) as that day.
    """
    if type(text) in (str, int) and (default_year is None or type(default_year) is int):
        # Periods are immutable, and a national site reads the same few thousand texts ('2023-Q4',
        # 'uge 12') tens of thousands of times; a refused text is not cached and raises every time.
        return _parse_period_cached(text, default_year)
    return _parse_period(text, default_year)


def _parse_period(text: str | int | date, default_year: int | None = None) -> Period:
    if isinstance(text, datetime):
        raise PeriodError(f"expected a day without a time of day, found {text.isoformat(sep=' ')!r}")
    if isinstance(text, date):
        return _day(text)
    if isinstance(text, float):
        # YAML reads an unquoted 14.10 as the number 14.1, i.e. 14 January: refuse rather than guess.
        raise PeriodError(f"expected a period as text, found the number {text!r}: put it in quotes, e.g. '14.10'")
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise PeriodError(f"expected a period as text, found {type(text).__name__}")
    shown = str(text).strip()
    s = _normalise(shown)
    if not s:
        raise PeriodError(f"the period is empty: {_EXPECTED}")
    if (single := _match(_unit_forms(), s, default_year)) is not None:
        return single
    for pattern in _alternative_forms():
        if found := pattern.fullmatch(s):
            return _build_alternatives(found.groupdict(), shown, default_year)
    if (compact := _compact_range(s, shown, default_year)) is not None:
        return compact
    if ".." in s:
        return _explicit_range(s.split(".."), shown, default_year)
    if "–" in s:
        return _explicit_range(s.split("–"), shown, default_year)
    if (ranged := _hyphen_range(s, default_year)) is not None:
        return ranged
    raise PeriodError(f"{shown!r} is not a period: {_EXPECTED}")


_parse_period_cached = lru_cache(maxsize=16384)(_parse_period)


# ---------------------------------------------------------------- display

@lru_cache(maxsize=16384)
def display_period(p: Period, language: str = "da", context_year: int | None = None, short: bool = False) -> str:
    """The period as a reader sees it; the year is left out where ``context_year`` makes it obvious.

    ``short`` abbreviates month names and quarter years (for chart axes and narrow tables).
    """
    def label(key: str, **values: object) -> str:
        return str(t(f"period.{key}", language, **values))

    def show(part: Period) -> str:
        return display_period(part, language, context_year, short)

    def month_name(month: int) -> str:
        return str(labels(language)["period.months_short" if short else "period.months"][month - 1])

    same_year = context_year == p.year
    match p.kind:
        case "day":
            if same_year:
                return label("day_no_year", day=p.start.day, month=month_name(p.start.month))
            return label("day", day=p.start.day, month=month_name(p.start.month), year=p.year)
        case "week":
            return label("week", week=p.number) if same_year else label("week_with_year", week=p.number, year=p.year)
        case "week_date":
            assert p.number is not None and p.day is not None
            return label("week_with_date", week=show(_week(p.year, p.number)), date=show(_day(p.day)))
        case "week_alternatives":
            assert p.first is not None and p.last is not None
            if same_year:
                return label("week_alternatives", first=p.first.number, last=p.last.number)
            # No label has both alternatives and a year; the with-year week label carries "12/13" as its week.
            return label("week_with_year", week=f"{p.first.number}/{p.last.number}", year=p.year)
        case "month":
            return label("month", month=month_name(p.number or 1), year=p.year)
        case "quarter":
            if short:
                return label("quarter_short", quarter=p.number, year2=f"{p.year % 100:02d}")
            return label("quarter", quarter=p.number, year=p.year)
        case "half":
            return label("half", half=p.number, year=p.year)
        case "year":
            return label("year", year=p.year)
        case "range":
            assert p.first is not None and p.last is not None
            if p.first.kind == p.last.kind and p.first.kind in ("quarter", "half", "month") and p.first.year == p.last.year:
                return _compact_display(p.first, p.last, language, short)
            return label("range", first=show(p.first), last=show(p.last))
    raise ValueError(f"unknown period kind {p.kind!r}")


def _compact_display(first: Period, last: Period, language: str, short: bool) -> str:
    """Two quarters, halves or months of one year as one label: '1.–4. kvt. 2023', 'Q1–Q4 2023', 'marts–maj 2018'.

    The unit's own label is used with both numbers in its number slot, so the compact form follows the
    translation table: the text before the slot is repeated ('Q1–Q4'), and an ordinal dot right after
    the slot is kept on the first number too ('1.–4. kvt.').
    """
    table = labels(language)
    if first.kind == "month":
        names = table["period.months_short" if short else "period.months"]
        key, slot, values = "month", "month", {"year": first.year}
        a, b = names[(first.number or 1) - 1], names[(last.number or 1) - 1]
    else:
        key = "quarter_short" if first.kind == "quarter" and short else first.kind
        slot = first.kind
        values = {"year2": f"{first.year % 100:02d}"} if key == "quarter_short" else {"year": first.year}
        a, b = first.number, last.number
    template = str(table[f"period.{key}"])
    before, after = template.split("{" + slot + "}", 1)
    mark = "." if after.startswith(".") else ""
    return template.format(**{slot: f"{a}{mark}–{before}{b}"}, **values)
