"""KPI cards for the dashboard and the plan pages: the figure, the target, the status in
icon and word, and a sparkline of the development."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..charts.embed import chart_block
from ..charts.kpi import kpi_sparkline_spec
from ..model import Kpi
from ..status import KPI_STATES, KpiStatus
from .view import SiteView


CARDS_ON_HOME_LIMIT = 60
"""Up to this many KPIs the front page shows a card for each; beyond it a summary per organisation
(how many KPIs have each status), and each organisation's page shows its KPIs' cards."""


@dataclass(frozen=True)
class KpiCard:
    kpi: Kpi
    status: KpiStatus
    url: str
    sparkline: Markup | None


def kpi_card(view: SiteView, kpi: Kpi, context: str) -> KpiCard:
    """A card; ``context`` keeps chart ids unique when a page shows the same KPI twice."""
    status = view.kpi_statuses[kpi.id]
    spec = kpi_sparkline_spec(kpi, view.as_of, view.language)
    sparkline = None
    if spec is not None:
        sparkline = chart_block(spec, chart_id=f"spark-{context}-{kpi.id}", kind="sparkline",
                                description=view.chart_description(kpi), caption=False)
    return KpiCard(kpi, status, view.kpi_url(kpi), sparkline)


def status_counts(statuses: list[KpiStatus]) -> dict[str, int]:
    """How many KPIs have each status, in the order the rule lists them, leaving out zeros."""
    states = [status.state for status in statuses]
    return {state: states.count(state) for state in KPI_STATES if state in states}


def cards_on_home(view: SiteView) -> bool:
    """Whether the front page shows every KPI's card (else the organisation pages do)."""
    return len(view.project.kpis) <= CARDS_ON_HOME_LIMIT


@dataclass(frozen=True)
class OrganisationSummary:
    folder: str
    name: str
    counts: dict[str, int]
    """KPIs per status, every state in :data:`KPI_STATES` order (zeros included, for a table)."""
    total: int


def organisation_summaries(view: SiteView) -> tuple[list[str], list[OrganisationSummary]]:
    """Per organisation, how many KPIs have each status; and the states that occur at all (the columns)."""
    summaries = []
    for folder, kpis in view.organisations().items():
        states = [view.kpi_statuses[kpi.id].state for kpi in kpis]
        summaries.append(OrganisationSummary(folder, kpis[0].organisation,
                                             {state: states.count(state) for state in KPI_STATES}, len(kpis)))
    columns = [state for state in KPI_STATES if any(summary.counts[state] for summary in summaries)]
    return columns, summaries
