"""The template environment shared by every page kind: labels, formats, links, safe Markdown.

Templates are autoescaped, so every plain field from the data is escaped where it
is printed. Fields documented as Markdown go through :func:`markdown_html`, which
renders them and removes any raw HTML or script with a maintained sanitiser.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import markdown as python_markdown
import markdown.extensions
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..formatting import format_day, format_number, format_period, format_quantity, format_signed
from ..i18n import t

if TYPE_CHECKING:
    from .view import SiteView
from ..phrases import target_text

from ..charts.theme import STATUS_ICONS  # noqa: E402 - the one table of how a status looks

ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def activity_dates(activity: Any, language: str, year: int | None = None) -> str:
    """The first and last day of an activity that spans several days ('12. marts – 18. marts'), else ''.

    The timeline's tooltip names these days; the tables beside it say them too, so nothing is
    available only on hover."""
    from ..status import activity_span

    span = activity_span(activity)
    if span is None or span[0] == span[1]:
        return ""
    return t("period.range", language, first=format_day(span[0], language, year), last=format_day(span[1], language, year))


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes in the docs tree, its title, its Markdown."""

    path: str
    title: str
    markdown: str
    listed: bool = True
    """Whether the navigation lists the page; a site with thousands of pages lists only section index pages."""


_PLAIN_IN_MARKDOWN = str.maketrans({
    **{character: f"&#{ord(character)};" for character in "\\`*_[]{}#!"},
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
})
"""HTML's special characters escaped, and the characters that make Markdown links, images,
emphasis, code, attribute lists (``{: onclick=...}``) or headings written as character references:
they are only shown, as every browser shows them."""


def plain_markdown(value: Any) -> Markup:
    """A plain field in a line of Markdown (a heading): shown literally, never read as Markdown or HTML.

    Autoescaping stops HTML, but a heading is Markdown: ``[x](javascript:...)`` would become a link,
    ``{: onclick=...}`` an attribute (attr_list) and a line break a new paragraph. The text is kept
    on one line and escaped for both.
    """
    if isinstance(value, Markup):
        return value  # already HTML made here, not text from the data
    text = " ".join(_CONTROL.sub("", str(value if value is not None else "")).split())
    return Markup(text.translate(_PLAIN_IN_MARKDOWN))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Invisible control characters (the loader refuses them; \x02 and \x03 are Python-Markdown's own markers)."""


@cache
def markdown_html(text: str) -> Markup:
    """Markdown from the data rendered to HTML: raw HTML in it is shown as text, never passed on.

    Python-Markdown passes raw HTML through; here its two raw-HTML readers are switched off, so
    ``<b>`` or ``<img onerror=...>`` in a plan appears literally. nh3 then sanitises what
    Markdown made (a link to ``javascript:`` loses its href: only http, https, mailto and
    relative links stay), as a second line of defence.
    """
    converter = _converter()
    html = converter.reset().convert(text or "")
    return Markup(nh3.clean(html, url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer"))


@cache
def _converter() -> python_markdown.Markdown:
    """One Markdown converter, reset between texts: setting one up costs more than converting a description."""
    return python_markdown.Markdown(extensions=["sane_lists", "tables", _NoRawHtml()], output_format="html")


class _NoRawHtml(python_markdown.extensions.Extension):
    """Treat raw HTML blocks and inline tags as text (Markdown then escapes them)."""

    def extendMarkdown(self, md: python_markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


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


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath(target or ".", base or ".")`` for the site's relative paths, without its
    two calls to ``os.getcwd()``: a national site makes some 15,000 links."""
    if ".." in target or ".." in base or target.startswith("/") or base.startswith("/"):
        return posixpath.relpath(target or ".", base or ".")
    to = [part for part in target.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    common = 0
    while common < len(to) and common < len(start) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def relative_link(from_page: str, to_page: str, directory_urls: bool = False) -> str:
    """A link from one generated page to another page or file, relative to the built page's URL."""
    target, _, anchor = to_page.partition("#")
    source_url = page_url(from_page, directory_urls)
    base = source_url if source_url.endswith("/") else posixpath.dirname(source_url)
    link = ""
    if target:
        target_url = page_url(target, directory_urls)
        link = _relpath(target_url, base)
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
        auto_reload=False,  # the templates are part of the package: no file check on every page
    )
    env.filters["md"] = markdown_html
    env.filters["heading"] = plain_markdown
    return env


@cache
def status_badge(kind: str, state: str, language: str) -> Markup:
    """A status in icon and word (``kind`` is kpi_state or activity_state); the same few recur on every page."""
    return Markup('<span class="ps-status ps-status--{0}"><span aria-hidden="true">{1}</span> {2}</span>').format(
        state, STATUS_ICONS[state], t(f"{kind}.{state}", language)
    )


def render(template: str, page_path: str, view: "SiteView", **context: Any) -> str:
    """Render one page template with the shared helpers bound to this page and the view's language."""
    language, as_of = view.language, view.as_of

    def label(key: str, **values: Any) -> str:
        return t(key, language, **values)

    def badge(kind: str, state: str) -> Markup:
        return status_badge(kind, state, language)

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
        "dates": lambda activity, year=None: activity_dates(activity, language, year),
        "as_of": as_of,
        "language": language,
        "view": view,
    }
    return environment().get_template(template).render(**helpers, **context)
