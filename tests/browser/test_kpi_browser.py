"""KPI charts and the dashboard in a real browser, for a date when the sample has figures."""

from __future__ import annotations

from datetime import date

import pytest

from generator.charts.kpi import ACTUAL_POINTS_SELECTOR
from generator.status import kpi_status, observed_actuals

from ..conftest import run_planspor
from .conftest import PageOpener, serve_site
from .helpers import wait_for_charts

AS_OF_WITH_FIGURES = date(2024, 6, 1)


@pytest.fixture(scope="session")
def site_2024(tmp_path_factory):
    site = tmp_path_factory.mktemp("site-2024")
    result = run_planspor("build", "--as-of", AS_OF_WITH_FIGURES.isoformat(), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    yield from serve_site(site)


@pytest.fixture
def page_2024(browser, site_2024, request):
    opener = PageOpener(browser, site_2024, request.node.nodeid)
    yield opener()
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


def test_each_kpi_chart_draws_one_point_per_figure(page_2024, sample_project):
    charted = [kpi for kpi in sample_project.kpis if observed_actuals(kpi, AS_OF_WITH_FIGURES)]
    assert charted, "the sample must have KPIs with figures by the pinned date"
    for kpi in charted:
        page_2024.goto(f"kpis/{sample_project.kpi_folders[kpi.id]}/{kpi.id}.html")
        wait_for_charts(page_2024)
        chart = f"#kpi-{kpi.id}"
        points = page_2024.locator(f"{chart} svg g.actual_points_marks > path").count()
        assert points == len(observed_actuals(kpi, AS_OF_WITH_FIGURES)), kpi.id
    assert ACTUAL_POINTS_SELECTOR.endswith("g.actual_points_marks > path")


def test_kpis_without_figures_show_no_chart(page_2024, sample_project):
    kpi = sample_project.kpi("slagelse-sdp-hp")
    page_2024.goto(f"kpis/slagelse/{kpi.id}.html")
    assert page_2024.locator(".ps-chart--kpi").count() == 0
    assert "Ingen data" in page_2024.locator("article").first.inner_text()


def test_dashboard_has_one_card_per_kpi_and_the_right_counts(page_2024, sample_project):
    page_2024.goto("index.html")
    wait_for_charts(page_2024)
    assert page_2024.locator("article.ps-card").count() == len(sample_project.kpis)
    states = [kpi_status(kpi, AS_OF_WITH_FIGURES).state for kpi in sample_project.kpis]
    counts = page_2024.locator(".ps-counts").inner_text()
    from generator.i18n import t

    for state in set(states):
        assert f"{states.count(state)} {t(f'kpi_state.{state}').lower()}" in counts, counts
    for state in set(states):
        assert page_2024.locator(f"article.ps-card--{state}").count() == states.count(state)


def test_benchmark_shows_rank_chart_and_flagged_row(page_2024):
    page_2024.goto("kpis/slagelse/slagelse-sdp-benchmark.html")
    wait_for_charts(page_2024)
    assert page_2024.locator("#rank-slagelse-sdp-benchmark svg.marks").count() == 1
    assert page_2024.locator("tr.ps-mismatch").count() == 1
    assert "1.–4. kvt. 2022" in page_2024.locator("tr.ps-mismatch").inner_text()
