"""The one definition of the data format: typed records for plans and KPIs.

The JSON Schema in ``schema/`` and the field reference in ``docs/`` are generated
from these classes, so code, schema and documentation cannot disagree. Each
field's ``description`` is the text an editor sees as hover help in an editor
with a YAML language server.

Period-like fields are parsed here (through :mod:`generator.periods`) so that
every later stage works with intervals of days, never with text. Bare weeks and
dates in a plan (``uge 12``, ``14.03``) need the plan's ``year``; the loader
passes it in the validation context.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .numbers import NumberError, parse_number
from .periods import Period, PeriodError, parse_period

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_RE = re.compile(ID_PATTERN)


class YamlFloat(float):
    """A number read from YAML that remembers how it was written.

    ``when: 14.10`` is a float to YAML but a date to an editor; the period
    parser reads the text as written.
    """

    text: str

    def __new__(cls, value: float, text: str) -> "YamlFloat":
        number = super().__new__(cls, value)
        number.text = text
        return number


def _default_year(info: ValidationInfo) -> int | None:
    context = info.context or {}
    year = context.get("default_year")
    return year if isinstance(year, int) else None


def _to_period(value: Any, info: ValidationInfo) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, YamlFloat):
        value = value.text  # '14.10' was meant as a date, not the number 14.1
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a period such as '2024', 'uge 12' or '3kv19', found {type(value).__name__}")
    try:
        return parse_period(value, default_year=_default_year(info))
    except PeriodError as error:
        raise ValueError(str(error)) from None


def _to_day(value: Any, info: ValidationInfo) -> date:
    if isinstance(value, date):
        return value
    period = _to_period(value, info)
    if period.kind != "day":
        raise ValueError(f"expected a single day such as '2018-03-14' or '14.03.2018', found {value!r}")
    return period.start


def _to_number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found {value!r}")
    if not isinstance(value, (int, float, str)):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    try:
        number = parse_number(value)
    except NumberError as error:
        raise ValueError(str(error)) from None
    if number is None:
        raise ValueError("expected a number, found nothing")
    return number


PERIOD_HELP = (
    "A period: a day (2018-03-14, 14.03.2018, 14.03), an ISO week (2018-W12, uge 12, 12), "
    "a week with a date (16 17.04), week alternatives (12/13), a month (2018-03), "
    "a quarter (2019-Q3, 3kv19), a half year (2024-H1), a year (2024) or a range (3kv19-2kv20, 2023..2026)."
)

PeriodField = Annotated[
    Period,
    BeforeValidator(_to_period),
    PlainSerializer(lambda period: period.canonical, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "description": PERIOD_HELP}),
]
DayField = Annotated[
    date,
    BeforeValidator(_to_day),
    WithJsonSchema({"type": "string", "description": "A day: 2018-03-14 or 14.03.2018."}),
]
Number = Annotated[
    float,
    BeforeValidator(_to_number),
    WithJsonSchema(
        {"type": ["number", "string"], "description": "A number: 1234.5, 1234,5 or 1.234,5."}
    ),
]


def _to_year(value: Any) -> int:
    # Keys reach the model as written ('2023', see generator/load.py). Pydantic alone would also read
    # 'true', '1.0', '+1' or '02023' as a year, and two of them as one year, keeping only the last amount.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _YEAR.fullmatch(value):
        return int(value)
    raise ValueError("expected a year such as 2023")


_YEAR = re.compile(r"[0-9]{4}")
Year = Annotated[int, BeforeValidator(_to_year)]
Identifier = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Lower-case letters, digits and hyphens, e.g. 'ballerup-jaf-2018'."),
]


def _one_or_many(value: Any) -> Any:
    # Editors often write a single role without brackets: accept it as a list of one.
    return [value] if isinstance(value, str) else value


Roles = Annotated[list[str], BeforeValidator(_one_or_many)]


class Record(BaseModel):
    """Base of every record: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PartyType(str, Enum):
    kommune = "kommune"
    stat = "stat"
    region = "region"
    anden = "anden"


