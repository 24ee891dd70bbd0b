"""``planspor import``: parsing the three kinds of source, merging by period, and the command end to end.

The sources are recorded files in tests/fixtures/import/ (synthetic numbers); the fetching path
is served by a local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.cli import main
from generator.importer import (
    CsvFile,
    Figure,
    ImportFailed,
    Mapping,
    delimited_table,
    extract,
    jobindsats_table,
    merge_csv,
    source_number,
    source_period,
    written_number,
    written_period,
)
from generator.load import load_project
from generator.numbers import NumberError, parse_number
from generator.periods import PeriodError, parse_period

from .conftest import write_project

FIXTURES = Path(__file__).parent / "fixtures" / "import"

BENCH_KPI = """\
# yaml-language-server: $schema=../../schema/kpi.schema.json
id: test-bench
title: Benchmark
organisation: Test Kommune
unit: helårspersoner
better: lower
frequency: rolling-4q
rank_of: 98
targets:
  - value: {series: expected}
    type: max
"""
BENCH_CSV = "period,actual,expected\n3kv21-2kv22,1520,1690\n1kv22-4kv22,1690,1550\n"

INLINE_KPI = """\
# yaml-language-server: $schema=../../schema/kpi.schema.json
id: test-inline
title: Inline   # a comment that must survive
organisation: Test Kommune
unit: helårspersoner
better: lower
frequency: quarter
targets:
  - {period: 2024, value: 930, type: max}
actuals:
  # the first figure, from the document
  - period: 2022-Q1
    actual: 1200
    note: "Dokumentet skriver \\"ca. 1.200\\"."
  - period: 2022-Q4  # later
    actual: 1100
notes:
  - En note.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "project")
    folder = root / "kpi_data" / "test"
    (folder / "test-bench.yaml").write_text(BENCH_KPI, encoding="utf-8")
    (folder / "test-bench.csv").write_text(BENCH_CSV, encoding="utf-8")
    (folder / "test-inline.yaml").write_text(INLINE_KPI, encoding="utf-8")
    load_project(root)  # the starting point is valid
    return root


