"""How a chart spec goes into a page: as data in an HTML attribute, rendered by the chart runtime.

The spec is JSON inside a ``data-spec`` attribute, escaped by MarkupSafe, so no
value in it can end the attribute or open a tag. It is not an inline
``<script type="application/json">``, which mkdocs-material's instant navigation
would re-run and break.
"""

from __future__ import annotations

import json

from markupsafe import Markup


def spec_json(spec: dict) -> str:
    """A spec as compact, deterministic JSON (the same spec always gives the same bytes)."""
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def chart_block(spec: dict, *, chart_id: str, kind: str, description: str, caption: bool = True) -> Markup:
    """A figure holding one chart and its one-sentence text alternative.

    ``kind`` names the chart type (``timeline``, ``kpi``, ...) for styling and tests;
    ``description`` says in words what the chart shows, for screen readers and print;
    it is also shown as the caption unless ``caption`` is false (a sparkline in a card,
    whose card already says it in words).
    """
    figcaption = Markup("<figcaption>{0}</figcaption>").format(description) if caption else Markup("")
    focus = Markup(' tabindex="0"') if caption else Markup("")
    return Markup(
        '<figure class="ps-chart-figure ps-chart-figure--{kind}">'
        '<div class="ps-chart ps-chart--{kind}" id="{chart_id}" data-chart-kind="{kind}" data-spec="{spec}" '
        'role="img"{focus} aria-label="{description}"></div>'
        "{figcaption}"
        "</figure>"
    ).format(kind=kind, chart_id=chart_id, spec=spec_json(spec), description=description, focus=focus,
             figcaption=figcaption)
