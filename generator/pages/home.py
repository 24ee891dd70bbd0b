"""The front page: every plan with its activities by status, and every KPI against its target."""

from __future__ import annotations

from ..i18n import t
from ..status import KPI_STATES, count_states, plan_span
from ..charts.timeline import overview_rows
from . import urls
from .timelines import agenda, timeline_figure
from .render import Page, render
from .view import SiteView


def home_page(view: SiteView) -> Page:
    plans = []
    for plan in view.project.plans:
        states = [view.state(plan, activity.id) for activity in plan.activities]
        plans.append((plan, plan_span(plan), count_states(states)))
    states = [status.state for status in view.kpi_statuses.values()]
    kpi_counts = {state: states.count(state) for state in KPI_STATES if state in states}
    items = [(plan, activity) for plan in view.project.plans for activity in plan.activities]
    scheduled_plans = [plan for plan in view.project.plans if plan_span(plan)]
    timeline = timeline_figure(
        view, overview_rows(list(view.project.plans), view.activity_states, view.language), items, "timeline-overview",
        description=t("timeline.overview_description", view.language, count=len(scheduled_plans)),
    )
    markdown = render(
        "home.md.j2",
        urls.HOME,
        view.language,
        view.as_of,
        view=view,
        urls=urls,
        plans=plans,
        kpi_counts=kpi_counts,
        organisations=view.organisations(),
        timeline=timeline,
        agenda=agenda(view, items),
    )
    return Page(urls.HOME, t("home.title", view.language), markdown)
