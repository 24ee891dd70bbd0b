"""Read ``plans/`` and ``kpi_data/`` into the model, or into a list of every problem found.

This is the only stage that touches the data files. It keeps the line and column
of every value, so that a problem found anywhere (a YAML syntax error, an unknown
key, a bad period, a reference to a KPI that does not exist) is reported as
``path:line:column: message``. Problems are collected, not raised one at a time:
an editor fixing a pull request should see all of them at once.

PyYAML's usual loaders are not used for construction, because they silently
keep the last of two equal keys, turn ``2018-03-14`` into a date and ``11.340``
into 11.34. Instead the YAML is composed into nodes and built here, where each
of those cases can be caught.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import difflib
import gc
import io
import os
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml
from pydantic import BaseModel, ValidationError

from . import model
from .model import ACTUAL_COLUMNS, Actual, Kpi, Plan, YamlFloat
from .numbers import NumberError, parse_number
from .parallel import in_two
from .progress import Progress

PLANS_DIR = "plans"
KPI_DIR = "kpi_data"
MAX_FILE_BYTES = 5 * 1024 * 1024
"""A plan or KPI file larger than this is refused: real ones are a few kilobytes."""
MAX_DEPTH = 40
MAX_VALUES = 200_000
MAX_ACTUAL_ROWS = 10_000
"""A KPI's actuals are one row per period: ten thousand is 27 years of days; more is not a KPI's data."""

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ValidationFailed(Exception):
    """Raised by :func:`load_project` with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass
class Positions:
    """Where each value of one file stands: (line, column), 1-based, by location path.

    Kept as character indexes and turned into lines and columns only when asked (for a problem):
    most files have none, and a national site has thousands of files."""

    values: dict[Loc, int] = field(default_factory=dict)
    keys: dict[Loc, int] = field(default_factory=dict)
    key_kinds: dict[Loc, str] = field(default_factory=dict)
    """Keys that YAML reads as a boolean, number or null, with what it reads them as (see _Builder._mapping)."""
    lines: "_Lines | None" = None

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self._at(self.keys[loc])
            if loc in self.values:
                return self._at(self.values[loc])
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def _at(self, index: int) -> tuple[int, int]:
        return self.lines.at(index) if self.lines is not None else (1, 1)


@dataclass(frozen=True)
class Project:
    """Everything the site is built from, validated."""

    root: Path
    plans: tuple[Plan, ...]
    kpis: tuple[Kpi, ...]
    plan_paths: dict[str, str]
    kpi_paths: dict[str, str]
    kpi_folders: dict[str, str]
    """Organisation folder under ``kpi_data/`` of each KPI id (its URL segment)."""

    def kpi(self, kpi_id: str) -> Kpi:
        try:
            return self._kpis_by_id[kpi_id]
        except KeyError:
            raise StopIteration(kpi_id) from None  # as before: an unknown id is a programming error

    @cached_property
    def _kpis_by_id(self) -> dict[str, Kpi]:
        return {kpi.id: kpi for kpi in self.kpis}

    def plan(self, plan_id: str) -> Plan:
        return next(plan for plan in self.plans if plan.id == plan_id)


# --------------------------------------------------------------------------- YAML


class _Builder:
    """Builds Python values from composed YAML nodes, recording positions and problems."""

    def __init__(self, path: str, problems: list[Problem], lines: "_Lines", check_text: bool = True):
        self.path = path
        self.check_text = check_text
        """Whether a value may hold a character _check_text refuses; see _may_hold_bad_characters."""
        self.problems = problems
        self.lines = lines
        self.positions = Positions(lines=lines)
        self.count = 0
        self.seen: set[int] = set()
        self.bad: set[Loc] = set()
        """Locations whose value the builder has already reported as wrong."""
        self.scalars = yaml.constructor.SafeConstructor()

    def problem(self, mark: yaml.Mark, message: str) -> None:
        self.problems.append(Problem(self.path, *self.lines.of(mark), message))

    def build(self, node: yaml.Node, loc: Loc = ()) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge(node.start_mark, f"more than {MAX_VALUES} values; the file is too large to be a plan or KPI")
        if len(loc) > MAX_DEPTH:
            raise _TooLarge(node.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:
            # The same node twice means an alias: it can multiply a file's size and
            # hides a value's real place from the editor, so it is not allowed.
            raise _TooLarge(node.start_mark, ALIASES_REFUSED)
        self.seen.add(id(node))
        mark = node.start_mark
        self.positions.values[loc] = mark.index
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        # Keys stay text, as written: YAML would make 'true:' the boolean True, which Python takes
        # for the key 1 (True == 1), so 'true:' was reported as "the key 1" and '1:' beside 'true:'
        # as a duplicate. What YAML would have read a key as is kept for the check of mappings whose
        # keys are names (see _key_problems); a record's fields and the years of a budget line are
        # matched by text anyway, and '2023' and 2023 are then one key, as they are to the model.
        result: dict[str, Any] = {}
        first_line: dict[str, yaml.Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node.start_mark, "a key must be a plain word, not a list or mapping")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node.start_mark, "merge keys ('<<') are not supported; write the keys out")
                self.bad.add(loc)  # the keys it would have merged are missing: no need to list them too
                continue
            key = key_node.value
            if self.check_text:
                self._check_text(key_node, loc)
            if key_node.tag not in _RESOLVED_TAGS:
                self.problem(key_node.start_mark, _tag_message(key_node.tag))
            if key in result:
                self.problem(
                    key_node.start_mark,
                    f"duplicate key '{key}' (first at line {self.lines.of(first_line[key])[0]}); "
                    "YAML would silently keep only the last value — remove one",
                )
                continue
            kind = _key_kind(key_node)
            if kind is not None:
                self.positions.key_kinds[loc + (key,)] = kind
            self.positions.keys[loc + (key,)] = key_node.start_mark.index
            first_line[key] = key_node.start_mark
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag = node.tag
        if self.check_text:
            self._check_text(node, loc)
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: the period parser reads them
        if tag in _YAML11_TEXT_TAGS and not _YAML12_PLAIN[tag].fullmatch(node.value):
            # YAML 1.1 reads 'no' as false, '0100' as 64 (octal), '0x10' as 16 and '15:30' as 930
            # (base 60). Editors mean the text, so it stays text and the field's own parser decides.
            return node.value
        if tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_INT_DIGITS:
            # Python will not convert ~4300 digits or more; so long a number is a case number or an error.
            return node.value
        if tag == "tag:yaml.org,2002:float":
            try:
                number = parse_number(node.value)
            except NumberError as error:
                # The field is named, as when the model finds the same number in quotes ('1.310').
                self.problem(node.start_mark, f"{_describe(loc)}: {error}" if loc else str(error))
                self.bad.add(loc)
                return node.value
            return YamlFloat(number, node.value)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            return self.scalars.construct_object(node)
        if tag != "tag:yaml.org,2002:str":
            self.problem(node.start_mark, _tag_message(tag))
        return node.value

    def _check_text(self, node: yaml.ScalarNode, loc: Loc) -> None:
        """Report characters that a double-quoted escape (``"\\x07"``, ``"\\ud800"``) lets into a value.

        YAML itself refuses them written raw; a lone surrogate cannot even be written to a page.
        """
        bad = _BAD_CHARACTER.search(node.value)
        if bad:
            self.problem(node.start_mark, f"the text contains the invisible or invalid character U+{ord(bad.group()):04X}; remove it")
            self.bad.add(loc)


