"""planspor demo: a valid, deterministic, fictitious national project; and the site at scale
(navigation of index pages, a summary on the front page, two processes making the same pages)."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import parallel
from generator.charts.timeline import AS_OF_KEY
from generator.demo import AS_OF, municipalities, project_files, write_demo
from generator.load import PARALLEL_MIN_FILES, load_project
from generator.pages import NAV_SECTION_LIMIT, site_pages
from generator.pages.cards import CARDS_ON_HOME_LIMIT

from .conftest import ROOT, run_planspor


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = run_planspor("demo", "--municipalities", "3", "--kpis", "5", "--seed", "7", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_the_demo_is_valid_and_complete(small_demo):
    project = load_project(small_demo)
    assert len(project.plans) == 3 and len(project.kpis) == 15
    assert len({project.kpi_folders[kpi.id] for kpi in project.kpis}) == 3
    star = [plan.parties["star"].name for plan in project.plans]
    assert len(set(star)) == 1, "one STAR party shared by every plan"
    for kpi in project.kpis:
        assert "(fiktiv)" in kpi.organisation
        assert kpi.targets and len(kpi.actuals) == 20, "five years of quarters"
        assert all(row.expected is not None for row in kpi.actuals)
    assert any(kpi.rank_of == 3 and all(row.rank for row in kpi.actuals) for kpi in project.kpis)
    kinds = {target.type.value for kpi in project.kpis for target in kpi.targets}
    assert kinds == {"max", "min"}
    assert any(target.period is None for kpi in project.kpis for target in kpi.targets), "a standing target"
    assert any(not isinstance(target.value, float) for kpi in project.kpis for target in kpi.targets), "a series target"
    activities = [activity for plan in project.plans for activity in plan.activities]
    assert all(activity.when and activity.when.kind in ("week", "range") for activity in activities)
    assert {activity.status.value for activity in activities} >= {"done", "planned"}
    assert (small_demo / "mkdocs.yml").read_text(encoding="utf-8").count("fictitious: true") == 1


def test_the_same_seed_gives_the_same_bytes(small_demo, tmp_path):
    again = tmp_path / "again"
    write_demo(again, 3, 5, 7, source=ROOT)
    assert files_of(again) == files_of(small_demo)
    other = project_files(3, 5, 8)
    assert other != project_files(3, 5, 7)


def test_names_are_invented_and_distinct():
    places = municipalities(98, 1)
    assert len({place.slug for place in places}) == 98
    assert all(place.name.endswith("Kommune (fiktiv)") for place in places)


def test_refuses_a_folder_with_files(small_demo):
    result = run_planspor("demo", "--municipalities", "2", "--kpis", "2", "--out", str(small_demo))
    assert result.returncode == 2 and "not an empty folder" in result.stderr


def test_every_page_of_the_demo_says_it_is_fictitious(small_demo, tmp_path):
    site = tmp_path / "site"
    result = run_planspor("build", "--strict", "--site-dir", str(site), cwd=small_demo)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [path for path in site.rglob("*.html") if path.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        assert "Fiktive data til demonstration" in page.read_text(encoding="utf-8"), page


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """A demo past every limit: more organisations than the navigation lists, more KPIs than the
    front page shows as cards, enough files and KPIs for a second process to take part."""
    municipalities, kpis = 13, 24
    assert municipalities > NAV_SECTION_LIMIT and municipalities * kpis > max(CARDS_ON_HOME_LIMIT, PARALLEL_MIN_FILES)
    out = tmp_path_factory.mktemp("national") / "demo"
    write_demo(out, municipalities, kpis, 3)
    return out


def test_at_scale_the_navigation_lists_index_pages_and_the_front_page_sums_up(national):
    project = load_project(national)
    site = site_pages(project, AS_OF, "da")
    pages = {page.path: page for page in site.pages}
    nav = str(site.nav)
    assert "kpis/" in nav and "plans/index.md" in nav
    assert not any(page.listed for path, page in pages.items() if re.fullmatch(r"(plans|parties)/[^/]+\.md", path)
                   and not path.endswith("index.md"))
    home = pages["index.md"].markdown
    assert home.count('<article class="ps-card') == 0, "no card per KPI on the front page at scale"
    assert home.count('class="ps-table ps-kpi-summary"') == 1
    organisation = next(page for path, page in pages.items() if path.startswith("kpis/") and path.endswith("/index.md")
                        and path != "kpis/index.md")
    assert organisation.markdown.count('<article class="ps-card') == 24
    # STAR takes part in every plan: its timeline has a row per plan, not one per activity.
    star = pages["parties/star.md"].markdown
    spec = json.loads(html.unescape(re.search(r"data-chart-kind=\"timeline\" data-spec='([^']*)'", star).group(1)))
    rows = spec["datasets"]["rows"]
    # Besides the plans' rows, only the row that holds the "Status pr." label.
    assert {row["key"] for row in rows} - {AS_OF_KEY} == {f"p:{plan.id}" for plan in project.plans}
    assert star.count('<a href="../plans/') >= len(project.plans) * 3, "the table still lists every activity"


SAME_EITHER_WAY = """
import os, shutil, sys
from pathlib import Path
from generator import load, parallel
from generator.demo import AS_OF
from generator.load import ValidationFailed, load_project
from generator.pages import site_pages

root, scratch = Path(sys.argv[1]), Path(sys.argv[2])
assert parallel.can_fork()
parallel_project = load_project(root)
parallel_site = site_pages(parallel_project, AS_OF, "da")
os.environ["PLANSPOR_WORKERS"] = "1"
load._LOADED.clear()
alone = load_project(root)
alone_site = site_pages(alone, AS_OF, "da")
assert parallel_project.kpis == alone.kpis and parallel_project.plans == alone.plans
assert [(p.path, p.markdown, p.listed) for p in parallel_site.pages] == [(p.path, p.markdown, p.listed) for p in alone_site.pages]
assert parallel_site.files == alone_site.files and parallel_site.nav == alone_site.nav

# The helper sends KPIs without positions; a problem found afterwards reads them again.
del os.environ["PLANSPOR_WORKERS"]
load._LOADED.clear()
shutil.copytree(root, scratch)
last = sorted((scratch / "kpi_data").glob("*/*.yaml"))[-1]
twin = scratch / "kpi_data" / "aaa-twin" / last.name
twin.parent.mkdir()
shutil.copy2(last, twin)
shutil.copy2(last.with_suffix(".csv"), twin.with_suffix(".csv"))
try:
    load_project(scratch)
except ValidationFailed as failure:
    [problem] = failure.problems
    assert problem.message.startswith(f"KPI id '{last.stem}' is also used by"), problem
    assert (problem.line, problem.column) == (3, 5), problem
else:
    raise AssertionError("the twin KPI id was not found")
print("same")
"""


def test_two_processes_make_the_same_project_and_pages(national, tmp_path):
    # In a fresh interpreter: this test process may have threads (a browser), and then never forks.
    if not sys.platform.startswith("linux") or parallel.cpus() < 2:
        pytest.skip("no second CPU or no fork here: everything is made by one process anyway")
    result = subprocess.run([sys.executable, "-c", SAME_EITHER_WAY, str(national), str(tmp_path / "copy")],
                            capture_output=True, text=True, timeout=600, env={**os.environ, "PLANSPOR_WORKERS": ""})
    assert result.returncode == 0 and result.stdout.strip() == "same", result.stdout + result.stderr
