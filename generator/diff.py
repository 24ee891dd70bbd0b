"""``planspor diff``: what a change to the data decides, in words, and whether the result is valid.

A reviewer of a pull request needs "the 2024 ceiling goes from 950 to 930", not a
YAML diff. Both sides are read from the same kind of source (every file under
``plans/`` and ``kpi_data/``, from a git revision or from the working tree), each
file through the project's own loader, and compared in meaning by
:mod:`generator.changes`. The validation result is that of :func:`load_project` on
HEAD, the same check ``planspor validate`` and the build run.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from .changes import TOPICS, Change, describe, kpi_changes, plan_changes
from .history import (GitError, actuals_rows, data_file, files_at, repository_problem, resolve_revision, run_git,
                      with_actuals)
from .i18n import t
from .load import KPI_DIR, PLANS_DIR, Problem, ValidationFailed, load_project, record_from_bytes
from .model import Kpi, Plan

MAIN_BRANCHES = ("main", "master", "origin/main", "origin/master")
"""Where a branch is assumed to merge to when no BASE is given, in order of preference."""
COMMENT_MARKER = "<!-- planspor-diff -->"
"""First line of the Markdown summary, so that a CI job can find and update its earlier comment."""
SHORT_HASH = 7

Format = Literal["text", "markdown"]


@dataclass(frozen=True)
class Snapshot:
    """The plans and KPIs of one version of the data, by id; files that do not load are named, not compared."""

    plans: dict[str, Plan] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    unreadable: tuple[str, ...] = ()

    @property
    def unreadable_ids(self) -> set[str]:
        """Ids (file stems) of the plans and KPIs whose file, or actuals file, did not load."""
        return {PurePosixPath(path).stem for path in self.unreadable}


@dataclass(frozen=True)
class DiffReport:
    base: str
    """The base as the summary names it: 'a1b2c3d (main)'."""
    head: str | None
    """The head as the summary names it, or ``None`` for the working tree."""
    changes: list[Change]
    problems: list[Problem]
    """HEAD's validation problems; empty when HEAD is valid."""
    plan_count: int = 0
    kpi_count: int = 0
    unreadable_base: tuple[str, ...] = ()
    unreadable_head: tuple[str, ...] = ()


# ---------------------------------------------------------------------- reading


def working_tree_files(root: Path) -> dict[str, bytes]:
    """Every plan, KPI and actuals file in the working tree, by path relative to ``root``."""
    root = Path(root)
    paths = [*sorted((root / PLANS_DIR).glob("*.y*ml")), *sorted((root / KPI_DIR).glob("*/*.y*ml")),
             *sorted((root / KPI_DIR).glob("*/*.csv"))]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in paths if path.is_file()}


def snapshot(files: dict[str, bytes]) -> Snapshot:
    """The records in ``files`` (path → content), read one file at a time, tolerating files that do not load."""
    plans: dict[str, Plan] = {}
    kpis: dict[str, Kpi] = {}
    unreadable: list[str] = []
    for path in sorted(files):
        key = data_file(path)
        if key is None:
            continue
        problems: list[Problem] = []
        loaded = record_from_bytes(files[path], path, Plan if key[0] == "plan" else Kpi, problems)
        if loaded is None:
            unreadable.append(path)
            continue
        record = loaded[0]
        if key[0] == "plan":
            plans.setdefault(record.id, record)
            continue
        csv_path = path.rsplit(".", 1)[0] + ".csv"
        if csv_path in files:
            # The same reading of a CSV version as the site's history (generator/history.py).
            rows = actuals_rows(files[csv_path], csv_path)
            if rows is None:
                unreadable.append(csv_path)
            else:
                record = with_actuals(record, rows)
        kpis.setdefault(record.id, record)
    return Snapshot(plans, kpis, tuple(unreadable))


def snapshot_changes(base: Snapshot, head: Snapshot) -> list[Change]:
    """Every change in meaning from ``base`` to ``head``, grouped by topic, then by file order."""
    # A file that does not load on one side is named in the summary, not reported as removed or added.
    skipped = base.unreadable_ids | head.unreadable_ids
    changes: list[Change] = []
    for kpi_id in sorted((base.kpis.keys() | head.kpis.keys()) - skipped):
        changes += kpi_changes(base.kpis.get(kpi_id), head.kpis.get(kpi_id))
    for plan_id in sorted((base.plans.keys() | head.plans.keys()) - skipped):
        changes += plan_changes(base.plans.get(plan_id), head.plans.get(plan_id))
    return sorted(changes, key=lambda change: TOPICS.index(change.topic))  # stable: file order within a topic