class ActivityStatus(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    postponed = "postponed"
    cancelled = "cancelled"


class Party(Record):
    name: str = Field(description="The party's full name, e.g. 'STAR – AMK Øst'.")
    type: PartyType = Field(PartyType.kommune, description="kommune | stat | region | anden.")


class Section(Record):
    title: str = Field(description="Heading of the section.")
    body: str = Field(description="Markdown text of the section.")


class FocusArea(Record):
    id: Identifier
    title: str
    description: str | None = Field(None, description="Markdown.")


def _done_on_needs_done(status: "ActivityStatus", done_on: date | None) -> None:
    # An editor who writes the day something was done but forgets 'status: done' would
    # otherwise see it reported as overdue; say so instead of guessing either way.
    if done_on is not None and status is not ActivityStatus.done:
        raise ValueError(f"done_on is {done_on.isoformat()} but status is '{status.value}'; write status: done")


class Activity(Record):
    id: Identifier = Field(description="Unique within the plan; used for links and change history.")
    when: PeriodField | None = Field(None, description="When the activity happens. " + PERIOD_HELP)
    date: DayField | None = Field(None, description="A day inside 'when' (e.g. the meeting day '17.04').")
    form: str | None = Field(None, description="Form of the activity, e.g. 'Opstartsmøde', 'Mail'.")
    action: str | None = Field(None, description="What is done (Danish 'Handling').")
    points: list[str] = Field(default_factory=list, description="Bullet points under the action.")
    responsible: dict[str, Roles] = Field(
        default_factory=dict,
        description="Roles responsible, per party id of the plan: {ballerup: [Ledelse], star: [AMK]}.",
    )
    status: ActivityStatus = Field(ActivityStatus.planned, description="planned | in_progress | done | postponed | cancelled.")
    done_on: DayField | None = Field(None, description="The day the activity was done.")
    focus_area: str | None = Field(None, description="Id of one of the plan's focus areas.")
    note: str | None = Field(None, description="A remark shown with the activity.")

    @model_validator(mode="after")
    def _date_inside_when(self) -> "Activity":
        _done_on_needs_done(self.status, self.done_on)
        if self.date and self.when and not self.when.contains(self.date):
            raise ValueError(
                f"date {self.date.isoformat()} is not inside when '{self.when.canonical}' "
                f"({self.when.start.isoformat()} to {self.when.end.isoformat()})"
            )
        return self

    @property
    def day(self) -> date | None:
        """The activity's single day, when it has one (a meeting)."""
        if self.date:
            return self.date
        if self.when and self.when.kind in ("day", "week_date"):
            return self.when.end
        return None


class Phase(Record):
    id: Identifier
    title: str
    description: str | None = Field(None, description="Markdown.")
    activities: list[Activity] = Field(default_factory=list)


class Milestone(Record):
    id: Identifier
    title: str
    when: PeriodField
    status: ActivityStatus = ActivityStatus.planned
    done_on: DayField | None = None

    @model_validator(mode="after")
    def _done_on_with_status(self) -> "Milestone":
        _done_on_needs_done(self.status, self.done_on)
        return self


class TargetGroup(Record):
    id: Identifier | None = None
    title: str
    size: Number | None = Field(None, description="Number of persons in the group.")
    unit: str | None = Field(None, description="Unit of size, e.g. 'helårspersoner'.")
    description: str | None = Field(None, description="Markdown.")
    effort: str | None = Field(None, description="The effort (Danish 'Indsats').")
    measures: list[str] = Field(default_factory=list, description="Key measures for the group.")
    objective: str | None = Field(None, description="What the effort should achieve ('Målsætning').")
    follow_up: str | None = Field(None, description="How and how often it is followed up.")


class BudgetLine(Record):
    title: str
    area: str | None = Field(None, description="Steering area ('Styringsområde'), e.g. 'Service'.")
    committee: str | None = Field(None, description="Committee ('Udvalg'), e.g. 'BIU'.")
    appropriation: str | None = Field(None, description="Appropriation number ('Bevilling').")
    kind: str | None = Field(None, description="'U' for expense, 'I' for income.")
    amounts: dict[Year, Number] = Field(description="Amount per year: {2023: 11340}.")
    printed_total: Number | None = Field(
        None, description="The total as printed in the source; the site computes its own and flags a mismatch."
    )


class Budget(Record):
    title: str | None = None
    unit: str = Field(description="Unit of the amounts, e.g. '1.000 kr.'.")
    price_level: str | None = Field(None, description="Price level, e.g. '2023 p/l'.")
    lines: list[BudgetLine]
    printed_total: Number | None = Field(None, description="Grand total as printed in the source.")


class Plan(Record):
    id: Identifier
    title: str
    kind: str = Field(description="handleplan | strategi | budgetforslag | opfølgning | oplæg ...")
    year: int | None = Field(None, ge=1990, le=2100, description="Default year for bare weeks and dates.")
    published: DayField | None = Field(None, description="Date of the document.")
    reference: str | None = Field(None, description="Case or journal number, e.g. 'J.nr. 18/03572'.")
    source: str | None = Field(None, description="The source document this plan was transcribed from.")
    parties: dict[str, Party] = Field(description="Who shares the plan, by party id.")
    summary: str | None = Field(None, description="Markdown summary shown first on the plan page.")
    sections: list[Section] = Field(default_factory=list)
    focus_areas: list[FocusArea] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list, description="Ids of the KPIs this plan answers to.")
    target_groups: list[TargetGroup] = Field(default_factory=list)
    budget: Budget | None = None
    notes: list[str] = Field(default_factory=list, description="Discrepancies or remarks, shown on the page.")

    @field_validator("parties")
    @classmethod
    def _party_ids(cls, parties: dict[str, Party]) -> dict[str, Party]:
        for party_id in parties:
            if not ID_RE.match(party_id):
                raise ValueError(f"party id {party_id!r} must be lower-case letters, digits and hyphens")
        return parties

    @property
    def activities(self) -> list[Activity]:
        return [activity for phase in self.phases for activity in phase.activities]


class Direction(str, Enum):
    lower = "lower"
    higher = "higher"


