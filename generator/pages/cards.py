"""KPI cards for the dashboard and the plan pages: the figure, the target, the status in
icon and word, and a sparkline of the development."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..charts.embed import chart_block
from ..charts.kpi import kpi_chart_description, kpi_sparkline_spec
from ..model import Kpi
from ..status import KPI_STATES, KpiStatus
from .view import SiteView


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
                                description=kpi_chart_description(kpi, status, view.language), caption=False)
    return KpiCard(kpi, status, view.kpi_url(kpi), sparkline)


def status_counts(statuses: list[KpiStatus]) -> dict[str, int]:
    """How many KPIs have each status, in the order the rule lists them, leaving out zeros."""
    states = [status.state for status in statuses]
    return {state: states.count(state) for state in KPI_STATES if state in states}
