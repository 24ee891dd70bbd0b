"""The history of plans and targets, read from git once per build.

One ``git log --raw`` lists, for every commit that touched ``plans/`` or ``kpi_data/``,
the blob ids of each changed file before and after; one ``git cat-file --batch``
then reads every needed version in a single process. That is two git processes per
build whatever the length of the history, and no textual diffs to re-apply: each
version is read by the project's own loader (:func:`generator.load.record_from_bytes`)
and compared in meaning by :mod:`generator.changes`. A version that does not load
(a broken commit, an older format) is skipped and the next good one is compared
with the last good one.

A KPI's figures may stand in its YAML file (``actuals:``) or in the CSV file beside
it; each version of the KPI is compared with the CSV rows of the same moment merged
in as the loader and ``planspor diff`` merge them (:func:`with_actuals`), so a commit
that touches only the CSV, or moves the figures from one file to the other, is read
right.

What the site lists (:func:`listed`): every change to plans and targets, and every
*correction* of a figure already published: a value of an existing period changed
or removed. A new period's figure, or a figure filled in for a period that had none
in that series (a national figure published later, say), is not listed: it arrives
every quarter for every KPI, would bury the corrections a committee needs to see,
and is shown in the KPI's table and chart anyway. ``planspor diff`` still names
new figures, since a reviewer checks each one.

The functions that run git are kept apart from the pure ones that read their
output, so the reading is tested without a repository. Outside git, in a shallow
clone or without the git program, :func:`load_history` returns a :class:`History`
that says so, and the site says that the history is unavailable; it never stops
a build.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .changes import Change, kpi_changes, plan_changes
from .load import KPI_DIR, PLANS_DIR, Problem, actuals_from_bytes, record_from_bytes
from .model import Actual, Kpi, Plan

log = logging.getLogger("mkdocs.plugins.planspor")

HISTORY_TOPICS = ("targets", "actuals", "kpis", "plans", "activities", "parties")
"""What the site's history shows: plans, targets and corrections of figures (:func:`listed` leaves out new ones)."""
KPI_HISTORY_TOPICS = ("targets", "actuals")
"""What a KPI page's history shows."""
LOG_FORMAT = "%x1e%H%x1f%cI%x1f%s"
SHORT_HASH = 7
"""Characters of a commit hash shown on the site (--no-abbrev, needed for blob ids, also lengthens %h)."""
GIT_TIMEOUT = 120


class GitError(Exception):
    """A git command failed; the message is git's own first line of complaint."""


@dataclass(frozen=True)
class Revision:
    """A commit as the site shows it: hash, day (the commit's, never the clock's) and message subject."""

    hash: str
    short: str
    day: date
    subject: str


@dataclass(frozen=True)
class FileVersions:
    """One file changed by one commit: its blob before and after (``None`` when added or deleted)."""

    path: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class LogCommit:
    revision: Revision
    files: tuple[FileVersions, ...]


@dataclass(frozen=True)
class Entry:
    """One change in meaning, and the commit that made it."""

    revision: Revision
    change: Change


