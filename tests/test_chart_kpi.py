"""KPI charts: target against actual, sparkline and rank, checked by hand, against the Vega-Lite schema
and by rendering them with vl-convert (the Vega that the site's chart runtime bundles)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import altair as alt
import pytest

from generator.charts.kpi import (
    ACTUAL_POINTS,
    ACTUAL_POINTS_SELECTOR,
    kpi_chart_description,
    kpi_chart_spec,
    kpi_sparkline_spec,
    rank_chart_spec,
)
from generator.charts.theme import SERIES_COLORS, SERIES_NAMES, SERIES_SCHEME, schemes
from generator.model import Kpi
from generator.periods import display_period, parse_period
from generator.status import kpi_status, observed_actuals, required_path

BENCHMARK = "slagelse-sdp-benchmark"
MEETING = date(2024, 5, 13)
"""The date of the Slagelse material (EBU 13 May 2024): every figure in the benchmark table has ended."""


def make_kpi(**fields) -> Kpi:
    record = {"id": "test-kpi", "title": "Test", "organisation": "Test Kommune", "unit": "helårspersoner",
              "better": "lower"}
    return Kpi.model_validate({**record, **fields})


YEARLY = dict(
    targets=[
        {"period": "2023", "value": 1100, "type": "max"},
        {"period": "2024", "value": 1000, "type": "max"},
        {"period": "2025", "value": 930, "type": "max", "baseline": {"period": "2021", "value": 1200}},
    ],
    actuals=[
        {"period": "2021", "actual": 1200},
        {"period": "2022", "actual": 1150},
        {"period": "2023", "actual": 1080},
        {"period": "2024", "actual": 990},  # ends after MEETING: not drawn
    ],
)
SERIES_OFFSET = dict(
    unit="fuldtidspersoner",
    targets=[{"period": "2021", "value": {"series": "expected", "offset": -172}, "type": "max"}],
    actuals=[
        {"period": "2019-H2", "actual": 1450, "expected": 1540, "cluster": 1470},
        {"period": "2020-H1", "actual": 1420, "expected": 1530, "cluster": 1460},
        {"period": "2020-H2", "actual": 1400, "expected": 1520, "cluster": 1440},
        {"period": "2021-H1", "actual": 1380, "expected": 1510},
        {"period": "2021-H2", "expected": 1500},  # no actual, still a value of the series
        {"period": "2022-H1", "expected": 1490},  # after the target's deadline: not part of the target
    ],
)


@pytest.fixture(scope="module")
def benchmark(sample_project) -> Kpi:
    return sample_project.kpi(BENCHMARK)


def chart(kpi: Kpi, as_of: date = MEETING, language: str = "da") -> dict | None:
    return kpi_chart_spec(kpi, kpi_status(kpi, as_of), as_of, language)


def layer(spec: dict, name: str) -> dict:
    found = [item for item in spec["layer"] if item.get("name") == name]
    assert len(found) == 1, f"no single layer {name!r} in {[item.get('name') for item in spec['layer']]}"
    return found[0]


def layer_names(spec: dict) -> list[str]:
    return [item["name"] for item in spec["layer"]]


def data(spec: dict, name: str) -> list[dict]:
    return spec["datasets"][layer(spec, name)["data"]["name"]]


def ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp() * 1000)


def label_lookup(axis: dict) -> dict:
    """The tick labels an axis shows, read back from its labelExpr: {tick value: label}."""
    match = re.fullmatch(r"(\[.*\])\[indexof\((\[.*\]), .*\)\]", axis["labelExpr"])
    assert match, axis["labelExpr"]
    labels, keys = json.loads(match.group(1)), json.loads(match.group(2))
    assert keys == axis["values"]
    return dict(zip(keys, labels))


def with_concrete_colours(spec: dict, palette: str = "light", width: int | None = 600) -> dict:
    """What the runtime does by registering the scheme, done in the spec for vl-convert, which does not know it."""

    def fix(node):
        if isinstance(node, dict):
            node = {key: fix(value) for key, value in node.items()}
            if node.get("scheme") == {"expr": f"'{SERIES_SCHEME}'"}:
                del node["scheme"]
                node["range"] = schemes(palette)[SERIES_SCHEME]
            return node
        if isinstance(node, list):
            return [fix(value) for value in node]
        return node

    fixed = fix(spec)
    if width and fixed.get("width") == "container":
        fixed["width"] = width
    return fixed


def render_svg(spec: dict) -> str:
    vl_convert = pytest.importorskip("vl_convert")
    return vl_convert.vegalite_to_svg(with_concrete_colours(spec), vl_version="6.4")


def mark_group(svg: str, name: str) -> str:
    """The SVG of one layer's mark group, found the way ACTUAL_POINTS_SELECTOR finds it."""
    match = re.search(r'<g class="[^"]*\b' + name + r'_marks\b[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    assert match, f"no mark group {name}_marks"
    return match.group(1)


# ----------------------------------------------------------------------------- hand-checked content


def test_one_point_per_observed_actual(benchmark):
    spec = chart(benchmark)
    points = data(spec, ACTUAL_POINTS)
    assert len(points) == len(observed_actuals(benchmark, MEETING)) == 8
    assert layer(spec, ACTUAL_POINTS)["mark"]["type"] == "point"
    # Each at the end of its period, as a date-only ISO string; rolling windows at their last quarter.
    assert [point["date"] for point in points] == [
        "2020-06-30", "2020-12-31", "2021-06-30", "2021-12-31",
        "2022-06-30", "2022-12-31", "2023-06-30", "2023-12-31",
    ]
    assert [point["value"] for point in points] == [1310, 1430, 1470, 1400, 1520, 1690, 1500, 1560]


def test_tooltips_are_danish(benchmark):
    spec = chart(benchmark)
    first, sixth = data(spec, ACTUAL_POINTS)[0], data(spec, ACTUAL_POINTS)[5]
    assert first["period"] == "3. kvt. 2019 – 2. kvt. 2020"
    assert first["value_text"] == "1.310"
    assert first["expected_text"] == "1.350"
    assert first["difference_text"] == "−40"
    assert first["rank_text"] == "28 af 98"
    assert first["description"] == "3. kvt. 2019 – 2. kvt. 2020: 1.310"
    # The row whose printed difference is wrong: the chart shows the computed one.
    assert (sixth["period"], sixth["difference_text"]) == (display_period(parse_period("1kv22-4kv22")), "+140")
    tooltip = layer(spec, ACTUAL_POINTS)["encoding"]["tooltip"]
    assert [(item["field"], item["title"]) for item in tooltip] == [
        ("period", "Periode"),
        ("value_text", "Faktisk"),
        ("expected_text", "Forventet niveau"),
        ("difference_text", "Difference (faktisk − forventet)"),
        ("rank_text", "Placering"),
    ]
    assert data(spec, "comparison_expected")[0]["value_text"] == "1.350"


def test_percent_in_tooltips_and_axis():
    kpi = make_kpi(unit="%", better="higher", targets=[{"value": 25, "type": "min"}],
                   actuals=[{"period": "2023-01", "actual": 20.5}, {"period": "2023-02", "actual": 22}])
    spec = chart(kpi, date(2023, 3, 1))
    assert [point["value_text"] for point in data(spec, ACTUAL_POINTS)] == ["20,5 %", "22 %"]
    labels = label_lookup(spec["encoding"]["y"]["axis"])
    assert list(labels.values()) == ["20 %", "22 %", "24 %", "26 %"]
    assert spec["encoding"]["y"]["title"] is None  # the unit is on every label instead
    assert data(spec, "target_labels_start")[0]["label"] == "Mål: mindst 25 %"


def test_no_chart_without_figures(sample_project):
    without = [kpi for kpi in sample_project.kpis if not observed_actuals(kpi, MEETING)]
    assert len(without) >= 10  # every KPI whose document gives targets but no figures
    for kpi in without:
        assert chart(kpi) is None, kpi.id
        assert kpi_sparkline_spec(kpi, MEETING) is None, kpi.id
        assert rank_chart_spec(kpi, MEETING) is None, kpi.id
    target_only = sample_project.kpi("slagelse-sdp-hp")
    assert kpi_chart_description(target_only, kpi_status(target_only, MEETING)) == (
        "Der er ingen tal endnu. Mål 2024: højst 930; status: ingen data."
    )


def test_before_the_first_figure_there_is_no_chart(benchmark):
    assert chart(benchmark, date(2020, 6, 29)) is None
    assert rank_chart_spec(benchmark, date(2020, 6, 29)) is None
    assert kpi_sparkline_spec(benchmark, date(2020, 6, 29)) is None


def test_a_figure_whose_period_ends_after_as_of_is_not_drawn(benchmark):
    # 1kv22-4kv22 ends on 31 December 2022: drawn from that day, not the day before.
    assert len(data(chart(benchmark, date(2022, 12, 31)), ACTUAL_POINTS)) == 6
    spec = chart(benchmark, date(2022, 12, 30))
    assert [point["date"] for point in data(spec, ACTUAL_POINTS)][-1] == "2022-06-30"
    assert len(data(spec, ACTUAL_POINTS)) == 5
    assert len(data(spec, "comparison_expected")) == 5
    assert len(data(rank_chart_spec(benchmark, date(2022, 12, 30)), "rank_points")) == 5
    yearly = chart(make_kpi(**YEARLY))
    assert [point["date"] for point in data(yearly, ACTUAL_POINTS)] == ["2021-12-31", "2022-12-31", "2023-12-31"]


def test_target_labels():
    spec = chart(make_kpi(targets=[{"period": "2024", "value": 930, "type": "max"}],
                          actuals=[{"period": "2022", "actual": 1000}, {"period": "2023", "actual": 960}]))
    assert [row["label"] for row in data(spec, "target_labels")] == ["Mål 2024: højst 930"]
    assert data(spec, "target_labels")[0]["date"] == "2024-12-31"  # at the deadline
    segment = data(spec, "target_segments")
    assert [(row["date"], row["date_end"], row["value"]) for row in segment] == [("2024-01-01", "2024-12-31", 930)]
    assert [(item["title"]) for item in layer(spec, "target_segments")["encoding"]["tooltip"]] == ["Periode", "Mål"]
    assert segment[0]["target_text"] == "højst 930"


def test_yearly_targets_are_a_stepped_trajectory():
    spec = chart(make_kpi(**YEARLY))
    segments = [(row["date"], row["date_end"], row["value"]) for row in data(spec, "target_segments")]
    assert segments == [
        ("2023-01-01", "2023-12-31", 1100),
        ("2024-01-01", "2024-12-31", 1000),
        ("2025-01-01", "2025-12-31", 930),
    ]
    # Risers join each step to the next on the day the next target starts.
    steps = [(row["date"], row["value"], row["value_end"]) for row in data(spec, "target_steps")]
    assert steps == [("2024-01-01", 1100, 1000), ("2025-01-01", 1000, 930)]
    assert layer(spec, "target_steps")["encoding"]["y2"] == {"field": "value_end"}
    assert layer(spec, "target_segments")["encoding"]["x2"] == {"field": "date_end"}
    # The last step is labelled in full at its deadline; the others with their value.
    labels = {row["label"]: row["date"] for name in layer_names(spec) if name.startswith("target_labels")
              for row in data(spec, name)}
    assert labels == {"1.100": "2023-01-01", "1.000": "2024-01-01", "Mål 2025: højst 930": "2025-12-31"}


def test_targets_that_do_not_follow_each_other_are_not_joined():
    spec = chart(make_kpi(targets=[{"period": "2022", "value": 1100, "type": "max"},
                                   {"period": "2024", "value": 930, "type": "max"}],
                          actuals=[{"period": "2021", "actual": 1200}]), date(2022, 3, 1))
    assert len(data(spec, "target_segments")) == 2
    assert "target_steps" not in layer_names(spec)


def test_required_path_from_the_baseline():
    kpi = make_kpi(**YEARLY)
    spec = chart(kpi)
    path = [(row["date"], row["value"]) for row in data(spec, "path_lines")]
    assert path == [("2021-12-31", 1200), ("2025-12-31", 930)]
    assert data(spec, "baseline_points")[0]["value_text"] == "1.200"
    # The drawn straight line passes where the status rule evaluates the path.
    target = kpi.targets[-1]
    at = date(2023, 12, 31)
    share = (at - date(2021, 12, 31)).days / (date(2025, 12, 31) - date(2021, 12, 31)).days
    assert required_path(target, 930, at) == pytest.approx(1200 + (930 - 1200) * share)
    assert "path" in spec["encoding"]["color"]["legend"]["values"]


def test_series_target_is_the_series_plus_its_offset():
    spec = chart(make_kpi(**SERIES_OFFSET), date(2022, 8, 1))
    target = [(row["date"], row["value"], row["target_text"]) for row in data(spec, "series_target")]
    # Every period with an expected level up to the deadline (end of 2021), with or without an actual.
    assert target == [
        ("2019-12-31", 1368, "1.368"),
        ("2020-06-30", 1358, "1.358"),
        ("2020-12-31", 1348, "1.348"),
        ("2021-06-30", 1338, "1.338"),
        ("2021-12-31", 1328, "1.328"),
    ]
    labels = [row["label"] for name in layer_names(spec) if name.startswith("target_labels") for row in data(spec, name)]
    assert labels == ["Mål 2021: højst forventet niveau −172"]
    # Both comparison series are drawn, quieter, and named at their ends.
    assert [row["value"] for row in data(spec, "comparison_expected")] == [1540, 1530, 1520, 1510, 1500, 1490]
    assert [row["value"] for row in data(spec, "comparison_cluster")] == [1470, 1460, 1440]
    assert sorted(row["label"] for name in layer_names(spec) if name.startswith("comparison_labels")
                  for row in data(spec, name)) == ["Forventet niveau", "Klyngen"]
    legend = spec["encoding"]["color"]["legend"]
    assert legend["values"] == ["actual", "target", "comparison"]
    # Two comparison series share a colour: the legend calls it 'Sammenligning', the line ends name them.
    assert json.loads(legend["labelExpr"].removesuffix("[datum.value]"))["comparison"] == "Sammenligning"
    assert legend["columns"] == {"expr": "width < 520 ? 2 : 3"}


def test_series_target_without_offset_labels_the_comparison_line(benchmark):
    spec = chart(benchmark)
    assert "series_target" not in layer_names(spec)
    label = data(spec, "target_labels")
    assert [(row["date"], row["value"], row["label"]) for row in label] == [
        ("2023-12-31", 1710, "Mål: højst forventet niveau")
    ]
    legend = spec["encoding"]["color"]["legend"]
    assert legend["values"] == ["actual", "comparison"]
    assert json.loads(legend["labelExpr"].removesuffix("[datum.value]")) == {
        "actual": "Faktisk", "comparison": "Forventet niveau",
    }


def test_as_of_line_only_near_the_data(sample_project, benchmark):
    spec = chart(benchmark)
    assert data(spec, "as_of_rule")[0] == {
        "date": "2024-05-13", "series": "as_of", "label": "Status pr. 13. maj 2024",
    }
    assert layer(spec, "as_of_label")["encoding"]["text"] == {"field": "label", "type": "nominal"}
    # A single figure from 2022 seen from 2024: the as-of day is far outside the chart, so no line.
    far = chart(sample_project.kpi("koebenhavn-sdp-hp"))
    assert "as_of_rule" not in layer_names(far)
    assert len(data(far, ACTUAL_POINTS)) == 1


# ----------------------------------------------------------------------------- the time axis


@pytest.mark.parametrize(
    ("period", "end", "label"),
    [
        ("2023", "2023-12-31", "2023"),
        ("2023-H1", "2023-06-30", ["1. halvår", "2023"]),
        ("2019-Q3", "2019-09-30", ["3. kvt.", "2019"]),
        ("3kv19-2kv20", "2020-06-30", ["2. kvt.", "2020"]),
        ("2023-03", "2023-03-31", ["mar.", "2023"]),
        ("2024-W12", "2024-03-24", ["uge 12", "2024"]),
        ("2020-W53", "2021-01-03", ["uge 53", "2020"]),
        ("2024-03-14", "2024-03-14", ["14. mar.", "2024"]),
    ],
)
def test_every_period_kind_sits_at_its_end_with_a_danish_tick(period, end, label):
    spec = chart(make_kpi(actuals=[{"period": period, "actual": 5}]), date(2030, 1, 1))
    assert data(spec, ACTUAL_POINTS)[0]["date"] == end
    x = spec["encoding"]["x"]
    assert (x["type"], x["scale"]["type"], x["field"]) == ("temporal", "utc", "date")
    assert label_lookup(x["axis"])[ms(end)] == label
    assert 'time(datum.value)' in x["axis"]["labelExpr"]


def test_ticks_fall_on_the_figures_and_are_thinned(benchmark):
    axis = chart(benchmark)["encoding"]["x"]["axis"]
    labels = label_lookup(axis)
    # 17 quarters are more than fit, so every second quarter is kept, counted back from the latest figure.
    for point in data(chart(benchmark), ACTUAL_POINTS):
        assert ms(point["date"]) in labels
    assert labels[ms("2023-12-31")] == ["4. kvt.", "2023"]
    assert axis["labelOverlap"] == "greedy"
    daily = chart(make_kpi(actuals=[{"period": f"2024-{month:02d}-01", "actual": month} for month in range(1, 13)]),
                  date(2025, 1, 1))
    assert len(daily["encoding"]["x"]["axis"]["values"]) <= 16


def test_english():
    spec = chart(make_kpi(**SERIES_OFFSET), date(2022, 8, 1), language="en")
    assert data(spec, ACTUAL_POINTS)[0]["value_text"] == "1,450"
    assert data(spec, ACTUAL_POINTS)[0]["period"] == "H2 2019"
    assert label_lookup(spec["encoding"]["x"]["axis"])[ms("2020-06-30")] == ["H1", "2020"]
    assert data(spec, "series_target")[0]["label"] == "Target 2021: at most expected level −172"


# ----------------------------------------------------------------------------- sparkline and rank


def test_sparkline():
    kpi = make_kpi(**YEARLY)
    spec = kpi_sparkline_spec(kpi, MEETING)
    assert (spec["width"], spec["height"]) == (120, 32)
    assert spec["encoding"]["x"]["axis"] is None and spec["encoding"]["y"]["axis"] is None
    assert [row["value"] for row in data(spec, "actual_line")] == [1200, 1150, 1080]
    assert data(spec, "target_rule") == [{"value": 1000, "series": "target"}]  # the target that governs: 2024
    assert spec["encoding"]["color"]["legend"] is None


def test_sparkline_has_no_rule_for_a_series_target(benchmark):
    spec = kpi_sparkline_spec(benchmark, MEETING)
    assert "target_rule" not in layer_names(spec)
    assert len(data(spec, "actual_line")) == 8


def test_rank_chart(benchmark):
    spec = rank_chart_spec(benchmark, MEETING)
    assert [row["rank"] for row in data(spec, "rank_points")] == [28, 34, 11, 3, 3, 3, 3, 3]
    y = spec["encoding"]["y"]
    assert y["scale"]["reverse"] is True and y["scale"]["domain"] == [1, 98]
    assert label_lookup(y["axis"])[1] == "1"
    assert spec["title"]["text"] == "Placering (1 er bedst af 98)"
    assert data(spec, "rank_points")[0]["rank_text"] == "28 af 98"
    without_count = make_kpi(actuals=[{"period": "2023", "actual": 5, "rank": 4}])
    assert rank_chart_spec(without_count, MEETING)["title"]["text"] == "Placering (1 er bedst)"
    assert rank_chart_spec(make_kpi(**YEARLY), MEETING) is None


def test_description(benchmark):
    assert kpi_chart_description(benchmark, kpi_status(benchmark, MEETING)) == (
        f"Seneste tal: 1.560 helårspersoner ({display_period(parse_period('1kv23-4kv23'))}). "
        "Mål: højst forventet niveau (= 1.710); status: nået."
    )
    kpi = make_kpi(**YEARLY)
    assert kpi_chart_description(kpi, kpi_status(kpi, MEETING)) == (
        "Seneste tal: 1.080 helårspersoner (2023). Mål 2024: højst 1.000; status: ikke på sporet."
    )
    assert chart(kpi)["description"] == kpi_chart_description(kpi, kpi_status(kpi, MEETING))


# ----------------------------------------------------------------------------- colours, schema, determinism


def all_specs(sample_project) -> dict[str, dict]:
    benchmark = sample_project.kpi(BENCHMARK)
    specs = {
        "benchmark": chart(benchmark),
        "yearly": chart(make_kpi(**YEARLY)),
        "series-offset": chart(make_kpi(**SERIES_OFFSET), date(2022, 8, 1)),
        "standing-percent": chart(make_kpi(unit="%", better="higher", targets=[{"value": 25, "type": "min"}],
                                           actuals=[{"period": "2023-01", "actual": 20}]), date(2023, 2, 10)),
        "sparkline": kpi_sparkline_spec(make_kpi(**YEARLY), MEETING),
        "sparkline-series": kpi_sparkline_spec(benchmark, MEETING),
        "rank": rank_chart_spec(benchmark, MEETING),
    }
    for kpi in sample_project.kpis:
        if spec := chart(kpi):
            specs[kpi.id] = spec
    return specs


def test_every_chart_kind_is_valid_vega_lite(sample_project):
    for name, spec in all_specs(sample_project).items():
        assert spec["$schema"] == alt.SCHEMA_URL
        alt.TopLevelLayerSpec.validate(spec)  # raises on anything the Vega-Lite schema refuses
        assert alt.LayerChart.from_dict(spec, validate=True) is not None, name


def test_no_colour_is_written_in_a_spec(sample_project):
    for name, spec in all_specs(sample_project).items():
        text = json.dumps(spec)
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", text), name
        assert not re.search(r'"(color|fill|stroke)": "', text), name
        scale = spec["encoding"]["color"]["scale"]
        # The whole domain in theme order: a scheme hands out colours by position.
        assert scale == {"domain": list(SERIES_NAMES), "scheme": {"expr": f"'{SERIES_SCHEME}'"}}, name
        legend = spec["encoding"]["color"]["legend"]
        if legend:
            assert legend["values"] == [series for series in SERIES_NAMES if series in legend["values"]]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_colours_come_from_the_scheme_by_series(benchmark, palette):
    vl_convert = pytest.importorskip("vl_convert")
    kpi = make_kpi(**YEARLY)
    svg = vl_convert.vegalite_to_svg(with_concrete_colours(chart(kpi), palette), vl_version="6.4")
    colours = SERIES_COLORS[palette]
    assert f'fill="{colours["actual"]}"' in mark_group(svg, ACTUAL_POINTS)
    assert f'stroke="{colours["target"]}"' in mark_group(svg, "target_segments")
    assert f'stroke="{colours["path"]}"' in mark_group(svg, "path_lines")
    svg = vl_convert.vegalite_to_svg(with_concrete_colours(chart(benchmark), palette), vl_version="6.4")
    assert f'stroke="{colours["comparison"]}"' in mark_group(svg, "comparison_expected")
    assert f'stroke="{colours["as_of"]}"' in mark_group(svg, "as_of_rule")


def test_same_input_same_spec(sample_project, benchmark):
    first = all_specs(sample_project)
    again = all_specs(sample_project)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    copy = Kpi.model_validate(benchmark.model_dump())
    assert chart(copy) == chart(benchmark)


# ----------------------------------------------------------------------------- rendering


def test_every_sample_chart_renders_with_one_point_per_figure(sample_project):
    rendered = 0
    for kpi in sample_project.kpis:
        spec = chart(kpi)
        if spec is None:
            continue
        svg = render_svg(spec)
        points = re.findall(r'<path [^>]*role="graphics-symbol"', mark_group(svg, ACTUAL_POINTS))
        assert len(points) == len(observed_actuals(kpi, MEETING)), kpi.id
        rendered += 1
    assert rendered >= 3


def test_rendered_benchmark_reads_in_danish(benchmark):
    svg = render_svg(chart(benchmark))
    texts = re.findall(r">([^<>]+)</(?:text|tspan)>", svg)
    assert "4. kvt." in texts and "1.500" in texts and "Faktisk" in texts and "Forventet niveau" in texts
    assert "Status pr. 13. maj 2024" in texts and "Mål: højst forventet niveau" in texts
    assert 'aria-label="3. kvt. 2019 – 2. kvt. 2020: 1.310"' in svg


def test_selector_names_the_rendered_point_group(benchmark):
    assert ACTUAL_POINTS_SELECTOR.endswith(f"g.{ACTUAL_POINTS}_marks > path")
    svg = render_svg(chart(benchmark))
    assert re.search(r'<g class="mark-symbol role-mark actual_points_marks"', svg)
    group = mark_group(svg, ACTUAL_POINTS)
    assert group.count("<path ") == 8 and "<g" not in group  # the paths are direct children


def test_sparkline_and_rank_render(benchmark, tmp_path):
    vl_convert = pytest.importorskip("vl_convert")
    svg = render_svg(rank_chart_spec(benchmark, MEETING))
    assert len(re.findall(r"<path [^>]*graphics-symbol", mark_group(svg, "rank_points"))) == 8
    svg = render_svg(kpi_sparkline_spec(make_kpi(**YEARLY), MEETING))
    assert "actual_line_marks" in svg and "target_rule_marks" in svg
    png = vl_convert.vegalite_to_png(with_concrete_colours(chart(benchmark), width=360), vl_version="6.4")
    assert png.startswith(b"\x89PNG")


def test_one_legend_with_colour_and_line_style():
    vl_convert = pytest.importorskip("vl_convert")
    vega = vl_convert.vegalite_to_vega(with_concrete_colours(chart(make_kpi(**YEARLY))), vl_version="6.4")
    assert len(vega["legends"]) == 1
    assert (vega["legends"][0]["stroke"], vega["legends"][0]["strokeDash"]) == ("color", "strokeDash")
    dash = next(scale for scale in vega["scales"] if scale["name"] == "strokeDash")
    assert dash["domain"] == list(SERIES_NAMES)
