"""Broken files, one test each: a clear message that names the file and line, and `planspor validate` exits 1.

The catalogue of issue 8 (hostile and broken input). Cases that tests/test_load.py already pins
with file, line and message are not repeated here: tab indentation
(test_tab_indentation_is_explained), a non-UTF-8 byte in a plan (test_not_utf8_names_the_line),
Windows line endings in a plan (test_windows_line_endings_load), a duplicate key
(test_duplicate_key_is_an_error_not_a_silent_overwrite), a CSV header without 'actual'
(test_csv_header_without_actual) and two KPI files with one id (test_duplicate_kpi_id_across_files).

Decisions recorded by these tests (and in docs/redigering.md, "Filformat"):

- a UTF-8 byte-order mark is accepted (Windows Notepad writes one); UTF-16 and UTF-32 are refused;
- YAML 1.1's surprises are not applied: ``no`` stays the text "no", ``0100`` stays "0100" (read as
  100 where a number is expected), ``0x10`` and ``15:30`` stay text (and fail as numbers);
- anchors and aliases are refused at the first alias, so an "alias bomb" costs nothing;
- files larger than 5 MB are refused before they are read into memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.load import MAX_DEPTH, MAX_FILE_BYTES, ValidationFailed, load_project

from .conftest import MINIMAL_KPI, MINIMAL_PLAN, ROOT, run_planspor, write_project

from .test_load import CSV, KPI, PLAN, problems_of


def only_problem(root: Path) -> str:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def validate_fails_with(root: Path, expected: str) -> str:
    """`planspor validate` on ``root``: exit 1, the expected message on stderr, no traceback."""
    result = run_planspor("validate", "--root", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr
    return result.stderr


# --------------------------------------------------------------------------- empty, list, scalar


@pytest.mark.parametrize(("content", "message"), [
    ("", "the file is empty"),
    ("# only a comment\n\n", "the file is empty"),
    ("- id: lille-plan\n- title: x\n", "expected a mapping of keys such as 'id:' and 'title:', found a list"),
    ("Lille plan\n", "expected a mapping of keys such as 'id:' and 'title:', found a single value"),
    ("42\n", "expected a mapping of keys such as 'id:' and 'title:', found a single value"),
])
def test_a_plan_that_is_not_a_mapping(tmp_path, content, message):
    root = write_project(tmp_path)
    (root / PLAN).write_text(content, encoding="utf-8")
    assert only_problem(root).startswith(f"{PLAN}:1:1: {message}")


def test_cli_empty_file_exits_1(tmp_path):
    root = write_project(tmp_path)
    (root / KPI).write_text("", encoding="utf-8")
    validate_fails_with(root, f"{KPI}:1:1: the file is empty")


def test_cli_list_instead_of_mapping_exits_1(tmp_path):
    root = write_project(tmp_path)
    (root / PLAN).write_text("- a\n- b\n", encoding="utf-8")
    validate_fails_with(root, f"{PLAN}:1:1: expected a mapping")


# --------------------------------------------------------------------------- encodings and line endings


def test_byte_order_mark_is_accepted_in_yaml_and_csv(tmp_path):
    # Decision: accept. Windows Notepad writes a UTF-8 BOM; it carries no meaning and is dropped.
    root = write_project(tmp_path)
    for path in (PLAN, KPI, CSV):
        (root / path).write_bytes(b"\xef\xbb\xbf" + (root / path).read_bytes())
    project = load_project(root)
    assert project.plans[0].id == "lille-plan"
    assert project.kpi("test-hp").actuals[0].actual == 1234.5  # the header's first column is 'period', not '\ufeffperiod'


def test_byte_order_mark_does_not_shift_reported_positions(tmp_path):
    plan = MINIMAL_PLAN.replace("when: uge 11", "when: uge 54")
    root = write_project(tmp_path, plan=plan)
    (root / PLAN).write_bytes(b"\xef\xbb\xbf" + (root / PLAN).read_bytes())
    assert only_problem(root).startswith(f"{PLAN}:{line_of(plan, 'uge 54')}:15:")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_are_refused_with_a_clear_message(tmp_path, encoding):
    root = write_project(tmp_path)
    (root / PLAN).write_bytes(MINIMAL_PLAN.encode(encoding))
    assert only_problem(root) == f"{PLAN}:1:1: the file is saved as UTF-16 or UTF-32; save it as UTF-8"


def test_windows_line_endings_everywhere_load_and_keep_line_numbers(tmp_path):
    plan = MINIMAL_PLAN.replace("when: uge 11", "when: uge 54")
    root = write_project(tmp_path, plan=plan.replace("\n", "\r\n"), kpi=MINIMAL_KPI.replace("\n", "\r\n"),
                         csv="period,actual\r\n2022,1\r\n2023,x\r\n")
    problems = problems_of(root)
    assert problems == [
        f"{CSV}:3:2: column 'actual': 'x' is not a plain decimal number: expected a number such as 1234,5 or 1234.5",
        f"{PLAN}:{line_of(plan, 'uge 54')}:15: phases[0].activities[0].when: week 54 does not exist: 2018 has 52 ISO weeks",
    ]


def test_not_utf8_in_a_csv_names_the_line(tmp_path):
    root = write_project(tmp_path, csv="period,actual,note\n2022,1,ok\n2023,2,")
    (root / CSV).write_bytes((root / CSV).read_bytes() + "Sk\xf8nnet\n".encode("latin-1"))
    assert only_problem(root) == f"{CSV}:3:10: byte 0xf8 is not UTF-8; save the file as UTF-8"


def test_cli_not_utf8_exits_1_and_names_the_line(tmp_path):
    root = write_project(tmp_path)
    raw = (root / KPI).read_bytes().replace("Helårspersoner".encode(), "Helårspersoner".encode("latin-1"))
    (root / KPI).write_bytes(raw)
    validate_fails_with(root, f"{KPI}:{line_of(MINIMAL_KPI, 'title:')}:11: byte 0xe5 is not UTF-8")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b"])
def test_control_character_written_raw_names_its_line(tmp_path, character):
    plan = MINIMAL_PLAN.replace("form: Infomøde", f"form: Info{character}møde")
    root = write_project(tmp_path, plan=plan)
    assert only_problem(root) == (f"{PLAN}:{line_of(plan, 'form: Info')}:19: the file contains the invisible character "
                                  f"U+{ord(character):04X}, which YAML does not allow; remove it")


@pytest.mark.parametrize("escape", ["\\x07", "\\0", "\\ud800", "\\x9b"])
def test_control_character_or_lone_surrogate_from_an_escape_is_refused(tmp_path, escape):
    # A lone surrogate cannot even be written to a page: the build would fail much later.
    plan = MINIMAL_PLAN.replace("form: Infomøde", f'form: "Info{escape}møde"')
    root = write_project(tmp_path, plan=plan)
    problem = only_problem(root)
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'form: ' + chr(34) + 'Info')}:15: ")
    assert "invisible or invalid character U+" in problem


def test_line_separator_characters_do_not_shift_line_numbers(tmp_path):
    # YAML ends a line at U+2028 and U+0085 too; editors (and GitHub) do not, and the message must
    # point where the editor sees the value.
    plan = MINIMAL_PLAN.replace("title: Lille plan", 'title: "Lille\u2028plan\x85x"').replace("when: uge 11", "when: uge 54")
    root = write_project(tmp_path, plan=plan)
    assert only_problem(root).startswith(f"{PLAN}:{plan.split(chr(10)).index('        when: uge 54') + 1}:15:")


# --------------------------------------------------------------------------- structure


def test_duplicate_key_written_once_as_number_and_once_as_text(tmp_path):
    # 2023 and '2023' are one year to the model: Pydantic would keep only the last.
    plan = MINIMAL_PLAN + "budget:\n  unit: kr\n  lines:\n    - title: a\n      amounts:\n        2023: 1\n        '2023': 2\n"
    root = write_project(tmp_path, plan=plan)
    assert only_problem(root) == (f"{PLAN}:{line_of(plan, chr(39) + '2023')}:9: duplicate key '2023' (first at line "
                                  f"{line_of(plan, '2023: 1')}); YAML would silently keep only the last value — remove one")


def test_duplicate_key_in_a_flow_mapping(tmp_path):
    plan = MINIMAL_PLAN.replace("kommune: {name: Jobcenter Test, type: kommune}",
                                "kommune: {name: Jobcenter Test, type: kommune, name: Andet}")
    root = write_project(tmp_path, plan=plan)
    assert only_problem(root).startswith(f"{PLAN}:{line_of(plan, 'name: Andet')}:")


def test_alias_bomb_is_refused_at_the_first_alias_quickly(tmp_path):
    # "Billion laughs": nine levels of ten aliases each would be 10**9 values if expanded.
    lines = ["id: lille-plan", "title: Lille plan", "kind: handleplan", 'a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    root = write_project(tmp_path)
    (root / PLAN).write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    problems = problems_of(root)
    assert time.perf_counter() - started < 2
    assert problems == [f"{PLAN}:5:10: YAML anchors and aliases (&name, *name) are not supported; write the value out"]


def test_merge_key_is_refused(tmp_path):
    plan = MINIMAL_PLAN.replace("  star: {name: STAR – Test, type: stat}", "  star:\n    <<: {name: STAR, type: stat}")
    root = write_project(tmp_path, plan=plan)
    assert only_problem(root).startswith(f"{PLAN}:{line_of(plan, '<<')}:5: merge keys ('<<') are not supported")


@pytest.mark.parametrize("style", ["flow", "block"])
def test_very_deep_nesting_is_refused_with_a_line(tmp_path, style):
    depth = 10_000
    if style == "flow":
        text = "id: lille-plan\nnotes: " + "[" * depth + "]" * depth + "\n"
        where = f"{PLAN}:2:{8 + MAX_DEPTH}"
    else:
        text = "id: lille-plan\nnotes:\n" + "".join(f"{'  ' * level}- \n" for level in range(200))
        where = f"{PLAN}:{3 + MAX_DEPTH}:"
    root = write_project(tmp_path)
    (root / PLAN).write_text(text, encoding="utf-8")
    assert only_problem(root).startswith(where)
    assert f"nesting deeper than {MAX_DEPTH} levels" in only_problem(root)


def test_cli_deep_nesting_exits_1(tmp_path):
    root = write_project(tmp_path)
    (root / PLAN).write_text("id: x\ntitle: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", encoding="utf-8")
    validate_fails_with(root, f"nesting deeper than {MAX_DEPTH} levels")


def test_a_directory_or_dangling_link_named_like_a_plan(tmp_path):
    root = write_project(tmp_path)
    (root / "plans" / "mappe.yaml").mkdir()
    (root / "plans" / "link.yaml").symlink_to(root / "findes-ikke.yaml")
    assert problems_of(root) == ["plans/link.yaml:1:1: the file cannot be read: No such file or directory",
                                 "plans/mappe.yaml:1:1: the file cannot be read: Is a directory"]


def test_two_plan_files_with_one_id(tmp_path):
    root = write_project(tmp_path)
    (root / "plans" / "lille-plan.yml").write_text(MINIMAL_PLAN, encoding="utf-8")
    problem = only_problem(root)
    assert problem == f"plans/lille-plan.yml:{line_of(MINIMAL_PLAN, 'id: lille-plan')}:5: plan id 'lille-plan' is also used by {PLAN}"
    validate_fails_with(root, problem)


def test_two_kpi_folders_claiming_one_id_with_the_cli(tmp_path):
    root = write_project(tmp_path)
    (root / "kpi_data" / "andet").mkdir()
    (root / "kpi_data" / "andet" / "test-hp.yaml").write_text(MINIMAL_KPI, encoding="utf-8")
    validate_fails_with(root, f"kpi_data/test/test-hp.yaml:{line_of(MINIMAL_KPI, 'id:')}:5: KPI id 'test-hp' is also "
                              "used by kpi_data/andet/test-hp.yaml")


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("written", "message"), [
    ("1e309", "'1e309' is not a plain decimal number"),
    ("1.0e+309", "'1.0e+309' is not a plain decimal number"),
    ("-1e309", "'-1e309' is not a plain decimal number"),
    (".inf", "'.inf' is not a plain decimal number"),
    ("NaN", "'NaN' is not a plain decimal number"),
    (".nan", "'.nan' is not a plain decimal number"),
    ("0x100", "'0x100' is not a plain decimal number"),
    ("15:30", "'15:30' is not a plain decimal number"),  # YAML 1.1 would read 930 (base 60)
    ("1_000", "'1_000' is not a plain decimal number"),
    ("9" * 400, "is too large"),
    ("9" * 400 + ".5", "is too large"),
    ("9" * 5000, "is too large"),  # Python would refuse to convert it to an int
])
def test_numbers_that_are_not_finite_plain_decimals(tmp_path, written, message):
    kpi = MINIMAL_KPI.replace("value: 930", f"value: {written}")
    root = write_project(tmp_path, kpi=kpi)
    problem = only_problem(root)
    assert problem.startswith(f"{KPI}:{line_of(kpi, 'value:')}:27:")
    assert message in problem


@pytest.mark.parametrize(("written", "value"), [("-0", 0.0), ("-0.0", 0.0), ("0100", 100.0), ('"0100"', 100.0)])
def test_minus_zero_is_zero_and_a_leading_zero_is_not_octal(tmp_path, written, value):
    root = write_project(tmp_path, kpi=MINIMAL_KPI.replace("value: 930", f"value: {written}"))
    target = load_project(root).kpi("test-hp").targets[0]
    assert target.value == value and str(target.value) == str(value)  # not -0.0, not 64 (octal)


@pytest.mark.parametrize(("cell", "message"), [
    ("1e309", "'1e309' is not a plain decimal number"),
    ("NaN", "'NaN' is not a plain decimal number"),
    ("inf", "'inf' is not a plain decimal number"),
    ("9" * 400, "is too large"),
])
def test_csv_numbers_that_are_not_finite_plain_decimals(tmp_path, cell, message):
    root = write_project(tmp_path, csv=f"period,actual\n2022,1\n2023,{cell}\n")
    problem = only_problem(root)
    assert problem.startswith(f"{CSV}:3:2: column 'actual': ")
    assert message in problem


def test_csv_minus_zero_is_zero(tmp_path):
    root = write_project(tmp_path, csv="period,actual\n2023,-0\n2022,\"-0,0\"\n")
    assert [str(row.actual) for row in load_project(root).kpi("test-hp").actuals] == ["0.0", "0.0"]


def test_cli_nan_and_infinity_exit_1(tmp_path):
    root = write_project(tmp_path / "yaml", kpi=MINIMAL_KPI.replace("value: 930", "value: .nan"))
    validate_fails_with(root, f"{KPI}:{line_of(MINIMAL_KPI, 'value: 930')}:27: targets[0].value: '.nan' is not a plain decimal number")
    root = write_project(tmp_path / "csv", csv="period,actual\n2022,NaN\n2023,1e309\n")
    stderr = validate_fails_with(root, f"{CSV}:3:2: column 'actual': '1e309' is not a plain decimal number")
    assert f"{CSV}:2:2: column 'actual': 'NaN' is not a plain decimal number" in stderr


@pytest.mark.parametrize("written", ["2018-02-30", "30.02.2018", "2019-02-29", "2018-13-01"])
def test_impossible_dates(tmp_path, written):
    plan = MINIMAL_PLAN.replace("year: 2018", f"year: 2018\npublished: {written}")
    root = write_project(tmp_path, plan=plan)
    problem = only_problem(root)
    assert problem.startswith(f"{PLAN}:{line_of(plan, 'published:')}:12: published: ")
    assert written in problem and "not a valid date" in problem or "does not exist" in problem


def test_cli_impossible_date_in_a_csv_exits_1(tmp_path):
    root = write_project(tmp_path, csv="period,actual\n2018-02-28,1\n2018-02-30,2\n")
    validate_fails_with(root, f"{CSV}:3:1: column 'period': '2018-02-30' is not a valid date")


def test_yaml_words_for_true_and_false_stay_words(tmp_path):
    # YAML 1.1 reads 'no', 'yes', 'on', 'off' as booleans: a party 'no' would become False.
    plan = MINIMAL_PLAN.replace("kommune: {name", "'no': {name").replace("kommune: [Ledelse]", "no: [Ledelse]")
    plan = plan.replace("form: Infomøde", "form: No")
    plan = plan.replace("responsible: {kommune: [Ledelse, Medarbejdere]}", "responsible: {no: Off}")
    project = load_project(write_project(tmp_path, plan=plan))
    assert list(project.plans[0].parties) == ["no", "star"]
    assert project.plans[0].activities[1].form == "No"
    assert project.plans[0].activities[1].responsible == {"no": ["Off"]}


def test_a_key_that_looks_like_a_pydantic_type_name_is_reported(tmp_path):
    # Keys such as 'int' or 'Target' once vanished from the message (Pydantic's union tags look alike).
    plan = MINIMAL_PLAN.replace("kind: handleplan", "kind: handleplan\nint: 3\nTarget: x")
    problems = problems_of(write_project(tmp_path, plan=plan))
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "unknown key 'int' in file; allowed keys: " + problems[0].split("allowed keys: ")[1],
        "unknown key 'Target' in file; allowed keys: " + problems[1].split("allowed keys: ")[1],
    ]
    assert problems[0].startswith(f"{PLAN}:{line_of(plan, 'int:')}:1:")


def test_a_key_of_the_wrong_type_never_drops_the_file_silently(tmp_path):
    # A party id 'true' is the boolean True to YAML; the plan was once left out without a message.
    plan = MINIMAL_PLAN.replace("kommune: {name", "true: {name")
    problems = problems_of(write_project(tmp_path, plan=plan))
    assert f"{PLAN}:{line_of(plan, 'true: {name')}:3: parties: the key" in problems[0]


# --------------------------------------------------------------------------- CSV


def test_csv_header_without_period(tmp_path):
    root = write_project(tmp_path, csv="actual,expected\n1,2\n")
    assert only_problem(root) == f"{CSV}:1:1: the header has no 'period' column (found: actual, expected)"


def test_cli_csv_header_without_period_and_actual(tmp_path):
    root = write_project(tmp_path, csv="periode,værdi\n2023,1\n")
    stderr = validate_fails_with(root, f"{CSV}:1:1: unknown column 'periode'; did you mean 'period'?")
    assert f"{CSV}:1:1: the header has no 'period' column" in stderr
    assert f"{CSV}:1:1: the header has no 'actual' column" in stderr


def test_csv_row_lines_count_quoted_line_breaks(tmp_path):
    root = write_project(tmp_path, csv='period,actual,note\n2022,1,"første\nanden\ntredje"\n2023,x,\n')
    assert only_problem(root).startswith(f"{CSV}:5:2: column 'actual'")


def test_csv_period_twice_is_reported_in_the_csv(tmp_path):
    root = write_project(tmp_path, csv="period,actual\n2022,1\n2023,2\n2023,3\n")
    assert only_problem(root) == f"{CSV}:4:1: period 2023 appears twice in the actuals (first at line 3)"


def test_csv_cell_larger_than_the_csv_reader_takes(tmp_path):
    root = write_project(tmp_path, csv='period,actual,note\n2022,1,"' + "x" * 200_000 + '"\n')
    assert only_problem(root).startswith(f"{CSV}:2:1: this row cannot be read as CSV: field larger than field limit")


def test_csv_with_a_first_line_empty(tmp_path):
    root = write_project(tmp_path, csv="\nperiod,actual\n2023,1\n")
    assert only_problem(root) == f"{CSV}:1:1: the first line is empty; put the header (such as 'period,actual') on line 1"


# --------------------------------------------------------------------------- size


PEAK_RSS = """
import resource, sys
from generator.cli import main
try:
    code = main(["validate", "--root", sys.argv[1]])
