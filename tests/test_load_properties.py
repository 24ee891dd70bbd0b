"""Property tests for the loader: whatever is in the files, the result is a valid project or the
project's own problems, each naming a file that exists and a line and column in it; never another
exception, and never a file silently left out.

Random input is written as real files into a scratch project and read by ``load_project``, the way
``planspor validate`` reads them. The parsers have their own property tests (periods in
test_periods.py, number cells in test_numbers.py); these go through the whole loader: YAML structures
and text, bytes, and CSV files of actuals.

Each property runs 500 examples in the normal suite and 10,000 in the ``slow`` run
(``pytest -m slow tests/test_load_properties.py``).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import Problem, ValidationFailed, load_project
from generator.model import ACTUAL_COLUMNS, Activity, Kpi, Plan, Target

from .conftest import MINIMAL_CSV, MINIMAL_KPI, MINIMAL_PLAN

NORMAL = 500
SLOW = 10_000

PLAN = Path("plans/lille-plan.yaml")
KPI = Path("kpi_data/test/test-hp.yaml")
CSV = Path("kpi_data/test/test-hp.csv")

PLAN_DATA = yaml.safe_load(textwrap.dedent(MINIMAL_PLAN))
KPI_DATA = yaml.safe_load(textwrap.dedent(MINIMAL_KPI))


# --------------------------------------------------------------------------- the invariant


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """One project folder, rewritten for every example (a fresh tmp_path each time would be slow)."""
    return tmp_path_factory.mktemp("fuzz")


def write_files(root: Path, files: dict[Path, bytes | None]) -> None:
    """The small valid project, with each file in ``files`` replaced by those bytes (None: left out)."""
    for folder in ("plans", "kpi_data"):
        shutil.rmtree(root / folder, ignore_errors=True)
    defaults = {PLAN: MINIMAL_PLAN.encode(), KPI: MINIMAL_KPI.encode(), CSV: MINIMAL_CSV.encode()}
    for path, content in {**defaults, **files}.items():
        if content is None:
            continue
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(content)


def assert_valid_or_problems(root: Path) -> None:
    """The loader's contract: a project holding every file, or problems that each say where."""
    plan_files = sorted((root / "plans").glob("*.y*ml"))
    kpi_files = sorted((root / "kpi_data").glob("*/*.y*ml"))
    try:
        project = load_project(root)
    except ValidationFailed as failure:
        assert failure.problems, "ValidationFailed without a problem"
        for problem in failure.problems:
            assert isinstance(problem, Problem)
            path = root / problem.path
            assert path.is_file(), f"problem names no file of the project: {problem}"
            lines = path.read_bytes().count(b"\n") + path.read_bytes().count(b"\r") + 1
            assert 1 <= problem.line <= lines, f"line {problem.line} is not in {problem.path} ({lines} lines): {problem}"
            assert problem.column >= 1, str(problem)
            assert problem.message.strip(), str(problem)
            assert str(problem).startswith(f"{problem.path}:{problem.line}:{problem.column}: ")
    else:
        # A valid project holds every file: nothing may be dropped without a problem saying so.
        assert len(project.plans) == len(plan_files)
        assert len(project.kpis) == len(kpi_files)


def both(strategy: st.SearchStrategy, check: Callable[..., None]) -> tuple[Callable, Callable]:
    """The same property as a normal test (500 examples) and as a slow one (10,000)."""
    def make(examples: int) -> Callable:
        @settings(max_examples=examples, deadline=None, derandomize=False,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                         HealthCheck.data_too_large, HealthCheck.large_base_example])
        @given(value=strategy)
        def test(scratch, value):
            check(scratch, value)
        return test

    slow = pytest.mark.slow(make(SLOW))
    return make(NORMAL), slow


# --------------------------------------------------------------------------- strategies

