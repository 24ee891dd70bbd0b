"""``planspor import``: merge figures from a spreadsheet, jobindsats.dk or Statistikbanken into a KPI.

Three kinds of source are read into one shape, a :class:`Table` (named columns, numbered rows):

* a CSV or Excel (.xlsx) file with a stated column mapping (``--period-column``,
  ``--value-column``, ``--series expected=Forventet``, ``--sheet``);
* a jobindsats.dk API response, v2 shape: a JSON list whose first element has ``Variables``
  (``[{"Name": ..., "Label": ...}]``) and ``Data`` (one list of cells per row, in the order of
  ``Variables``), read from a file or fetched with ``--url``; the key is read from the
  environment variable named by ``--key-env`` and sent as the ``Authorization`` header;
* a Danmarks Statistik Statbank CSV: semicolon-separated, the figure in ``INDHOLD``, ``..``
  for a missing figure, the period in ``TID`` (``2024K4``, ``2024M01``); UTF-8 (with or
  without BOM) or ISO-8859-1.

Rows are chosen with ``--filter COLUMN=VALUE`` (every filter must match), their periods are
read with the period grammar (plus jobindsats' ``2023QMAT02``: the four quarters ending
2023 Q2, i.e. ``3kv22-2kv23``), their numbers with the project's number rules (plus a stated
decimal mark, ``--decimal comma|point``). The result is merged into the KPI's actuals by
canonical period:

* a period that is not there is added; an empty cell is filled;
* an equal figure changes nothing, so importing the same source twice leaves the file
  byte for byte as it was;
* a different figure for an existing period is reported and replaced only with
  ``--replace`` (``--keep`` keeps the current figures and adds only what is new); without
  either, nothing is written and the command exits 1 with the list;
* nothing is dropped silently: a row with a missing figure is listed with its line, rows left
  out by ``--filter`` are counted, and a row that cannot be read is an error naming file, line
  and column, after which nothing is written.

Where the figures go: the KPI's CSV (``kpi_data/<org>/<id>.csv``), created with the header
``period,actual`` plus the series columns used if it does not exist. A KPI that keeps its
figures inline (``actuals:`` in the YAML) is merged there instead, with ruamel.yaml so that
comments, key order and quoting stay as they were; if the file would not come back unchanged
through ruamel.yaml, the import refuses and suggests moving the figures to a CSV. Files are
written to a temporary file beside the target, validated with the loader and then moved into
place with ``os.replace``, so a reader never sees half a file.

The parsing and merging functions are pure; :func:`run` and the ``read_*``/``fetch``
functions are the I/O layer.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import math
import os
import re
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from .load import KPI_DIR, Problem, read_actuals_csv, read_record
from .model import ACTUAL_COLUMNS, ID_RE, Kpi
from .numbers import NumberError, parse_number
from .periods import Period, PeriodError, parse_period

FORMATS = ("auto", "csv", "excel", "jobindsats", "statbank")
DECIMALS = ("auto", "comma", "point")
VALUE_COLUMNS = tuple(column for column in ACTUAL_COLUMNS if column not in ("period", "note"))
"""The KPI columns a figure can be imported into: ``actual`` and the comparison series."""
MISSING_MARKERS = frozenset({"..", "...", ".", "-", "–", "*", "x", "na", "n/a"})
"""Cells that statistics publishers write for a figure that is missing or suppressed."""
DEFAULT_KEY_ENV = "JOBINDSATS_API_KEY"
KEY_HEADER = "Authorization"
"""jobindsats.dk's API takes the key as the value of this header."""
MAX_RESPONSE_BYTES = 50 * 1024 * 1024
PERIOD_DEFAULTS = {
    "statbank": ("TID",),
    "jobindsats": ("period", "periode"),
    "csv": ("period", "periode"),
    "excel": ("period", "periode"),
}
VALUE_DEFAULTS = {"statbank": "INDHOLD"}
DEFAULT_DECIMAL = {"jobindsats": "comma"}
"""jobindsats.dk writes numbers Danish style ('1.234,5'); elsewhere the project's rule decides."""


