"""What keeps text from a shared plan from running as code in a reader's browser, beyond escaping.

Plan and KPI files are edited by people in two organisations through pull requests; their text
is escaped where it is printed (templates are autoescaped, Markdown fields are sanitised by nh3,
plain fields in Markdown headings go through ``| heading``). This module holds the rest:

- **Navigation titles.** MkDocs themes print ``nav`` titles as HTML (a title from a page's
  heading keeps its ``&amp;``), so titles from the data are escaped before they enter the nav.
- **Theme override.** ``overrides/main.html`` (in this package; the plugin adds it to the theme's
  template folders, after a site's own ``custom_dir``) writes the Content-Security-Policy and a
  ``<title>`` that stays escaped (Material's ``striptags`` filter unescapes a title).
- **Content-Security-Policy.** No external origin at all; scripts only from the site itself and
  the theme's own few inline scripts, allowed by their SHA-256 hashes. Those hashes are taken
  from the theme's script partials rendered for the page, never from the page's output, so a
  script that got into a page is not allowed by accident. No ``'unsafe-eval'``: the chart
  runtime uses Vega's interpreter (vega-embed's ``ast: true``), not ``new Function``.
  ``planspor serve`` and ``mkdocs serve`` inject a live-reload script whose text changes on
  every request; while serving, inline scripts are allowed instead (``'unsafe-inline'``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from typing import Any

OVERRIDES_DIR = Path(__file__).parent / "overrides"
"""Template folder with main.html, put in front of the theme's own by the plugin."""

INLINE_SCRIPTS_PLACEHOLDER = "'planspor-inline-scripts'"
"""Written by overrides/main.html into script-src; replaced per page by the theme's script hashes."""

THEME_SCRIPT_PARTIALS = "partials/javascripts/"
"""mkdocs-material keeps every inline script it writes into a page in partials under this folder."""

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content="[^"]*?) ' + re.escape(INLINE_SCRIPTS_PLACEHOLDER))


def escaped_nav(nav: Any) -> Any:
    """MkDocs ``nav`` entries with every title HTML-escaped (paths stay as they are)."""
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {html.escape(str(title)): escaped_nav(value) for title, value in nav.items()}
    return nav


def script_hash(source: str) -> str:
    """The CSP source that allows one inline script with exactly this text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_script_partials(env: Any) -> list[str]:
    """The theme's script partials. Listing them walks every template folder (Material's holds
    some 14,000 icon files, 0.1 s), so the plugin does it once per build, not once per page."""
    return list(env.list_templates(filter_func=lambda name: name.startswith(THEME_SCRIPT_PARTIALS)))


def theme_script_hashes(env: Any, context: dict, partials: list[str] | None = None) -> set[str]:
    """Hashes of the inline scripts the theme writes into a page rendered with ``context``.

    Each of Material's script partials is rendered with the page's own template context (one of
    them depends on the page's depth), so the hashes match what the theme wrote, and nothing else.
    ``partials`` is :func:`theme_script_partials` of ``env``, computed once.
    """
    hashes: set[str] = set()
    for name in theme_script_partials(env) if partials is None else partials:
        try:
            rendered = env.get_template(name).render(context)
        except Exception:  # noqa: BLE001 - a partial this site does not use may need settings it lacks
            continue
        hashes.update(script_hash(match.group(1)) for match in _INLINE_SCRIPT.finditer(rendered))
    return hashes


def with_script_sources(output: str, hashes: set[str], serving: bool) -> str:
    """The page with the policy's placeholder replaced by the allowed inline scripts."""
    sources = ["'unsafe-inline'"] if serving else sorted(hashes)
    return _CSP_META.sub(lambda match: match.group(1) + "".join(" " + source for source in sources), output, count=1)
