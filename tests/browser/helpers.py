"""Helpers for the browser tests: what a page did on the network and console, and chart readiness.

Nothing here imports Playwright at module level, so the test modules can be collected (and
skipped with a loud reason) on a machine without it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from playwright.sync_api import ConsoleMessage, Page, Response, Route, WebSocket

LOCAL_HOST = "127.0.0.1"
"""The only host a page may reach: the test server. Everything else is aborted and recorded."""

CHART = ".ps-chart"
"""A chart container; the chart runtime renders an <svg> into it and sets data-rendered="true"."""

CHART_TIMEOUT_MS = 15_000

_CHART_SVG_JS = """
const chartSvg = el => el.querySelector('svg.marks')
  || Array.from(el.querySelectorAll('svg')).find(svg => !svg.closest('details, summary')) || null;
"""
"""JS: the chart's drawing (Vega's ``svg.marks``), not the icon of vega-embed's action menu."""

SCREENSHOTS_ENV = "PLANSPOR_SCREENSHOTS"


# --------------------------------------------------------------------------- network and console


def is_local(url: str) -> bool:
    """True for the test server and for URLs that never leave the browser (data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return True
    return parts.hostname == LOCAL_HOST


@dataclass
class BrowserLog:
    """Everything a browser context did that a test must not tolerate by accident."""

    label: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    requests: int = 0

    # Playwright callbacks -------------------------------------------------

    def route(self, route: Route) -> None:
        """Every request of the context passes here: local ones continue, all others are aborted."""
        request = route.request
        self.requests += 1
        if is_local(request.url):
            route.continue_()
        else:
            self.foreign_requests.append(f"{request.method} {request.url} ({request.resource_type})")
            route.abort("blockedbyclient")

    def attach(self, page: Page) -> None:
        """Listen to one page of the context (called for every page the context opens)."""
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {_error_text(error)}"))
        page.on("response", self._response)
        page.on("websocket", self._websocket)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location or {}
            at = f" [{where['url']}:{where.get('lineNumber', '?')}]" if where.get("url") else ""
            self.console_errors.append(f"{message.text}{at}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"HTTP {response.status} {response.request.method} {response.url}")

    def _websocket(self, socket: WebSocket) -> None:
        # Web sockets do not pass through route(); a non-local one is recorded all the same.
        if urlsplit(socket.url).hostname != LOCAL_HOST:
            self.foreign_requests.append(f"WEBSOCKET {socket.url}")

    # Checks ---------------------------------------------------------------

    def problems(self, allowed: list[re.Pattern] | None = None, allow_all: bool = False,
                 allow_foreign: bool = False) -> list[str]:
        """What went wrong, one line each; ``allowed`` patterns excuse console/page errors they match."""

        def excused(text: str) -> bool:
            return allow_all or any(pattern.search(text) for pattern in (allowed or []))

        lines = []
        if not allow_foreign:
            lines += [f"non-local request (aborted): {item}" for item in self.foreign_requests]
        lines += [f"console error: {item}" for item in self.console_errors if not excused(item)]
        lines += [f"page error: {item}" for item in self.page_errors if not excused(item)]
        lines += [f"failed response: {item}" for item in self.bad_responses if not excused(item)]
        return lines

    def clear(self) -> None:
        """Forget what was recorded so far (for a test that provoked errors on purpose and checked them)."""
        self.foreign_requests.clear()
        self.console_errors.clear()
        self.page_errors.clear()
        self.bad_responses.clear()


def _error_text(error: object) -> str:
    message = getattr(error, "message", None) or str(error)
    stack = getattr(error, "stack", None)
    first_frame = (stack or "").strip().splitlines()[1:2]
    return f"{message} {first_frame[0].strip()}" if first_frame else message


# --------------------------------------------------------------------------- charts

_PENDING_CHARTS_JS = """
() => Array.from(document.querySelectorAll('.ps-chart'))
  .filter(el => el.getAttribute('data-rendered') !== 'true')
  .map(el => `${el.id || '(no id)'} [kind=${el.dataset.chartKind || '?'}, data-rendered=${el.getAttribute('data-rendered')}`
              + (el.dataset.error ? `, data-error=${el.dataset.error}` : '') + ']')