# Scalars as editors (and merges) produce them: periods, Danish and English numbers, YAML 1.1
# look-alikes (no, 0x10, 15:30, 0100), markup, control and odd Unicode characters, and plain text.
TRICKY_SCALARS = [
    "", " ", "~", "null", "no", "No", "yes", "on", "off", "true", "y", "n", "0", "-0", "+0", "0100", "0x1F", "0o17",
    "0b101", "1_000", "15:30", "1:30:00", "1e309", "1.0e+309", "-1e309", ".inf", "-.inf", ".nan", "NaN", "nan",
    "inf", "1.310", "1,310", "1.234,5", "1 234", "1\u00a0234", "\u2212140", "2018-02-30", "2018-02-29", "2020-02-29",
    "2018-13-01", "0000-01-01", "9999-12-31", "uge 54", "uge 53", "uge 0", "53", "12/13", "16 17.04", "3kv19",
    "3kv19-2kv20", "5kv19", "2019-Q5", "2024-H3", "2023..2026", "2026..2023", "14.03", "31.02", "14. marts 2018",
    "2018-W53", "2020-W53", "10000", "-1", "1" * 40, "9" * 400, "<script>alert(1)</script>", "[x](javascript:x)",
    "\"quoted\"", "'single'", "a: b", "- x", "&anchor", "*alias", "!!binary", "#comment", "\\", "\t", "\x85", "\u2028",
    "\ufeff", "\U0001F600", "æøå ÆØÅ", "\u0301", "\x00", "\x07", "\ud800",
]
FIELD_NAMES = sorted({*Plan.model_fields, *Kpi.model_fields, *Activity.model_fields, *Target.model_fields,
                      *ACTUAL_COLUMNS, "name", "type", "title", "series", "offset", "<<", "lines", "amounts"})

scalars = st.one_of(
    st.sampled_from(TRICKY_SCALARS),
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates().map(lambda day: day.isoformat()),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(1990, 2100))
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


def dump(value: Any) -> bytes:
    """YAML for a Python value; strings that YAML cannot write (lone surrogates) are escaped by PyYAML."""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")


@st.composite
def altered_records(draw) -> tuple[Path, bytes]:
    """The valid plan or KPI with one value somewhere inside it replaced by a random YAML value."""
    path, data = draw(st.sampled_from([(PLAN, PLAN_DATA), (KPI, KPI_DATA)]))
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    holder: Any = data
    while True:
        options = list(holder.items()) if isinstance(holder, dict) else list(enumerate(holder))
        if not options:
            break
        key, child = draw(st.sampled_from(options))
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            holder = child
            continue
        if draw(st.integers(0, 4)) == 0 and isinstance(holder, dict):
            holder[draw(keys)] = draw(yaml_values)  # a new (possibly duplicate-looking or unknown) key
        else:
            holder[key] = draw(yaml_values)
        break
    return path, dump(data)


# Pieces of YAML syntax, glued into lines: they reach the scanner's and composer's error paths
# (tabs, unclosed flows, anchors, aliases, tags, merge keys, directives, documents).
YAML_PIECES = [
    "id", "title", "phases", "activities", "when", "value", "a", ":", ": ", "- ", "  ", "    ", "\t", "\n", "\r\n",
    "\r", "[", "]", "{", "}", ",", "\"", "'", "&a ", "*a", "!!str ", "!!int ", "!!python/object ", "!foo ", "<<: ",
    "? ", "|", ">", "#", "---", "...", "%YAML 1.1", "%TAG ! x", "@", "`", "\ufeff", "\x00", "\x85", "\u2028", "1",
    "2018", "uge 12", "1.310", "no", "~", "æ", "\U0001F600",
]
yaml_like_texts = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)


