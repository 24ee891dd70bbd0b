"""Week timelines: ISO-week ticks, one bar per scheduled activity, phases in plan order, valid Vega-Lite."""

from __future__ import annotations

import json
from datetime import date, timedelta
from types import SimpleNamespace

import altair as alt
import vl_convert

from generator.charts.runtime import vega_lite_version
from generator.charts.theme import with_concrete_schemes
from generator.charts.timeline import (
    AS_OF_KEY,
    AS_OF_MARK,
    AS_OF_REACH,
    BAR_MARK,
    axis_tick_sets,
    axis_ticks,
    overview_timeline_spec,
    party_timeline_spec,
    plan_rows,
    plan_timeline_spec,
)
from generator.formatting import format_day
from generator.i18n import t, t_count
from generator.pages.timelines import timeline_figure
from generator.status import activity_span, activity_state

from .conftest import AS_OF


def states_of(plan, as_of=AS_OF):
    return {item.id: activity_state(item, as_of) for item in [*plan.activities, *plan.milestones]}


def bar_values(spec):
    values = spec["datasets"] if "datasets" in spec else None
    rows = next(iter(values.values())) if values else spec["layer"][0]["data"]["values"]
    return [row for row in rows if row["kind"] == "activity"]


def test_ticks_are_iso_week_mondays_with_danish_labels():
    ticks = axis_ticks(date(2018, 3, 10), date(2018, 5, 1), "da")
    assert all(day.weekday() == 0 for day, _ in ticks)
    assert ticks[0] == (date(2018, 3, 12), ["uge 11", "marts"])
    assert ticks[1] == (date(2018, 3, 19), ["uge 12"])
    assert (date(2018, 4, 2), ["uge 14", "april"]) in ticks


def test_ticks_across_new_year_use_iso_week_one():
    ticks = dict(axis_ticks(date(2018, 12, 20), date(2019, 1, 20), "da"))
    assert ticks[date(2018, 12, 31)] == ["uge 1"]  # ISO week 1 of 2019 starts on 31 December 2018
    assert ticks[date(2018, 12, 24)] == ["uge 52", "december"]
    assert ticks[date(2019, 1, 7)] == ["uge 2", "januar"]


def test_long_spans_use_months_or_years():
    assert axis_ticks(date(2024, 1, 1), date(2024, 12, 31), "da")[0] == (date(2024, 1, 1), ["jan. 2024"])
    years = axis_ticks(date(2017, 6, 1), date(2024, 12, 31), "da")
    assert [label for _, label in years] == [[str(year)] for year in range(2018, 2025)]


