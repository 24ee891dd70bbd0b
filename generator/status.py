"""Status as of a date: pure functions of the model and one ``as_of`` day.

No clock is read here or anywhere else but the command line's default; the whole
site is reproducible for a given ``--as-of``. The thresholds below are the one
place they are defined; the Danish explanation for leadership is in
``docs/status.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .model import Activity, ActivityStatus, Actual, Kpi, Milestone, Plan, SeriesValue, Target, TargetType

DUE_SOON = timedelta(days=14)
"""An activity that starts within this many days of as_of is 'due soon'."""

UPCOMING = timedelta(days=28)
"""The 'next 4 weeks' lists show activities that start within this many days of as_of."""

PATH_MARGIN = 0.10
"""With a baseline: behind the required path by at most this share of the whole path (baseline to target) is 'at risk'."""

TARGET_MARGIN = 0.05
"""Without a baseline: missing the target by at most this share of it is 'at risk'."""

TREND_MIN_POINTS = 3
"""The trend of recent figures is used when there are at least this many figures."""

TREND_POINTS = 4
"""The trend line is fitted through at most this many of the latest figures."""

ACTIVITY_STATES = ("overdue", "due_soon", "in_progress", "planned", "postponed", "done", "cancelled")
"""Every state an activity can be shown in, in the order lists and legends use."""

KPI_STATES = ("achieved", "on_track", "at_risk", "off_track", "missed", "no_data", "no_target")


def activity_state(item: Activity | Milestone, as_of: date) -> str:
    """The state to show for an activity or milestone: its own status, or overdue / due soon.

    Overdue: its period has ended before as_of and it is neither done nor cancelled.
    Due soon: it starts after as_of, within :data:`DUE_SOON`, and is still planned.
    """
    own = item.status
    if own in (ActivityStatus.done, ActivityStatus.cancelled):
        return own.value
    span = activity_span(item)
    if span is None:
        return own.value
    start, end = span
    if end < as_of:
        return "overdue"
    if own is ActivityStatus.planned and as_of < start <= as_of + DUE_SOON:
        return "due_soon"
    return own.value


def is_upcoming(item: Activity | Milestone, as_of: date) -> bool:
    """Whether an activity that is neither done nor cancelled starts within :data:`UPCOMING` of as_of."""
    span = activity_span(item)
    if span is None or item.status in (ActivityStatus.done, ActivityStatus.cancelled):
        return False
    return as_of <= span[0] <= as_of + UPCOMING


def activity_span(item: Activity | Milestone) -> tuple[date, date] | None:
    """First and last day of an activity or milestone, or ``None`` when it is not scheduled."""
    if isinstance(item, Activity) and item.day:
        return item.day, item.day
    if item.when is None:
        return None
    return item.when.start, item.when.end


def plan_span(plan: Plan) -> tuple[date, date] | None:
    """First and last day of everything scheduled in a plan."""
    spans = [span for item in [*plan.activities, *plan.milestones] if (span := activity_span(item))]
    if not spans:
        return None
    return min(start for start, _ in spans), max(end for _, end in spans)


def count_states(states: list[str]) -> dict[str, int]:
    """How many of each state, in :data:`ACTIVITY_STATES` order, leaving out zeros."""
    return {state: states.count(state) for state in ACTIVITY_STATES if state in states}


# ----------------------------------------------------------------------- KPIs


#
# The rule, in short (docs/status.md has it for leadership in Danish, docs/status.en.md in English):
#
# 1. The latest figure is the last actual whose period has ended by as_of; the target is the next one
#    due, else the last one due, else a standing one; its value is a number or the latest figure's
#    series value plus offset.
# 2. Deadline passed (as_of after its last day): achieved if the latest figure meets the target, else
#    missed. A standing target: achieved if met, else compared with the target itself as in 3.
# 3. Before the deadline: on track if the latest figure meets the target. Otherwise it is compared with
#    a level: where the straight path from the baseline to the target stands at the figure's period
#    end, or without a baseline the target itself. On the right side of that level: on track; behind
#    it by at most a margin (path_margin of the whole path, or target_margin of the target): at risk;
#    further behind: off track.
# 4. With at least trend_min_points figures and a number as target, a least-squares line through the
#    latest trend_points figures is projected to the deadline. It can only move the state one step, to
#    at risk: off track becomes at risk when the projection meets the target, and on track becomes at
#    risk when the projection misses the target by more than the margin.


@dataclass(frozen=True)
class Thresholds:
    """The thresholds a KPI's status is computed with: the defaults above, or the KPI's own ``status_rule``."""

    path_margin: float = PATH_MARGIN
    target_margin: float = TARGET_MARGIN
    trend: bool = True
    trend_min_points: int = TREND_MIN_POINTS
    trend_points: int = TREND_POINTS


DEFAULT_THRESHOLDS = Thresholds()
"""The defaults, as one record; the JSON Schema shows these as the defaults of a KPI's ``status_rule``."""


