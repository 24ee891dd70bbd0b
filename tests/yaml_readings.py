"""The loader's two readings of a YAML text, in a form the tests can compare.

``parse_yaml`` reads with libyaml where it can; the reference is PyYAML's Python parser. Tests
in test_scale_parts.py (random texts) and test_load_large.py (a file near the size limit) check
that the two give the same values, positions and problems.
"""

from __future__ import annotations

import yaml

from generator import load


def reference_parse(text: str):
    """The text as PyYAML's Python parser reads it (the reading every message is worded by)."""
    problems: list = []
    parsed = load._parse(text, "x.yaml", problems, load._Lines(text),
                         lambda text: (yaml.compose(text, Loader=load._DepthLimitedLoader), True))[0]
    return _comparable(parsed), sorted(problems)


def fast_parse(text: str):
    """The text as the loader reads it."""
    problems: list = []
    return _comparable(load.parse_yaml(text, "x.yaml", problems)), sorted(problems)


def _comparable(parsed):
    if parsed is None:
        return None
    value, positions, bad = parsed
    return value, positions.values, positions.keys, positions.key_kinds, bad
