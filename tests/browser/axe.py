"""axe-core in the browser tests: the engine from the axe-playwright-python package, run on a page,
and a session-wide collection of what it found, printed once in the terminal summary.

axe-core is not committed: it is the ``axe.min.js`` that axe-playwright-python (a ``test`` extra)
ships. It is evaluated in the page through Playwright, which a Content-Security-Policy does not
restrict (an inline <script> would be blocked by one).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.accessibility import AUDIT


@cache
def axe_source() -> str:
    """The axe.min.js shipped by axe-playwright-python (ImportError when the package is missing)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    match = re.search(r"axe v(\d+\.\d+\.\d+)", axe_source()[:200])
    return match.group(1) if match else "unknown"


# Third-party markup Planspor cannot change is excluded here, each selector narrowly and with the
# reason. (None is needed at present: Planspor's templates, CSS and chart runtime fix what axe
# found in Material's markup, see generator/assets/charts.js fixThemeMarkup.)
EXCLUDED_SELECTORS: tuple[tuple[str, str], ...] = ()


def run_axe(page) -> dict:
    """Run axe-core with the audit's rule tags on the page as it is now; return its raw results."""
    page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": list(AUDIT.tags)}, "resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector, _reason in EXCLUDED_SELECTORS]} if EXCLUDED_SELECTORS else None
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options)", [context, options]
    )


@dataclass(frozen=True)
class Finding:
    where: str  # "plan, dark, phone"
    impact: str
    rule: str
    count: int
    target: str
    help: str

    def line(self) -> str:
        return f"{self.impact:<8} {self.rule:<28} x{self.count:<3} {self.where:<36} first: {self.target}"


FINDINGS: list[Finding] = []
"""Every finding of the session, failing or not: the terminal summary prints them once."""
AUDITED: list[str] = []
"""Every page/palette/width the audit ran on."""


def findings_of(results: dict, where: str) -> list[Finding]:
    found = []
    for violation in results.get("violations", []):
        nodes = violation.get("nodes") or [{}]
        target = nodes[0].get("target") or ["?"]
        found.append(Finding(where, violation.get("impact") or "?", violation["id"], len(violation.get("nodes", [])),
                             " ".join(map(str, target)), violation.get("help", "")))
    FINDINGS.extend(found)
    return found


def report(terminalreporter) -> None:
    """The terminal summary section: every finding of the audit, grouped by rule."""
    if not AUDITED:
        return
    reporter = terminalreporter
    reporter.section(f"axe-core {axe_version()}: accessibility findings")
    reporter.write_line(f"{len(AUDITED)} audits (page kind x palette x width), rule tags {', '.join(AUDIT.tags)}; "
                        f"{'/'.join(AUDIT.failing_impacts)} findings fail the test, the others are listed here")
    if not FINDINGS:
        reporter.write_line("no findings on any page, palette or width")
        return
    by_rule: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in FINDINGS:
        by_rule[(finding.impact, finding.rule)].append(finding)
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    for (impact, rule), items in sorted(by_rule.items(), key=lambda item: (order.get(item[0][0], 9), item[0][1])):
        reporter.write_line(f"{impact} {rule}: {items[0].help} ({len(items)} page/palette/width combinations, "
                            f"{sum(item.count for item in items)} elements)",
                            red=impact in AUDIT.failing_impacts, yellow=impact not in AUDIT.failing_impacts)
        for item in items:
            reporter.write_line("    " + item.line())
