"""The hand-written pages in two languages: docs/X.md is Danish, docs/X.en.md its English version.

- Every translation has its original, and a build serves the translation at the original's URL in
  its language only; no translation is ever a page of its own (generator/plugin.py).
- The status rule's numbers live in generator/status.py; both language versions of docs/status.md
  must state those numbers, so a changed threshold fails here until both pages say it.
- The English build of the sample shows no Danish on the translated pages (the leftover-label
  mechanism of tests/test_languages.py, plus a few Danish words that are no label).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.plugin import original_of, translated_nav, translation_plan
from generator.status import DEFAULT_THRESHOLDS, DUE_SOON, PATH_MARGIN, TARGET_MARGIN, TREND_MIN_POINTS, TREND_POINTS

from .conftest import AS_OF, ROOT, run_planspor
from .english_project import write_english_test_project
from .test_languages import _PageText, foreign_labels, leftovers

DOCS = ROOT / "docs"
TRANSLATED = ("about.md", "status.md", "data.md")
"""The pages that have an English version; docs/redigering.md is for Danish editors only."""


def translations() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if original_of(path.relative_to(DOCS).as_posix()))


def test_every_translation_has_its_original():
    found = {path.relative_to(DOCS).as_posix() for path in translations()}
    assert {name.replace(".md", ".en.md") for name in TRANSLATED} <= found
    for name in found:
        assert (DOCS / original_of(name)).is_file(), f"docs/{name} translates no page: docs/{original_of(name)} is missing"


def test_the_translation_plan():
    uris = ["about.md", "about.en.md", "status.md", "status.en.md", "lost.en.md", "redigering.md", "sub/x.md", "sub/x.en.md"]
    english = translation_plan(uris, "en")
    assert english.used == {"about.md": "about.en.md", "status.md": "status.en.md", "sub/x.md": "sub/x.en.md"}
    assert english.unused == [] and english.orphans == ["lost.en.md"]
    danish = translation_plan(uris, "da")
    assert danish.used == {} and danish.orphans == ["lost.en.md"]
    assert sorted(danish.unused) == ["about.en.md", "status.en.md", "sub/x.en.md"]
    assert original_of("about.md") is None and original_of("en.md") is None


def test_mkdocs_yml_nav_titles_follow_the_language():
    nav = [{"Om Planspor": ["about.md", {"Sådan beregnes status": "status.md"},
                            {"Redigeringsvejledning": "redigering.md"}, {"Data til download": "data.md"},
                            {"Data format reference": "reference.md"}, {"Ydeevne": "performance.md"}]}]
    english = translated_nav(nav, "en")
    assert english == [{"About Planspor": ["about.md", {"How status is computed": "status.md"},
                                           {"Editing guide (Danish)": "redigering.md"},
                                           {"Open data downloads": "data.md"},
                                           {"Data format reference": "reference.md"}, {"Performance": "performance.md"}]}]
    assert translated_nav(english, "da") == nav  # a mkdocs.yml may be written in either language
    assert nav[0]["Om Planspor"][1] == {"Sådan beregnes status": "status.md"}  # the input is left as it was


# ------------------------------------------------------------ the status rule's numbers, in both languages

NUMBER = r"(\d+(?:[.,]\d+)?)"
RULE = {
    # Each threshold as each page words it: the number is read from the page, not assumed.
    "da": {
        "due_soon_days": r"starter inden for (\d+) dage efter datoen",
        "path_margin_percent": rf"med et udgangspunkt: \*\*{NUMBER} %\*\*",
        "target_margin_percent": rf"uden udgangspunkt: \*\*{NUMBER} %\*\* af målet",
        "standing_margin_percent": rf"højst {NUMBER} % fra målet",
        "trend_min_points": r"mindst \*\*(\d+)\*\* tal",
        "trend_points": r"højst \*\*(\d+)\*\* tal",
    },
    "en": {
        "due_soon_days": r"starts within (\d+) days after the date",
        "path_margin_percent": rf"with a baseline: \*\*{NUMBER}%\*\*",
        "target_margin_percent": rf"without a baseline: \*\*{NUMBER}%\*\* of the target",
        "standing_margin_percent": rf"at most {NUMBER}% from the target",
        "trend_min_points": r"at least \*\*(\d+)\*\* figures",
        "trend_points": r"at most the \*\*(\d+)\*\* latest figures",
    },
}
EXPECTED = {
    "due_soon_days": DUE_SOON.days,
    "path_margin_percent": PATH_MARGIN * 100,
    "target_margin_percent": TARGET_MARGIN * 100,
    "standing_margin_percent": TARGET_MARGIN * 100,
    "trend_min_points": TREND_MIN_POINTS,
    "trend_points": TREND_POINTS,
}


def _number(text: str, language: str) -> float:
    return float(text.replace(",", ".") if language == "da" else text.replace(",", ""))


def status_page(language: str) -> str:
    return (DOCS / ("status.md" if language == "da" else f"status.{language}.md")).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", sorted(RULE))
def test_the_status_page_states_the_thresholds_of_the_code(language):
    page = status_page(language)
    prose = " ".join(page.split())  # sentences are wrapped at any word
    for name, pattern in RULE[language].items():
        found = re.findall(pattern, prose)
        assert found, f"status page ({language}): no {name} ({pattern!r})"
        for value in found:
            assert _number(value, language) == pytest.approx(EXPECTED[name]), f"status page ({language}): {name} = {value}"


@pytest.mark.parametrize("language", sorted(RULE))
def test_the_status_page_table_has_every_default(language):
    page = status_page(language)
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", page, flags=re.MULTILINE))
    defaults = {name: getattr(DEFAULT_THRESHOLDS, name) for name in DEFAULT_THRESHOLDS.__dataclass_fields__}
    assert set(rows) == set(defaults), f"status page ({language}): the table's keys differ from Thresholds"
    for name, default in defaults.items():
        cell = rows[name].strip()
        if isinstance(default, bool):
            assert cell == f"`{str(default).lower()}`", (language, name, cell)
            continue
        share, *percent = re.findall(NUMBER, cell)
        assert _number(share, language) == pytest.approx(default), (language, name, cell)
        if percent:  # "0,10 (10 %)"
            assert _number(percent[0], language) == pytest.approx(default * 100), (language, name, cell)


# ------------------------------------------------------------------------ the sample, built in both languages

DANISH_WORDS = ("og", "ikke", "på", "det", "til", "af", "som", "når", "eller", "der", "har", "står", "tal", "mål",
                "nøgletal", "også", "hvor", "fra", "med")
"""Common Danish words that are no English word: prose the label fragments would not catch."""


def article_text(page: Path) -> str:
    """The page's own text (the article), without the navigation, whose plan titles are Danish data."""
    html = page.read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", html, flags=re.DOTALL)
    assert article, page
    parser = _PageText()
    parser.feed(article.group(0))
    return "\n".join(parser.parts)


