"""The English site in the browser: charts draw English weeks, months and numbers, Material's own
interface is English, and nothing Danish is drawn (tests/test_languages.py checks the HTML)."""

from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer

import pytest

from ..conftest import run_planspor
from ..english_project import write_english_test_project
from ..test_languages import foreign_labels, leftovers
from .conftest import LAPTOP, PageOpener, _SiteHandler
from .helpers import LOCAL_HOST, chart_texts, wait_for_charts


@pytest.fixture(scope="module")
def english_server(tmp_path_factory):
    root = write_english_test_project(tmp_path_factory.mktemp("english"), theme_language="da")
    site = root / "site"
    # theme.language is Danish here: --language en must switch Material's interface too.
    result = run_planspor("build", "--as-of", "2018-05-01", "--language", "en", "--config", str(root / "mkdocs.yml"),
                          "--site-dir", str(site), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = type("Handler", (_SiteHandler,), {})
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(site)))
    handler.base_url = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler.base_url
    server.shutdown()
    server.server_close()


@pytest.fixture
def english_page(browser, english_server, request):
    opener = PageOpener(browser, english_server, request.node.nodeid)
    yield opener(LAPTOP, label="laptop, English", locale="en-GB")
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


def test_english_charts_and_theme(english_page):
    page = english_page
    page.goto("plans/zeta-xylo.html")
    ids = wait_for_charts(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute("input.md-search__input", "placeholder") == "Search"
    timeline = next(chart_id for chart_id in ids if chart_id.startswith("timeline-"))
    texts = " | ".join(chart_texts(page, timeline))
    assert re.search(r"\bweek 1[1-3]\b", texts) and re.search(r"\b(March|April)\b", texts), texts
    assert "Status as of 1 May 2018" in texts
    drawn = {chart_id: " | ".join(chart_texts(page, chart_id)) for chart_id in ids}
    page.goto("kpis/korbo/omni-quix.html")
    for chart_id in wait_for_charts(page):
        drawn[chart_id] = " | ".join(chart_texts(page, chart_id))
    assert re.search(r"\b1,[0-9]{3}\b", " ".join(drawn.values())), f"no English thousands separator: {drawn}"
    found = leftovers(drawn, foreign_labels("en", "da"))
    assert not found, f"Danish labels drawn in English charts: {found}"
