"""Fixtures for the browser tests: the built site on 127.0.0.1, Debian's Chromium, and watched pages.

- ``site_server``: base URL of a threaded http.server serving ``built_site`` (one build per session).
- ``browser``: one headless Chromium per session, Debian's ``chromium`` through ``executable_path``
  (Playwright's own browser download is not used). Without it the tests skip with a loud reason;
  with ``PLANSPOR_REQUIRE_BROWSER=1`` (set by ``.ci/run``) or ``CI=true`` they fail instead.
- ``page`` (1280x900), ``phone_page`` (390x844), ``sized_page`` (both, parametrized) and
  ``open_page`` (a factory for other sizes, time zones ...): each in a fresh context that routes
  every request (127.0.0.1 continues, any other host is aborted and recorded) and records console
  errors, page errors and HTTP errors. At teardown the test errors if any of that happened.
- Escape hatch for a test that provokes errors on purpose::

      @pytest.mark.allow_browser_errors(r"regex", ...)        # excuse matching console/page errors
      @pytest.mark.allow_browser_errors()                      # excuse every console/page error
      @pytest.mark.allow_browser_errors(foreign_requests=True) # a non-local request is expected
                                                               # (it is still aborted)

  or take ``open_page.log_for(page)`` and ``.clear()`` it after checking what it recorded.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .helpers import LOCAL_HOST, BrowserLog

HERE = Path(__file__).resolve().parent

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start-up; on a closed network that is noisy refusals.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_SKIPPED_BECAUSE: list[str] = []


def browser_required() -> bool:
    """CI (and .ci/run) must not pass with the browser tests skipped."""
    return os.environ.get("PLANSPOR_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


def find_chromium() -> str | None:
    """Debian's chromium (or $PLANSPOR_CHROMIUM, for a developer whose Chromium lives elsewhere)."""
    override = os.environ.get("PLANSPOR_CHROMIUM")
    if override:
        return override if Path(override).exists() else shutil.which(override)
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _browser_unavailable(reason: str) -> None:
    if browser_required():
        pytest.fail(
            f"BROWSER TESTS CANNOT RUN: {reason}. PLANSPOR_REQUIRE_BROWSER=1 or CI=true is set, "
            "so this is a failure, not a skip (.ci/run installs chromium with apt).",
            pytrace=False,
        )
    message = f"!!! BROWSER TESTS SKIPPED: {reason}. Install Debian's chromium (apt-get install chromium) !!!"
    _SKIPPED_BECAUSE.append(message)
    pytest.skip(message)


# --------------------------------------------------------------------------- hooks


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "allow_browser_errors(*patterns, foreign_requests=False): excuse console/page errors matching the "
        "regex patterns (all of them when none is given) in the browser-test page fixtures",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    from .axe import report as report_axe_findings

    report_axe_findings(terminalreporter)  # the accessibility audit's findings, once (test_accessibility.py)
    if _SKIPPED_BECAUSE:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(_SKIPPED_BECAUSE[0], red=True, bold=True)


# --------------------------------------------------------------------------- server and browser


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as it is, except that sitemap.xml is moved to this server's origin.

    Material's instant navigation only intercepts links listed in sitemap.xml, and it maps the
    sitemap's URLs onto the page's protocol and host name but not its port. On a test server
    with a port no link would ever match and every click would be a full page load, so here the
    site_url prefix of each <loc> is replaced by this server's base URL. (An empty sitemap, a
    build without site_url, stays empty: instant navigation then stays off, and the test says so.)
    """

    base_url = ""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        if self.path.split("?")[0] == "/sitemap.xml":
            path = Path(self.translate_path(self.path))
            if path.is_file():
                body = _sitemap_for(path.read_text(encoding="utf-8"), self.base_url).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


def _sitemap_for(text: str, base_url: str) -> str:
    locations = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)
    if not locations:
        return text
    prefix = os.path.commonprefix(locations)
    prefix = prefix[: prefix.rfind("/") + 1]
    return text.replace(f"<loc>{prefix}", f"<loc>{base_url}")


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL (with trailing slash) of the built sample site, served on 127.0.0.1."""
    yield from serve_site(built_site)