class ImportFailed(Exception):
    """The import cannot go on; ``problems`` say where and why."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", 0, 0, problems)]
        self.problems = problems
        super().__init__("\n".join(map(_show_problem, problems)))


def _show_problem(problem: Problem) -> str:
    if not problem.path:
        return problem.message
    if not problem.line:
        return f"{problem.path}: {problem.message}"
    return str(problem)


# ------------------------------------------------------------------ the source table


@dataclass
class Table:
    """A source read into named columns and numbered rows."""

    source: str
    """The file name or URL, as messages show it."""
    columns: list[tuple[str, ...]]
    """Per column, the names it answers to (a header, or a jobindsats variable's Name and Label)."""
    rows: list[tuple[int, list[Any]]]
    """(line or row number, cells)."""
    header_line: int = 1
    kind: Literal["csv", "excel", "json"] = "csv"
    notes: list[str] = field(default_factory=list)

    def find(self, name: str) -> int | None:
        wanted = name.strip().casefold()
        for index, names in enumerate(self.columns):
            if any(candidate.strip().casefold() == wanted for candidate in names if candidate):
                return index
        return None

    def column_name(self, index: int) -> str:
        return self.columns[index][0] if index < len(self.columns) else str(index + 1)

    def where(self, line: int, index: int) -> str:
        """How a message names one cell, beyond file:line:column."""
        if self.kind == "excel":
            return f"celle {_excel_column(index + 1)}{line}, "
        if self.kind == "json":
            return f"Data-række {line}, variabel '{self.column_name(index)}': "
        return ""

    def problem(self, line: int, index: int, message: str) -> Problem:
        return Problem(self.source, line, index + 1, self.where(line, index) + message)


def _excel_column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def decode_text(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), else Windows-1252/ISO-8859-1."""
    if encoding:
        return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "ISO-8859-1 (Windows-1252)"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "ISO-8859-1"


def _delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def delimited_table(text: str, source: str, delimiter: str | None = None) -> Table:
    """A CSV text (comma, semicolon or tab) as a table; the first non-empty line is the header."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    header_index = next((index for index, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise ImportFailed([Problem(source, 1, 1, "filen er tom; den skal have en overskriftslinje med kolonnenavne")])
    delimiter = delimiter or _delimiter(lines[header_index])
    reader = csv.reader(io.StringIO("\n".join(lines[header_index:])), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        for record in reader:
            line = header_index + reader.line_num  # the record's last physical line
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            if not any(cell.strip() for cell in record):
                continue
            rows.append((line, record))
    except csv.Error as error:
        raise ImportFailed([Problem(source, header_index + reader.line_num, 1, f"CSV kan ikke læses: {error}")]) from None
    return Table(source, [(name,) for name in header or []], rows, header_line=header_index + 1)


def jobindsats_table(payload: Any, source: str) -> Table:
    """A jobindsats.dk v2 response: ``[{"Variables": [{"Name", "Label"}], "Data": [[...], ...]}]``."""
    expected = "forventede jobindsats.dk's v2-svar: en liste, hvis første element har 'Variables' og 'Data'"
    if isinstance(payload, dict) and "Variables" in payload:
        payload = [payload]
    if not isinstance(payload, list) or not payload or not isinstance(payload[0], dict):
        raise ImportFailed([Problem(source, 1, 1, f"{expected}; fandt {type(payload).__name__}")])
    table = payload[0]
    variables, data = table.get("Variables"), table.get("Data")
    if not isinstance(variables, list) or not all(isinstance(v, dict) and isinstance(v.get("Name"), str) for v in variables):
        raise ImportFailed([Problem(source, 1, 1, f"{expected}; 'Variables' skal være en liste af {{Name, Label}}")])
    if not isinstance(data, list):
        raise ImportFailed([Problem(source, 1, 1, f"{expected}; 'Data' mangler eller er ikke en liste")])
    columns = [tuple(str(v[key]) for key in ("Name", "Label") if isinstance(v.get(key), str)) for v in variables]
    rows: list[tuple[int, list[Any]]] = []
    problems = []
    for number, row in enumerate(data, start=1):
        if not isinstance(row, list):
            problems.append(Problem(source, number, 1, f"Data-række {number}: forventede en liste af celler, fandt {type(row).__name__}"))
            continue
        rows.append((number, row))
    if problems:
        raise ImportFailed(problems)
    result = Table(source, columns, rows, header_line=1, kind="json")
    if len(payload) > 1:
        result.notes.append(f"{source}: svaret har {len(payload)} tabeller; kun den første er læst")
    return result


# ------------------------------------------------------------- periods and numbers


_QMAT = re.compile(r"(?P<year>\d{4})\s*QMAT\s*0?(?P<quarter>[1-4])", re.IGNORECASE)
_MMAT = re.compile(r"(?P<year>\d{4})\s*MMAT\s*(?P<month>0?[1-9]|1[0-2])", re.IGNORECASE)


def source_period(cell: Any) -> Period:
    """A source's period cell as a Period; adds jobindsats' rolling forms to the period grammar.

    ``2023QMAT02`` is the four quarters ending 2023 Q2 (``3kv22-2kv23``); ``2023MMAT06`` the
    twelve months ending June 2023.
    """
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise PeriodError("the period is missing")
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, bool) or not isinstance(cell, (str, int, date)):
        raise PeriodError(f"expected a period such as 2024Q1, found {cell!r}")
    if isinstance(cell, str):
        text = cell.strip()
        if match := _QMAT.fullmatch(text):
            year, quarter = int(match["year"]), int(match["quarter"])
            first = (year, 1) if quarter == 4 else (year - 1, quarter + 1)
            return parse_period(f"{first[0]:04d}-Q{first[1]}..{year:04d}-Q{quarter}")
        if match := _MMAT.fullmatch(text):
            year, month = int(match["year"]), int(match["month"])
            first = (year, 1) if month == 12 else (year - 1, month + 1)
            return parse_period(f"{first[0]:04d}-{first[1]:02d}..{year:04d}-{month:02d}")
        return parse_period(text)
    return parse_period(cell)


def written_period(period: Period) -> str:
    """How a new period is written into a KPI: ``3kv22-2kv23`` for quarter ranges (as the sources print
    them), the canonical text otherwise. Always parses back to the same period."""
    text = period.canonical
    if period.kind == "range" and period.first and period.last and period.first.kind == period.last.kind == "quarter":
        first, last = period.first, period.last
        if 2000 <= first.year <= 2099 and 2000 <= last.year <= 2099:
            text = f"{first.number}kv{first.year % 100:02d}-{last.number}kv{last.year % 100:02d}"
    try:
        if parse_period(text).canonical == period.canonical:
            return text
    except PeriodError:
        pass
    return period.canonical


_COMMA_GROUPED = re.compile(r"[+\-\u2212]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_POINT_GROUPED = re.compile(r"[+\-\u2212]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_POINT_DECIMAL = re.compile(r"(?P<sign>[+\-\u2212]?)(?P<digits>\d+(?:\.\d+)?)")


def source_number(cell: Any, decimal: str = "auto") -> float | None:
    """A figure cell: ``None`` when missing (empty, ``..``), else a finite float.

    ``decimal`` says what the source's decimal mark is: ``comma`` (Danish: '1.234,5', so '1.650'
    is 1650), ``point`` (English: '1,234.5', so '1.650' is 1.65), or ``auto``: the project's rule,
    which refuses the ambiguous '1.650'.
    """
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise NumberError(f"expected a number, found {cell!r}")
    if isinstance(cell, (int, float)):
        return parse_number(cell)
    if not isinstance(cell, str):
        raise NumberError(f"expected a number, found {type(cell).__name__}")
    text = cell.strip()
    if not text or text.casefold() in MISSING_MARKERS:
        return None
    if decimal == "comma":
        if _COMMA_GROUPED.fullmatch(text):
            text = text.replace(".", "")
        elif "." in text:
            raise NumberError(f"{text!r} is not a number with a decimal comma (use --decimal point if the source writes 1234.5)")
    elif decimal == "point":
        if _POINT_GROUPED.fullmatch(text):
            text = text.replace(",", "")
        elif "," in text:
            raise NumberError(f"{text!r} is not a number with a decimal point (use --decimal comma if the source writes 1234,5)")
        if match := _POINT_DECIMAL.fullmatch(text):
            value = float(match["digits"]) * (-1 if match["sign"] in ("-", "\u2212") else 1)
            return parse_number(value)
    return parse_number(text)


def written_number(value: float) -> str:
    """A figure as it is written into a CSV cell: '1540', '12.5'; '1,125' where '1.125' would be ambiguous."""
    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    try:
        if parse_number(text) == value:
            return text
    except NumberError:
        pass
    return text.replace(".", ",")  # '1.125' is refused as ambiguous; '1,125' is not


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


# ------------------------------------------------------------------- rows to figures


@dataclass(frozen=True)
class Mapping:
    """Which source columns go where: the period column, and KPI column -> source column."""

    period: str | tuple[str, ...]
    columns: dict[str, str]
    filters: tuple[tuple[str, str], ...] = ()
    decimal: str = "auto"


@dataclass(frozen=True)
class Figure:
    """One period's figures from the source."""

    period: Period
    values: dict[str, float]
    line: int


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    """Rows (or cells) with a missing figure: not errors, but reported."""
    filtered_out: int = 0


def _resolve(table: Table, name: str | tuple[str, ...], option: str) -> int:
    names = (name,) if isinstance(name, str) else name
    for candidate in names:
        index = table.find(candidate)
        if index is not None:
            return index
    available = [names_[0] for names_ in table.columns]
    labels = [label for names_ in table.columns for label in names_]
    guess = difflib.get_close_matches(names[0], labels, n=1, cutoff=0.6)
    hint = f". Mente du '{guess[0]}'?" if guess else ""
    shown = " eller ".join(f"'{candidate}'" for candidate in names)
    raise ImportFailed([Problem(table.source, table.header_line, 1,
                                f"kolonnen {shown} findes ikke ({option}); kolonnerne er: {', '.join(available) or 'ingen'}{hint}")])


def extract(table: Table, mapping: Mapping) -> Extraction:
    """The figures of the rows that pass the filters; every row that cannot be used is reported."""
    period_index = _resolve(table, mapping.period, "--period-column")
    value_indexes = {column: _resolve(table, source, f"--value-column/--series {column}")
                     for column, source in mapping.columns.items()}
    filter_indexes = [(_resolve(table, name, "--filter"), value) for name, value in mapping.filters]
    result = Extraction()
    seen: dict[str, tuple[int, list[Any]]] = {}
    matched = 0
    needed = max([period_index, *value_indexes.values(), *(index for index, _ in filter_indexes)])
    for line, cells in table.rows:
        if len(cells) <= needed:
            prefix = f"Data-række {line}: " if table.kind == "json" else ""
            result.problems.append(Problem(table.source, line, max(len(cells), 1),
                                           f"{prefix}rækken har {len(cells)} celler; overskriften har {len(table.columns)}"))
            continue
        if not all(_cell_text(cells[index]).casefold() == value.strip().casefold() for index, value in filter_indexes):
            result.filtered_out += 1
            continue
        matched += 1
        try:
            period = source_period(cells[period_index])
        except PeriodError as error:
            result.problems.append(table.problem(line, period_index, f"kolonne '{table.column_name(period_index)}': {error}"))
            continue
        values: dict[str, float] = {}
        missing: list[tuple[str, int]] = []
        row_ok = True
        for column, index in value_indexes.items():
            try:
                number = source_number(cells[index], mapping.decimal)
            except NumberError as error:
                result.problems.append(table.problem(line, index, f"kolonne '{table.column_name(index)}': {error}"))
                row_ok = False
                continue
            if number is None:
                missing.append((column, index))
            else:
                values[column] = number
        if not row_ok:
            continue
        shown = written_period(period)
        if missing:
            described = ", ".join(f"{column} ('{table.column_name(index)}' er {_cell_text(cells[index]) or 'tom'!r})"
                                  for column, index in missing)
            what = "intet tal importeres" if not values else "de øvrige tal importeres"
            result.skipped.append(table.problem(line, missing[0][1], f"{shown}: mangler {described}; {what}"))
        if not values:
            continue
        if period.canonical in seen:
            first_line, first_cells = seen[period.canonical]
            result.problems.append(table.problem(line, period_index, _duplicate_message(
                table, shown, first_line, first_cells, cells, {period_index, *value_indexes.values()})))
            continue
        seen[period.canonical] = (line, cells)
        result.figures.append(Figure(period, values, line))
    if mapping.filters and not matched:
        index, value = filter_indexes[0]
        found = sorted({_cell_text(cells[index]) for _, cells in table.rows if len(cells) > index})
        sample = ", ".join(found[:8]) + (" ..." if len(found) > 8 else "")
        result.problems.append(Problem(table.source, table.header_line, index + 1,
                                       f"ingen rækker passer til --filter {table.column_name(index)}={value}; "
                                       f"kolonnen har: {sample or 'ingen værdier'}"))
    return result


def _duplicate_message(table: Table, shown: str, first_line: int, first: list[Any], second: list[Any], used: set[int]) -> str:
    unit = "linje" if table.kind == "csv" else "række"
    message = f"perioden {shown} står også på {unit} {first_line}; en periode kan kun have ét tal"
    differing = [index for index in range(min(len(first), len(second)))
                 if index not in used and _cell_text(first[index]) != _cell_text(second[index])]
    if differing:
        index = differing[0]
        name = table.column_name(index)
        message += (f". Rækkerne adskiller sig i kolonnen '{name}' ('{_cell_text(first[index])}' og "
                    f"'{_cell_text(second[index])}'): vælg én med --filter \"{name}={_cell_text(first[index])}\"")
    return message


# ---------------------------------------------------------------------------- merging


@dataclass(frozen=True)
class Change:
    kind: Literal["added", "filled", "changed"]
    period: str
    column: str
    old: str | None
    new: str
    line: int


@dataclass
class Merge:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def conflicts(self) -> list[Change]:
        return [change for change in self.changes if change.kind == "changed"]

    def writes(self, policy: str) -> bool:
        """Whether anything would be written under the policy (replace / keep)."""
        return any(change.kind != "changed" or policy == "replace" for change in self.changes)


@dataclass
class CsvFile:
    """A KPI's CSV as cells of text, so that what is not changed is written back as it was."""

    header: list[str]
    rows: list[list[str]]
    newline: str = "\n"
    bom: bool = False

    @classmethod
    def parse(cls, text: str) -> "CsvFile":
        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        newline = "\r\n" if "\r\n" in text else "\n"
        records = [row for row in csv.reader(io.StringIO(text.replace("\r\n", "\n"))) if any(cell.strip() for cell in row)]
        header = [cell.strip() for cell in records[0]] if records else ["period", "actual"]
        return cls(header, [list(row) for row in records[1:]], newline, bom)

    @classmethod
    def new(cls, columns: Iterable[str]) -> "CsvFile":
        used = set(columns)
        return cls(["period", "actual", *(column for column in VALUE_COLUMNS if column in used and column != "actual")], [])

    def render(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=self.newline)
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return ("\ufeff" if self.bom else "") + out.getvalue()


def _order(period: Period) -> tuple[date, date]:
    return (period.start, period.end)


def merge_csv(existing: CsvFile, figures: list[Figure], policy: str = "error") -> tuple[CsvFile, Merge]:
    """``figures`` merged into a copy of ``existing`` by canonical period; ``policy`` is error, replace or keep.

    Under ``error`` and ``keep`` a differing figure is reported and the old one stays; under
    ``replace`` the source's figure is written. Rows end sorted by period (only if anything changed).
    """
    header = list(existing.header)
    rows = [list(row) + [""] * (len(header) - len(row)) for row in existing.rows]
    period_index = header.index("period")
    periods: dict[str, int] = {}
    parsed: list[Period] = []
    for index, row in enumerate(rows):
        period = parse_period(row[period_index].strip())
        parsed.append(period)
        periods.setdefault(period.canonical, index)
    merge = Merge()
    for figure in figures:
        for column in figure.values:
            if column not in header:
                header.append(column)
                for row in rows:
                    row.append("")
        position = periods.get(figure.period.canonical)
        if position is None:
            row = [""] * len(header)
            shown = written_period(figure.period)
            row[period_index] = shown
            for column, value in figure.values.items():
                row[header.index(column)] = written_number(value)
                merge.changes.append(Change("added", shown, column, None, written_number(value), figure.line))
            periods[figure.period.canonical] = len(rows)
            rows.append(row)
            parsed.append(figure.period)
            continue
        row = rows[position]
        shown = row[period_index].strip()
        for column, value in figure.values.items():
            index = header.index(column)
            cell = row[index].strip()
            new = written_number(value)
            if not cell:
                row[index] = new
                merge.changes.append(Change("filled", shown, column, None, new, figure.line))
                continue
            old = parse_number(cell)
            if old is not None and _same(old, value):
                merge.unchanged += 1
                continue
            merge.changes.append(Change("changed", shown, column, cell, new, figure.line))
            if policy == "replace":
                row[index] = new
    if not merge.writes(policy):
        return existing, merge
    # Rows that were added or filled under "error" would be written only if there are no
    # conflicts; the caller decides. Sorting is stable: equal periods keep their order.
    order = sorted(range(len(rows)), key=lambda index: _order(parsed[index]))
    return CsvFile(header, [rows[index] for index in order], existing.newline, existing.bom), merge


# --------------------------------------------------------------- inline actuals in YAML


def _ruamel(config: tuple[int, int, int]):
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = config
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _round_trip(text: str):
    """The file loaded with ruamel.yaml and the settings that write it back unchanged, or ``None``."""
    for config in ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4)):
        yaml = _ruamel(config)
        try:
            data = yaml.load(text)
        except Exception:  # noqa: BLE001 - ruamel raises many kinds; any of them means "cannot round-trip"
            return None
        out = io.StringIO()
        yaml.dump(data, out)
        if out.getvalue() == text:
            return yaml, data
    return None