def thresholds(kpi: Kpi) -> Thresholds:
    """The KPI's own thresholds where it sets them, the defaults elsewhere."""
    own = {name: value for name, value in kpi.status_rule.model_dump().items() if value is not None}
    return replace(DEFAULT_THRESHOLDS, **own)


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's status as of a date, with everything the one-sentence explanation needs."""

    state: str
    latest: Actual | None = None
    target: Target | None = None
    goal: float | None = None
    """The target's value for the latest actual's period (a series value plus offset, or the number)."""
    path: float | None = None
    """Where the straight path from baseline to target stands at the latest actual's period (before the deadline)."""
    deadline_passed: bool = False
    deadline: date | None = None
    """The last day of the target's period; None for a standing target."""
    met: bool = False
    """The latest figure meets the target (within the tolerance of an exact target)."""
    level: float | None = None
    """What the latest figure was compared with: the path where there is one, else the goal."""
    gap: float | None = None
    """How far the latest figure is on the wrong side of ``level`` (zero or less: on the right side);
    for an exact target, its distance from ``level``."""
    limit: float | None = None
    """The largest ``gap`` that is still 'at risk' (an exact target's tolerance plus the margin)."""
    projected: float | None = None
    """Where the trend line through the latest figures stands on the deadline, when there are enough figures."""
    trend_count: int = 0
    """How many figures the trend line was fitted through."""
    trend_effect: str | None = None
    """'up' when the trend moved off track to at risk, 'down' when it moved on track to at risk."""
    thresholds: Thresholds = DEFAULT_THRESHOLDS


def observed_actuals(kpi: Kpi, as_of: date) -> list[Actual]:
    """Actuals with a value whose period has ended by as_of, oldest first."""
    rows = [row for row in kpi.actuals if row.actual is not None and row.period.end <= as_of]
    return sorted(rows, key=lambda row: (row.period.end, row.period.start))


def governing_target(kpi: Kpi, as_of: date) -> Target | None:
    """The target that decides the status: the next one due, else the last one due, else a standing one."""
    dated = sorted((target for target in kpi.targets if target.period), key=lambda target: target.period.end)
    upcoming = [target for target in dated if target.period.end >= as_of]
    if upcoming:
        return upcoming[0]
    if dated:
        return dated[-1]
    standing = [target for target in kpi.targets if target.period is None]
    return standing[0] if standing else None


def target_value(target: Target, row: Actual) -> float | None:
    """The target's value that applies to one row: a number, or the row's series value plus offset."""
    if isinstance(target.value, SeriesValue):
        series = getattr(row, target.value.series)
        return None if series is None else series + target.value.offset
    return target.value


