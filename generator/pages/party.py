"""A party's page (e.g. STAR – AMK Øst): its plans and its activities across plans, by date."""

from __future__ import annotations

from . import urls
from .render import Page, render
from .view import PartyView, SiteView


def party_page(view: SiteView, party: PartyView) -> Page:
    path = urls.party_page(party.id)
    markdown = render("party.md.j2", path, view.language, view.as_of, party=party, view=view, urls=urls)
    return Page(path, party.party.name, markdown)