def _yaml_number(value: float):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    text = written_number(value)
    return DoubleQuotedScalarString(text) if "," in text else float(text)


def merge_yaml(text: str, kpi: Kpi, figures: list[Figure], policy: str = "error") -> tuple[str, Merge]:
    """``figures`` merged into a KPI file's inline ``actuals:``, keeping comments, order and quoting.

    ``kpi`` is the validated file (its actuals are in the same order as the YAML list). Raises
    :class:`ImportFailed` if ruamel.yaml would change the file beyond the actuals.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    loaded = _round_trip(text)
    if loaded is None:
        raise ImportFailed("the YAML file cannot be rewritten without changing its layout")
    yaml, data = loaded
    items = data.get("actuals")
    if not isinstance(items, CommentedSeq) or len(items) != len(kpi.actuals):
        raise ImportFailed("the file's actuals: are not a plain list of figures")
    positions = {actual.period.canonical: index for index, actual in enumerate(kpi.actuals)}
    merge = Merge()
    flow = bool(items) and all(isinstance(item, CommentedMap) and item.fa.flow_style() for item in items)
    for figure in figures:
        index = positions.get(figure.period.canonical)
        if index is None:
            shown = written_period(figure.period)
            item = CommentedMap()
            item["period"] = figure.period.year if figure.period.kind == "year" else shown
            for column in VALUE_COLUMNS:
                if column in figure.values:
                    item[column] = _yaml_number(figure.values[column])
                    merge.changes.append(Change("added", shown, column, None, written_number(figure.values[column]), figure.line))
            if flow:
                item.fa.set_flow_style()
            at = next((i for i, actual in enumerate(kpi.actuals) if _order(actual.period) > _order(figure.period)), None)
            # Insert in period order when the list is in period order; otherwise at the end.
            in_order = all(_order(a.period) <= _order(b.period) for a, b in zip(kpi.actuals, kpi.actuals[1:]))
            if at is None or not in_order:
                items.append(item)
                kpi = kpi.model_copy(update={"actuals": [*kpi.actuals, _actual(figure)]})
                positions[figure.period.canonical] = len(items) - 1
            else:
                items.insert(at, item)
                kpi = kpi.model_copy(update={"actuals": [*kpi.actuals[:at], _actual(figure), *kpi.actuals[at:]]})
                positions = {actual.period.canonical: i for i, actual in enumerate(kpi.actuals)}
            continue
        item = items[index]
        actual = kpi.actuals[index]
        shown = str(item.get("period"))
        for column, value in figure.values.items():
            old = getattr(actual, column)
            new = written_number(value)
            if old is None:
                _set_in_order(item, column, _yaml_number(value))
                merge.changes.append(Change("filled", shown, column, None, new, figure.line))
            elif _same(old, value):
                merge.unchanged += 1
            else:
                merge.changes.append(Change("changed", shown, column, written_number(old), new, figure.line))
                if policy == "replace":
                    item[column] = _yaml_number(value)
    if not merge.writes(policy):
        return text, merge
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue(), merge


def _actual(figure: Figure):
    from .model import Actual

    return Actual.model_validate({"period": figure.period.canonical, **figure.values})


def _set_in_order(item, column: str, value: Any) -> None:
    """Add a key to a figure where ACTUAL_COLUMNS puts it (before 'note', after 'actual')."""
    rank = ACTUAL_COLUMNS.index(column)
    position = sum(1 for key in item if key in ACTUAL_COLUMNS and ACTUAL_COLUMNS.index(key) < rank)
    item.insert(position, column, value)


# ------------------------------------------------------------------------------ I/O


def fetch(url: str, key: str | None, body: bytes | None = None, timeout: float = 60.0) -> bytes:
    """GET (or POST ``body`` as JSON to) ``url``, sending the key as the Authorization header."""
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise ImportFailed(f"--url skal begynde med https:// (eller http://); fandt {url!r}")
    headers = {"Accept": "application/json, text/csv;q=0.9, */*;q=0.1", "User-Agent": "planspor-import"}
    if key:
        headers[KEY_HEADER] = key
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            raw = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip()
        hint = " (er nøglen rigtig?)" if error.code in (401, 403) else ""
        raise ImportFailed(f"{url}: serveren svarede {error.code} {error.reason}{hint}" + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ImportFailed(f"{url}: kunne ikke hente: {reason}") from None
    if len(raw) > MAX_RESPONSE_BYTES:
        raise ImportFailed(f"{url}: svaret er større end {MAX_RESPONSE_BYTES:,} bytes")
    return raw


def excel_table(path: Path, source: str, sheet: str | None) -> Table:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency of the project
        raise ImportFailed("Excel-filer kræver pakken openpyxl (pip install openpyxl)") from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises zipfile, KeyError, ValueError ...
        raise ImportFailed([Problem(source, 1, 1, f"kan ikke læses som en Excel-fil (.xlsx): {error}")]) from None
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise ImportFailed([Problem(source, 1, 1, f"arket '{sheet}' findes ikke; arkene er: {', '.join(workbook.sheetnames)}")])
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        header: list[str] | None = None
        header_line = 1
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if not any(cell is not None and str(cell).strip() for cell in cells):
                continue
            if header is None:
                header = [_cell_text(cell) for cell in cells]
                header_line = number
                continue
            rows.append((number, cells))
        name = f"{source} [{worksheet.title}]" if sheet is not None or len(workbook.sheetnames) > 1 else source
        width = len(header or [])
        rows = [(number, cells + [None] * (width - len(cells))) for number, cells in rows]  # empty trailing cells
    finally:
        workbook.close()
    return Table(name, [(column,) for column in header or []], rows, header_line=header_line, kind="excel")


def detect_format(path: Path | None, raw: bytes | None, url: str | None) -> str:
    if url and raw is not None and raw.lstrip()[:1] not in (b"[", b"{"):
        url = None  # a fetched CSV (e.g. Statbank's API): tell it by its header
    if url:
        return "jobindsats"
    suffix = path.suffix.lower() if path else ""
    if suffix in (".xlsx", ".xlsm"):
        return "excel"
    if suffix == ".json":
        return "jobindsats"
    if raw is not None:
        text, _ = decode_text(raw[:4096])
        first = next((line for line in text.splitlines() if line.strip()), "")
        if first.lstrip().startswith("["):
            return "jobindsats"
        if ";" in first and "INDHOLD" in (cell.strip().strip('"').upper() for cell in first.split(";")):
            return "statbank"
    return "csv"


def read_source(args, raw: bytes | None, source: str, path: Path | None, fmt: str) -> Table:
    if fmt == "excel":
        if path is None:
            raise ImportFailed("Excel kan kun læses fra en fil")
        return excel_table(path, source, args.sheet)
    assert raw is not None
    if fmt == "jobindsats":
        text, _ = decode_text(raw, args.encoding)
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFailed([Problem(source, error.lineno, error.colno, f"ugyldig JSON: {error.msg}")]) from None
        return jobindsats_table(payload, source)
    text, encoding = decode_text(raw, args.encoding)
    table = delimited_table(text, source, ";" if fmt == "statbank" else args.delimiter)
    if encoding != "UTF-8":
        table.notes.append(f"{source}: læst som {encoding}")
    return table


@dataclass(frozen=True)
class KpiFiles:
    """Where a KPI's figures live."""

    kpi: Kpi
    yaml_path: Path
    csv_path: Path
    inline: bool
    """The figures are inline in the YAML (``actuals:``), not in a CSV."""


