"""Where each generated page lives in the docs tree: the one place URLs are decided.

Paths are language-independent, so a link stays valid when the interface
language changes.
"""

HOME = "index.md"
PLANS_INDEX = "plans/index.md"
KPIS_INDEX = "kpis/index.md"
PARTIES_INDEX = "parties/index.md"
ACCESSIBILITY = "accessibility.md"
"""The accessibility statement (generated from the plugin's ``accessibility`` settings)."""


def plan_page(plan_id: str) -> str:
    return f"plans/{plan_id}.md"


def activity_anchor(activity_id: str) -> str:
    return f"activity-{activity_id}"


def activity_link(plan_id: str, activity_id: str) -> str:
    return f"{plan_page(plan_id)}#{activity_anchor(activity_id)}"


def kpi_page(folder: str, kpi_id: str) -> str:
    return f"kpis/{folder}/{kpi_id}.md"


def organisation_page(folder: str) -> str:
    return f"kpis/{folder}/index.md"


def party_page(party_id: str) -> str:
    return f"parties/{party_id}.md"


CHANGES = "changes.md"
"""The site-wide list of recent changes to plans and targets, from the git history."""
