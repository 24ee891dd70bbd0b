"""Status as of a date: activities at their period edges, KPIs against each kind of target, and why.

Every expected number is worked out by hand in a comment. Day counts used throughout:
year ends 2020-12-31 → 2021-12-31 → 2022-12-31 → 2023-12-31 are 365 days apart each, and
2023-12-31 → 2024-12-31 is 366 days (2024 is a leap year); 2022-12-31 → 2024-12-31 is 731 days.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.load import ValidationFailed, load_project
from generator.model import Activity, Kpi
from generator.phrases import status_reason
from generator.status import (
    DEFAULT_THRESHOLDS,
    KPI_STATES,
    PATH_MARGIN,
    TARGET_MARGIN,
    TREND_MIN_POINTS,
    TREND_POINTS,
    activity_state,
    kpi_status,
    thresholds,
    trend_projection,
)

from .conftest import MINIMAL_KPI, write_project

CONTEXT = {"default_year": 2018}


def activity(**fields) -> Activity:
    return Activity.model_validate({"id": "a", **fields}, context=CONTEXT)


# Week 12 of 2018 runs Monday 19 March to Sunday 25 March.
@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2018, 3, 4), "planned"),  # starts in 15 days: not yet due soon
        (date(2018, 3, 5), "due_soon"),  # starts in exactly 14 days
        (date(2018, 3, 18), "due_soon"),  # the Sunday before
        (date(2018, 3, 19), "planned"),  # its Monday: under way as planned, not overdue
        (date(2018, 3, 25), "planned"),  # its Sunday: the last day, still not overdue
        (date(2018, 3, 26), "overdue"),  # the Monday after
    ],
)
def test_week_activity_edges(as_of, expected):
    assert activity_state(activity(when="uge 12"), as_of) == expected


def test_week_alternatives_end_with_the_later_week():
    item = activity(when="12/13")
    assert activity_state(item, date(2018, 4, 1)) == "planned"  # Sunday of week 13
    assert activity_state(item, date(2018, 4, 2)) == "overdue"


def test_meeting_day_decides_over_its_week():
    item = activity(when="uge 16", date="17.04")
    assert activity_state(item, date(2018, 4, 17)) == "planned"
    assert activity_state(item, date(2018, 4, 18)) == "overdue"


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_done_and_cancelled_are_never_overdue(status):
    assert activity_state(activity(when="uge 12", status=status), date(2019, 1, 1)) == status


def test_postponed_and_in_progress_become_overdue_after_their_period():
    assert activity_state(activity(when="uge 12", status="postponed"), date(2018, 3, 20)) == "postponed"
    assert activity_state(activity(when="uge 12", status="in_progress"), date(2018, 3, 26)) == "overdue"


def test_unscheduled_activity_keeps_its_own_status():
    assert activity_state(activity(), date(2030, 1, 1)) == "planned"


def kpi(targets, actuals, better="lower", unit="HP", **fields) -> Kpi:
    return Kpi.model_validate(
        {"id": "k", "title": "K", "organisation": "O", "unit": unit, "better": better,
         "targets": targets, "actuals": actuals, **fields}
    )


def yearly(first_year: int, *values: float) -> list[dict]:
    """Actuals for consecutive years: yearly(2021, 1000, 940) is 2021: 1000, 2022: 940."""
    return [{"period": first_year + index, "actual": value} for index, value in enumerate(values)]


def reason(k: Kpi, as_of: date, language: str = "da") -> str:
    return status_reason(kpi_status(k, as_of), k, language)


JAN_2024 = date(2024, 1, 1)  # the day after 2023's figure is in; the 2024 deadlines are still ahead


# ------------------------------------------------------------------ no data, no target


def test_no_data_without_actuals():
    status = kpi_status(kpi([{"period": 2024, "value": 930, "type": "max"}], []), date(2024, 6, 1))
    assert status.state == "no_data" and status.target.value == 930


def test_a_row_without_an_actual_is_not_a_figure():
    # Only the expected level is known for 2023: there is still no figure.
    k = kpi([{"value": {"series": "expected"}, "type": "max"}], [{"period": 2023, "expected": 1710}])
    assert kpi_status(k, JAN_2024).state == "no_data"


def test_no_target():
    status = kpi_status(kpi([], yearly(2023, 5)), JAN_2024)
    assert status.state == "no_target" and status.latest.actual == 5


def test_every_state_is_known():
    assert KPI_STATES == ("achieved", "on_track", "at_risk", "off_track", "missed", "no_data", "no_target")


# ------------------------------------------------------------------ as_of edges


def test_actuals_after_as_of_are_not_seen():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], [{"period": "2024-Q1", "actual": 900}])
    assert kpi_status(k, date(2024, 3, 30)).state == "no_data"  # Q1 ends 31 March: not over yet
    assert kpi_status(k, date(2024, 3, 31)).state == "on_track"  # its last day: the figure counts
    assert kpi_status(k, date(2024, 4, 1)).state == "on_track"


def test_the_latest_figure_is_the_last_period_ended_by_as_of():
    # 2024's 990 ends 31 December 2024; on 30 December the latest figure is still 2023's 920.
    k = kpi([{"period": 2025, "value": 930, "type": "max"}], yearly(2023, 920, 990))
    status = kpi_status(k, date(2024, 12, 30))
    assert status.latest.actual == 920 and status.state == "on_track"
    # A day later 990 is in: 60 over 930, more than 5 % of 930 = 46.5: off track.
    status = kpi_status(k, date(2024, 12, 31))
    assert status.latest.actual == 990 and status.state == "off_track"


def test_deadline_day_itself_is_before_the_deadline():
    # Target 2024: the deadline is 31 December 2024, and that day is still inside it.
    met = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 920))
    on_the_day = kpi_status(met, date(2024, 12, 31))
    assert (on_the_day.state, on_the_day.deadline_passed, on_the_day.deadline) == ("on_track", False, date(2024, 12, 31))
    assert kpi_status(met, date(2025, 1, 1)).state == "achieved"
    # 940 is 10 over 930, within 46.5 (5 % of 930): at risk on the day, missed the day after.
    short = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 940))
    assert kpi_status(short, date(2024, 12, 31)).state == "at_risk"
    missed = kpi_status(short, date(2025, 1, 1))
    assert missed.state == "missed" and missed.deadline_passed


def test_next_target_due_governs():
    targets = [{"period": 2023, "value": 1000, "type": "max"}, {"period": 2024, "value": 930, "type": "max"}]
    status = kpi_status(kpi(targets, [{"period": 2023, "actual": 950}]), JAN_2024)
    # 950 is 20 over 930; 5 % of 930 is 46.5: at risk.
    assert status.target.value == 930 and status.state == "at_risk"
    assert status.gap == 20 and status.limit == pytest.approx(46.5)


def test_after_the_last_deadline_the_last_target_governs():
    targets = [{"period": 2023, "value": 1000, "type": "max"}, {"period": 2024, "value": 930, "type": "max"}]
    status = kpi_status(kpi(targets, yearly(2024, 950)), date(2025, 3, 1))
    assert status.target.value == 930 and status.state == "missed"


# ------------------------------------------------------------------ max, min, exact after the deadline


def test_max_target_met_after_deadline_is_achieved():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 920))
    assert kpi_status(k, date(2025, 1, 1)).state == "achieved"


def test_max_target_missed_after_deadline():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 931))
    status = kpi_status(k, date(2025, 1, 1))
    assert status.state == "missed" and status.goal == 930 and status.deadline_passed


def test_max_target_exactly_met_is_achieved():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 930))
    assert kpi_status(k, date(2025, 1, 1)).state == "achieved"


def test_min_target_after_deadline():
    targets = [{"period": 2024, "value": 70, "type": "min"}]
    assert kpi_status(kpi(targets, yearly(2024, 70), "higher", "%"), date(2025, 1, 1)).state == "achieved"
    assert kpi_status(kpi(targets, yearly(2024, 69.9), "higher", "%"), date(2025, 1, 1)).state == "missed"


def test_exact_target():
    targets = [{"period": 2024, "value": 50, "type": "exact"}]
    assert kpi_status(kpi(targets, yearly(2024, 50)), date(2025, 1, 1)).state == "achieved"
    assert kpi_status(kpi(targets, yearly(2024, 51)), date(2025, 1, 1)).state == "missed"
    assert kpi_status(kpi(targets, yearly(2024, 49)), date(2025, 1, 1)).state == "missed"


def test_exact_target_with_tolerance_after_deadline():
    # 50 ± 2: 48 to 52 is met, on either side.
    targets = [{"period": 2024, "value": 50, "type": "exact", "tolerance": 2}]
    for value, state in ((52, "achieved"), (48, "achieved"), (52.5, "missed"), (47.5, "missed")):
        assert kpi_status(kpi(targets, yearly(2024, value)), date(2025, 1, 1)).state == state, value


def test_exact_target_with_tolerance_before_deadline_without_baseline():
    # 50 ± 2 by 2024. The at-risk limit is the tolerance plus 5 % of 50: 2 + 2.5 = 4.5 from 50.
    targets = [{"period": 2024, "value": 50, "type": "exact", "tolerance": 2}]
    assert kpi_status(kpi(targets, yearly(2023, 48.5)), JAN_2024).state == "on_track"  # 1.5 from 50: met
    risky = kpi_status(kpi(targets, yearly(2023, 53)), JAN_2024)  # 3 from 50
    assert risky.state == "at_risk" and risky.gap == 3 and risky.limit == pytest.approx(4.5)
    assert kpi_status(kpi(targets, yearly(2023, 45.5)), JAN_2024).state == "at_risk"  # 4.5 below: the edge
    assert kpi_status(kpi(targets, yearly(2023, 55)), JAN_2024).state == "off_track"  # 5 from 50


def test_tolerance_belongs_to_exact_targets_only():
    with pytest.raises(ValueError, match="only for an exact target"):
        kpi([{"period": 2024, "value": 930, "type": "max", "tolerance": 5}], [])
    with pytest.raises(ValueError, match="zero or more"):
        kpi([{"period": 2024, "value": 50, "type": "exact", "tolerance": -1}], [])


# ------------------------------------------------------------------ before the deadline, no baseline


def test_max_target_already_met_before_deadline_is_on_track():
    status = kpi_status(kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2023, 920)), JAN_2024)
    assert status.state == "on_track" and status.met and status.path is None


def test_max_target_without_baseline_uses_share_of_target():
    # 5 % of 1000 is 50: 1040 (40 over) is at risk, 1050 is the edge, 1060 (60 over) is off track.
    targets = [{"period": 2024, "value": 1000, "type": "max"}]
    assert kpi_status(kpi(targets, yearly(2023, 1040)), JAN_2024).state == "at_risk"
    assert kpi_status(kpi(targets, yearly(2023, 1050)), JAN_2024).state == "at_risk"
    assert kpi_status(kpi(targets, yearly(2023, 1060)), JAN_2024).state == "off_track"


def test_min_target_without_baseline():
    # At least 25 %; 5 % of 25 is 1.25 points: 24 is at risk, 23.5 (1.5 short) off track.
    targets = [{"period": 2024, "value": 25, "type": "min"}]
    assert kpi_status(kpi(targets, yearly(2023, 26), "higher", "%"), JAN_2024).state == "on_track"
    assert kpi_status(kpi(targets, yearly(2023, 24), "higher", "%"), JAN_2024).state == "at_risk"
    assert kpi_status(kpi(targets, yearly(2023, 23.5), "higher", "%"), JAN_2024).state == "off_track"


# ------------------------------------------------------------------ the required path from a baseline


def test_min_target_with_baseline_path():
    # From 10 % in 2022 to at least 25 % by the end of 2024: a straight path.
    targets = [{"period": 2024, "value": 25, "type": "min", "baseline": {"period": 2022, "value": 10}}]
    # End of 2023 is 365 of 731 days along: the path stands at 10 + 15 * 365/731 = 17.49.
    on_track = kpi_status(kpi(targets, yearly(2023, 18), "higher", "%"), JAN_2024)
    assert on_track.state == "on_track" and not on_track.met
    # 16.5 is behind by 0.99, within 10 % of the 15-point path (1.5): at risk.
    at_risk = kpi_status(kpi(targets, yearly(2023, 16.5), "higher", "%"), JAN_2024)
    assert at_risk.state == "at_risk" and at_risk.path == pytest.approx(17.49, abs=0.01)
    assert at_risk.gap == pytest.approx(0.99, abs=0.01) and at_risk.limit == pytest.approx(1.5)
    # 15 is behind by 2.49: off track.
    assert kpi_status(kpi(targets, yearly(2023, 15), "higher", "%"), JAN_2024).state == "off_track"


def test_max_target_with_baseline_path():
    # From 1000 in 2022 down to at most 900 by 2024: at the end of 2023 the path is 1000 - 100 * 365/731 = 950.07.
    # The at-risk limit is 10 % of the 100 to go: 10.
    targets = [{"period": 2024, "value": 900, "type": "max", "baseline": {"period": 2022, "value": 1000}}]
    assert kpi_status(kpi(targets, yearly(2023, 950)), JAN_2024).state == "on_track"  # 0.07 below the path
    assert kpi_status(kpi(targets, yearly(2023, 955)), JAN_2024).state == "at_risk"  # 4.93 above it
    off = kpi_status(kpi(targets, yearly(2023, 965)), JAN_2024)  # 14.93 above it
    assert off.state == "off_track" and off.path == pytest.approx(950.07, abs=0.01) and off.limit == pytest.approx(10)


def test_exact_target_with_baseline_path_counts_overshooting():
    # From 70 in 2022 to exactly 50 ± 2 by 2024: the path at the end of 2023 is 70 - 20 * 365/731 = 60.01.
    # Limit: the tolerance 2 plus 10 % of the 20 to go = 4.
    targets = [{"period": 2024, "value": 50, "type": "exact", "tolerance": 2, "baseline": {"period": 2022, "value": 70}}]
    assert kpi_status(kpi(targets, yearly(2023, 61)), JAN_2024).state == "on_track"  # 0.99 from the path
    assert kpi_status(kpi(targets, yearly(2023, 64)), JAN_2024).state == "at_risk"  # 3.99 from it
    assert kpi_status(kpi(targets, yearly(2023, 45)), JAN_2024).state == "off_track"  # 15.01 past it


def test_a_figure_before_the_baseline_is_held_against_the_baseline():
    # The path has not started at the end of 2021: it stands at the baseline, 1000.
    targets = [{"period": 2024, "value": 900, "type": "max", "baseline": {"period": 2022, "value": 1000}}]
    status = kpi_status(kpi(targets, yearly(2021, 1000)), JAN_2024)
    assert status.path == 1000 and status.state == "on_track"


# ------------------------------------------------------------------ targets given as a series


def test_series_target_compares_with_that_periods_series_value():
    targets = [{"value": {"series": "expected"}, "type": "max"}]
    actuals = [{"period": "3kv22-2kv23", "actual": 1500, "expected": 1650},
               {"period": "1kv23-4kv23", "actual": 1560, "expected": 1710}]
    status = kpi_status(kpi(targets, actuals), date(2024, 6, 1))
    assert status.state == "achieved" and status.goal == 1710 and status.latest.actual == 1560


def test_standing_target_not_met_is_at_risk_or_off_track():
    # A standing target has no deadline: met is achieved, otherwise it is held against the target itself.
    targets = [{"value": {"series": "expected"}, "type": "max"}]
    # 1690 against 1550: 140 over; 5 % of 1550 is 77.5: off track (the Slagelse row 1kv22-4kv22).
    off = kpi_status(kpi(targets, [{"period": "1kv22-4kv22", "actual": 1690, "expected": 1550}]), date(2023, 6, 1))
    assert off.state == "off_track" and off.gap == 140 and off.limit == pytest.approx(77.5)
    # 1600 against 1550: 50 over, within 77.5: at risk.
    near = kpi_status(kpi(targets, [{"period": "1kv22-4kv22", "actual": 1600, "expected": 1550}]), date(2023, 6, 1))
    assert near.state == "at_risk"


def test_series_target_with_offset_and_missing_series_is_no_data():
    targets = [{"period": 2021, "value": {"series": "expected", "offset": -172}, "type": "max"}]
    assert kpi_status(kpi(targets, yearly(2020, 900)), date(2021, 1, 1)).state == "no_data"
    status = kpi_status(kpi(targets, [{"period": 2021, "actual": 900, "expected": 1100}]), date(2022, 1, 1))
    assert status.goal == 928 and status.state == "achieved"  # 1100 - 172 = 928; 900 is under it


def test_series_target_with_offset_before_deadline():
    # At most expected - 172 by 2021; 2020's expected is 1000, so the goal is 828. 5 % of 828 is 41.4.
    targets = [{"period": 2021, "value": {"series": "expected", "offset": -172}, "type": "max"}]
    off = kpi_status(kpi(targets, [{"period": 2020, "actual": 900, "expected": 1000}]), date(2021, 6, 30))
    assert (off.state, off.goal, off.gap) == ("off_track", 828, 72) and off.limit == pytest.approx(41.4)
    near = kpi_status(kpi(targets, [{"period": 2020, "actual": 860, "expected": 1000}]), date(2021, 6, 30))
    assert near.state == "at_risk"  # 32 over 828


def test_series_targets_have_no_trend():
    # Falling fast towards the goal, but a series target moves with its series: no projection.
    targets = [{"period": 2024, "value": {"series": "cluster"}, "type": "max"}]
    actuals = [{"period": year, "actual": value, "cluster": 700} for year, value in ((2021, 1000), (2022, 900), (2023, 800))]
    status = kpi_status(kpi(targets, actuals), JAN_2024)
    assert status.state == "off_track" and status.projected is None


# ------------------------------------------------------------------ the trend of recent figures


def test_trend_projection_is_the_least_squares_line_at_a_day():
    # 1000, 940, 880 a year (365 days) apart: slope -60 per 365 days, so 366 days after the last
    # figure the line stands at 880 - 60 * 366/365 = 819.84.
    rows = kpi([], yearly(2021, 1000, 940, 880)).actuals
    assert trend_projection(rows, date(2024, 12, 31)) == pytest.approx(819.84, abs=0.01)
    # Not a straight line: 160, 175, 175. Mean 170 at the middle day; slope
    # (-365 * -10 + 365 * 5) / (2 * 365²) = 7.5 per 365 days; on 2024-12-31 (731 days after the middle):
    # 170 + 7.5 * 731/365 = 185.02.
    rows = kpi([], yearly(2021, 160, 175, 175)).actuals
    assert trend_projection(rows, date(2024, 12, 31)) == pytest.approx(185.02, abs=0.01)
    assert trend_projection(rows[:1], date(2024, 12, 31)) is None


def test_trend_lifts_off_track_to_at_risk_when_it_reaches_the_target():
    # At most 830 by 2024. 2023's 880 is 50 over; 5 % of 830 is 41.5: off track on the latest figure.
    # The trend of 1000, 940, 880 reaches 819.84 by 31 December 2024, under 830: at risk.
    status = kpi_status(kpi([{"period": 2024, "value": 830, "type": "max"}], yearly(2021, 1000, 940, 880)), JAN_2024)
    assert (status.state, status.trend_effect, status.trend_count) == ("at_risk", "up", 3)
    assert status.projected == pytest.approx(819.84, abs=0.01)


def test_trend_needs_enough_figures():
    # The same two latest figures without 2021: no trend (fewer than 3), so off track.
    status = kpi_status(kpi([{"period": 2024, "value": 830, "type": "max"}], yearly(2022, 940, 880)), JAN_2024)
    assert status.state == "off_track" and status.projected is None and status.trend_effect is None


def test_trend_that_does_not_reach_the_target_leaves_off_track():
    # 1000, 960, 920 falls 40 a year: 920 - 40 * 366/365 = 879.89 by the deadline, over 830.
    status = kpi_status(kpi([{"period": 2024, "value": 830, "type": "max"}], yearly(2021, 1000, 960, 920)), JAN_2024)
    assert status.state == "off_track" and status.projected == pytest.approx(879.89, abs=0.01)


def test_trend_lowers_on_track_to_at_risk_when_it_clearly_misses():
    # At most 930: 2023's 920 already meets it, but 800, 860, 920 rises 60 a year, to
    # 920 + 60 * 366/365 = 980.16 by the deadline: 50.16 over 930, more than 46.5 (5 % of 930).
    status = kpi_status(kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2021, 800, 860, 920)), JAN_2024)
    assert (status.state, status.trend_effect) == ("at_risk", "down") and status.met
    assert status.projected == pytest.approx(980.16, abs=0.01)


def test_trend_that_misses_only_slightly_leaves_on_track():
    # 860, 890, 920 rises 30 a year: 920 + 30 * 366/365 = 950.08, 20.08 over 930, within 46.5.
    status = kpi_status(kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2021, 860, 890, 920)), JAN_2024)
    assert status.state == "on_track" and status.trend_effect is None


def test_trend_lowers_on_track_by_path_to_at_risk():
    # From 100 (2020) to at least 200 by 2024 (1461 days): at the end of 2023 the path is
    # 100 + 100 * 1095/1461 = 174.95, and 175 is on it. But 160, 175, 175 projects to 185.02
    # (see above): 14.98 short of 200, more than 10 % of the 100 to go: at risk.
    targets = [{"period": 2024, "value": 200, "type": "min", "baseline": {"period": 2020, "value": 100}}]
    status = kpi_status(kpi(targets, yearly(2021, 160, 175, 175), "higher"), JAN_2024)
    assert status.path == pytest.approx(174.95, abs=0.01)
    assert (status.state, status.trend_effect) == ("at_risk", "down")
    assert status.projected == pytest.approx(185.02, abs=0.01)


def test_trend_uses_only_the_latest_points():
    # 700, 1000, 940, 880 (2020-2023): all four rise (slope 48 a year: Sxy 87600 / Sxx 666125 per day),
    # to 880 + 87600/666125 * (1461 - 547.5) = 1000.13 by 2024: off track stays.
    targets = [{"period": 2024, "value": 830, "type": "max"}]
    four = kpi_status(kpi(targets, yearly(2020, 700, 1000, 940, 880)), JAN_2024)
    assert four.state == "off_track" and four.projected == pytest.approx(1000.13, abs=0.01) and four.trend_count == 4
    # With trend_points 3 only 1000, 940, 880 count: 819.84, at risk.
    three = kpi_status(kpi(targets, yearly(2020, 700, 1000, 940, 880), status_rule={"trend_points": 3}), JAN_2024)
    assert three.state == "at_risk" and three.trend_count == 3


# ------------------------------------------------------------------ thresholds per KPI


def test_defaults_are_the_module_constants():
    assert (PATH_MARGIN, TARGET_MARGIN, TREND_MIN_POINTS, TREND_POINTS) == (0.10, 0.05, 3, 4)
    assert thresholds(kpi([], [])) == DEFAULT_THRESHOLDS
    assert (DEFAULT_THRESHOLDS.path_margin, DEFAULT_THRESHOLDS.target_margin) == (PATH_MARGIN, TARGET_MARGIN)
    assert (DEFAULT_THRESHOLDS.trend_min_points, DEFAULT_THRESHOLDS.trend_points) == (TREND_MIN_POINTS, TREND_POINTS)
    assert DEFAULT_THRESHOLDS.trend is True


def test_kpi_sets_its_own_path_margin():
    # 955 is 4.93 over the path 950.07; a 4 % margin of the 100 to go is 4: off track instead of at risk.
    targets = [{"period": 2024, "value": 900, "type": "max", "baseline": {"period": 2022, "value": 1000}}]
    status = kpi_status(kpi(targets, yearly(2023, 955), status_rule={"path_margin": 0.04}), JAN_2024)
    assert status.state == "off_track" and status.thresholds.path_margin == 0.04
    assert status.thresholds.target_margin == TARGET_MARGIN  # the rest stay the defaults


def test_kpi_sets_its_own_target_margin():
    # 1060 is 60 over 1000; with a 10 % margin the limit is 100: at risk instead of off track.
    status = kpi_status(kpi([{"period": 2024, "value": 1000, "type": "max"}], yearly(2023, 1060),
                            status_rule={"target_margin": "0,1"}), JAN_2024)
    assert status.state == "at_risk" and status.limit == pytest.approx(100)


def test_kpi_sets_its_own_trend_minimum_or_turns_the_trend_off():
    targets = [{"period": 2024, "value": 830, "type": "max"}]
    # Two figures (940, 880) are enough with trend_min_points 2: 880 - 60 * 366/365 = 819.84, at risk.
    two = kpi_status(kpi(targets, yearly(2022, 940, 880), status_rule={"trend_min_points": 2}), JAN_2024)
    assert two.state == "at_risk" and two.trend_effect == "up"
    # trend: false ignores the trend that would lift 1000, 940, 880 to at risk.
    off = kpi_status(kpi(targets, yearly(2021, 1000, 940, 880), status_rule={"trend": False}), JAN_2024)
    assert off.state == "off_track" and off.projected is None


@pytest.mark.parametrize(("rule", "message"), [
    ({"margin": 0.1}, "Extra inputs are not permitted"),
    ({"path_margin": 2}, "share from 0 to 1"),
    ({"target_margin": -0.1}, "share from 0 to 1"),
    ({"trend_points": 1}, "greater than or equal to 2"),
])
def test_status_rule_is_checked_like_every_record(rule, message):
    with pytest.raises(ValueError, match=message):
        kpi([], [], status_rule=rule)


def test_unknown_status_rule_key_names_file_and_line(tmp_path):
    text = MINIMAL_KPI + "status_rule:\n  path_margn: 0.2\n"
    with pytest.raises(ValidationFailed) as caught:
        load_project(write_project(tmp_path, kpi=text))
    problem = str(caught.value.problems[0])
    assert problem.startswith("kpi_data/test/test-hp.yaml:10:")
    assert "path_margn" in problem and "path_margin" in problem


# ------------------------------------------------------------------ the sample data


def test_slagelse_benchmark_from_the_sample_data(sample_project):
    k = next(item for item in sample_project.kpis if item.id == "slagelse-sdp-benchmark")
    # As of 1 June 2024 the latest period is 1kv23-4kv23: 1560 against the expected 1710.
    status = kpi_status(k, date(2024, 6, 1))
    assert (status.state, status.latest.actual, status.goal) == ("achieved", 1560, 1710)
    assert status_reason(status, k, "da") == (
        "Seneste tal 1.560 (1.–4. kvt. 2023) ligger under det forventede niveau på 1.710, så målet er nået.")
    # As of 1 June 2023 the latest is 1kv22-4kv22: 1690 against 1550, 140 over; 5 % of 1550 is 77.5.
    assert kpi_status(k, date(2023, 6, 1)).state == "off_track"


# ------------------------------------------------------------------ why: one sentence per state


def test_reason_no_data_and_no_target():
    assert reason(kpi([{"period": 2024, "value": 930, "type": "max"}], []), JAN_2024) == (
        "Der er endnu ingen tal at vurdere målet ud fra.")
    assert reason(kpi([], yearly(2023, 5)), JAN_2024) == (
        "Seneste tal er 5 (2023), men der er ikke fastsat et mål at vurdere det mod.")
    missing = kpi([{"period": 2024, "value": {"series": "expected", "offset": -172}, "type": "max"}], yearly(2023, 900))
    assert reason(missing, JAN_2024) == (
        "Seneste tal er 900 (2023), men der er intet tal for det forventede niveau at sammenligne med.")


def test_reason_achieved_and_missed():
    targets = [{"period": 2024, "value": 930, "type": "max"}]
    assert reason(kpi(targets, yearly(2024, 920)), date(2025, 1, 1)) == (
        "Seneste tal 920 (2024) ligger under målet på højst 930, så målet er nået.")
    assert reason(kpi(targets, yearly(2024, 931)), date(2025, 1, 1)) == (
        "Fristen 31. december 2024 er passeret, og seneste tal 931 (2024) ligger over målet på højst 930, "
        "så målet er ikke nået.")
    exact = [{"period": 2024, "value": 50, "type": "exact", "tolerance": 2}]
    assert reason(kpi(exact, yearly(2024, 52)), date(2025, 1, 1)) == (
        "Seneste tal 52 (2024) ligger inden for målet på præcis 50 ± 2, så målet er nået.")


def test_reason_on_track_at_risk_off_track_without_baseline():
    targets = [{"period": 2024, "value": 1000, "type": "max"}]
    assert reason(kpi(targets, yearly(2023, 990)), JAN_2024) == (
        "Seneste tal 990 (2023) ligger allerede under målet på højst 1.000 med frist 31. december 2024, "
        "så målet er på sporet.")
    assert reason(kpi(targets, yearly(2023, 1040)), JAN_2024) == (
        "Seneste tal 1.040 (2023) ligger 40 over målet på højst 1.000; det er inden for grænsen på 50, "
        "så målet er i risiko.")
    assert reason(kpi(targets, yearly(2023, 1060)), JAN_2024) == (
        "Seneste tal 1.060 (2023) ligger 60 over målet på højst 1.000; det er mere end grænsen på 50, "
        "så målet er ikke på sporet.")


def test_reason_along_the_path():
    targets = [{"period": 2024, "value": 25, "type": "min", "baseline": {"period": 2022, "value": 10}}]
    common = "som den nødvendige kurs fra 10 % (2022) mod mindst 25 % (31. december 2024) kræver"
    assert reason(kpi(targets, yearly(2023, 18), "higher", "%"), JAN_2024) == (
        f"Seneste tal 18 % (2023) ligger over de 17,5 %, {common}, så målet er på sporet.")
    assert reason(kpi(targets, yearly(2023, 16.5), "higher", "%"), JAN_2024) == (
        f"Seneste tal 16,5 % (2023) ligger 0,99 procentpoint bag de 17,5 %, {common}; "
        "det er inden for grænsen på 1,5 procentpoint, så målet er i risiko.")
    assert reason(kpi(targets, yearly(2023, 15), "higher", "%"), JAN_2024) == (
        f"Seneste tal 15 % (2023) ligger 2,49 procentpoint bag de 17,5 %, {common}; "
        "det er mere end grænsen på 1,5 procentpoint, så målet er ikke på sporet.")


def test_reason_with_the_trend():
    up = kpi([{"period": 2024, "value": 830, "type": "max"}], yearly(2021, 1000, 940, 880))
    assert reason(up, JAN_2024) == (
        "Seneste tal 880 (2023) er langt fra målet på højst 830, men udviklingen i de seneste 3 tal peger mod 820 "
        "ved fristen 31. december 2024, hvilket opfylder målet højst 830, så målet er i risiko.")
    down = kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2021, 800, 860, 920))
    assert reason(down, JAN_2024) == (
        "Seneste tal 920 (2023) er på sporet, men udviklingen i de seneste 3 tal peger mod 980 ved fristen "
        "31. december 2024, klart uden for målet højst 930, så målet er i risiko.")


def test_reason_for_a_series_target_with_offset():
    targets = [{"period": 2021, "value": {"series": "expected", "offset": -172}, "type": "max"}]
    k = kpi(targets, [{"period": 2020, "actual": 900, "expected": 1000}])
    assert reason(k, date(2021, 6, 30)) == (
        "Seneste tal 900 (2020) ligger 72 over det forventede niveau −172 (= 828); det er mere end grænsen på 41,4, "
        "så målet er ikke på sporet.")


def test_reason_in_english():
    targets = [{"value": {"series": "expected"}, "type": "max"}]
    k = kpi(targets, [{"period": "1kv23-4kv23", "actual": 1560, "expected": 1710}])
    assert reason(k, date(2024, 6, 1), "en") == (
        "The latest figure 1,560 (Q1–Q4 2023) is below the expected level of 1,710, so the target is achieved.")


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_state_has_a_sentence_with_its_figures(language):
    cases = [
        (kpi([{"period": 2024, "value": 930, "type": "max"}], []), JAN_2024),
        (kpi([], yearly(2023, 5)), JAN_2024),
        (kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 920)), date(2025, 1, 1)),
        (kpi([{"period": 2024, "value": 930, "type": "max"}], yearly(2024, 931)), date(2025, 1, 1)),
        (kpi([{"period": 2024, "value": 1000, "type": "max"}], yearly(2023, 1040)), JAN_2024),
        (kpi([{"period": 2024, "value": 1000, "type": "max"}], yearly(2023, 1060)), JAN_2024),
        (kpi([{"period": 2024, "value": 1000, "type": "max"}], yearly(2023, 990)), JAN_2024),
    ]
    states = set()
    for k, as_of in cases:
        status = kpi_status(k, as_of)
        states.add(status.state)
        sentence = reason(k, as_of, language)
        assert sentence.endswith(".") and "{" not in sentence
        if status.latest is not None:
            assert str(int(status.latest.actual)) in sentence.replace(".", "").replace(",", "")
    assert states == set(KPI_STATES)