def resolve_kpi(root: Path, spec: str) -> Path:
    folder, slash, kpi_id = spec.rpartition("/")
    if not ID_RE.fullmatch(kpi_id) or (slash and not ID_RE.fullmatch(folder)):
        raise ImportFailed(f"'{spec}' er ikke et nøgletal: skriv ORGANISATION/ID eller ID, fx slagelse/slagelse-sdp-hp")
    pattern = f"{folder}/{kpi_id}.y*ml" if slash else f"*/{kpi_id}.y*ml"
    found = sorted((root / KPI_DIR).glob(pattern))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise ImportFailed(f"'{spec}' findes flere steder: {', '.join(p.as_posix() for p in found)}; skriv ORGANISATION/ID")
    known = [f"{p.parent.name}/{p.stem}" for p in (root / KPI_DIR).glob("*/*.y*ml")]
    guess = difflib.get_close_matches(spec if slash else kpi_id, known if slash else [k.split("/")[1] for k in known], n=1)
    hint = f"; mente du '{guess[0]}'?" if guess else ""
    raise ImportFailed(f"nøgletallet '{spec}' findes ikke under {KPI_DIR}/{hint} Opret det med 'planspor new kpi ORGANISATION/ID'.")


def load_target(root: Path, spec: str) -> KpiFiles:
    yaml_path = resolve_kpi(root, spec)
    problems: list[Problem] = []
    loaded = read_record(yaml_path, root, Kpi, problems)
    if loaded is None:
        raise ImportFailed(problems + [Problem("", 0, 0, "Ret først nøgletallets fil; intet er importeret.")])
    kpi = loaded[0]
    csv_path = yaml_path.with_suffix(".csv")
    if csv_path.exists():
        if kpi.actuals:
            raise ImportFailed(f"{_rel(yaml_path, root)} har både actuals: og {csv_path.name}; behold kun den ene, før du importerer")
        if read_actuals_csv(csv_path, root, problems) is not None and not problems:
            problems.extend(_duplicate_periods(csv_path, root))
        if problems:
            raise ImportFailed(problems + [Problem("", 0, 0, "Ret først CSV-filen; intet er importeret.")])
    return KpiFiles(kpi, yaml_path, csv_path, inline=bool(kpi.actuals) and not csv_path.exists())


