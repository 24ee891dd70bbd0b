"""KPI charts: target against actual, a sparkline for the overview cards, and the benchmark rank.

Every function here is pure: a KPI, its status and an ``as_of`` day in, a Vega-Lite spec
(a plain ``dict``) out. No files, no clock. The same input always gives the same dict.

How time is drawn
-----------------
Each figure is plotted at the **end** of its period (2023 at 31 December 2023, the rolling
window ``3kv19-2kv20`` at 30 June 2020). The end, not the middle, because

* a figure for a period is known when the period is over, and status counts a figure from
  the day its period has ended (:func:`generator.status.observed_actuals`);
* a target's deadline is the end of its period, and the required path is evaluated at the
  end of the latest figure's period (:func:`generator.status.required_path`), so a point
  that sits on the drawn path is exactly "on the path" in the status rule;
* overlapping rolling windows would sit on top of each other's middles half a year apart,
  which says nothing; at the end each window sits at the quarter it reports up to.

The x axis is temporal in UTC; data carry date-only ISO strings ("2023-12-31"), which
JavaScript reads as UTC midnight. Tick positions are period ends too, given explicitly, and
their labels come from the translation table through a ``labelExpr`` lookup, because Vega's
own week and month formats are neither ISO weeks nor Danish. So the tick "2023" stands at the
end of 2023, under the 2023 figure, and the step of a 2023 target ends there. The y axis
likewise gets explicit tick values labelled in Python with
:func:`generator.formatting.format_quantity`, so no label depends on the d3 locale the
runtime sets.

The spec
--------
Plain dicts, shaped as Altair's schema classes would write them (they were built with those
classes, whose ``to_dict`` cost most of a chart's time), with the data inline as named
``datasets`` (see :func:`_finish`). No schema is checked while building: the tests validate every
chart kind against the Vega-Lite schema (``tests/test_chart_kpi.py``). Every layer has a stable
``name``, which Vega-Lite turns into the class ``<name>_marks`` on the layer's mark group in the
SVG; tests count the drawn figures with :data:`ACTUAL_POINTS_SELECTOR`. A spec costs about 0.4 ms.

Colours
-------
No colour is written here. Every mark is coloured through one ``color`` scale on the field
``series`` whose domain is the whole :data:`~generator.charts.theme.SERIES_NAMES` tuple, in
order, and whose scheme is :data:`~generator.charts.theme.SERIES_SCHEME`. A scheme hands out
its colours by domain index, so the domain must be the full tuple; the legend lists only the
series a chart draws (``legend.values``). The Vega-Lite JSON schema only knows Vega's built-in
scheme names, so the scheme is given as an expression (``{"expr": "'planspor-series'"}``),
which is valid and which Vega resolves at run time from the schemes the chart runtime
registers for the current palette.
"""

from __future__ import annotations

import json
import math
from calendar import monthrange
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import Any


from .. import formatting
from ..formatting import PERCENT_UNITS, format_day
from ..i18n import labels, t
from ..model import Actual, Kpi, SeriesValue, Target
from ..periods import Period, display_period
from ..phrases import target_text
from ..status import KpiStatus, governing_target, observed_actuals, required_path, target_value
from .theme import SERIES_NAMES, SERIES_SCHEME
from .vegalite import SCHEMA_URL

HEIGHT = 260
"""Height of the target-vs-actual chart in pixels; its width follows the container."""
RANK_HEIGHT = 110
SPARK_WIDTH, SPARK_HEIGHT = 120, 32

ACTUAL_POINTS = "actual_points"
"""Name of the layer that draws one point per actual figure."""
ACTUAL_POINTS_SELECTOR = ".ps-chart svg g.actual_points_marks > path"
"""CSS selector that matches one element per drawn actual, in the page rendered with the SVG renderer.

Vega-Lite names a layer's marks ``<layer name>_marks`` and Vega's SVG renderer writes that name
as a class on the mark's group: ``<g class="mark-symbol role-mark actual_points_marks">`` with one
``<path role="graphics-symbol">`` per point. (Checked with ``vl_convert.vegalite_to_svg``.)
"""

MAX_TICKS = 16
"""At most this many x ticks: every n-th is kept, or a coarser unit is used (week → month → ...)."""
Y_TICKS = 5
LEGEND_WRAP = 520
"""Below this plot width (pixels) a legend of more than two series wraps into two columns."""
AS_OF_NEAR = 0.25
"""The as-of line is drawn when the day lies within this share of the time span beyond the data."""

