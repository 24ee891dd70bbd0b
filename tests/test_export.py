"""export-markdown: the generated pages build with a MkDocs that runs no Planspor plugin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import AS_OF, ROOT, run_planspor


def build_without_the_plugin(tmp_path: Path, docs: Path) -> Path:
    """mkdocs.yml without the planspor plugin plus the exported settings, built --strict (no
    omitted page, no broken link); the built site."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [plugin for plugin in config["plugins"]
                         if plugin != "planspor" and not (isinstance(plugin, dict) and "planspor" in plugin)]
    config.update(yaml.safe_load((docs / "planspor-export.yml").read_text(encoding="utf-8")))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp_path / "site")
    config["exclude_docs"] = "planspor-export.yml"
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    return tmp_path / "site"


def about_section(docs: Path, title: str) -> list:
    nav = yaml.safe_load((docs / "planspor-export.yml").read_text(encoding="utf-8"))["nav"]
    return next(item[title] for item in nav if isinstance(item, dict) and title in item)


def test_exported_markdown_builds_without_the_plugin(tmp_path):
    docs = tmp_path / "docs"
    result = run_planspor("export-markdown", str(docs), "--as-of", AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    assert (docs / "plans/ballerup-jaf-2018.md").exists()
    assert "Status pr. 1. maj 2018" in (docs / "plans/ballerup-jaf-2018.md").read_text(encoding="utf-8")
    # The accessibility statement, from mkdocs.yml's `accessibility:` as the plugin makes it, listed last
    # under "Om Planspor".
    statement = (docs / "accessibility.md").read_text(encoding="utf-8")
    assert "Planspor (eksempelsite)" in statement and "tilgaengelighed@example.org" in statement
    assert "Status pr. 1. maj 2018" in statement
    assert about_section(docs, "Om Planspor")[-1] == {"Tilgængelighedserklæring": "accessibility.md"}
    assert not list(docs.rglob("*.en.md"))  # translations are not pages of a Danish site

    site = build_without_the_plugin(tmp_path, docs)
    page = (site / "plans/ballerup-jaf-2018.html").read_text(encoding="utf-8")
    assert "Opstartsmøde" in page and "Status pr. 1. maj 2018" in page
    assert 'data-chart-kind="timeline"' in page and "planspor-charts.js" in page
    assert (site / "assets/javascripts/planspor-charts.js").exists()
    assert "Tilgængelighedserklæring" in (site / "accessibility.html").read_text(encoding="utf-8")


def test_english_export_has_the_english_pages_and_statement(tmp_path):
    docs = tmp_path / "docs"
    result = run_planspor("export-markdown", str(docs), "--as-of", AS_OF.isoformat(), "--language", "en")
    assert result.returncode == 0, result.stderr
    assert (docs / "about.md").read_text(encoding="utf-8") == (ROOT / "docs/about.en.md").read_text(encoding="utf-8")
    assert not list(docs.rglob("*.en.md"))
    assert "Accessibility statement" in (docs / "accessibility.md").read_text(encoding="utf-8")
    about = about_section(docs, "About Planspor")
    assert {"How status is computed": "status.md"} in about and about[-1] == {"Accessibility statement": "accessibility.md"}

    site = build_without_the_plugin(tmp_path, docs)
    assert "How status is computed" in (site / "status.html").read_text(encoding="utf-8")