def serve_site(directory: Path):
    """Serve a built site on 127.0.0.1 for as long as the generator runs; yields its base URL."""
    handler = type("Handler", (_SiteHandler,), {})
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(directory)))
    handler.base_url = f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="planspor-site-server", daemon=True)
    thread.start()
    try:
        yield handler.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session."""
    executable = find_chromium()
    if executable is None:
        override = os.environ.get("PLANSPOR_CHROMIUM")
        _browser_unavailable(f"PLANSPOR_CHROMIUM={override} does not exist" if override
                             else "no 'chromium' on PATH nor /usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _browser_unavailable(f"the playwright package is not installed ({error})")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    except Exception as error:  # noqa: BLE001 - any launch failure means "no browser"
        playwright.stop()
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        _browser_unavailable(f"playwright could not start {executable}: {first_line}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


# --------------------------------------------------------------------------- pages


class PageOpener:
    """Opens watched pages in fresh contexts; checks and closes them at the end of the test."""

    def __init__(self, browser, base_url: str, test_name: str):
        self.browser = browser
        self.base_url = base_url
        self.test_name = test_name
        self._opened: list[tuple[object, BrowserLog]] = []
        self._logs: dict[int, BrowserLog] = {}

    def __call__(self, viewport: dict | None = None, *, label: str | None = None, **context_options):
        options = {
            "viewport": viewport or LAPTOP,
            "base_url": self.base_url,
            "locale": "da-DK",
            "timezone_id": "Europe/Copenhagen",
            "color_scheme": "light",
            # Service workers would fetch outside page routing; Material registers none, and
            # blocking them keeps "every request is routed" true.
            "service_workers": "block",
            **context_options,
        }
        size = options["viewport"]
        log = BrowserLog(label or f"{size['width']}x{size['height']}")
        context = self.browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.route("**/*", log.route)
        context.on("page", log.attach)  # fires for new_page() too, and for any popup
        page = context.new_page()
        self._opened.append((context, log))
        self._logs[id(page)] = log
        return page

    def log_for(self, page) -> BrowserLog:
        return self._logs[id(page)]

    def close_and_check(self, marker) -> None:
        allowed: list[re.Pattern] = []
        allow_all = allow_foreign = False
        if marker is not None:
            allowed = [re.compile(pattern) for pattern in marker.args]
            allow_all = not marker.args and not marker.kwargs.get("foreign_requests", False)
            allow_foreign = bool(marker.kwargs.get("foreign_requests", False))
        report = []
        for context, log in self._opened:
            try:
                context.close()
            except Exception:  # noqa: BLE001 - a crashed context must not hide the report
                pass
            problems = log.problems(allowed, allow_all=allow_all, allow_foreign=allow_foreign)
            if problems:
                report.append(f"[{log.label}, {log.requests} requests routed]")
                report += [f"  - {line}" for line in problems]
        if report:
            pytest.fail(
                f"{self.test_name}: the browser saw problems (only {LOCAL_HOST} may be reached, and no "
                "console or page error is allowed):\n" + "\n".join(report),
                pytrace=False,
            )


@pytest.fixture
def open_page(browser, site_server, request):
    """A factory: ``open_page(viewport=None, **context_options)`` returns a fresh, watched page."""
    opener = PageOpener(browser, site_server, request.node.nodeid)
    yield opener
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


@pytest.fixture
def page(open_page):
    """A watched page at laptop size (1280x900)."""
    return open_page(LAPTOP, label="laptop 1280x900")


@pytest.fixture
def phone_page(open_page):
    """A watched page at phone size (390x844, touch, mobile viewport)."""
    return open_page(PHONE, label="phone 390x844", is_mobile=True, has_touch=True)


@pytest.fixture(params=["laptop", "phone"])
def sized_page(request, open_page):
    """A watched page at laptop and at phone size (the test runs once for each)."""
    if request.param == "phone":
        return open_page(PHONE, label="phone 390x844", is_mobile=True, has_touch=True)
    return open_page(LAPTOP, label="laptop 1280x900")
