"""The hostile sample in Chromium: no injected code runs, the text is shown literally, the policy holds.

tests/fixtures/hostile is built with the project's own mkdocs.yml (fixture ``hostile_site`` in
tests/conftest.py). Before any page script runs, traps are installed: a setter on
``window.__pwned`` (every injection in the fixture assigns it), stand-ins for alert, confirm and
prompt, and a listener for Content-Security-Policy violations; real dialogs are recorded too.
Pages are watched like every other browser test (no console error, no non-local request).
"""

from __future__ import annotations

import pytest

from generator.load import load_project

from ..conftest import HOSTILE
from .conftest import LAPTOP, PageOpener, serve_site
from .helpers import wait_for_charts

TRAPS = """
(() => {
  const log = [];
  Object.defineProperty(window, "__trapLog", { value: log });
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { return undefined; },
    set(value) { log.push("__pwned=" + String(value)); },
  });
  for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (message) => { log.push(name + ":" + String(message)); };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    log.push("csp:" + event.violatedDirective + " " + event.blockedURI + " " + (event.sample || ""));
  });
})();
"""

PAGES = [
    "index.html",
    "plans/index.html",
    "plans/fjendtlig-plan.html",
    "kpis/index.html",
    "kpis/ondsind/index.html",
    "kpis/ondsind/ondsindet-kpi.html",
    "parties/index.html",
    "parties/kommune.html",
    "parties/star.html",
]
BARS = ".ps-chart--timeline g.mark-rect.role-mark.activity_bars_marks path"
MARKS = ".ps-chart--timeline g.role-mark path"
"""Every drawn mark of the timeline (bars, days, diamonds): each has a tooltip."""
PROBE = """
window.__probe = {};
try { eval("window.__pwned = 'eval'"); window.__probe.eval = "ran"; } catch (error) { window.__probe.eval = error.name; }
try { new Function("window.__pwned = 'function'")(); window.__probe.fn = "ran"; } catch (error) { window.__probe.fn = error.name; }
const script = document.createElement("script");
script.textContent = "window.__pwned = 'inline'";
document.body.append(script);
window.__probe.done = true;
"""
"""A script served by the site itself (allowed by script-src 'self'), as a page's own code would be:
what the policy forbids it is forbidden for page code too. (Code that Playwright evaluates through
the DevTools protocol is exempt from the policy, so the probe must be a file of the site.)"""


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    yield from serve_site(hostile_site)


@pytest.fixture
def hostile_opener(browser, hostile_server, request):
    opener = PageOpener(browser, hostile_server, request.node.nodeid)
    yield opener
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


@pytest.fixture
def trapped_page(hostile_opener):
    """A watched laptop-size page of the hostile site with the traps installed, and its dialogs."""
    page = hostile_opener(LAPTOP, label="hostile laptop 1280x900")
    page.add_init_script(TRAPS)
    dialogs: list[str] = []

    def record(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return page, dialogs


@pytest.fixture(scope="module")
def hostile_project():
    return load_project(HOSTILE)


def nothing_ran(page, dialogs: list[str]) -> None:
    assert page.evaluate("() => window.__trapLog") == []
    assert dialogs == []
    assert page.locator("#pwned-bold").count() == 0
    assert page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(el =>
        Array.from(el.attributes).filter(a => /^on/i.test(a.name) || /^\\s*(javascript|data|vbscript):/i.test(a.value)
          && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)).map(a => el.tagName + ' ' + a.name))""") == []


@pytest.mark.parametrize("path", PAGES)
def test_no_injected_code_runs_and_charts_draw(trapped_page, path):
    page, dialogs = trapped_page
    page.goto(path)
    wait_for_charts(page)
    # Hover every timeline bar: the tooltips show the hostile texts.
    for bar in page.locator(BARS).all():
        bar.hover(force=True)
        page.wait_for_timeout(50)
    nothing_ran(page, dialogs)


def test_titles_and_labels_are_shown_literally(trapped_page, hostile_project):
    page, dialogs = trapped_page
    plan = hostile_project.plans[0]
    page.goto("plans/fjendtlig-plan.html")
    wait_for_charts(page)
    assert page.title() == f"{plan.title} - Planspor"
    assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == plan.title
    nav_texts = page.locator("nav.md-nav--primary a").all_inner_texts()
    assert any(plan.title in " ".join(text.split()) for text in nav_texts)
    # The timeline's row labels are the activities' forms, character for character.
    labels = page.evaluate("""() => Array.from(document.querySelectorAll('.ps-chart--timeline svg g.role-axis-label text'))
        .map(t => t.textContent)""")
    assert "'+alert(1)+'" in labels and '{"expr": "alert(1)"}' in labels
    nothing_ran(page, dialogs)


def test_tooltips_show_hostile_text_as_text(trapped_page, hostile_project):
    page, dialogs = trapped_page
    page.goto("plans/fjendtlig-plan.html")
    wait_for_charts(page)
    seen = []
    for mark in page.locator(MARKS).all():
        mark.hover(force=True)
        page.wait_for_timeout(60)
        if page.locator("#vg-tooltip-element.visible").count():
            seen.append(page.locator("#vg-tooltip-element").inner_text())
            # vega-tooltip escapes values: the tooltip is a table of text, nothing else.
            tags = set(page.evaluate("() => Array.from(document.querySelectorAll('#vg-tooltip-element *')).map(e => e.tagName)"))
            assert tags <= {"TABLE", "TBODY", "TR", "TD", "H2"}, tags
    assert len(seen) >= 3
    text = "\n".join(seen)
    assert "<script>window.__pwned='action'</script>" in text
    assert "'); window.__pwned='role'; ('" in text
    nothing_ran(page, dialogs)


def test_policy_forbids_eval_and_injected_scripts(trapped_page, hostile_opener, hostile_site):
    page, dialogs = trapped_page
    (hostile_site / "csp-probe.js").write_text(PROBE, encoding="utf-8")
    page.goto("plans/fjendtlig-plan.html")
    wait_for_charts(page)
    assert page.evaluate("() => window.__trapLog") == []  # the page itself violates nothing
    page.evaluate("() => { const probe = document.createElement('script'); probe.src = '/csp-probe.js'; document.head.append(probe); }")
    page.wait_for_function("() => window.__probe && window.__probe.done")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__probe") == {"eval": "EvalError", "fn": "EvalError", "done": True}
    log = page.evaluate("() => window.__trapLog")
    assert not [entry for entry in log if entry.startswith("__pwned")]
    assert any(entry.startswith("csp:script-src") for entry in log), log
    # Chromium reports each refusal on the console; they were provoked on purpose.
    hostile_opener.log_for(page).clear()
    assert dialogs == []


def test_the_built_site_works_from_disk_under_the_policy(browser, hostile_site):
    """README: site/index.html opens straight from disk. 'self' covers file: URLs; charts still draw."""
    context = browser.new_context(viewport=LAPTOP)
    errors: list[str] = []
    page = context.new_page()
    page.add_init_script(TRAPS)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for path in ("index.html", "plans/fjendtlig-plan.html", "kpis/ondsind/ondsindet-kpi.html"):
            page.goto((hostile_site / path).as_uri())
            wait_for_charts(page)
            assert page.evaluate("() => window.__trapLog") == [], path
        assert errors == []
    finally:
        context.close()