SCHEME = {"expr": json.dumps(SERIES_SCHEME).replace('"', "'")}
_UNITS = ("day", "week", "month", "quarter", "half", "year")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "half": 182.6, "year": 365.25}
_STEPS = {"day": (1, 2, 7, 14), "week": (1, 2, 4, 13), "month": (1, 2, 3, 6), "quarter": (1, 2), "half": (1,),
          "year": (1, 2, 5, 10, 20, 50, 100, 1000)}
_EPOCH = date(1970, 1, 1)
SERIES_DASHES = {"actual": [1, 0], "target": [1, 0], "path": [2, 3], "comparison": [6, 4], "as_of": [2, 3],
                 "phase": [1, 0]}
"""Line style per series (solid for what is measured and decided, dashed for the rest)."""


# ----------------------------------------------------------------------------- public API


def kpi_chart_spec(kpi: Kpi, status: KpiStatus, as_of: date, language: str = "da",
                   description: str | None = None) -> dict | None:
    """Target against actual over time, or ``None`` when the KPI has no figure up to ``as_of``.

    Layers, back to front: the as-of line, comparison series (dashed, quiet), the required path
    from a baseline, targets (a segment over each target's period, a stepped line for targets
    year by year, a standing target across the chart, a series target as that series plus its
    offset) with their labels, and the actuals as a line with points named :data:`ACTUAL_POINTS`.
    A KPI without figures gets no chart: its page shows "ingen data" and its targets as text.
    ``description`` is :func:`kpi_chart_description`, when it has been made already.
    """
    rows = observed_actuals(kpi, as_of)
    if not rows:
        return None
    chart = _KpiChart(kpi, as_of, language, rows)
    spec = dict(
        layer=chart.layers(),
        encoding=dict(x=chart.x_encoding(), y=chart.y_encoding(), color=chart.color_encoding()),
        width="container",
        height=HEIGHT,
        autosize=dict(type="fit-x", contains="padding"),
        description=description if description is not None else kpi_chart_description(kpi, status, language),
    )
    return _finish(spec, chart.datasets)


def kpi_sparkline_spec(kpi: Kpi, as_of: date, language: str = "da") -> dict | None:
    """A tiny line of the actuals up to ``as_of``, the latest as a dot, the governing numeric target as a rule."""
    rows = observed_actuals(kpi, as_of)
    if not rows:
        return None
    points = [{"date": row.period.end.isoformat(), "value": _clean(row.actual), "series": "actual"} for row in rows]
    values = [row.actual for row in rows]
    target = governing_target(kpi, as_of)
    goal = target.value if target is not None and not isinstance(target.value, SeriesValue) else None
    if goal is not None:
        values.append(goal)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1
    datasets = {"actual": points, "latest": points[-1:]}
    layers = []
    if goal is not None:
        datasets["target"] = [{"value": _clean(goal), "series": "target"}]
        layers.append(_unit("target_rule", "target", {"type": "rule", "strokeWidth": 1, "strokeDash": [3, 2]},
                            x={"value": 0}, x2={"value": "width"}))
    layers.append(_unit("actual_line", "actual", {"type": "line", "strokeWidth": 1.5}))
    layers.append(_unit("latest_point", "latest", {"type": "point", "filled": True, "size": 16, "opacity": 1}))
    spec = dict(
        layer=layers,
        encoding=dict(
            x=dict(field="date", type="temporal", axis=None, scale=dict(type="utc")),
            y=dict(field="value", type="quantitative", axis=None,
                    scale=dict(domain=[_clean(lo - pad), _clean(hi + pad)], zero=False, nice=False)),
            color=_color(legend=None),
        ),
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        padding=2,
        autosize=dict(type="fit", contains="padding"),
        config=dict(view=dict(stroke=None)),
        description=_latest_description(kpi, rows[-1], language),
    )
    return _finish(spec, datasets)