def test_plan_rows_group_activities_by_phase_in_plan_order(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    rows = plan_rows(plan, states_of(plan), "da")
    groups = [row.label for row in rows if row.kind == "group"]
    assert groups == [phase.title for phase in plan.phases]
    scheduled = [activity for activity in plan.activities if activity.when]
    assert [row.key.split(":")[-1] for row in rows if row.kind == "activity"] == [a.id for a in scheduled]


def test_plan_timeline_has_one_bar_per_scheduled_activity_and_valid_spec(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    spec = plan_timeline_spec(plan, states_of(plan), AS_OF, "da")
    bars = bar_values(spec)
    assert len(bars) == sum(1 for activity in plan.activities if activity.when)
    assert spec["layer"][1]["name"] == BAR_MARK
    alt.LayerChart.from_dict(spec, validate=True)
    # Date-only values on a UTC scale: no time zone can move a bar.
    assert all(len(bar["start"]) == 10 and len(bar["end"]) == 10 for bar in bars)
    scales = [layer["encoding"]["x"]["scale"] for layer in spec["layer"] if "scale" in layer["encoding"]["x"]]
    assert scales == [{"type": "utc"}]


def test_meeting_bar_is_its_day_and_tooltip_names_roles_per_party(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    bars = {bar["key"].split(":")[-1]: bar for bar in bar_values(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"))}
    first = plan.activities[0]
    bar = bars[first.id]
    assert (bar["start"], bar["end"]) == ("2018-03-14", "2018-03-15")
    tooltip = " ".join(str(value) for key, value in bar.items() if key.startswith("t"))
    assert "Jobcenter Ballerup: Ledelse" in tooltip and "STAR – AMK Øst: AMK" in tooltip
    assert "uge 11" in tooltip and "14. marts 2018" in tooltip


def test_states_color_the_bars_as_of_the_date(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    states = {bar["key"].split(":")[-1]: bar["state"] for bar in bar_values(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"))}
    assert states[plan.activities[0].id] == "done"
    assert list(states.values()).count("overdue") == 10


def test_as_of_line_is_drawn_and_labelled(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    text = json.dumps(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"), ensure_ascii=False)
    assert "Status pr. 1. maj 2018" in text and '"day": "2018-05-01"' in text


def test_spec_is_deterministic(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    first = json.dumps(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"), sort_keys=True)
    assert first == json.dumps(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"), sort_keys=True)


def test_overview_and_party_timelines(sample_project):
    states = {(plan.id, item.id): activity_state(item, AS_OF) for plan in sample_project.plans
              for item in [*plan.activities, *plan.milestones]}
    overview = overview_timeline_spec(list(sample_project.plans), states, AS_OF, "da")
    rows = bar_values(overview)
    scheduled_phases = sum(1 for plan in sample_project.plans for phase in plan.phases
                           if any(activity.when for activity in phase.activities))
    assert len(rows) == scheduled_phases
    alt.LayerChart.from_dict(overview, validate=True)
    items = [(plan, activity) for plan in sample_project.plans for activity in plan.activities if "star" in activity.responsible]
    party = party_timeline_spec(items, states, AS_OF, "da")
    assert len(bar_values(party)) == sum(1 for _, activity in items if activity.when)


def test_every_timeline_kind_is_valid_vega_lite(sample_project):
    # The specs are plain dicts (no Altair at build time); the schema is checked here instead.
    states = {(plan.id, item.id): activity_state(item, AS_OF) for plan in sample_project.plans
              for item in [*plan.activities, *plan.milestones]}
    items = [(plan, activity) for plan in sample_project.plans for activity in plan.activities]
    specs = [plan_timeline_spec(plan, states_of(plan), AS_OF, language) for plan in sample_project.plans
             for language in ("da", "en")]
    specs += [overview_timeline_spec(list(sample_project.plans), states, AS_OF, "da"),
              party_timeline_spec(items, states, AS_OF, "da")]
    for spec in filter(None, specs):
        assert spec["$schema"] == alt.SCHEMA_URL
        alt.TopLevelLayerSpec.validate(spec)


def test_timeline_renders_to_svg(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    spec = with_concrete_schemes(plan_timeline_spec(plan, states_of(plan), AS_OF, "da"))
    spec["width"] = 800
    svg = vl_convert.vegalite_to_svg(spec, vl_version=vega_lite_version())
    assert svg.count("uge 1") >= 1 and "marts" in svg and f"{BAR_MARK}_marks" in svg


def test_nothing_scheduled_gives_no_chart(sample_project):
    plan = sample_project.plan("koebenhavn-bi08-sagsstammer")
    assert plan_timeline_spec(plan, states_of(plan), AS_OF, "da") is None


# --------------------------------------------------------------------------- domain, status date, layout


def frame_days(spec):
    """The x domain's first and last day: the invisible frame layer that carries the axis."""
    frame = spec["layer"][-1]
    assert "axis" in frame["encoding"]["x"], "the frame layer (last) carries the x axis"
    days = [date.fromisoformat(value["day"]) for value in frame["data"]["values"]]
    return min(days), max(days)


def as_of_rows(spec):
    rows = next(iter(spec["datasets"].values()))
    return [row for row in rows if row["kind"] == "as_of"]


def rule_layers(spec):
    return [layer for layer in spec["layer"]
            if layer["mark"]["type"] == "rule" and "axis" not in layer["encoding"]["x"]]


def tick_sets_of(spec):
    values = spec["layer"][-1]["encoding"]["x"]["axis"]["values"]["expr"]
    return json.loads(values[: values.rindex("[")])


def plan_spec(sample_project, as_of, language="da", plan_id="ballerup-jaf-2018"):
    plan = sample_project.plan(plan_id)
    return plan, plan_timeline_spec(plan, states_of(plan, as_of), as_of, language)


def test_domain_follows_the_plan_when_as_of_is_years_later(sample_project):
    plan, spec = plan_spec(sample_project, date(2026, 11, 23))
    first, last = frame_days(spec)
    spans = [activity_span(activity) for activity in plan.activities if activity_span(activity)]
    assert first <= min(s for s, _ in spans) and last >= max(e for _, e in spans)
    assert (last - first).days < 200, f"a 24-week plan on a {(last - first).days}-day axis"
    # Weeks on the axis, not years; no as-of line, but the date named at the right-hand edge.
    labels = spec["layer"][-1]["encoding"]["x"]["axis"]["labelExpr"]
    assert "uge 11" in labels and "2026" not in labels
    assert not rule_layers(spec)
    [row] = as_of_rows(spec)
    assert row["label"] == "Status pr. 23. november 2026 →"
    assert date.fromisoformat(row["day"]) == last
    label_layer = next(layer for layer in spec["layer"] if layer.get("name") == AS_OF_MARK)
    assert label_layer["mark"]["align"] == "right"
    alt.TopLevelLayerSpec.validate(spec)


def test_as_of_long_before_the_plan_is_named_at_the_left_edge(sample_project):
    _, spec = plan_spec(sample_project, date(2016, 1, 4), "en")
    first, last = frame_days(spec)
    assert first.year == 2018 and not rule_layers(spec)
    [row] = as_of_rows(spec)
    assert row["label"] == "← Status as of 4 January 2016" and date.fromisoformat(row["day"]) == first
    label_layer = next(layer for layer in spec["layer"] if layer.get("name") == AS_OF_MARK)
    assert label_layer["mark"]["align"] == "left"


def test_as_of_just_after_the_plan_still_gets_its_line(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    end = max(activity_span(item)[1] for item in [*plan.activities, *plan.milestones] if activity_span(item))
    as_of = end + timedelta(days=AS_OF_REACH.days)
    _, spec = plan_spec(sample_project, as_of)
    assert frame_days(spec)[1] > as_of
    [rule] = rule_layers(spec)
    assert rule["data"]["values"][0]["day"] == as_of.isoformat()
    assert as_of_rows(spec)[0]["label"] == f"Status pr. {format_day(as_of, 'da')}"
    # One day further and the line would stretch the axis: the edge label takes over.
    _, later = plan_spec(sample_project, as_of + timedelta(days=1))
    assert not rule_layers(later) and as_of_rows(later)[0]["label"].endswith("→")


def test_overview_spans_the_plans_not_the_as_of_date(sample_project):
    as_of = date(2026, 11, 23)
    states = {(plan.id, item.id): activity_state(item, as_of) for plan in sample_project.plans
              for item in [*plan.activities, *plan.milestones]}
    spec = overview_timeline_spec(list(sample_project.plans), states, as_of, "da")
    first, last = frame_days(spec)
    # 2018 to 2024 is the plans' own span (with its margins), legitimately years long; 2026 is not in it.
    assert first.year == 2018 and last < date(2025, 6, 1)
    assert not rule_layers(spec) and as_of_rows(spec)[0]["label"] == "Status pr. 23. november 2026 →"
    items = [(plan, activity) for plan in sample_project.plans for activity in plan.activities]
    party = party_timeline_spec(items, states, as_of, "da")
    assert frame_days(party)[1] < date(2025, 6, 1) and not rule_layers(party)
    alt.TopLevelLayerSpec.validate(spec)
    alt.TopLevelLayerSpec.validate(party)


def test_as_of_label_has_a_row_of_its_own(sample_project):
    plan, spec = plan_spec(sample_project, AS_OF)
    [row] = as_of_rows(spec)
    rows = next(iter(spec["datasets"].values()))
    # First in the row order, on a row (y value) that no bar, point or row label shares.
    assert row["order"] < min(other["order"] for other in rows if other is not row)
    assert row["key"] == AS_OF_KEY and sum(1 for other in rows if other["key"] == AS_OF_KEY) == 1
    label_layer = next(layer for layer in spec["layer"] if layer.get("name") == AS_OF_MARK)
    assert label_layer["encoding"]["y"]["field"] == "key" and "kind == 'as_of'" in label_layer["transform"][0]["filter"]
    assert all("as_of" not in layer["transform"][0]["filter"] for layer in spec["layer"]
               if "transform" in layer and layer is not label_layer)
    assert spec["height"] == (len({other["key"] for other in rows})) * 22
    assert AS_OF_KEY not in spec["layer"][1]["encoding"]["y"]["axis"]["labelExpr"]


def test_thinner_tick_sets_keep_their_month_names():
    sets = axis_tick_sets(date(2018, 3, 10), date(2018, 9, 1), "da")
    assert len(sets) >= 3
    for finer, coarser in zip(sets, sets[1:]):
        assert {day for day, _ in coarser} < {day for day, _ in finer}
    for ticks in sets:
        assert len(ticks) <= 14 and all(day.weekday() == 0 for day, _ in ticks)
        months = [label[1] for _, label in ticks if len(label) == 2]
        # Every month that has a tick in the set is named once, under its first tick.
        assert months == list(dict.fromkeys(t("period.months", "da")[day.month - 1] for day, _ in ticks))
    assert (date(2018, 3, 12), ["uge 11", "marts"]) in sets[-2]


def test_tick_set_and_legend_columns_follow_the_containers_width(sample_project):
    _, spec = plan_spec(sample_project, AS_OF)
    [param] = spec["params"]
    axis = spec["layer"][-1]["encoding"]["x"]["axis"]
    assert param["name"] in axis["values"]["expr"] and param["name"] in axis["labelExpr"]
    assert "containerSize()" in param["expr"] and axis["labelOverlap"] == "greedy"
    legend = spec["layer"][1]["encoding"]["color"]["legend"]
    # Not Vega's 'width' (the plot's width after layout): a width-bound column count settled after
    # the SVG was sized, and the last legend rows were cut off on a phone.
    assert "containerSize()" in legend["columns"]["expr"]
    assert len(tick_sets_of(spec)) >= 3


def test_timeline_caption_counts_in_singular_and_plural(sample_project):
    plan = sample_project.plan("ballerup-jaf-2018")
    items = [(plan, activity) for activity in plan.activities]
    states = states_of(plan)
    for language, whole, single, unscheduled in (
        ("da", "Tidsplan med 22 aktiviteter:", "Tidsplan med 1 aktivitet:", "1 aktivitet uden tidspunkt vises"),
        ("en", "Schedule of 22 activities:", "Schedule of 1 activity:", "1 activity without a date is shown"),
    ):
        view = SimpleNamespace(as_of=AS_OF, language=language, state=lambda _plan, item_id: states[item_id])
        rows = plan_rows(plan, states, language)
        text = str(timeline_figure(view, rows, items, "timeline-test"))
        assert whole in text and unscheduled in text
        assert "1 aktiviteter" not in text and "1 activities" not in text
        one = [item for item in items if activity_span(item[1])][:1]
        assert single in str(timeline_figure(view, rows, one, "timeline-test"))
    assert t_count("timeline.overview_description", 1, "da").startswith("Tidslinje over 1 plan med")
    assert t_count("timeline.overview_description", 2, "en").startswith("Timeline of 2 plans with")
    assert t_count("timeline.unscheduled", 0, "da").startswith("0 aktiviteter")
