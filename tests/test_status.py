"""Status as of a date: activities at their period edges, KPIs against each kind of target."""

from __future__ import annotations

from datetime import date

import pytest

from generator.model import Activity, Kpi
from generator.status import activity_state, kpi_status

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


def kpi(targets, actuals, better="lower") -> Kpi:
    return Kpi.model_validate(
        {"id": "k", "title": "K", "organisation": "O", "unit": "HP", "better": better,
         "targets": targets, "actuals": actuals}
    )


def test_no_data_without_actuals():
    assert kpi_status(kpi([{"period": 2024, "value": 930, "type": "max"}], []), date(2024, 6, 1)).state == "no_data"


def test_actuals_after_as_of_are_not_seen():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], [{"period": "2024-Q1", "actual": 900}])
    assert kpi_status(k, date(2024, 3, 30)).state == "no_data"
    assert kpi_status(k, date(2024, 4, 1)).state == "on_track"


def test_max_target_met_before_deadline_is_on_track_and_after_is_achieved():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], [{"period": 2024, "actual": 920}])
    assert kpi_status(k, date(2025, 1, 1)).state == "achieved"


def test_max_target_missed_after_deadline():
    k = kpi([{"period": 2024, "value": 930, "type": "max"}], [{"period": 2024, "actual": 931}])
    status = kpi_status(k, date(2025, 1, 1))
    assert status.state == "missed" and status.goal == 930 and status.deadline_passed


def test_min_target_with_baseline_path():
    # From 10 % in 2022 to at least 25 % by the end of 2024: a straight path.
    targets = [{"period": 2024, "value": 25, "type": "min", "baseline": {"period": 2022, "value": 10}}]
    # End of 2023 is half-way (365 of 731 days): the path stands at 10 + 15 * 365/731 = 17.49.
    assert kpi_status(kpi(targets, [{"period": 2023, "actual": 18}], "higher"), date(2024, 1, 1)).state == "on_track"
    # 16.5 is behind by 0.99, within 10 % of the 15-point path (1.5): at risk.
    at_risk = kpi_status(kpi(targets, [{"period": 2023, "actual": 16.5}], "higher"), date(2024, 1, 1))
    assert at_risk.state == "at_risk" and at_risk.path == pytest.approx(17.49, abs=0.01)
    # 15 is behind by 2.49: off track.
    assert kpi_status(kpi(targets, [{"period": 2023, "actual": 15}], "higher"), date(2024, 1, 1)).state == "off_track"


def test_max_target_without_baseline_uses_share_of_target():
    targets = [{"period": 2024, "value": 1000, "type": "max"}]
    assert kpi_status(kpi(targets, [{"period": 2023, "actual": 1040}]), date(2024, 1, 1)).state == "at_risk"
    assert kpi_status(kpi(targets, [{"period": 2023, "actual": 1060}]), date(2024, 1, 1)).state == "off_track"


def test_series_target_compares_with_that_periods_series_value():
    targets = [{"value": {"series": "expected"}, "type": "max"}]
    actuals = [{"period": "3kv22-2kv23", "actual": 1500, "expected": 1650},
               {"period": "1kv23-4kv23", "actual": 1560, "expected": 1710}]
    status = kpi_status(kpi(targets, actuals), date(2024, 6, 1))
    assert status.state == "achieved" and status.goal == 1710 and status.latest.actual == 1560


def test_series_target_with_offset_and_missing_series_is_no_data():
    targets = [{"period": 2021, "value": {"series": "expected", "offset": -172}, "type": "max"}]
    assert kpi_status(kpi(targets, [{"period": 2020, "actual": 900}]), date(2021, 1, 1)).state == "no_data"
    status = kpi_status(kpi(targets, [{"period": 2021, "actual": 900, "expected": 1100}]), date(2022, 1, 1))
    assert status.goal == 928 and status.state == "achieved"


def test_exact_target():
    targets = [{"period": 2024, "value": 50, "type": "exact"}]
    assert kpi_status(kpi(targets, [{"period": 2024, "actual": 50}]), date(2025, 1, 1)).state == "achieved"
    assert kpi_status(kpi(targets, [{"period": 2024, "actual": 51}]), date(2025, 1, 1)).state == "missed"


def test_next_target_due_governs():
    targets = [{"period": 2023, "value": 1000, "type": "max"}, {"period": 2024, "value": 930, "type": "max"}]
    status = kpi_status(kpi(targets, [{"period": 2023, "actual": 950}]), date(2024, 1, 1))
    assert status.target.value == 930 and status.state == "at_risk"  # 950 is 2.2 % above 930: within 5 %