def rank_chart_spec(kpi: Kpi, as_of: date, language: str = "da") -> dict | None:
    """The benchmark rank per period (1 at the top), or ``None`` when there is no rank up to ``as_of``."""
    rows = [row for row in kpi.actuals if row.rank is not None and row.period.end <= as_of]
    if not rows:
        return None
    rows.sort(key=lambda row: (row.period.end, row.period.start))
    of = kpi.rank_of
    points = [{
        "date": row.period.end.isoformat(),
        "rank": _clean(row.rank),
        "series": "actual",
        "period": display_period(row.period, language),
        "rank_short": _number(row.rank, language),
        "rank_text": _rank_text(row.rank, of, language),
    } for row in rows]
    bottom = of if of is not None else max(2, _clean(max(row.rank for row in rows)))
    ticks = sorted({1, *[tick for tick in _nice_ticks(1, bottom, 3) if 1 <= tick <= bottom], int(math.ceil(bottom))})
    ticks = _spread(ticks, bottom)
    # The title sits above the plot: as a y-axis title it would be longer than the chart is high.
    title = _rank_title(kpi, language)
    ends = [row.period.end for row in rows]
    pad = timedelta(days=max(round((max(ends) - min(ends)).days * 0.04), 45))
    lo, hi = min(ends) - pad, max(ends) + pad
    axis = _TimeAxis([row.period for row in rows], [lo, hi], language)
    tooltip = [_tip("period", t("series.period", language)), _tip("rank_text", t("series.rank", language))]
    spec = dict(
        layer=[
            _unit("rank_line", "rank", {"type": "line", "strokeWidth": 1.5}),
            _unit("rank_points", "rank", {"type": "point", "filled": True, "size": 40, "opacity": 1},
                  tooltip=tooltip, description=dict(field="rank_text", type="nominal")),
            _unit("rank_labels", "rank", {"type": "text", "dy": -9, "fontSize": 11},
                  text=dict(field="rank_short", type="nominal")),
        ],
        encoding=dict(
            x=axis.encoding(domain=(lo, hi)),
            y=dict(field="rank", type="quantitative", title=None,
                    scale=dict(domain=[1, bottom], reverse=True, zero=False, nice=False),
                    axis=dict(values=ticks, labelExpr=_lookup(ticks, [_number(v, language) for v in ticks]))),
            color=_color(legend=None),
        ),
        title=dict(text=title, anchor="start", fontSize=12, fontWeight="normal", offset=12),
        width="container",
        height=RANK_HEIGHT,
        autosize=dict(type="fit-x", contains="padding"),
        description=f"{title}: {points[-1]['rank_short']} ({points[-1]['period']}).",
    )
    return _finish(spec, {"rank": points})


def kpi_chart_description(kpi: Kpi, status: KpiStatus, language: str = "da") -> str:
    """The chart in words (its text alternative): the latest figure and period, the target and the status.

    'Seneste tal: 1.560 helårspersoner (1. kvt. 2023 – 4. kvt. 2023). Mål: højst forventet niveau
    (= 1.710); status: nået.'
    """
    state = str(t(f"kpi_state.{status.state}", language))
    if status.latest is not None and status.latest.actual is not None:
        first = _latest_description(kpi, status.latest, language)
    else:
        first = t("chart.description_no_data", language)
    if status.target is not None:
        target = _target_label(status.target, kpi, language)
        if isinstance(status.target.value, SeriesValue) and status.goal is not None:
            target = t("chart.target_goal", language, target=target, goal=_quantity(status.goal, kpi.unit, language))
        second = t("chart.description_target", language, target=target, state=state.lower())
    else:
        second = t("chart.description_status", language, state=state.lower())
    return f"{first} {second}"


# ----------------------------------------------------------------------------- the main chart