def _duplicate_periods(path: Path, root: Path) -> list[Problem]:
    """A period twice in a (valid) KPI CSV: the merge would not know which row to update."""
    reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")))
    header = [cell.strip() for cell in next(reader, [])]
    column = header.index("period")
    seen: dict[str, int] = {}
    problems = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        canonical = parse_period(row[column].strip()).canonical
        if canonical in seen:
            problems.append(Problem(_rel(path, root), reader.line_num, column + 1,
                                    f"perioden {row[column].strip()} står også på linje {seen[canonical]}; slet den ene"))
        seen.setdefault(canonical, reader.line_num)
    return problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def atomic_write(path: Path, text: str, check: Callable[[Path], list[Problem]]) -> None:
    """Write beside ``path``, check the written file, then move it into place in one step."""
    mode = (path.stat().st_mode & 0o777) if path.exists() else (0o666 & ~_umask())
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                         prefix=f".{path.name}.", suffix=".tmp", delete=False)
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        problems = check(temporary)
        if problems:
            raise ImportFailed(problems + [Problem("", 0, 0, f"Planspor-fejl: den flettede fil ville ikke validere; {path.name} er ikke ændret.")])
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _parse_pairs(values: list[str] | None, option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values or []:
        name, equals, column = value.partition("=")
        if not equals or not name.strip() or not column.strip():
            raise ImportFailed(f"{option} {value!r}: skriv NAVN=VÆRDI, fx {option} expected=Forventet" if option == "--series"
                               else f"{option} {value!r}: skriv KOLONNE=VÆRDI, fx {option} area=Slagelse")
        pairs.append((name.strip(), column.strip()))
    return pairs


def _mapping(args, fmt: str) -> Mapping:
    filters = tuple(_parse_pairs(args.filter, "--filter"))
    columns: dict[str, str] = {}
    value_column = args.value_column or VALUE_DEFAULTS.get(fmt)
    if value_column:
        columns["actual"] = value_column
    for name, column in _parse_pairs(args.series, "--series"):
        if name not in VALUE_COLUMNS or name == "actual" and "actual" in columns:
            allowed = ", ".join(column for column in VALUE_COLUMNS if column != "actual")
            raise ImportFailed(f"--series {name}=...: kendte talrækker er {allowed} (actual vælges med --value-column)")
        columns[name] = column
    if not columns:
        raise ImportFailed("sig, hvilken kolonne tallene står i: --value-column KOLONNE (og evt. --series expected=KOLONNE)")
    period = (args.period_column,) if args.period_column else PERIOD_DEFAULTS[fmt]
    decimal = args.decimal if args.decimal != "auto" else DEFAULT_DECIMAL.get(fmt, "auto")
    return Mapping(period, columns, filters, decimal)


_FREQUENCY_KINDS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "half": "half", "year": "year"}


