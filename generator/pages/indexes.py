"""Section index pages: all plans, all KPIs by organisation, each organisation's KPIs, all parties."""

from __future__ import annotations

from ..i18n import t
from . import urls
from .cards import cards_on_home, kpi_card, organisation_summaries
from .render import Page, render
from .view import SiteView


def plans_index(view: SiteView) -> Page:
    markdown = render("plans_index.md.j2", urls.PLANS_INDEX, view, urls=urls)
    return Page(urls.PLANS_INDEX, t("index.plans_title", view.language), markdown)


def kpis_index(view: SiteView) -> Page:
    # Beyond the card limit the index sums up each organisation instead of listing every KPI.
    summary_columns, summaries = ([], []) if cards_on_home(view) else organisation_summaries(view)
    markdown = render(
        "kpis_index.md.j2", urls.KPIS_INDEX, view, urls=urls,
        organisations=view.organisations(), summary_columns=summary_columns, summaries=summaries,
    )
    return Page(urls.KPIS_INDEX, t("index.kpis_title", view.language), markdown)


def organisation_index(view: SiteView, folder: str) -> Page:
    path = urls.organisation_page(folder)
    kpis = view.organisations()[folder]
    cards = [] if cards_on_home(view) else [kpi_card(view, kpi, "organisation") for kpi in kpis]
    markdown = render(
        "organisation.md.j2", path, view, urls=urls, kpis=kpis, cards=cards,
    )
    return Page(path, kpis[0].organisation, markdown)


def parties_index(view: SiteView) -> Page:
    markdown = render("parties_index.md.j2", urls.PARTIES_INDEX, view, urls=urls)
    return Page(urls.PARTIES_INDEX, t("index.parties_title", view.language), markdown)
