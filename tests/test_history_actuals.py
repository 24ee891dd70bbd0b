"""Corrections of figures in the site's history: in a KPI's YAML (``actuals:``) or in its CSV,
read from real commits in a throwaway repository.

The site lists a figure that was corrected or removed, not a new one (generator/history.py
says why); ``planspor diff`` names both, in the same words.
"""

from __future__ import annotations

from datetime import date

from generator import history as history_module
from generator.changes import Change, describe
from generator.diff import diff_report
from generator.history import actuals_file, listed, load_history
from generator.load import load_project
from generator.model import Actual
from generator.pages import site_pages

from .conftest import AS_OF, MINIMAL_CSV, MINIMAL_KPI, MINIMAL_PLAN
from .gitrepo import CSV_PATH, KPI_PATH, PLAN_PATH, Repo

YAML_ACTUALS = """\
actuals:
  - {period: 2019-Q1, actual: 1290}
  - {period: 2019-Q2, actual: 1310}
"""


def _yaml_repo(tmp_path) -> Repo:
    """A KPI whose figures stand in its YAML file."""
    repo = Repo(tmp_path / "yaml")
    repo.write(PLAN_PATH, MINIMAL_PLAN)
    repo.write(KPI_PATH, MINIMAL_KPI + YAML_ACTUALS)
    repo.commit("Første udgave", date="2024-01-15T10:00:00+01:00")
    return repo


def _csv_repo(tmp_path) -> Repo:
    """A KPI whose figures stand in its CSV file (2023: 1.234,5 and expected 1.300; 2022: 1.234,5)."""
    repo = Repo(tmp_path / "csv")
    repo.write(PLAN_PATH, MINIMAL_PLAN)
    repo.write(KPI_PATH, MINIMAL_KPI)
    repo.write(CSV_PATH, MINIMAL_CSV)
    repo.commit("Første udgave", date="2024-01-15T10:00:00+01:00")
    return repo


def _actuals(history) -> list[tuple[str, str]]:
    return [(entry.revision.subject, describe(entry.change)) for entry in history.entries
            if entry.change.topic == "actuals"]


def _pages(root, history, language="da"):
    site = site_pages(load_project(root), AS_OF, language, history=history)
    return {page.path: page.markdown for page in site.pages}


# ------------------------------------------------------------------------- YAML


def test_a_corrected_figure_in_yaml_is_listed_with_danish_numbers(tmp_path):
    repo = _yaml_repo(tmp_path)
    repo.edit(KPI_PATH, "{period: 2019-Q2, actual: 1310}", "{period: 2019-Q2, actual: 1320}")
    commit = repo.commit("Ret 2. kvartal efter ny opgørelse", date="2024-02-20T09:00:00+01:00")

    history = load_history(repo.root)
    assert _actuals(history) == [
        ("Ret 2. kvartal efter ny opgørelse", "Tallet for 2. kvt. 2019 for »Helårspersoner« er rettet fra 1.310 til 1.320"),
    ], "the first version's figures are new, not corrections"
    [entry] = [entry for entry in history.kpi_history("test-hp") if entry.change.topic == "actuals"]
    assert entry.revision.day == date(2024, 2, 20) and entry.revision.hash == commit
    assert history.kpi_targets("test-hp") == tuple(
        entry for entry in history.kpi_history("test-hp") if entry.change.topic == "targets")


def test_a_new_figure_in_yaml_is_not_listed(tmp_path):
    repo = _yaml_repo(tmp_path)
    repo.write(KPI_PATH, MINIMAL_KPI + YAML_ACTUALS + "  - {period: 2019-Q3, actual: 1300}\n")
    repo.commit("Tal for 3. kvartal")
    assert _actuals(load_history(repo.root)) == []


