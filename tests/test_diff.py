"""planspor diff: what a change decides, in Danish, against temporary git repositories with real commits."""

from __future__ import annotations

import pytest

from generator.changes import describe, kpi_changes, plan_changes
from generator.diff import COMMENT_MARKER, diff_report, markdown_escape, render_report, snapshot, snapshot_changes
from generator.history import GitError

from .conftest import MINIMAL_CSV, MINIMAL_KPI, MINIMAL_PLAN, run_planspor
from .gitrepo import CSV_PATH, KPI_PATH, PLAN_PATH, Repo

TARGET_CHANGED = "Loftet for 2024 for »Helårspersoner« går fra 930 til 900."
ACTIVITY_MOVED = "Aktiviteten »Infomøde« i »Lille plan« flyttes fra uge 12/13 til uge 14."


@pytest.fixture
def repo(tmp_path) -> Repo:
    """A project on 'main' with one commit, and a branch 'forslag' checked out."""
    repo = Repo(tmp_path / "repo")
    repo.write(PLAN_PATH, MINIMAL_PLAN)
    repo.write(KPI_PATH, MINIMAL_KPI)
    repo.write(CSV_PATH, MINIMAL_CSV)
    repo.commit("Planen som vedtaget")
    repo.git("checkout", "--quiet", "-b", "forslag")
    return repo


def _summary(repo: Repo, base: str | None = None, head: str | None = None, fmt: str = "text", language: str = "da") -> str:
    return render_report(diff_report(repo.root, base, head), fmt, language)


def test_a_commit_that_changes_a_target_and_moves_an_activity_is_summarised_in_danish(repo):
    repo.edit(KPI_PATH, "value: 930", "value: 900")
    repo.edit(PLAN_PATH, 'when: "12/13"', "when: uge 14")
    head = repo.commit("Lavere loft og senere infomøde")

    result = run_planspor("diff", cwd=repo.root)  # BASE: the merge base with main; HEAD: the working tree
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert TARGET_CHANGED in text and ACTIVITY_MOVED in text
    base = repo.git("rev-parse", "--short=7", "main")
    assert f"Fra {base} (main) til arbejdskopien." in text
    assert "Mål\n- " + TARGET_CHANGED in text and "Aktiviteter\n- " + ACTIVITY_MOVED in text
    assert "Gyldigt: 1 planer og 1 nøgletal uden fejl." in text

    explicit = run_planspor("diff", "main", "HEAD", cwd=repo.root).stdout
    assert TARGET_CHANGED in explicit and ACTIVITY_MOVED in explicit
    assert f"til {head[:7]} (HEAD)." in explicit


def test_markdown_for_a_pull_request_comment(repo):
    repo.edit(KPI_PATH, "value: 930", "value: 900")
    repo.edit(KPI_PATH, "title: Helårspersoner", "title: Helårspersoner *på* <b>ydelse</b>")
    repo.edit(PLAN_PATH, 'when: "12/13"', "when: uge 14")
    markdown = _summary(repo, fmt="markdown")
    assert markdown.startswith(COMMENT_MARKER + "\n## Ændringer i planer og mål\n")
    assert "### Mål\n\n- Loftet for 2024 for »Helårspersoner \\*på\\* \\<b\\>ydelse\\</b\\>« går fra 930 til 900." in markdown
    assert "### Aktiviteter\n\n- " + ACTIVITY_MOVED in markdown
    assert "### Validering\n\nGyldigt:" in markdown


def test_working_tree_changes_on_main_are_compared_with_main(repo):
    repo.git("checkout", "--quiet", "main")
    repo.edit(KPI_PATH, "value: 930", "value: 900")
    assert TARGET_CHANGED in _summary(repo)


def test_no_change_in_meaning(repo):
    repo.edit(KPI_PATH, "better: lower", "better: lower   # a comment changes nothing")
    text = _summary(repo)
    assert "Ingen ændringer i planer og mål." in text


