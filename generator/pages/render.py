"""The template environment shared by every page kind: labels, formats, links, safe Markdown.

Templates are autoescaped, so every plain field from the data is escaped where it
is printed. Fields documented as Markdown go through :func:`markdown_html`, which
renders them and removes any raw HTML or script with a maintained sanitiser.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import markdown as python_markdown
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..formatting import format_day, format_number, format_period, format_quantity, format_signed
from ..i18n import t

if TYPE_CHECKING:
    from .view import SiteView
from ..phrases import target_text

STATUS_ICONS = {
    # Status is never shown by colour alone: each has an icon and a word.
    "done": "✔",
    "achieved": "✔",
    "on_track": "●",
    "in_progress": "◐",
    "planned": "○",
    "due_soon": "◷",
    "postponed": "↷",
    "cancelled": "✕",
    "overdue": "▲",
    "at_risk": "▲",
    "off_track": "✖",
    "missed": "✖",
    "no_data": "–",
    "no_target": "–",
}

ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes in the docs tree, its title, its Markdown."""

    path: str
    title: str
    markdown: str


@cache
def markdown_html(text: str) -> Markup:
    """Markdown from the data rendered to HTML, with raw HTML, script and unsafe links removed."""
    html = python_markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return Markup(nh3.clean(html, url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer"))


def page_url(path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page at ``path`` ('plans/x.md' → 'plans/x.html' or 'plans/x/').

    Links in raw HTML are not rewritten by MkDocs (only Markdown links are), so
    generated pages link to the built URLs directly; other files keep their path.
    """
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_link(from_page: str, to_page: str, directory_urls: bool = False) -> str:
    """A link from one generated page to another page or file, relative to the built page's URL."""
    target, _, anchor = to_page.partition("#")
    source_url = page_url(from_page, directory_urls)
    base = source_url if source_url.endswith("/") else posixpath.dirname(source_url)
    link = ""
    if target:
        target_url = page_url(target, directory_urls)
        link = posixpath.relpath(target_url or ".", base or ".")
        if target_url.endswith("/") and not link.endswith("/"):
            link += "/"
        if link == "./":
            link = "./"
    return f"{link}#{anchor}" if anchor else link


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.pages", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_html
    return env


def render(template: str, page_path: str, view: "SiteView", **context: Any) -> str:
    """Render one page template with the shared helpers bound to this page and the view's language."""
    language, as_of = view.language, view.as_of

    def label(key: str, **values: Any) -> str:
        return t(key, language, **values)

    def badge(kind: str, state: str) -> Markup:
        text = t(f"{kind}.{state}", language)
        return Markup('<span class="ps-status ps-status--{0}"><span aria-hidden="true">{1}</span> {2}</span>').format(
            state, STATUS_ICONS[state], text
        )

    helpers = {
        "t": label,
        "badge": badge,
        "link": lambda to: relative_link(page_path, to, view.directory_urls),
        "num": lambda value, decimals=None: format_number(value, language, decimals),
        "signed": lambda value: format_signed(value, language),
        "qty": lambda value, unit=None: format_quantity(value, unit, language),
        "period": lambda value, year=None, short=False: format_period(value, language, year, short),
        "day": lambda value, year=None: format_day(value, language, year),
        "target_text": lambda target, kpi: target_text(target, kpi, language),
        "as_of": as_of,
        "language": language,
        "view": view,
    }
    return environment().get_template(template).render(**helpers, **context)