def nav_titles(page: Path) -> list[str]:
    return [" ".join(title.split()) for title in
            re.findall(r'class="md-ellipsis">([^<]*)<', page.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def sample_sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for language in ("en", "da"):
        site = tmp_path_factory.mktemp(f"sample-{language}")
        result = run_planspor("build", "--as-of", AS_OF.isoformat(), "--strict", "--language", language,
                              "--site-dir", str(site))
        assert result.returncode == 0, result.stdout + result.stderr  # --strict: no orphan or unlisted page
        built[language] = site
    return built


def test_the_english_sample_shows_the_english_pages(sample_sites):
    site = sample_sites["en"]
    patterns = foreign_labels("en", "da")
    patterns.update({word: re.compile(rf"(?<!\w){word}(?!\w)", re.IGNORECASE) for word in DANISH_WORDS})
    texts = {name: article_text(site / name.replace(".md", ".html")) for name in TRANSLATED}
    found = leftovers(texts, patterns)
    assert not found, f"Danish on the English pages: {found}"
    assert "How status is computed" in texts["status.md"] and "Open data downloads" in texts["data.md"]
    # Links between the pages keep working: the English text is served at the original's URL.
    assert 'href="status.html"' in (site / "about.html").read_text(encoding="utf-8")
    titles = nav_titles(site / "index.html")
    assert {"About Planspor", "How status is computed", "Editing guide (Danish)", "Open data downloads",
            "Performance", "Accessibility statement"} <= set(titles), titles
    assert not {"Sådan beregnes status", "Redigeringsvejledning", "Data til download", "Ydeevne"} & set(titles)
    # The editing guide stays Danish: it is for Danish civil servants.
    assert "Redigeringsvejledning" in article_text(site / "redigering.html")


def test_the_danish_sample_keeps_the_danish_pages(sample_sites):
    site = sample_sites["da"]
    for name in TRANSLATED:
        assert article_text(site / name.replace(".md", ".html")).strip().startswith(
            (DOCS / name).read_text(encoding="utf-8").splitlines()[0].lstrip("# ")), name
    titles = nav_titles(site / "index.html")
    assert {"Om Planspor", "Sådan beregnes status", "Redigeringsvejledning", "Data til download"} <= set(titles)


@pytest.mark.parametrize("language", ["en", "da"])
def test_no_translation_becomes_a_page(sample_sites, language):
    site = sample_sites[language]
    assert not list(site.rglob("*.en.html")) and not list(site.rglob("*.en.md"))
    assert ".en.html" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert ".en.html" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_a_translation_without_its_original_fails_a_strict_build(tmp_path):
    root = write_english_test_project(tmp_path, theme_language="en")
    (root / "docs" / "vell.en.md").write_text("# Vell\n\nTranslated zann.\n", encoding="utf-8")
    result = run_planspor("build", "--as-of", AS_OF.isoformat(), "--strict", "--config", str(root / "mkdocs.yml"),
                          "--site-dir", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Translated zann." in (root / "site" / "vell.html").read_text(encoding="utf-8")
    (root / "docs" / "lost.en.md").write_text("# Lost\n", encoding="utf-8")
    result = run_planspor("build", "--as-of", AS_OF.isoformat(), "--strict", "--config", str(root / "mkdocs.yml"),
                          "--site-dir", str(root / "site"), cwd=root)
    assert result.returncode != 0 and "docs/lost.en.md translates no page" in result.stderr
