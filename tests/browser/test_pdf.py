"""`planspor pdf`: the STAR/Ballerup plan as a committee-ready A4 PDF, printed by headless Chromium.

Checks the PDF as a reader gets it: its pages (A4 landscape, a sensible count), its text layer
(poppler's pdftotext: the title, the status date, every activity's form, the timeline's week
labels, which only exist when the SVG chart was printed as vector text and paths) and that it
holds no raster image (pdfimages), so the charts were not printed as pictures.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pdf import find_chromium, pdf_page_count

from ..conftest import AS_OF, run_planspor
from .conftest import _browser_unavailable

PLAN_ID = "ballerup-jaf-2018"


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        _browser_unavailable(f"{tool} (Debian's poppler-utils) is not installed")
    return found


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Path:
    if find_chromium() is None:
        _browser_unavailable("no 'chromium' on PATH nor /usr/bin/chromium")
    pytest.importorskip("playwright")
    out = tmp_path_factory.mktemp("pdf") / f"{PLAN_ID}.pdf"
    result = run_planspor("pdf", PLAN_ID, "--as-of", AS_OF.isoformat(), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(rf"Wrote .*{PLAN_ID}\.pdf: \d+ A4 pages", result.stdout), result.stdout
    return out


def _text(pdf: Path, *options: str) -> str:
    return subprocess.run([_poppler("pdftotext"), *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_pdf_is_a4_landscape_with_a_sensible_page_count(plan_pdf):
    info = subprocess.run([_poppler("pdfinfo"), str(plan_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == pdf_page_count(plan_pdf.read_bytes())
    # The plan: facts, timeline, agenda, text, four phase tables, milestones, notes.
    assert 4 <= pages <= 14, f"{pages} pages"
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595), f"not A4 landscape: {width} x {height} pt"
    assert "Plan for nedbringelse af langvarige jobafklaringsforløb" in re.search(r"Title:\s+(.*)", info).group(1)


def test_the_text_layer_has_the_title_date_and_every_activity(plan_pdf, sample_project):
    text = re.sub(r"[ \t]+", " ", _text(plan_pdf))
    flat = re.sub(r"\s+", " ", text)
    plan = sample_project.plan(PLAN_ID)
    assert plan.title in flat
    assert flat.count("Status pr. 1. maj 2018") >= 2, "the date line is on the page and in every page header"
    assert re.search(r"Side 1 af \d+", flat), "no page numbers in the footer"
    missing = [activity.form for activity in plan.activities
               if activity.form and re.sub(r"\s+", " ", activity.form) not in flat]
    assert not missing, f"activities not in the PDF's text: {missing}"
    # Navigation, search and footer are not printed.
    assert "Søg" not in flat.split(plan.title, 1)[0] and "Made with" not in flat


def test_the_timeline_is_printed_as_vector_graphics(plan_pdf):
    flat = re.sub(r"\s+", " ", _text(plan_pdf))
    weeks = sorted({int(week) for week in re.findall(r"\buge (\d{1,2})\b", flat)})
    assert {11, 13, 15} <= set(weeks), f"the timeline's week labels are not in the text layer: {weeks}"
    assert "Tidsplan med 22 aktiviteter" in flat, "the timeline's description is missing"
    assert "Forsinket" in flat and "Gennemført" in flat  # the legend, in words
    images = subprocess.run([_poppler("pdfimages"), "-list", str(plan_pdf)], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()
    assert len(images) <= 2, "the PDF holds raster images: charts must be vector\n" + "\n".join(images)


def test_unknown_plan_is_a_clear_error(tmp_path):
    result = run_planspor("pdf", "no-such-plan", "--as-of", AS_OF.isoformat(), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "no plan 'no-such-plan'" in result.stderr and PLAN_ID in result.stderr
