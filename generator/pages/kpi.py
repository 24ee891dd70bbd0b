"""A KPI's page: status and why, definition, targets, and the actuals with computed differences."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Actual, Kpi
from . import urls
from .phrases import status_reason
from .render import Page, render
from .view import SiteView


@dataclass(frozen=True)
class ActualRow:
    actual: Actual
    difference: float | None
    """Actual minus expected, computed; never taken from the source."""
    mismatch: bool
    """A difference printed in the source disagrees with the computed one."""


def actual_rows(kpi: Kpi) -> list[ActualRow]:
    rows = []
    for row in sorted(kpi.actuals, key=lambda row: (row.period.start, row.period.end)):
        difference = None
        if row.actual is not None and row.expected is not None:
            difference = row.actual - row.expected
        mismatch = row.printed_difference is not None and difference is not None and row.printed_difference != difference
        rows.append(ActualRow(row, difference, mismatch))
    return rows


def present_columns(kpi: Kpi) -> list[str]:
    """The comparison columns that have at least one value, so empty ones are not shown."""
    columns = [name for name in ("expected", "cluster", "national", "rank", "printed_difference", "note")
               if any(getattr(row, name) is not None for row in kpi.actuals)]
    if "expected" in columns:
        columns.insert(columns.index("expected") + 1, "difference")
    return columns


def kpi_page(view: SiteView, kpi: Kpi) -> Page:
    path = view.kpi_url(kpi)
    status = view.kpi_statuses[kpi.id]
    markdown = render(
        "kpi.md.j2",
        path,
        view.language,
        view.as_of,
        kpi=kpi,
        view=view,
        urls=urls,
        status=status,
        reason=status_reason(status, kpi, view.language),
        rows=actual_rows(kpi),
        columns=present_columns(kpi),
        plans=view.kpi_plans.get(kpi.id, []),
    )
    return Page(path, kpi.title, markdown)