def shortfall(target: Target, value: float, level: float) -> float:
    """How far ``value`` is on the wrong side of ``level``: above it for a max target, below it for a min
    target (zero or less: on the right side); for an exact target, the distance either way."""
    if target.type is TargetType.max:
        return value - level
    if target.type is TargetType.min:
        return level - value
    return abs(value - level)


def _within(value: float, limit: float) -> bool:
    # Tolerant of binary rounding only (17.5 - 0.1 * 3 and the like), never of a real difference.
    return value <= limit + 1e-9 * max(1.0, abs(limit))


def meets(target: Target, actual: float, goal: float) -> bool:
    """Whether a figure meets the target's value: at most, at least, or within the tolerance of it."""
    return _within(shortfall(target, actual, goal), target.tolerance)


def required_path(target: Target, goal: float, at: date) -> float | None:
    """The value the straight line from the baseline to the target passes at ``at``."""
    if target.baseline is None or target.period is None:
        return None
    start, end = target.baseline.period.end, target.period.end
    if end <= start:
        return None
    share = min(max((at - start).days / (end - start).days, 0.0), 1.0)
    return target.baseline.value + (goal - target.baseline.value) * share


def trend_projection(rows: list[Actual], at: date) -> float | None:
    """Where the least-squares line through the rows' figures (placed at their periods' ends) stands at ``at``."""
    xs = [row.period.end.toordinal() for row in rows]
    ys = [float(row.actual) for row in rows if row.actual is not None]
    if len(ys) != len(xs) or len(xs) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    return mean_y + slope * (at.toordinal() - mean_x)


def kpi_status(kpi: Kpi, as_of: date) -> KpiStatus:
    """Achieved, on track, at risk, off track, missed, no data or no target, as of a date (see the rule above)."""
    rule = thresholds(kpi)
    target = governing_target(kpi, as_of)
    rows = observed_actuals(kpi, as_of)
    if not rows:
        return KpiStatus("no_data", target=target, thresholds=rule)
    latest = rows[-1]
    if target is None:
        return KpiStatus("no_target", latest=latest, thresholds=rule)
    deadline = target.period.end if target.period is not None else None
    deadline_passed = deadline is not None and deadline < as_of
    goal = target_value(target, latest)
    if goal is None:
        return KpiStatus("no_data", latest, target, deadline_passed=deadline_passed, deadline=deadline, thresholds=rule)
    actual = float(latest.actual)
    met = meets(target, actual, goal)
    path = None if deadline_passed else required_path(target, goal, latest.period.end)
    if path is not None:
        assert target.baseline is not None
        level, margin, scale = path, rule.path_margin, abs(goal - target.baseline.value) or abs(goal)
    else:
        level, margin, scale = goal, rule.target_margin, abs(goal)
    gap = shortfall(target, actual, level)
    limit = target.tolerance + margin * scale
    found = dict(latest=latest, target=target, goal=goal, path=path, deadline_passed=deadline_passed,
                 deadline=deadline, met=met, level=level, gap=gap, limit=limit, thresholds=rule)
    if deadline_passed:
        return KpiStatus("achieved" if met else "missed", **found)
    if met:
        state = "achieved" if deadline is None else "on_track"
    elif _within(gap, target.tolerance):
        state = "on_track"
    else:
        state = "at_risk" if _within(gap, limit) else "off_track"
    if deadline is None or isinstance(target.value, SeriesValue) or not rule.trend:
        return KpiStatus(state, **found)
    recent = rows[-max(rule.trend_points, rule.trend_min_points):]
    projected = trend_projection(recent, deadline) if len(recent) >= rule.trend_min_points else None
    if projected is None:
        return KpiStatus(state, **found)
    effect = None
    if state == "off_track" and meets(target, projected, goal):
        state, effect = "at_risk", "up"
    elif state == "on_track" and not _within(shortfall(target, projected, goal), limit):
        state, effect = "at_risk", "down"
    return KpiStatus(state, projected=projected, trend_count=len(recent), trend_effect=effect, **found)
