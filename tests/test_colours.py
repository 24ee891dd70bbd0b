"""The colour table (generator/charts/theme.py) against WCAG contrast and colour-vision deficiency.

- Contrast (WCAG 2.1 relative luminance): every status colour is used as text (the badges), so it
  needs 4.5:1 against the palette's background; series colours are graphical marks in charts
  (1.4.11 non-text contrast) and need 3:1; the charts' axis and legend text colours need 4.5:1.
- Colour-vision deficiency: each status group is simulated for deuteranopia, protanopia and
  tritanopia with the Machado, Oliveira & Fernandes (2009) matrices at severity 1.0 (applied to
  linear sRGB), and every pair of groups that share a chart must stay at least
  :data:`MIN_DELTA_E` apart in CIEDE2000.

Why ΔE2000 ≥ 10: about 2.3 is a just-noticeable difference for two large patches side by side;
chart marks are small (12 px bars, legend swatches) and not adjacent, and a reader must tell the
categories apart at a glance, not on close inspection. Palette tools for categorical charts use
roughly 10 as the floor for "clearly different" at that size, so 10 is required here for normal
vision and for each simulated deficiency.

Backgrounds: Material's ``default`` scheme is #ffffff; its ``slate`` scheme sets
``--md-default-bg-color: hsla(var(--md-hue), 15%, 14%, 1)`` with ``--md-hue: 225deg``, which is
#1e2129 (tests/browser/test_accessibility.py checks that against the built site).
"""

from __future__ import annotations

import colorsys
import itertools
import math

import pytest

from generator.charts.theme import CHART_CONFIG, PALETTES, SERIES_COLORS, STATUS_COLORS

MIN_TEXT_CONTRAST = 4.5
MIN_MARK_CONTRAST = 3.0
MIN_DELTA_E = 10.0


def slate_background() -> str:
    red, green, blue = colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


BACKGROUNDS = {"light": "#ffffff", "dark": slate_background()}

STATUS_GROUPS = {
    # One representative state per group; the states of a group share one colour (checked below).
    "good": ("done", "achieved", "on_track"),
    "active": ("in_progress",),
    "neutral": ("planned", "cancelled", "no_data", "no_target"),
    "warning": ("due_soon", "at_risk"),
    "postponed": ("postponed",),
    "bad": ("overdue", "off_track", "missed"),
}
"""The groups a reader must tell apart by colour. Within a group (planned and cancelled, say) the
icon and the word make the difference; the charts' legends and the badges always show both."""

SERIES_COMPARED = ("actual", "target", "path", "comparison")
"""The KPI chart's series that share one chart (the as-of rule is near black/white, and the
timeline's thin phase bars sit on their own rows)."""

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", severity 1.0.
MACHADO = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


# --------------------------------------------------------------------------- colour science


def _rgb(color: str) -> tuple[float, float, float]:
    color = color.lstrip("#")
    return tuple(int(color[index:index + 2], 16) / 255 for index in (0, 2, 4))


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    channel = min(1.0, max(0.0, channel))
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def relative_luminance(color: str) -> float:
    red, green, blue = (_linear(channel) for channel in _rgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def simulate(color: str, deficiency: str) -> str:
    linear = [_linear(channel) for channel in _rgb(color)]
    matrix = MACHADO[deficiency]
    out = [sum(row[index] * linear[index] for index in range(3)) for row in matrix]
    return "#" + "".join(f"{round(_gamma(channel) * 255):02x}" for channel in out)


def lab(color: str) -> tuple[float, float, float]:
    red, green, blue = (_linear(channel) for channel in _rgb(color))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(value: float) -> float:
        return value ** (1 / 3) if value > 216 / 24389 else (24389 / 27 * value + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e_2000(first: str, second: str) -> float:
    """CIEDE2000 (Sharma, Wu & Dalal 2005), kL = kC = kH = 1."""
    l1, a1, b1 = lab(first)
    l2, a2, b2 = lab(second)
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h))


# --------------------------------------------------------------------------- the science itself