def test_the_site_lists_the_correction_beside_target_changes(tmp_path):
    repo = _yaml_repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: 950")
    repo.commit("Loftet hæves", date="2024-02-01T09:00:00+01:00")
    repo.edit(KPI_PATH, "{period: 2019-Q2, actual: 1310}", "{period: 2019-Q2, actual: 1320}")
    repo.commit("Ret 2. kvartal <efter> ny opgørelse", date="2024-02-20T09:00:00+01:00")

    pages = _pages(repo.root, load_history(repo.root))
    section = pages["kpis/test/test-hp.md"].split("## Historik", 1)[1]
    correction = "Tallet for 2. kvt. 2019 for »Helårspersoner« er rettet fra 1.310 til 1.320"
    target = "Loftet for 2024 for »Helårspersoner« går fra 930 til 950"
    assert correction in section and target in section
    assert section.index(correction) < section.index(target), "newest first"
    assert "20. februar 2024" in section and "Ret 2. kvartal &lt;efter&gt; ny opgørelse" in section
    assert "rettelse af et offentliggjort tal" in section, "the introduction says what is listed"

    changes = pages["changes.md"]
    assert f'<a href="kpis/test/test-hp.html">{correction}</a>' in changes

    english = _pages(repo.root, load_history(repo.root), "en")
    assert "The figure for Q2 2019 for “Helårspersoner” corrected from 1,310 to 1,320" in english["changes.md"]


# -------------------------------------------------------------------------- CSV


def test_a_corrected_figure_in_csv_is_listed_and_new_ones_are_not(tmp_path):
    repo = _csv_repo(tmp_path)
    repo.edit(CSV_PATH, '2023,"1.234,5",1300', "2023,1240,1310")
    repo.commit("Ret 2023 efter revision", date="2024-03-01T09:00:00+01:00")
    repo.edit(CSV_PATH, "2022,1234.5,", "2022,1234.5,1290")
    repo.write(CSV_PATH, (repo.root / CSV_PATH).read_text(encoding="utf-8") + "2024,1200,1250\n")
    repo.commit("Tal for 2024 og forventet niveau for 2022", date="2024-03-02T09:00:00+01:00")
    repo.edit(CSV_PATH, "2022,1234.5,1290\n", "")
    repo.commit("2022 udgår", date="2024-03-03T09:00:00+01:00")

    history = load_history(repo.root)
    assert _actuals(history) == [
        ("2022 udgår", "Tallet for 2022 for »Helårspersoner« er fjernet (var 1.234,5; forventet niveau 1.290)"),
        ("Ret 2023 efter revision", "Tallet for 2023 for »Helårspersoner« er rettet fra 1.234,5 til 1.240"),
        ("Ret 2023 efter revision", "Forventet niveau for 2023 for »Helårspersoner« er rettet fra 1.300 til 1.310"),
    ], "a new period and a figure filled in where there was none are not corrections"

    pages = _pages(repo.root, history)
    section = pages["kpis/test/test-hp.md"].split("## Historik", 1)[1]
    assert "er rettet fra 1.234,5 til 1.240" in section and "1. marts 2024" in section
    assert '<td rowspan="2">Ret 2023 efter revision' in section, "one commit's message spans its corrections"
    assert "Ret 2023 efter revision" in pages["changes.md"]


def test_the_site_and_planspor_diff_say_the_same(tmp_path):
    repo = _csv_repo(tmp_path)
    first = repo.git("rev-parse", "HEAD")
    repo.edit(CSV_PATH, '2023,"1.234,5"', "2023,1240")
    repo.commit("Ret 2023")
    in_diff = {describe(change) for change in diff_report(repo.root, first, "HEAD").changes}
    assert {text for _, text in _actuals(load_history(repo.root))} <= in_diff
    assert "Tallet for 2023 for »Helårspersoner« er rettet fra 1.234,5 til 1.240" in in_diff


def test_moving_figures_between_yaml_and_csv_is_no_correction(tmp_path):
    repo = _yaml_repo(tmp_path)
    repo.write(KPI_PATH, MINIMAL_KPI)
    repo.write(CSV_PATH, "period,actual\n2019-Q1,1290\n2019-Q2,1310\n")
    repo.commit("Tallene flyttes til en CSV-fil")
    repo.write(CSV_PATH, "period,actual\n2019-Q1,1290\n2019-Q2,1310\n2019-Q3,1305\n")
    repo.commit("Tal for 3. kvartal")
    assert _actuals(load_history(repo.root)) == []


