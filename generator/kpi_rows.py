"""A KPI's figures as rows with everything derived from them: the target for the period,
the required path, the difference to the expected level and whether a printed figure agrees.

Nothing derivable is typed into the data; this is where it is derived, once, for the
table under each chart and for the open-data downloads alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Actual, Kpi, Target
from .periods import Period
from .status import required_path, target_value


@dataclass(frozen=True)
class KpiRow:
    actual: Actual
    target: Target | None
    """The target that applies to this period (its deadline period contains the period's end, or a standing one)."""
    goal: float | None
    """That target's value for this period (a series value plus offset, or the number)."""
    path: float | None
    """Where the straight path from the baseline to the target stands at the period's end."""
    difference: float | None
    """Actual minus expected, computed; never taken from the source."""
    mismatch: bool
    """A difference printed in the source disagrees with the computed one."""

    @property
    def period(self) -> Period:
        return self.actual.period


def target_for(kpi: Kpi, day: date) -> Target | None:
    """The target that applies on a day: the first whose period holds the day or ends after it, else a standing one."""
    return _target_for(_dated_targets(kpi), kpi, day)


def _dated_targets(kpi: Kpi) -> list[Target]:
    return sorted((target for target in kpi.targets if target.period), key=lambda target: target.period.end)


def _target_for(dated: list[Target], kpi: Kpi, day: date) -> Target | None:
    for target in dated:
        if target.period.start <= day <= target.period.end or (
            target.baseline is not None and target.baseline.period.end <= day <= target.period.end
        ):
            return target
    standing = [target for target in kpi.targets if target.period is None]
    return standing[0] if standing else None


def kpi_rows(kpi: Kpi) -> list[KpiRow]:
    """Every figure of a KPI in period order, with its derived columns."""
    rows = []
    dated = _dated_targets(kpi)
    for actual in sorted(kpi.actuals, key=lambda row: (row.period.start, row.period.end)):
        target = _target_for(dated, kpi, actual.period.end)
        goal = target_value(target, actual) if target else None
        path = required_path(target, goal, actual.period.end) if target and goal is not None else None
        difference = None
        if actual.actual is not None and actual.expected is not None:
            difference = actual.actual - actual.expected
        mismatch = (
            actual.printed_difference is not None and difference is not None and actual.printed_difference != difference
        )
        rows.append(KpiRow(actual, target, goal, path, difference, mismatch))
    return rows
