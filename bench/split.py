"""The generator's time for one project, split by stage, in a fresh process (nothing cached).

    python bench/split.py PROJECT_DIR [--one-core]

prints one JSON object: seconds spent in

- ``load``: reading and validating every plan, KPI and CSV (``load_project``);
- ``status``: every activity's and KPI's status as of the date (``site_view``);
- ``specs``: every chart spec (KPI, rank, sparkline, timelines) and its JSON in the page;
- ``markdown``: the rest of making the pages (templates, tables, links, navigation);
- ``data``: the open-data files (JSON and CSV per KPI and for all KPIs);

and the number of KPI pages. The stages are timed by wrapping the chart and data functions the page
modules call, so the split needs no timing code in the generator itself. That works on one core
only (``--one-core``, i.e. ``PLANSPOR_WORKERS=1``): with a second CPU, a helper process makes part
of the pages (generator/parallel.py), and only ``load``, ``status`` and ``pages`` (specs, Markdown
and data together, as wall time) are reported.
"""

from __future__ import annotations

import json
import os
import sys
import time
from functools import wraps
from pathlib import Path

import yaml

from generator.asof import resolve_as_of
from generator.history import load_history
from generator.load import load_project

SPEC_FUNCTIONS = ("kpi_chart_spec", "rank_chart_spec", "kpi_sparkline_spec", "timeline_spec", "chart_block")
"""Functions that build chart specs or turn them into the page's chart element; none calls another."""


def split(project_dir: Path, one_core: bool = False) -> dict:
    import generator.pages as pages_package
    from generator.pages import cards, home, kpi, party, plan, timelines  # noqa: F401 - their names are wrapped
    from generator.pages.view import site_view

    spent = {"specs": 0.0, "data": 0.0}

    def timed(function, bucket):
        @wraps(function)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[bucket] += time.perf_counter() - start
        return wrapper

    for module in list(sys.modules.values()):
        if module is None or not getattr(module, "__name__", "").startswith("generator.pages"):
            continue
        for name in SPEC_FUNCTIONS:
            if hasattr(module, name):
                setattr(module, name, timed(getattr(module, name), "specs"))
    for name in ("kpi_files", "all_kpis_files"):
        setattr(pages_package, name, timed(getattr(pages_package, name), "data"))
    if one_core:
        os.environ["PLANSPOR_WORKERS"] = "1"

    config = yaml.safe_load((project_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = next((plugin["planspor"] for plugin in config.get("plugins") or []
                     if isinstance(plugin, dict) and "planspor" in plugin), None) or {}
    as_of = resolve_as_of(settings.get("as_of"))
    language = settings.get("language") or "da"
    directory_urls = bool(config.get("use_directory_urls", True))

    start = time.perf_counter()
    project = load_project(project_dir)
    load = time.perf_counter() - start
    history = load_history(project_dir)

    start = time.perf_counter()
    site_view(project, as_of, language, directory_urls)
    status = time.perf_counter() - start

    start = time.perf_counter()
    pages_package.site_pages(project, as_of, language, directory_urls, history=history)
    pages = time.perf_counter() - start
    result = {"kpi_pages": len(project.kpis), "load": load, "status": status,
              "pages": pages - status}  # site_pages computes the statuses itself (once): counted as status
    if one_core:
        result.update(specs=spent["specs"], data=spent["data"], markdown=pages - status - spent["specs"] - spent["data"])
    return result


if __name__ == "__main__":
    print(json.dumps(split(Path(sys.argv[1]), one_core="--one-core" in sys.argv[2:])))
