"""Sentences and short phrases built from data: a target's wording, why a KPI has its status."""

from __future__ import annotations

from ..formatting import format_number, format_period, format_quantity
from ..i18n import t
from ..model import Kpi, SeriesValue, Target
from ..status import KpiStatus


def target_text(target: Target, kpi: Kpi, language: str) -> str:
    """'højst 930', 'mindst 25 %', 'højst forventet niveau −172'."""
    kind = t(f"target_type.{target.type.value}", language)
    if isinstance(target.value, SeriesValue):
        series = t(f"series.{target.value.series}", language).lower()
        offset = target.value.offset
        value = series if not offset else t(
            "kpi.series_offset", language, series=series, offset=("+" if offset > 0 else "") + format_number(offset, language)
        )
    else:
        value = format_quantity(target.value, kpi.unit, language)
    return t("kpi.target_label", language, type=kind, value=value)


def status_reason(status: KpiStatus, kpi: Kpi, language: str) -> str:
    """One sentence that says why the KPI has its status, with the figures it was computed from."""
    if status.latest is None:
        return t("status_reason.no_data", language)
    latest = format_quantity(status.latest.actual, kpi.unit, language)
    period = format_period(status.latest.period, language)
    if status.target is None:
        return t("status_reason.no_target", language)
    if status.goal is None:
        series = status.target.value.series if isinstance(status.target.value, SeriesValue) else "expected"
        return t("status_reason.no_goal", language, latest=latest, period=period, series=t(f"series.{series}", language).lower())
    goal = target_text(status.target, kpi, language)
    if isinstance(status.target.value, SeriesValue):
        goal += f" (= {format_quantity(status.goal, kpi.unit, language)})"
    return t(f"status_reason.{status.state}", language, latest=latest, period=period, goal=goal)