ALIASES_REFUSED = "YAML anchors and aliases (&name, *name) are not supported; write the value out"
MAX_INT_DIGITS = 30
"""Longer digit strings stay text (a number field then reads them, or says they are too large)."""
_YAML11_TEXT_TAGS = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_YAML12_PLAIN = {
    # What YAML 1.2's core schema reads as a bool or a number; YAML 1.1's other forms stay text.
    "tag:yaml.org,2002:bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
    "tag:yaml.org,2002:int": re.compile(r"[-+]?(?:0|[1-9][0-9]*)"),
    "tag:yaml.org,2002:float": re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"),
}
_RESOLVED_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))
"""The tags YAML gives plain scalars by itself; any other tag on a key was written by the editor."""


def _tag_message(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return f"YAML type {tag.rsplit(':', 1)[-1]!r} is not supported here"
    return f"YAML tag {tag!r} is not supported"


def _key_kind(node: yaml.ScalarNode) -> str | None:
    """What YAML 1.2 reads a key as when that is not text ('a boolean', 'a number', 'empty (null)').

    The forms only YAML 1.1 reads otherwise (yes, no, 0100) and dates are text here, as values are."""
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return "empty (null)"
    if tag in _YAML11_TEXT_TAGS and _YAML12_PLAIN[tag].fullmatch(node.value):
        return "a boolean" if tag == "tag:yaml.org,2002:bool" else "a number"
    return None


_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _TooLarge(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        self.message = message


def _decode(raw: bytes, path: str, problems: list[Problem]) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(path, 1, 1, _too_large(len(raw))))
        return None
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(Problem(path, 1, 1, "the file is saved as UTF-16 or UTF-32; save it as UTF-8"))
        return None
    try:
        # A UTF-8 byte-order mark (Windows Notepad writes one) is accepted and dropped.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            Problem(path, line, column, f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")
        )
        return None
    return text.replace("\r\n", "\n")


class _Lines:
    """Line and column of a character as an editor counts them.

    YAML's own marks also end a line at U+0085, U+2028 and U+2029, which editors show inside a
    line; positions are therefore counted here, from the mark's character index.
    """

    def __init__(self, text: str):
        self.starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def of(self, mark: yaml.Mark | None) -> tuple[int, int]:
        return self.at(mark.index) if mark is not None else (1, 1)


