"""The week timelines' layout in a real browser: nothing cut off or drawn over anything else.

On a phone the legend must wrap inside the chart, the week axis must keep several readable
labels, and the status date's label ("Status pr. ...") must never cover a bar, a point or a
label; with a status date years after the plans it stands at the axis's edge instead.
"""

from __future__ import annotations

import pytest

from generator.charts.timeline import AS_OF_MARK

from ..conftest import run_planspor
from .conftest import PHONE, PageOpener, serve_site
from .helpers import save_screenshot, wait_for_charts

PAGES = {"plan": "plans/ballerup-jaf-2018.html", "front": "index.html", "party": "parties/star.html"}
LATE_AS_OF = "2026-11-23"
"""Years after every plan in the sample, as `make site` builds it today."""

_GEOMETRY_JS = """
id => {
  const el = document.getElementById(id);
  const svg = el.querySelector('svg.marks');
  const box = node => { const r = node.getBoundingClientRect();
                        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; };
  const shown = node => node.getAttribute('opacity') !== '0' && node.textContent.trim() !== '';
  const texts = selector => Array.from(svg.querySelectorAll(selector)).filter(shown)
    .map(t => ({text: Array.from(t.querySelectorAll('tspan'), s => s.textContent).join(' ') || t.textContent,
                ...box(t)}));
  // Everything the data draws: bars, points, diamonds and the status icons beside the bars.
  const data = Array.from(svg.querySelectorAll(
      'g.role-mark:not(.%(as_of)s_marks):not(.mark-rule) path, g.role-mark.mark-text:not(.%(as_of)s_marks) text'))
    .map(node => ({what: node.closest('g.role-mark').getAttribute('class'), ...box(node)}))
    .filter(item => item.width > 0);
  return {
    container: box(el), svg: box(svg),
    legend: texts('.role-legend-label text'),
    asOf: texts('g.%(as_of)s_marks text'),
    axisLabels: texts('.role-axis-label text'),
    data,
  };
}
""" % {"as_of": AS_OF_MARK}


def _intersect(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["left"] < b["right"] - slack and b["left"] < a["right"] - slack
            and a["top"] < b["bottom"] - slack and b["top"] < a["bottom"] - slack)


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack
            and inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack)


def _timeline_geometry(page, path: str) -> dict:
    page.goto(path)
    wait_for_charts(page)
    chart_id = page.eval_on_selector('.ps-chart[data-chart-kind="timeline"]', "el => el.id")
    return {"id": chart_id, **page.evaluate(_GEOMETRY_JS, chart_id)}


def check_layout(geometry: dict, where: str) -> None:
    svg, container = geometry["svg"], geometry["container"]
    assert geometry["legend"], f"{where}: no legend labels"
    for label in geometry["legend"]:
        assert _inside(label, svg) and _inside(label, container), (
            f"{where}: legend label {label['text']!r} is cut off: {label} outside svg {svg} / container {container}")
    for first in geometry["legend"]:
        for second in geometry["legend"]:
            assert first is second or not _intersect(first, second), (
                f"{where}: legend labels overlap: {first}, {second}")
    [as_of] = geometry["asOf"]
    assert _inside(as_of, svg), f"{where}: the status label {as_of} is cut off (svg {svg})"
    assert geometry["data"], f"{where}: no bars found"
    for item in geometry["data"]:
        assert not _intersect(as_of, item), f"{where}: the status label {as_of['text']!r} covers {item}"
    for label in geometry["axisLabels"]:
        assert not _intersect(as_of, label), f"{where}: the status label covers the axis label {label['text']!r}"


@pytest.mark.parametrize("kind", list(PAGES))
def test_legend_and_status_label_fit_and_cover_nothing(sized_page, kind):
    geometry = _timeline_geometry(sized_page, PAGES[kind])
    check_layout(geometry, f"{PAGES[kind]} at {sized_page.viewport_size['width']} px")
    save_screenshot(sized_page, f"timeline-layout-{kind}-{sized_page.viewport_size['width']}",
                    selector=f"#{geometry['id']}")


def test_week_axis_keeps_readable_labels_on_a_phone(phone_page):
    geometry = _timeline_geometry(phone_page, PAGES["plan"])
    svg = geometry["svg"]
    weeks = [label for label in geometry["axisLabels"] if label["text"].startswith("uge ")]
    # A 24-week plan at 390 px: every 4th or 8th week, not only the first and the last.
    assert len(weeks) >= 3, f"only {[w['text'] for w in weeks]} on the week axis at phone width"
    assert any(len(label["text"].split()) > 2 for label in weeks), "no month name under any week"
    for first, second in zip(weeks, weeks[1:]):
        assert not _intersect(first, second), f"week labels overlap: {first['text']!r}, {second['text']!r}"
    for label in weeks:
        assert _inside(label, svg), f"week label {label['text']!r} is cut off"


# --------------------------------------------------------------------------- a status date years later


@pytest.fixture(scope="module")
def late_server(tmp_path_factory):
    site = tmp_path_factory.mktemp("site-late")
    result = run_planspor("build", "--as-of", LATE_AS_OF, "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    yield from serve_site(site)


@pytest.fixture
def late_phone_page(browser, late_server, request):
    opener = PageOpener(browser, late_server, request.node.nodeid)
    yield opener(PHONE, label="phone 390x844", is_mobile=True, has_touch=True)
    opener.close_and_check(request.node.get_closest_marker("allow_browser_errors"))


@pytest.mark.parametrize("kind", list(PAGES))
def test_status_date_years_later_stands_at_the_edge(late_phone_page, kind):
    geometry = _timeline_geometry(late_phone_page, PAGES[kind])
    where = f"{PAGES[kind]} (as of {LATE_AS_OF}) at phone width"
    check_layout(geometry, where)
    [as_of] = geometry["asOf"]
    assert as_of["text"] == "Status pr. 23. november 2026 →"
    # The axis follows the plans: the plan page counts weeks, and no axis reaches 2026.
    labels = " ".join(label["text"] for label in geometry["axisLabels"])
    assert "2026" not in labels, f"{where}: the axis was stretched to the status date: {labels}"
    if kind == "plan":
        assert "uge " in labels, f"{where}: no week labels: {labels}"
    save_screenshot(late_phone_page, f"timeline-late-{kind}-phone", selector=f"#{geometry['id']}")
