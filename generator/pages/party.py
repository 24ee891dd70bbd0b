"""A party's page (e.g. STAR – AMK Øst): its plans and its activities across plans, by date."""

from __future__ import annotations

from ..charts.timeline import party_rows
from . import urls
from .render import Page, render
from .timelines import agenda, timeline_figure
from .view import PartyView, SiteView


def party_page(view: SiteView, party: PartyView) -> Page:
    path = urls.party_page(party.id)
    items = [(plan, activity) for plan, activity, _roles in party.activities]
    rows = party_rows(items, view.activity_states, view.language)
    markdown = render(
        "party.md.j2", path, view, party=party, urls=urls,
        timeline=timeline_figure(view, rows, items, f"timeline-party-{party.id}", table_id="activities"), agenda=agenda(view, items),
    )
    return Page(path, party.party.name, markdown)
