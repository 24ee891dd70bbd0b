"""The open-data downloads: every KPI's targets and figures as JSON and CSV under ``data/``.

Paths are stable (``data/kpis.json``, ``data/kpis.csv``, ``data/kpis/<id>.json`` and
``.csv``) and documented in ``docs/data.md``. Numbers are machine-readable (a dot
for decimals, no thousands separators); derived columns (difference, the target for
the period, the required path, status) are computed exactly as on the pages.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import __version__
from .kpi_rows import KpiRow, kpi_rows
from .model import ID_RE, Kpi, SeriesValue, Target
from .status import KpiStatus

DATA_DIR = "data"
CSV_COLUMNS = (
    "period", "period_start", "period_end", "actual", "expected", "cluster", "national", "rank",
    "difference", "printed_difference", "printed_difference_mismatch", "target", "required_path", "note",
)
ALL_COLUMNS = ("kpi_id", *CSV_COLUMNS)


def kpi_json_path(kpi_id: str) -> str:
    return f"{DATA_DIR}/kpis/{kpi_id}.json"


def kpi_csv_path(kpi_id: str) -> str:
    return f"{DATA_DIR}/kpis/{kpi_id}.csv"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 10)


def _target(target: Target) -> dict[str, Any]:
    value: Any = _number(target.value) if not isinstance(target.value, SeriesValue) else {
        "series": target.value.series, "offset": _number(target.value.offset)}
    return {
        "period": target.period.canonical if target.period else None,
        "deadline": target.period.end.isoformat() if target.period else None,
        "type": target.type.value,
        "value": value,
        "baseline": {"period": target.baseline.period.canonical, "value": _number(target.baseline.value)}
        if target.baseline else None,
        "decided": target.decided.isoformat() if target.decided else None,
        "by": target.by,
        "note": target.note,
    }


def _row(row: KpiRow) -> dict[str, Any]:
    actual = row.actual
    return {
        "period": actual.period.canonical,
        "period_start": actual.period.start.isoformat(),
        "period_end": actual.period.end.isoformat(),
        "actual": _number(actual.actual),
        "expected": _number(actual.expected),
        "cluster": _number(actual.cluster),
        "national": _number(actual.national),
        "rank": _number(actual.rank),
        "difference": _number(row.difference),
        "printed_difference": _number(actual.printed_difference),
        "printed_difference_mismatch": row.mismatch,
        "target": _number(row.goal),
        "required_path": _number(row.path),
        "note": actual.note,
    }


def kpi_record(kpi: Kpi, status: KpiStatus, as_of: date, organisation_folder: str,
               rows: list[KpiRow] | None = None) -> dict[str, Any]:
    """One KPI as a JSON-ready record; ``rows`` are its :func:`kpi_rows` when already at hand."""
    return {
        "id": kpi.id,
        "title": kpi.title,
        "organisation": kpi.organisation,
        "organisation_id": organisation_folder,
        "unit": kpi.unit,
        "better": kpi.better.value,
        "frequency": kpi.frequency.value if kpi.frequency else None,
        "data_source": kpi.data_source,
        "source": kpi.source,
        "rank_of": kpi.rank_of,
        "status": {"state": status.state, "as_of": as_of.isoformat(),
                   "latest_period": status.latest.period.canonical if status.latest else None,
                   "latest_actual": _number(status.latest.actual) if status.latest else None,
                   "goal": _number(status.goal)},
        "targets": [_target(target) for target in kpi.targets],
        "actuals": [_row(row) for row in (kpi_rows(kpi) if rows is None else rows)],
        "notes": list(kpi.notes),
    }


def _cell(value: Any) -> Any:
    return "" if value is None else "true" if value is True else "false" if value is False else value


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row.get(column)) for column in columns] for row in rows)
    return buffer.getvalue()


def _json(value: Any) -> str:
    # Compact: Python's JSON encoder runs in C only without indentation, and indenting thousands of
    # records cost a national build a second for nothing a program reading the files needs.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


@dataclass(frozen=True)
class KpiFiles:
    """One KPI's download files by path, and its parts of the files with every KPI."""

    kpi_id: str
    files: dict[str, str]
    all_rows_csv: str
    """The KPI's rows as in ``kpis.csv``, without the header."""

    @property
    def record_json(self) -> str:
        """The KPI's record as in ``kpis.json``: its own JSON file is that record."""
        return self.files[kpi_json_path(self.kpi_id)][:-1]


def kpi_files(kpi: Kpi, status: KpiStatus, as_of: date, organisation_folder: str,
              rows: list[KpiRow] | None = None) -> KpiFiles:
    """One KPI's two download files (JSON and CSV), and what it adds to ``kpis.json`` and ``kpis.csv``."""
    record = kpi_record(kpi, status, as_of, organisation_folder, rows)
    record_json = _json(record)
    own_csv = _csv(record["actuals"], CSV_COLUMNS)
    rows = own_csv.partition("\n")[2]
    if '"' in rows or not ID_RE.fullmatch(kpi.id):  # a quoted cell may hold a line break: write the rows out
        all_rows = _csv([{"kpi_id": kpi.id, **row} for row in record["actuals"]], ALL_COLUMNS).partition("\n")[2]
    else:
        # Without quotes, every line break ends a row: the rows of kpis.csv are the KPI's own with its
        # id in front (an id needs no quoting).
        all_rows = "".join(f"{kpi.id},{line}\n" for line in rows.split("\n") if line)
    return KpiFiles(kpi.id, {kpi_json_path(kpi.id): record_json, kpi_csv_path(kpi.id): own_csv}, all_rows)


def all_kpis_files(parts: list[KpiFiles], as_of: date) -> dict[str, str]:
    """The downloads with every KPI, ``kpis.json`` and ``kpis.csv``, put together from each KPI's part.

    The same text as encoding all records at once (compact JSON with sorted keys), without encoding
    every record a second time."""
    head = _json({"as_of": as_of.isoformat(), "generator": f"Planspor {__version__}", "kpis": []})
    assert head.endswith('"kpis":[]}\n')
    return {
        f"{DATA_DIR}/kpis.json": head[: -len("]}\n")] + ",".join(part.record_json for part in parts) + "]}\n",
        f"{DATA_DIR}/kpis.csv": _csv([], ALL_COLUMNS) + "".join(part.all_rows_csv for part in parts),
    }


def open_data_files(kpis: list[Kpi], statuses: dict[str, KpiStatus], folders: dict[str, str], as_of: date) -> dict[str, str]:
    """Every download file's path under the site and its text."""
    files: dict[str, str] = {}
    parts = []
    for kpi in kpis:
        part = kpi_files(kpi, statuses[kpi.id], as_of, folders[kpi.id])
        parts.append(part)
        files.update(part.files)
    files.update(all_kpis_files(parts, as_of))
    return files
