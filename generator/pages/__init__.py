"""Pages: the model and its status turned into Markdown pages and a navigation.

:func:`site_pages` is pure: the same project, date and language always give the
same pages. The plugin hands them to MkDocs; ``planspor export-markdown`` writes
them to disk for builders that run no plugins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Sequence

from markupsafe import escape

from ..formatting import format_day
from ..i18n import t
from ..history import History
from ..load import Project
from ..kpi_rows import kpi_rows
from ..model import Kpi
from ..opendata import KpiFiles, all_kpis_files, kpi_files
from ..parallel import in_two
from ..progress import Progress
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

NAV_SECTION_LIMIT = 8
"""Up to this many plans, parties or organisations, each has its own entry in the navigation;
beyond it the section lists only its index page, which links to all of them. Every entry adds
some 600 bytes to every page: with all 98 municipalities listed, a KPI page would be 150 KB, and
with 10 (each section listed in full) 60 KB."""


PARALLEL_MIN_KPIS = 150
"""From this many KPIs, a second CPU (when there is one) makes part of the pages; below it, forking a
helper process would cost more than it saves."""
CHILD_SHARE = 0.55
"""The helper's share of the organisations' pages (by KPI count); this process makes the rest and
then the plans, parties and front page, which take about a fifth of the time."""


@dataclass(frozen=True)
class SitePages:
    pages: list[Page]
    nav: list[Any]
    """MkDocs ``nav`` entries for the generated pages, grouped by section."""
    files: dict[str, str]
    """Other generated files by path in the site: the open-data downloads."""


class KpiPageCache:
    """KPI pages and data files kept from one build to the next (``mkdocs serve`` rebuilds the whole
    site after every edit): a KPI whose record and everything its page shows are unchanged is not
    made again. The loader hands back the very same record object for a file whose bytes did not
    change, so the record is compared by identity; the rest of the key by value."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[Kpi, tuple, Page, KpiFiles]] = {}

    def get(self, kpi: Kpi, key: tuple) -> tuple[Page, KpiFiles] | None:
        entry = self.entries.get(kpi.id)
        if entry is not None and entry[0] is kpi and entry[1] == key:
            return entry[2], entry[3]
        return None

    def put(self, kpi: Kpi, key: tuple, page: Page, files: KpiFiles) -> None:
        self.entries[kpi.id] = (kpi, key, page, files)

    def keep_only(self, kpi_ids: set[str]) -> None:
        for kpi_id in set(self.entries) - kpi_ids:
            del self.entries[kpi_id]


