"""Accessibility: what the automated audit covers, and the settings of the accessibility statement.

The audit (tests/browser/test_accessibility.py) and the statement page
(generator/pages/accessibility.py) both read :data:`AUDIT`, so the statement can never claim
more, or less, than the test checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Audit:
    axe_core: str
    """The axe-core major.minor the audit runs (from the axe-playwright-python test extra); the
    audit fails when the installed axe-core has another major version, so the statement is updated."""
    tags: tuple[str, ...]
    """axe-core rule tags run: WCAG 2.0/2.1 A and AA, and axe's best practices."""
    failing_impacts: tuple[str, ...]
    """Findings of these impacts fail the audit; the others are listed in the test output."""
    page_kinds: tuple[str, ...]
    """Every kind of page, each audited on one sample page (labels: accessibility.page_kind.*)."""
    palettes: tuple[str, ...]
    """Material's light (default) and dark (slate) palettes."""
    widths: dict[str, int] = field(default_factory=dict)
    """Viewport widths in CSS pixels."""


AUDIT = Audit(
    axe_core="4.12",
    tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"),
    failing_impacts=("serious", "critical"),
    page_kinds=("home", "plan", "kpi", "party", "status", "plans_index", "kpis_index", "parties_index",
                "organisation", "data", "accessibility", "changes"),
    palettes=("light", "dark"),
    widths={"phone": 390, "laptop": 1280},
)

COMPLIANCE = ("full", "partial", "none")


@dataclass(frozen=True)
class StatementSettings:
    """The organisation's part of the statement, from ``plugins: - planspor: accessibility:`` in mkdocs.yml."""

    organisation: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    published: date | None = None
    reviewed: date | None = None
    compliance: str = "partial"
    limitations: tuple[str, ...] = ()
    """Known limitations of this site's content, added after Planspor's own."""

    @property
    def complete(self) -> bool:
        return bool(self.organisation and self.contact_email)


def parse_day(value: object, name: str) -> date | None:
    """A date from mkdocs.yml: YAML gives a date for 2024-05-01 and a string for '2024-05-01'."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"accessibility.{name}: {value!r} is not a date (YYYY-MM-DD)") from None