class _KpiChart:
    """The data of one target-vs-actual chart, worked out in Python, and its layers."""

    def __init__(self, kpi: Kpi, as_of: date, language: str, rows: list[Actual]):
        self.kpi, self.as_of, self.language, self.rows = kpi, as_of, language, rows
        # Comparison series are drawn for every row whose period has ended, with or without an actual.
        self.compare_rows = sorted((row for row in kpi.actuals if row.period.end <= as_of),
                                   key=lambda row: (row.period.end, row.period.start))
        self.comparisons = [name for name in ("expected", "cluster", "national")
                            if any(getattr(row, name) is not None for row in self.compare_rows)]
        self.parts: dict[str, list[dict]] = {}
        self.present: set[str] = {"actual"}
        self.datasets: dict[str, list[dict]] = {}
        self._build()

    def _build(self) -> None:
        kpi, language = self.kpi, self.language
        dates: list[date] = [row.period.end for row in self.compare_rows]
        numeric = [target for target in kpi.targets if not isinstance(target.value, SeriesValue)]
        for target in numeric:
            if target.period is not None:
                dates += [target.period.start, target.period.end]
        for target in kpi.targets:
            if target.baseline is not None and target.period is not None:
                dates += [target.baseline.period.end, target.period.end]
        lo, hi = min(dates), max(dates)
        span = max((hi - lo).days, 0)
        near = max(AS_OF_NEAR * span, 92)
        self.show_as_of = (lo - self.as_of).days <= near and (self.as_of - hi).days <= near
        if self.show_as_of:
            lo, hi = min(lo, self.as_of), max(hi, self.as_of)
        unit = _finest_unit([row.period for row in self.rows])
        pad = timedelta(days=max(round((hi - lo).days * 0.04), math.ceil(_UNIT_DAYS[unit] / 2)))
        self.lo, self.hi = lo - pad, hi + pad
        self.axis = _TimeAxis([row.period for row in self.rows], [self.lo, self.hi], language, unit=unit)

        # A target's label goes on the side away from the path that leads to it, so they do not cross.
        self.labels_below = any(
            target.baseline is not None and not isinstance(target.value, SeriesValue)
            and target.baseline.value > target.value for target in kpi.targets)
        self._actuals()
        self._comparisons()
        self._numeric_targets(numeric)
        self._series_targets()
        self._paths()

    def _actuals(self) -> None:
        kpi, language = self.kpi, self.language
        extra = [name for name in ("expected", "cluster", "national", "rank")
                 if any(getattr(row, name) is not None for row in self.rows)]
        self.actual_tooltip = [("period", "series.period"), ("value_text", "series.actual")]
        for name in extra:
            self.actual_tooltip.append((f"{name}_text", f"series.{name}"))
            if name == "expected":
                self.actual_tooltip.append(("difference_text", "series.difference"))
        points = []
        for row in self.rows:
            period = display_period(row.period, language)
            value = _quantity(row.actual, kpi.unit, language)
            point = _point(row.period.end, row.actual, "actual", period=period, value_text=value,
                           description=f"{period}: {value}")
            for name in extra:
                number = getattr(row, name)
                if name == "rank":
                    point["rank_text"] = "–" if number is None else _rank_text(number, kpi.rank_of, language)
                else:
                    point[f"{name}_text"] = _quantity(number, kpi.unit, language)
                if name == "expected":
                    point["difference_text"] = _signed(None if number is None else row.actual - number, language)
            points.append(point)
        self.parts["actual"] = points

    def _comparisons(self) -> None:
        kpi, language = self.kpi, self.language
        lines = []
        for name in self.comparisons:
            label = str(t(f"series.{name}", language))
            for row in self.compare_rows:
                number = getattr(row, name)
                if number is not None:
                    lines.append(_point(row.period.end, number, "comparison", line=name, name=label,
                                        period=display_period(row.period, language),
                                        value_text=_quantity(number, kpi.unit, language)))
        self.parts["comparison"] = lines
        if lines:
            self.present.add("comparison")
        # Several comparison series share a colour: each is named at its last point.
        self.parts["comparison_labels"] = []
        if len(self.comparisons) > 1:
            for name in self.comparisons:
                last = [line for line in lines if line["line"] == name][-1]
                self.parts["comparison_labels"].append({**last, "label": last["name"], "below": _falls(lines, name)})

    def _numeric_targets(self, targets: list[Target]) -> None:
        """Segments over each dated target's period, risers between adjacent ones, standing ones across."""
        kpi, language = self.kpi, self.language
        segments, steps, labels_ = [], [], []
        below = self.labels_below
        dated = sorted((target for target in targets if target.period is not None),
                       key=lambda target: (target.period.end, target.period.start))
        for index, target in enumerate(dated):
            assert target.period is not None
            start, end = target.period.start, target.period.end
            if target.period.kind in ("day", "week_date"):
                # A target on a single day: drawn from the left of the chart (or its baseline) to the deadline.
                start = max(self.lo, target.baseline.period.end) if target.baseline is not None else self.lo
            label = _target_label(target, kpi, language)
            value_text = _quantity(target.value, kpi.unit, language)
            segments.append(_point(start, target.value, "target", date_end=end.isoformat(), label=label,
                                   period=display_period(target.period, language),
                                   target_text=target_text(target, kpi, language), value_text=value_text))
            previous = dated[index - 1] if index else None
            if previous is not None and _adjacent(previous, target):
                steps.append(_point(target.period.start, previous.value, "target", value_end=_clean(target.value)))
            following = dated[index + 1] if index + 1 < len(dated) else None
            # Inside a year-by-year trajectory only the last step carries the full label, at its
            # deadline; the others show their value at the start of their step, which fits over a
            # one-year step at 360 px and keeps clear of the next step's label.
            if following is not None and _adjacent(target, following):
                labels_.append(_point(target.period.start, target.value, "target", label=value_text, below=below,
                                      align="left"))
            else:
                labels_.append(_point(end, target.value, "target", label=label, below=below))
        for target in targets:
            if target.period is None:
                label = _target_label(target, kpi, language)
                segments.append(_point(self.lo, target.value, "target", date_end=self.hi.isoformat(), label=label,
                                       period=str(t("kpi.standing", language)),
                                       target_text=target_text(target, kpi, language),
                                       value_text=_quantity(target.value, kpi.unit, language)))
                # No deadline to label it at: it is labelled where the chart starts, clear of the as-of line.
                labels_.append(_point(self.lo, target.value, "target", label=label, below=below, align="left"))
        self.parts["target_segments"] = segments
        self.parts["target_steps"] = steps
        self.parts["target_labels"] = labels_
        if segments:
            self.present.add("target")

    def _series_targets(self) -> None:
        """A target given as another series: that series plus the offset, period by period."""
        kpi, language = self.kpi, self.language
        lines, labels_ = [], []
        for index, target in enumerate(kpi.targets):
            if not isinstance(target.value, SeriesValue):
                continue
            series = target.value.series
            rows = [row for row in self.compare_rows if getattr(row, series) is not None
                    and (target.period is None or row.period.end <= target.period.end)]
            if not rows:
                continue
            label = _target_label(target, kpi, language)
            if target.value.offset == 0:
                # The target is the comparison line itself, already drawn: it is only labelled.
                first, last = getattr(rows[0], series), getattr(rows[-1], series)
                labels_.append(_point(rows[-1].period.end, last, "target", label=label, below=first > last))
                continue
            for row in rows:
                goal = target_value(target, row)
                lines.append(_point(row.period.end, goal, "target", line=f"t{index}", label=label,
                                    period=display_period(row.period, language),
                                    target_text=_quantity(goal, kpi.unit, language)))
            labels_.append({**lines[-1], "below": _falls(lines, f"t{index}")})
        self.parts["series_target"] = lines
        self.parts["target_labels"] = self.parts["target_labels"] + labels_
        if lines:
            self.present.add("target")

    def _paths(self) -> None:
        """The straight line from each baseline to its target's value at the deadline."""
        kpi, language = self.kpi, self.language
        lines, baselines = [], []
        for index, target in enumerate(kpi.targets):
            if target.baseline is None or target.period is None:
                continue
            goal = self._goal_at_deadline(target)
            if goal is None or required_path(target, goal, target.period.end) is None:
                continue
            start, end = target.baseline.period.end, target.period.end
            lines += [_point(start, target.baseline.value, "path", line=f"p{index}"),
                      _point(end, goal, "path", line=f"p{index}")]
            baselines.append(_point(start, target.baseline.value, "path",
                                    period=display_period(target.baseline.period, language),
                                    value_text=_quantity(target.baseline.value, kpi.unit, language)))
        self.parts["path"] = lines
        self.parts["baseline"] = baselines
        if lines:
            self.present.add("path")

    def _goal_at_deadline(self, target: Target) -> float | None:
        if not isinstance(target.value, SeriesValue):
            return target.value
        assert target.period is not None
        at_deadline = [row for row in self.kpi.actuals if row.period.end == target.period.end]
        return target_value(target, at_deadline[0]) if at_deadline else None

    # -- encodings

    def x_encoding(self) -> dict:
        return self.axis.encoding(domain=(self.lo, self.hi))

    def y_encoding(self) -> dict:
        values = [point["value"] for part in ("actual", "comparison", "target_segments", "series_target", "path")
                  for point in self.parts[part]]
        lo, hi = min(values), max(values)
        span = (hi - lo) or abs(hi) * 0.2 or 1.0
        # Room above the highest line for a label over it, and for the as-of label along the top;
        # room below the lowest line when a label hangs under a line.
        below = any(row.get("below") for row in self.parts["target_labels"] + self.parts["comparison_labels"])
        top = 0.22 if self.show_as_of else 0.1
        ticks = _nice_ticks(lo - span * (0.14 if below else 0.0), hi + span * top, Y_TICKS)
        unit = self.kpi.unit
        return dict(field="value", type="quantitative", title=None if _is_percent(unit) else unit,
                     scale=dict(domain=[ticks[0], ticks[-1]], zero=False, nice=False),
                     axis=dict(values=ticks, titleAnchor="end",
                                   labelExpr=_lookup(ticks, [_quantity(v, unit, self.language) for v in ticks])))

    def color_encoding(self) -> dict:
        return _color(legend=self.legend())

    def dash_encoding(self) -> dict:
        # The same legend as the colour's, so that Vega-Lite merges the two into one legend whose
        # symbols show each series' colour and line style.
        return _dash(legend=self.legend())

    def legend(self) -> dict:
        names = [name for name in SERIES_NAMES if name in self.present]
        labels_ = {name: str(t(f"chart.legend.{name}", self.language)) for name in names}
        if len(self.comparisons) == 1:
            labels_["comparison"] = str(t(f"series.{self.comparisons[0]}", self.language))
        # Several comparison series are 'Sammenligning' here and each is named at the end of its line.
        # On a narrow screen the legend wraps into two columns rather than running off the chart.
        return dict(
            values=names, labelExpr=_object_lookup(labels_), title=None, orient="top", direction="horizontal",
            columns={"expr": f"width < {LEGEND_WRAP} ? 2 : {len(names)}"},
            symbolType="stroke", symbolStrokeWidth=2.5, labelLimit=220)

    # -- layers

    def layers(self) -> list[dict]:
        language, parts, datasets = self.language, self.parts, self.datasets
        period_tip = _tip("period", t("series.period", language))
        target_tip = _tip("target_text", t("chart.legend.target", language))
        text = dict(field="label", type="nominal")
        layers: list[dict] = []
        dashed: list[str] = []

        def add(name: str, rows: list[dict], mark: dict, data: str | None = None, **encoding: Any) -> None:
            datasets[data or name] = rows
            if mark["type"] in ("line", "rule"):
                # Line style per layer, not shared (Vega-Lite warns about it on text marks). The first
                # such layer defines the scale and legend; the others share them.
                shared = dict(field="series", type="nominal")
                encoding["strokeDash"] = shared if dashed else self.dash_encoding()
                dashed.append(name)
            layers.append(_unit(name, data or name, mark, **encoding))

        def labels(name: str, rows: list[dict], **mark: Any) -> None:
            """Text layers, one per placement: above or below the line, ending or starting at the point."""
            for below in (False, True):
                for align in ("right", "left"):
                    chosen = [row for row in rows if row.get("below", False) is below
                              and row.get("align", "right") == align]
                    if chosen:
                        add(name + ("_below" if below else "") + ("_start" if align == "left" else ""), chosen,
                            {"type": "text", "align": align, "baseline": "top" if below else "bottom",
                             "dy": 5 if below else -5, "dx": 4 if align == "left" else 0, "fontSize": 11, **mark},
                            text=text)

        if self.show_as_of:
            day = {"date": self.as_of.isoformat(), "series": "as_of",
                   "label": t("site.status_as_of", language, date=format_day(self.as_of, language))}
            # The label reads away from the nearer edge of the chart.
            right = (self.as_of - self.lo) > (self.hi - self.as_of)
            add("as_of_rule", [day], {"type": "rule", "strokeWidth": 1}, y={"value": 0}, y2={"value": "height"})
            add("as_of_label", [day], {"type": "text", "align": "right" if right else "left",
                                       "dx": -4 if right else 4, "baseline": "top", "dy": 2, "fontSize": 11},
                data="as_of_rule", y={"value": 0}, text=text)
        for name in self.comparisons:
            rows = [row for row in parts["comparison"] if row["line"] == name]
            add(f"comparison_{name}", rows,
                {"type": "line", "strokeWidth": 1.5, "point": {"size": 18, "filled": True}},
                tooltip=[period_tip, _tip("value_text", t(f"series.{name}", language))])
        labels("comparison_labels", parts["comparison_labels"])
        if parts["path"]:
            add("path_lines", parts["path"], {"type": "line", "strokeWidth": 2}, detail=_detail("line"))
            add("baseline_points", parts["baseline"],
                {"type": "point", "shape": "diamond", "filled": True, "size": 60, "opacity": 1},
                tooltip=[period_tip, _tip("value_text", t("kpi.baseline", language))])
        if parts["target_segments"]:
            add("target_segments", parts["target_segments"], {"type": "rule", "strokeWidth": 2.5},
                x2=dict(field="date_end"), tooltip=[period_tip, target_tip])
        if parts["target_steps"]:
            add("target_steps", parts["target_steps"], {"type": "rule", "strokeWidth": 2.5},
                y2=dict(field="value_end"))
        if parts["series_target"]:
            add("series_target", parts["series_target"],
                {"type": "line", "strokeWidth": 2, "point": {"size": 18, "filled": True}},
                detail=_detail("line"), tooltip=[period_tip, target_tip])
        labels("target_labels", parts["target_labels"], fontWeight="bold")
        add("actual_line", parts["actual"], {"type": "line", "strokeWidth": 2.5}, data="actual")
        add(ACTUAL_POINTS, parts["actual"], {"type": "point", "filled": True, "size": 55, "opacity": 1},
            data="actual", tooltip=[_tip(field, t(key, language)) for field, key in self.actual_tooltip],
            description=dict(field="description", type="nominal"))
        return layers


