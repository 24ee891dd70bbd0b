"""A plan near the size limit, and the shortcuts that make reading it fast, each checked against
what it stands for. Speed itself is measured in bench/, not asserted here."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import load
from generator.load import MAX_FILE_BYTES, load_project

from .yaml_readings import fast_parse, reference_parse
from .conftest import write_project

ACTIVITY = """\
      - id: a-{p}-{a}
        when: uge {week}
        form: Møde
        action: Forløbet for gruppe {a} aftales med ledelse og medarbejdere i jobcentret, og der følges op på sagsgange
        responsible: {{kommune: [Ledelse, Medarbejdere]}}
        note: Aktiviteten gennemføres i samarbejde med STAR's AMK Øst; referatet sendes til alle deltagere
"""


def large_plan(size: int) -> str:
    """A valid plan of about ``size`` bytes: phases of 100 activities each."""
    head = ("id: lille-plan\ntitle: Stor plan\nkind: handleplan\nyear: 2018\n"
            "parties:\n  kommune: {name: Jobcenter Test, type: kommune}\nphases:\n")
    parts, total, p = [head], len(head), 0
    while total < size:
        phase = f"  - id: fase-{p}\n    title: Fase {p}\n    activities:\n" + "".join(
            ACTIVITY.format(p=p, a=a, week=a % 52 + 1) for a in range(100))
        parts.append(phase)
        total += len(phase.encode())
        p += 1
    return "".join(parts)


def test_a_plan_just_under_the_size_limit_validates(tmp_path):
    text = large_plan(MAX_FILE_BYTES - 300_000)
    assert MAX_FILE_BYTES - 400_000 < len(text.encode()) <= MAX_FILE_BYTES
    root = write_project(tmp_path, plan=text, csv=None)
    (root / "kpi_data" / "test" / "test-hp.yaml").unlink()
    assert len(load_project(root).plans[0].activities) > 10_000


def test_problems_in_a_large_text_read_by_libyaml_are_the_reference_readings():
    # A large text is composed by the reference composer over libyaml's events (_FastLoader), and a
    # problem found in it is no longer looked for again with PyYAML's Python parser.
    text = large_plan(300_000)
    assert sum(text.count(character) for character in "[{-:?") > load._C_COMPOSE_INDICATORS
    end = text.rindex("        form: Møde")
    broken = (text[:end] + '        form: Mail\n        form: "x\\x07"\n        points: [1.310, 2018-03-14]\n'
              + "        true: 1\n" + text[end:])
    assert load.compose_yaml(broken)[1], "read by _FastLoader, whose problems are the reference's"
    fast_result = fast_parse(broken)
    assert len(fast_result[1]) == 3  # duplicate key, invisible character, ambiguous number
    assert fast_result == reference_parse(broken)
    assert fast_parse(text) == reference_parse(text)


YAML_PIECES = st.sampled_from([
    "a", "!", " !", ",!", "[!", "x!", "\u3000!", "\xa0!", "|", ">", "|-2#", ">+#", "#", ":", ": ", ": #", ":#", ":,",
    ": }", ":]", "\n", "\n---", "---", "\n...", "...", "\n%", "%", "?", "\t", "\r", "\x85", "\u2028", "\ufeff", "-",
    " ", "æ",
])


@settings(max_examples=2000)
@given(st.lists(YAML_PIECES, max_size=12).map("".join))
def test_python_only_is_the_regular_expression(text):
    assert load._python_only(text) == bool(load._PYTHON_ONLY.search(text))


SCALAR_PIECES = st.sampled_from([
    "a", "æ", " ", "\n", "\n  ", '"', "'", "|\n  ", ">\n  ", "- ", ": ", "\\", "\\x07", "\\x85", "\\u2028", "\\0",
    "\\ud800", "\\N", "\\L", "\\P", "\x85", "\u2028", "\u2029", "\xa0", "#", "[", "]", "{", "}",
])


@settings(max_examples=2000)
@given(st.lists(SCALAR_PIECES, max_size=20).map("".join))
def test_text_without_backslash_or_bad_character_gives_no_value_with_one(text):
    # The builder skips the check of every value for such a text (_may_hold_bad_characters).
    if load._may_hold_bad_characters(text):
        return
    try:
        node = yaml.compose(text, Loader=load._DepthLimitedLoader)
    except (yaml.YAMLError, load._TooLarge):
        return
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            assert not load._BAD_CHARACTER.search(node.value), repr(node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(item for pair in node.value for item in pair)