class TargetType(str, Enum):
    max = "max"
    min = "min"
    exact = "exact"


class Frequency(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    rolling_4q = "rolling-4q"
    half = "half"
    year = "year"


SERIES_COLUMNS = ("expected", "cluster", "national", "rank")
"""Comparison series a KPI's actuals may carry beside ``actual``."""


class SeriesValue(Record):
    series: str = Field(description="A comparison series of the KPI: " + ", ".join(SERIES_COLUMNS) + ".")
    offset: Number = Field(0, description="Added to the series, e.g. -172 for '172 fewer than expected'.")

    @field_validator("series")
    @classmethod
    def _known_series(cls, name: str) -> str:
        if name not in SERIES_COLUMNS:
            raise ValueError(f"unknown series {name!r}; expected one of {', '.join(SERIES_COLUMNS)}")
        return name


class Baseline(Record):
    period: PeriodField
    value: Number


class Target(Record):
    period: PeriodField | None = Field(
        None, description="When the target must be met; its end is the deadline. Omit for a standing target."
    )
    value: Number | SeriesValue = Field(description="A number, or {series: expected, offset: -172}.")
    type: TargetType = Field(description="max (at most) | min (at least) | exact.")
    tolerance: Number = Field(
        0, description="For an exact target: how far from the value still counts as met, e.g. 2 for '50 ± 2'."
    )
    baseline: Baseline | None = Field(None, description="Starting point of the path to the target.")
    decided: DayField | None = Field(None, description="When the target was decided.")
    by: str | None = Field(None, description="Who decided it, e.g. 'EBU'.")
    note: str | None = None

    @model_validator(mode="after")
    def _tolerance_only_for_exact(self) -> "Target":
        if self.tolerance < 0:
            raise ValueError(f"tolerance must be zero or more, found {self.tolerance:g}")
        if self.tolerance and self.type is not TargetType.exact:
            raise ValueError(f"tolerance is only for an exact target; a {self.type.value} target is met or not")
        return self


class Actual(Record):
    period: PeriodField
    actual: Number | None = None
    expected: Number | None = None
    cluster: Number | None = None
    national: Number | None = None
    rank: Number | None = None
    printed_difference: Number | None = Field(
        None, description="Actual minus expected as printed in the source; the site computes and compares."
    )
    note: str | None = None


def _status_rule_defaults(schema: dict[str, Any]) -> None:
    # The defaults are defined once, in generator.status (which imports this module, hence the late
    # import); the JSON Schema shows them so that an editor's hover help gives the number.
    from .status import DEFAULT_THRESHOLDS

    for name, prop in schema.get("properties", {}).items():
        prop["default"] = getattr(DEFAULT_THRESHOLDS, name)


class StatusRule(Record):
    """Thresholds of the status rule for one KPI; a key left out takes the default on the page 'Sådan beregnes status'."""

    model_config = ConfigDict(json_schema_extra=_status_rule_defaults)

    path_margin: Number | None = Field(
        None, description="With a baseline: behind the required path by at most this share of the whole way "
        "from baseline to target is 'at risk', more is 'off track' (0.1 = 10 %).",
    )
    target_margin: Number | None = Field(
        None, description="Without a baseline: missing the target by at most this share of it is 'at risk', "
        "more is 'off track' (0.05 = 5 %).",
    )
    trend: bool | None = Field(None, description="false: ignore the trend of recent figures for this KPI.")
    trend_min_points: int | None = Field(
        None, ge=2, description="The trend of recent figures is used only when there are at least this many figures.",
    )
    trend_points: int | None = Field(
        None, ge=2, description="The trend line is drawn through at most this many of the latest figures.",
    )

    @field_validator("path_margin", "target_margin")
    @classmethod
    def _share(cls, value: float | None) -> float | None:
        if value is not None and not 0 <= value <= 1:
            raise ValueError(f"expected a share from 0 to 1, e.g. 0.1 for 10 %, found {value:g}")
        return value


class Kpi(Record):
    id: Identifier
    title: str
    organisation: str = Field(description="The organisation whose figure this is, e.g. 'Slagelse Kommune'.")
    unit: str = Field(description="Unit of the figures, e.g. 'helårspersoner' or '%'.")
    better: Direction = Field(description="lower | higher: which direction is an improvement.")
    description: str | None = Field(None, description="Markdown definition of the KPI.")
    data_source: str | None = Field(None, description="Where the figures come from: Expose, Fasit, jobindsats.dk ...")
    source: str | None = Field(None, description="The source document the KPI was transcribed from.")
    frequency: Frequency | None = None
    rank_of: int | None = Field(None, ge=2, description="Number of places in the ranking, e.g. 98 municipalities.")
    targets: list[Target] = Field(default_factory=list)
    status_rule: StatusRule = Field(
        default_factory=StatusRule, description="Thresholds of the status rule for this KPI, if not the defaults."
    )
    actuals: list[Actual] = Field(default_factory=list, description="Inline actuals; or put them in <id>.csv.")
    notes: list[str] = Field(default_factory=list)


ACTUAL_COLUMNS = tuple(Actual.model_fields)
