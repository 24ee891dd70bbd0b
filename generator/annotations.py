"""Validation problems in the formats CI systems show on the changed line.

``planspor validate --format github`` prints every problem as a GitHub Actions workflow
command (``::error file=…,line=…,col=…,title=Planspor::…``), which GitHub shows as an
annotation on that line of the pull request's diff. ``--format gitlab`` writes a GitLab
Code Quality report (a Code Climate JSON subset) that GitLab shows in the merge request.
In both formats the ordinary ``path:line:column: message`` lines still go to stderr, so the
job log reads as it does locally.

The functions that format are pure; :func:`validate_with_format` is the thin I/O layer.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Iterable

from .load import Problem, ValidationFailed, load_project

FORMATS = ("text", "github", "gitlab")
TITLE = "Planspor"


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF would end or corrupt the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as the message, and ``:`` and ``,`` separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(problem_path: str, root: Path, cwd: Path | None = None) -> str:
    """The problem's file relative to the working directory (the repository root in CI), with slashes."""
    path = Path(problem_path)
    if not path.is_absolute():
        path = Path(root) / path
    try:
        relative = os.path.relpath(path, cwd or Path.cwd())
    except ValueError:  # another drive on Windows
        relative = str(path)
    return Path(relative).as_posix()


def github_annotation(problem: Problem, path: str | None = None) -> str:
    """One problem as a GitHub ``::error`` workflow command."""
    properties = {
        "file": path if path is not None else problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": TITLE,
    }
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::error {rendered}::{escape_data(problem.message)}"


def github_step_summary(problems: list[Problem], paths: list[str]) -> str:
    """A Markdown table of every problem for ``$GITHUB_STEP_SUMMARY`` (GitHub shows only some annotations)."""
    count = len(problems)
    lines = [f"### Planspor: {count} problem{'s' if count != 1 else ''}", "", "| File | Line | Column | Problem |", "|---|---|---|---|"]
    for problem, path in zip(problems, paths):
        message = problem.message.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
        lines.append(f"| `{path}` | {problem.line} | {problem.column} | {message} |")
    return "\n".join(lines) + "\n"


def gitlab_code_quality(problems: Iterable[tuple[Problem, str]]) -> list[dict]:
    """Problems as a GitLab Code Quality report: one issue per problem, fingerprinted by where and what."""
    report = []
    for problem, path in problems:
        fingerprint = hashlib.sha256(f"{path}\0{problem.line}\0{problem.column}\0{problem.message}".encode()).hexdigest()
        report.append({
            "type": "issue",
            "check_name": "planspor",
            "description": problem.message,
            "categories": ["Bug Risk"],
            "severity": "major",
            "fingerprint": fingerprint,
            "location": {"path": path, "lines": {"begin": problem.line}},
        })
    return report


def validate_with_format(root: Path, output_format: str) -> int:
    """``planspor validate --format github|gitlab``: the usual messages on stderr, the CI format on stdout."""
    root = Path(root)
    try:
        project = load_project(root)
        problems: list[Problem] = []
    except ValidationFailed as failure:
        project = None
        problems = failure.problems
    paths = [repository_path(problem.path, root) for problem in problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    if output_format == "github":
        for problem, path in zip(problems, paths):
            print(github_annotation(problem, path))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary and problems:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(github_step_summary(problems, paths))
    elif output_format == "gitlab":
        print(json.dumps(gitlab_code_quality(zip(problems, paths)), ensure_ascii=False, indent=2))
    if problems:
        count = len(problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    message = f"OK: {len(project.plans)} plans and {len(project.kpis)} KPIs are valid."
    print(message, file=sys.stderr if output_format == "gitlab" else sys.stdout)
    return 0