# ----------------------------------------------------------------------------- time axis


class _TimeAxis:
    """Explicit x ticks at period ends, labelled from the translation table.

    The unit is the finest unit of the data (a rolling four-quarter window counts as
    quarters). When that gives more than :data:`MAX_TICKS` ticks, every 2nd (7th, 13th ...)
    one is kept, counted back from the latest figure so that ticks fall on data points; when
    no step fits, the next coarser unit is used. The browser hides labels that still overlap.
    """

    def __init__(self, periods: list[Period], span: list[date], language: str, unit: str | None = None):
        lo, hi = min(span), max(span)
        anchor = max(period.end for period in periods)
        ends: list[date] = []
        for unit in _UNITS[_UNITS.index(unit or _finest_unit(periods)):]:
            steps = _STEPS[unit]
            if (hi - lo).days / _UNIT_DAYS[unit] / steps[-1] > MAX_TICKS + 1:
                continue
            every = list(_unit_ends(unit, lo, hi))
            step = next((step for step in steps if math.ceil(len(every) / step) <= MAX_TICKS), None)
            if step is None:
                continue
            if unit == "year" and step >= 5:
                ends = [end for end in every if end.year % step == 0]
            else:
                at = max((index for index, end in enumerate(every) if end <= anchor), default=0)
                ends = [end for index, end in enumerate(every) if (index - at) % step == 0]
            break
        if not ends:  # a span shorter than one unit: label the data's own ends
            ends = sorted({period.end for period in periods})
        self.unit = unit
        self.ticks = [_ms(day) for day in ends]
        self.labels = [_tick_label(unit, day, language) for day in ends]

    def encoding(self, domain: tuple[date, date] | None = None) -> dict:
        # The span is given as domainMin and domainMax, not as an explicit domain: Vega-Lite reads an
        # explicit domain once per channel, as datetime() signals for x (which is temporal) but as bare
        # numbers for x2 (which has no type), and a rule with x2 (a target's segment) then makes it log
        # "Conflicting scale property domain" in the browser. Every point lies within the span, so the
        # data's own domain bounded by these two is exactly the span, as before.
        scale = dict(type="utc") if domain is None else dict(
            type="utc", domainMin=_ms(domain[0]), domainMax=_ms(domain[1]), nice=False)
        return dict(field="date", type="temporal", title=None, scale=scale,
                     axis=dict(values=self.ticks, labelExpr=_lookup(self.ticks, self.labels, "time(datum.value)"),
                                   labelOverlap="greedy", labelSeparation=6, labelPadding=4, gridDash=[2, 2]))