@dataclass(frozen=True)
class History:
    """Every change to plans and targets and correction of a figure, newest first; or why there is no history."""

    entries: tuple[Entry, ...] = ()
    reason: str | None = None
    """None when the history was read; else no_git | not_repository | shallow | failed."""
    detail: str = ""
    _by_kpi: dict[str, tuple[Entry, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_kpi: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.change.topic in KPI_HISTORY_TOPICS:
                by_kpi.setdefault(entry.change.subject_id, []).append(entry)
        object.__setattr__(self, "_by_kpi", {key: tuple(value) for key, value in by_kpi.items()})

    @classmethod
    def unavailable(cls, reason: str, detail: str = "") -> "History":
        return cls(reason=reason, detail=detail)

    @property
    def available(self) -> bool:
        return self.reason is None

    def kpi_history(self, kpi_id: str) -> tuple[Entry, ...]:
        """What a KPI's page lists: every change to its targets and correction of its figures, newest first."""
        return self._by_kpi.get(kpi_id, ())

    def kpi_targets(self, kpi_id: str) -> tuple[Entry, ...]:
        """Every change to the targets of one KPI, newest first."""
        return tuple(entry for entry in self.kpi_history(kpi_id) if entry.change.topic == "targets")

    def recent(self, limit: int) -> tuple[Entry, ...]:
        return self.entries[:limit]


# ----------------------------------------------------------------- pure reading


def _is_null(oid: str) -> bool:
    return not oid.strip("0")


def parse_log(output: bytes) -> list[LogCommit]:
    """The commits of ``git log -z --raw --no-abbrev --format=LOG_FORMAT``, newest first as git lists them."""
    commits = []
    for chunk in output.split(b"\x1e")[1:]:
        header, _, rest = chunk.partition(b"\0")
        full, stamp, subject = header.decode("utf-8", "replace").split("\x1f", 2)
        tokens = rest.lstrip(b"\n").split(b"\0")
        files = []
        index = 0
        while index < len(tokens):
            meta = tokens[index].lstrip(b"\n")
            if not meta.startswith(b":"):
                index += 1
                continue
            parts = meta[1:].decode("ascii").split()
            # :old_mode new_mode old_oid new_oid status, then the path; copies and renames are
            # switched off (--no-renames), so there is exactly one path.
            old_mode, new_mode, old_oid, new_oid = parts[:4]
            path = tokens[index + 1].decode("utf-8", "surrogateescape") if index + 1 < len(tokens) else ""
            index += 2
            if "160000" in (old_mode, new_mode):
                continue  # a submodule, not a file
            files.append(FileVersions(path, None if _is_null(old_oid) else old_oid, None if _is_null(new_oid) else new_oid))
        day = datetime.fromisoformat(stamp.strip()).date()
        full = full.strip()
        commits.append(LogCommit(Revision(full, full[:SHORT_HASH], day, subject.strip()), tuple(files)))
    return commits


def parse_batch(output: bytes) -> dict[str, bytes]:
    """Blob contents by id from the output of ``git cat-file --batch``."""
    blobs: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].decode("ascii").split()
        position = end + 1
        if len(header) < 3:  # '<oid> missing'
            continue
        oid, _kind, size = header[0], header[1], int(header[2])
        blobs[oid] = output[position:position + size]
        position += size + 1
    return blobs


def data_file(path: str) -> tuple[str, str] | None:
    """('plan', id) or ('kpi', id) for a plan or KPI file at ``path``; ``None`` for anything else."""
    parts = PurePosixPath(path)
    if parts.suffix not in (".yaml", ".yml"):
        return None
    if len(parts.parts) == 2 and parts.parts[0] == PLANS_DIR:
        return ("plan", parts.stem)
    if len(parts.parts) == 3 and parts.parts[0] == KPI_DIR:
        return ("kpi", parts.stem)
    return None


def actuals_file(path: str) -> tuple[str, str] | None:
    """('kpi', id) for the actuals CSV beside a KPI file at ``path``; ``None`` for anything else."""
    parts = PurePosixPath(path)
    if parts.suffix == ".csv" and len(parts.parts) == 3 and parts.parts[0] == KPI_DIR:
        return ("kpi", parts.stem)
    return None


def actuals_rows(raw: bytes, path: str) -> list[Actual] | None:
    """The rows of one version of an actuals CSV, or ``None`` when it does not load cleanly.

    The CSV reader skips a row it cannot read and says so; a version with any such row is
    treated as not loading, so that a row broken in one commit and mended in the next does
    not read as a figure removed and then added.
    """
    problems: list[Problem] = []
    rows = actuals_from_bytes(raw, path, problems)
    return None if rows is None or problems else rows


def with_actuals(kpi: Kpi, rows: list[Actual] | None) -> Kpi:
    """The KPI as the loader reads it: the rows of its CSV file, when it has one, are its actuals."""
    return kpi if rows is None else kpi.model_copy(update={"actuals": rows})


def listed(change: Change) -> bool:
    """Whether the site's history lists a change: all but new figures (see the module's docstring)."""
    if change.topic != "actuals":
        return True
    if change.action == "added":
        return False
    if change.action == "changed":
        return getattr(change.old, change.fields[0]) is not None  # a figure filled in is new, not corrected
    return True  # a figure removed takes away something already published


_BROKEN = object()
"""A version of an actuals CSV that does not load."""


class _Records:
    """Each version read once, by blob id: the same version is the 'after' of one commit and the 'before' of the next."""

    def __init__(self, blobs: dict[str, bytes]):
        self.blobs = blobs
        self.cache: dict[str, Any] = {}
        self.rows_cache: dict[str, Any] = {}

    def get(self, kind: str, oid: str, path: str) -> Plan | Kpi | None:
        if oid not in self.cache:
            raw = self.blobs.get(oid)
            loaded = None
            if raw is not None:
                problems: list[Problem] = []
                loaded = record_from_bytes(raw, path, Plan if kind == "plan" else Kpi, problems)
            self.cache[oid] = loaded[0] if loaded else None
        return self.cache[oid]

    def rows(self, oid: str, path: str) -> Any:
        """The rows of a CSV version, or ``_BROKEN``."""
        if oid not in self.rows_cache:
            raw = self.blobs.get(oid)
            rows = actuals_rows(raw, path) if raw is not None else None
            self.rows_cache[oid] = _BROKEN if rows is None else rows
        return self.rows_cache[oid]


def _csv_sides(group: dict[tuple[str, str], tuple[str, str]], records: _Records,
               current: Any) -> tuple[Any, Any, bool]:
    """(rows before, rows after, whether the after side loads) of a KPI's CSV in one commit.

    Rows are ``None`` where there is no CSV; ``current`` is the last good version, used for
    a side the commit does not name and for a version that does not load.
    """
    if ("old", "csv") not in group and ("new", "csv") not in group:
        return current, current, True
    before = records.rows(*group["old", "csv"]) if ("old", "csv") in group else None
    if before is _BROKEN:
        before = current
    if ("new", "csv") not in group:
        return before, None, True
    after = records.rows(*group["new", "csv"])
    if after is _BROKEN:
        return before, before, False  # compared as unchanged; the next good version is compared with the last good one
    return before, after, True


def history_entries(commits: list[LogCommit], blobs: dict[str, bytes], topics: tuple[str, ...] = HISTORY_TOPICS) -> list[Entry]:
    """The changes in meaning made by each commit that the site lists, newest first (the order of ``commits``)."""
    records = _Records(blobs)
    last_good: dict[tuple[str, str], Any] = {}
    last_rows: dict[tuple[str, str], Any] = {}
    """The last good rows of each KPI's CSV, for a commit that touches only its YAML file (and the reverse)."""
    compared_rows: dict[tuple[str, str], Any] = {}
    """The rows on the 'after' side of each KPI's last comparison."""
    skipped: set[tuple[str, str]] = set()
    """KPIs whose latest YAML version did not load: their next comparison starts from ``compared_rows``,
    so that a CSV corrected in the same commit as a broken YAML file is not lost."""
    per_commit: list[list[Entry]] = []
    for commit in reversed(commits):  # oldest first, so that 'last good version' means the one before
        groups: dict[tuple[str, str], dict[tuple[str, str], tuple[str, str]]] = {}
        for version in sorted(commit.files, key=lambda item: item.path):
            key, part = data_file(version.path), "yaml"
            if key is None:
                key, part = actuals_file(version.path), "csv"
                if key is None:
                    continue
            # A file moved to another organisation folder is one KPI (deleted here, added there).
            group = groups.setdefault(key, {})
            if version.old:
                group.setdefault(("old", part), (version.old, version.path))
            if version.new:
                group.setdefault(("new", part), (version.new, version.path))
        entries: list[Entry] = []
        for key, group in groups.items():
            kind = key[0]
            rows_before, rows_after, rows_good = _csv_sides(group, records, last_rows.get(key))
            if rows_good:
                if rows_after is None:
                    last_rows.pop(key, None)
                else:
                    last_rows[key] = rows_after
            if key in skipped:
                rows_before = compared_rows.get(key)
            if ("old", "yaml") in group or ("new", "yaml") in group:
                old = records.get(kind, *group["old", "yaml"]) if ("old", "yaml") in group else None
                if ("old", "yaml") in group and old is None:
                    old = last_good.get(key)
                if ("new", "yaml") in group:
                    new = records.get(kind, *group["new", "yaml"])
                    if new is None:
                        skipped.add(key)
                        continue  # this version does not load; the next good one is compared with the last good one
                else:
                    new = None
            else:
                old = new = last_good.get(key)  # only the CSV changed: the same KPI on both sides
                if new is None:
                    continue  # a CSV without a KPI file (yet) is nothing the site shows
            if kind == "kpi":
                changes = kpi_changes(None if old is None else with_actuals(old, rows_before),
                                      None if new is None else with_actuals(new, rows_after))
            else:
                changes = plan_changes(old, new)
            entries += [Entry(commit.revision, change) for change in changes
                        if change.topic in topics and listed(change)]
            skipped.discard(key)
            compared_rows[key] = rows_after
            if new is None:
                last_good.pop(key, None)
            else:
                last_good[key] = new
        per_commit.append(entries)
    return [entry for entries in reversed(per_commit) for entry in entries]


# --------------------------------------------------------------------- git


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The output of one git command run in ``root``; :class:`GitError` with git's message when it fails."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *args],
            cwd=root, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(str(error)) from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} exited with {result.returncode}")
    return result.stdout