def planspor_import(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["import", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


JOBINDSATS = ["--value-column", "Faktisk antal", "--series", "expected=Forventet antal",
              "--series", "rank=y30r21_placering", "--filter", "area=Slagelse"]


# ------------------------------------------------------------------ periods and numbers


@pytest.mark.parametrize(("text", "canonical", "written"), [
    ("2023QMAT02", "2022-Q3..2023-Q2", "3kv22-2kv23"),
    ("2023QMAT04", "2023-Q1..2023-Q4", "1kv23-4kv23"),
    ("2024qmat1", "2023-Q2..2024-Q1", "2kv23-1kv24"),
    ("2023MMAT06", "2022-07..2023-06", "2022-07..2023-06"),
    ("2024M01", "2024-01", "2024-01"),
    ("2024Q1", "2024-Q1", "2024-Q1"),
    ("2024K4", "2024-Q4", "2024-Q4"),
    ("2024H1", "2024-H1", "2024-H1"),
    ("3kv19-2kv20", "2019-Q3..2020-Q2", "3kv19-2kv20"),
    (2024, "2024", "2024"),
    (2024.0, "2024", "2024"),
])
def test_source_periods_map_to_the_period_grammar(text, canonical, written):
    period = source_period(text)
    assert period.canonical == canonical
    assert written_period(period) == written
    assert parse_period(written).canonical == canonical


@pytest.mark.parametrize("text", ["2023QMAT05", "", None, "Q1", True])
def test_unreadable_source_periods_are_errors(text):
    with pytest.raises(PeriodError):
        source_period(text)


@pytest.mark.parametrize(("cell", "decimal", "value"), [
    ("1.690", "comma", 1690.0),
    ("1.650,5", "comma", 1650.5),
    ("12,5", "comma", 12.5),
    ("-1.234", "comma", -1234.0),
    ("1.650", "point", 1.65),
    ("1,234.5", "point", 1234.5),
    ("1234,5", "auto", 1234.5),
    ("1.234,5", "auto", 1234.5),
    (1690, "comma", 1690.0),
    (12.5, "auto", 12.5),
    ("..", "auto", None),
    ("", "comma", None),
    (None, "auto", None),
])
def test_source_numbers(cell, decimal, value):
    assert source_number(cell, decimal) == value


@pytest.mark.parametrize(("cell", "decimal"), [("1.650", "auto"), ("12.5", "comma"), ("12,5", "point"), ("tolv", "auto"), (True, "auto")])
def test_unreadable_or_ambiguous_numbers_are_errors(cell, decimal):
    with pytest.raises(NumberError):
        source_number(cell, decimal)


@pytest.mark.parametrize(("value", "text"), [(1540.0, "1540"), (12.5, "12.5"), (-3.0, "-3"), (1.125, "1,125"), (0.001, "0.001")])
def test_written_numbers_read_back_the_same(value, text):
    assert written_number(value) == text
    assert parse_number(text) == value


# ------------------------------------------------------------------------ sources


def test_jobindsats_response_shape_is_checked():
    with pytest.raises(ImportFailed, match="Variables"):
        jobindsats_table({"rows": []}, "svar.json")
    with pytest.raises(ImportFailed, match="Data"):
        jobindsats_table([{"Variables": [{"Name": "period"}]}], "svar.json")
    with pytest.raises(ImportFailed) as failure:
        jobindsats_table([{"Variables": [{"Name": "period"}], "Data": [["2024Q1"], "oops"]}], "svar.json")
    assert str(failure.value.problems[0]).startswith("svar.json:2:1: Data-række 2")


def test_jobindsats_columns_answer_to_name_and_label():
    table = jobindsats_table(json.loads((FIXTURES / "jobindsats_v2.json").read_text(encoding="utf-8")), "svar.json")
    assert table.find("area") == table.find("Område") == 0
    assert table.find("FAKTISK ANTAL") == 4


def test_rows_for_several_areas_without_a_filter_are_refused_with_a_hint():
    table = jobindsats_table(json.loads((FIXTURES / "jobindsats_v2.json").read_text(encoding="utf-8")), "svar.json")
    result = extract(table, Mapping(("period",), {"actual": "Faktisk antal"}, decimal="comma"))
    first = str(result.problems[0])
    assert first.startswith("svar.json:2:2: Data-række 2, variabel 'period': perioden 1kv22-4kv22 står også på række 1")
    assert '--filter "area=Slagelse"' in first


def test_a_filter_that_matches_nothing_lists_the_values_found():
    table = delimited_table("område;TID;INDHOLD\nSlagelse;2024K1;5\nNæstved;2024K1;6\n", "s.csv")
    result = extract(table, Mapping(("TID",), {"actual": "INDHOLD"}, filters=(("OMRÅDE", "Slagelsee"),)))
    assert "ingen rækker passer til --filter område=Slagelsee; kolonnen har: Næstved, Slagelse" in str(result.problems[0])


def test_a_missing_column_names_the_columns_there_are():
    table = delimited_table("Periode;Faktisk\n2024K1;5\n", "t.csv")
    with pytest.raises(ImportFailed) as failure:
        extract(table, Mapping(("Periode",), {"actual": "Fatkisk"}))
    assert "t.csv:1:1: kolonnen 'Fatkisk' findes ikke" in str(failure.value)
    assert "kolonnerne er: Periode, Faktisk. Mente du 'Faktisk'?" in str(failure.value)


def test_bad_cells_are_errors_naming_file_line_and_column():
    table = delimited_table("Periode;Faktisk\n2024K1;5\n2024K9;6\n2024K3;1.310\n", "t.csv")
    result = extract(table, Mapping(("Periode",), {"actual": "Faktisk"}))
    shown = [str(problem) for problem in result.problems]
    assert shown[0].startswith("t.csv:3:1: kolonne 'Periode': quarter 9 does not exist")
    assert shown[1].startswith("t.csv:4:2: kolonne 'Faktisk': '1.310' is ambiguous")
    assert [figure.period.canonical for figure in result.figures] == ["2024-Q1"]


# ------------------------------------------------------------------------- merging


def figure(period: str, line: int = 2, **values: float) -> Figure:
    return Figure(parse_period(period), values, line)


def test_merge_adds_fills_keeps_equal_and_reports_changed_figures():
    existing = CsvFile.parse('period,actual,expected\n2023,"1.234,5",\n2022,1234.5,1300\n')
    figures = [figure("2022", actual=1234.5, expected=1310), figure("2023", expected=1300), figure("2024-Q1", actual=7)]
    merged, merge = merge_csv(existing, figures, "error")
    assert [(c.kind, c.period, c.column, c.old, c.new) for c in merge.changes] == [
        ("changed", "2022", "expected", "1300", "1310"),
        ("filled", "2023", "expected", None, "1300"),
        ("added", "2024-Q1", "actual", None, "7"),
    ]
    assert merge.unchanged == 1
    # Rows end sorted by period; cells not touched keep their text ("1.234,5").
    assert merged.render() == 'period,actual,expected\n2022,1234.5,1300\n2023,"1.234,5",1300\n2024-Q1,7,\n'
    replaced, _ = merge_csv(existing, figures, "replace")
    assert replaced.rows[0] == ["2022", "1234.5", "1310"]


def test_merge_of_equal_figures_changes_nothing():
    existing = CsvFile.parse("period,actual\n3kv19-2kv20,1310\n")
    merged, merge = merge_csv(existing, [figure("2019-Q3..2020-Q2", actual=1310.0)])
    assert merged is existing and not merge.changes and merge.unchanged == 1


def test_merge_adds_a_new_series_column_after_the_existing_ones():
    existing = CsvFile.parse("period,actual,note\r\n2024,5,kilde\r\n")
    merged, _ = merge_csv(existing, [figure("2024", rank=3)])
    assert merged.render() == "period,actual,note,rank\r\n2024,5,kilde,3\r\n"


# ---------------------------------------------------------------- the command, end to end


def test_jobindsats_file_import_then_reimport_is_a_no_op(project, capsys):
    target = project / "kpi_data/test/test-bench.csv"
    code, out, err = planspor_import(project, "test/test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, capsys=capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == (
        "period,actual,expected,rank\n"
        "3kv21-2kv22,1520,1690,\n"
        "1kv22-4kv22,1690,1550,3\n"
        "3kv22-2kv23,1500,1650.5,3\n"
        "1kv23-4kv23,,1710,3\n"
    )
    assert "3 rækker er udeladt af --filter area=Slagelse." in out
    assert "jobindsats_v2.json:5:5: Data-række 5, variabel 'y30r21_faktisk': 1kv23-4kv23: mangler actual" in out
    load_project(project)
    before = target.read_bytes()
    code, out, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, capsys=capsys)
    assert code == 0, err
    assert "ingen ændringer" in out
    assert target.read_bytes() == before


def test_a_changed_figure_is_reported_and_replaced_only_with_replace(project, capsys):
    target = project / "kpi_data/test/test-bench.csv"
    target.write_text(BENCH_CSV.replace("1kv22-4kv22,1690,1550", "1kv22-4kv22,1695,1550"), encoding="utf-8")
    before = target.read_bytes()
    args = ("test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS)
    code, out, err = planspor_import(project, *args, capsys=capsys)
    assert code == 1
    assert "! 1kv22-4kv22: actual 1695 → 1690" in err and "række 1" in err
    assert "Brug --replace" in err
    assert target.read_bytes() == before, "nothing is written while a figure differs"

    code, out, err = planspor_import(project, *args, "--keep", capsys=capsys)
    assert code == 0, err
    assert "1kv22-4kv22,1695,1550,3" in target.read_text(encoding="utf-8")
    assert "3kv22-2kv23,1500" in target.read_text(encoding="utf-8")

    code, out, err = planspor_import(project, *args, "--replace", capsys=capsys)
    assert code == 0, err
    assert "1kv22-4kv22,1690,1550,3" in target.read_text(encoding="utf-8")
    assert "1 tal erstattet" in out


def test_dry_run_prints_the_changes_and_writes_nothing(project, capsys):
    target = project / "kpi_data/test/test-bench.csv"
    before = target.read_bytes()
    code, out, _ = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, "--dry-run", capsys=capsys)
    assert code == 0
    assert "+ 3kv22-2kv23: actual 1500" in out and "--dry-run: intet skrevet" in out
    assert target.read_bytes() == before


@pytest.mark.parametrize("fixture", ["statbank_utf8_bom.csv", "statbank_latin1.csv"])
def test_statbank_csv_in_either_encoding_creates_the_csv(project, capsys, fixture):
    (project / "kpi_data/test/test-hp.csv").unlink()
    code, out, err = planspor_import(project, "test-hp", str(FIXTURES / fixture), "--filter", "OMRÅDE=Slagelse", capsys=capsys)
    assert code == 0, err
    assert "(ny fil)" in out
    assert f"{fixture}:4:4: 2022-Q3: mangler actual ('INDHOLD' er '..')" in out
    text = (project / "kpi_data/test/test-hp.csv").read_text(encoding="utf-8")
    assert text == "period,actual\n2022-Q1,1200\n2022-Q2,1150.5\n2022-Q4,1180\n"
    assert len(load_project(project).kpi("test-hp").actuals) == 3


def test_generic_csv_with_a_column_mapping_and_a_stated_decimal_mark(project, capsys):
    source = str(FIXTURES / "tal_semikolon.csv")
    args = ["test-hp", source, "--period-column", "Periode", "--value-column", "Faktisk antal",
            "--series", "expected=Forventet antal"]
    code, _, err = planspor_import(project, *args, capsys=capsys)
    assert code == 1
    assert "tal_semikolon.csv:2:3: kolonne 'Forventet antal': '1.300' is ambiguous" in err
    code, out, err = planspor_import(project, *args, "--decimal", "comma", capsys=capsys)
    assert code == 0, err
    assert (project / "kpi_data/test/test-hp.csv").read_text(encoding="utf-8") == (
        # Sorted by first day, then last day: the quarter 2023-Q1 comes before the year 2023.
        'period,actual,expected\n2022,1234.5,\n2023-Q1,1234.5,1300\n2023,"1.234,5",1300\n2023-Q2,1250,1310\n2023-Q3,,1320\n'
    )
    assert "tal_semikolon.csv:4:2: 2023-Q3: mangler actual" in out


def test_excel_with_a_sheet_and_a_column_mapping(project, capsys, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Forside"
    workbook.active["A1"] = "Syntetiske testdata"
    sheet = workbook.create_sheet("Tal")
    sheet.append(["Kvartal", "Faktisk", "Note"])
    sheet.append(["2023K1", 1234.5, None])
    sheet.append(["2023K2", 1250, "foreløbigt"])
    sheet.append(["2023K3", "tolv", None])
    path = tmp_path / "tal.xlsx"
    workbook.save(path)
    args = ["test-hp", str(path), "--sheet", "Tal", "--period-column", "Kvartal", "--value-column", "Faktisk"]
    code, _, err = planspor_import(project, *args, capsys=capsys)
    assert code == 1
    assert "tal.xlsx [Tal]:4:2: celle B4, kolonne 'Faktisk': 'tolv' is not a plain decimal number" in err
    sheet["B4"] = 1260
    workbook.save(path)
    code, out, err = planspor_import(project, *args, capsys=capsys)
    assert code == 0, err
    assert "2023-Q3,1260" in (project / "kpi_data/test/test-hp.csv").read_text(encoding="utf-8")
    code, _, err = planspor_import(project, "test-hp", str(path), "--sheet", "Ark9", "--value-column", "Faktisk", capsys=capsys)
    assert code == 1 and "arket 'Ark9' findes ikke; arkene er: Forside, Tal" in err


def test_inline_yaml_actuals_are_merged_keeping_comments_and_order(project, capsys):
    target = project / "kpi_data/test/test-inline.yaml"
    source = project / "q.csv"
    source.write_text("Kvartal;Tal\n2022K1;1200\n2022K2;1150,5\n2023K1;1000\n", encoding="utf-8")
    args = ("test-inline", str(source), "--period-column", "Kvartal", "--value-column", "Tal")
    code, out, err = planspor_import(project, *args, capsys=capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == INLINE_KPI.replace(
        "  - period: 2022-Q4  # later\n",
        "  - period: 2022-Q2\n    actual: 1150.5\n  - period: 2022-Q4  # later\n",
    ).replace("notes:\n", "  - period: 2023-Q1\n    actual: 1000\nnotes:\n")
    assert [a.period.canonical for a in load_project(project).kpi("test-inline").actuals] == ["2022-Q1", "2022-Q2", "2022-Q4", "2023-Q1"]
    before = target.read_bytes()
    code, out, _ = planspor_import(project, *args, capsys=capsys)
    assert code == 0 and "ingen ændringer" in out and target.read_bytes() == before


def test_inline_yaml_that_would_change_layout_is_refused_with_a_csv_suggestion(project, capsys):
    target = project / "kpi_data/test/test-inline.yaml"
    target.write_text(INLINE_KPI.replace("unit: helårspersoner", "unit:    helårspersoner"), encoding="utf-8")
    before = target.read_bytes()
    source = project / "q.csv"
    source.write_text("Kvartal;Tal\n2023K1;1000\n", encoding="utf-8")
    code, _, err = planspor_import(project, "test-inline", str(source), "--period-column", "Kvartal", "--value-column", "Tal", capsys=capsys)
    assert code == 1
    assert "Flyt tallene til test-inline.csv" in err
    assert target.read_bytes() == before


def test_written_files_keep_their_mode_and_leave_no_temporary_files(project, capsys):
    target = project / "kpi_data/test/test-bench.csv"
    os.chmod(target, 0o640)
    code, _, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, capsys=capsys)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []


def test_unknown_kpi_and_bad_arguments_are_explained(project, capsys):
    code, _, err = planspor_import(project, "test-benh", str(FIXTURES / "jobindsats_v2.json"), capsys=capsys)
    assert code == 1 and "nøgletallet 'test-benh' findes ikke" in err and "mente du 'test-bench'?" in err
    code, _, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), "--filter", "area", capsys=capsys)
    assert code == 1 and "--filter 'area': skriv KOLONNE=VÆRDI" in err
    code, _, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), capsys=capsys)
    assert code == 1 and "--value-column" in err
    code, _, err = planspor_import(project, "test-bench", capsys=capsys)
    assert code == 1 and "--url" in err


