"""Deterministic and atomic builds (issue 8, point 4).

- The same data and as-of date give a byte-identical site: built twice, once with `planspor build`
  and once with plain `mkdocs build --strict` (link validation on), each with an empty chart-runtime
  cache, into different folders; every file is compared and every difference listed.
- `planspor build` swaps a finished build into place: a failing build (bad data, a MkDocs error
  under --strict, a crash) leaves the previous site exactly as it was and leaves no stray folder.
"""

from __future__ import annotations

import gzip
import os
import stat
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timezone
from pathlib import Path

import pytest

from generator.atomic import staged_site

from .conftest import AS_OF, MINIMAL_PLAN, ROOT, run_planspor, write_project

EPOCH = int(datetime.combine(AS_OF, time(), timezone.utc).timestamp())


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    a, b = files_of(first), files_of(second)
    lines = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    lines += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] != b[name]:
            at = next((i for i, (x, y) in enumerate(zip(a[name], b[name])) if x != y), min(len(a[name]), len(b[name])))
            lines.append(f"differs: {name} (first difference at byte {at}: "
                         f"{a[name][max(0, at - 30):at + 30]!r} vs {b[name][max(0, at - 30):at + 30]!r})")
    return lines


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The sample built twice, independently, with cold chart-runtime caches and no SOURCE_DATE_EPOCH."""
    base = tmp_path_factory.mktemp("twice")
    environment = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "PLANSPOR_AS_OF")}

    def planspor_build() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--as-of", AS_OF.isoformat(), "--strict",
             "--site-dir", str(base / "first")],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
            env={**environment, "PLANSPOR_CACHE_DIR": str(base / "cache-1")})

    def mkdocs_build() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(base / "second")],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
            env={**environment, "PLANSPOR_CACHE_DIR": str(base / "cache-2"), "PLANSPOR_AS_OF": AS_OF.isoformat()})

    with ThreadPoolExecutor(2) as pool:
        results = [future.result() for future in [pool.submit(planspor_build), pool.submit(mkdocs_build)]]
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
    return base / "first", base / "second"


def test_same_data_and_date_give_a_byte_identical_site(two_builds):
    first, second = two_builds
    assert len(files_of(first)) > 50
    assert differences(first, second) == []


def test_dates_in_the_output_are_the_as_of_date(two_builds):
    first, _ = two_builds
    raw = (first / "sitemap.xml.gz").read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    assert struct.unpack("<I", raw[4:8])[0] == EPOCH  # the gzip header's modification time
    sitemap = gzip.decompress(raw).decode("utf-8")
    assert sitemap == (first / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{AS_OF.isoformat()}</lastmod>" in sitemap
    assert all(day == AS_OF.isoformat() for day in __import__("re").findall(r"<lastmod>([^<]+)</lastmod>", sitemap))


def test_mkdocs_build_strict_with_link_validation_passes(two_builds):
    # The second build is plain `mkdocs build --strict`; mkdocs.yml turns link and anchor problems
    # into warnings, which --strict makes fatal. (tests/test_site.py checks every link and anchor.)
    _, second = two_builds
    assert (second / "index.html").is_file()


# --------------------------------------------------------------------------- atomic


def small_site_project(root: Path, docs_page: str = "# Om\n\nTekst.\n") -> Path:
    write_project(root)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "om.md").write_text(docs_page, encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test\nuse_directory_urls: false\ntheme:\n  name: material\n"
                                     "plugins:\n  - planspor\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    return root


def previous_site(site: Path) -> dict[str, bytes]:
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("<p>forrige udgave</p>", encoding="utf-8")
    (site / "gammel.txt").write_text("fra sidste bygning", encoding="utf-8")
    return files_of(site)


def leftovers(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(f".{site.name}."))


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_planspor("build", "--as-of", AS_OF.isoformat(), "--config", str(root / "mkdocs.yml"), *args, cwd=root)


def test_a_successful_build_replaces_the_whole_previous_site(tmp_path):
    root = small_site_project(tmp_path / "project")
    site = root / "site"
    previous_site(site)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not (site / "gammel.txt").exists()  # nothing of the old build is left
    assert "forrige udgave" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "plans" / "lille-plan.html").is_file()
    assert leftovers(site) == []
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~umask  # readable by a web server, not private


def test_a_data_error_leaves_the_previous_site(tmp_path):
    root = small_site_project(tmp_path / "project")
    (root / "plans" / "lille-plan.yaml").write_text(MINIMAL_PLAN.replace("uge 11", "uge 54"), encoding="utf-8")
    site = root / "site"
    before = previous_site(site)
    result = build(root)
    assert result.returncode == 1 and "week 54 does not exist" in result.stderr
    assert files_of(site) == before
    assert leftovers(site) == []


def test_a_failing_mkdocs_step_leaves_the_previous_site(tmp_path):
    # A link to a page that does not exist is a warning; --strict makes the build fail after the
    # data was loaded and pages were written into the staging folder.
    root = small_site_project(tmp_path / "project", docs_page="# Om\n\n[findes ikke](mangler.md)\n")
    site = root / "site"
    before = previous_site(site)
    result = build(root, "--strict")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the previous site was left as it was" in result.stderr
    assert files_of(site) == before
    assert leftovers(site) == []


def test_a_crash_half_way_leaves_the_previous_site(tmp_path):
    site = tmp_path / "site"
    before = previous_site(site)
    with pytest.raises(RuntimeError):
        with staged_site(site) as staging:
            (staging / "index.html").write_text("halvfærdig", encoding="utf-8")
            raise RuntimeError("MkDocs crashed")
    assert files_of(site) == before
    assert leftovers(site) == []


def test_the_first_build_creates_the_site_folder(tmp_path):
    site = tmp_path / "ny" / "site"
    with staged_site(site) as staging:
        (staging / "index.html").write_text("ny", encoding="utf-8")
    assert files_of(site) == {"index.html": b"ny"}
    assert leftovers(site) == []


def test_a_linked_site_folder_stays_a_link(tmp_path):
    target = tmp_path / "www" / "planspor"
    previous_site(target)
    link = tmp_path / "site"
    link.symlink_to(target)
    with staged_site(link) as staging:
        (staging / "index.html").write_text("ny", encoding="utf-8")
    assert link.is_symlink() and files_of(link) == {"index.html": b"ny"}
    assert leftovers(target) == []