def test_a_csv_that_does_not_load_is_skipped(tmp_path):
    repo = _csv_repo(tmp_path)
    repo.edit(CSV_PATH, '2023,"1.234,5"', "2023,tusind")
    repo.commit("Tastefejl")
    repo.edit(CSV_PATH, "2023,tusind", "2023,1240")
    repo.commit("Rettet")
    assert _actuals(load_history(repo.root)) == [
        ("Rettet", "Tallet for 2023 for »Helårspersoner« er rettet fra 1.234,5 til 1.240"),
    ], "the broken version is neither a removal nor a correction; the good ones are compared"


def test_csv_and_yaml_edits_of_one_kpi_in_separate_commits(tmp_path):
    repo = _csv_repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: 950")
    repo.commit("Loft")
    repo.edit(CSV_PATH, '2023,"1.234,5"', "2023,1240")
    repo.commit("Tal")
    repo.edit(KPI_PATH, "value: 950", "value: 940")
    repo.commit("Loft igen")
    history = load_history(repo.root)
    assert [(entry.revision.subject, entry.change.topic) for entry in history.kpi_history("test-hp")] == [
        ("Loft igen", "targets"), ("Tal", "actuals"), ("Loft", "targets"), ("Første udgave", "targets"),
    ], "a commit to the YAML alone compares the KPI with the CSV it has then: no figure changes"


def test_git_still_runs_a_fixed_number_of_times(tmp_path, monkeypatch):
    repo = _csv_repo(tmp_path)
    for value in range(1241, 1251):
        repo.write(CSV_PATH, f"period,actual,expected\n2023,{value},1300\n2022,1234.5,\n")
        repo.commit(f"Tal {value}")
    calls = []
    real = history_module.run_git
    monkeypatch.setattr(history_module, "run_git", lambda root, *args, **kw: calls.append(args[0]) or real(root, *args, **kw))
    assert len(_actuals(load_history(repo.root))) == 10
    assert calls == ["rev-parse", "rev-parse", "log", "cat-file"]


# ---------------------------------------------------------------------- pure


def test_actuals_file_names_a_kpis_csv_only():
    assert actuals_file("kpi_data/test/test-hp.csv") == ("kpi", "test-hp")
    assert actuals_file("kpi_data/test/test-hp.yaml") is None
    assert actuals_file("kpi_data/test-hp.csv") is None
    assert actuals_file("plans/x.csv") is None


def test_listed_leaves_out_new_figures_only():
    old = Actual.model_validate({"period": "2023", "actual": 1, "expected": None})
    new = Actual.model_validate({"period": "2023", "actual": 2, "expected": 3})

    def change(action, fields=()):
        return Change("actuals", action, "kpi", "k", old=old, new=new, key="2023", fields=fields)

    assert listed(change("changed", ("actual",)))
    assert not listed(change("changed", ("expected",))), "filled in, not corrected"
    assert listed(change("removed"))
    assert not listed(change("added"))
    assert listed(Change("targets", "added", "kpi", "k"))


def test_a_figure_corrected_beside_a_broken_kpi_file_is_listed_once_it_loads(tmp_path):
    repo = _csv_repo(tmp_path)
    repo.edit(KPI_PATH, "value: 930", "value: [broken")
    repo.edit(CSV_PATH, '2023,"1.234,5"', "2023,1240")
    repo.commit("Ret tal, men ødelæg målet")
    repo.edit(KPI_PATH, "value: [broken", "value: 930")
    repo.commit("Målet rettet")
    assert _actuals(load_history(repo.root)) == [
        ("Målet rettet", "Tallet for 2023 for »Helårspersoner« er rettet fra 1.234,5 til 1.240"),
    ], "compared with the last version that loaded, as a target is"