def test_a_period_twice_in_the_kpi_csv_is_reported_with_its_line(project, capsys):
    (project / "kpi_data/test/test-bench.csv").write_text(BENCH_CSV + "\n3kv21-2kv22,1,2\n", encoding="utf-8")
    code, _, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, capsys=capsys)
    assert code == 1
    # Named where it is (the loader or the importer says it; either way, with file, line and column).
    assert "kpi_data/test/test-bench.csv:5:1: " in err and "line 2" in err.replace("linje 2", "line 2")
    assert "Intet er skrevet." in err


def test_a_broken_kpi_csv_is_reported_before_anything_is_merged(project, capsys):
    (project / "kpi_data/test/test-bench.csv").write_text("period,actual\n2024,1.310\n", encoding="utf-8")
    code, _, err = planspor_import(project, "test-bench", str(FIXTURES / "jobindsats_v2.json"), *JOBINDSATS, capsys=capsys)
    assert code == 1
    assert "kpi_data/test/test-bench.csv:2:2: column 'actual': '1.310' is ambiguous" in err
    assert "Ret først CSV-filen" in err


# -------------------------------------------------------------------- fetching from a URL


class _Recorder(BaseHTTPRequestHandler):
    requests: list[dict] = []
    body = (FIXTURES / "jobindsats_v2.json").read_bytes()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        type(self).requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": payload})
        if self.headers.get("Authorization") != "hemmelig-test-noegle":
            self.send_response(401, "Unauthorized")
            self.end_headers()
            self.wfile.write(b'{"Message": "Invalid key"}')
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def server():
    _Recorder.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetching_sends_the_key_header_and_imports_the_response(project, capsys, server, monkeypatch, tmp_path):
    monkeypatch.setenv("JOBINDSATS_API_KEY", "hemmelig-test-noegle")
    saved = tmp_path / "svar.json"
    code, out, err = planspor_import(project, "test-bench", "--url", f"{server}/v2/data/y30r21/json", *JOBINDSATS,
                                     "--save-response", str(saved), capsys=capsys)
    assert code == 0, err
    (request,) = _Recorder.requests
    assert request["method"] == "GET" and request["path"] == "/v2/data/y30r21/json"
    assert request["headers"]["Authorization"] == "hemmelig-test-noegle"
    assert "hemmelig-test-noegle" not in out + err, "the key is never printed"
    assert "3kv22-2kv23,1500,1650.5,3" in (project / "kpi_data/test/test-bench.csv").read_text(encoding="utf-8")
    assert saved.read_bytes() == _Recorder.body