def test_targets_added_removed_retyped_and_moved(repo):
    repo.edit(KPI_PATH, "  - {period: 2024, value: 930, type: max}",
              "  - {period: 2025, value: 930, type: max}\n  - {period: 2023, value: 20, type: min, baseline: {period: 2022, value: 10}}")
    repo.commit("Nye mål")
    text = _summary(repo, "main", "HEAD")
    assert "Målet for »Helårspersoner« går fra højst 930 for 2024 til højst 930 for 2025." in text
    assert "Nyt mål for 2023 for »Helårspersoner«: mindst 20." in text

    repo.edit(KPI_PATH, "{period: 2023, value: 20, type: min, baseline: {period: 2022, value: 10}}",
              "{period: 2023, value: 20, type: exact, tolerance: 2, baseline: {period: 2022, value: 12}}")
    repo.edit(KPI_PATH, "  - {period: 2025, value: 930, type: max}\n", "")
    text = _summary(repo, "HEAD")
    assert "Målet for 2025 for »Helårspersoner« (højst 930) er fjernet." in text
    assert ("Målet for 2023 for »Helårspersoner« går fra mindst 20 til præcis 20 ± 2; "
            "Udgangspunktet for målet for 2023 for »Helårspersoner« går fra 10 (2022) til 12 (2022).") in text


def test_new_and_corrected_actuals(repo):
    repo.write(CSV_PATH, 'period,actual,expected\n2023,1200,1300\n2022,1234.5,\n2024,1100,1250\n')
    text = _summary(repo)
    assert "Tal\n" in text
    assert "Tallet for 2023 for »Helårspersoner« er rettet fra 1.234,5 til 1.200." in text
    assert "Nyt tal for 2024 for »Helårspersoner«: 1.100; forventet niveau 1.250." in text
    assert "2022" not in text, "an unchanged figure is not mentioned"


def test_parties_roles_and_status(repo):
    repo.edit(PLAN_PATH, "star: {name: STAR – Test, type: stat}", "star: {name: STAR – AMK Øst, type: stat}")
    repo.edit(PLAN_PATH, "responsible: {kommune: [Ledelse, Medarbejdere]}",
              "responsible: {kommune: [Ledelse], star: [AMK]}\n        status: done")
    text = _summary(repo)
    assert "Parter og roller\n" in text
    assert "Parten »star« i »Lille plan« går fra »STAR – Test« (Stat) til »STAR – AMK Øst« (Stat)." in text
    assert ("Ansvaret for »Infomøde« i »Lille plan« går fra Jobcenter Test: Ledelse, Medarbejdere "
            "til Jobcenter Test: Ledelse; STAR – AMK Øst: AMK.") in text
    assert "Aktiviteten »Infomøde« i »Lille plan« skifter status fra planlagt til gennemført." in text


def test_activities_added_and_removed_and_plans_and_kpis(repo):
    repo.edit(PLAN_PATH, "      - id: info\n        when: \"12/13\"\n        form: Infomøde\n"
              "        responsible: {kommune: [Ledelse, Medarbejdere]}\n",
              "      - id: evaluering\n        when: uge 20\n        form: Evaluering\n")
    repo.edit(PLAN_PATH, "title: Lille plan", "title: Lille plan\nsummary: Nu med resumé")
    repo.write("kpi_data/test/ny-kpi.yaml", MINIMAL_KPI.replace("id: test-hp", "id: ny-kpi").replace("Helårspersoner", "Nyt tal"))
    text = _summary(repo)
    assert "Ny aktivitet i »Lille plan«: »Evaluering« (uge 20)." in text
    assert "Aktiviteten »Infomøde« (uge 12/13) er fjernet fra »Lille plan«." in text
    assert "Andre oplysninger i planen »Lille plan« er ændret (summary)." in text
    assert "Nyt nøgletal: »Nyt tal«." in text and "Nyt mål for 2024 for »Nyt tal«: højst 930." in text


def test_validation_of_head_lists_problems_with_file_and_line(repo):
    repo.edit(KPI_PATH, "better: lower", "bedre: lower")
    text = _summary(repo)
    assert "Problemer fundet: 2." in text
    assert "- kpi_data/test/test-hp.yaml:6:1: unknown key 'bedre' in file" in text
    assert "Kunne ikke læses i arbejdskopien og er derfor ikke sammenlignet: kpi_data/test/test-hp.yaml" in text
    assert "fjernet" not in text, "a file that does not load is not a removed KPI"
    assert f"Kunne ikke læses i {repo.git('rev-parse', '--short=7', 'main')}" not in text, "the base was fine"

    repo.commit("Stavefejl")
    markdown = _summary(repo, "main", "HEAD", fmt="markdown")
    assert "- `kpi_data/test/test-hp.yaml:6:1`: unknown key 'bedre' in file" in markdown

    broken_base = _summary(repo, "HEAD", "main")
    assert "Kunne ikke læses i" in broken_base and "kpi_data/test/test-hp.yaml" in broken_base