def frequency_warnings(kpi: Kpi, figures: list[Figure]) -> list[str]:
    """Periods that do not fit the KPI's stated frequency (a hint, not an error)."""
    if kpi.frequency is None:
        return []
    frequency = kpi.frequency.value
    odd = []
    for figure in figures:
        period = figure.period
        if frequency == "rolling-4q":
            fits = (period.kind == "range" and period.first is not None and period.last is not None
                    and period.first.kind == period.last.kind == "quarter"
                    and (period.last.year * 4 + period.last.number) - (period.first.year * 4 + period.first.number) == 3)
        else:
            fits = period.kind == _FREQUENCY_KINDS.get(frequency, period.kind)
        if not fits:
            odd.append(written_period(period))
    if not odd:
        return []
    shown = ", ".join(odd[:5]) + (" ..." if len(odd) > 5 else "")
    return [f"Bemærk: nøgletallet har frequency: {frequency}, men {len(odd)} periode(r) passer ikke: {shown}"]


_SIGNS = {"added": "+", "filled": "+", "changed": "!"}
_WHAT = {"added": "ny periode", "filled": "tomt felt udfyldt", "changed": "ændret tal"}


def describe(changes: list[Change], source: str, unit: str) -> list[str]:
    lines = []
    for change in changes:
        old = f"{change.old} → " if change.old is not None else ""
        lines.append(f"  {_SIGNS[change.kind]} {change.period}: {change.column} {old}{change.new}"
                     f"  ({_WHAT[change.kind]}; {source} {unit} {change.line})")
    return lines


