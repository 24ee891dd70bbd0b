"""Derived KPI columns and the open-data downloads under data/."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from generator.kpi_rows import kpi_rows, target_for
from generator.model import Kpi
from generator.opendata import open_data_files
from generator.status import kpi_status


def kpi(targets, actuals, better="lower") -> Kpi:
    return Kpi.model_validate({"id": "k", "title": "K", "organisation": "O", "unit": "HP", "better": better,
                               "targets": targets, "actuals": actuals})


def test_rows_compute_difference_and_flag_a_printed_figure_that_disagrees(sample_project):
    rows = {row.period.canonical: row for row in kpi_rows(sample_project.kpi("slagelse-sdp-benchmark"))}
    assert len(rows) == 8
    flagged = rows["2022-Q1..2022-Q4"]
    assert (flagged.actual.actual, flagged.actual.expected, flagged.difference) == (1690, 1550, 140)
    assert flagged.actual.printed_difference == -140 and flagged.mismatch
    assert [period for period, row in rows.items() if row.mismatch] == ["2022-Q1..2022-Q4"]
    assert rows["2019-Q3..2020-Q2"].goal == 1350  # the standing target: at most the expected level


def test_target_for_a_period_and_required_path():
    targets = [{"period": 2024, "value": 25, "type": "min", "baseline": {"period": 2022, "value": 10}}]
    k = kpi(targets, [{"period": 2023, "actual": 18}], "higher")
    assert target_for(k, date(2023, 12, 31)) is k.targets[0]
    [row] = kpi_rows(k)
    assert row.goal == 25 and round(row.path, 2) == 17.49  # 10 + 15 × 365/731


def test_open_data_files_are_machine_readable_and_complete(sample_project):
    as_of = date(2024, 6, 1)
    statuses = {k.id: kpi_status(k, as_of) for k in sample_project.kpis}
    files = open_data_files(list(sample_project.kpis), statuses, sample_project.kpi_folders, as_of)
    assert set(files) >= {"data/kpis.json", "data/kpis.csv", "data/kpis/slagelse-sdp-benchmark.json",
                          "data/kpis/slagelse-sdp-benchmark.csv"}
    record = json.loads(files["data/kpis/slagelse-sdp-benchmark.json"])
    assert record["status"] == {"state": "achieved", "as_of": "2024-06-01", "latest_period": "2023-Q1..2023-Q4",
                                "latest_actual": 1560, "goal": 1710}
    assert record["targets"][0]["value"] == {"series": "expected", "offset": 0}
    rows = list(csv.DictReader(io.StringIO(files["data/kpis/slagelse-sdp-benchmark.csv"])))
    assert len(rows) == 8
    flagged = next(row for row in rows if row["period"] == "2022-Q1..2022-Q4")
    assert flagged["difference"] == "140" and flagged["printed_difference"] == "-140"
    assert flagged["printed_difference_mismatch"] == "true" and flagged["rank"] == "3"
    everything = json.loads(files["data/kpis.json"])
    assert len(everything["kpis"]) == len(sample_project.kpis)
    # A KPI without figures is in the data with its targets and no rows: never an invented figure.
    empty = json.loads(files["data/kpis/slagelse-sdp-hp.json"])
    assert empty["actuals"] == [] and empty["status"]["state"] == "no_data" and empty["targets"][0]["value"] == 930


def test_open_data_is_deterministic(sample_project):
    as_of = date(2024, 6, 1)
    statuses = {k.id: kpi_status(k, as_of) for k in sample_project.kpis}
    first = open_data_files(list(sample_project.kpis), statuses, sample_project.kpi_folders, as_of)
    assert first == open_data_files(list(sample_project.kpis), statuses, sample_project.kpi_folders, as_of)
