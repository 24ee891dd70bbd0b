"""The KPI charts (target against actual, rank, sparklines) draw without a word on the console.

The page fixtures fail a test on console *errors*; Vega and Vega-Lite report what they
correct on their own ("Conflicting scale property domain ...") as *warnings*, which a reader
never sees but which say a spec is not what it means. Here every page with a KPI chart is
opened and any console warning or error fails the test.

Two sites: the sample built for a day when it has figures, and a small project of KPIs made
to draw every layer a KPI chart has (a target's segment, the steps of a yearly trajectory,
a baseline and its path, a target on another series, several comparison series, a standing
target, a target on one day, the rank), since the sample's charts happen to use few of them.
"""

from __future__ import annotations

import re
import textwrap
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from ..conftest import MINIMAL_PLAN, project_with_data, run_planspor
from .conftest import LAPTOP, PageOpener, serve_site
from .helpers import wait_for_charts

AS_OF = date(2024, 6, 1)
"""A day when the sample has figures (as in test_kpi_browser.py) and the KPIs below have ended periods."""

KPI_CHART_KINDS = ("kpi", "rank", "sparkline")
"""The charts of generator/charts/kpi.py; a page is checked when it holds one of them."""

_KPI = """\
id: {id}
title: {title}
organisation: Test Kommune
unit: helårspersoner
better: lower
"""

KPIS = {
    # Yearly targets (segments and the steps between them), a baseline with its required path.
    "rig-aarlig": """\
        targets:
          - {period: "2022", value: 1100, type: max}
          - {period: "2023", value: 1000, type: max}
          - {period: "2024", value: 930, type: max, baseline: {period: "2021", value: 1200}}
        actuals:
          - {period: "2021", actual: 1200}
          - {period: "2022", actual: 1150}
          - {period: "2023", actual: 1080}
        """,
    # A target on the expected level minus an offset, and two comparison series (named at their ends).
    "rig-serie": """\
        targets:
          - {period: "2021", value: {series: expected, offset: -172}, type: max}
        actuals:
          - {period: 2019-H2, actual: 1450, expected: 1540, cluster: 1470}
          - {period: 2020-H1, actual: 1420, expected: 1530, cluster: 1460}
          - {period: 2020-H2, actual: 1400, expected: 1520, cluster: 1440}
          - {period: 2021-H1, actual: 1380, expected: 1510}
        """,
    # A standing target, every comparison series and a rank (the rank chart).
    "rig-staaende": """\
        rank_of: 98
        targets:
          - {value: 1000, type: max}
        actuals:
          - {period: 2023-Q1, actual: 1100, expected: 1050, cluster: 990, national: 1000, rank: 30}
          - {period: 2023-Q2, actual: 1040, expected: 1040, cluster: 985, national: 995, rank: 12}
          - {period: 2023-Q3, actual: 990, expected: 1030, cluster: 980, national: 990, rank: 7}
        """,
    # A target on one day, from its baseline.
    "rig-dag": """\
        targets:
          - {period: 2023-12-31, value: 900, type: max, baseline: {period: "2022", value: 1100}}
        actuals:
          - {period: 2023-Q1, actual: 1100}
          - {period: 2023-Q2, actual: 1000}
        """,
}

LAYERS_DRAWN = ("target_segments", "target_steps", "path_lines", "baseline_points", "series_target",
                "comparison_labels", "rank_points")
"""Layers (or the start of their names) the project above must draw, or the test would not check
what it is meant to."""


def _write_project(folder: Path) -> Path:
    data = folder / "data"
    (data / "plans").mkdir(parents=True)
    (data / "kpi_data" / "test").mkdir(parents=True)
    plan = MINIMAL_PLAN.replace("kpis: [test-hp]", f"kpis: [{', '.join(KPIS)}]")
    (data / "plans" / "lille-plan.yaml").write_text(plan, encoding="utf-8")
    for kpi_id, rest in KPIS.items():
        text = _KPI.format(id=kpi_id, title=kpi_id.replace("-", " ").capitalize()) + textwrap.dedent(rest)
        (data / "kpi_data" / "test" / f"{kpi_id}.yaml").write_text(text, encoding="utf-8")
    return project_with_data(folder / "project", data)


def _build(site: Path, *options: str, cwd: Path | None = None) -> Path:
    args = ["build", "--as-of", AS_OF.isoformat(), "--site-dir", str(site), *options]
    result = run_planspor(*args, **({"cwd": cwd} if cwd else {}))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("console-sample") / "site")


@pytest.fixture(scope="module")
def layered_site(tmp_path_factory) -> Path:
    project = _write_project(tmp_path_factory.mktemp("console-layers"))
    return _build(project.parent / "site", "--config", str(project / "mkdocs.yml"), cwd=project)


_KIND = re.compile(r'data-chart-kind="(%s)"' % "|".join(KPI_CHART_KINDS))


def pages_with_kpi_charts(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if _KIND.search(path.read_text(encoding="utf-8")))


def console_of_every_chart_page(browser, site: Path, test_name: str) -> tuple[dict[str, list[str]], set[str]]:
    """{page: its console warnings and errors} and the chart layers drawn, over every page with a KPI chart."""
    pages = pages_with_kpi_charts(site)
    assert any(page.startswith("kpis/") for page in pages), "no KPI page with a chart: nothing would be checked"
    said: dict[str, list[str]] = {}
    layers: set[str] = set()
    with contextmanager(serve_site)(site) as base:
        opener = PageOpener(browser, base, test_name)
        try:
            page = opener(LAPTOP, label="laptop 1280x900")
            current: list[str] = []
            page.on("console", lambda message: current.append(f"{message.type}: {message.text}")
                    if message.type in ("warning", "error", "assert") else None)
            for path in pages:
                current.clear()
                page.goto(path)
                wait_for_charts(page)
                page.wait_for_timeout(50)  # a warning logged as the view finishes rendering
                if current:
                    said[path] = list(current)
                layers |= set(page.evaluate(
                    """() => Array.from(document.querySelectorAll('.ps-chart svg g[class*="_marks"]'))
                         .flatMap(g => Array.from(g.classList).filter(c => c.endsWith('_marks')))
                         .map(c => c.slice(0, -'_marks'.length))"""))
        finally:
            opener.close_and_check(None)  # page errors and console errors fail here too
    return said, layers


def test_sample_kpi_charts_log_nothing(browser, sample_site, request):
    said, layers = console_of_every_chart_page(browser, sample_site, request.node.nodeid)
    assert said == {}
    assert {"actual_points", "rank_points", "latest_point"} <= layers


def test_every_kind_of_kpi_chart_layer_logs_nothing(browser, layered_site, request):
    said, layers = console_of_every_chart_page(browser, layered_site, request.node.nodeid)
    # Label layers carry their placement in the name ('comparison_labels_below').
    missing = {name for name in LAYERS_DRAWN if not any(layer.startswith(name) for layer in layers)}
    assert not missing, f"the test project no longer draws {sorted(missing)}"
    assert said == {}
