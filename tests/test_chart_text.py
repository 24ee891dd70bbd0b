"""Charts everyone can read: every chart has a text alternative, is reachable by keyboard, links to
the table beside it, and everything its tooltips say is in that table as text.

These read the generated pages (raw HTML inside Markdown) for two dates: the pinned 2018 date of
the plans, and mid-2024, when the KPIs have figures and so KPI and rank charts.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from generator.charts.theme import STATUS_ICONS
from generator.formatting import format_day
from generator.i18n import t
from generator.pages import site_pages
from generator.status import activity_span

from .conftest import AS_OF

LATE = date(2024, 6, 30)
CHART_DIV = re.compile(r"<div class=\"ps-chart [^\"]*\"[^>]*></div>")


def _attributes(tag: str) -> dict[str, str]:
    # The spec is in single quotes (JSON is full of double ones); the other attributes in double.
    return {name: html.unescape(double or single)
            for name, double, single in re.findall(r'([\w-]+)=(?:"([^"]*)"|\'([^\']*)\')', tag)}


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.fixture(scope="module", params=[AS_OF, LATE], ids=["2018", "2024"])
def pages(request, sample_project):
    return {page.path: page.markdown for page in site_pages(sample_project, request.param).pages}


@pytest.fixture(scope="module")
def late_pages(sample_project):
    return {page.path: page.markdown for page in site_pages(sample_project, LATE).pages}


def _charts(markdown: str) -> list[dict[str, str]]:
    return [_attributes(match.group(0)) for match in CHART_DIV.finditer(markdown)]


def test_every_chart_is_named_reachable_and_linked_to_its_table(pages):
    kinds = set()
    for path, markdown in pages.items():
        for chart in _charts(markdown):
            kind = chart["data-chart-kind"]
            kinds.add(kind)
            where = f"{path} #{chart['id']}"
            if kind == "sparkline":
                # In a card that says the same in words; no menu inside, so an image with a name.
                assert chart["role"] == "img" and chart["aria-label"].strip(), where
                continue
            assert chart["role"] == "group", f"{where}: a chart with an action menu inside must not be role=img"
            assert chart.get("tabindex") == "0", f"{where}: not reachable by keyboard"
            label_id = chart["aria-labelledby"]
            label = re.search(rf'<span id="{re.escape(label_id)}">(.*?)</span>', markdown)
            assert label and _text(label.group(1)), f"{where}: aria-labelledby={label_id} names no text"
            table_id = chart.get("aria-details")
            assert table_id, f"{where}: no aria-details pointing at the table beside the chart"
            assert re.search(rf'id="{re.escape(table_id)}"|{{ #{re.escape(table_id)} }}', markdown), \
                f"{where}: the table #{table_id} is not on the page"
            assert f'href="#{table_id}"' in markdown, f"{where}: no visible link to #{table_id}"
    assert {"timeline"} <= kinds


def test_kpi_and_rank_charts_are_described_in_words(late_pages):
    seen = 0
    for path, markdown in late_pages.items():
        for chart in _charts(markdown):
            if chart["data-chart-kind"] not in ("kpi", "rank"):
                continue
            seen += 1
            description = _text(re.search(rf'<span id="{chart["aria-labelledby"]}">(.*?)</span>', markdown).group(1))
            spec = json.loads(chart["data-spec"])
            if chart["data-chart-kind"] == "kpi":
                # Latest figure and period, target and status: kpi_chart_description.
                assert description.startswith(("Seneste tal", "Der er ingen tal")), (path, description)
                assert "tatus" in description, (path, description)
            assert spec.get("description"), f"{path}: the Vega spec has no description for the SVG's aria-label"
    assert seen >= 2, "expected KPI and rank charts in the 2024 build"


def _timeline_items(markdown: str) -> list[dict]:
    items = []
    for chart in _charts(markdown):
        if chart["data-chart-kind"] != "timeline":
            continue
        spec = json.loads(chart["data-spec"])

        def walk(node):
            if isinstance(node, dict):
                if node.get("kind") in ("activity", "milestone") and str(node.get("key", "")).startswith(("a:", "m:")):
                    items.append(node)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(spec)
    unique = {item["key"]: item for item in items}
    return list(unique.values())


def _row(markdown: str, anchor: str) -> str:
    match = re.search(rf'<tr id="{re.escape(anchor)}">(.*?)</tr>', markdown, re.S)
    assert match, f"no table row #{anchor}"
    return _text(match.group(1))


def test_timeline_tooltips_are_in_the_plan_tables(sample_project):
    """Every fact of an activity's tooltip (when, dates, form, action, roles, status) is in its table row."""
    pages = {page.path: page.markdown for page in site_pages(sample_project, AS_OF).pages}
    checked = 0
    for plan in sample_project.plans:
        markdown = pages[f"plans/{plan.id}.md"]
        by_id = {item.id: item for item in [*plan.activities, *plan.milestones]}
        for item in _timeline_items(markdown):
            _, plan_id, item_id = item["key"].split(":", 2)
            assert plan_id == plan.id
            activity = by_id[item_id]
            row = _row(markdown, f"activity-{item_id}")
            tooltip = [item[key] for key in sorted(item, key=lambda k: int(k[1:]) if re.fullmatch(r"t\d+", k) else -1)
                       if re.fullmatch(r"t\d+", key)]
            assert tooltip, f"{item['key']} has no tooltip"
            state = t(f"activity_state.{item['state']}")
            assert state in row and STATUS_ICONS[item["state"]] in row, f"{item['key']}: status not in the row: {row}"
            assert state in tooltip
            if item["key"].startswith("m:"):
                assert activity.title in row
                checked += 1
                continue
            if activity.form:
                assert activity.form in row and activity.form in tooltip
            if activity.action:
                assert _text(html.escape(activity.action)) in row and activity.action in tooltip
            for party_id, roles in activity.responsible.items():
                if roles:
                    assert ", ".join(roles) in row, f"{item['key']}: roles of {party_id} not in the row: {row}"
                    assert f"{plan.parties[party_id].name}: {', '.join(roles)}" in " ".join(tooltip)
            start, end = activity_span(activity)
            for day in {start, end}:
                shown = format_day(day, "da", plan.year)
                assert shown in row, f"{item['key']}: the day {shown} (tooltip: dates) is not in the row: {row}"
                assert format_day(day, "da") in " ".join(tooltip)
            checked += 1
    assert checked >= 22


