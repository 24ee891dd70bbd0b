"""Loading and validation: every class of bad input gets file, line, field and a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import ValidationFailed, load_project

from .conftest import MINIMAL_CSV, MINIMAL_KPI, MINIMAL_PLAN, run_planspor, write_project

PLAN = "plans/lille-plan.yaml"
KPI = "kpi_data/test/test-hp.yaml"
CSV = "kpi_data/test/test-hp.csv"


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        load_project(root)
    return [str(problem) for problem in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_small_project_is_valid(small_project):
    project = load_project(small_project)
    assert [plan.id for plan in project.plans] == ["lille-plan"]
    assert project.kpi("test-hp").actuals[0].actual == 1234.5


def test_sample_data_is_valid(sample_project):
    assert len(sample_project.plans) == 5
    assert len(sample_project.kpis) >= 10


def test_yaml_syntax_error_names_line(tmp_path):
    plan = MINIMAL_PLAN.replace("title: Lille plan", "title: [Lille plan")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:")
    assert "YAML syntax" in problem


def test_tab_indentation_is_explained(tmp_path):
    plan = MINIMAL_PLAN.replace("  kommune: {name", "\tkommune: {name")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert f"{PLAN}:{line_of(plan, 'kommune: {name')}:" in problem
    assert "tabs" in problem


def test_unknown_key_suggests_nearest(tmp_path):
    plan = MINIMAL_PLAN.replace("responsible: {kommune: [Ledelse], star", "responsable: {kommune: [Ledelse], star")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    line = line_of(plan, "responsable")
    assert problem.startswith(f"{PLAN}:{line}:9:")
    assert "unknown key 'responsable' in phases[0].activities[0]; did you mean 'responsible'?" in problem


def test_missing_required_field(tmp_path):
    plan = MINIMAL_PLAN.replace("title: Lille plan\n", "")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:")
    assert "missing required field 'title'" in problem


def test_wrong_type_names_field_expected_and_found(tmp_path):
    kpi = MINIMAL_KPI.replace("better: lower", "better: downwards")
    [problem] = problems_of(write_project(tmp_path, kpi=kpi))
    assert problem.startswith(f"{KPI}:{line_of(kpi, 'better:')}:")
    assert "better" in problem and "'lower'" in problem and "downwards" in problem


def test_bad_period_names_field(tmp_path):
    plan = MINIMAL_PLAN.replace("when: uge 11", "when: uge 54")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'uge 54')}:")
    assert "phases[0].activities[0].when" in problem and "54" in problem


def test_date_outside_its_week(tmp_path):
    plan = MINIMAL_PLAN.replace('date: "14.03"', 'date: "21.03"')
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:")
    assert "2018-03-21" in problem and "not inside" in problem


def test_unknown_party_reference(tmp_path):
    plan = MINIMAL_PLAN.replace("{kommune: [Ledelse], star: [AMK]}", "{kommune: [Ledelse], starr: [AMK]}")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'starr')}:")
    assert "unknown party 'starr'; did you mean 'star'?" in problem


def test_unknown_kpi_reference(tmp_path):
    plan = MINIMAL_PLAN.replace("kpis: [test-hp]", "kpis: [test-hpp]")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'kpis:')}:")
    assert "unknown KPI 'test-hpp'; did you mean 'test-hp'?" in problem


def test_unknown_focus_area_reference(tmp_path):
    plan = MINIMAL_PLAN.replace("focus_area: moeder", "focus_area: moder")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'focus_area: moder')}:")
    assert "unknown focus area 'moder'; did you mean 'moeder'?" in problem


def test_duplicate_activity_id(tmp_path):
    plan = MINIMAL_PLAN.replace("- id: info", "- id: opstart")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    second = line_of(plan, 'when: "12/13"') - 1
    assert problem.startswith(f"{PLAN}:{second}:")
    assert "duplicate activity or milestone id 'opstart'" in problem


def test_duplicate_kpi_id_across_files(tmp_path):
    root = write_project(tmp_path)
    (root / "kpi_data" / "andet").mkdir()
    (root / "kpi_data" / "andet" / "test-hp.yaml").write_text(MINIMAL_KPI, encoding="utf-8")
    problems = problems_of(root)
    assert any("KPI id 'test-hp' is also used by" in problem for problem in problems)


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path):
    kpi = MINIMAL_KPI.replace("  - {period: 2024, value: 930, type: max}", "  - period: 2024\n    value: 950\n    value: 930\n    type: max")
    [problem] = problems_of(write_project(tmp_path, kpi=kpi))
    assert problem.startswith(f"{KPI}:{line_of(kpi, 'value: 930')}:5:")
    assert f"duplicate key 'value' (first at line {line_of(kpi, 'value: 950')})" in problem


def test_ambiguous_danish_thousands_in_yaml(tmp_path):
    kpi = MINIMAL_KPI.replace("value: 930", "value: 1.310")
    [problem] = problems_of(write_project(tmp_path, kpi=kpi))
    assert problem.startswith(f"{KPI}:{line_of(kpi, '1.310')}:")
    assert "ambiguous" in problem


def test_csv_non_number_names_row_and_column(tmp_path):
    csv = "period,actual,expected\n2023,1234,1300\n2022,mange,1200\n"
    [problem] = problems_of(write_project(tmp_path, csv=csv))
    assert problem.startswith(f"{CSV}:3:2:")
    assert "column 'actual'" in problem and "mange" in problem


def test_csv_number_forms_and_empty_is_missing(small_project):
    rows = {row.period.canonical: row for row in load_project(small_project).kpi("test-hp").actuals}
    assert rows["2023"].actual == 1234.5 and rows["2023"].expected == 1300
    assert rows["2022"].actual == 1234.5 and rows["2022"].expected is None


def test_csv_header_without_actual(tmp_path):
    [problem] = problems_of(write_project(tmp_path, csv="period,expected\n2023,1300\n"))
    assert problem.startswith(f"{CSV}:1:")
    assert "no 'actual' column" in problem


def test_csv_unknown_column_suggests(tmp_path):
    [problem] = problems_of(write_project(tmp_path, csv="period,actual,expcted\n2023,1,2\n"))
    assert problem.startswith(f"{CSV}:1:3:")
    assert "did you mean 'expected'?" in problem


def test_csv_bad_period(tmp_path):
    [problem] = problems_of(write_project(tmp_path, csv="period,actual\n5kv19,1\n"))
    assert problem.startswith(f"{CSV}:2:1:")
    assert "column 'period'" in problem


def test_all_problems_are_reported_not_only_the_first(tmp_path):
    plan = MINIMAL_PLAN.replace("title: Lille plan", "titel: Lille plan").replace("when: uge 11", "when: uge 60")
    csv = "period,actual\n2023,x\n"
    problems = problems_of(write_project(tmp_path, plan=plan, csv=csv))
    assert len(problems) >= 3


def test_file_name_must_match_id(tmp_path):
    plan = MINIMAL_PLAN.replace("id: lille-plan", "id: stor-plan")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert "differs from the file name" in problem


def test_empty_file_and_list_instead_of_mapping(tmp_path):
    root = write_project(tmp_path)
    (root / "plans" / "lille-plan.yaml").write_text("", encoding="utf-8")
    assert "the file is empty" in problems_of(root)[0]
    (root / "plans" / "lille-plan.yaml").write_text("- a\n- b\n", encoding="utf-8")
    assert "found a list" in problems_of(root)[0]


def test_not_utf8_names_the_line(tmp_path):
    root = write_project(tmp_path)
    path = root / "plans" / "lille-plan.yaml"
    path.write_bytes(path.read_bytes().replace("Lille plan".encode(), "Lille pl\xe6n".encode("latin-1")))
    [problem] = problems_of(root)
    assert problem.startswith(f"{PLAN}:{line_of(MINIMAL_PLAN, 'title:')}:")
    assert "not UTF-8" in problem


def test_windows_line_endings_load(tmp_path):
    root = write_project(tmp_path, plan=MINIMAL_PLAN.replace("\n", "\r\n"))
    assert load_project(root).plans[0].title == "Lille plan"


def test_aliases_are_refused(tmp_path):
    plan = MINIMAL_PLAN.replace("form: Opstartsmøde", "form: &f Opstartsmøde").replace("form: Infomøde", "form: *f")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert "aliases" in problem


def test_cli_validate_exit_codes_and_no_traceback(tmp_path, small_project):
    ok = run_planspor("validate", "--root", str(small_project))
    assert ok.returncode == 0 and "OK" in ok.stdout
    plan = MINIMAL_PLAN.replace("responsible: {kommune: [Ledelse], star", "responsable: {kommune: [Ledelse], star")
    broken = write_project(tmp_path / "broken", plan=plan)
    result = run_planspor("validate", "--root", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{PLAN}:{line_of(plan, 'responsable')}:9: unknown key 'responsable'" in result.stderr


def test_cli_build_refuses_invalid_data_without_writing(tmp_path):
    root = write_project(tmp_path, plan=MINIMAL_PLAN.replace("when: uge 11", "when: uge 54"))
    (root / "mkdocs.yml").write_text("site_name: x\nplugins: [planspor]\n", encoding="utf-8")
    (root / "docs").mkdir()
    result = run_planspor("build", "--config", str(root / "mkdocs.yml"), cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "week 54" in result.stderr
    assert not (root / "site").exists()


def test_csv_decimal_that_looks_like_thousands_is_kept(tmp_path):
    root = write_project(tmp_path, csv="period,actual\n2023,\"1,125\"\n")
    assert load_project(root).kpi("test-hp").actuals[0].actual == 1.125


def test_unquoted_date_that_yaml_reads_as_a_number(tmp_path):
    plan = MINIMAL_PLAN.replace('when: "12/13"', "when: 14.10")
    info = load_project(write_project(tmp_path, plan=plan)).plans[0].phases[0].activities[1]
    assert info.when.start.isoformat() == "2018-10-14"


def test_done_on_without_status_done_is_an_error(tmp_path):
    plan = MINIMAL_PLAN.replace("        focus_area: moeder\n", "        focus_area: moeder\n        done_on: 2018-03-14\n")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:")
    assert "done_on is 2018-03-14 but status is 'planned'; write status: done" in problem
