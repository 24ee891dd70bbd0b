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
from datetime import date
from typing import Any

from . import __version__
from .kpi_rows import KpiRow, kpi_rows
from .model import Kpi, SeriesValue, Target
from .status import KpiStatus

DATA_DIR = "data"
CSV_COLUMNS = (
    "period", "period_start", "period_end", "actual", "expected", "cluster", "national", "rank",
    "difference", "printed_difference", "printed_difference_mismatch", "target", "required_path", "note",
)


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


def kpi_record(kpi: Kpi, status: KpiStatus, as_of: date, organisation_folder: str) -> dict[str, Any]:
    """One KPI as a JSON-ready record."""
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
        "actuals": [_row(row) for row in kpi_rows(kpi)],
        "notes": list(kpi.notes),
    }


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: ("" if value is None else ("true" if value is True else "false" if value is False else value))
                         for key, value in row.items()})
    return buffer.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def open_data_files(kpis: list[Kpi], statuses: dict[str, KpiStatus], folders: dict[str, str], as_of: date) -> dict[str, str]:
    """Every download file's path under the site and its text."""
    records = [kpi_record(kpi, statuses[kpi.id], as_of, folders[kpi.id]) for kpi in kpis]
    files: dict[str, str] = {}
    all_rows = []
    for record in records:
        files[kpi_json_path(record["id"])] = _json(record)
        files[kpi_csv_path(record["id"])] = _csv(record["actuals"], CSV_COLUMNS)
        all_rows += [{"kpi_id": record["id"], **row} for row in record["actuals"]]
    files[f"{DATA_DIR}/kpis.json"] = _json({"as_of": as_of.isoformat(), "generator": f"Planspor {__version__}",
                                            "kpis": records})
    files[f"{DATA_DIR}/kpis.csv"] = _csv(all_rows, ("kpi_id", *CSV_COLUMNS))
    return files
