"""The git history on the site: the page 'Ændringer' and the 'Historik' section of each KPI page.

Both list changes to targets and corrections of figures already published (what is
listed, and why new figures are not, is said in :mod:`generator.history`).

Both read the one :class:`~generator.history.History` the plugin loaded for the build;
nothing here runs git.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..changes import Change, describe
from ..formatting import format_day
from ..history import Entry, History
from ..i18n import t
from ..model import Kpi
from . import urls
from .render import Page, render
from .view import SiteView

CHANGES_LIMIT = 100
"""The page 'Ændringer' lists this many of the latest changes; each KPI page has its own full history."""


@dataclass(frozen=True)
class HistoryRow:
    day: str
    text: str
    link: str | None
    subject: str
    short: str
    span: int = 1
    """Rows of the same commit share its date and message: the first row spans them, the others have 0."""


def unavailable_reason(history: History, language: str) -> str:
    return t(f"changes.reason.{history.reason}", language, detail=history.detail)


def change_link(view: SiteView, change: Change) -> str | None:
    """The page (and activity) a change is about, when it is still on the site."""
    project = view.project
    if change.subject == "kpi":
        folder = project.kpi_folders.get(change.subject_id)
        return urls.kpi_page(folder, change.subject_id) if folder else None
    plan = next((plan for plan in project.plans if plan.id == change.subject_id), None)
    if plan is None:
        return None
    if change.key and any(item.id == change.key for item in [*plan.activities, *plan.milestones]):
        return urls.activity_link(plan.id, change.key)
    return urls.plan_page(plan.id)


def history_rows(view: SiteView, entries: tuple[Entry, ...], links: bool) -> list[HistoryRow]:
    spans = [0] * len(entries)
    first = 0
    for index, entry in enumerate(entries):
        if entry.revision != entries[first].revision:
            first = index
        spans[first] += 1
    return [
        HistoryRow(
            day=format_day(entry.revision.day, view.language),
            text=describe(entry.change, view.language),
            link=change_link(view, entry.change) if links else None,
            subject=entry.revision.subject,
            short=entry.revision.short,
            span=span,
        )
        for entry, span in zip(entries, spans)
    ]


def history_context(view: SiteView, history: History | None, entries: tuple[Entry, ...], empty: str,
                    links: bool) -> dict[str, Any]:
    """What the template 'history.j2' needs; ``history`` None leaves the section out."""
    return {
        "history": history,
        "history_rows": history_rows(view, entries, links) if history is not None and history.available else [],
        "history_unavailable": unavailable_reason(history, view.language) if history and not history.available else "",
        "history_empty": t(empty, view.language),
    }


def kpi_history(view: SiteView, history: History | None, kpi: Kpi) -> dict[str, Any]:
    entries = history.kpi_history(kpi.id) if history is not None else ()
    return history_context(view, history, entries, "changes.no_history", links=False)


def changes_page(view: SiteView, history: History) -> Page:
    context = history_context(view, history, history.recent(CHANGES_LIMIT), "changes.no_changes", links=True)
    markdown = render("changes.md.j2", urls.CHANGES, view, limit=CHANGES_LIMIT, **context)
    return Page(urls.CHANGES, t("changes.title", view.language), markdown)
