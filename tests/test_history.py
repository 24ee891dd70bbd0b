"""The history of plans and targets: git's output read by pure functions, and real repositories."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from generator import history as history_module
from generator.changes import describe
from generator.history import (
    FileVersions,
    History,
    LogCommit,
    Revision,
    data_file,
    history_entries,
    load_history,
    parse_batch,
    parse_log,
)
from generator.load import load_project
from generator.pages import site_pages

from .conftest import AS_OF, MINIMAL_CSV, MINIMAL_KPI, MINIMAL_PLAN, ROOT
from .gitrepo import KPI_PATH, PLAN_PATH, Repo

OLD = "a" * 40
NEW = "b" * 40
NULL = "0" * 40


def _repo(tmp_path, name="repo") -> Repo:
    repo = Repo(tmp_path / name)
    repo.write(PLAN_PATH, MINIMAL_PLAN)
    repo.write(KPI_PATH, MINIMAL_KPI)
    repo.write("kpi_data/test/test-hp.csv", MINIMAL_CSV)
    repo.commit("Første udgave af planen", date="2024-01-15T10:00:00+01:00")
    return repo


# ------------------------------------------------------------------ pure reading


def test_parse_log_reads_commits_and_blob_ids():
    output = (
        b"\x1e" + NEW.encode() + b"\x1f2024-03-01T09:00:00+01:00\x1fS\xc3\xa6nk loftet\0\n"
        b":100644 100644 " + OLD.encode() + b" " + NEW.encode() + b" M\0kpi_data/test/test-hp.yaml\0"
        b":000000 100644 " + NULL.encode() + b" " + NEW.encode() + b" A\0plans/ny plan.yaml\0"
        b":160000 160000 " + OLD.encode() + b" " + NEW.encode() + b" M\0plans/sub\0"
        b"\n\x1e" + OLD.encode() + b"\x1f2024-02-01T23:30:00-05:00\x1fMerge branch 'x'\0"
        b"\n\x1e" + OLD.encode() + b"\x1f2024-01-01T00:00:00+00:00\x1fFjern\0\n"
        b":100644 000000 " + OLD.encode() + b" " + NULL.encode() + b" D\0plans/gammel.yaml\0"
    )
    commits = parse_log(output)
    assert [commit.revision.subject for commit in commits] == ["Sænk loftet", "Merge branch 'x'", "Fjern"]
    first = commits[0]
    assert first.revision == Revision(NEW, NEW[:7], date(2024, 3, 1), "Sænk loftet")
    assert first.files == (
        FileVersions("kpi_data/test/test-hp.yaml", OLD, NEW),
        FileVersions("plans/ny plan.yaml", None, NEW),
    ), "submodules are skipped, added files have no old blob"
    assert commits[1].files == () and commits[1].revision.day == date(2024, 2, 1), "the committer's own day"
    assert commits[2].files == (FileVersions("plans/gammel.yaml", OLD, None),)


def test_parse_log_of_nothing():
    assert parse_log(b"") == []


def test_parse_batch_reads_contents_with_newlines_and_missing_objects():
    output = (OLD.encode() + b" blob 6\nab\ncd\n\n" + b"c" * 40 + b" missing\n" + NEW.encode() + b" blob 0\n\n")
    assert parse_batch(output) == {OLD: b"ab\ncd\n", NEW: b""}


def test_data_file_names_plans_and_kpis_only():
    assert data_file("plans/lille-plan.yaml") == ("plan", "lille-plan")
    assert data_file("kpi_data/test/test-hp.yml") == ("kpi", "test-hp")
    assert data_file("kpi_data/test/test-hp.csv") is None, "a KPI's CSV is actuals_file's"
    assert data_file("plans/sub/x.yaml") is None
    assert data_file("docs/x.yaml") is None


def _commit(oid_new: str | None, oid_old: str | None, day: int, subject: str, path: str = KPI_PATH) -> LogCommit:
    return LogCommit(Revision(subject, subject[:7], date(2024, 1, day), subject), (FileVersions(path, oid_old, oid_new),))


def test_history_entries_skip_a_version_that_does_not_load():
    blobs = {
        "v1": MINIMAL_KPI.encode(),
        "v2": MINIMAL_KPI.replace("value: 930", "value: [broken").encode(),
        "v3": MINIMAL_KPI.replace("value: 930", "value: 900").encode(),
    }
    commits = [  # newest first, as git lists them
        _commit("v3", "v2", 3, "fix"),
        _commit("v2", "v1", 2, "broken"),
        _commit("v1", None, 1, "first"),
    ]
    entries = history_entries(commits, blobs)
    assert [(entry.revision.subject, entry.change.topic, entry.change.action) for entry in entries] == [
        ("fix", "targets", "changed"),
        ("first", "kpis", "added"),
        ("first", "targets", "added"),
    ]
    assert describe(entries[0].change) == "Loftet for 2024 for »Helårspersoner« går fra 930 til 900"


# ------------------------------------------------------------ real repositories


def test_history_of_a_target_from_real_commits(tmp_path):
    repo = _repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: 950")
    second = repo.commit("Loftet hæves efter budgetforhandlingen", date="2024-03-02T08:00:00+01:00")
    repo.edit(KPI_PATH, "{period: 2024, value: 950, type: max}", "{period: 2024, value: 950, type: max}\n  - {period: 2025, value: 900, type: max}")
    repo.commit("Mål for 2025", date="2024-04-10T08:00:00+02:00")

    history = load_history(repo.root)
    assert history.available, history
    targets = history.kpi_targets("test-hp")
    assert [describe(entry.change) for entry in targets] == [
        "Nyt mål for 2025 for »Helårspersoner«: højst 900",
        "Loftet for 2024 for »Helårspersoner« går fra 930 til 950",
        "Nyt mål for 2024 for »Helårspersoner«: højst 930",
    ]
    assert [entry.revision.day for entry in targets] == [date(2024, 4, 10), date(2024, 3, 2), date(2024, 1, 15)]
    assert targets[1].revision.subject == "Loftet hæves efter budgetforhandlingen"
    assert targets[1].revision.hash == second and targets[1].revision.short == second[:7]
    assert history.recent(2) == history.entries[:2]


def test_history_of_plan_activities_and_the_plan_itself(tmp_path):
    repo = _repo(tmp_path)
    repo.edit(PLAN_PATH, 'when: "12/13"', "when: uge 16")
    repo.edit(PLAN_PATH, "responsible: {kommune: [Ledelse, Medarbejdere]}",
              "responsible: {kommune: [Ledelse, Medarbejdere]}\n        status: done")
    repo.commit("Infomødet flyttes og er holdt")
    sentences = [describe(entry.change) for entry in load_history(repo.root).entries]
    assert sentences[:2] == [
        "Aktiviteten »Infomøde« i »Lille plan« flyttes fra uge 12/13 til uge 16",
        "Aktiviteten »Infomøde« i »Lille plan« skifter status fra planlagt til gennemført",
    ]
    assert "Ny plan: »Lille plan«" in sentences


def test_moving_a_kpi_to_another_folder_is_no_change(tmp_path):
    repo = _repo(tmp_path)
    repo.git("mv", "kpi_data/test", "kpi_data/andet")
    repo.commit("Flyt nøgletallet")
    history = load_history(repo.root)
    assert {entry.revision.subject for entry in history.entries} == {"Første udgave af planen"}
    # Corrections of figures are listed too: see tests/test_history_actuals.py.


def test_deleted_kpi_is_a_change(tmp_path):
    repo = _repo(tmp_path)
    repo.git("rm", "--quiet", "-r", "kpi_data/test")
    repo.commit("Nøgletallet udgår")
    assert describe(load_history(repo.root).entries[0].change) == "Nøgletallet »Helårspersoner« er fjernet"


def test_git_runs_a_fixed_number_of_times_whatever_the_length_of_history(tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    for value in range(901, 921):
        repo.edit(KPI_PATH, f"value: {value - 1 if value > 901 else 930}", f"value: {value}")
        repo.commit(f"Loft {value}")
    calls = []
    real = history_module.run_git
    monkeypatch.setattr(history_module, "run_git", lambda root, *args, **kw: calls.append(args[0]) or real(root, *args, **kw))
    history = load_history(repo.root)
    assert len(history.kpi_targets("test-hp")) == 21
    assert calls == ["rev-parse", "rev-parse", "log", "cat-file"]

    calls.clear()
    assert load_history(repo.root) is history, "a rebuild without a new commit (mkdocs serve) reuses the history"
    assert calls == ["rev-parse", "rev-parse"]
    repo.edit(KPI_PATH, "value: 920", "value: 800")
    repo.commit("Nyt loft")
    assert len(load_history(repo.root).kpi_targets("test-hp")) == 22


# ------------------------------------------------------------ no history to read


def test_outside_git_history_is_unavailable(tmp_path):
    (tmp_path / "plans").mkdir()
    history = load_history(tmp_path)
    assert not history.available and history.reason == "not_repository"


def test_a_shallow_clone_has_no_history(tmp_path):
    repo = _repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: 950")
    repo.commit("Anden")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone)], check=True,
                   capture_output=True)
    history = load_history(clone)
    assert history.reason == "shallow" and history.entries == ()


def test_without_the_git_program_history_is_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert load_history(ROOT).reason == "no_git"


def test_a_repository_without_commits_has_an_empty_history(tmp_path):
    repo = Repo(tmp_path / "new")
    history = load_history(repo.root)
    assert history.available and history.entries == ()


def test_a_failing_git_is_reported_not_raised(tmp_path, monkeypatch):
    repo = _repo(tmp_path)

    def broken(root, *args, **kw):
        if args[0] == "log":
            raise history_module.GitError("fatal: bad object")
        return real(root, *args, **kw)

    real = history_module.run_git
    monkeypatch.setattr(history_module, "run_git", broken)
    history = load_history(repo.root)
    assert history.reason == "failed" and "bad object" in history.detail


# ---------------------------------------------------------------------- the site


def _pages(root, history):
    site = site_pages(load_project(root), AS_OF, "da", history=history)
    return site, {page.path: page.markdown for page in site.pages}


def test_kpi_page_shows_the_history_of_its_targets(tmp_path):
    repo = _repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: 950")
    repo.commit("Loftet hæves <efter> forhandling", date="2024-03-02T08:00:00+01:00")
    site, pages = _pages(repo.root, load_history(repo.root))
    kpi = pages["kpis/test/test-hp.md"]
    history = kpi.split("## Historik", 1)[1]
    assert "Loftet for 2024 for »Helårspersoner« går fra 930 til 950" in history
    assert "2. marts 2024" in history and "15. januar 2024" in history
    assert "Loftet hæves &lt;efter&gt; forhandling" in history, "commit messages are escaped"
    assert history.index("2. marts 2024") < history.index("15. januar 2024"), "newest first"

    changes = pages["changes.md"]
    assert changes.startswith("# Ændringer")
    assert '<a href="kpis/test/test-hp.html">Loftet for 2024' in changes
    assert '<a href="plans/lille-plan.html">Ny plan: »Lille plan«</a>' in changes
    assert changes.count('<td rowspan="3">') == 2, "the first commit's date and message span its three changes"
    assert {"Ændringer": "changes.md"} in site.nav


def test_changes_page_links_to_the_activity(tmp_path):
    repo = _repo(tmp_path)
    repo.edit(PLAN_PATH, 'when: "12/13"', "when: uge 16")
    repo.commit("Flyt infomødet")
    _, pages = _pages(repo.root, load_history(repo.root))
    assert '<a href="plans/lille-plan.html#activity-info">Aktiviteten »Infomøde«' in pages["changes.md"]


def test_pages_say_plainly_when_history_is_unavailable(small_project):
    history = History.unavailable("shallow")
    _, pages = _pages(small_project, history)
    message = "Historikken er ikke tilgængelig: repositoriet er hentet uden historik (shallow clone)"
    assert message in pages["kpis/test/test-hp.md"]
    assert message in pages["changes.md"]


def test_without_a_history_the_pages_are_as_before(small_project):
    site, pages = _pages(small_project, None)
    assert "changes.md" not in pages
    assert "Historik" not in pages["kpis/test/test-hp.md"]


def test_history_of_this_repository_is_read_quickly():
    import time

    started = time.perf_counter()
    history = load_history(ROOT)
    elapsed = time.perf_counter() - started
    if history.reason in ("not_repository", "shallow", "no_git"):
        pytest.skip(f"the project is not in a full git clone here ({history.reason})")
    assert history.available, history.detail
    assert elapsed < 5
