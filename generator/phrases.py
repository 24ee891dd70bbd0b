"""Sentences and short phrases built from data: a target's wording, why a KPI has its status."""

from __future__ import annotations

from .formatting import PERCENT_UNITS, format_day, format_number, format_period, format_quantity
from .i18n import t
from .model import Kpi, SeriesValue, Target, TargetType
from .status import KpiStatus


def target_text(target: Target, kpi: Kpi, language: str) -> str:
    """'højst 930', 'mindst 25 %', 'højst forventet niveau −172', 'præcis 50 ± 2'."""
    kind = t(f"target_type.{target.type.value}", language)
    if isinstance(target.value, SeriesValue):
        series = t(f"series.{target.value.series}", language).lower()
        offset = target.value.offset
        value = series if not offset else t(
            "kpi.series_offset", language, series=series, offset=("+" if offset > 0 else "") + format_number(offset, language)
        )
    else:
        value = format_quantity(target.value, kpi.unit, language)
    text = t("kpi.target_label", language, type=kind, value=value)
    if target.tolerance:
        text = t("status_rule.tolerance", language, value=text, tolerance=format_number(target.tolerance, language))
    return text


def status_reason(status: KpiStatus, kpi: Kpi, language: str) -> str:
    """One sentence that says why the KPI has its status, with the figures it was computed from.

    'Seneste tal 1.560 (1.–4. kvt. 2023) ligger under det forventede niveau på 1.710, så målet er nået.'
    The sentences are in the translation table under ``status_reason``; their pieces under ``status_rule``.
    """
    if status.latest is None or status.latest.actual is None:
        return t("status_reason.no_data", language)
    latest = format_quantity(status.latest.actual, kpi.unit, language)
    period = format_period(status.latest.period, language)
    if status.target is None:
        return t("status_reason.no_target", language, latest=latest, period=period)
    target = status.target
    if status.goal is None:
        series = target.value.series if isinstance(target.value, SeriesValue) else "expected"
        return t("status_reason.no_goal", language, latest=latest, period=period, series=t(f"status_rule.series.{series}", language))
    key = status.state
    if status.trend_effect is not None:
        key = f"at_risk_trend_{status.trend_effect}"
    elif status.state in ("on_track", "at_risk", "off_track") and status.path is not None and not status.met:
        key = f"{status.state}_path"
    actual = float(status.latest.actual)
    # The *_path sentences hold the figure against the path, the others against the target's value.
    against = status.path if key.endswith("_path") and status.path is not None else status.goal
    within = target.type is TargetType.exact and status.met and not key.endswith("_path")
    figures = {
        "latest": latest,
        "period": period,
        "target": target_text(target, kpi, language),
        "level": _goal_level(status, kpi, language),
        "relation": _relation(actual, against, within, language),
        "deadline": format_day(status.deadline, language) if status.deadline else "",
        "gap": _derived(abs(actual - against), kpi.unit, language, difference=True),
        "limit": _derived(status.limit, kpi.unit, language, difference=True),
        "path": _derived(status.path, kpi.unit, language),
        "projected": _derived(status.projected, kpi.unit, language),
        "count": status.trend_count,
        "baseline": "",
        "baseline_period": "",
    }
    if target.baseline is not None:
        figures["baseline"] = format_quantity(target.baseline.value, kpi.unit, language)
        figures["baseline_period"] = format_period(target.baseline.period, language)
    if status.path is not None:
        figures["reference"] = t("status_rule.reference_path", language, path=figures["path"])
    else:
        figures["reference"] = figures["level"]
    return t(f"status_reason.{key}", language, **figures)


def _goal_level(status: KpiStatus, kpi: Kpi, language: str) -> str:
    """What the figure is held against: 'målet på højst 930', 'det forventede niveau på 1.710'."""
    target = status.target
    assert target is not None and status.goal is not None
    if not isinstance(target.value, SeriesValue):
        return t("status_rule.level_target", language, target=target_text(target, kpi, language))
    series = t(f"status_rule.series.{target.value.series}", language)
    value = format_quantity(status.goal, kpi.unit, language)
    offset = target.value.offset
    if not offset:
        return t("status_rule.level_series", language, series=series, value=value)
    signed = ("+" if offset > 0 else "") + format_number(offset, language)
    return t("status_rule.level_series_offset", language, series=series, offset=signed, value=value)


def _relation(actual: float, level: float, within: bool, language: str) -> str:
    """'under', 'over', 'på' – or 'inden for' for an exact target met within its tolerance."""
    if actual == level:
        word = "equal"
    elif within:
        word = "within"
    else:
        word = "below" if actual < level else "above"
    return t(f"status_rule.relation.{word}", language)


def _derived(value: float | None, unit: str | None, language: str, difference: bool = False) -> str:
    """A computed figure (a path, a projection, a gap), rounded to what the data can carry: whole numbers
    from 100, one decimal from 10, else two. A difference in a percent unit is in percentage points."""
    if value is None:
        return "–"
    size = abs(value)
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2
    number = format_number(round(value, decimals), language, decimals)
    if unit and unit.strip() in PERCENT_UNITS:
        key = "status_rule.percentage_points" if difference else "number.percent"
        return t(key, language, value=number)
    return number
