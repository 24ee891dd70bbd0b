"""Planspor's benchmark: the national demo at several sizes against MkDocs' own floor, in one run.

    python bench/run.py [--sizes 10,30,98] [--kpis 20] [--repeat 3] [--update-docs]
    make bench                        # the same, sizes and repetitions from BENCH_SIZES and BENCH_REPEAT
    make bench BENCH_SIZES=10 BENCH_REPEAT=1   # the smoke run CI makes

For each number of municipalities N it writes ``planspor demo --municipalities N --kpis K`` and its
floor (``bench/floor.py``: the same number of plain Markdown pages of the same size and the same
navigation, built by MkDocs with the same theme and no Planspor), then, ``--repeat`` times and
alternating the two, builds the demo with ``planspor build`` and the floor with ``mkdocs build``,
each in its own process. Reported per size, as medians of the repetitions:

- the generator's time per KPI page, split into load, status, specs, Markdown and data files
  (``bench/split.py``, in a fresh process); every page and file it makes, divided by the KPI pages;
- the full build's wall time, the floor's, and their ratio; the full build's time against the
  smallest size's (linear growth means N / N₀);
- the full build's peak memory (the child process's maximum resident set, from ``wait4``);
- the median and largest KPI page and the largest page of all, in KB of HTML;
- the chart runtime's size (one file, loaded by every page from the same URL).

Besides the sizes: the sample project's full build, and the reload time under ``planspor serve``
after an edit of one KPI file (``bench/serve_reload.py``). Public tools only: Python's clocks,
``os.wait4`` for memory. ``--update-docs`` writes the table into ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGETS = {"ratio": 1.5, "growth": 10.8, "generator_ms": 2.0, "memory_mib": 1024, "kpi_page_kb": 60,
           "sample_s": 5.0, "reload_s": 2.0}


def run(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Run a command to completion; its wall time in seconds and peak memory in KiB (from wait4)."""
    environment = {**os.environ, "CI": "1", **(env or {})}  # CI: no progress line in the timings
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}\n{output.decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss


def page_sizes(site: Path) -> dict:
    pages = {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*.html")}
    kpi_pages = {name: size for name, size in pages.items()
                 if re.fullmatch(r"kpis/[^/]+/[^/]+\.html", name) and not name.endswith("/index.html")}
    largest = max(pages, key=pages.get)
    runtime = site / "assets" / "javascripts" / "planspor-charts.js"
    scripts = set()
    for name in pages:
        html = (site / name).read_text(encoding="utf-8")
        found = re.findall(r'<script src="([^"]*planspor-charts\.js)"', html)
        if len(found) != 1:
            raise SystemExit(f"{name} loads the chart runtime {len(found)} times")
        scripts.add(os.path.normpath(os.path.join(os.path.dirname(name), found[0])))
    return {
        "kpi_median": statistics.median(kpi_pages.values()) if kpi_pages else 0,
        "kpi_largest": max(kpi_pages.values()) if kpi_pages else 0,
        "largest": pages[largest], "largest_name": largest,
        "runtime": runtime.stat().st_size, "runtime_gzip": len(gzip.compress(runtime.read_bytes(), 9)),
        "runtime_urls": sorted(scripts), "pages": len(pages),
    }


def bench_size(municipalities: int, kpis: int, seed: int, repeat: int, work: Path) -> dict:
    python = sys.executable
    project = work / f"demo-{municipalities}"
    floor = work / f"floor-{municipalities}"
    if not project.exists():
        run([python, "-m", "generator.cli", "demo", "--municipalities", str(municipalities), "--kpis", str(kpis),
             "--seed", str(seed), "--out", str(project)], cwd=work)
    run([python, str(BENCH / "floor.py"), str(project), str(floor)], cwd=ROOT)
    splits: dict[str, list[dict]] = {"built": [], "one_core": []}
    for _ in range(repeat):
        for kind, flags in (("built", []), ("one_core", ["--one-core"])):
            output = subprocess.run([python, str(BENCH / "split.py"), str(project), *flags], cwd=ROOT, check=True,
                                    capture_output=True, text=True, env={**os.environ, "CI": "1"}).stdout
            splits[kind].append(json.loads(output.strip().splitlines()[-1]))
    full, floor_times, memory = [], [], []
    site = work / f"site-{municipalities}"
    for _ in range(repeat):
        elapsed, peak = run([python, "-m", "generator.cli", "build", "--site-dir", str(site)], cwd=project)
        full.append(elapsed)
        memory.append(peak)
        elapsed, _ = run([python, "-m", "mkdocs", "build", "-q", "-f", str(floor / "mkdocs.yml"),
                          "-d", str(work / f"floor-site-{municipalities}")], cwd=floor)
        floor_times.append(elapsed)
    sizes = page_sizes(site)
    kpi_pages = splits["built"][0]["kpi_pages"]

    def per_page(kind: str, stages: tuple[str, ...]) -> dict[str, float]:
        result = {stage: statistics.median(split[stage] for split in splits[kind]) / kpi_pages * 1000
                  for stage in stages}
        result["total"] = statistics.median(sum(split[stage] for stage in ("load", "status", "pages"))
                                            for split in splits[kind]) / kpi_pages * 1000
        return result
    shutil.rmtree(work / f"floor-site-{municipalities}", ignore_errors=True)
    return {"municipalities": municipalities, "kpi_pages": kpi_pages,
            "generator_ms": per_page("built", ("load", "status", "pages")),
            "one_core_ms": per_page("one_core", ("load", "status", "specs", "markdown", "data")),
            "full": statistics.median(full), "full_runs": full,
            "floor": statistics.median(floor_times), "floor_runs": floor_times,
            "ratio": statistics.median(f / g for f, g in zip(full, floor_times)),
            "memory_mib": max(memory) / 1024, **sizes}


def bench_sample(repeat: int, work: Path) -> dict:
    """The sample project (this repository's plans and KPIs): full build and serve reload."""
    python = sys.executable
    # Built where it lives (with its git history, as `make site` does), into a scratch folder.
    builds = [run([python, "-m", "generator.cli", "build", "--as-of", "2018-05-01", "--site-dir",
                   str(work / "sample-site")], cwd=ROOT)[0] for _ in range(repeat)]
    # The serve measurement edits a KPI file: it works on a copy.
    sample = work / "sample"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", sample / "mkdocs.yml")
    for folder in ("docs", "plans", "kpi_data"):
        shutil.copytree(ROOT / folder, sample / folder)
    output = subprocess.run([python, str(BENCH / "serve_reload.py"), str(sample), "--repeat", str(max(repeat, 3))],
                            cwd=ROOT, check=True, capture_output=True, text=True).stdout
    reload = json.loads(output.strip().splitlines()[-1])
    return {"build": statistics.median(builds), "build_runs": builds, "reload": reload["median"],
            "reload_runs": reload["reloads"], "reload_page": reload["page"]}


def _kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def table(results: list[dict], sample: dict | None) -> str:
    base = results[0]
    head = "| | " + " | ".join(f"N = {r['municipalities']}" for r in results) + " | target (N = 98) |"
    rows = [head, "|---|" + "---:|" * len(results) + "---|"]

    def row(label: str, values: list[str], target: str = "") -> None:
        rows.append(f"| {label} | " + " | ".join(values) + f" | {target} |")

    row("KPI pages", [f"{r['kpi_pages']:,}" for r in results])
    row("all HTML pages", [f"{r['pages']:,}" for r in results])
    for stage, label in (("load", "load"), ("status", "status"), ("pages", "pages (specs, Markdown, data)")):
        row(f"generator ms / KPI page: {label}", [f"{r['generator_ms'][stage]:.2f}" for r in results])
    row("**generator ms / KPI page: total**", [f"**{r['generator_ms']['total']:.2f}**" for r in results],
        f"≤ {TARGETS['generator_ms']:g}")
    for stage, label in (("load", "load"), ("status", "status"), ("specs", "specs"), ("markdown", "Markdown"),
                         ("data", "data files"), ("total", "total")):
        row(f"… on one core: {label}", [f"{r['one_core_ms'][stage]:.2f}" for r in results])
    row("full build, s (median)", [f"{r['full']:.1f}" for r in results])
    row("floor (MkDocs alone), s", [f"{r['floor']:.1f}" for r in results])
    row("**full ÷ floor**", [f"**{r['ratio']:.2f}**" for r in results], f"≤ {TARGETS['ratio']:g}")
    row(f"**time(N) ÷ time({base['municipalities']})**",
        [f"**{r['full'] / base['full']:.2f}**" for r in results], f"≤ {TARGETS['growth']:g}")
    row("peak memory, MiB", [f"{r['memory_mib']:.0f}" for r in results], f"≤ {TARGETS['memory_mib']:,}")
    row("KPI page, KB of HTML: median", [_kb(r["kpi_median"]) for r in results])
    row("KPI page, KB of HTML: largest", [_kb(r["kpi_largest"]) for r in results], f"≤ {TARGETS['kpi_page_kb']}")
    row("largest page, KB", [f"{_kb(r['largest'])} ({r['largest_name']})" for r in results])
    row("chart runtime, KB (gzip)", [f"{_kb(r['runtime'])} ({_kb(r['runtime_gzip'])})" for r in results],
        "one file, one URL")
    text = "\n".join(rows) + "\n"
    if sample:
        text += (f"\nSample site (this repository's 5 plans and 21 KPIs): full build **{sample['build']:.1f} s** "
                 f"(target ≤ {TARGETS['sample_s']:g} s); after saving one KPI file under `planspor serve`, "
                 f"the changed page is served **{sample['reload']:.2f} s** later (median of "
                 f"{len(sample['reload_runs'])}; target ≤ {TARGETS['reload_s']:g} s).\n")
    return text


def environment() -> str:
    import mkdocs
    from importlib import metadata

    cpus = os.cpu_count()
    return (f"{date.today().isoformat()}, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"mkdocs-material {metadata.version('mkdocs-material')}, {cpus} CPUs, {platform.machine()}")


def update_docs(text: str) -> None:
    current = DOC.read_text(encoding="utf-8")
    before, _, rest = current.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Planspor's benchmark against MkDocs' floor.")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "10,30,98",
                        help="numbers of municipalities, comma-separated (default: 10,30,98 or $BENCH_SIZES)")
    parser.add_argument("--kpis", type=int, default=20, help="KPIs per municipality (default: 20)")
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT") or 3),
                        help="repetitions; medians are reported (default: 3 or $BENCH_REPEAT)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where to write the projects and sites (default: a temporary folder)")
    parser.add_argument("--no-sample", action="store_true", help="leave out the sample site and the serve reload")
    parser.add_argument("--update-docs", action="store_true", help="write the table into docs/performance.md")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="planspor-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        print(f"bench: N = {size} ({args.repeat} × full build and floor) ...", file=sys.stderr, flush=True)
        results.append(bench_size(size, args.kpis, args.seed, args.repeat, work))
    sample = None
    if not args.no_sample:
        print("bench: sample site and serve reload ...", file=sys.stderr, flush=True)
        sample = bench_sample(args.repeat, work)
    command = f"make bench BENCH_SIZES={','.join(map(str, sizes))} BENCH_REPEAT={args.repeat}"
    text = (f"Measured {environment()}; K = {args.kpis} KPIs per municipality, seed {args.seed}, medians of "
            f"{args.repeat} runs. Reproduce with `{command}`.\n\n" + table(results, sample))
    print(text)
    (work / "results.json").write_text(json.dumps({"sizes": results, "sample": sample}, indent=1), encoding="utf-8")
    if args.update_docs:
        update_docs(text)
        print(f"bench: wrote the table into {DOC.relative_to(ROOT)}", file=sys.stderr)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