def run(args) -> int:
    """``planspor import``: read, merge, report, write. Exit 0 on success or no change, 1 otherwise."""
    root = Path(args.root)
    try:
        return _run(args, root)
    except ImportFailed as failure:
        for problem in failure.problems:
            print(_show_problem(problem), file=sys.stderr)
        print("Intet er skrevet.", file=sys.stderr)
        return 1


def _run(args, root: Path) -> int:
    if args.replace and args.keep:
        raise ImportFailed("brug enten --replace eller --keep, ikke begge")
    if (args.source is None) == (args.url is None):
        raise ImportFailed("angiv enten en fil (planspor import KPI FIL) eller --url")
    target = load_target(root, args.kpi)
    raw: bytes | None = None
    path: Path | None = None
    if args.url:
        needs_key = args.format in ("auto", "jobindsats") and bool(args.key_env)
        key = os.environ.get(args.key_env) if needs_key else None
        if needs_key and not key:
            raise ImportFailed(f"miljøvariablen {args.key_env} er ikke sat; den skal indeholde API-nøglen til jobindsats.dk")
        body = args.body.encode("utf-8") if args.body is not None else None
        if body is not None:
            try:
                json.loads(body)
            except json.JSONDecodeError as error:
                raise ImportFailed(f"--body er ikke gyldig JSON: {error}") from None
        raw = fetch(args.url, key, body)
        source = args.url
        if args.save_response:
            Path(args.save_response).write_bytes(raw)
    else:
        path = Path(args.source)
        source = args.source
        if not path.is_file():
            raise ImportFailed(f"{source}: filen findes ikke")
        raw = path.read_bytes() if path.suffix.lower() not in (".xlsx", ".xlsm") else None
    fmt = args.format if args.format != "auto" else detect_format(path, raw, args.url)
    table = read_source(args, raw, source, path, fmt)
    mapping = _mapping(args, fmt)
    extraction = extract(table, mapping)
    for note in table.notes:
        print(note)
    if extraction.problems:
        raise ImportFailed(extraction.problems)
    unit = "række" if table.kind in ("json", "excel") else "linje"
    if extraction.skipped:
        print("Uden tal (springes over):")
        for problem in extraction.skipped:
            print(f"  {problem}")
    if extraction.filtered_out:
        shown = " ".join(f"{name}={value}" for name, value in mapping.filters)
        rows = "række er" if extraction.filtered_out == 1 else "rækker er"
        print(f"{extraction.filtered_out} {rows} udeladt af --filter {shown}.")
    for warning in frequency_warnings(target.kpi, extraction.figures):
        print(warning)

    policy = "replace" if args.replace else ("keep" if args.keep else "error")
    destination = target.yaml_path if target.inline else target.csv_path
    shown_destination = _rel(destination, root)
    if target.inline:
        original = target.yaml_path.read_text(encoding="utf-8")
        try:
            text, merge = merge_yaml(original, target.kpi, extraction.figures, policy)
        except ImportFailed:
            raise ImportFailed(
                f"{shown_destination}: tallene står i filen under actuals:, og filen kan ikke skrives om uden at ændre "
                f"dens form. Flyt tallene til {target.csv_path.name} (kolonnerne period,actual), og importér igen."
            ) from None
    else:
        exists = target.csv_path.exists()
        original = target.csv_path.read_bytes().decode("utf-8") if exists else ""
        current = CsvFile.parse(original) if exists else CsvFile.new(
            column for figure in extraction.figures for column in figure.values)
        merged, merge = merge_csv(current, extraction.figures, policy)
        text = merged.render() if (merge.writes(policy) or not exists) else original

    print(f"{source} → {shown_destination}" + ("" if target.inline or target.csv_path.exists() else " (ny fil)"))
    if merge.conflicts and policy == "error":
        print(f"{len(merge.conflicts)} tal for perioder, der allerede findes, er anderledes i kilden:", file=sys.stderr)
        for line in describe(merge.conflicts, source, unit):
            print(line, file=sys.stderr)
        pending = len(merge.changes) - len(merge.conflicts)
        if pending:
            print(f"Desuden {pending} nye tal, som heller ikke er skrevet.", file=sys.stderr)
        print("Intet er skrevet. Brug --replace for at erstatte dem med kildens tal, eller --keep for at "
              "beholde de nuværende og kun tilføje det nye.", file=sys.stderr)
        return 1
    for line in describe(merge.changes, source, unit):
        print(line + ("  – beholdt (--keep)" if policy == "keep" and line.lstrip().startswith("!") else ""))
    if not merge.writes(policy):
        print(f"ingen ændringer ({merge.unchanged} tal er allerede de samme).")
        return 0
    counts = _counts(merge, policy)
    if args.dry_run:
        print(f"--dry-run: intet skrevet ({counts}).")
        return 0

    def check(written: Path) -> list[Problem]:
        problems: list[Problem] = []
        if target.inline:
            read_record(written, root, Kpi, problems)
        else:
            read_actuals_csv(written, root, problems)
        return problems

    destination.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(destination, text, check)
    print(f"Skrev {shown_destination}: {counts}.")
    return 0


