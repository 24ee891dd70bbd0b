"""Everything the pages share, computed once per build: statuses, parties, who links to whom."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from ..charts.kpi import kpi_chart_description
from ..load import Project
from ..model import Activity, Kpi, Party, Plan
from ..status import KpiStatus, activity_state, kpi_status, plan_span
from . import urls


@dataclass(frozen=True)
class PartyView:
    id: str
    party: Party
    plans: list[Plan]
    activities: list[tuple[Plan, Activity, list[str]]]
    """(plan, activity, the party's roles in it), in date order."""


@dataclass(frozen=True)
class SiteView:
    project: Project
    as_of: date
    language: str
    activity_states: dict[tuple[str, str], str]
    kpi_statuses: dict[str, KpiStatus]
    parties: dict[str, PartyView]
    kpi_plans: dict[str, list[Plan]] = field(default_factory=dict)
    directory_urls: bool = False
    """MkDocs' use_directory_urls: generated links point at the built pages' URLs."""

    _descriptions: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def chart_description(self, kpi: Kpi) -> str:
        """The text alternative of a KPI's charts (its page's chart and its cards say the same), made once."""
        found = self._descriptions.get(kpi.id)
        if found is None:
            found = self._descriptions[kpi.id] = kpi_chart_description(kpi, self.kpi_statuses[kpi.id], self.language)
        return found

    def state(self, plan: Plan, item_id: str) -> str:
        return self.activity_states[(plan.id, item_id)]

    def kpi_url(self, kpi: Kpi) -> str:
        return urls.kpi_page(self.project.kpi_folders[kpi.id], kpi.id)

    def organisations(self) -> dict[str, list[Kpi]]:
        """KPIs by organisation folder, in folder order."""
        return self._organisations

    @cached_property
    def _organisations(self) -> dict[str, list[Kpi]]:
        # Computed once: every organisation page asks for it.
        grouped: dict[str, list[Kpi]] = {}
        for kpi in self.project.kpis:
            grouped.setdefault(self.project.kpi_folders[kpi.id], []).append(kpi)
        return dict(sorted(grouped.items()))

    def organisation_name(self, folder: str) -> str:
        return self.organisations()[folder][0].organisation


def _sort_key(activity: Activity) -> tuple:
    start = activity.day or (activity.when.start if activity.when else date.max)
    return (start,)


def site_view(project: Project, as_of: date, language: str, directory_urls: bool = False) -> SiteView:
    """Compute every status once, so that no page computes one again."""
    states = {}
    for plan in project.plans:
        for item in [*plan.activities, *plan.milestones]:
            states[(plan.id, item.id)] = activity_state(item, as_of)
    parties: dict[str, PartyView] = {}
    for plan in project.plans:
        for party_id, party in plan.parties.items():
            view = parties.setdefault(party_id, PartyView(party_id, party, [], []))
            view.plans.append(plan)
            for activity in plan.activities:
                if party_id in activity.responsible:
                    view.activities.append((plan, activity, activity.responsible[party_id]))
    for view in parties.values():
        view.activities.sort(key=lambda row: (_sort_key(row[1]), row[0].id))
    kpi_plans: dict[str, list[Plan]] = {}
    for plan in project.plans:
        for kpi_id in plan.kpis:
            kpi_plans.setdefault(kpi_id, []).append(plan)
    return SiteView(
        project=project,
        as_of=as_of,
        language=language,
        activity_states=states,
        kpi_statuses={kpi.id: kpi_status(kpi, as_of) for kpi in project.kpis},
        parties=dict(sorted(parties.items())),
        kpi_plans=kpi_plans,
        directory_urls=directory_urls,
    )


__all__ = ["SiteView", "PartyView", "site_view", "plan_span"]