class _DepthLimit:
    """Composes nodes like PyYAML's composer, but stops at MAX_DEPTH levels instead of running out of
    Python's stack, and refuses an alias where it is written."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _TooLarge(self.peek_event().start_mark, f"nesting deeper than {MAX_DEPTH} levels")
            if self.check_event(yaml.AliasEvent):
                # Refused where it is written, before anything is expanded: an "alias bomb" costs nothing.
                raise _TooLarge(self.peek_event().start_mark, ALIASES_REFUSED)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _DepthLimitedLoader(_DepthLimit, yaml.SafeLoader):
    """PyYAML's own scanner and parser, in Python: the reference, and what every problem is reported by."""


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:
    class _FastLoader(_DepthLimit, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        """libyaml's scanner and parser (in C, ten times faster) under the same composer as above.

        The nodes, their tags and their positions are those of :class:`_DepthLimitedLoader` (a test
        compares the two), except for constructs the two parsers read differently; texts that may
        hold one (:data:`_PYTHON_ONLY`) and texts libyaml refuses are read by the reference loader.
        """

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:
    _FastLoader = None

_PYTHON_ONLY = re.compile(r"[\t\r\x85\u2028\u2029\ufeff?]|(?:^|[\s,\[\]{}])!|[|>][-+0-9]*#|:[ ]*#|:\s*[,}\]]"
                          r"|(?m:^(?:---|\.\.\.|%))")
"""Where libyaml and PyYAML part ways (found by comparing the two on millions of random texts): tabs
and unusual line breaks, byte-order marks, explicit keys ('?'), tags ('!'), a comment right after a
block scalar's indicator or after an empty value, empty values in flow collections, document markers
and directives. A text with any of them is read by PyYAML's Python parser, as before."""
_PYTHON_ONLY_PARTS = (re.compile(r"\|[-+0-9]*#"), re.compile(r">[-+0-9]*#"), re.compile(r":[ ]*#|:\s*[,}\]]"))


def _python_only(text: str) -> bool:
    """Whether ``_PYTHON_ONLY.search(text)`` finds something (a test compares the two), found faster.

    The one search of the whole alternation took 0.6 s on a 5 MB plan, as the regex engine tries every
    alternative at every character; a pattern that starts with one given character is found by a fast
    scan for that character, and the others are plain string searches: a few milliseconds in all."""
    if any(character in text for character in "\t\r\x85\u2028\u2029\ufeff?"):
        return True
    if text.startswith(("---", "...", "%")) or "\n---" in text or "\n..." in text or "\n%" in text:
        return True  # (?m:^...): '^' is the start or follows '\n' ('\r' was found above)
    index = text.find("!")
    while index != -1:  # (?:^|[\s,\[\]{}])!, where \s is str.isspace for a str pattern
        if index == 0 or text[index - 1].isspace() or text[index - 1] in ",[]{}":
            return True
        index = text.find("!", index + 1)
    return any(pattern.search(text) for pattern in _PYTHON_ONLY_PARTS)


_C_COMPOSE_INDICATORS = 5000
"""libyaml composes nodes recursively in C, which crashes the process on a document nested some
100,000 levels deep; every level needs one of the characters ``[{-:?``, so a text with at most this
many of them (20,000 levels were measured safe) is composed in C, and a longer one by the composer in
Python, which stops at :data:`MAX_DEPTH`."""


def compose_yaml(text: str) -> tuple[yaml.Node | None, bool]:
    """The text's node tree, and whether a problem found in it is the reference's (PyYAML's Python parser's).

    libyaml reads what PyYAML reads, ten times faster, except for the constructs in
    :data:`_PYTHON_ONLY`; a text with one of them, or one libyaml refuses, is read by PyYAML, so that
    every error message is PyYAML's. A tree from libyaml's own composer (small texts) is not the
    reference: it expands aliases and has no depth limit, so :func:`parse_yaml` reads the text again
    the reference way when anything in it turns out wrong. A tree from :class:`_FastLoader` is: its
    composer is the reference's (it refuses aliases and depth as the reference does) and libyaml's
    events are PyYAML's for such a text, so a problem found in it (a duplicate key, an ambiguous number
    near the end of a 5 MB plan) is reported without reading the text again, which took 10 to 20 s.
    """
    if _FastLoader is not None and not _python_only(text):
        indicators = sum(text.count(character) for character in "[{-:?")
        loader = yaml.CSafeLoader if indicators <= _C_COMPOSE_INDICATORS else _FastLoader
        try:
            return yaml.compose(text, Loader=loader), loader is _FastLoader
        except (yaml.YAMLError, _TooLarge, RecursionError):
            pass  # read again below, for PyYAML's message and position
    return yaml.compose(text, Loader=_DepthLimitedLoader), True


def parse_yaml(text: str, path: str, problems: list[Problem]) -> tuple[Any, Positions, frozenset[Loc]] | None:
    """The value of one YAML document, with positions; ``None`` after a problem that stops reading."""
    lines = _Lines(text)
    found: list[Problem] = []
    parsed = _parse(text, path, found, lines, compose_yaml)
    if found and not parsed[1]:
        # Composed by libyaml, and something is wrong: say it exactly as the reference reading does.
        found = []
        parsed = _parse(text, path, found, lines, lambda text: (yaml.compose(text, Loader=_DepthLimitedLoader), True))
    problems.extend(found)
    return parsed[0]


def _parse(text: str, path: str, problems: list[Problem], lines: _Lines,
           compose: Any) -> tuple[tuple[Any, Positions, frozenset[Loc]] | None, bool]:
    """The document read with ``compose``, and whether its problems are the reference reading's."""
    try:
        node, reference = compose(text)
    except _TooLarge as error:
        problems.append(Problem(path, *lines.of(error.mark), error.message))
        return None, True
    except yaml.reader.ReaderError as error:
        # A control character (often pasted in unseen): YAML refuses the whole file; say where it is.
        line, column = lines.at(error.position)
        problems.append(Problem(path, line, column, f"the file contains the invisible character U+{error.character:04X}, "
                                "which YAML does not allow; remove it"))
        return None, True
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or "invalid YAML"
        if "\t" in message or "'\\t'" in message:
            message += " (use spaces, not tabs, to indent)"
        problems.append(Problem(path, *lines.of(mark), f"YAML syntax: {message}"))
        return None, True
    except yaml.YAMLError as error:
        problems.append(Problem(path, 1, 1, f"YAML: {error}"))
        return None, True
    return _build(node, path, problems, lines, _may_hold_bad_characters(text)), reference


def _may_hold_bad_characters(text: str) -> bool:
    """Whether a value read from ``text`` may hold a character :meth:`_Builder._check_text` refuses.

    Only an escape in a double-quoted value ("\\x07") can put into a value a character that is not
    in the text (line breaks become '\\n'); with no backslash and no such character in the whole
    text, the check of every value (a fifth of the time of building a 5 MB plan) is skipped."""
    return "\\" in text or _BAD_CHARACTER.search(text) is not None


def _build(node: yaml.Node | None, path: str, problems: list[Problem],
           lines: _Lines, check_text: bool = True) -> tuple[Any, Positions, frozenset[Loc]] | None:
    if node is None:
        problems.append(Problem(path, 1, 1, "the file is empty; expected a mapping of keys such as 'id:' and 'title:'"))
        return None
    builder = _Builder(path, problems, lines, check_text)
    try:
        value = builder.build(node)
    except _TooLarge as error:
        problems.append(Problem(path, *lines.of(error.mark), error.message))
        return None
    except RecursionError:
        problems.append(Problem(path, 1, 1, "nesting too deep"))
        return None
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        problems.append(Problem(path, 1, 1, f"expected a mapping of keys such as 'id:' and 'title:', found {kind}"))
        return None
    return value, builder.positions, frozenset(builder.bad)


# ----------------------------------------------------------------- model errors


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    """The record class inside an annotation such as ``list[Activity] | None``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap_model(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if origin in (list, dict, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap_model(arg)
            if found:
                return found
    return None


def _record_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The record class that holds the last key of ``loc``."""
    current: type[BaseModel] | None = root
    for part in loc[:-1]:
        if current is None:
            return None
        if isinstance(part, str) and part in current.model_fields:
            current = _unwrap_model(current.model_fields[part].annotation)
        # list indices, dict keys and union tags keep the current record
    return current


def _key_problems(record: type[BaseModel], path: str, positions: Positions, problems: list[Problem]) -> bool:
    """A key YAML reads as a boolean, number or null (``true:``, ``1:``, ``~:``) where the model expects a name.

    Keys reach the model as text (see _Builder._mapping), so that messages show them as written; but a
    name written ``true`` is a boolean to YAML, to every other YAML tool and to the editor's language
    server, just as ``title: true`` is. A record reports such a key itself, as unknown, with the nearest
    field; a budget line's years check their own keys. Returns whether all keys are fine."""
    ok = True
    for loc, kind in positions.key_kinds.items():
        if _key_type(record, loc[:-1]) is str:
            ok = False
            line, column = positions.of(loc, key=True)
            problems.append(Problem(path, line, column, f"{_describe(loc[:-1]) or 'file'}: the key '{loc[-1]}' is not "
                                    f"valid here: YAML reads {loc[-1] or 'an empty key'} as {kind}, not a name; "
                                    f"if it is a name, write it in quotes: '{loc[-1]}'"))
    return ok


def _key_type(record: type[BaseModel], loc: Loc) -> Any:
    """The type of the keys the model expects of the mapping at ``loc`` (``str`` for ``parties``), or
    ``None`` where the mapping is a record (its keys are its fields) or not expected at all."""
    options: list[Any] = [record]
    for part in loc:
        options = [child for option in options for child in _children(option, part)]
    for option in options:
        if typing.get_origin(option) is dict:
            return _alternatives(typing.get_args(option)[0])[0]
    return None


def _alternatives(annotation: Any) -> list[Any]:
    """The types an annotation allows, without ``Annotated`` and unions: ``X | None`` gives X and None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _alternatives(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [option for arg in typing.get_args(annotation) for option in _alternatives(arg)]
    return [annotation]


def _children(annotation: Any, part: str | int) -> list[Any]:
    """The annotations of the value at ``part`` (a field, index or key) inside a value of ``annotation``."""
    found = []
    for option in _alternatives(annotation):
        origin = typing.get_origin(option)
        if isinstance(option, type) and issubclass(option, BaseModel):
            if isinstance(part, str) and part in option.model_fields:
                found.append(option.model_fields[part].annotation)
        elif origin is list and isinstance(part, int):
            found.append(typing.get_args(option)[0])
        elif origin is dict and isinstance(part, str):
            found.append(typing.get_args(option)[1])
    return found


def _describe(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_EXPECTED_SHAPE = {
    # Pydantic's "Input should be a valid list" does not tell an editor what to write.
    "list_type": "expected a list, one item per line starting with '- '",
    "dict_type": "expected a mapping, one 'key: value' per line",
}


def _is_union_tag(part: str | int) -> bool:
    """Whether a part of Pydantic's error location names a union alternative, not a key."""
    return isinstance(part, str) and part != KEY_PART and (
        "[" in part or part in _RECORD_NAMES or part in ("float", "int", "str")
    )


KEY_PART = "[key]"
"""Pydantic's last location part for an error in a mapping's key rather than its value."""


_RECORD_NAMES = {cls.__name__ for cls in vars(model).values() if isinstance(cls, type) and issubclass(cls, BaseModel)}


def model_problems(
    error: ValidationError,
    record: type[BaseModel],
    path: str,
    positions: Positions,
    data: Any,
    already_reported: frozenset[Loc] = frozenset(),
) -> list[Problem]:
    """Pydantic's errors as problems that name file, line, field, what was expected and what was found."""
    problems = []
    seen: set[Loc] = set()
    for detail in error.errors(include_url=False):
        # Pydantic reports a union's alternatives by type name; those are not the editor's words.
        loc, relevant = _editor_loc(detail["loc"], data)
        if not relevant:
            continue
        if any(loc[: len(bad)] == bad for bad in already_reported):
            continue  # the YAML reader has said what is wrong with this value
        kind = detail["type"]
        field_name = _describe(loc) or "file"
        if len(loc) >= 2 and loc[-1] == KEY_PART:
            text = detail["msg"].removeprefix("Value error, ")
            message = f"{_describe(loc[:-2]) or 'file'}: the key {loc[-2]!r} is not valid here: {text}"
            line, column = positions.of(loc[:-1], key=True)
        elif not loc:
            message = f"file: {detail['msg']}"
            line, column = positions.of(loc)
        elif kind == "extra_forbidden":
            key = loc[-1]
            holder = _record_at(record, loc)
            options = list(holder.model_fields) if holder else []
            guess = difflib.get_close_matches(str(key), options, n=1, cutoff=0.6)
            hint = f"; did you mean '{guess[0]}'?" if guess else (f"; allowed keys: {', '.join(options)}" if options else "")
            message = f"unknown key '{key}' in {_describe(loc[:-1]) or 'file'}{hint}"
            line, column = positions.of(loc, key=True)
        elif kind == "missing":
            message = f"missing required field '{loc[-1]}' in {_describe(loc[:-1]) or 'file'}"
            line, column = positions.of(loc[:-1])
        else:
            text = _EXPECTED_SHAPE.get(kind) or detail["msg"].removeprefix("Value error, ")
            message = f"{field_name}: {text}; found {_found(detail.get('input'))}"
            if kind.startswith("value_error") or kind in ("assertion_error",):
                message = f"{field_name}: {text}"
            line, column = positions.of(loc)
        if loc in seen:
            continue  # one message per field is enough for an editor to act on
        seen.add(loc)
        problems.append(Problem(path, line, column, message))
    return problems


def _editor_loc(raw_loc: tuple, data: Any) -> tuple[Loc, bool]:
    """Pydantic's error location as the editor's keys and indices, and whether the error is relevant.

    A part that names a key or index present in the data is the editor's, even when it looks like
    one of Pydantic's union tags (a key 'int' or 'Target'); any other tag-like part is dropped.
    For a value that fits none of a union's alternatives, only errors from the alternative the
    editor meant are relevant: a mapping was meant as a record (``{series: expected}``), anything
    else as a plain value (a number); errors from the other alternative only confuse.
    """
    loc: list[str | int] = []
    relevant: bool | None = None
    value = data
    for index, part in enumerate(raw_loc):
        present = _holds(value, part)
        if not present and _is_union_tag(part):
            if relevant is None:
                branch_is_record = any(later in _RECORD_NAMES for later in raw_loc[index:])
                relevant = branch_is_record == isinstance(value, dict)
            continue
        loc.append(part)
        value = value[part] if present else None
    return tuple(loc), relevant is not False


def _holds(value: Any, part: Any) -> bool:
    if isinstance(value, dict):
        try:
            return part in value
        except TypeError:
            return False
    return isinstance(value, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(value)


# ------------------------------------------------------------------------ files


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_bytes(path: Path, name: str, problems: list[Problem]) -> bytes | None:
    """A data file's bytes, read no further than the size limit (memory stays bounded), or ``None`` with a problem."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), os.fstat(file.fileno()).st_size)
    except OSError as error:
        problems.append(Problem(name, 1, 1, f"the file cannot be read: {error.strerror or error}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, 1, 1, _too_large(size)))
        return None
    return raw


def _too_large(size: int) -> str:
    return (f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1024 // 1024} MB). "
            "Real plans, KPIs and actuals are a few kilobytes: split the file or remove what does not belong")


def read_record(path: Path, root: Path, record: type[BaseModel], problems: list[Problem]) -> tuple[Any, Positions] | None:
    """One YAML file as a validated record (with positions), or ``None`` with problems added."""
    raw = _read_bytes(path, _relative(path, root), problems)
    return None if raw is None else record_from_bytes(raw, _relative(path, root), record, problems)


def record_from_bytes(raw: bytes, name: str, record: type[BaseModel], problems: list[Problem]) -> tuple[Any, Positions] | None:
    """The content of one YAML file named ``name`` (e.g. a version from git history) as a validated record."""
    text = _decode(raw, name, problems)
    if text is None:
        return None
    reported = len(problems)
    parsed = parse_yaml(text, name, problems)
    if parsed is None:
        return None
    data, positions, bad = parsed
    keys_ok = _key_problems(record, name, positions, problems)
    year = data.get("year")
    try:
        value = record.model_validate(data, context={"default_year": year if isinstance(year, int) else None})
    except ValidationError as error:
        problems.extend(model_problems(error, record, name, positions, data, bad))
        if len(problems) == reported:
            # Never drop a file without a word: if no message above applies, say what Pydantic said.
            detail = error.errors(include_url=False)[0]
            line, column = positions.of(_editor_loc(detail["loc"], data)[0])
            problems.append(Problem(name, line, column, f"{_describe(detail['loc']) or 'file'}: {detail['msg']}"))
        return None
    if not keys_ok:
        return None  # as after a Pydantic error: checks that read the record would report the same key again
    return value, positions


def read_actuals_csv(path: Path, root: Path, problems: list[Problem]) -> list[Actual] | None:
    """Actuals from a KPI's CSV: one row per period; empty cells are missing, never zero."""
    raw = _read_bytes(path, _relative(path, root), problems)
    return None if raw is None else actuals_from_bytes(raw, _relative(path, root), problems)


def actuals_from_bytes(raw: bytes, name: str, problems: list[Problem]) -> list[Actual] | None:
    """The content of one actuals CSV named ``name`` (e.g. a version from git history) as actuals."""
    text = _decode(raw, name, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.append(Problem(name, 1, 1, f"the header cannot be read as CSV: {error}"))
        return None
    if not header:
        where = "the first line is empty; put the header (such as 'period,actual') on line 1" if text.strip() else \
            "the CSV file is empty; expected a header such as 'period,actual'"
        problems.append(Problem(name, 1, 1, where))
        return None
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        # Spreadsheets in Danish save CSV with semicolons (the comma is the decimal mark); the
        # columns would otherwise be reported as one unknown column 'period;actual'.
        separator = "semicolons" if ";" in header[0] else "tabs"
        problems.append(Problem(name, 1, 1, f"the columns are separated by {separator}; a KPI's CSV file is separated "
                                "by commas (period,actual), with a decimal comma in quotes (\"1234,5\"). "
                                "'planspor import' reads a file with semicolons or tabs into this one"))
        return None
    header = [column.strip() for column in header]
    ok = True
    for index, column in enumerate(header):
        if column not in ACTUAL_COLUMNS:
            guess = difflib.get_close_matches(column, ACTUAL_COLUMNS, n=1, cutoff=0.6)
            hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed columns: {', '.join(ACTUAL_COLUMNS)}"
            problems.append(Problem(name, 1, index + 1, f"unknown column '{column}'{hint}"))
            ok = False
    for required in ("period", "actual"):
        if required not in header:
            problems.append(Problem(name, 1, 1, f"the header has no '{required}' column (found: {', '.join(header)})"))
            ok = False
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, 1, "a column name appears twice in the header"))
        ok = False
    if not ok:
        return None
    actuals: list[Actual] = []
    first_line: dict[str, int] = {}
    while True:
        line = reader.line_num + 1  # where this row starts; a quoted cell may span several lines
        try:
            row = next(reader, None)
        except csv.Error as error:
            problems.append(Problem(name, line, 1, f"this row cannot be read as CSV: {error}; no later row was read"))
            break
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(actuals) >= MAX_ACTUAL_ROWS:
            problems.append(Problem(name, line, 1, f"more than {MAX_ACTUAL_ROWS:,} rows of actuals; the limit is "
                                    f"{MAX_ACTUAL_ROWS:,} (one row per period); no later row was read"))
            break
        bad = next((index for index, cell in enumerate(row) if _BAD_CHARACTER.search(cell)), None)
        if bad is not None:
            character = _BAD_CHARACTER.search(row[bad]).group()  # type: ignore[union-attr]
            problems.append(Problem(name, line, bad + 1, f"the cell contains the invisible character U+{ord(character):04X}; remove it"))
            continue
        if len(row) != len(header):
            problems.append(Problem(name, line, 1, f"row has {len(row)} cells; the header has {len(header)}"))
            continue
        values: dict[str, Any] = {}
        row_ok = True
        for index, (column, cell) in enumerate(zip(header, row)):
            cell = cell.strip()
            if column in ("period", "note"):
                if cell:
                    values[column] = cell
                continue
            try:
                number = parse_number(cell)
            except NumberError as error:
                problems.append(Problem(name, line, index + 1, f"column '{column}': {error}"))
                row_ok = False
                continue
            if number is not None:
                values[column] = number
        if not row_ok:
            continue
        try:
            actual = Actual.model_validate(values)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                column = str(detail["loc"][0]) if detail["loc"] else "period"
                where = header.index(column) + 1 if column in header else 1
                text = detail["msg"].removeprefix("Value error, ")
                problems.append(Problem(name, line, where, f"column '{column}': {text}"))
            continue
        canonical = actual.period.canonical
        if canonical in first_line:
            problems.append(Problem(name, line, header.index("period") + 1,
                                    f"period {canonical} appears twice in the actuals (first at line {first_line[canonical]})"))
            continue
        first_line[canonical] = line
        actuals.append(actual)
    return actuals


# ---------------------------------------------------------------- cross-checks


def _check_plan(plan: Plan, name: str, positions: Positions, problems: list[Problem]) -> None:
    def at(loc: Loc, message: str, key: bool = False) -> None:
        line, column = positions.of(loc, key=key)
        problems.append(Problem(name, line, column, message))

    if Path(name).stem != plan.id:
        at(("id",), f"id '{plan.id}' differs from the file name '{Path(name).name}'; rename one so they agree")
    focus_ids = {area.id for area in plan.focus_areas}
    _unique(((area.id, ("focus_areas", i, "id")) for i, area in enumerate(plan.focus_areas)), "focus area", at)
    _unique(((phase.id, ("phases", i, "id")) for i, phase in enumerate(plan.phases)), "phase", at)
    activity_ids = []
    for p, phase in enumerate(plan.phases):
        for a, activity in enumerate(phase.activities):
            loc = ("phases", p, "activities", a)
            activity_ids.append((activity.id, loc + ("id",)))
            for party in activity.responsible:
                if party not in plan.parties:
                    guess = difflib.get_close_matches(party, list(plan.parties), n=1)
                    hint = f"; did you mean '{guess[0]}'?" if guess else f"; the plan's parties are: {', '.join(plan.parties)}"
                    at(loc + ("responsible", party), f"activity '{activity.id}': unknown party '{party}'{hint}", key=True)
            if activity.focus_area and activity.focus_area not in focus_ids:
                guess = difflib.get_close_matches(activity.focus_area, list(focus_ids), n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else f"; the plan's focus areas are: {', '.join(sorted(focus_ids)) or 'none'}"
                at(loc + ("focus_area",), f"activity '{activity.id}': unknown focus area '{activity.focus_area}'{hint}")
    activity_ids += [(m.id, ("milestones", i, "id")) for i, m in enumerate(plan.milestones)]
    _unique(activity_ids, "activity or milestone", at)


def _unique(items: Iterable[tuple[str, Loc]], what: str, at: Any) -> None:
    first: dict[str, Loc] = {}
    for item_id, loc in items:
        if item_id in first:
            at(loc, f"duplicate {what} id '{item_id}'; ids must be unique within the plan")
        else:
            first[item_id] = loc


def _check_kpi_actuals(kpi: Kpi, name: str, positions: Positions, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for index, actual in enumerate(kpi.actuals):
        canonical = actual.period.canonical
        if canonical in seen:
            line, column = positions.of(("actuals", index, "period"))
            problems.append(Problem(name, line, column, f"period {canonical} appears twice in the actuals"))
        seen[canonical] = index


_LOADED: dict[Path, tuple[tuple[bytes | None, ...], Any]] = {}
"""The last result of reading each data file (with its CSV), by path, for as long as its bytes stay the
same. ``planspor build`` validates before MkDocs runs the plugin, and ``mkdocs serve`` rebuilds the
whole site after every edit: unchanged files are then not parsed and validated again (a national
site has 4,000 of them). Only results without problems are kept; the bytes are compared in full."""
_LOADED_LIMIT = 50_000


def _remembered(path: Path, raw: tuple[bytes | None, ...], read: Any, problems: list[Problem]) -> Any:
    """``read(problems)`` for ``path`` whose content is ``raw``, from :data:`_LOADED` when unchanged."""
    known = _LOADED.get(path)
    if known is not None and known[0] == raw:
        return known[1]
    found: list[Problem] = []
    result = read(found)
    problems.extend(found)
    if not found and result is not None:
        _remember(path, raw, result)
    return result


def _remember(path: Path, raw: tuple[bytes | None, ...], result: Any) -> None:
    if len(_LOADED) >= _LOADED_LIMIT:
        _LOADED.clear()
    _LOADED[path] = (raw, result)


def _read_plan(path: Path, root: Path, problems: list[Problem]) -> tuple[Plan, Positions] | None:
    name = _relative(path, root)
    raw = _read_bytes(path, name, problems)
    if raw is None:
        return None
    return _remembered(path.absolute(), (raw,), lambda found: record_from_bytes(raw, name, Plan, found), problems)


@dataclass(frozen=True)
class _KpiSource:
    """A KPI file's bytes and its CSV's, as read from disk."""

    path: Path
    name: str
    raw: bytes
    has_csv: bool
    csv_raw: bytes | None

    @property
    def key(self) -> tuple[bytes | None, ...]:
        return (self.raw, self.csv_raw)


def _kpi_source(path: Path, root: Path, problems: list[Problem]) -> _KpiSource | None:
    name = _relative(path, root)
    raw = _read_bytes(path, name, problems)
    if raw is None:
        return None
    csv_path = path.with_suffix(".csv")
    has_csv = csv_path.exists()
    csv_raw = _read_bytes(csv_path, _relative(csv_path, root), problems) if has_csv else None
    return _KpiSource(path, name, raw, has_csv, csv_raw)


def _parse_kpi(source: _KpiSource, root: Path, found: list[Problem]) -> tuple[Kpi, Positions] | None:
    """A KPI file with the actuals of its CSV, checked on its own (id, file name, actuals in one place)."""
    path, name, csv_raw = source.path, source.name, source.csv_raw
    csv_name = _relative(path.with_suffix(".csv"), root)
    loaded = record_from_bytes(source.raw, name, Kpi, found)
    if not loaded or (source.has_csv and csv_raw is None):  # an unreadable CSV is reported where it is read
        return None
    kpi, positions = loaded
    if csv_raw is not None:
        if kpi.actuals:
            line, column = positions.of(("actuals",), key=True)
            found.append(Problem(name, line, column, f"actuals are given both here and in {csv_name}; keep one"))
        rows = actuals_from_bytes(csv_raw, csv_name, found)
        if rows is None:
            return None
        kpi = kpi.model_copy(update={"actuals": rows})
    else:
        _check_kpi_actuals(kpi, name, positions, found)  # the CSV reader checks its own rows
    if path.stem != kpi.id:
        line, column = positions.of(("id",))
        found.append(Problem(name, line, column, f"id '{kpi.id}' differs from the file name '{path.name}'; rename one so they agree"))
    return kpi, positions


PARALLEL_MIN_FILES = 300
"""From this many KPI files to read (not found unchanged in memory), a second CPU reads part of them."""


def _read_kpis(paths: list[Path], root: Path, problems: list[Problem], progress: Progress,
               meanwhile: Any) -> list[tuple[str, tuple[Kpi, Positions | None] | None]]:
    """Every KPI file of ``paths`` (with its CSV), by name: unchanged ones from memory, the others
    read and parsed, by two processes when there are many (generator/parallel.py); and
    ``meanwhile()``, here, while the helper works.

    The helper sends its KPIs without their positions (a third of what it would send); they are
    only needed to place a problem found later, and are then read again (:func:`_kpi_positions`)."""

    def read(part: Sequence[Path]) -> list[tuple[_KpiSource | None, Any, list[Problem]]]:
        done = []
        for path in part:
            found: list[Problem] = []
            source, result = _kpi_source(path, root, found), None
            if source is not None:
                known = _LOADED.get(path.absolute())
                if known is not None and known[0] == source.key:
                    source, result = None, known[1]  # nothing new to remember
                else:
                    result = _parse_kpi(source, root, found)
            done.append((source, result, found))
            progress.advance()
        return done

    parent = os.getpid()

    def read_part(part: Sequence[Path]) -> list[tuple[_KpiSource | None, Any, list[Problem]]]:
        done = read(part)
        if os.getpid() == parent:
            return done
        return [(source, (result[0], None) if result is not None else None, found) for source, result, found in done]

    unknown = sum(1 for path in paths if path.absolute() not in _LOADED)
    if unknown >= PARALLEL_MIN_FILES:
        done, _ = in_two(read_part, paths, child_share=0.5, meanwhile=meanwhile)
    else:
        done = read(paths)
        meanwhile()
    results = []
    for path, (source, result, found) in zip(paths, done):
        problems.extend(found)
        if source is not None and not found and result is not None:
            _remember(path.absolute(), source.key, result)
        results.append((_relative(path, root), result))
    return results


class _LazyPositions:
    """The positions of a KPI file, read again when a problem needs one (see :func:`_read_kpis`)."""

    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        return _kpi_positions(self.path, self.root).of(loc, key=key)


def _kpi_positions(path: Path, root: Path) -> Positions:
    """The positions in a KPI file whose KPI came without them from the helper process."""
    found: list[Problem] = []
    source = _kpi_source(path, root, found)
    loaded = record_from_bytes(source.raw, source.name, Kpi, found) if source is not None else None
    return loaded[1] if loaded else Positions()


def load_project(root: Path, progress: Progress | None = None) -> Project:
    """Load and validate every plan and KPI under ``root``; raise :class:`ValidationFailed` with all problems.

    ``progress`` counts the files read (a national site has thousands)."""
    # Reading creates some hundred thousand objects and no cycles to collect: the garbage collector
    # would only walk them again and again (a fifth of the time on a national site).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_project(Path(root), progress or Progress.quiet())
    finally:
        if collecting:
            gc.enable()


def _load_project(root: Path, progress: Progress) -> Project:
    problems: list[Problem] = []
    plans: list[tuple[Plan, str, Positions]] = []
    kpis: list[tuple[Kpi, str, Positions, str]] = []

    plan_files = sorted((root / PLANS_DIR).glob("*.y*ml"))
    kpi_files = sorted((root / KPI_DIR).glob("*/*.y*ml"))
    progress.stage("load", len(plan_files) + len(kpi_files))

    def read_plans() -> None:
        for path in plan_files:
            loaded = _read_plan(path, root, problems)
            progress.advance()
            if loaded:
                plans.append((loaded[0], _relative(path, root), loaded[1]))

    # A KPI whose own file is broken is reported there; references to it are not errors too.
    declared_kpis = {path.stem for path in kpi_files}
    # The plans are read while a helper process reads part of the KPIs (when there is one).
    for path, (name, loaded) in zip(kpi_files, _read_kpis(kpi_files, root, problems, progress, read_plans)):
        if loaded:
            kpi, positions = loaded
            kpis.append((kpi, name, positions or _LazyPositions(path, root), path.parent.name))
    progress.advance(len(plan_files) + len(kpi_files) - progress.count)  # the helper's files, unreadable ones
    progress.done()

    for path in sorted((root / KPI_DIR).glob("*/*.csv")):
        if not any(path.with_suffix(ext).exists() for ext in (".yaml", ".yml")):
            problems.append(Problem(_relative(path, root), 1, 1, f"no KPI file {path.stem}.yaml beside this CSV"))

    plan_paths: dict[str, str] = {}
    for plan, name, positions in plans:
        if plan.id in plan_paths:
            line, column = positions.of(("id",))
            problems.append(Problem(name, line, column, f"plan id '{plan.id}' is also used by {plan_paths[plan.id]}"))
        plan_paths.setdefault(plan.id, name)
        _check_plan(plan, name, positions, problems)

    kpi_paths: dict[str, str] = {}
    for kpi, name, positions, _folder in kpis:
        if kpi.id in kpi_paths:
            line, column = positions.of(("id",))
            problems.append(Problem(name, line, column, f"KPI id '{kpi.id}' is also used by {kpi_paths[kpi.id]}"))
        kpi_paths.setdefault(kpi.id, name)

    party_names: dict[str, tuple[str, str]] = {}
    for plan, name, positions in plans:
        for index, kpi_id in enumerate(plan.kpis):
            if kpi_id not in kpi_paths and kpi_id not in declared_kpis:
                guess = difflib.get_close_matches(kpi_id, list(kpi_paths), n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                line, column = positions.of(("kpis", index))
                problems.append(Problem(name, line, column, f"kpis: unknown KPI '{kpi_id}'{hint}"))
        for party_id, party in plan.parties.items():
            if party_id in party_names and party_names[party_id][0] != party.name:
                other_name, other_file = party_names[party_id]
                line, column = positions.of(("parties", party_id, "name"))
                problems.append(
                    Problem(name, line, column, f"party '{party_id}' is named '{party.name}' here but '{other_name}' in {other_file}; "
                            "a party id means the same party in every plan")
                )
            party_names.setdefault(party_id, (party.name, name))

    if problems:
        raise ValidationFailed(problems)
    return Project(
        root=root,
        plans=tuple(sorted((plan for plan, _, _ in plans), key=lambda plan: plan.id)),
        kpis=tuple(sorted((kpi for kpi, _, _, _ in kpis), key=lambda kpi: kpi.id)),
        plan_paths=plan_paths,
        kpi_paths=kpi_paths,
        kpi_folders={kpi.id: folder for kpi, _, _, folder in kpis},
    )