def site_pages(project: Project, as_of: date, language: str = "da", directory_urls: bool = False,
               history: History | None = None, progress: Progress | None = None,
               cache: KpiPageCache | None = None) -> SitePages:
    """The generated pages; with a ``history``, KPI pages show the changes to their targets and the
    corrections of their figures, and the page 'Ændringer' lists recent changes (without one, both
    are left out). ``progress`` counts the pages;
    ``cache`` keeps KPI pages from a previous call (the plugin's, under ``mkdocs serve``)."""
    progress = progress or Progress.quiet()
    view = site_view(project, as_of, language, directory_urls)
    organisations = view.organisations()
    total = len(project.plans) + len(organisations) + len(project.kpis) + len(view.parties) + 4
    progress.stage("pages", total)

    def counted(page: Page) -> Page:
        progress.advance()
        return page

    def kpi_key(kpi: Kpi, folder: str) -> tuple:
        """Everything besides the record itself that a KPI's page and data files show."""
        plans = tuple((plan.id, plan.title) for plan in view.kpi_plans.get(kpi.id, []))
        changes = (history.reason, history.detail, history.kpi_history(kpi.id)) if history is not None else None
        return as_of, language, directory_urls, folder, plans, changes

    def organisation_work(folders: Sequence[str]) -> list[tuple]:
        """An organisation's page, its KPIs' pages and their download files: most of a national site."""
        done = []
        for folder in folders:
            kpis = []
            for kpi in organisations[folder]:
                key = kpi_key(kpi, folder)
                made = cache.get(kpi, key) if cache is not None else None
                if made is None:
                    rows = kpi_rows(kpi)
                    made = kpi_page(view, kpi, history, rows), kpi_files(kpi, view.kpi_statuses[kpi.id], as_of, folder, rows)
                    if cache is not None:
                        cache.put(kpi, key, *made)
                kpis.append((kpi.id, counted(made[0]), made[1]))
            done.append((folder, counted(organisation_index(view, folder)), kpis))
        return done

    # A helper process makes part of the organisations' pages (generator/parallel.py) while this one
    # makes the rest and the plans, parties and front page; with one CPU, all are made here.
    folders = list(organisations)

    def other_pages() -> tuple:
        plans = [counted(plan_page(view, plan)) for plan in project.plans]
        parties = [counted(party_page(view, party)) for party in view.parties.values()]
        home = counted(home_page(view))
        indexes = [counted(plans_index(view)), counted(kpis_index(view)), counted(parties_index(view))]
        return plans, parties, home, indexes

    made, (plans, parties, home, indexes) = in_two(
        organisation_work, folders, [len(organisations[folder]) for folder in folders],
        minimum=PARALLEL_MIN_KPIS, child_share=CHILD_SHARE, meanwhile=other_pages)
    progress.advance(total - progress.count)  # the pages the helper process made
    org_pages = {folder: page for folder, page, _ in made}
    by_kpi = {kpi_id: (page, files) for _, _, kpis in made for kpi_id, page, files in kpis}
    kpi_pages = {kpi.id: by_kpi[kpi.id][0] for kpi in project.kpis}
    parts = [by_kpi[kpi.id][1] for kpi in project.kpis]
    files = {path: text for part in parts for path, text in part.files.items()}
    files.update(all_kpis_files(parts, as_of))

    list_kpis = len(project.kpis) <= NAV_KPI_PAGES_LIMIT
    list_organisations = len(organisations) <= NAV_SECTION_LIMIT
    kpi_nav: list[Any] = [urls.KPIS_INDEX]
    if list_organisations:
        for folder, kpis in organisations.items():
            entries: list[Any] = [org_pages[folder].path]
            if list_kpis:
                entries += [{kpi_pages[kpi.id].title: kpi_pages[kpi.id].path} for kpi in kpis]
            kpi_nav.append({org_pages[folder].title: entries})
    if not list_kpis or not list_organisations:
        kpi_pages = {kpi_id: replace(page, listed=False) for kpi_id, page in kpi_pages.items()}
    if not list_organisations:
        org_pages = {folder: replace(page, listed=False) for folder, page in org_pages.items()}
    plans = _listed(plans)
    parties = _listed(parties)
    nav = [
        {t("nav.home", language): urls.HOME},
        {t("nav.plans", language): [urls.PLANS_INDEX] + [{page.title: page.path} for page in plans if page.listed]},
        {t("nav.kpis", language): kpi_nav},
        {t("nav.parties", language): [urls.PARTIES_INDEX] + [{page.title: page.path} for page in parties if page.listed]},
    ]
    pages = [home, *indexes, *plans, *org_pages.values(), *kpi_pages.values(), *parties]
    if history is not None:
        changes = changes_page(view, history)
        nav.append({changes.title: changes.path})
        pages.append(changes)
    if cache is not None:
        cache.keep_only({kpi.id for kpi in project.kpis})
    progress.done()
    return SitePages(pages, nav, files)


def _listed(pages: list[Page]) -> list[Page]:
    """The pages of a section, left out of the navigation when there are more than :data:`NAV_SECTION_LIMIT`."""
    return pages if len(pages) <= NAV_SECTION_LIMIT else [replace(page, listed=False) for page in pages]


def status_line(as_of: date, language: str, fictitious: bool = False) -> str:
    """The line every page starts with, so a printed page says when its status was computed; on a site
    of invented data (``fictitious``) a warning above it says so, on every page."""
    text = t("site.status_as_of", language, date=format_day(as_of, language))
    line = f'<p class="ps-as-of">{text}</p>\n\n'
    if fictitious:
        warning = escape(t("site.fictitious", language))
        line = (f'<div class="admonition warning ps-fictitious" role="note"><p class="admonition-title">{warning}</p>'
                f'</div>\n\n{line}')
    return line


def with_status_line(markdown: str, as_of: date, language: str, fictitious: bool = False) -> str:
    """Put the status line under the page's first heading (or first, if it has none)."""
    line = status_line(as_of, language, fictitious)
    if markdown.startswith("# "):
        heading, _, rest = markdown.partition("\n")
        return f"{heading}\n\n{line}{rest.lstrip()}"
    return line + markdown
