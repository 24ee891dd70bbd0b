"""``planspor validate --format github|gitlab``: problems where CI shows them, on the changed line."""

from __future__ import annotations

import json

from generator.annotations import escape_data, escape_property, github_annotation, gitlab_code_quality
from generator.cli import main
from generator.load import Problem

from .conftest import MINIMAL_PLAN, write_project


def test_escaping_follows_the_workflow_command_rules():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_an_annotation_names_file_line_column_and_title():
    problem = Problem("plans/a,b.yaml", 41, 9, "unknown key 'x'; 50% of\nlines")
    assert github_annotation(problem) == (
        "::error file=plans/a%2Cb.yaml,line=41,col=9,title=Planspor::unknown key 'x'; 50%25 of%0Alines"
    )


def _typo_project(tmp_path):
    # 'responsable' instead of 'responsible' on the activity 'info'.
    plan = MINIMAL_PLAN.replace("        responsible: {kommune: [Ledelse, Medarbejdere]}",
                                "        responsable: {kommune: [Ledelse, Medarbejdere]}")
    root = write_project(tmp_path / "repo", plan=plan)
    line = plan.splitlines().index("        responsable: {kommune: [Ledelse, Medarbejdere]}") + 1
    return root, line


def test_validate_github_prints_an_annotation_on_the_typo_line(tmp_path, capsys, monkeypatch):
    root, line = _typo_project(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(root)
    assert main(["validate", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"::error file=plans/lille-plan.yaml,line={line},col=9,title=Planspor::"
        "unknown key 'responsable' in phases[0].activities[1]; did you mean 'responsible'?"
    ]
    assert f"plans/lille-plan.yaml:{line}:9: unknown key 'responsable'" in err
    assert f"| `plans/lille-plan.yaml` | {line} | 9 |" in summary.read_text(encoding="utf-8")


def test_paths_are_relative_to_the_working_directory_when_root_is_a_subfolder(tmp_path, capsys, monkeypatch):
    root, line = _typo_project(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--root", "repo", "--format", "github"]) == 1
    assert f"::error file=repo/plans/lille-plan.yaml,line={line},col=9," in capsys.readouterr().out


def test_validate_gitlab_writes_a_code_quality_report(tmp_path, capsys, monkeypatch):
    root, line = _typo_project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["validate", "--format", "gitlab"]) == 1
    (issue,) = json.loads(capsys.readouterr().out)
    assert issue["location"] == {"path": "plans/lille-plan.yaml", "lines": {"begin": line}}
    assert issue["check_name"] == "planspor" and issue["severity"] == "major"
    assert issue["description"].startswith("unknown key 'responsable'")
    assert len(issue["fingerprint"]) == 64


def test_fingerprints_differ_per_problem():
    problems = [(Problem("a.yaml", 1, 1, "x"), "a.yaml"), (Problem("a.yaml", 2, 1, "x"), "a.yaml")]
    first, second = gitlab_code_quality(problems)
    assert first["fingerprint"] != second["fingerprint"]


def test_a_valid_project_gives_no_annotations(tmp_path, capsys, monkeypatch):
    root = write_project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["validate", "--format", "github"]) == 0
    out = capsys.readouterr().out
    assert "::error" not in out and out.startswith("OK:")
    assert main(["validate", "--format", "gitlab"]) == 0
    assert json.loads(capsys.readouterr().out) == []
