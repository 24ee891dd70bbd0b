"""Pages: the model and its status turned into Markdown pages and a navigation.

:func:`site_pages` is pure: the same project, date and language always give the
same pages. The plugin hands them to MkDocs; ``planspor export-markdown`` writes
them to disk for builders that run no plugins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..formatting import format_day
from ..i18n import t
from ..history import History
from ..load import Project
from ..opendata import open_data_files
from . import urls
from .changes import changes_page
from .home import home_page
from .indexes import kpis_index, organisation_index, parties_index, plans_index
from .kpi import kpi_page
from .party import party_page
from .plan import plan_page
from .render import Page
from .view import site_view

NAV_KPI_PAGES_LIMIT = 60
"""Up to this many KPIs, each KPI page is listed in the navigation; beyond it only the
organisation pages are. Every page carries the whole navigation, so listing
thousands of pages makes every page (and the build) large."""


@dataclass(frozen=True)
class SitePages:
    pages: list[Page]
    nav: list[Any]
    """MkDocs ``nav`` entries for the generated pages, grouped by section."""
    files: dict[str, str]
    """Other generated files by path in the site: the open-data downloads."""


def site_pages(project: Project, as_of: date, language: str = "da", directory_urls: bool = False,
               history: History | None = None) -> SitePages:
    """The generated pages; with a ``history``, KPI pages show their target history and the page
    'Ændringer' lists recent changes (without one, both are left out)."""
    view = site_view(project, as_of, language, directory_urls)
    plans = [plan_page(view, plan) for plan in project.plans]
    organisations = view.organisations()
    org_pages = {folder: organisation_index(view, folder) for folder in organisations}
    kpi_pages = {kpi.id: kpi_page(view, kpi, history) for kpi in project.kpis}
    parties = [party_page(view, party) for party in view.parties.values()]
    home = home_page(view)
    indexes = [plans_index(view), kpis_index(view), parties_index(view)]

    list_kpis = len(project.kpis) <= NAV_KPI_PAGES_LIMIT
    kpi_nav: list[Any] = [urls.KPIS_INDEX]
    for folder, kpis in organisations.items():
        entries: list[Any] = [org_pages[folder].path]
        if list_kpis:
            entries += [{kpi_pages[kpi.id].title: kpi_pages[kpi.id].path} for kpi in kpis]
        kpi_nav.append({org_pages[folder].title: entries})
    nav = [
        {t("nav.home", language): urls.HOME},
        {t("nav.plans", language): [urls.PLANS_INDEX] + [{page.title: page.path} for page in plans]},
        {t("nav.kpis", language): kpi_nav},
        {t("nav.parties", language): [urls.PARTIES_INDEX] + [{page.title: page.path} for page in parties]},
    ]
    pages = [home, *indexes, *plans, *org_pages.values(), *kpi_pages.values(), *parties]
    if history is not None:
        changes = changes_page(view, history)
        nav.append({changes.title: changes.path})
        pages.append(changes)
    files = open_data_files(list(project.kpis), view.kpi_statuses, project.kpi_folders, as_of)
    return SitePages(pages, nav, files)


def status_line(as_of: date, language: str) -> str:
    """The line every page starts with, so a printed page says when its status was computed."""
    text = t("site.status_as_of", language, date=format_day(as_of, language))
    return f'<p class="ps-as-of">{text}</p>\n\n'


def with_status_line(markdown: str, as_of: date, language: str) -> str:
    """Put the status line under the page's first heading (or first, if it has none)."""
    line = status_line(as_of, language)
    if markdown.startswith("# "):
        heading, _, rest = markdown.partition("\n")
        return f"{heading}\n\n{line}{rest.lstrip()}"
    return line + markdown