def repository_problem(root: Path) -> tuple[str, str] | None:
    """Why ``root`` has no readable history ((reason, detail)), or ``None`` when it has one."""
    if shutil.which("git") is None:
        return ("no_git", "")
    try:
        answers = run_git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository").decode().split()
    except GitError as error:
        if "not a git repository" in str(error).lower():
            return ("not_repository", str(error))
        return ("failed", str(error))
    if answers[:1] != ["true"]:
        return ("not_repository", "")
    if answers[1:2] == ["true"]:
        return ("shallow", "")
    return None


def head_commit(root: Path) -> str | None:
    """The commit HEAD names, or ``None`` in a repository without commits."""
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", "HEAD").decode().strip()
    except GitError:
        return None


def read_blobs(root: Path, oids: list[str]) -> dict[str, bytes]:
    """The contents of many blobs from one ``git cat-file --batch`` process."""
    if not oids:
        return {}
    return parse_batch(run_git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in oids).encode()))


def read_log(root: Path) -> list[LogCommit]:
    output = run_git(root, "log", "-z", "--no-renames", "--raw", "--no-abbrev", "--relative", "--no-color",
                     f"--format={LOG_FORMAT}", "--", PLANS_DIR, KPI_DIR)
    return parse_log(output)


def load_history(root: Path, topics: tuple[str, ...] = HISTORY_TOPICS) -> History:
    """The history of plans and targets under ``root``, or a History that says why there is none.

    Never raises: a build must not fail because its history cannot be read.
    """
    root = Path(root)
    problem = repository_problem(root)
    if problem:
        return History.unavailable(*problem)
    try:
        head = head_commit(root)
        if head is None:
            return History()
        # History is a function of the commit: `mkdocs serve` rebuilds on every edit, without a new commit.
        key = (str(root.resolve()), head, topics)
        if key in _LAST:
            return _LAST[key]
        commits = read_log(root)
        wanted = sorted({oid for commit in commits for version in commit.files
                         if data_file(version.path) or actuals_file(version.path)
                         for oid in (version.old, version.new) if oid})
        entries = history_entries(commits, read_blobs(root, wanted), topics)
    except GitError as error:
        return History.unavailable("failed", str(error))
    except Exception as error:  # noqa: BLE001 - the site is still worth building without its history
        log.info("Planspor: the history could not be read: %r", error)  # a warning would fail --strict builds
        return History.unavailable("failed", f"{type(error).__name__}: {error}")
    _LAST.clear()
    _LAST[key] = History(tuple(entries))
    return _LAST[key]


_LAST: dict[tuple, History] = {}
"""The last history read, by (folder, HEAD commit, topics)."""


# ------------------------------------------------------------- files at a revision


def resolve_revision(root: Path, revision: str) -> str:
    """The commit hash ``revision`` names; :class:`GitError` when it names none."""
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{revision}' is not a commit in this repository") from None


def files_at(root: Path, revision: str) -> dict[str, bytes]:
    """Every file under plans/ and kpi_data/ as it was at ``revision``, by path relative to ``root``."""
    commit = resolve_revision(root, revision)
    listing = run_git(root, "ls-tree", "-r", "-z", commit, "--", PLANS_DIR, KPI_DIR)
    paths: dict[str, str] = {}
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, _, path = line.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split()
        if kind == "blob":
            paths[path.decode("utf-8", "surrogateescape")] = oid
    blobs = read_blobs(root, sorted(set(paths.values())))
    return {path: blobs[oid] for path, oid in sorted(paths.items()) if oid in blobs}
