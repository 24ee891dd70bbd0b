"""Week timelines (Gantt-like charts) as Vega-Lite specs (plain dicts, validated in the tests).

One row per activity, grouped under a row per phase (a thin bar over the phase's
span), coloured by the activity's computed state; milestones as diamonds; a
vertical line at the as-of date, labelled in a row of its own above the first row
(or, for a date far outside the plans' span, only that label at the edge of the
axis, which follows the activities); an x axis of ISO weeks with explicit Monday
ticks, thinned to what fits the chart's width. Vega's own week units start on
Sunday and are not ISO weeks, so every tick and its label ("uge 12", with the
month under the first week of a month) is computed here. Dates are date-only
strings on a UTC scale, so nothing shifts with the reader's time zone.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..formatting import format_day, format_period
from ..i18n import t
from ..model import Activity, Milestone, Plan
from ..status import ACTIVITY_STATES, activity_span
from .theme import ACTIVITY_SCHEME, SERIES_NAMES, SERIES_SCHEME, STATUS_ICONS, scheme_ref
from .vegalite import SCHEMA_URL

BAR_MARK = "activity_bars"
"""Name of the bar layer; Vega gives its SVG group the class ``activity_bars_marks``."""
BAR_SELECTOR = f"g.{BAR_MARK}_marks path"
"""CSS selector that finds one SVG path per activity bar in a rendered timeline."""

ROWS_DATA = "rows"
"""Name of the one data set of a timeline's rows, under the spec's ``datasets``."""
AS_OF_MARK = "as_of_label"
"""Name of the layer of the status date's label; its SVG group has the class ``as_of_label_marks``."""
AS_OF_KEY = "s:as_of"
"""The row (y value) that holds only the status date's label, above the first row."""
AS_OF_REACH = timedelta(days=14)
"""How far outside the scheduled span the status date may lie and still get its line."""
TICK_SET_PARAM = "tick_set"
ROW_STEP = 22
LABEL_LIMIT = 170
NARROW_LABEL_LIMIT = 120
NARROW_CONTAINER = 520
"""Below this container width (a phone), row labels are cut at NARROW_LABEL_LIMIT pixels."""
MAX_TICKS = 14


@dataclass(frozen=True)
class TimelineRow:
    """One bar or mark of a timeline, on the row named ``key`` (several may share a row).

    ``kind`` is 'group' (a phase or plan header with a thin bar over its span),
    'heading' (a header with no bar), 'activity' (a bar coloured by state) or
    'milestone' (a diamond).
    """

    key: str
    label: str
    kind: str
    start: date
    end: date  # inclusive
    state: str | None = None
    tooltip: tuple[tuple[str, str], ...] = ()


def _iso(day: date) -> str:
    return day.isoformat()