@st.composite
def mutated_texts(draw) -> tuple[Path, bytes]:
    """The valid plan or KPI text with a few random edits: lines dropped, duplicated, re-indented or spliced."""
    path, text = draw(st.sampled_from([(PLAN, textwrap.dedent(MINIMAL_PLAN)), (KPI, textwrap.dedent(MINIMAL_KPI))]))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "indent", "dedent", "splice", "tab", "replace"]))
        line = lines[index]
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "dup":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = "  " + line
        elif action == "dedent":
            lines[index] = line.lstrip()
        elif action == "tab":
            lines[index] = "\t" + line.lstrip()
        elif action == "splice":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.one_of(st.sampled_from(YAML_PIECES), st.sampled_from(TRICKY_SCALARS))) + line[at:]
        else:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(TRICKY_SCALARS))}"
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return path, (ending.join(lines) + ending).encode("utf-8", "surrogatepass")


CSV_HEADER_PIECES = [*ACTUAL_COLUMNS, "Period", " actual ", "actuals", "", "x", "\ufeffperiod"]
CSV_CELLS = ["2023", "2022", "2023", "3kv19-2kv20", "2019-Q5", "uge 12", "1234", "1234,5", "1.234,5", "1.310", "-0",
             "NaN", "1e309", "inf", "", " ", "mange", "\"quoted, with comma\"", "\"line\nbreak\"", "\"", "\"\"",
             "\u2212140", "1 234", "\x00", "æøå", "<script>", "9" * 400]


@st.composite
def csv_files(draw) -> bytes:
    """Actuals as a CSV file: header and cells from the real vocabulary, some rows short or long."""
    header = draw(st.lists(st.sampled_from(CSV_HEADER_PIECES), min_size=0, max_size=6))
    rows = draw(st.lists(st.lists(st.one_of(st.sampled_from(CSV_CELLS), st.text(max_size=8)), max_size=7), max_size=8))
    separator = draw(st.sampled_from([",", ",", ";", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(separator.join(row) for row in [header, *rows]) + draw(st.sampled_from(["", ending]))
    prefix = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf"]))
    return prefix + text.encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- properties


def _structures(root: Path, value: tuple[Path, Any]) -> None:
    path, data = value
    write_files(root, {path: dump(data)})
    assert_valid_or_problems(root)


test_random_yaml_structures_as_a_plan_or_kpi, test_random_yaml_structures_as_a_plan_or_kpi_slow = both(
    st.tuples(st.sampled_from([PLAN, KPI]), yaml_values), _structures
)


def _altered(root: Path, value: tuple[Path, bytes]) -> None:
    path, content = value
    write_files(root, {path: content})
    assert_valid_or_problems(root)


test_random_value_anywhere_in_a_valid_file, test_random_value_anywhere_in_a_valid_file_slow = both(
    altered_records(), _altered
)
test_randomly_edited_yaml_text, test_randomly_edited_yaml_text_slow = both(mutated_texts(), _altered)


test_random_text_or_bytes_as_any_file, test_random_text_or_bytes_as_any_file_slow = both(
    st.tuples(
        st.sampled_from([PLAN, KPI, CSV]),
        st.one_of(yaml_like_texts, st.text()).map(lambda text: text.encode("utf-8", "surrogatepass")) | st.binary(max_size=200),
    ),
    _altered,
)


def _csv(root: Path, content: bytes) -> None:
    write_files(root, {CSV: content})
    assert_valid_or_problems(root)


test_random_csv_of_actuals, test_random_csv_of_actuals_slow = both(csv_files(), _csv)


def _second_files(root: Path, value: tuple[bytes, bytes]) -> None:
    # A second plan and a second KPI folder (ids may clash, file names may disagree with ids).
    plan, kpi = value
    write_files(root, {Path("plans/anden-plan.yml"): plan, Path("kpi_data/andet/test-hp.yaml"): kpi})
    assert_valid_or_problems(root)


test_second_plan_and_kpi_files, test_second_plan_and_kpi_files_slow = both(
    st.tuples(st.sampled_from([MINIMAL_PLAN, MINIMAL_PLAN.replace("lille-plan", "anden-plan"), ""]).map(str.encode),
              altered_records().map(lambda pair: pair[1])),
    _second_files,
)