"""


def charts_on(page: Page) -> list[dict]:
    """The chart containers on the page: id, kind, whether rendered and whether they hold an svg."""
    return page.evaluate(
        """() => { %s
             return Array.from(document.querySelectorAll('.ps-chart')).map(el => ({
               id: el.id, kind: el.dataset.chartKind || null,
               rendered: el.getAttribute('data-rendered') === 'true',
               svg: chartSvg(el) !== null })); }""" % _CHART_SVG_JS
    )


def wait_for_charts(page: Page, timeout_ms: int = CHART_TIMEOUT_MS) -> list[str]:
    """Wait until every ``.ps-chart`` on the page has ``data-rendered="true"``; return their ids.

    A page without charts returns at once. On timeout the AssertionError lists each chart
    still pending, with its kind and data-rendered value, so a failure says which chart hung.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.ps-chart'))"
            ".every(el => el.getAttribute('data-rendered') === 'true')",
            timeout=timeout_ms,
        )
    except PlaywrightTimeoutError:
        pending = page.evaluate(_PENDING_CHARTS_JS)
        raise AssertionError(
            f"charts not rendered after {timeout_ms} ms on {page.url}: {', '.join(pending) or '(none pending now)'}"
        ) from None
    return page.evaluate("() => Array.from(document.querySelectorAll('.ps-chart')).map(el => el.id)")


def count_marks(page: Page, chart_id: str, selector: str) -> int:
    """How many elements match ``selector`` inside the chart ``#chart_id``.

    The selector is matched in document scope, so it may name the chart container itself
    (``.ps-chart--timeline g.mark-rect path``); only elements inside the chart count.
    """
    count = page.evaluate(
        "([id, selector]) => { const el = document.getElementById(id);"
        " return el ? el.querySelectorAll(selector).length : -1; }",
        [chart_id, selector],
    )
    if count < 0:
        raise AssertionError(f"no chart with id {chart_id!r} on {page.url}")
    return count


def chart_svg_size(page: Page, chart_id: str) -> dict | None:
    """Width and height in CSS pixels of a chart's drawing, or None when it has no <svg>."""
    return page.evaluate(
        """id => { %s const el = document.getElementById(id); const svg = el && chartSvg(el);
             if (!svg) return null; const box = svg.getBoundingClientRect();
             return {width: box.width, height: box.height, right: box.right}; }""" % _CHART_SVG_JS,
        chart_id,
    )


def chart_texts(page: Page, chart_id: str) -> list[str]:
    """The text of every SVG <text> element of a chart (axis labels, legend, titles), in order."""
    return page.evaluate(
        """id => Array.from(document.getElementById(id)?.querySelectorAll('svg text') ?? []).map(t => {
             // A multi-line label ("uge 11" over "marts") is one <text> of <tspan>s: keep the lines apart.
             const lines = Array.from(t.querySelectorAll('tspan'), s => s.textContent.trim());
             return (lines.length ? lines.join(' ') : t.textContent).trim();
           }).filter(Boolean)""",
        chart_id,
    )


def mark_chart_svgs(page: Page) -> int:
    """Tag each chart's current <svg> with a JS property, so a re-render is visible as a new element.

    Returns how many charts had an <svg> to tag.
    """
    return page.evaluate(
        """() => { %s let n = 0;
             for (const el of document.querySelectorAll('.ps-chart')) {
               const svg = chartSvg(el);
               if (svg) { svg.__psOld = true; n++; } }
             return n; }""" % _CHART_SVG_JS
    )


def wait_for_rerender(page: Page, timeout_ms: int = CHART_TIMEOUT_MS) -> None:
    """Wait until every chart is rendered again into an <svg> that ``mark_chart_svgs`` did not tag."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    check = """() => { %s return Array.from(document.querySelectorAll('.ps-chart')).filter(el => {
                 const svg = chartSvg(el);
                 return !(el.getAttribute('data-rendered') === 'true' && svg && svg.__psOld !== true);
               }).map(el => el.id || '(no id)'); }""" % _CHART_SVG_JS
    try:
        page.wait_for_function(f"() => ({check})().length === 0", timeout=timeout_ms)
    except PlaywrightTimeoutError:
        stale = page.evaluate(check)
        raise AssertionError(
            f"charts not re-rendered (same <svg> element, or not rendered) after {timeout_ms} ms on "
            f"{page.url}: {', '.join(stale)}"
        ) from None


# --------------------------------------------------------------------------- screenshots


def screenshot_dir() -> Path | None:
    folder = os.environ.get(SCREENSHOTS_ENV)
    return Path(folder) if folder else None


def save_screenshot(page: Page, name: str, *, selector: str | None = None, full_page: bool = True) -> Path | None:
    """Save a PNG named ``name`` into $PLANSPOR_SCREENSHOTS; do nothing when it is unset.

    With ``selector``, only that element (e.g. one chart); otherwise the page, whole by default.
    """
    folder = screenshot_dir()
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    if selector:
        page.locator(selector).first.screenshot(path=str(path), animations="disabled")
    else:
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path
