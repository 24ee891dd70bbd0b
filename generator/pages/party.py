"""A party's page (e.g. STAR – AMK Øst): its plans and its activities across plans, by date."""

from __future__ import annotations

from ..charts.timeline import overview_rows, party_rows
from . import urls
from .render import Page, render
from .timelines import agenda, timeline_figure
from .view import PartyView, SiteView


PLANS_IN_DETAIL = 8
"""A party in at most this many plans gets a timeline row per activity; one in more (STAR, in every
municipality's plan) gets a row per plan, each phase coloured by its most urgent activity of the
party's, as on the front page: 800 rows would be a chart 18,000 pixels tall. The table below it
still lists every activity."""


def party_page(view: SiteView, party: PartyView) -> Page:
    path = urls.party_page(party.id)
    items = [(plan, activity) for plan, activity, _roles in party.activities]
    if len(party.plans) <= PLANS_IN_DETAIL:
        rows = party_rows(items, view.activity_states, view.language)
    else:
        rows = overview_rows(party.plans, view.activity_states, view.language, only=items)
    markdown = render(
        "party.md.j2", path, view, party=party, urls=urls,
        timeline=timeline_figure(view, rows, items, f"timeline-party-{party.id}", table_id="activities"), agenda=agenda(view, items),
    )
    return Page(path, party.party.name, markdown)