except SystemExit as exit:
    code = exit.code
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)  # KiB on Linux
sys.exit(code)
"""


def validate_peak_rss(root: Path) -> tuple[int, str, int]:
    """Exit code, stderr and peak resident memory (KiB) of `planspor validate` in a fresh process."""
    result = subprocess.run([sys.executable, "-c", PEAK_RSS, str(root)], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    *messages, peak = result.stderr.rstrip("\n").split("\n")
    return result.returncode, "\n".join(messages), int(peak)


def test_50_mb_csv_is_refused_with_a_clear_limit_in_bounded_memory(tmp_path):
    small = write_project(tmp_path / "small")
    big = write_project(tmp_path / "big")
    row = b"2023,1234,1300\n"
    with (big / CSV).open("wb") as file:
        file.write(b"period,actual,expected\n")
        for _ in range(50 * 1024 * 1024 // (len(row) * 1000) + 1):
            file.write(row * 1000)
    size = (big / CSV).stat().st_size
    assert size > 50 * 1024 * 1024

    code, messages, peak = validate_peak_rss(big)
    _, _, baseline = validate_peak_rss(small)
    assert code == 1
    assert f"{CSV}:1:1: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (5 MB)." in messages
    assert "Traceback" not in messages
    # Reading the whole file would add 50 MB or more (its bytes, then its text); the limit check
    # reads at most the limit. Measured: about 6 MB over the small project's peak.
    assert peak - baseline < 16 * 1024, f"peak RSS {peak} KiB vs {baseline} KiB for a small project"


def test_a_plan_just_over_the_limit_is_refused_before_parsing(tmp_path):
    root = write_project(tmp_path)
    (root / PLAN).write_bytes(MINIMAL_PLAN.encode() + b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    assert only_problem(root).startswith(f"{PLAN}:1:1: file is {MAX_FILE_BYTES + len(MINIMAL_PLAN.encode()) + 3:,} bytes;")


def test_the_hostile_fixture_is_valid_data(tmp_path):
    # tests/fixtures/hostile is for the rendering tests: its texts are hostile, its data valid.
    project = load_project(ROOT / "tests" / "fixtures" / "hostile")
    assert [plan.id for plan in project.plans] == ["fjendtlig-plan"]
    assert json.dumps(project.plans[0].title, ensure_ascii=False).count("<script>") == 2


def test_csv_with_more_rows_than_any_kpi_has_stops_with_a_limit(tmp_path):
    from datetime import date, timedelta

    from generator.load import MAX_ACTUAL_ROWS

    days = [date(1990, 1, 1) + timedelta(days=n) for n in range(MAX_ACTUAL_ROWS + 5)]
    root = write_project(tmp_path, csv="period,actual\n" + "".join(f"{day.isoformat()},1\n" for day in days))
    assert only_problem(root) == (f"{CSV}:{MAX_ACTUAL_ROWS + 2}:1: more than {MAX_ACTUAL_ROWS:,} rows of actuals; the limit "
                                  f"is {MAX_ACTUAL_ROWS:,} (one row per period); no later row was read")
