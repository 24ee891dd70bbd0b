"""export-markdown: the generated pages build with a MkDocs that runs no Planspor plugin."""

from __future__ import annotations

import yaml

from .conftest import AS_OF, ROOT, run_planspor


def test_exported_markdown_builds_without_the_plugin(tmp_path):
    docs = tmp_path / "docs"
    result = run_planspor("export-markdown", str(docs), "--as-of", AS_OF.isoformat())
    assert result.returncode == 0, result.stderr
    assert (docs / "plans/ballerup-jaf-2018.md").exists()
    assert "Status pr. 1. maj 2018" in (docs / "plans/ballerup-jaf-2018.md").read_text(encoding="utf-8")

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [plugin for plugin in config["plugins"]
                         if plugin != "planspor" and not (isinstance(plugin, dict) and "planspor" in plugin)]
    config.update(yaml.safe_load((docs / "planspor-export.yml").read_text(encoding="utf-8")))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(tmp_path / "site")
    config["exclude_docs"] = "planspor-export.yml"
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    import subprocess
    import sys

    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site/plans/ballerup-jaf-2018.html").read_text(encoding="utf-8")
    assert "Opstartsmøde" in page and "Status pr. 1. maj 2018" in page
    assert 'data-chart-kind="timeline"' in page and "planspor-charts.js" in page
    assert (tmp_path / "site/assets/javascripts/planspor-charts.js").exists()