def default_base(root: Path) -> tuple[str, str]:
    """(commit, name) of the merge base of HEAD with the main branch."""
    for branch in MAIN_BRANCHES:
        try:
            resolve_revision(root, branch)
        except GitError:
            continue
        return run_git(root, "merge-base", "HEAD", branch).decode().strip(), branch
    raise GitError(f"no main branch found (tried {', '.join(MAIN_BRANCHES)}); give BASE, e.g. 'planspor diff origin/main'")


def _validate(root: Path, files: dict[str, bytes] | None) -> tuple[list[Problem], int, int]:
    """HEAD's problems (or its counts), by the same loader the build uses; ``files`` for a revision."""
    try:
        if files is None:
            project = load_project(root)
        else:
            with tempfile.TemporaryDirectory(prefix="planspor-diff-") as folder:
                for path, content in files.items():
                    (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
                    (Path(folder) / path).write_bytes(content)
                project = load_project(Path(folder))
    except ValidationFailed as failure:
        return failure.problems, 0, 0
    return [], len(project.plans), len(project.kpis)


def diff_report(root: Path, base: str | None = None, head: str | None = None) -> DiffReport:
    """Compare ``base`` (default: the merge base with main) with ``head`` (default: the working tree).

    Raises :class:`GitError` when ``root`` has no usable history or a revision names no commit.
    """
    root = Path(root)
    problem = repository_problem(root)
    # A shallow clone is enough for a diff when both revisions were fetched (a CI checkout of a pull request).
    if problem and problem[0] != "shallow":
        reason, detail = problem
        raise GitError(detail or t(f"changes.reason.{reason}", "en"))
    if base is None:
        base_commit, base_name = default_base(root)
    else:
        base_commit, base_name = resolve_revision(root, base), base
    base_files = files_at(root, base_commit)
    if head is None:
        head_files, head_label = working_tree_files(root), None
        problems, plan_count, kpi_count = _validate(root, None)
    else:
        head_commit = resolve_revision(root, head)
        head_files, head_label = files_at(root, head_commit), f"{head_commit[:SHORT_HASH]} ({head})"
        problems, plan_count, kpi_count = _validate(root, head_files)
    before, after = snapshot(base_files), snapshot(head_files)
    changes = snapshot_changes(before, after)
    return DiffReport(
        base=f"{base_commit[:SHORT_HASH]} ({base_name})",
        head=head_label,
        changes=changes,
        problems=problems,
        plan_count=plan_count,
        kpi_count=kpi_count,
        unreadable_base=before.unreadable,
        unreadable_head=after.unreadable,
    )


# ---------------------------------------------------------------------- wording

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def markdown_escape(text: str) -> str:
    """Text from the data shown as written in a Markdown comment (no emphasis, links or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render_report(report: DiffReport, fmt: Format = "text", language: str = "da") -> str:
    """The summary as plain text or as Markdown for a pull-request comment."""
    markdown = fmt == "markdown"
    escape = markdown_escape if markdown else (lambda text: text)

    def label(key: str, **values: object) -> str:
        return t(f"changes.{key}", language, **values)

    head = report.head or label("summary.working_tree")
    base_text, head_text = (f"`{report.base}`", f"`{report.head}`" if report.head else head) if markdown \
        else (report.base, head)
    lines: list[str] = []
    if markdown:
        lines += [COMMENT_MARKER, f"## {label('summary.title')}", ""]
    else:
        lines += [label("summary.title"), ""]
    lines += [label("summary.range", base=base_text, head=head_text), ""]
    if not report.changes:
        lines += [label("summary.none"), ""]
    for topic in TOPICS:
        sentences = [describe(change, language, escape) for change in report.changes if change.topic == topic]
        if not sentences:
            continue
        lines += [f"### {label(f'topics.{topic}')}", ""] if markdown else [label(f"topics.{topic}")]
        lines += [f"- {sentence}." for sentence in sentences]
        lines.append("")
    for revision, paths in ((base_text, report.unreadable_base), (head_text, report.unreadable_head)):
        if paths:
            files = ", ".join(f"`{path}`" if markdown else path for path in paths)
            lines += [label("summary.unreadable", revision=revision, files=files), ""]
    lines += [f"### {label('summary.validation')}", ""] if markdown else [label("summary.validation")]
    if report.problems:
        lines.append(label("summary.invalid", count=len(report.problems)))
        if markdown:
            lines.append("")
        for problem in report.problems:
            where = f"{problem.path}:{problem.line}:{problem.column}"
            lines.append(f"- `{where}`: {markdown_escape(problem.message)}" if markdown else f"- {where}: {problem.message}")
    else:
        lines.append(label("summary.valid", plans=report.plan_count, kpis=report.kpi_count))
    return "\n".join(lines).rstrip("\n") + "\n"