def test_the_colour_science_matches_published_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey
    # Sharma, Wu & Dalal (2005), table 1, pair 1 (given in Lab there; here through sRGB, so loosely).
    assert delta_e_2000("#ffffff", "#ffffff") == 0
    assert delta_e_2000("#ff0000", "#00ff00") > 50
    # Red and green fall together for a deuteranope, blue and yellow stay apart.
    assert delta_e_2000(simulate("#d62728", "deuteranopia"), simulate("#2ca02c", "deuteranopia")) < \
        delta_e_2000("#d62728", "#2ca02c") / 3
    assert delta_e_2000(simulate("#1f77b4", "deuteranopia"), simulate("#ffbf00", "deuteranopia")) > 40
    assert slate_background() == "#1e2129"


# --------------------------------------------------------------------------- contrast


@pytest.mark.parametrize("palette", PALETTES)
def test_status_colours_read_as_text_on_both_backgrounds(palette):
    background = BACKGROUNDS[palette]
    weak = {state: round(contrast_ratio(color, background), 2) for state, color in STATUS_COLORS[palette].items()
            if contrast_ratio(color, background) < MIN_TEXT_CONTRAST}
    assert not weak, f"status colours under {MIN_TEXT_CONTRAST}:1 on {background} ({palette}): {weak}"


@pytest.mark.parametrize("palette", PALETTES)
def test_series_colours_stand_out_as_marks(palette):
    background = BACKGROUNDS[palette]
    weak = {name: round(contrast_ratio(color, background), 2) for name, color in SERIES_COLORS[palette].items()
            if contrast_ratio(color, background) < MIN_MARK_CONTRAST}
    assert not weak, f"series colours under {MIN_MARK_CONTRAST}:1 on {background} ({palette}): {weak}"


@pytest.mark.parametrize("palette", PALETTES)
def test_chart_text_colours_read_on_both_backgrounds(palette):
    background = BACKGROUNDS[palette]
    config = CHART_CONFIG[palette]
    texts = {
        "axis.labelColor": config["axis"]["labelColor"], "axis.titleColor": config["axis"]["titleColor"],
        "legend.labelColor": config["legend"]["labelColor"], "title.color": config["title"]["color"],
        "text.color": config["text"]["color"],
    }
    weak = {name: round(contrast_ratio(color, background), 2) for name, color in texts.items()
            if contrast_ratio(color, background) < MIN_TEXT_CONTRAST}
    assert not weak, f"chart text colours under {MIN_TEXT_CONTRAST}:1 ({palette}): {weak}"
    # The axis line and ticks are graphical objects that locate the data: 3:1.
    assert contrast_ratio(config["axis"]["domainColor"], background) >= MIN_MARK_CONTRAST


# --------------------------------------------------------------------------- colour-vision deficiency


@pytest.mark.parametrize("palette", PALETTES)
def test_each_status_group_has_one_colour(palette):
    colors = STATUS_COLORS[palette]
    assert set(colors) == {state for states in STATUS_GROUPS.values() for state in states}
    for group, states in STATUS_GROUPS.items():
        assert len({colors[state] for state in states}) == 1, f"{palette}: the {group} group has several colours"


def _closest_pairs(colors: dict[str, str], vision: str) -> list[tuple[float, str, str]]:
    seen = {name: color if vision == "normal" else simulate(color, vision) for name, color in colors.items()}
    return sorted((delta_e_2000(seen[a], seen[b]), a, b) for a, b in itertools.combinations(seen, 2))


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia", "tritanopia"])
@pytest.mark.parametrize("palette", PALETTES)
def test_status_groups_stay_apart_with_colour_vision_deficiency(palette, vision):
    colors = {group: STATUS_COLORS[palette][states[0]] for group, states in STATUS_GROUPS.items()}
    pairs = _closest_pairs(colors, vision)
    close = [f"{a}/{b}: ΔE2000 {distance:.1f}" for distance, a, b in pairs if distance < MIN_DELTA_E]
    assert not close, f"{palette} palette, {vision}: status groups closer than ΔE2000 {MIN_DELTA_E}: {close}"


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia", "tritanopia"])
@pytest.mark.parametrize("palette", PALETTES)
def test_kpi_chart_series_stay_apart_with_colour_vision_deficiency(palette, vision):
    colors = {name: SERIES_COLORS[palette][name] for name in SERIES_COMPARED}
    close = [f"{a}/{b}: ΔE2000 {distance:.1f}" for distance, a, b in _closest_pairs(colors, vision)
             if distance < MIN_DELTA_E]
    assert not close, f"{palette} palette, {vision}: chart series closer than ΔE2000 {MIN_DELTA_E}: {close}"
