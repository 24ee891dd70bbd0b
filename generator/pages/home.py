"""The front page: every plan with its activities by status, and every KPI against its target."""

from __future__ import annotations

from ..i18n import t, t_count
from ..status import count_states, plan_span
from .cards import cards_on_home, kpi_card, organisation_summaries, status_counts
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
    counts = status_counts(list(view.kpi_statuses.values()))
    counts_sentence = ", ".join(f"{count} {t(f'kpi_state.{state}', view.language).lower()}" for state, count in counts.items())
    # A national site has thousands of KPIs: the front page then sums them up per organisation,
    # and each organisation's page shows its cards.
    with_cards = cards_on_home(view)
    cards_by_organisation = {
        folder: [kpi_card(view, kpi, "home") for kpi in kpis] for folder, kpis in view.organisations().items()
    } if with_cards else {}
    summary_columns, summaries = ([], []) if with_cards else organisation_summaries(view)
    items = [(plan, activity) for plan in view.project.plans for activity in plan.activities]
    scheduled_plans = [plan for plan in view.project.plans if plan_span(plan)]
    timeline = timeline_figure(
        view, overview_rows(list(view.project.plans), view.activity_states, view.language), items, "timeline-overview",
        description=t_count("timeline.overview_description", len(scheduled_plans), view.language),
        table_id="plans-table", table_text="chart.see_plans",
    )
    markdown = render(
        "home.md.j2",
        urls.HOME, view,
        urls=urls,
        plans=plans,
        counts_sentence=counts_sentence,
        cards_by_organisation=cards_by_organisation,
        summary_columns=summary_columns,
        summaries=summaries,
        plans_with_kpis=[plan for plan in view.project.plans if plan.kpis] if with_cards else [],
        timeline=timeline,
        agenda=agenda(view, items),
    )
    return Page(urls.HOME, t("home.title", view.language), markdown)
