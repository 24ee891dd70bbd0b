"""Week timelines: ISO-week ticks, one bar per scheduled activity, phases in plan order, valid Vega-Lite."""

from __future__ import annotations

import json
from datetime import date

import altair as alt
import vl_convert

from generator.charts.runtime import vega_lite_version
from generator.charts.theme import with_concrete_schemes
from generator.charts.timeline import (
    BAR_MARK,
    axis_ticks,
    overview_timeline_spec,
    party_timeline_spec,
    plan_rows,
    plan_timeline_spec,
)
from generator.status import activity_state

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
