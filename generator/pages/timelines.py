"""Timelines on pages: the chart block with its text alternative, and the lists beside it
of what is overdue and what starts in the next four weeks."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..charts.embed import chart_block
from ..charts.timeline import TimelineRow, timeline_spec
from ..i18n import t, t_count
from ..model import Activity, Plan
from ..status import activity_span, is_upcoming
from .view import SiteView


@dataclass(frozen=True)
class Agenda:
    """What a reader should act on: overdue activities and those starting soon, in date order."""

    overdue: list[tuple[Plan, Activity]]
    upcoming: list[tuple[Plan, Activity]]


def agenda(view: SiteView, items: list[tuple[Plan, Activity]]) -> Agenda:
    def start(item: tuple[Plan, Activity]):
        return activity_span(item[1])[0]

    overdue = [item for item in items if view.state(item[0], item[1].id) == "overdue"]
    upcoming = [item for item in items if is_upcoming(item[1], view.as_of)]
    return Agenda(sorted(overdue, key=start), sorted(upcoming, key=start))


def timeline_figure(view: SiteView, rows: list[TimelineRow], items: list[tuple[Plan, Activity]], chart_id: str,
                    description: str | None = None, table_id: str | None = None,
                    table_text: str = "chart.see_activities") -> Markup | None:
    """The timeline chart for some rows, described in words, or ``None`` when nothing is scheduled.

    ``table_id`` is the id of the table (or the section of tables) beside the chart that holds
    everything its tooltips say; the caption links to it with the label ``table_text``.
    """
    spec = timeline_spec(rows, view.as_of, view.language)
    if spec is None:
        return None
    if description is None:
        states = [view.state(plan, activity.id) for plan, activity in items]
        upcoming = sum(1 for _, activity in items if is_upcoming(activity, view.as_of))
        # Count phrases come in a singular and a plural form: "1 aktivitet", never "1 aktiviteter".
        description = t_count("timeline.description", len(items), view.language, done=states.count("done"),
                              overdue=states.count("overdue"), upcoming=upcoming)
        unscheduled = sum(1 for _, activity in items if activity_span(activity) is None)
        if unscheduled:
            description += " " + t_count("timeline.unscheduled", unscheduled, view.language)
    return chart_block(spec, chart_id=chart_id, kind="timeline", description=description,
                       table_id=table_id, table_text=t(table_text, view.language) if table_id else None)