def _counts(merge: Merge, policy: str) -> str:
    added = len({change.period for change in merge.changes if change.kind == "added"})
    filled = sum(1 for change in merge.changes if change.kind == "filled")
    replaced = sum(1 for change in merge.changes if change.kind == "changed" and policy == "replace")
    kept = sum(1 for change in merge.changes if change.kind == "changed" and policy != "replace")
    parts = [f"{added} {'ny periode' if added == 1 else 'nye perioder'}",
             f"{filled} {'tomt felt' if filled == 1 else 'tomme felter'} udfyldt", f"{replaced} tal erstattet"]
    if kept:
        parts.append(f"{kept} ændrede tal beholdt som før")
    return ", ".join(parts)


def add_parser(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import", help="merge figures from a CSV/Excel file, jobindsats.dk or Statistikbanken into a KPI",
        description="Merge figures into a KPI's actuals by period. Re-importing the same source changes nothing; "
        "a changed figure for an existing period is reported and replaced only with --replace.",
        epilog="Examples:\n"
        "  planspor import slagelse/slagelse-sdp-hp tal.xlsx --period-column Periode --value-column 'Faktisk antal'\n"
        "  planspor import slagelse-sdp-benchmark svar.json --filter area=Slagelse --value-column 'Faktisk antal' "
        "--series expected='Forventet antal'\n"
        "  planspor import slagelse-sdp-hp statbank.csv --filter OMRÅDE=Slagelse\n"
        "  planspor import slagelse-sdp-hp --url https://api.jobindsats.dk/v2/data/y30r21/json --filter area=Slagelse "
        "--value-column 'Faktisk antal'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("kpi", metavar="KPI", help="ORG/ID or ID of the KPI, e.g. slagelse/slagelse-sdp-hp")
    command.add_argument("source", metavar="FILE", nargs="?", help="CSV, Excel (.xlsx), jobindsats.dk JSON or Statbank CSV")
    command.add_argument("--format", choices=FORMATS, default="auto",
                         help="kind of source (default: from the file: .xlsx excel, .json jobindsats, "
                         "a ';' header with INDHOLD statbank, else csv; with --url jobindsats)")
    command.add_argument("--period-column", help="column with the period (default: period/Periode; Statbank: TID)")
    command.add_argument("--value-column", help="column with the KPI's figure, written to 'actual' (Statbank default: INDHOLD)")
    command.add_argument("--series", action="append", metavar="NAME=COLUMN",
                         help="also import a comparison series, e.g. expected='Forventet antal' (repeatable)")
    command.add_argument("--filter", action="append", metavar="COLUMN=VALUE",
                         help="use only rows where COLUMN is VALUE, e.g. area=Slagelse (repeatable; all must match)")
    command.add_argument("--sheet", help="Excel sheet (default: the first)")
    command.add_argument("--decimal", choices=DECIMALS, default="auto",
                         help="the source's decimal mark (default: comma for jobindsats.dk, else the project's rule)")
    command.add_argument("--delimiter", help="CSV delimiter (default: guessed from the header: ';', ',' or tab)")
    command.add_argument("--encoding", help="source encoding (default: UTF-8, else Windows-1252/ISO-8859-1)")
    command.add_argument("--url", help="fetch a jobindsats.dk API response instead of reading a file")
    command.add_argument("--key-env", default=DEFAULT_KEY_ENV,
                         help=f"environment variable with the API key, sent as the {KEY_HEADER} header (default: {DEFAULT_KEY_ENV})")
    command.add_argument("--body", help="JSON to POST to --url (the API's query, e.g. '{\"area\": \"*\", \"period\": [\"2024QMAT02\"]}')")
    command.add_argument("--save-response", metavar="FILE", help="also save the fetched response (for the pull request)")
    command.add_argument("--replace", action="store_true", help="replace figures that differ from the source")
    command.add_argument("--keep", action="store_true", help="keep figures that differ; add only new periods and empty cells")
    command.add_argument("--dry-run", action="store_true", help="print the changes; write nothing")
    command.add_argument("--root", default=".", help="folder with plans/ and kpi_data/")
    command.set_defaults(run=run)