def test_party_timeline_tooltips_are_in_the_party_table(sample_project):
    pages = {page.path: page.markdown for page in site_pages(sample_project, AS_OF).pages}
    markdown = pages["parties/star.md"]
    table = _text(markdown[markdown.index('id="activities"'):])
    items = _timeline_items(markdown)
    assert items
    plans = {plan.id: plan for plan in sample_project.plans}
    for item in items:
        _, plan_id, item_id = item["key"].split(":", 2)
        activity = next(a for a in plans[plan_id].activities if a.id == item_id)
        for fact in (activity.form, t(f"activity_state.{item['state']}"), plans[plan_id].title):
            if fact:
                assert fact in table, f"{item['key']}: {fact!r} not in the party's table"


def test_kpi_tables_hold_every_charted_figure(late_pages):
    """Each figure a KPI or rank chart draws (actual, comparisons, rank, difference) is in the actuals table."""
    checked = 0
    for path, markdown in late_pages.items():
        charts = [chart for chart in _charts(markdown) if chart["data-chart-kind"] in ("kpi", "rank")]
        if not charts:
            continue
        table_id = charts[0]["aria-details"]
        start = markdown.index(f'id="{table_id}"')
        table = markdown[start:markdown.index("</table>", start)]
        rows = {_text(th): _text(row) for row, th in
                ((row, re.search(r"<th scope=\"row\">(.*?)</th>", row).group(1))
                 for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if '<th scope="row">' in row)}
        page_text = _text(markdown)
        for chart in charts:
            spec = json.loads(chart["data-spec"])
            for name, points in spec.get("datasets", {}).items():
                for point in points:
                    if "period" in point:
                        row = rows.get(point["period"])
                        assert row is not None, f"{path}: {name} period {point['period']!r} is not a row of the table"
                        for key, value in point.items():
                            if key.endswith("_text") or key in ("rank_short",):
                                assert str(value) in row, f"{path}: {name} {key}={value!r} not in row {row!r}"
                                checked += 1
                    elif "label" in point and name.startswith("target"):
                        # "Mål 2024: højst 930" -> the target itself is in the targets table.
                        target = point["label"].split(": ", 1)[-1]
                        assert target in page_text, f"{path}: target label {target!r} not on the page as text"
                        checked += 1
    assert checked >= 20
