"""How a chart spec goes into a page: as data in an HTML attribute, rendered by the chart runtime.

The spec is JSON inside a single-quoted ``data-spec`` attribute, with ``&``, ``<``, ``>`` and
``'`` escaped (:func:`spec_attribute`), so no value in it can end the attribute or open a tag.
It is not an inline ``<script type="application/json">``, which mkdocs-material's instant
navigation would re-run and break.
"""

from __future__ import annotations

import json

from markupsafe import Markup, escape


EXPRESSION_KEYS = frozenset({"expr", "labelExpr", "test", "calculate", "filter", "signal", "update", "init"})
"""Spec properties whose string is a Vega expression (parsed by Vega), not text to show."""


_LINE_SEPARATORS = ("\u2028", "\u2029")


def _expression_safe(value: object, key: str | None = None, data: bool = False) -> object:
    """The spec without raw U+2028 and U+2029 anywhere Vega or Vega-Lite may parse it as an expression.

    Text from the data reaches an expression only as a string literal: our label lookups
    (``{"a:plan:x": "Opstartsmøde"}[datum.value]``) and the descriptions Vega-Lite builds from titles
    (``"hp: " + format(datum["value"], "")``). JSON leaves these two characters raw, but Vega's
    expression parser, like old JavaScript, ends a string at them, and the chart would not draw.
    In our expressions they are written as escapes; in other text (titles, which Vega-Lite copies
    into expressions) they become spaces. Inline data values are left as they are: Vega reads
    them as data, never as code.
    """
    if isinstance(value, dict):
        return {name: _expression_safe(item, name, data or name == "datasets" or (key == "data" and name == "values"))
                for name, item in value.items()}
    if isinstance(value, list):
        return [_expression_safe(item, key, data) for item in value]
    if isinstance(value, str) and not data and any(separator in value for separator in _LINE_SEPARATORS):
        if key in EXPRESSION_KEYS:
            return value.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return value.replace("\u2028", " ").replace("\u2029", " ")
    return value


def spec_json(spec: dict) -> str:
    """A spec as compact, deterministic JSON (the same spec always gives the same bytes)."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if any(separator in text for separator in _LINE_SEPARATORS):
        # Rare (text from the data with a line separator): only then is the spec walked value by value.
        text = json.dumps(_expression_safe(spec), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text


def spec_attribute(spec: dict) -> Markup:
    """The spec's JSON for a single-quoted attribute.

    JSON is full of double quotes; in a double-quoted attribute each becomes ``&#34;``, which made a
    KPI page's chart a third larger and cost every HTML parser that reads the page (Python-Markdown,
    the search plugin) one character reference per quote, most of a national build's time. In
    single quotes only the rare ``'`` (and ``&``, ``<``, ``>``) need escaping.
    """
    text = spec_json(spec)
    # str.replace, not str.translate: the characters are rare, and translate visits every one.
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;"))


def chart_block(spec: dict, *, chart_id: str, kind: str, description: str, caption: bool = True,
                table_id: str | None = None, table_text: str | None = None) -> Markup:
    """A figure holding one chart and its one-sentence text alternative.

    ``kind`` names the chart type (``timeline``, ``kpi``, ...) for styling and tests;
    ``description`` says in words what the chart shows, for screen readers and print;
    it is also shown as the caption unless ``caption`` is false (a sparkline in a card,
    whose card already says it in words).

    A chart with a caption is reachable by keyboard (``tabindex``) and has vega-embed's
    export menu inside it, so it is a named ``group`` (an ``img`` may not hold a button);
    its name is the caption's description. ``table_id`` names the table beside the chart
    that holds every figure the chart draws: the caption links to it with ``table_text``
    ("Se tallene i tabellen") and ``aria-details`` points assistive technology at it.
    A sparkline (no caption, no menu) stays an ``img`` named by ``aria-label``.
    """
    # Built with escape() and one f-string: Markup.format parses its template in Python on every call,
    # which cost more than the rest of this function (a national site has 5,000 charts).
    kind, chart_id, description, spec_text = escape(kind), escape(chart_id), escape(description), spec_attribute(spec)
    if not caption:
        return Markup(
            f'<figure class="ps-chart-figure ps-chart-figure--{kind}">'
            f'<div class="ps-chart ps-chart--{kind}" id="{chart_id}" data-chart-kind="{kind}" data-spec=\'{spec_text}\' '
            f'role="img" aria-label="{description}"></div>'
            "</figure>"
        )
    description_id = f"{chart_id}-description"
    link = details = ""
    if table_id:
        link = f' <a class="ps-chart-table-link" href="#{escape(table_id)}">{escape(table_text or table_id)}</a>'
        details = f' aria-details="{escape(table_id)}"'
    return Markup(
        f'<figure class="ps-chart-figure ps-chart-figure--{kind}">'
        f'<div class="ps-chart ps-chart--{kind}" id="{chart_id}" data-chart-kind="{kind}" data-spec=\'{spec_text}\' '
        f'role="group" tabindex="0" aria-labelledby="{description_id}"{details}></div>'
        f'<figcaption><span id="{description_id}">{description}</span>{link}</figcaption>'
        "</figure>"
    )