def _finest_unit(periods: Iterable[Period]) -> str:
    units = [_unit_of(period) for period in periods]
    return min(units, key=_UNITS.index) if units else "year"


def _unit_of(period: Period) -> str:
    if period.kind == "range" and period.last is not None:
        return _unit_of(period.last)
    return {"day": "day", "week_date": "day", "week": "week", "week_alternatives": "week",
            "month": "month", "quarter": "quarter", "half": "half", "year": "year"}[period.kind]


@lru_cache(maxsize=4096)
def _unit_ends(unit: str, lo: date, hi: date) -> tuple[date, ...]:
    """The last day of every ``unit`` that ends within [lo, hi] (most charts of a site share their span)."""
    return tuple(_each_unit_end(unit, lo, hi))


def _each_unit_end(unit: str, lo: date, hi: date) -> Iterator[date]:
    if unit == "day":
        yield from (lo + timedelta(days=n) for n in range((hi - lo).days + 1))
        return
    if unit == "week":
        day = lo + timedelta(days=(6 - lo.weekday()) % 7)  # the first Sunday
        while day <= hi:
            yield day
            day += timedelta(days=7)
        return
    months = {"month": range(1, 13), "quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}[unit]
    for year in range(lo.year, hi.year + 1):
        for month in months:
            day = date(year, month, monthrange(year, month)[1])
            if lo <= day <= hi:
                yield day


def _tick_label(unit: str, day: date, language: str) -> str | list[str]:
    """A short two-line label for a tick at the end of a unit: ['2. kvt.', '2020']; a year is one line."""
    if unit == "year":
        return str(day.year)
    if unit == "half":
        return [t("chart.tick_half", language, half=1 if day.month <= 6 else 2), str(day.year)]
    if unit == "quarter":
        return [t("chart.tick_quarter", language, quarter=(day.month + 2) // 3), str(day.year)]
    month = labels(language)["period.months_short"][day.month - 1]
    if unit == "month":
        return [month, str(day.year)]
    if unit == "week":
        iso = day.isocalendar()
        return [t("period.week", language, week=iso.week), str(iso.year)]
    return [t("period.day_no_year", language, day=day.day, month=month), str(day.year)]


# ----------------------------------------------------------------------------- helpers


def _finish(spec: dict, datasets: dict[str, list[dict]]) -> dict:
    """The spec with its data inline under top-level ``datasets``, as Altair writes consolidated data."""
    return {"$schema": SCHEMA_URL, **spec, "datasets": datasets}


def _unit(name: str, data: str, mark: dict, **encoding: Any) -> dict:
    """One layer; its ``name`` becomes the class ``<name>_marks`` on its mark group in the SVG."""
    layer = {"name": name, "data": {"name": data}, "mark": dict(mark)}
    if encoding:
        layer["encoding"] = encoding
    return layer


def _color(legend: dict | None) -> dict:
    """The one colour scale: the full series domain in theme order, coloured by the registered scheme."""
    return dict(field="series", type="nominal", scale=dict(domain=list(SERIES_NAMES), scheme=SCHEME),
                     legend=legend)


def _dash(legend: dict) -> dict:
    """Line styles per series on the same field as the colour."""
    dashes = [SERIES_DASHES[name] for name in SERIES_NAMES]
    return dict(field="series", type="nominal", legend=legend,
                          scale=dict(domain=list(SERIES_NAMES), range=dashes))


def _tip(field: str, title: str) -> dict:
    return dict(field=field, type="nominal", title=title)


def _detail(field: str) -> dict:
    return dict(field=field, type="nominal")


# Numbers are formatted with Babel, which costs more than the rest of a chart; the same few
# figures recur on every page, so their texts are kept (a pure function, so caching is safe).
_number = lru_cache(maxsize=8192)(formatting.format_number)
_quantity = lru_cache(maxsize=8192)(formatting.format_quantity)
_signed = lru_cache(maxsize=8192)(formatting.format_signed)


def _point(day: date, value: float, series: str, **fields: Any) -> dict:
    """One row of chart data: a day (as a date-only ISO string), a value and the series it belongs to."""
    return {"date": day.isoformat(), "value": _clean(value), "series": series, **fields}


def _adjacent(first: Target, second: Target) -> bool:
    """Two targets of one kind where the second starts the day after the first ends: steps of one trajectory."""
    assert first.period is not None and second.period is not None
    return first.type is second.type and second.period.start == first.period.end + timedelta(days=1)


def _falls(rows: list[dict], line: str) -> bool:
    """Whether a line ends lower than it starts: its end label then hangs below it, clear of the line."""
    values = [row["value"] for row in rows if row["line"] == line]
    return values[0] > values[-1]


def _ms(day: date) -> int:
    """Milliseconds since 1970-01-01 UTC at the start of ``day``: what Vega uses for a date."""
    return (day - _EPOCH).days * 86_400_000


def _lookup(keys: list, values: list, key: str = "datum.value") -> str:
    """A Vega expression that maps ``key`` to the matching value: [labels][indexof([keys], key)]."""
    return f"{json.dumps(values, ensure_ascii=False)}[indexof({json.dumps(keys)}, {key})]"


def _object_lookup(mapping: dict[str, str]) -> str:
    return f"{json.dumps(mapping, ensure_ascii=False)}[datum.value]"


def _nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round tick values covering [lo, hi], about ``count`` of them (steps of 1, 2, 2.5 or 5 × 10ⁿ)."""
    if hi <= lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if raw <= m * magnitude)
    digits = max(0, -math.floor(math.log10(step)) + 1)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [_clean(round(k * step, digits)) for k in range(first, last + 1)]


def _spread(ticks: list, bottom: float) -> list:
    """Drop a round tick that sits too close to the last one (75 beside 98 is fine, 95 is not)."""
    if len(ticks) > 2 and bottom - ticks[-2] < 0.12 * bottom:
        return ticks[:-2] + ticks[-1:]
    return ticks


def _clean(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _is_percent(unit: str) -> bool:
    return unit.strip() in PERCENT_UNITS


def _rank_text(rank: float, of: int | None, language: str) -> str:
    shown = _number(rank, language)
    return t("kpi.rank_of", language, rank=shown, of=of) if of is not None else shown


def _rank_title(kpi: Kpi, language: str) -> str:
    if kpi.rank_of is not None:
        return t("chart.rank_title_of", language, of=kpi.rank_of)
    return t("chart.rank_title", language)


def _with_unit(value: float, unit: str, language: str) -> str:
    text = _quantity(value, unit, language)
    return text if _is_percent(unit) else t("number.with_unit", language, value=text, unit=unit)


def _target_label(target: Target, kpi: Kpi, language: str) -> str:
    """'Mål 2024: højst 930', 'Mål: højst forventet niveau'."""
    text = target_text(target, kpi, language)
    if target.period is None:
        return t("chart.target_label_standing", language, target=text)
    return t("chart.target_label", language, period=display_period(target.period, language), target=text)


def _latest_description(kpi: Kpi, latest: Actual, language: str) -> str:
    assert latest.actual is not None
    return t("chart.description_latest", language, value=_with_unit(latest.actual, kpi.unit, language),
             period=display_period(latest.period, language))