def test_fetching_can_post_a_query_and_read_the_key_from_another_variable(project, capsys, server, monkeypatch):
    monkeypatch.setenv("MIN_NOEGLE", "hemmelig-test-noegle")
    query = '{"area": "*", "period": ["2023QMAT02"]}'
    code, _, err = planspor_import(project, "test-bench", "--url", f"{server}/v2/data/y30r21/json", "--key-env", "MIN_NOEGLE",
                                   "--body", query, *JOBINDSATS, capsys=capsys)
    assert code == 0, err
    (request,) = _Recorder.requests
    assert request["method"] == "POST" and json.loads(request["body"]) == json.loads(query)
    assert request["headers"]["Content-Type"] == "application/json"


def test_fetching_without_a_key_or_with_a_wrong_key_is_explained(project, capsys, server, monkeypatch):
    monkeypatch.delenv("JOBINDSATS_API_KEY", raising=False)
    code, _, err = planspor_import(project, "test-bench", "--url", f"{server}/x", *JOBINDSATS, capsys=capsys)
    assert code == 1 and "miljøvariablen JOBINDSATS_API_KEY er ikke sat" in err
    assert not _Recorder.requests
    monkeypatch.setenv("JOBINDSATS_API_KEY", "forkert")
    code, _, err = planspor_import(project, "test-bench", "--url", f"{server}/x", *JOBINDSATS, capsys=capsys)
    assert code == 1 and "serveren svarede 401" in err and "er nøglen rigtig?" in err
    assert "forkert" not in err


def test_only_http_urls_are_fetched(project, capsys, monkeypatch):
    monkeypatch.setenv("JOBINDSATS_API_KEY", "k")
    code, _, err = planspor_import(project, "test-bench", "--url", "file:///etc/passwd", *JOBINDSATS, capsys=capsys)
    assert code == 1 and "--url skal begynde med https://" in err


def test_the_sample_project_csv_round_trips_through_the_csv_model():
    # The merge writes back what it read: every sample CSV renders to its own bytes.
    from .conftest import ROOT

    for path in (ROOT / "kpi_data").glob("*/*.csv"):
        text = path.read_text(encoding="utf-8")
        assert CsvFile.parse(text).render() == text, path


def test_duplicate_periods_in_a_csv_are_found_by_canonical_period(tmp_path):
    from generator.importer import _duplicate_periods

    path = tmp_path / "k.csv"
    path.write_text("period,actual\n2024-Q1,1\n\n2024K1,2\n", encoding="utf-8")
    (problem,) = _duplicate_periods(path, tmp_path)
    assert str(problem) == "k.csv:4:1: perioden 2024K1 står også på linje 2; slet den ene"
