"""Status as of a date: pure functions of the model and one ``as_of`` day.

No clock is read here or anywhere else but the command line's default; the whole
site is reproducible for a given ``--as-of``. The thresholds below are the one
place they are defined; the Danish explanation for leadership is in
``docs/status.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Activity, ActivityStatus, Actual, Kpi, Milestone, Plan, SeriesValue, Target, TargetType

DUE_SOON = timedelta(days=14)
"""An activity that starts within this many days of as_of is 'due soon'."""

UPCOMING = timedelta(days=28)
"""The 'next 4 weeks' lists show activities that start within this many days of as_of."""

AT_RISK_SHARE_OF_PATH = 0.10
"""Behind the required path by at most this share of the whole path (baseline to target) is 'at risk'."""

AT_RISK_SHARE_OF_TARGET = 0.05
"""Without a baseline: missing the target by at most this share of it is 'at risk'."""

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


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's status as of a date, with what it was computed from."""

    state: str
    latest: Actual | None = None
    target: Target | None = None
    goal: float | None = None
    """The target's value for the latest actual's period (a series value plus offset, or the number)."""
    path: float | None = None
    """Where the straight path from baseline to target stands at the latest actual's period."""
    deadline_passed: bool = False


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


def meets(target: Target, actual: float, goal: float) -> bool:
    if target.type is TargetType.max:
        return actual <= goal
    if target.type is TargetType.min:
        return actual >= goal
    return actual == goal


def required_path(target: Target, goal: float, at: date) -> float | None:
    """The value the straight line from the baseline to the target passes at ``at``."""
    if target.baseline is None or target.period is None:
        return None
    start, end = target.baseline.period.end, target.period.end
    if end <= start:
        return None
    share = min(max((at - start).days / (end - start).days, 0.0), 1.0)
    return target.baseline.value + (goal - target.baseline.value) * share


def kpi_status(kpi: Kpi, as_of: date) -> KpiStatus:
    """Achieved, on track, at risk, off track, missed, no data or no target, as of a date."""
    target = governing_target(kpi, as_of)
    rows = observed_actuals(kpi, as_of)
    if not rows:
        return KpiStatus("no_data", target=target)
    latest = rows[-1]
    if target is None:
        return KpiStatus("no_target", latest=latest)
    goal = target_value(target, latest)
    if goal is None:
        return KpiStatus("no_data", latest=latest, target=target)
    deadline_passed = target.period is not None and target.period.end < as_of
    reached = meets(target, latest.actual, goal)
    if target.period is None or deadline_passed:
        state = "achieved" if reached else ("missed" if deadline_passed else "off_track")
        return KpiStatus(state, latest, target, goal, deadline_passed=deadline_passed)
    if reached:
        return KpiStatus("on_track", latest, target, goal)
    path = required_path(target, goal, latest.period.end)
    if path is not None:
        span = abs(goal - target.baseline.value) or abs(goal) or 1.0
        behind = (latest.actual - path) if target.type is TargetType.max else (path - latest.actual)
        if target.type is TargetType.exact:
            behind = abs(latest.actual - path)
        state = "on_track" if behind <= 0 else ("at_risk" if behind <= AT_RISK_SHARE_OF_PATH * span else "off_track")
        return KpiStatus(state, latest, target, goal, path)
    gap = abs(latest.actual - goal)
    state = "at_risk" if gap <= AT_RISK_SHARE_OF_TARGET * (abs(goal) or 1.0) else "off_track"
    return KpiStatus(state, latest, target, goal)
