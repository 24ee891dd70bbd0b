"""A plan's page: summary, sections, parties, phases with activity tables, milestones,
focus areas, target groups, budget with computed sums, KPIs, source and notes."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Budget, Plan
from ..status import count_states, plan_span
from . import urls
from ..charts.timeline import plan_rows
from .cards import kpi_card
from .render import Page, render
from .timelines import agenda, timeline_figure
from .view import SiteView


@dataclass(frozen=True)
class BudgetTable:
    years: list[int]
    rows: list[tuple]  # (line, amounts per year or None, computed total)
    year_totals: list[float]
    total: float


def budget_table(budget: Budget) -> BudgetTable:
    """Budget lines with every year as a column, and sums computed (never typed in)."""
    years = sorted({year for line in budget.lines for year in line.amounts})
    rows = [(line, [line.amounts.get(year) for year in years], sum(line.amounts.values())) for line in budget.lines]
    year_totals = [sum(line.amounts.get(year, 0) for line in budget.lines) for year in years]
    return BudgetTable(years, rows, year_totals, sum(year_totals))


ACTIVITIES_ID = "activities"
"""Id of the plan page's "phases and activities" section, whose tables hold everything the timeline shows."""


def plan_page(view: SiteView, plan: Plan) -> Page:
    path = urls.plan_page(plan.id)
    states = [view.state(plan, activity.id) for activity in plan.activities]
    states_by_id = {item.id: view.state(plan, item.id) for item in [*plan.activities, *plan.milestones]}
    items = [(plan, activity) for activity in plan.activities]
    focus = {
        area.id: [activity for activity in plan.activities if activity.focus_area == area.id] for area in plan.focus_areas
    }
    markdown = render(
        "plan.md.j2",
        path,
        view,
        plan=plan,
        urls=urls,
        span=plan_span(plan),
        counts=count_states(states),
        focus=focus,
        budget=budget_table(plan.budget) if plan.budget else None,
        cards=[kpi_card(view, view.project.kpi(kpi_id), plan.id) for kpi_id in plan.kpis],
        timeline=timeline_figure(view, plan_rows(plan, states_by_id, view.language), items, f"timeline-{plan.id}",
                                  table_id=ACTIVITIES_ID),
        agenda=agenda(view, items),
    )
    return Page(path, plan.title, markdown)
