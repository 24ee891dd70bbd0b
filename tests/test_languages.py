"""English as a second interface language: one setting switches every label, date, week and number.

The test builds a small project whose content is made-up words (tests/english_project.py), once
with ``theme.language: en`` in mkdocs.yml and once with ``--language da`` on the command line
(which overrides it), and searches every built page for the other language's interface labels.

What counts as a label: every string of the translation table (generator/i18n/*.yml), cut at its
``{placeholders}`` into fragments ("Status pr. {date}" -> "Status pr."). A Danish fragment is
searched in the English site unless it also occurs in some English label (so "Status", the same
word in both, is not), and the other way round. What counts as a page's text: its visible text,
its aria-label, title, placeholder and alt attributes, and the human-readable strings of its chart
specs (titles, descriptions, tooltips, axis and legend labels), which the browser draws. The
chart runtime's own texts (its d3 number and time locale, its menu labels) are checked too.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.charts.runtime import runtime_settings
from generator.i18n import labels

from .conftest import run_planspor
from .english_project import CONTENT_WORDS, write_english_test_project

AS_OF = "2018-05-01"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
SPEC_TEXT_KEYS = re.compile(r"^(title|description|label|labelExpr|text|name|period|t\d+|.*_text)$")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for entry in value for item in _strings(entry)]
    return []


def fragments(language: str) -> set[str]:
    """The literal pieces of every label: what a reader would see of the label on a page."""
    found = set()
    for value in labels(language).values():
        for text in _strings(value):
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" \t\n.,;:()–-=±»«“”\"'")
                if sum(character.isalpha() for character in piece) >= 2:
                    found.add(piece)
    return found


def _pattern(fragment: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(fragment)}(?!\w)")


def foreign_labels(language: str, other: str) -> dict[str, re.Pattern]:
    """``other``'s label fragments that cannot be part of ``language``'s labels."""
    own_text = PLACEHOLDER.sub(" ", "\n".join(text for value in labels(language).values() for text in _strings(value)))
    return {fragment: _pattern(fragment) for fragment in sorted(fragments(other))
            if not _pattern(fragment).search(own_text)}


class _PageText(HTMLParser):
    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.parts.append(value)
            if name == "data-spec" and value:
                self.parts += spec_texts(json.loads(value))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def spec_texts(spec) -> list[str]:
    """The strings of a Vega-Lite spec that end up as text on the chart."""
    texts = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and SPEC_TEXT_KEYS.match(key):
            if key == "labelExpr":
                texts.extend(_lookup_labels(node))
            else:
                texts.append(node)

    walk(spec)
    return texts


def _lookup_labels(expression: str) -> list[str]:
    """The labels of a lookup expression: its first JSON value ({"done": "Gennemført"}[...] or
    ["uge 11", ...][indexof(...)]), values only (the keys are state ids and timestamps)."""
    try:
        value, _ = json.JSONDecoder().raw_decode(expression.lstrip("("))
    except ValueError:
        return []
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _strings(item)]


def page_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(site.rglob("*.html")):
        parser = _PageText()
        parser.feed(path.read_text(encoding="utf-8"))
        texts[str(path.relative_to(site))] = "\n".join(parser.parts)
    return texts


def leftovers(texts: dict[str, str], patterns: dict[str, re.Pattern]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page, text in texts.items():
        for fragment, pattern in patterns.items():
            if fragment in CONTENT_WORDS:
                continue
            match = pattern.search(text)
            if match:
                context = text[max(0, match.start() - 40):match.end() + 40].replace("\n", " | ")
                found.setdefault(page, []).append(f"{fragment!r} in …{context}…")
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = write_english_test_project(tmp_path_factory.mktemp("languages"), theme_language="en")
    built = {}
    for language, extra in (("en", []), ("da", ["--language", "da"])):
        site = root / f"site-{language}"
        result = run_planspor("build", "--as-of", AS_OF, "--strict", "--config", str(root / "mkdocs.yml"),
                              "--site-dir", str(site), *extra, cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr
        built[language] = site
    return built


def test_the_label_fragments_are_meaningful():
    danish = foreign_labels("en", "da")
    english = foreign_labels("da", "en")
    assert {"Forsinket", "Nøgletal", "uge", "marts", "Status pr", "Se tallene i tabellen"} <= set(danish)
    assert {"Overdue", "Indicators", "week", "March", "Status as of"} <= set(english)
    assert "Status" not in danish and "Plan" not in danish  # the same in both languages


@pytest.mark.parametrize("language, other", [("en", "da"), ("da", "en")])
def test_no_interface_label_of_the_other_language_remains(sites, language, other):
    texts = page_texts(sites[language])
    assert len(texts) >= 12
    found = leftovers(texts, foreign_labels(language, other))
    report = "\n".join(f"{page}:\n  " + "\n  ".join(items[:8]) for page, items in found.items())
    assert not found, f"{other} interface labels on the {language} site:\n{report}"


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_theme_and_the_pages_speak_the_language(sites, language):
    index = (sites[language] / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in index
    plan = (sites[language] / "plans" / "zeta-xylo.html").read_text(encoding="utf-8")
    if language == "en":
        assert "Status as of 1 May 2018" in plan and "week 11" in plan and "14 March" in plan
        assert "Switch to dark mode" in index and "About Planspor" in index and "Accessibility statement" in index
        assert "1,200" in plan  # the target group's size, with English grouping
    else:
        assert "Status pr. 1. maj 2018" in plan and "uge 11" in plan and "14. marts" in plan
        assert "Skift til mørkt tema" in index and "Om Planspor" in index and "Tilgængelighedserklæring" in index
        assert "1.200" in plan


@pytest.mark.parametrize("language, other", [("en", "da"), ("da", "en")])
def test_the_chart_runtime_speaks_the_language(language, other):
    settings = runtime_settings(language)
    texts = [*settings["embedI18n"].values(), *settings["messages"].values(),
             *settings["locale"]["time"]["months"], *settings["locale"]["time"]["shortMonths"],
             *settings["locale"]["time"]["days"]]
    found = leftovers({"runtime": "\n".join(texts)}, foreign_labels(language, other))
    assert not found, found
    assert settings["locale"]["format"]["decimal"] == ("," if language == "da" else ".")
    assert ("maj" if language == "da" else "May") in settings["locale"]["time"]["months"]
