"""Shared fixtures: the sample project, a small valid project to break, and the built sample site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.load import load_project

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
AS_OF = date(2018, 5, 1)
"""Every test that computes status pins this date (inside the STAR/Ballerup plan)."""

MINIMAL_PLAN = """\
# yaml-language-server: $schema=../schema/plan.schema.json
id: lille-plan
title: Lille plan
kind: handleplan
year: 2018
parties:
  kommune: {name: Jobcenter Test, type: kommune}
  star: {name: STAR – Test, type: stat}
focus_areas:
  - {id: moeder, title: Møder}
phases:
  - id: fase
    title: Fase
    activities:
      - id: opstart
        when: uge 11
        date: "14.03"
        form: Opstartsmøde
        action: Forløbet aftales
        responsible: {kommune: [Ledelse], star: [AMK]}
        focus_area: moeder
      - id: info
        when: "12/13"
        form: Infomøde
        responsible: {kommune: [Ledelse, Medarbejdere]}
kpis: [test-hp]
"""

MINIMAL_KPI = """\
# yaml-language-server: $schema=../../schema/kpi.schema.json
id: test-hp
title: Helårspersoner
organisation: Test Kommune
unit: helårspersoner
better: lower
targets:
  - {period: 2024, value: 930, type: max}
"""

MINIMAL_CSV = "period,actual,expected\n2023,\"1.234,5\",1300\n2022,1234.5,\n"


def write_project(root: Path, plan: str = MINIMAL_PLAN, kpi: str = MINIMAL_KPI, csv: str | None = MINIMAL_CSV) -> Path:
    """A small valid project under ``root``; pass altered texts to break it."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "kpi_data" / "test").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "lille-plan.yaml").write_text(textwrap.dedent(plan), encoding="utf-8")
    (root / "kpi_data" / "test" / "test-hp.yaml").write_text(textwrap.dedent(kpi), encoding="utf-8")
    if csv is not None:
        (root / "kpi_data" / "test" / "test-hp.csv").write_text(csv, encoding="utf-8")
    return root


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return write_project(tmp_path)


@pytest.fixture(scope="session")
def sample_project():
    return load_project(ROOT)


def run_planspor(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed command as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample site built once, with the as-of date pinned, strictly."""
    site = tmp_path_factory.mktemp("site")
    result = run_planspor("build", "--as-of", AS_OF.isoformat(), "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
"""A test-only project whose texts try to inject HTML, script, Markdown links and Vega expressions."""


def project_with_data(folder: Path, data: Path) -> Path:
    """A copy of this project's mkdocs.yml and docs/ in ``folder``, with the plans and KPIs of ``data``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    for name in ("plans", "kpi_data"):
        shutil.copytree(data / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile project built once with `planspor build` and the sample's settings."""
    project = project_with_data(tmp_path_factory.mktemp("hostile") / "project", HOSTILE)
    site = project.parent / "site"
    result = run_planspor("build", "--as-of", AS_OF.isoformat(), "--config", str(project / "mkdocs.yml"),
                          "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
