"""Keys that YAML reads as something other than text (true:, 1:, ~:), and messages for shapes,
numbers and CSV separators: each names the key or field as the editor wrote it."""

from __future__ import annotations

import pytest

from generator.load import load_project

from .conftest import MINIMAL_KPI, MINIMAL_PLAN, write_project
from .test_load import CSV, KPI, PLAN, line_of, problems_of

BUDGET = "budget:\n  unit: kr\n  lines:\n    - title: a\n      amounts: AMOUNTS\n"


@pytest.mark.parametrize("key", ["true", "false", "True", "null", "~", "1", "1.5"])
def test_a_non_text_key_in_a_record_is_an_unknown_key_named_as_written(tmp_path, key):
    # 'true:' was once "the key 1" (True == 1 to Python) and 'null:' was ".None: Keys should be strings".
    plan = MINIMAL_PLAN.replace("        form: Infomøde", f"        {key}: x")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem.startswith(f"{PLAN}:{line_of(plan, f'{key}: x')}:9: unknown key '{key}' in phases[0].activities[1]; ")


def test_a_boolean_key_still_gets_the_nearest_field(tmp_path):
    kpi = MINIMAL_KPI + "status_rule: {true: false}\n"
    [problem] = problems_of(write_project(tmp_path, kpi=kpi))
    assert problem == f"{KPI}:{line_of(kpi, 'status_rule')}:15: unknown key 'true' in status_rule; did you mean 'trend'?"


@pytest.mark.parametrize(("key", "kind"), [("true", "a boolean"), ("1", "a number"), ("null", "empty (null)")])
def test_a_non_text_key_where_a_name_is_expected(tmp_path, key, kind):
    plan = MINIMAL_PLAN.replace("  star: {name", f"  {key}: {{name: A}}\n  star: {{name")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem == (f"{PLAN}:{line_of(plan, f'{key}: {{name: A}}')}:3: parties: the key '{key}' is not valid here: "
                       f"YAML reads {key} as {kind}, not a name; if it is a name, write it in quotes: '{key}'")


def test_a_quoted_key_is_a_name(tmp_path):
    plan = MINIMAL_PLAN.replace("  star: {name", "  'true': {name: A}\n  star: {name")
    assert list(load_project(write_project(tmp_path, plan=plan)).plans[0].parties) == ["kommune", "true", "star"]


def test_one_and_true_in_one_mapping_are_two_keys_not_a_duplicate(tmp_path):
    # Python's dict takes True and 1 for one key; YAML and the editor do not.
    plan = MINIMAL_PLAN.replace("  star: {name", "  1: {name: A}\n  true: {name: B}\n  star: {name")
    plan = plan.replace("        form: Infomøde", "        1: x\n        true: y")
    plan += BUDGET.replace("AMOUNTS", "{1: 2, true: 3, 2023: 4}")
    problems = problems_of(write_project(tmp_path, plan=plan))
    assert not any("duplicate" in problem for problem in problems), problems
    amounts = line_of(plan, "amounts:")
    assert [problem.split("; allowed keys")[0] for problem in problems] == [
        f"{PLAN}:{line_of(plan, '1: {name')}:3: parties: the key '1' is not valid here: "
        "YAML reads 1 as a number, not a name; if it is a name, write it in quotes: '1'",
        f"{PLAN}:{line_of(plan, 'true: {name')}:3: parties: the key 'true' is not valid here: "
        "YAML reads true as a boolean, not a name; if it is a name, write it in quotes: 'true'",
        f"{PLAN}:{line_of(plan, '1: x')}:9: unknown key '1' in phases[0].activities[1]",
        f"{PLAN}:{line_of(plan, 'true: y')}:9: unknown key 'true' in phases[0].activities[1]",
        f"{PLAN}:{amounts}:17: budget.lines[0].amounts: the key '1' is not valid here: expected a year such as 2023",
        f"{PLAN}:{amounts}:23: budget.lines[0].amounts: the key 'true' is not valid here: expected a year such as 2023",
    ]


@pytest.mark.parametrize("amounts", ["{true: 3}", "{1.0: 3, 2023: 4}", "{2023.0: 3, 2023: 4}", "{+2023: 3, 2023: 4}"])
def test_a_year_is_four_digits_so_two_years_never_merge(tmp_path, amounts):
    # Pydantic alone reads 'true' as the year 1, and '2023.0' or '+2023' as 2023, keeping one amount.
    plan = MINIMAL_PLAN + BUDGET.replace("AMOUNTS", amounts)
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert "budget.lines[0].amounts: the key" in problem and "expected a year such as 2023" in problem


def test_years_written_as_numbers_or_text_load(tmp_path):
    plan = MINIMAL_PLAN + BUDGET.replace("AMOUNTS", "{2023: 1, '2024': 2}")
    assert load_project(write_project(tmp_path, plan=plan)).plans[0].budget.lines[0].amounts == {2023: 1, 2024: 2}


# --------------------------------------------------------------------------- messages


def test_a_mapping_where_a_list_is_expected(tmp_path):
    plan = MINIMAL_PLAN[: MINIMAL_PLAN.index("phases:")] + "phases:\n  fase:\n    title: Fase\nkpis: [test-hp]\n"
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem == (f"{PLAN}:{line_of(plan, '  fase:')}:3: phases: expected a list, one item per line starting "
                       "with '- '; found a mapping")


def test_week_54_names_file_line_column_and_field(tmp_path):
    plan = MINIMAL_PLAN.replace("when: uge 11", "when: uge 54")
    [problem] = problems_of(write_project(tmp_path, plan=plan))
    assert problem == f"{PLAN}:{line_of(plan, 'uge 54')}:15: phases[0].activities[0].when: week 54 does not exist: 2018 has 52 ISO weeks"


@pytest.mark.parametrize("written", ["1.310", "'1.310'"])
def test_ambiguous_number_names_its_field_quoted_or_not(tmp_path, written):
    kpi = MINIMAL_KPI.replace("value: 930", f"value: {written}")
    [problem] = problems_of(write_project(tmp_path, kpi=kpi))
    assert problem == (f"{KPI}:{line_of(kpi, '1.310')}:27: targets[0].value: '1.310' is ambiguous: "
                       "write 1310 (thousands) or 1,31 (decimal)")


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_csv_with_semicolons_or_tabs_says_so_once(tmp_path, separator, name):
    # docs/redigering.md: a KPI's CSV is separated by commas, a decimal comma in quotes; 'planspor
    # import' is the way in for a spreadsheet's semicolon file.
    csv = f"period{separator}actual\n2023{separator}1234,5\n"
    [problem] = problems_of(write_project(tmp_path, csv=csv))
    assert problem.startswith(f"{CSV}:1:1: the columns are separated by {name}; a KPI's CSV file is separated by commas")
    assert "planspor import" in problem
