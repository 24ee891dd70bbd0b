"""The accessibility statement ("tilgængelighedserklæring"): the organisation's details from
mkdocs.yml, and what the automated audit covers from :data:`generator.accessibility.AUDIT`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from ..accessibility import AUDIT, StatementSettings
from ..i18n import t
from . import urls
from .render import Page, render


@dataclass(frozen=True)
class _StatementView:
    """What :func:`render` needs of a view; the statement depends on no plan or KPI."""

    language: str
    as_of: date
    directory_urls: bool = False


def accessibility_page(settings: StatementSettings, site_name: str, as_of: date, language: str = "da",
                       directory_urls: bool = False) -> Page:
    view = _StatementView(language, as_of, directory_urls)
    if settings.contact_email:
        contact = Markup('<a href="mailto:{0}">{0}</a>').format(settings.contact_email)
    else:
        contact = Markup(escape(t("accessibility.contact_missing", language)))
    # The label says where the address goes ("... så skriv til {contact}."); the address is a link.
    feedback = Markup(escape(t("accessibility.feedback", language, contact="\x00"))).replace("\x00", contact)
    markdown = render(
        "accessibility.md.j2",
        urls.ACCESSIBILITY,
        view,  # type: ignore[arg-type] - render only reads language, as_of and directory_urls
        settings=settings,
        site_name=site_name,
        audit=AUDIT,
        feedback=feedback,
    )
    return Page(urls.ACCESSIBILITY, t("accessibility.title", language), markdown)