def test_english_summary(repo):
    repo.edit(KPI_PATH, "value: 930", "value: 900")
    text = _summary(repo, language="en")
    assert "The ceiling for 2024 for “Helårspersoner” goes from 930 to 900." in text
    assert "From " in text and "the working tree." in text


def test_errors_are_said_not_raised(repo, tmp_path):
    with pytest.raises(GitError, match="'nope' is not a commit"):
        diff_report(repo.root, "nope")
    result = run_planspor("diff", "nope", cwd=repo.root)
    assert result.returncode == 2 and "'nope' is not a commit" in result.stderr

    outside = tmp_path / "outside"
    outside.mkdir()
    result = run_planspor("diff", cwd=outside)
    assert result.returncode == 2 and "not a git repository" in result.stderr.lower()


def test_without_a_main_branch_base_must_be_given(tmp_path):
    repo = Repo(tmp_path / "trunk", branch="trunk")
    repo.write(KPI_PATH, MINIMAL_KPI)
    repo.commit("første")
    with pytest.raises(GitError, match="no main branch"):
        diff_report(repo.root)
    assert "Ingen ændringer" in render_report(diff_report(repo.root, "trunk"))


# -------------------------------------------------------------------- pure parts


def test_snapshots_compare_without_git():
    base = snapshot({KPI_PATH: MINIMAL_KPI.encode(), PLAN_PATH: MINIMAL_PLAN.encode(), CSV_PATH: MINIMAL_CSV.encode()})
    head = snapshot({KPI_PATH: MINIMAL_KPI.replace("930", "900").encode(), PLAN_PATH: b"id: [broken",
                     CSV_PATH: MINIMAL_CSV.encode()})
    assert head.unreadable == (PLAN_PATH,)
    changes = snapshot_changes(base, head)
    assert [describe(change) for change in changes] == [
        "Loftet for 2024 for »Helårspersoner« går fra 930 til 900",
    ], "a plan that does not load at HEAD is named as unreadable, not as removed"


def test_identical_records_have_no_changes():
    base = snapshot({KPI_PATH: MINIMAL_KPI.encode(), PLAN_PATH: MINIMAL_PLAN.encode()})
    kpi, plan = base.kpis["test-hp"], base.plans["lille-plan"]
    assert kpi_changes(kpi, kpi) == [] and plan_changes(plan, plan) == []
    assert kpi_changes(None, None) == [] and plan_changes(None, None) == []


def test_markdown_escape():
    assert markdown_escape("a *b* [c](d) <e> `f` _g_ #h") == "a \\*b\\* \\[c\\]\\(d\\) \\<e\\> \\`f\\` \\_g\\_ \\#h"


def test_a_project_in_a_subfolder_of_the_repository(tmp_path):
    repo = Repo(tmp_path / "mono")
    repo.write("site/" + PLAN_PATH, MINIMAL_PLAN)
    repo.write("site/" + KPI_PATH, MINIMAL_KPI)
    repo.write("plans/other.yaml", "not: ours")
    repo.commit("første")
    repo.edit("site/" + KPI_PATH, "value: 930", "value: 900")
    repo.commit("anden")
    text = render_report(diff_report(repo.root / "site", "HEAD~1", "HEAD"))
    assert TARGET_CHANGED in text and "Gyldigt: 1 planer og 1 nøgletal" in text

    from generator.history import load_history

    history = load_history(repo.root / "site")
    assert [describe(entry.change) for entry in history.kpi_targets("test-hp")][0] == TARGET_CHANGED.rstrip(".")


def test_a_shallow_clone_with_both_revisions_can_be_compared(repo, tmp_path):
    repo.edit(KPI_PATH, "value: 930", "value: 900")
    repo.commit("Lavere loft")
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "2", "--branch", "forslag", f"file://{repo.root}", str(clone)],
                   check=True, capture_output=True)
    assert TARGET_CHANGED in render_report(diff_report(clone, "HEAD~1"))
