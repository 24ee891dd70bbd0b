"""``planspor pdf PLAN``: one plan as a committee-ready PDF, printed by headless Chromium.

The route: build the site (or reuse a built one), serve it on 127.0.0.1, open the plan's page
in headless Chromium with the print stylesheet applied (docs/assets/print.css: A4 landscape, no
navigation), append the plan's KPI pages (status in words, target-versus-actual chart, the
figures) after the plan, wait until every chart is drawn, and print to PDF. The charts are SVG,
so they stay vector graphics in the PDF. Every page of the PDF carries the plan's title and the
status date in its header ("Status pr. 1. maj 2018") and "Side 2 af 5" in its footer.

Why A4 landscape: a plan's timeline spans 20-30 ISO weeks and its activity table has one column
per party; portrait A4 would shrink the week labels and wrap every table cell.

Playwright is an optional dependency (``pip install 'planspor[pdf]'``); Chromium is Debian's
``chromium`` package (or $PLANSPOR_CHROMIUM), never a browser download of Playwright's own.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .formatting import format_day
from .i18n import t

LOCAL_HOST = "127.0.0.1"
PRINTABLE_WIDTH_PX = round((297 - 2 * 12) / 25.4 * 96)
"""A4 landscape less the side margins of print.css, in CSS pixels: the width charts are drawn at."""
CHROMIUM_ARGS = [
    # The same flags as the browser tests (tests/browser/conftest.py).
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHART_TIMEOUT_MS = 30_000


class PdfError(Exception):
    """Something the user can fix: a missing browser or package, an unknown plan."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    size: int


def find_chromium() -> str | None:
    override = os.environ.get("PLANSPOR_CHROMIUM")
    if override:
        return override if Path(override).exists() else shutil.which(override)
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF written by Chromium (its page objects are uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path):
    """The built site on 127.0.0.1 at a free port, for as long as the block runs."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="planspor-pdf-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_site(config_file: Path, site_dir: Path, as_of: date, language: str | None) -> None:
    """Build the site with MkDocs (the plugin runs the pipeline) for the date and language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = {name: os.environ.get(name) for name in ("PLANSPOR_AS_OF", "PLANSPOR_LANGUAGE")}
    os.environ["PLANSPOR_AS_OF"] = as_of.isoformat()
    if language:
        os.environ["PLANSPOR_LANGUAGE"] = language
    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# In the page: append the plan's KPI pages after the plan, and make links fit for paper.
_COMPOSE_JS = """
async ([title]) => {
  const article = document.querySelector('.md-content article') || document.querySelector('.md-content');
  const links = Array.from(document.querySelectorAll('.ps-card__title a'), a => a.href);
  if (links.length) {
    const section = document.createElement('section');
    section.className = 'ps-print-kpis';
    const heading = document.createElement('h2');
    heading.textContent = title;
    section.append(heading);
    for (const href of [...new Set(links)]) {
      const response = await fetch(href);
      if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const source = doc.querySelector('.md-content article') || doc.querySelector('.md-content');
      const part = document.createElement('section');
      part.className = 'ps-print-kpi';
      for (const node of Array.from(source.children)) {
        if (node.matches('.ps-as-of, .md-content__button, .md-source-file')) continue;
        part.append(document.importNode(node, true));
      }
      // One level down: the KPI's title is a section of the plan's document.
      for (const old of part.querySelectorAll('h1, h2, h3, h4, h5')) {
        const level = Math.min(6, Number(old.tagName[1]) + 1);
        const renamed = document.createElement('h' + level);
        renamed.innerHTML = old.innerHTML;
        if (old.id) renamed.id = 'kpi-section-' + old.id;
        old.replaceWith(renamed);
      }
      for (const a of part.querySelectorAll('a[href]')) a.setAttribute('href', new URL(a.getAttribute('href'), href).href);
      section.append(part);
    }
    article.append(section);
  }
  // Links to other pages of the local server lead nowhere on paper; links within the document
  // and to other sites stay.
  for (const a of document.querySelectorAll('.md-content a[href]')) {
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) continue;
    const here = url.pathname === location.pathname && url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (here) a.setAttribute('href', url.hash); else a.removeAttribute('href');
  }
  for (const link of document.querySelectorAll('.headerlink')) link.remove();
  document.dispatchEvent(new Event('planspor:render'));
}
"""

