"""Colours: the one place a status colour or a chart colour is defined, for both palettes.

The badges' CSS variables and the charts' colour schemes are both generated from
these tables, so a status looks the same in a table and in a chart. Every colour
keeps at least 4.5:1 contrast against its palette's background (Material's
``default`` #ffffff and ``slate`` #1e2129), so it serves as text as well as a mark.
The status groups (done/on track teal-green, late/off track crimson, soon/at risk
burnt orange, in progress blue, postponed purple, planned grey) were chosen along
the blue–yellow axis and in lightness, which red-green colour-vision deficiency
keeps: simulated for deuteranopia, protanopia and tritanopia (Machado et al. 2009)
every pair stays at least ΔE2000 10 apart. tests/test_colours.py checks both; the
icon and word always go with a colour all the same.
"""

from __future__ import annotations

from ..status import ACTIVITY_STATES, KPI_STATES

STATUS_ICONS = {
    # Status is never shown by colour alone: each has an icon and a word, in the badges, the
    # timelines' legends and beside each bar.
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

PALETTES = ("light", "dark")
"""Material's ``default`` scheme is 'light', its ``slate`` scheme is 'dark'."""

STATUS_COLORS: dict[str, dict[str, str]] = {
    "light": {
        "done": "#1e7d55",
        "achieved": "#1e7d55",
        "on_track": "#1e7d55",
        "in_progress": "#1a62c9",
        "planned": "#4b5560",
        "due_soon": "#a34a00",
        "at_risk": "#a34a00",
        "postponed": "#5b2a86",
        "overdue": "#8b0d1c",
        "off_track": "#8b0d1c",
        "missed": "#8b0d1c",
        "cancelled": "#4b5560",
        "no_data": "#4b5560",
        "no_target": "#4b5560",
    },
    "dark": {
        "done": "#5ee8b0",
        "achieved": "#5ee8b0",
        "on_track": "#5ee8b0",
        "in_progress": "#6a96f0",
        "planned": "#98a2a8",
        "due_soon": "#f8b02c",
        "at_risk": "#f8b02c",
        "postponed": "#f2b8f0",
        "overdue": "#ef6b6b",
        "off_track": "#ef6b6b",
        "missed": "#ef6b6b",
        "cancelled": "#98a2a8",
        "no_data": "#98a2a8",
        "no_target": "#98a2a8",
    },
}

SERIES_COLORS: dict[str, dict[str, str]] = {
    # What a KPI chart draws besides status: the measured line, the target, the path to it,
    # quieter comparison series, and the as-of line.
    "light": {
        "actual": "#1a62c9",
        "target": "#8b0d1c",
        "path": "#a34a00",
        "comparison": "#6b7280",
        "as_of": "#111827",
        "phase": "#3f51b5",
    },
    "dark": {
        "actual": "#6a96f0",
        "target": "#ef6b6b",
        "path": "#f8b02c",
        "comparison": "#aab2bd",
        "as_of": "#f3f4f6",
        "phase": "#9fa8da",
    },
}

CHART_CONFIG: dict[str, dict] = {
    # Vega-Lite config per palette: text and grid colours that read on Material's backgrounds.
    "light": {"background": None, "axis": {"labelColor": "#374151", "titleColor": "#374151", "gridColor": "#e5e7eb",
                                             "domainColor": "#6b7280", "tickColor": "#6b7280"},
              "legend": {"labelColor": "#374151", "titleColor": "#374151"},
              "header": {"labelColor": "#111827", "titleColor": "#111827"},
              "title": {"color": "#111827"}, "text": {"color": "#111827"}, "view": {"stroke": None}},
    "dark": {"background": None, "axis": {"labelColor": "#d1d5db", "titleColor": "#d1d5db", "gridColor": "#374151",
                                           "domainColor": "#6b7280", "tickColor": "#6b7280"},
             "legend": {"labelColor": "#d1d5db", "titleColor": "#d1d5db"},
             "header": {"labelColor": "#f3f4f6", "titleColor": "#f3f4f6"},
             "title": {"color": "#f3f4f6"}, "text": {"color": "#f3f4f6"}, "view": {"stroke": None}},
}

ACTIVITY_SCHEME = "planspor-activity"
"""Name of the colour scheme for activity states, registered with Vega by the chart runtime."""
KPI_SCHEME = "planspor-kpi"
SERIES_SCHEME = "planspor-series"
SERIES_NAMES = tuple(SERIES_COLORS["light"])
"""Order of the colours in :data:`SERIES_SCHEME`: a chart's colour scale uses this domain order."""


def schemes(palette: str) -> dict[str, list[str]]:
    """Vega colour schemes for one palette, in the order of the states they colour."""
    colors = STATUS_COLORS[palette]
    return {
        ACTIVITY_SCHEME: [colors[state] for state in ACTIVITY_STATES],
        KPI_SCHEME: [colors[state] for state in KPI_STATES],
        SERIES_SCHEME: [SERIES_COLORS[palette][name] for name in SERIES_NAMES],
    }


def status_css() -> str:
    """CSS custom properties and badge colours for every status, in both palettes."""
    lines = ["/* Generated by Planspor from generator/charts/theme.py; do not edit. */"]
    for palette, selector in (("light", ":root"), ("dark", '[data-md-color-scheme="slate"]')):
        lines.append(selector + " {")
        lines += [f"  --ps-{state.replace('_', '-')}: {color};" for state, color in STATUS_COLORS[palette].items()]
        lines += [f"  --ps-series-{name.replace('_', '-')}: {color};" for name, color in SERIES_COLORS[palette].items()]
        lines.append("}")
    # Paper is white: a page printed from the dark palette prints with the light palette's colours.
    lines.append('@media print { [data-md-color-scheme="slate"] {')
    lines += [f"  --ps-{state.replace('_', '-')}: {color};" for state, color in STATUS_COLORS["light"].items()]
    lines += [f"  --ps-series-{name.replace('_', '-')}: {color};" for name, color in SERIES_COLORS["light"].items()]
    lines.append("} }")
    lines += [f".ps-status--{state} {{ color: var(--ps-{state.replace('_', '-')}); }}" for state in STATUS_COLORS["light"]]
    return "\n".join(lines) + "\n"


def runtime_theme() -> dict:
    """What the chart runtime needs to colour charts in either palette."""
    return {
        palette: {"config": CHART_CONFIG[palette], "schemes": schemes(palette), "series": SERIES_COLORS[palette]}
        for palette in PALETTES
    }


def scheme_ref(name: str) -> dict:
    """A colour scale's ``scheme`` for one of Planspor's schemes.

    The Vega-Lite schema accepts only Vega's built-in scheme names, so the name is
    given as an expression; Vega resolves it at render time against the schemes
    the chart runtime registered for the current palette.
    """
    return {"expr": f"'{name}'"}


def with_concrete_schemes(spec: object, palette: str = "light") -> object:
    """A copy of a spec with Planspor's schemes replaced by their colours, for rendering
    outside the browser (tests, PDFs) where the runtime has not registered them."""
    known = schemes(palette)
    if isinstance(spec, dict):
        scheme = spec.get("scheme")
        if isinstance(scheme, dict) and scheme.get("expr", "").strip("'") in known:
            copy = {key: value for key, value in spec.items() if key != "scheme"}
            copy["range"] = known[scheme["expr"].strip("'")]
            return {key: with_concrete_schemes(value, palette) for key, value in copy.items()}
        return {key: with_concrete_schemes(value, palette) for key, value in spec.items()}
    if isinstance(spec, list):
        return [with_concrete_schemes(item, palette) for item in spec]
    return spec
