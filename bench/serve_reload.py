"""How long an editor waits under ``planspor serve`` between saving a KPI file and seeing the page change.

    python bench/serve_reload.py PROJECT_DIR [--kpi ORG/ID] [--repeat 3] [--port 8765]

copies the project to a scratch folder (the original is never touched), starts ``planspor serve`` on
127.0.0.1, waits for the first build, then, ``--repeat`` times: appends a distinctive note to one
KPI file and polls that KPI's page over HTTP until the served page contains the note. The time from
saving the file to that response is the reload time (MkDocs notices the change, rebuilds the site,
and serves the new page). Prints one JSON object with every reload time and their median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

POLL = 0.02
TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, deadline: float) -> float:
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return time.monotonic()
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} in time")


def measure(project_dir: Path, kpi: str | None, repeat: int, port: int | None) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="planspor-serve-"))
    project = scratch / "project"
    shutil.copytree(project_dir, project, ignore=shutil.ignore_patterns("site", ".git", ".venv"))
    if kpi is None:
        kpi_file = sorted((project / "kpi_data").glob("*/*.yaml"))[0]
    else:
        kpi_file = project / "kpi_data" / f"{kpi}.yaml"
    folder, kpi_id = kpi_file.parent.name, kpi_file.stem
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}/kpis/{folder}/{kpi_id}.html"
    command = [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True, env={**os.environ, "CI": "1"})
    times = []
    try:
        started = time.monotonic()
        _wait_for(url, "</html>", started + TIMEOUT)
        first_build = time.monotonic() - started
        original = kpi_file.read_text(encoding="utf-8")
        for attempt in range(repeat):
            time.sleep(1.0)  # let the watcher settle after the previous build
            marker = f"Maalt genindlaesning {attempt} {time.time_ns()}"
            text = original + ("" if original.endswith("\n") else "\n")
            notes = f"notes:\n  - {marker}\n" if "\nnotes:" not in text else None
            if notes is None:
                text = text.replace("\nnotes:\n", f"\nnotes:\n  - {marker}\n", 1)
            else:
                text += notes
            saved = time.monotonic()
            kpi_file.write_text(text, encoding="utf-8")
            times.append(_wait_for(url, marker, saved + TIMEOUT) - saved)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(scratch, ignore_errors=True)
    return {"page": f"kpis/{folder}/{kpi_id}.html", "first_build": first_build, "reloads": times,
            "median": statistics.median(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--kpi", help="ORG/ID of the KPI to edit (default: the first)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    print(json.dumps(measure(args.project, args.kpi, args.repeat, args.port)))


if __name__ == "__main__":
    main()