_CHARTS_DRAWN_JS = """
() => Array.from(document.querySelectorAll('.ps-chart'))
  .every(el => el.getAttribute('data-rendered') === 'true' && el.querySelector('svg'))
"""


def render_pdf(site_dir: Path, plan_id: str, plan_title: str, as_of: date, language: str, out: Path) -> PdfResult:
    """Print ``plans/<plan_id>.html`` of a built site, with its KPIs, to ``out``."""
    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("planspor pdf needs Playwright: pip install 'planspor[pdf]' (and Debian's chromium)") from None
    executable = find_chromium()
    if executable is None:
        raise PdfError("planspor pdf needs Chromium: apt-get install chromium (or set PLANSPOR_CHROMIUM)")
    page_path = f"plans/{plan_id}.html"
    if not (site_dir / page_path).exists():
        raise PdfError(f"{site_dir / page_path} does not exist: is the site built with the plan {plan_id!r}?")

    status = t("site.status_as_of", language, date=format_day(as_of, language))
    header = (
        '<div style="font: 8px sans-serif; color: #444; width: 100%; margin: 0 12mm; display: flex; '
        f'justify-content: space-between"><span>{html.escape(plan_title)}</span><span>{html.escape(status)}</span></div>'
    )
    footer = (
        '<div style="font: 8px sans-serif; color: #444; width: 100%; margin: 0 12mm; text-align: right">'
        + t("pdf.page", language, page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>')
        + "</div>"
    )
    with serve(site_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(
                viewport={"width": PRINTABLE_WIDTH_PX, "height": 760}, color_scheme="light",
                locale="da-DK" if language == "da" else "en-GB", service_workers="block",
            )
            # The site makes no request to another host; should it ever try, it gets nothing.
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                          or route.request.url.startswith(("data:", "blob:")) else route.abort())
            page = context.new_page()
            # The print stylesheet from the start, so the charts are drawn at the printed width.
            page.emulate_media(media="print", color_scheme="light")
            page.goto(base_url + page_path, wait_until="load")
            try:
                page.wait_for_function(_CHARTS_DRAWN_JS, timeout=CHART_TIMEOUT_MS)
                page.evaluate(_COMPOSE_JS, [t("pdf.kpis_title", language)])
                page.wait_for_function(_CHARTS_DRAWN_JS, timeout=CHART_TIMEOUT_MS)
            except PlaywrightTimeoutError:
                raise PdfError(f"the charts of {page_path} were not drawn within {CHART_TIMEOUT_MS // 1000} s") from None
            page.evaluate("title => { document.title = title; }", plan_title)
            # The status line as the page says it (a reused site says its own date).
            shown = page.locator(".ps-as-of").first
            if shown.count():
                header = header.replace(html.escape(status), html.escape(shown.text_content().strip()))
            out.parent.mkdir(parents=True, exist_ok=True)
            data = page.pdf(
                path=str(out), format="A4", landscape=True, prefer_css_page_size=True, print_background=True,
                display_header_footer=True, header_template=header, footer_template=footer,
                margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            browser.close()
    return PdfResult(out, pdf_page_count(data), len(data))


def plan_pdf(plan_id: str, *, config_file: Path, out: Path | None = None, as_of: date,
             language: str | None = None, site_dir: Path | None = None) -> PdfResult:
    """Build (or reuse ``site_dir``) and print one plan. ``as_of`` and ``language`` must be the
    ones the reused site was built with: its pages already say them."""
    from .load import load_project

    project = load_project(config_file.resolve().parent)
    plans = {plan.id: plan for plan in project.plans}
    if plan_id not in plans:
        raise PdfError(f"no plan {plan_id!r}; the plans are: {', '.join(sorted(plans))}")
    if language is None and site_dir is not None:
        match = re.search(r'<html lang="(\w+)', (site_dir / f"plans/{plan_id}.html").read_text(encoding="utf-8")
                          if (site_dir / f"plans/{plan_id}.html").exists() else "")
        language = match.group(1) if match else None
    language = language or os.environ.get("PLANSPOR_LANGUAGE") or "da"
    out = out or Path(f"{plan_id}.pdf")
    if site_dir is not None:
        return render_pdf(site_dir, plan_id, plans[plan_id].title, as_of, language, out)
    with tempfile.TemporaryDirectory(prefix="planspor-pdf-") as temporary:
        site = Path(temporary) / "site"
        build_site(config_file, site, as_of, language)
        return render_pdf(site, plan_id, plans[plan_id].title, as_of, language, out)
