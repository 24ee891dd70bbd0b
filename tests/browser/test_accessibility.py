"""Automated accessibility audit: axe-core on every kind of page, light and dark, phone and laptop.

What is audited is :data:`generator.accessibility.AUDIT`, which the accessibility statement page
also prints. Findings of serious or critical impact fail the test; every finding is printed once
in the terminal summary ("axe-core ...: accessibility findings"), grouped by rule.

The sample site is built for 2018-05-01 (the plans' date), when no KPI has figures yet; so KPI
pages are also audited in a build for mid-2024, where they have target-versus-actual and rank
charts.
"""

from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.accessibility import AUDIT

from ..conftest import run_planspor
from .axe import AUDITED, axe_version, findings_of, run_axe
from .conftest import LAPTOP, PHONE, PageOpener, _SiteHandler, browser_required
from .helpers import LOCAL_HOST, wait_for_charts

LATE_AS_OF = "2024-06-30"
SAMPLE_PAGES = {
    # page kind -> (build, path): "pinned" is the session's built_site (2018-05-01), "late" mid-2024.
    "home": ("pinned", "index.html"),
    "plan": ("pinned", "plans/ballerup-jaf-2018.html"),
    "kpi": ("pinned", "kpis/slagelse/slagelse-sdp-benchmark.html"),
    "kpi-with-charts": ("late", "kpis/slagelse/slagelse-sdp-benchmark.html"),
    "party": ("pinned", "parties/star.html"),
    "status": ("pinned", "status.html"),
    "plans_index": ("pinned", "plans/index.html"),
    "kpis_index": ("pinned", "kpis/index.html"),
    "parties_index": ("pinned", "parties/index.html"),
    "organisation": ("pinned", "kpis/slagelse/index.html"),
    "data": ("pinned", "data.html"),
    "accessibility": ("pinned", "accessibility.html"),
    "changes": ("pinned", "changes.html"),
}
SIZES = {"phone": PHONE, "laptop": LAPTOP}
SLATE_BACKGROUND = "rgb(30, 33, 41)"  # #1e2129, see tests/test_colours.py


def test_every_page_kind_of_the_audit_has_a_sample_page():
    kinds = {kind.split("-")[0] for kind in SAMPLE_PAGES}
    assert kinds == set(AUDIT.page_kinds)
    assert set(SIZES) == set(AUDIT.widths) and all(SIZES[name]["width"] == AUDIT.widths[name] for name in SIZES)


@pytest.fixture(scope="session")
def axe_available():
    try:
        version = axe_version()
    except ImportError as error:
        message = f"axe-playwright-python is not installed ({error}); pip install -e '.[test]'"
        if browser_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    assert version.split(".")[0] == AUDIT.axe_core.split(".")[0], (
        f"the installed axe-core is {version}, the accessibility statement says {AUDIT.axe_core}: "
        "update generator/accessibility.py AUDIT.axe_core"
    )
    return version


@pytest.fixture(scope="session")
def late_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site-2024")
    result = run_planspor("build", "--as-of", LATE_AS_OF, "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def late_server(late_site):
    handler = type("Handler", (_SiteHandler,), {})
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(late_site)))
    handler.base_url = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.base_url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def open_late_page(browser, late_server, request):
    opener = PageOpener(browser, late_server, request.node.nodeid)
    yield opener
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


def _open(request, build: str, palette: str, size: str):
    opener = request.getfixturevalue("open_late_page" if build == "late" else "open_page")
    options = {"is_mobile": True, "has_touch": True} if size == "phone" else {}
    # Material follows prefers-color-scheme on a first visit (the palettes in mkdocs.yml have media queries).
    return opener(SIZES[size], label=f"{size}, {palette}", color_scheme=palette, **options)


def _built(request, build: str) -> Path:
    return request.getfixturevalue("late_site" if build == "late" else "built_site")


@pytest.mark.parametrize("size", list(AUDIT.widths))
@pytest.mark.parametrize("palette", AUDIT.palettes)
@pytest.mark.parametrize("kind", list(SAMPLE_PAGES))
def test_no_serious_or_critical_accessibility_findings(request, axe_available, kind, palette, size):
    build, path = SAMPLE_PAGES[kind]
    if not (_built(request, build) / path).exists():
        if kind == "changes":
            pytest.skip("the site has no changes page (changes.html) yet")
        pytest.fail(f"{path} is not in the built site")
    page = _open(request, build, palette, size)
    page.goto(path)
    wait_for_charts(page)
    page.wait_for_load_state("networkidle")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if palette == "dark" else "default"), f"{palette} palette not applied: {scheme}"
    results = run_axe(page)
    where = f"{kind}, {palette}, {size}"
    AUDITED.append(where)
    found = findings_of(results, where)
    failing = [finding for finding in found if finding.impact in AUDIT.failing_impacts]
    assert not failing, f"axe-core {axe_available} on {path} ({where}):\n" + "\n".join(
        f"  {finding.impact} {finding.rule}: {finding.help} ({finding.count}x, first: {finding.target})"
        for finding in failing
    )


def test_dark_palette_background_is_the_one_the_colours_were_checked_against(open_page):
    page = open_page(LAPTOP, color_scheme="dark")
    page.goto("index.html")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == SLATE_BACKGROUND, f"Material's slate background is {background}; update tests/test_colours.py"


def test_charts_are_reachable_by_keyboard_and_named(open_late_page):
    page = open_late_page(LAPTOP)
    page.goto(SAMPLE_PAGES["kpi-with-charts"][1])
    wait_for_charts(page)
    charts = page.locator('.ps-chart[tabindex="0"]')
    assert charts.count() >= 2, "the KPI page should have a KPI and a rank chart, both focusable"
    # Tab from the top of the content reaches every chart in turn.
    page.locator(".md-content h1").first.evaluate("h => { h.tabIndex = -1; h.focus(); }")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement && document.activeElement.id")
        if focused and focused.startswith(("kpi-", "rank-")):
            reached.add(focused)
        if len(reached) == charts.count():
            break
    assert len(reached) == charts.count(), f"Tab reached only {reached} of the charts"
    for index in range(charts.count()):
        chart = charts.nth(index)
        name = chart.evaluate(
            "el => document.getElementById(el.getAttribute('aria-labelledby')).textContent.trim()")
        # KPI chart: latest figure, target, status; rank chart: latest placement.
        assert re.search(r"[Ss]tatus|Placering", name), name
        link = page.locator(f'a[href$="#{chart.get_attribute("aria-details")}"]')  # instant navigation makes it absolute
        assert link.count() >= 1 and link.first.is_visible()
        # The export menu inside the chart has a name (it holds only an icon).
        summary = chart.locator("summary")
        if summary.count():
            assert summary.first.get_attribute("aria-label")
