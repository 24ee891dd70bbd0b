"""The chart runtime: Vega, Vega-Lite and vega-embed from the pinned vl-convert-python
package, bundled at build time with Planspor's own small rendering script.

No third-party JavaScript is committed or fetched: the bundle is made by
``vl_convert.javascript_bundle`` and wrapped in a function so it leaks no globals.
Bundling takes a second or two, so the result is cached on disk by the hash of
everything that goes into it (versions, script, theme, language).
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from functools import cache
from importlib import resources
from pathlib import Path

import vl_convert

from ..i18n import t
from .theme import runtime_theme
from .vegalite import SCHEMA_VERSION

RUNTIME_PATH = "assets/javascripts/planspor-charts.js"
"""Where the bundle goes in the built site; every page loads it once and the browser caches it."""

CACHE_VARIABLE = "PLANSPOR_CACHE_DIR"
D3_LOCALES = {"da": "da-DK", "en": "en-GB"}


def vega_lite_version() -> str:
    """The Vega-Lite version the specs are written for, as vl-convert names it ('6.4')."""
    major, minor = SCHEMA_VERSION.lstrip("v").split(".")[:2]
    wanted = f"{major}.{minor}"
    available = vl_convert.get_vegalite_versions()
    return wanted if wanted in available else available[-1]


def runtime_settings(language: str) -> dict:
    """What the script needs besides Vega: colours per palette, locales, labels."""
    return {
        "theme": runtime_theme(),
        "locale": {
            "format": vl_convert.get_format_locale(D3_LOCALES[language]),
            "time": vl_convert.get_time_format_locale(D3_LOCALES[language]),
        },
        "embedI18n": {
            "SVG_ACTION": t("runtime.svg_action", language),
            "PNG_ACTION": t("runtime.png_action", language),
            "CLICK_TO_VIEW_ACTIONS": t("runtime.click_to_view_actions", language),
        },
        "messages": {"broken": t("runtime.broken", language), "search": t("runtime.search", language),
                     "table": t("runtime.table", language)},
    }


def runtime_snippet(language: str) -> str:
    script = resources.files("generator").joinpath("assets/charts.js").read_text(encoding="utf-8")
    settings = json.dumps(runtime_settings(language), ensure_ascii=False, sort_keys=True)
    return f"const PLANSPOR = {settings};\n{script}"


def _cache_dir() -> Path:
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "planspor"


@cache
def runtime_script(language: str) -> str:
    """The complete chart runtime for one interface language, from the disk cache when possible."""
    snippet = runtime_snippet(language)
    version = vega_lite_version()
    key = hashlib.sha256(
        "\0".join([metadata.version("vl-convert-python"), version, snippet]).encode("utf-8")
    ).hexdigest()[:24]
    cached = _cache_dir() / f"charts-{key}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle(snippet, vl_version=version)
    # One function scope around the bundle: its many top-level names stay private.
    script = f"/* Planspor chart runtime: Vega {vl_convert.get_vega_version()}, Vega-Lite {version}, " \
             f"vega-embed {vl_convert.get_vega_embed_version()}, bundled by vl-convert-python. */\n" \
             f"(function () {{\n{bundle}\n}})();\n"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(script, encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass  # a read-only cache is no reason to fail a build
    return script