def _timestamp(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def _midpoint(start: date, end: date) -> str:
    """The middle of a span of whole days, as a UTC date-time (a day's middle is its noon)."""
    middle = datetime(start.year, start.month, start.day, tzinfo=timezone.utc) + (end - start + timedelta(days=1)) / 2
    return middle.strftime("%Y-%m-%dT%H:%M:%SZ")


def _datetime(day: date) -> dict:
    """A Vega-Lite DateTime for a UTC day, the form a temporal scale's domain expects."""
    return {"year": day.year, "month": day.month, "date": day.day, "utc": True}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


WEEK_STEPS = (1, 2, 4, 8, 16, 32)
"""Powers of two: each thinner set of week ticks keeps ticks of the set before it."""
MONTH_STEPS = (1, 2, 3, 6, 12)
YEAR_STEPS = (1, 2, 5, 10, 20, 50)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def axis_tick_sets(start: date, end: date, language: str) -> list[list[tuple[date, list[str]]]]:
    """Tick sets for a span, finest first: ISO weeks, months or years, each set at most MAX_TICKS ticks.

    A chart shows the finest set whose labels fit its width (a phone gets every 4th or 8th week rather
    than only the first and last week, which is what Vega's overlap removal leaves). Each set is
    every n-th tick of the finest unit; week labels name the month under the set's first tick in
    each month, so a thinned set keeps its month names.
    """
    days = (end - start).days
    sets: list[list[tuple[date, list[str]]]] = []
    if days > 2 * 366:
        years = [(date(year, 1, 1), [str(year)])
                 for year in range(start.year + (start > date(start.year, 1, 1)), end.year + 1)]
        sets = [years[::step] for step in YEAR_STEPS if len(years) / step <= MAX_TICKS]
    elif days > 40 * 7:
        months, month = t("period.months_short", language), date(start.year, start.month, 1)
        if month < start:
            month = _next_month(month)
        ticks = []
        while month <= end:
            ticks.append((month, [f"{months[month.month - 1]} {month.year}"]))
            month = _next_month(month)
        sets = [ticks[::step] for step in MONTH_STEPS if len(ticks) / step <= MAX_TICKS]
    else:
        mondays, monday = [], _monday(start)
        if monday < start:
            monday += timedelta(days=7)
        while monday <= end:
            mondays.append(monday)
            monday += timedelta(days=7)
        sets = [_week_ticks(mondays[::step], language) for step in WEEK_STEPS
                if len(mondays) / step <= MAX_TICKS]
    # Coarser sets only while they still have two ticks to show a scale with.
    kept = [ticks for index, ticks in enumerate(sets) if index == 0 or len(ticks) >= 2]
    return kept or [[]]


def _week_ticks(mondays: list[date], language: str) -> list[tuple[date, list[str]]]:
    ticks, seen_month = [], None
    for monday in mondays:
        label = [t("timeline.week_label", language, week=monday.isocalendar().week)]
        if (monday.year, monday.month) != seen_month:
            label.append(f"{t('period.months', language)[monday.month - 1]}")
            seen_month = (monday.year, monday.month)
        ticks.append((monday, label))
    return ticks


def axis_ticks(start: date, end: date, language: str) -> list[tuple[date, list[str]]]:
    """Tick days and their (one or two line) labels for a span, as many as fit a laptop's width."""
    return axis_tick_sets(start, end, language)[0]


def _lookup_expression(mapping: dict[str, object], key: str, default: str = "''") -> str:
    """A Vega expression that looks ``key`` up in a literal object built from our own labels."""
    return f"({json.dumps(mapping, ensure_ascii=False, sort_keys=True)})[{key}] || {default}"


def activity_tooltip(plan: Plan, activity: Activity, state: str, language: str) -> tuple[tuple[str, str], ...]:
    roles = "; ".join(
        f"{plan.parties[party].name}: {', '.join(names)}" for party, names in activity.responsible.items() if names
    )
    items = [
        (t("timeline.plan", language), plan.title),
        (t("timeline.when", language), format_period(activity.when, language, plan.year)),
    ]
    span = activity_span(activity)
    if span:
        items.append((t("timeline.dates", language), _day_range(span, language)))
    items += [
        (t("timeline.form", language), activity.form or "–"),
        (t("timeline.action", language), activity.action or "–"),
        (t("timeline.responsible", language), roles or "–"),
        (t("timeline.status", language), t(f"activity_state.{state}", language)),
    ]
    return tuple(items)


def _day_range(span: tuple[date, date], language: str) -> str:
    start, end = span
    if start == end:
        return format_day(start, language)
    return t("period.range", language, first=format_day(start, language), last=format_day(end, language))


def activity_label(activity: Activity) -> str:
    return activity.form or activity.action or activity.id


def plan_rows(plan: Plan, states: dict[str, str], language: str) -> list[TimelineRow]:
    """Rows for one plan: each phase, then its scheduled activities; then the milestones."""
    rows: list[TimelineRow] = []
    for phase in plan.phases:
        items = []
        for activity in phase.activities:
            span = activity_span(activity)
            if span is None:
                continue
            state = states[activity.id]
            items.append(TimelineRow(f"a:{plan.id}:{activity.id}", activity_label(activity), "activity", *span, state,
                                     activity_tooltip(plan, activity, state, language)))
        if items:
            start, end = min(row.start for row in items), max(row.end for row in items)
            rows.append(TimelineRow(f"g:{plan.id}:{phase.id}", phase.title, "group", start, end,
                                    tooltip=((t("timeline.phase", language), phase.title),
                                             (t("timeline.dates", language), _day_range((start, end), language)))))
            rows += items
    milestones = [milestone for milestone in plan.milestones if milestone.when]
    if milestones:
        rows.append(TimelineRow(f"g:{plan.id}:milestones", t("plan.milestones", language), "heading",
                                min(m.when.start for m in milestones), max(m.when.end for m in milestones)))
        rows += [_milestone_row(plan, milestone, states[milestone.id], language) for milestone in milestones]
    return rows


def _milestone_row(plan: Plan, milestone: Milestone, state: str, language: str) -> TimelineRow:
    tooltip = (
        (t("timeline.milestone", language), milestone.title),
        (t("timeline.when", language), format_period(milestone.when, language, plan.year)),
        (t("timeline.status", language), t(f"activity_state.{state}", language)),
    )
    return TimelineRow(f"m:{plan.id}:{milestone.id}", milestone.title, "milestone",
                       milestone.when.start, milestone.when.end, state, tooltip)


def _text_px(text: str, size: float = 10) -> float:
    """A slightly generous estimate of a label's width in pixels (measured: 0.45 to 0.5 em a character)."""
    return len(text) * size * 0.55


def _as_of_placement(start: date, end: date, as_of: date) -> str:
    """'inside' when the as-of date gets its line, else the edge it lies beyond: 'after' or 'before'.

    The line is drawn for a date inside the scheduled span or within AS_OF_REACH of it (the domain
    then stretches that little); a date further away would squeeze the plan into a sliver of a
    years-long axis, so it is named at the edge instead.
    """
    if as_of > end + AS_OF_REACH:
        return "after"
    if as_of < start - AS_OF_REACH:
        return "before"
    return "inside"


def timeline_spec(rows: list[TimelineRow], as_of: date, language: str) -> dict | None:
    """The Vega-Lite spec for a list of rows, or ``None`` when nothing is scheduled."""
    if not rows:
        return None
    start, end = min(row.start for row in rows), max(row.end for row in rows)
    placement = _as_of_placement(start, end, as_of)
    if placement == "inside":
        start, end = min(start, as_of), max(end, as_of)
    # A margin of a few days keeps the first and last bars and the as-of line off the frame.
    margin = timedelta(days=max(3, (end - start).days // 40))
    domain_start, domain_end = start - margin, end + margin + timedelta(days=1)
    domain_days = (domain_end - domain_start).days
    tick_sets = axis_tick_sets(domain_start, domain_end, language)

    values = []
    # Status is not shown by colour alone: the status icon stands beside each bar, except on rows
    # shared by several bars (the overview's plan rows), where it would run into the next bar.
    rows_per_key = Counter(row.key for row in rows)  # counted once: a party's timeline has hundreds of rows
    shared_rows = {key for key, count in rows_per_key.items() if count > 1}
    for order, row in enumerate(rows):
        item = {"key": row.key, "order": order, "kind": row.kind, "start": _iso(row.start),
                "end": _iso(row.end + timedelta(days=1)), "mid": _midpoint(row.start, row.end),
                "state": row.state or "", "single_day": row.start == row.end,
                "icon": STATUS_ICONS[row.state] if row.state and row.key not in shared_rows else ""}
        for index, (title, text) in enumerate(row.tooltip):
            item[f"t{index}"] = text
        values.append(item)
    # The status date has a row of its own above the first row, where no bar or label is: drawn
    # over the plot it ran into bars and row labels. Outside the span it stands at the edge, with
    # an arrow pointing the way to the date.
    day_format = format_day(as_of, language)
    as_of_text = {"inside": t("timeline.as_of", language, date=day_format),
                  "after": t("timeline.as_of_after", language, date=day_format),
                  "before": t("timeline.as_of_before", language, date=day_format)}[placement]
    label_day = {"inside": as_of, "after": domain_end, "before": domain_start}[placement]
    values.append({"key": AS_OF_KEY, "order": -1, "kind": "as_of", "day": _iso(label_day), "label": as_of_text})
    labels = {row.key: row.label for row in rows}
    tooltip_titles = {}
    for row in rows:
        for index, (title, _) in enumerate(row.tooltip):
            tooltip_titles.setdefault((row.kind, index), title)

    # How wide the plot is, estimated from the container (not from Vega's 'width', which is the
    # result of the layout the tick labels take part in: choosing ticks by it could go round in
    # circles). 'width * 0' only makes the estimate follow a resize; without a container (a spec
    # rendered offline with a fixed width) the width stands in. Row labels are cut shorter on a
    # phone, so the plot keeps a usable width.
    container = "(width * 0 + (isFinite(containerSize()[0]) ? containerSize()[0] : width))"
    narrow = f"{container} < {NARROW_CONTAINER}"
    # Around the plot: row labels (bold ones are wider), their padding, the chart's padding and
    # some room for the last tick label, which may reach past the plot's right edge.
    row_label_px = max(_text_px(label, 11) for label in labels.values())
    label_area = {limit: min(limit, row_label_px) + 6 + 12 + 10 for limit in (LABEL_LIMIT, NARROW_LABEL_LIMIT)}
    plot_width = f"({container} - ({narrow} ? {label_area[NARROW_LABEL_LIMIT]:.0f} : {label_area[LABEL_LIMIT]:.0f}))"
    # A tick set fits when its widest label (plus a gap) fits between its two closest ticks.
    choice = []
    for index, ticks in enumerate(tick_sets[:-1]):
        gap = min((b - a).days for (a, _), (b, _) in zip(ticks, ticks[1:])) if len(ticks) > 1 else domain_days
        widest = max((_text_px(line) for _, label in ticks for line in label), default=0)
        choice.append(f"{plot_width} >= {(widest + 8) * domain_days / gap:.0f} ? {index} : ")
    params = [{"name": TICK_SET_PARAM, "expr": "".join(choice) + str(len(tick_sets) - 1)}]
    tick_times = [[_timestamp(day) for day, _ in ticks] for ticks in tick_sets]
    tick_labels = [[label for _, label in ticks] for ticks in tick_sets]

    # Plain dicts, not Altair objects (which cost 80 ms a chart): the spec is validated against the
    # Vega-Lite schema in the tests. The rows are one named data set that every layer filters.
    data = {"name": ROWS_DATA}
    # The x scale and axis are declared once, on an invisible 'frame' layer over the margins that
    # every timeline has (an explicit domain conflicts across layers in Vega-Lite).
    x_axis = {
        "title": None,
        # Timestamps in an expression (the tick set is chosen by width), not Vega-Lite DateTime
        # values: those become datetime(ms) calls, which the CSP-safe interpreter reads as a year.
        "values": {"expr": f"{json.dumps(tick_times)}[{TICK_SET_PARAM}]"},
        # The tick's label, looked up by the position of its time among the chosen set's ticks.
        "labelExpr": f"{json.dumps(tick_labels, ensure_ascii=False)}[{TICK_SET_PARAM}]"
                     f"[indexof({json.dumps(tick_times)}[{TICK_SET_PARAM}], time(datum.value))] || ''",
        "labelAlign": "left",
        "labelOffset": 2,
        # Should an estimate above miss, labels are dropped one by one rather than every other one
        # (Vega's default, which on a phone left only the first and the last week).
        "labelOverlap": "greedy",
        "grid": True,
        "orient": "top",
    }
    y = {
        "field": "key",
        "type": "nominal",
        "sort": {"field": "order", "order": "ascending"},
        "title": None,
        "axis": {
            "labelExpr": _lookup_expression(labels, "datum.value"),
            "labelLimit": {"expr": f"{narrow} ? {NARROW_LABEL_LIMIT} : {LABEL_LIMIT}"},
            "labelFontWeight": {"expr": "indexof(datum.value, 'g:') == 0 ? 'bold' : 'normal'"},
            "labelPadding": 6,
            "ticks": False,
            "domain": False,
        },
    }
    states_present = [state for state in ACTIVITY_STATES if any(row.state == state for row in rows)]
    state_scale = {"domain": list(ACTIVITY_STATES), "scheme": scheme_ref(ACTIVITY_SCHEME)}
    legend_labels = {s: f"{STATUS_ICONS[s]} {t(f'activity_state.{s}', language)}" for s in ACTIVITY_STATES}
    # The legend starts at the plot's left edge and Vega does not wrap it: as many columns as the
    # widest entry (square, gap, icon and words, column padding) fits into the plot's width. By
    # the estimate, not by 'width': Vega sizes the SVG before a width-bound column count settles,
    # which cut the last legend rows (or, before, the right-hand entries) off on a phone.
    entry_px = 10 + 4 + max((_text_px(legend_labels[s]) for s in states_present), default=0) + 6 + 10
    color = {
        "field": "state",
        "type": "nominal",
        "scale": state_scale,
        "legend": {
            "title": t("plan.status", language),
            "values": states_present,
            "labelExpr": _lookup_expression(legend_labels, "datum.value"),
            "orient": "bottom",
            "direction": "horizontal",
            "columns": {"expr": f"max(1, min({max(1, len(states_present))}, floor({plot_width} / {entry_px:.0f})))"},
            "symbolType": "square",
        },
    }

    def tooltip_for(kind: str) -> list[dict]:
        return [{"field": f"t{index}", "type": "nominal", "title": title}
                for (row_kind, index), title in sorted(tooltip_titles.items()) if row_kind == kind]

    def layer(filter_: str, mark: dict, encoding: dict, **extra: object) -> dict:
        return {"data": data, "mark": mark, "encoding": encoding, "transform": [{"filter": filter_}], **extra}

    series_color = {"field": "series", "type": "nominal",
                    "scale": {"domain": list(SERIES_NAMES), "scheme": scheme_ref(SERIES_SCHEME)}, "legend": None}
    # Group rows carry a thin bar over the group's span; a heading row (milestones) only its label.
    groups_layer = layer("datum.kind == 'group' || datum.kind == 'heading'",
                         {"type": "bar", "height": 6, "cornerRadius": 2}, {
        "opacity": {"condition": {"test": "datum.kind == 'heading'", "value": 0}, "value": 0.55},
        "x": {"field": "start", "type": "temporal"},
        "x2": {"field": "end"},
        "y": y,
        "color": series_color,
        "tooltip": tooltip_for("group"),
    })
    groups_layer["transform"].append({"calculate": "'phase'", "as": "series"})
    bars = layer("datum.kind == 'activity'", {"type": "bar", "height": 12, "cornerRadius": 2}, {
        "x": {"field": "start", "type": "temporal"},
        "x2": {"field": "end"},
        "y": y,
        "color": color,
        "tooltip": tooltip_for("activity"),
    }, name=BAR_MARK)
    # The legend is drawn once, for the bars; points and diamonds use the same states and colours.
    quiet_color = {"field": "state", "type": "nominal", "scale": state_scale, "legend": None}
    days = layer("datum.kind == 'activity' && datum.single_day",
                 {"type": "point", "filled": True, "size": 70, "shape": "circle", "opacity": 1},
                 {"x": {"field": "mid", "type": "temporal"}, "y": y, "color": quiet_color,
                  "tooltip": tooltip_for("activity")})
    milestones = layer("datum.kind == 'milestone'",
                       {"type": "point", "filled": True, "size": 140, "shape": "diamond", "opacity": 1},
                       {"x": {"field": "mid", "type": "temporal"}, "y": y, "color": quiet_color,
                        "tooltip": tooltip_for("milestone")})
    icons = layer("datum.icon != ''", {"type": "text", "align": "left", "baseline": "middle", "dx": 4, "fontSize": 10},
                  {"x": {"field": "end", "type": "temporal"}, "y": y, "text": {"field": "icon", "type": "nominal"},
                   "color": quiet_color})
    # Inside the span the label goes on the side of the line with more room; at an edge, inwards.
    if placement == "inside":
        right_side = (as_of - domain_start).days > 0.5 * domain_days
    else:
        right_side = placement == "after"
    as_of_label = layer("datum.kind == 'as_of'", {
        "type": "text", "align": "right" if right_side else "left", "dx": -4 if right_side else 4,
        # Nudged down in its row, away from the month names of the axis labels just above.
        "baseline": "middle", "dy": 3, "fontSize": 11,
    }, {
        "x": {"field": "day", "type": "temporal"},
        "y": y,
        "text": {"field": "label", "type": "nominal"},
        "color": series_color,
    }, name=AS_OF_MARK)
    as_of_label["transform"].append({"calculate": "'as_of'", "as": "series"})
    rule = {"data": {"values": [{"day": _iso(as_of), "label": as_of_text, "series": "as_of"}]},
            "mark": {"type": "rule", "strokeDash": [4, 3], "strokeWidth": 1.5}, "encoding": {
        "x": {"field": "day", "type": "temporal"},
        "color": series_color,
        "tooltip": [{"field": "label", "type": "nominal", "title": t("plan.status", language)}],
    }}
    frame = {"data": {"values": [{"day": _iso(domain_start)}, {"day": _iso(domain_end)}]},
             "mark": {"type": "rule", "opacity": 0, "strokeWidth": 0},
             "encoding": {"x": {"field": "day", "type": "temporal", "scale": {"type": "utc"}, "axis": x_axis}}}
    # Only layers that have data: an empty layer makes Vega warn of an infinite extent.
    kinds = {row.kind for row in rows}
    layers = [groups_layer] if kinds & {"group", "heading"} else []
    layers += [bars] if "activity" in kinds else []
    layers += [days] if any(row.kind == "activity" and row.start == row.end for row in rows) else []
    layers += [milestones] if "milestone" in kinds else []
    layers += [icons] if any(item.get("icon") for item in values) else []
    layers += [rule] if placement == "inside" else []
    row_count = len({row.key for row in rows}) + 1  # and the status date's row
    return {
        "$schema": SCHEMA_URL,
        "params": params,
        "layer": [*layers, as_of_label, frame],
        "resolve": {"scale": {"color": "independent"}},
        # A fixed height from the row count: a 'step' height makes Vega-Lite warn about fit-x autosizing.
        "width": "container",
        "height": row_count * ROW_STEP,
        "padding": {"top": 16, "left": 4, "right": 8, "bottom": 4},
        "datasets": {ROWS_DATA: values},
    }


def plan_timeline_spec(plan: Plan, states: dict[str, str], as_of: date, language: str) -> dict | None:
    return timeline_spec(plan_rows(plan, states, language), as_of, language)


def _phase_state(states: list[str]) -> str:
    """The state that speaks for a group of activities: the most urgent one, else done."""
    for state in ("overdue", "due_soon", "in_progress", "postponed", "planned"):
        if state in states:
            return state
    return "done" if "done" in states else (states[0] if states else "planned")


def overview_rows(plans: list[Plan], states: dict[tuple[str, str], str], language: str,
                  only: list[tuple[Plan, Activity]] | None = None) -> list[TimelineRow]:
    """One row per plan with scheduled activities; each phase a segment coloured by its most urgent state.

    ``only``: just these (plan, activity) pairs count, e.g. a party's own activities."""
    chosen = None if only is None else {(plan.id, activity.id) for plan, activity in only}
    rows: list[TimelineRow] = []
    for plan in plans:
        for phase in plan.phases:
            spans = [(activity, span) for activity in phase.activities if (span := activity_span(activity))
                     and (chosen is None or (plan.id, activity.id) in chosen)]
            if not spans:
                continue
            phase_states = [states[(plan.id, activity.id)] for activity, _ in spans]
            start, end = min(s for _, (s, _) in spans), max(e for _, (_, e) in spans)
            state = _phase_state(phase_states)
            counts = ", ".join(f"{phase_states.count(s)} {t(f'activity_state.{s}', language).lower()}"
                               for s in ACTIVITY_STATES if s in phase_states)
            tooltip = ((t("timeline.plan", language), plan.title), (t("timeline.phase", language), phase.title),
                       (t("timeline.dates", language), _day_range((start, end), language)),
                       (t("timeline.status", language), counts))
            rows.append(TimelineRow(f"p:{plan.id}", plan.title, "activity", start, end, state, tooltip))
    return rows


def overview_timeline_spec(plans: list[Plan], states: dict[tuple[str, str], str], as_of: date,
                           language: str) -> dict | None:
    return timeline_spec(overview_rows(plans, states, language), as_of, language)


def party_rows(items: list[tuple[Plan, Activity]], states: dict[tuple[str, str], str], language: str) -> list[TimelineRow]:
    """A party's activities across plans, grouped under a row per plan."""
    rows: list[TimelineRow] = []
    plans = {plan.id: plan for plan, _ in items}
    for plan in plans.values():
        scheduled = [(activity, span) for p, activity in items if p.id == plan.id and (span := activity_span(activity))]
        if not scheduled:
            continue
        start, end = min(s for _, (s, _) in scheduled), max(e for _, (_, e) in scheduled)
        rows.append(TimelineRow(f"g:{plan.id}", plan.title, "group", start, end,
                                tooltip=((t("timeline.plan", language), plan.title),
                                         (t("timeline.dates", language), _day_range((start, end), language)))))
        for activity, span in scheduled:
            state = states[(plan.id, activity.id)]
            rows.append(TimelineRow(f"a:{plan.id}:{activity.id}", activity_label(activity), "activity", *span, state,
                                    activity_tooltip(plan, activity, state, language)))
    return rows


def party_timeline_spec(items: list[tuple[Plan, Activity]], states: dict[tuple[str, str], str], as_of: date,
                        language: str) -> dict | None:
    return timeline_spec(party_rows(items, states, language), as_of, language)
