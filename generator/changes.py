"""What changed in meaning between two versions of a plan or a KPI, and how to say it.

Both ``planspor diff`` (two revisions) and the site's history (every commit) compare
records, never text: a target moved from one line to another is no change, a target
whose value went from 950 to 930 is one, whatever the YAML diff looks like.

Targets have no ids, so they are matched by their period (a KPI has one target per
period in practice); targets left over on both sides are paired in order, so that
"the 2024 target is now for 2025" reads as one change, not a removal and an addition.
Activities and milestones are matched by id, parties by party id, actuals by period.

The module is pure: records in, :class:`Change` records out, and sentences from the
translation table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from .formatting import format_day, format_number, format_period, format_quantity
from .i18n import t
from .model import Activity, Actual, Kpi, Milestone, Party, Plan, Target
from .phrases import target_text

Topic = Literal["plans", "activities", "parties", "kpis", "targets", "actuals"]
TOPICS: tuple[Topic, ...] = ("targets", "actuals", "activities", "parties", "plans", "kpis")
"""The order of the groups in a summary: what a reviewer looks for first."""

TARGET_MEANING = ("period", "type", "value", "tolerance")
ACTUAL_SERIES = ("actual", "expected", "cluster", "national", "rank", "printed_difference")


@dataclass(frozen=True)
class Change:
    """One change in meaning, with the records on both sides (``None`` where there is none)."""

    topic: Topic
    action: str
    """added | removed | changed (targets, actuals, parties, KPIs, plans); for activities also
    moved | status | responsible."""
    subject: Literal["kpi", "plan"]
    subject_id: str
    kpi: Kpi | None = None
    plan: Plan | None = None
    old: Any = None
    new: Any = None
    key: str = ""
    """The activity, party or actual period the change is about."""
    fields: tuple[str, ...] = ()
    """For 'changed' records that have no sentence of their own: the keys that changed."""


# ------------------------------------------------------------------ comparing KPIs


def _period_key(target: Target) -> str:
    return target.period.canonical if target.period else ""


def pair_targets(old: list[Target], new: list[Target]) -> list[tuple[Target | None, Target | None]]:
    """Old and new targets side by side: same period first, then the rest in order."""
    pairs: list[tuple[Target | None, Target | None]] = []
    left_old: list[Target] = []
    unmatched_new = list(new)
    for target in old:
        match = next((candidate for candidate in unmatched_new if _period_key(candidate) == _period_key(target)), None)
        if match is None:
            left_old.append(target)
        else:
            unmatched_new.remove(match)
            pairs.append((target, match))
    for index in range(max(len(left_old), len(unmatched_new))):
        pairs.append((left_old[index] if index < len(left_old) else None,
                      unmatched_new[index] if index < len(unmatched_new) else None))
    return pairs


def _differing(old: Any, new: Any, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(name for name in names if getattr(old, name) != getattr(new, name))


def target_changes(kpi: Kpi, old: list[Target], new: list[Target]) -> list[Change]:
    changes = []
    for before, after in pair_targets(old, new):
        if before is None:
            changes.append(Change("targets", "added", "kpi", kpi.id, kpi=kpi, new=after))
        elif after is None:
            changes.append(Change("targets", "removed", "kpi", kpi.id, kpi=kpi, old=before))
        elif before != after:
            fields = _differing(before, after, list(Target.model_fields))
            changes.append(Change("targets", "changed", "kpi", kpi.id, kpi=kpi, old=before, new=after, fields=fields))
    return changes


def actual_changes(kpi: Kpi, old: list[Actual], new: list[Actual]) -> list[Change]:
    before = {row.period.canonical: row for row in old}
    after = {row.period.canonical: row for row in new}
    changes = []
    for period in sorted(before.keys() | after.keys(), key=lambda key: (before.get(key) or after[key]).period.start):
        was, now = before.get(period), after.get(period)
        if was is None:
            changes.append(Change("actuals", "added", "kpi", kpi.id, kpi=kpi, new=now, key=period))
        elif now is None:
            changes.append(Change("actuals", "removed", "kpi", kpi.id, kpi=kpi, old=was, key=period))
        else:
            for series in _differing(was, now, ACTUAL_SERIES):
                changes.append(Change("actuals", "changed", "kpi", kpi.id, kpi=kpi, old=was, new=now, key=period,
                                      fields=(series,)))
    return changes


def kpi_changes(old: Kpi | None, new: Kpi | None) -> list[Change]:
    """Every change in meaning from one version of a KPI to the next (either may be ``None``)."""
    if old is None and new is None:
        return []
    kpi = new or old
    assert kpi is not None
    if old is None:
        return [Change("kpis", "added", "kpi", kpi.id, kpi=kpi, new=new),
                *target_changes(kpi, [], new.targets), *actual_changes(kpi, [], new.actuals)]
    if new is None:
        return [Change("kpis", "removed", "kpi", kpi.id, kpi=kpi, old=old)]
    changes = target_changes(kpi, old.targets, new.targets) + actual_changes(kpi, old.actuals, new.actuals)
    other = _differing(old, new, [name for name in Kpi.model_fields if name not in ("targets", "actuals", "id")])
    if other:
        changes.append(Change("kpis", "changed", "kpi", kpi.id, kpi=kpi, old=old, new=new, fields=other))
    return changes


# ----------------------------------------------------------------- comparing plans


def _items(plan: Plan) -> dict[str, Activity | Milestone]:
    return {item.id: item for item in [*plan.activities, *plan.milestones]}


def _when(item: Activity | Milestone) -> tuple:
    return (item.when, getattr(item, "date", None))


def plan_changes(old: Plan | None, new: Plan | None) -> list[Change]:
    """Every change in meaning from one version of a plan to the next (either may be ``None``)."""
    if old is None and new is None:
        return []
    plan = new or old
    assert plan is not None
    if old is None:
        return [Change("plans", "added", "plan", plan.id, plan=plan, new=new)]
    if new is None:
        return [Change("plans", "removed", "plan", plan.id, plan=plan, old=old)]
    changes: list[Change] = []

    def add(topic: Topic, action: str, key: str, before: Any, after: Any, fields: tuple[str, ...] = ()) -> None:
        changes.append(Change(topic, action, "plan", plan.id, plan=plan, old=before, new=after, key=key, fields=fields))

    for party_id in [*old.parties, *(key for key in new.parties if key not in old.parties)]:
        was, now = old.parties.get(party_id), new.parties.get(party_id)
        if was != now:
            add("parties", "added" if was is None else "removed" if now is None else "changed", party_id, was, now)

    before, after = _items(old), _items(new)
    for item_id in [*before, *(key for key in after if key not in before)]:
        was, now = before.get(item_id), after.get(item_id)
        if was is None:
            add("activities", "added", item_id, None, now)
            continue
        if now is None:
            add("activities", "removed", item_id, was, None)
            continue
        if _when(was) != _when(now):
            add("activities", "moved", item_id, was, now)
        if was.status != now.status:
            add("activities", "status", item_id, was, now)
        if getattr(was, "responsible", None) != getattr(now, "responsible", None):
            add("parties", "responsible", item_id, was, now)
        covered = ("id", "when", "date", "status", "responsible")
        if was.status != now.status:
            covered += ("done_on",)  # the day it was done belongs to the change of status
        other = _differing(was, now, [name for name in type(now).model_fields if name not in covered]) \
            if type(was) is type(now) else ("kind",)
        if other:
            add("activities", "changed", item_id, was, now, other)

    other = _differing(old, new, [name for name in Plan.model_fields if name not in ("id", "parties", "phases", "milestones")])
    if [phase.id for phase in old.phases] != [phase.id for phase in new.phases] or any(
        _differing(a, b, ("title", "description")) for a, b in zip(old.phases, new.phases)
    ):
        other += ("phases",)
    if other:
        changes.append(Change("plans", "changed", "plan", plan.id, plan=plan, old=old, new=new, fields=other))
    return changes


# ------------------------------------------------------------------------ wording


def _plain(text: str) -> str:
    return text


def describe(change: Change, language: str = "da", escape: Callable[[str], str] = _plain) -> str:
    """The change as one sentence without a final full stop: 'Loftet for 2024 for »…« går fra 950 til 930'.

    ``escape`` is applied to every text taken from the data (titles, names), so that a
    Markdown comment shows them as written.
    """

    def quoted(text: str) -> str:
        return t("changes.quoted", language, text=escape(text))

    def label(key: str, **values: Any) -> str:
        return t(f"changes.{key}", language, **values)

    if change.subject == "kpi":
        assert change.kpi is not None
        kpi = change.kpi
        name = quoted(kpi.title)
        if change.topic == "kpis":
            fields = ", ".join(change.fields)
            return label(f"kpi_{change.action}", kpi=name, fields=fields)
        if change.topic == "targets":
            return _describe_target(change, kpi, name, language, label)
        return _describe_actual(change, kpi, name, language, label)

    assert change.plan is not None
    plan = change.plan
    name = quoted(plan.title)
    if change.topic == "plans":
        return label(f"plan_{change.action}", plan=name, fields=", ".join(change.fields))
    if change.topic == "parties" and change.action != "responsible":
        party = change.new or change.old
        if change.action == "changed":
            return label("party_changed", plan=name, party=quoted(change.key),
                         old=_party_text(change.old, language, escape), new=_party_text(change.new, language, escape))
        return label(f"party_{change.action}", plan=name, party=_party_text(party, language, escape))

    item = change.new or change.old
    kind = "milestone" if isinstance(item, Milestone) else "activity"
    item_name = quoted(_item_label(item))
    values = {"plan": name, "item": item_name, "kind": label(f"item.{kind}"), "the_kind": label(f"item.{kind}_definite")}
    if change.action == "added":
        return label("activity_added", when=_when_text(item, plan, language), **values)
    if change.action == "removed":
        return label("activity_removed", when=_when_text(item, plan, language), **values)
    if change.action == "moved":
        return label("activity_moved", old=_when_text(change.old, plan, language),
                     new=_when_text(change.new, plan, language), **values)
    if change.action == "status":
        # The state labels are headings ('Planlagt'); inside a sentence they are lower case.
        return label("activity_status", old=t(f"activity_state.{change.old.status.value}", language).lower(),
                     new=t(f"activity_state.{change.new.status.value}", language).lower(), **values)
    if change.action == "responsible":
        return label("activity_responsible", old=_responsible_text(change.old, plan, language, escape),
                     new=_responsible_text(change.new, plan, language, escape), **values)
    return label("activity_changed", fields=", ".join(change.fields), **values)


def _describe_target(change: Change, kpi: Kpi, name: str, language: str, label: Callable[..., str]) -> str:
    old, new = change.old, change.new
    if change.action == "added":
        return label("target_added", kpi=name, when=_target_when(new, language), target=target_text(new, kpi, language))
    if change.action == "removed":
        return label("target_removed", kpi=name, when=_target_when(old, language), target=target_text(old, kpi, language))
    sentences = []
    if old.period != new.period:
        sentences.append(label("target_moved", kpi=name, old=target_text(old, kpi, language),
                               new=target_text(new, kpi, language),
                               old_when=_target_when(old, language), new_when=_target_when(new, language)))
    elif old.type != new.type:
        sentences.append(label("target_changed", kpi=name, when=_target_when(new, language),
                               old=target_text(old, kpi, language), new=target_text(new, kpi, language)))
    elif old.value != new.value or old.tolerance != new.tolerance:
        sentences.append(label("target_value", noun=label(f"noun.{new.type.value}"), kpi=name,
                               when=_target_when(new, language), old=_target_value(old, kpi, language),
                               new=_target_value(new, kpi, language)))
    if old.baseline != new.baseline:
        sentences.append(label("target_baseline", kpi=name, when=_target_when(new, language),
                               old=_baseline_text(old, kpi, language), new=_baseline_text(new, kpi, language)))
    details = [field for field in change.fields if field not in (*TARGET_MEANING, "baseline")]
    if details and not sentences:
        sentences.append(label("target_details", kpi=name, when=_target_when(new, language), fields=", ".join(details)))
    return label("and").join(sentences)


def _target_when(target: Target, language: str) -> str:
    if target.period is None:
        return t("changes.when_standing", language)
    return t("changes.when_period", language, period=format_period(target.period, language))


def _target_value(target: Target, kpi: Kpi, language: str) -> str:
    """The value alone, for a sentence whose noun already says the type: '930', '25 %', '50 ± 2'."""
    if not isinstance(target.value, float):
        return target_text(target, kpi, language)
    text = format_quantity(target.value, kpi.unit, language)
    if target.tolerance:
        text = t("status_rule.tolerance", language, value=text, tolerance=format_number(target.tolerance, language))
    return text


def _baseline_text(target: Target, kpi: Kpi, language: str) -> str:
    if target.baseline is None:
        return t("changes.none", language)
    value = format_quantity(target.baseline.value, kpi.unit, language)
    return f"{value} ({format_period(target.baseline.period, language)})"


def _describe_actual(change: Change, kpi: Kpi, name: str, language: str, label: Callable[..., str]) -> str:
    row = change.new or change.old
    period = format_period(row.period, language)
    if change.action in ("added", "removed"):
        figures = [(series, getattr(row, series)) for series in ACTUAL_SERIES if getattr(row, series) is not None]
        value = "; ".join(
            format_quantity(number, kpi.unit, language) if series == "actual"
            else f"{t(f'series.{series}', language).lower()} {format_quantity(number, kpi.unit, language)}"
            for series, number in figures
        ) or t("changes.none", language)
        return label(f"actual_{change.action}", kpi=name, period=period, value=value)
    series = change.fields[0]
    old = getattr(change.old, series)
    new = getattr(change.new, series)
    what = label("actual_figure") if series == "actual" else t(f"series.{series}", language)
    return label("actual_changed", series=what, kpi=name, period=period,
                 old=format_quantity(old, kpi.unit, language) if old is not None else t("changes.none", language),
                 new=format_quantity(new, kpi.unit, language) if new is not None else t("changes.none", language))


def _item_label(item: Activity | Milestone) -> str:
    if isinstance(item, Milestone):
        return item.title
    return item.form or item.action or item.id


def _when_text(item: Activity | Milestone, plan: Plan, language: str) -> str:
    text = format_period(item.when, language, plan.year)
    day = getattr(item, "date", None)
    if day is not None:
        text += f" ({format_day(day, language, plan.year)})"
    return text


def _party_text(party: Party, language: str, escape: Callable[[str], str]) -> str:
    return t("changes.party", language, name=t("changes.quoted", language, text=escape(party.name)),
             type=t(f"party_type.{party.type.value}", language))


def _responsible_text(item: Activity, plan: Plan, language: str, escape: Callable[[str], str]) -> str:
    if not item.responsible:
        return t("changes.nobody", language)
    parts = []
    for party_id, roles in item.responsible.items():
        party = plan.parties.get(party_id)
        parts.append(t("changes.roles", language, party=escape(party.name if party else party_id),
                       roles=escape(", ".join(roles))))
    return "; ".join(parts)
