"""The period grammar: every accepted spelling, every refusal, display, and round trips."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.periods import Period, PeriodError, display_period, iso_week_monday, parse_period, weeks_in_year

YEARS = st.integers(min_value=1990, max_value=2100)


def interval(text: str | int, default_year: int | None = None) -> tuple[str, date, date]:
    p = parse_period(text, default_year)
    return p.kind, p.start, p.end


def rejects(text: object, default_year: int | None = None) -> str:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, default_year)  # type: ignore[arg-type]
    return str(caught.value)


# ---------------------------------------------------------------- ISO week facts

def test_week_one_of_2019_begins_on_the_last_monday_of_2018():
    assert iso_week_monday(2019, 1) == date(2018, 12, 31)
    assert interval("2019-W01") == ("week", date(2018, 12, 31), date(2019, 1, 6))


def test_2020_has_53_weeks_and_2021_has_52():
    assert weeks_in_year(2020) == 53
    assert weeks_in_year(2021) == 52
    assert parse_period("2020-W53").start == date(2020, 12, 28)
    assert rejects("2021-W53") == "week 53 does not exist: 2021 has 52 ISO weeks"


def test_week_54_and_week_0_do_not_exist():
    assert rejects("2020-W54") == "week 54 does not exist: 2020 has 53 ISO weeks"
    assert "week 0 does not exist" in rejects("2020-W00")
    with pytest.raises(PeriodError):
        iso_week_monday(2020, 0)
    with pytest.raises(PeriodError):
        iso_week_monday(2020, 54)


def test_years_outside_the_calendar_are_period_errors():
    with pytest.raises(PeriodError, match="out of range"):
        weeks_in_year(0)
    with pytest.raises(PeriodError, match="out of range"):
        iso_week_monday(10000, 1)
    assert "out of range" in rejects("0000")
    assert "last supported day" in rejects("9999-W52")  # it would end on 2 January 10000
    assert parse_period("0001-W01").start == date(1, 1, 1)


# ---------------------------------------------------------------- days

@pytest.mark.parametrize("text", ["2018-03-14", "14.03.2018", "14.3.2018", "14. marts 2018", "14 marts 2018",
                                  "14. mar. 2018", "14 March 2018", "  14.03.2018 ", "14. MARTS 2018"])
def test_day_forms(text):
    p = parse_period(text)
    assert (p.kind, p.start, p.end, p.year, p.number) == ("day", date(2018, 3, 14), date(2018, 3, 14), 2018, None)
    assert p.canonical == "2018-03-14"
    assert p.days == 1


@pytest.mark.parametrize("text", ["14.03", "14.3", "14. marts"])
def test_day_without_year_takes_the_plans_year(text):
    assert interval(text, 2018) == ("day", date(2018, 3, 14), date(2018, 3, 14))


def test_day_without_year_and_no_plan_year_asks_for_the_year():
    assert "`year`" in rejects("14.03")
    assert "`year`" in rejects("14. marts")


@pytest.mark.parametrize("text", ["2018-02-30", "30.02.2018", "32.01.2018", "2019-02-29"])
def test_impossible_days(text):
    assert rejects(text) == f"{text!r} is not a valid date"


def test_leap_day_exists_in_leap_years():
    assert parse_period("29.02.2020").start == date(2020, 2, 29)


def test_month_13_in_a_day():
    assert "month 13" in rejects("14.13.2018")
    assert "month 13" in rejects("2018-13-01")


def test_a_date_object_from_yaml_is_that_day():
    assert parse_period(date(2018, 3, 14)) == parse_period("2018-03-14")


# ---------------------------------------------------------------- weeks

@pytest.mark.parametrize("text", ["2018-W12", "2018W12", "2018U12", "2018-w12", "uge 12 2018", "uge 12, 2018",
                                  "Uge  12  2018", "uge12 2018", "week 12 2018", "2018-W12 "])
def test_week_forms(text):
    p = parse_period(text)
    assert (p.kind, p.year, p.number, p.canonical) == ("week", 2018, 12, "2018-W12")
    assert (p.start, p.end, p.days) == (date(2018, 3, 19), date(2018, 3, 25), 7)


@pytest.mark.parametrize("text", ["uge 12", "12", 12, "uge 12 "])
def test_week_without_year_takes_the_plans_year(text):
    assert parse_period(text, 2018) == parse_period("2018-W12")


def test_bare_week_needs_the_plans_year():
    assert "`year`" in rejects("12")
    assert "`year`" in rejects(12)
    assert "`year`" in rejects("uge 12")


def test_week_number_in_a_week_of_a_year_is_the_iso_year():
    # 2018-W01 starts on 1 January 2018; 2020-W53 ends in January 2021 but belongs to 2020.
    p = parse_period("2020-W53")
    assert (p.year, p.end) == (2020, date(2021, 1, 3))


# ---------------------------------------------------------------- week with a date inside it

@pytest.mark.parametrize("text", ["16 17.04", "uge 16 17.04", "16/17.04", "16/ 17.04", "16 / 17.04",
                                  "uge 16 17.04.2018", "2018-W16 2018-04-17"])
def test_week_date_forms(text):
    p = parse_period(text, 2018)
    assert (p.kind, p.year, p.number, p.day) == ("week_date", 2018, 16, date(2018, 4, 17))
    assert (p.start, p.end) == (date(2018, 4, 17), date(2018, 4, 17))  # the interval is that day
    assert iso_week_monday(p.year, p.number) == date(2018, 4, 16)
    assert p.canonical == "2018-W16 2018-04-17"


@pytest.mark.parametrize(("text", "week", "day"), [("11/ 14.03", 11, date(2018, 3, 14)),
                                                   ("20/15.05", 20, date(2018, 5, 15))])
def test_week_date_slash_forms_from_real_plans(text, week, day):
    p = parse_period(text, 2018)
    assert (p.kind, p.number, p.day) == ("week_date", week, day)


def test_week_date_whose_date_is_outside_the_week():
    assert rejects("16 24.04", 2018) == "24.04 is in week 17, not week 16"
    assert rejects("17 17.04", 2018) == "17.04 is in week 16, not week 17"
    assert "not week 16" in rejects("2018-W16 2018-04-24")


def test_week_date_across_new_year_takes_the_year_that_fits_the_week():
    p = parse_period("1 31.12", 2019)
    assert (p.year, p.number, p.day) == (2019, 1, date(2018, 12, 31))
    p = parse_period("53 1.1", 2020)
    assert (p.year, p.number, p.day) == (2020, 53, date(2021, 1, 1))


def test_week_date_with_an_impossible_date():
    assert "not a valid date" in rejects("9 30.02", 2018)


def test_week_date_needs_a_year_from_somewhere():
    assert "`year`" in rejects("16 17.04")


def test_a_full_date_gives_a_bare_week_its_year():
    assert parse_period("uge 16 17.04.2018") == parse_period("16 17.04", 2018)
    p = parse_period("1 31.12.2018", 2018)  # 31 December 2018 is in week 1 of 2019
    assert (p.year, p.number, p.day) == (2019, 1, date(2018, 12, 31))
    assert "week 1 of 2019, not week 1" in rejects("2018-W01 2018-12-31")


# ---------------------------------------------------------------- months, quarters, halves, years

@pytest.mark.parametrize("text", ["2018-03", "2018M03", "2018m3", "marts 2018", "Marts 2018", "mar. 2018",
                                  "March 2018"])
def test_month_forms(text):
    p = parse_period(text)
    assert (p.kind, p.number, p.canonical) == ("month", 3, "2018-03")
    assert (p.start, p.end) == (date(2018, 3, 1), date(2018, 3, 31))


def test_month_name_alone_takes_the_plans_year():
    assert parse_period("februar", 2020).end == date(2020, 2, 29)


def test_month_13_does_not_exist():
    assert rejects("2018-13") == "month 13 does not exist: months are numbered 1 to 12"
    assert "month 0" in rejects("2018-00")


def test_iso_month_keeps_both_digits():
    rejects("2018-3")  # neither March nor a range from 2018 to week 3


@pytest.mark.parametrize("text", ["2019-Q3", "3kv19", "3kv2019", "3KV19", "2019K3", "2019Q3", "3. kvt. 2019",
                                  "3.kvt.2019", "3 kvt 2019", "3. kvt. 19", "Q3 2019", "q3 19"])
def test_quarter_forms(text):
    p = parse_period(text)
    assert (p.kind, p.year, p.number, p.canonical) == ("quarter", 2019, 3, "2019-Q3")
    assert (p.start, p.end) == (date(2019, 7, 1), date(2019, 9, 30))


def test_two_digit_quarter_years_are_this_century():
    assert parse_period("1kv99").year == 2099


def test_quarter_without_year_takes_the_plans_year():
    assert parse_period("3. kvt.", 2019) == parse_period("Q3", 2019) == parse_period("2019-Q3")


@pytest.mark.parametrize("text", ["2019-Q5", "5kv19", "Q5 2019", "2019-Q0"])
def test_quarter_5_does_not_exist(text):
    assert "quarter" in rejects(text) and "does not exist" in rejects(text)


@pytest.mark.parametrize("text", ["2024-H1", "2024H1", "1. halvår 2024", "1 halvår 2024", "H1 2024",
                                  "1. HALVÅR 2024"])
def test_half_forms(text):
    p = parse_period(text)
    assert (p.kind, p.year, p.number, p.canonical) == ("half", 2024, 1, "2024-H1")
    assert (p.start, p.end) == (date(2024, 1, 1), date(2024, 6, 30))


def test_second_half():
    assert interval("2024-H2") == ("half", date(2024, 7, 1), date(2024, 12, 31))


def test_half_3_does_not_exist():
    assert rejects("2024-H3") == "half 3 does not exist: a year has halves 1 and 2"
    assert "half 3" in rejects("3. halvår 2024")


@pytest.mark.parametrize("text", ["2024", 2024, " 2024 "])
def test_year_forms(text):
    p = parse_period(text)
    assert (p.kind, p.year, p.number, p.canonical) == ("year", 2024, None, "2024")
    assert (p.start, p.end, p.days) == (date(2024, 1, 1), date(2024, 12, 31), 366)


# ---------------------------------------------------------------- ranges

def test_quarter_range_with_hyphen():
    p = parse_period("3kv19-2kv20")
    assert (p.kind, p.start, p.end, p.year, p.number) == ("range", date(2019, 7, 1), date(2020, 6, 30), 2019, None)
    assert p.first == parse_period("2019-Q3") and p.last == parse_period("2020-Q2")
    assert p.canonical == "2019-Q3..2020-Q2"


def test_year_range_is_not_a_month():
    assert interval("2023-2026") == ("range", date(2023, 1, 1), date(2026, 12, 31))
    assert parse_period("2023-2026").canonical == "2023..2026"


def test_the_hyphen_rules_are_unambiguous():
    assert parse_period("2018-03").kind == "month"
    assert parse_period("2018-03-14").kind == "day"
    assert parse_period("2023-2026").kind == "range"
    assert parse_period("2018-03-2018-05").canonical == "2018-03..2018-05"
    assert parse_period("2018-03-14-2018-03-20").canonical == "2018-03-14..2018-03-20"


@pytest.mark.parametrize("text", ["uge 12-13", "12-13", "uge 12 - 13", "12 - 13"])
def test_week_range_with_plan_year(text):
    p = parse_period(text, 2018)
    assert (p.kind, p.start, p.end) == ("range", date(2018, 3, 19), date(2018, 4, 1))
    assert p.canonical == "2018-W12..2018-W13"


def test_week_range_without_plan_year_asks_for_the_year():
    assert "`year`" in rejects("12-13")


@pytest.mark.parametrize("text", ["2018-W12..2018-W20", "2018-W12 .. 2018-W20", "uge 12 2018 – uge 20 2018"])
def test_explicit_ranges(text):
    assert parse_period(text).canonical == "2018-W12..2018-W20"


def test_explicit_range_may_mix_kinds():
    p = parse_period("2018-03-14..2018-Q4")
    assert (p.start, p.end) == (date(2018, 3, 14), date(2018, 12, 31))


def test_hyphen_range_must_join_the_same_kind():
    assert "same kind" in rejects("2018-W12-2018-05")


def test_range_may_not_run_backwards():
    assert "must run forwards" in rejects("2kv20-3kv19")
    assert "must run forwards" in rejects("2026-2023")
    assert "must run forwards" in rejects("uge 13-12", 2018)
    assert "must run forwards" in rejects("2018-W12..2018-W12")


def test_range_with_a_bad_end():
    assert "quarter 5" in rejects("3kv19-5kv20")
    assert "is not a single period" in rejects("2018..next year")
    assert "more than two ends" in rejects("2018..2019..2020")


# ---------------------------------------------------------------- week alternatives

@pytest.mark.parametrize("text", ["12/13", "uge 12/13", "uge 12 / 13", "2018-W12/13", "2018W12/13", "uge 12/13 2018"])
def test_week_alternatives(text):
    p = parse_period(text, 2018)
    assert (p.kind, p.year, p.number) == ("week_alternatives", 2018, 12)
    assert (p.start, p.end) == (date(2018, 3, 19), date(2018, 4, 1))
    assert p.first == parse_period("2018-W12") and p.last == parse_period("2018-W13")
    assert p.canonical == "2018-W12/13"


def test_week_alternatives_across_new_year():
    p = parse_period("52/1", 2018)
    assert p.first == parse_period("2018-W52") and p.last == parse_period("2019-W01")
    assert (p.start, p.end) == (date(2018, 12, 24), date(2019, 1, 6))
    assert parse_period(p.canonical) == p


def test_week_alternatives_need_two_weeks_in_order():
    assert "twice" in rejects("12/12", 2018)
    assert "earlier week first" in rejects("13/12", 2018)
    assert "`year`" in rejects("12/13")
    assert "week 53 does not exist" in rejects("2021-W52/53")


# ---------------------------------------------------------------- garbage and types

@pytest.mark.parametrize("text", ["next week", "", "   ", "uge", "2018-W", "kv3", "14/03/2018", "-", "..", "12/13/14",
                                  "2018-3", "123", "20180314", "uge 123", "١٢"])
def test_garbage_is_refused(text):
    rejects(text, 2018)


def test_garbage_message_lists_the_accepted_forms():
    message = rejects("next week")
    assert message.startswith("'next week' is not a period: expected")
    for example in ("2018-03-14", "2018-W12", "2019-Q3", "2024-H1", "2024", "3kv19-2kv20"):
        assert example in message


def test_yaml_floats_and_other_types_are_refused():
    assert "quotes" in rejects(14.1)
    rejects(True)
    rejects(None)
    rejects([2018])
    rejects(datetime(2018, 3, 14, 12, 0))
    rejects(-5)


# ---------------------------------------------------------------- display

@pytest.mark.parametrize(("text", "context_year", "short", "danish", "english"), [
    ("2018-03-14", None, False, "14. marts 2018", "14 March 2018"),
    ("2018-03-14", 2018, False, "14. marts", "14 March"),
    ("2018-03-14", 2019, False, "14. marts 2018", "14 March 2018"),
    ("2018-03-14", None, True, "14. mar. 2018", "14 Mar 2018"),
    ("2018-W12", 2018, False, "uge 12", "week 12"),
    ("2018-W12", None, False, "uge 12 2018", "week 12 2018"),
    ("2018-W16 2018-04-17", 2018, False, "uge 16 (17. april)", "week 16 (17 April)"),
    ("2019-W01 2018-12-31", 2019, False, "uge 1 (31. december 2018)", "week 1 (31 December 2018)"),
    ("2018-W12/13", 2018, False, "uge 12/13", "week 12/13"),
    ("2018-W12/13", None, False, "uge 12/13 2018", "week 12/13 2018"),
    ("2018-W52/01", 2018, False, "uge 52/1", "week 52/1"),
    ("2018-03", None, False, "marts 2018", "March 2018"),
    ("2019-Q3", None, False, "3. kvt. 2019", "Q3 2019"),
    ("2019-Q3", None, True, "3. kvt. 19", "Q3 19"),
    ("2024-H1", None, False, "1. halvår 2024", "H1 2024"),
    ("2024", None, False, "2024", "2024"),
    ("3kv19-2kv20", None, False, "3. kvt. 2019 – 2. kvt. 2020", "Q3 2019 – Q2 2020"),
    ("2023-2026", None, False, "2023 – 2026", "2023 – 2026"),
    # Two quarters, halves or months of one year share the year: the compact form.
    ("1kv23-4kv23", None, False, "1.–4. kvt. 2023", "Q1–Q4 2023"),
    ("1kv23-4kv23", None, True, "1.–4. kvt. 23", "Q1–Q4 23"),
    ("2022-Q2..2022-Q3", 2022, False, "2.–3. kvt. 2022", "Q2–Q3 2022"),
    ("2024-H1..2024-H2", None, False, "1.–2. halvår 2024", "H1–H2 2024"),
    ("2018-03..2018-05", None, False, "marts–maj 2018", "March–May 2018"),
    ("2018-03..2018-05", None, True, "mar.–maj 2018", "Mar–May 2018"),
    # Across years, or of different kinds, a range keeps both ends in full.
    ("4kv22-1kv23", None, False, "4. kvt. 2022 – 1. kvt. 2023", "Q4 2022 – Q1 2023"),
    ("2023-H2..2024-H1", None, False, "2. halvår 2023 – 1. halvår 2024", "H2 2023 – H1 2024"),
    ("2018-11..2019-02", None, False, "november 2018 – februar 2019", "November 2018 – February 2019"),
    ("2018-03..2018-Q4", None, False, "marts 2018 – 4. kvt. 2018", "March 2018 – Q4 2018"),
])
def test_display(text, context_year, short, danish, english):
    p = parse_period(text)
    assert display_period(p, context_year=context_year, short=short) == danish
    assert display_period(p, "en", context_year=context_year, short=short) == english


@pytest.mark.parametrize(("text", "canonical"), [
    ("1.–4. kvt. 2023", "2023-Q1..2023-Q4"),
    ("1. – 4. kvt. 2023", "2023-Q1..2023-Q4"),
    ("1.–4. kvt. 23", "2023-Q1..2023-Q4"),
    ("1–4kv23", "2023-Q1..2023-Q4"),
    ("Q1–Q4 2023", "2023-Q1..2023-Q4"),
    ("Q1–4 2023", "2023-Q1..2023-Q4"),
    ("1.–2. halvår 2024", "2024-H1..2024-H2"),
    ("H1–H2 2024", "2024-H1..2024-H2"),
    ("marts–maj 2018", "2018-03..2018-05"),
    ("mar.–maj 2018", "2018-03..2018-05"),
    ("March–May 2018", "2018-03..2018-05"),
    ("marts — maj 2018", "2018-03..2018-05"),
])
def test_compact_ranges_parse(text, canonical):
    p = parse_period(text)
    assert (p.kind, p.canonical) == ("range", canonical)
    assert p.first is not None and p.last is not None and p.first.year == p.last.year


def test_compact_ranges_take_the_plans_year():
    assert parse_period("1.–2. kvt.", 2018).canonical == "2018-Q1..2018-Q2"
    assert parse_period("marts–maj", 2018).canonical == "2018-03..2018-05"
    assert "`year`" in rejects("1.–2. kvt.")


def test_compact_ranges_are_checked_like_every_range():
    assert "must run forwards" in rejects("4.–1. kvt. 2023")
    assert "must run forwards" in rejects("2.–2. halvår 2024")
    assert "quarter 5 does not exist" in rejects("1.–5. kvt. 2023")
    assert "must run forwards" in rejects("maj–marts 2018")


def test_display_defaults_to_danish():
    assert display_period(parse_period("2018-03-14")) == display_period(parse_period("2018-03-14"), "da")


def test_display_rejects_unknown_languages():
    with pytest.raises(ValueError):
        display_period(parse_period("2024"), "sv")


# ---------------------------------------------------------------- Period

def test_contains_and_days():
    p = parse_period("2019-Q3")
    assert p.contains(date(2019, 7, 1)) and p.contains(date(2019, 9, 30))
    assert not p.contains(date(2019, 6, 30)) and not p.contains(date(2019, 10, 1))
    assert p.days == 92


def test_periods_are_immutable_and_hashable():
    p = parse_period("2019-Q3")
    with pytest.raises(AttributeError):
        p.start = date(2000, 1, 1)  # type: ignore[misc]
    assert len({p, parse_period("3kv19")}) == 1


# ---------------------------------------------------------------- properties

@st.composite
def weeks(draw) -> tuple[int, int]:
    year = draw(YEARS)
    return year, draw(st.integers(1, weeks_in_year(year)))


@st.composite
def canonical_texts(draw) -> str:
    """The canonical text of a random valid period of any kind."""
    def unit(kind: str) -> str:
        if kind == "day":
            return draw(st.dates(date(1990, 1, 1), date(2100, 12, 31))).isoformat()
        if kind == "week":
            year, week = draw(weeks())
            return f"{year}-W{week:02d}"
        if kind == "week_date":
            year, week = draw(weeks())
            day = date.fromisocalendar(year, week, draw(st.integers(1, 7)))
            return f"{year}-W{week:02d} {day.isoformat()}"
        year = draw(YEARS)
        return {
            "month": lambda: f"{year}-{draw(st.integers(1, 12)):02d}",
            "quarter": lambda: f"{year}-Q{draw(st.integers(1, 4))}",
            "half": lambda: f"{year}-H{draw(st.integers(1, 2))}",
            "year": lambda: str(year),
        }[kind]()

    kinds = ["day", "week", "week_date", "month", "quarter", "half", "year"]
    kind = draw(st.sampled_from(kinds + ["range", "week_alternatives"]))
    if kind == "range":
        first, last = (parse_period(unit(draw(st.sampled_from(kinds)))) for _ in range(2))
        assume(last.start > first.end)
        return f"{first.canonical}..{last.canonical}"
    if kind == "week_alternatives":
        year, week = draw(weeks())
        gap = draw(st.integers(1, 8))
        later = parse_period(f"{year}-W{week:02d}").start + timedelta(weeks=gap)
        other = later.isocalendar()
        assume(other.year == year or other.week < week)
        return f"{year}-W{week:02d}/{other.week:02d}"
    return unit(kind)


@settings(max_examples=500)
@given(canonical_texts())
def test_canonical_round_trips(text):
    p = parse_period(text)
    assert p.canonical == text
    assert parse_period(p.canonical) == p
    assert p.start <= p.end and p.days >= 1


@settings(max_examples=500)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_every_day_spelling_agrees(d):
    expected = parse_period(d.isoformat())
    assert parse_period(f"{d.day}.{d.month}.{d.year}") == expected
    assert parse_period(f"{d.day:02d}.{d.month:02d}.{d.year}") == expected
    assert parse_period(f"{d.day}.{d.month}", default_year=d.year) == expected
    assert parse_period(display_period(expected)) == expected
    assert parse_period(display_period(expected, "en")) == expected
    assert parse_period(display_period(expected, short=True)) == expected
    assert parse_period(display_period(expected, context_year=d.year), default_year=d.year) == expected


@settings(max_examples=500)
@given(weeks())
def test_every_week_spelling_agrees_and_the_week_is_iso(year_week):
    year, week = year_week
    expected = parse_period(f"{year}-W{week:02d}")
    for text in (f"{year}W{week}", f"{year}U{week}", f"uge {week} {year}", f"uge {week}, {year}",
                 display_period(expected), display_period(expected, "en")):
        assert parse_period(text) == expected
    assert parse_period(week, default_year=year) == parse_period(f"uge {week}", default_year=year) == expected
    assert expected.days == 7 and expected.start.weekday() == 0
    assert all((expected.start + timedelta(days=i)).isocalendar()[:2] == (year, week) for i in range(7))


@settings(max_examples=500)
@given(weeks(), st.integers(0, 6))
def test_a_week_with_a_date_inside_it(year_week, offset):
    year, week = year_week
    day = iso_week_monday(year, week) + timedelta(days=offset)
    p = parse_period(f"{week} {day.day}.{day.month}", default_year=year)
    assert (p.kind, p.year, p.number, p.day, p.start, p.end) == ("week_date", year, week, day, day, day)
    outside = day + timedelta(days=7)
    with pytest.raises(PeriodError):
        parse_period(f"{week} {outside.day}.{outside.month}", default_year=year)


@settings(max_examples=500)
@given(YEARS, st.integers(1, 12))
def test_months(year, month):
    p = parse_period(f"{year}-{month:02d}")
    assert p.days == calendar.monthrange(year, month)[1]
    for language in ("da", "en"):
        assert parse_period(display_period(p, language)) == p
        assert parse_period(display_period(p, language, short=True)) == p


@settings(max_examples=500)
@given(st.integers(2000, 2099), st.integers(1, 4))
def test_quarters(year, quarter):
    p = parse_period(f"{year}-Q{quarter}")
    assert p.days in (90, 91, 92)
    for text in (f"{quarter}kv{year % 100:02d}", f"{quarter}kv{year}", f"{year}K{quarter}", f"Q{quarter} {year}",
                 f"{quarter}. kvt. {year}"):
        assert parse_period(text) == p
    for language in ("da", "en"):
        for short in (False, True):
            assert parse_period(display_period(p, language, short=short)) == p


@settings(max_examples=500)
@given(YEARS, st.integers(1, 2))
def test_halves_and_years(year, half):
    p = parse_period(f"{year}-H{half}")
    whole = parse_period(year)
    assert whole.days == (366 if calendar.isleap(year) else 365)
    assert p.contains(whole.start) != p.contains(whole.end)  # each half holds exactly one end of the year
    for language in ("da", "en"):
        assert parse_period(display_period(p, language)) == p
        assert parse_period(display_period(whole, language)) == whole


@settings(max_examples=500)
@given(YEARS, st.sampled_from([("Q", 4), ("H", 2), ("", 12)]), st.data())
def test_ranges_within_a_year_display_compactly_and_read_back(year, unit, data):
    prefix, count = unit
    a = data.draw(st.integers(1, count - 1))
    b = data.draw(st.integers(a + 1, count))
    part = (lambda n: f"{year}-{prefix}{n}") if prefix else (lambda n: f"{year}-{n:02d}")
    p = parse_period(f"{part(a)}..{part(b)}")
    for language in ("da", "en"):
        # A short quarter has a two-digit year, read as this century (as for single quarters).
        for short in (False, True) if prefix != "Q" or 2000 <= year <= 2099 else (False,):
            shown = display_period(p, language, short=short)
            assert " – " not in shown and shown.count("–") == 1
            assert parse_period(shown) == p


@settings(max_examples=500)
@given(YEARS, YEARS)
def test_year_ranges(a, b):
    if a < b:
        p = parse_period(f"{a}-{b}")
        assert (p.start, p.end) == (date(a, 1, 1), date(b, 12, 31))
        assert parse_period(display_period(p)) == p
    else:
        with pytest.raises(PeriodError):
            parse_period(f"{a}-{b}")


@settings(max_examples=500)
@given(st.text(), st.one_of(st.none(), YEARS))
def test_any_text_parses_or_raises_a_period_error(text, default_year):
    try:
        p = parse_period(text, default_year)
    except PeriodError as error:
        assert str(error)
    else:
        assert isinstance(p, Period) and p.start <= p.end
        assert parse_period(p.canonical) == p


# Pieces of the grammar: random text rarely gets past the first pattern, but strings glued
# together from these reach the range, alternative and week-date paths and the extreme years.
GRAMMAR_PIECES = [
    "0", "1", "3", "5", "12", "13", "16", "19", "52", "53", "54", "2018", "2020", "9999", "0001",
    "17.04", "31.12", "29.02", "-02-29", "-12-31",
    "-", "-", "/", "..", "–", " ", ", ", ".",
    "uge ", "W", "U", "M", "kv", "Q", "K", "H", ". kvt. ", "marts ", "halvår ",
]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(GRAMMAR_PIECES), max_size=8).map("".join),
       st.one_of(st.none(), st.sampled_from([1, 2018, 2019, 2020, 9999])))
def test_grammar_like_text_parses_or_raises_a_period_error(text, default_year):
    try:
        p = parse_period(text, default_year)
    except PeriodError as error:
        assert str(error)
    else:
        assert parse_period(p.canonical) == p


@settings(max_examples=500)
@given(st.integers(), st.one_of(st.none(), st.integers(-10, 10000)))
def test_any_int_parses_or_raises_a_period_error(number, default_year):
    try:
        parse_period(number, default_year)
    except PeriodError:
        pass
