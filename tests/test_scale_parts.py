"""The pieces that make a national site fast, each checked against what it replaces: number
formatting against Babel, links against posixpath, libyaml against PyYAML's Python parser; and the
progress line and the helper process."""

from __future__ import annotations

import io
import os
import posixpath
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import load
from generator.formatting import _babel_number, format_number
from generator.parallel import in_two
from generator.pages.render import _relpath
from generator.progress import Progress

from .yaml_readings import fast_parse, reference_parse
from .conftest import HOSTILE, ROOT


@settings(max_examples=2000)
@given(st.one_of(st.integers(min_value=-(10**16), max_value=10**16),
                 st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17)),
       st.sampled_from(["da", "en"]), st.sampled_from([None, 0, 1, 2, 3]))
def test_numbers_are_written_as_babel_writes_them(value, language, decimals):
    places = (0 if float(value).is_integer() else 2) if decimals is None else decimals
    assert format_number(value, language, decimals) == _babel_number(Decimal(str(value)), language, places)


PATH_PARTS = st.sampled_from(["kpis", "plans", "a", "x.html", "index.html", "", ".", "æ ø", "a.b", "data"])


@settings(max_examples=1000)
@given(st.lists(PATH_PARTS, max_size=4).map("/".join), st.lists(PATH_PARTS, max_size=4).map("/".join))
def test_links_are_posixpath_relpath(target, base):
    assert _relpath(target, base) == posixpath.relpath(target or ".", base or ".")


YAML_PIECES = st.sampled_from([
    "a", "key", ":", ": ", " ", "  ", "\n", "\n  ", "\n- ", "- ", "[", "]", "{", "}", ",", "'", '"', "#", " #", "|", ">",
    "&x ", "*x", "!!str ", "!", "?", "æ", "1", "2018-03-14", "14.10", "0x1F", "~", "null", "yes", "<<: ", "---", "\\",
    "\t", "\u2028", "\ufeff", "%", "@", "`", "x: [1, 2]\n", "y:\n  - {a: 1}\n",
])


@settings(max_examples=1500)
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
def test_libyaml_reads_as_the_python_parser(text):
    assert fast_parse(text) == reference_parse(text)


def test_libyaml_reads_every_real_file_as_the_python_parser():
    files = [*ROOT.glob("plans/*.yaml"), *ROOT.glob("kpi_data/*/*.yaml"), *HOSTILE.rglob("*.yaml"),
             *(ROOT / "tests" / "fixtures").rglob("*.yml")]
    assert len(files) > 25
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        assert fast_parse(text) == reference_parse(text), path


def test_deep_nesting_is_refused_without_crashing():
    # libyaml composes recursively in C: a text this deep must go to the composer that stops in time.
    problems: list = []
    assert load.parse_yaml("[" * 200_000 + "]" * 200_000, "x.yaml", problems) is None
    assert "nesting deeper than" in problems[0].message


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_stage_and_count_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = Progress.for_terminal("da", stream=stream)
    progress.stage("pages", 2000)
    for _ in range(2000):
        progress.advance()
    progress.done()
    text = stream.getvalue()
    assert "Planspor: laver sider 0/2.000" in text and "Planspor: laver sider 2.000/2.000" in text
    assert text.count("\r") < 100, "redrawn at most ten times a second, not once a page"
    assert text.endswith("\r")


@pytest.mark.parametrize("case", ["no terminal", "CI", "serve"])
def test_progress_is_quiet_in_ci_under_serve_and_without_a_terminal(monkeypatch, case):
    monkeypatch.delenv("CI", raising=False)
    stream = io.StringIO() if case == "no terminal" else Terminal()
    if case == "CI":
        monkeypatch.setenv("CI", "true")
    progress = Progress.for_terminal("da", serving=case == "serve", stream=stream)
    progress.stage("pages", 10)
    progress.advance(10)
    progress.done()
    assert not progress.enabled and stream.getvalue() == ""


def test_the_helper_process_gives_the_same_result_or_its_part_is_done_here(monkeypatch):
    pids = in_two(lambda part: [(item, os.getpid()) for item in part], list(range(10)), minimum=0)[0]
    assert [item for item, _ in pids] == list(range(10))
    parent = os.getpid()

    def failing(part):
        if os.getpid() != parent:
            raise RuntimeError("the helper fails")
        return list(part)

    assert in_two(failing, list(range(10)), minimum=0)[0] == list(range(10)), "the helper's part is done here"
    monkeypatch.setenv("PLANSPOR_WORKERS", "1")
    alone, also = in_two(lambda part: [(item, os.getpid()) for item in part], list(range(10)), minimum=0,
                         meanwhile=lambda: "meanwhile")
    assert {pid for _, pid in alone} == {os.getpid()} and also == "meanwhile"
