"""The GitHub workflows parse, have the shape the editing guide promises, and run only commands that exist.

Every ``planspor …`` command in a workflow (directly, or through a ``make`` target's recipe) is
parsed with the real argument parser, so a renamed command or option fails here, not in CI.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import parser

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SHELL_OPERATORS = re.compile(r"\s*(?:&&|\|\||;|\|)\s*")
REDIRECTIONS = (">", ">>", "<", "2>", "2>>", "&>", "1>")


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key 'on' as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict, action: str) -> list[dict]:
    return [step for step in steps(workflow) if str(step.get("uses", "")).split("@")[0] == action]


def run_scripts(workflow: dict) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, as word lists (continuations joined, redirections cut)."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        for segment in SHELL_OPERATORS.split(line):
            words = shlex.split(segment)
            for index, word in enumerate(words):
                if word in REDIRECTIONS or any(word.startswith(r) and word != r for r in (">", "2>")):
                    words = words[:index]
                    break
            if words:
                found.append(words)
    return found


def makefile() -> tuple[dict[str, list[str]], str]:
    """Targets of the Makefile with their recipe lines."""
    targets: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("\t") and current is not None:
            current.append(line.strip().lstrip("@"))
            continue
        match = re.match(r"^([A-Za-z0-9_.$()/-]+(?:\s+[A-Za-z0-9_.$()/-]+)*)\s*:(?!=)", line)
        if match and not line.startswith("."):
            current = []
            for name in match.group(1).split():
                targets[name] = current
        elif not line.startswith("\t"):
            current = None
    return targets, text


def planspor_arguments(words: list[str]) -> list[str] | None:
    """The arguments after a 'planspor' executable ('.venv/bin/planspor', '$(BIN)/planspor'), else None."""
    for index, word in enumerate(words):
        if word.rsplit("/", 1)[-1] == "planspor":
            # Make variables such as $(AS_OF_FLAG) expand to nothing unless set.
            return [arg for arg in words[index + 1:] if not re.fullmatch(r"\$\([A-Z_]+\)", arg)]
    return None


def subcommands() -> set[str]:
    action = next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(action.choices)


def all_invocations(workflow: dict) -> tuple[list[list[str]], list[str]]:
    """(planspor argument lists, make targets) a workflow runs, following make targets into their recipes."""
    targets, _ = makefile()
    planspor_runs, make_targets = [], []
    pending = [words for script in run_scripts(workflow) for words in commands(script)]
    while pending:
        words = pending.pop(0)
        if words[0] == "make":
            expanded = []
            for target in (word for word in words[1:] if not word.startswith("-") and "=" not in word):
                make_targets.append(target)
                for recipe in targets.get(target, []):
                    expanded.extend(commands(recipe))
            pending[:0] = expanded  # in the order they run
            continue
        arguments = planspor_arguments(words)
        if arguments is not None:
            planspor_runs.append(arguments)
    return planspor_runs, make_targets


@pytest.fixture(scope="module")
def pr() -> dict:
    return load_workflow("pr.yml")


@pytest.fixture(scope="module")
def publish() -> dict:
    return load_workflow("publish.yml")


def test_the_workflow_files_are_valid_yaml_with_jobs():
    names = sorted(path.name for path in WORKFLOWS.glob("*.y*ml"))
    assert names == ["pr.yml", "publish.yml"]
    for name in names:
        workflow = load_workflow(name)
        assert workflow["name"] and workflow["on"] and workflow["jobs"], name
        for job in workflow["jobs"].values():
            assert job["runs-on"] == "ubuntu-latest"


def test_pull_request_workflow_shape(pr):
    assert "pull_request" in pr["on"]
    assert pr["permissions"] == {"contents": "read", "pull-requests": "write"}
    (checkout,) = uses(pr, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0, "the diff and target history need the whole history"
    (python,) = uses(pr, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    (upload,) = uses(pr, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    (comment,) = uses(pr, "actions/github-script")
    script = comment["with"]["script"]
    assert "<!-- planspor-diff -->" in script and "updateComment" in script and "createComment" in script
    assert "planspor-diff.md" in script


def test_pull_request_workflow_runs_validate_with_annotations_build_strict_and_diff_markdown(pr):
    runs, targets = all_invocations(pr)
    assert "install" in targets
    assert ["validate", "--format", "github"] in runs
    assert any(args[0] == "build" and "--strict" in args for args in runs)
    diff = [args for args in runs if args[0] == "diff"]
    assert diff and "--format" in diff[0] and diff[0][diff[0].index("--format") + 1] == "markdown"
    # validate, build, then the diff summary: in that order.
    order = [args[0] for args in runs]
    assert order.index("validate") < order.index("build") < order.index("diff")


def test_publish_workflow_shape(publish):
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    (checkout,) = uses(publish, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    (configure,) = uses(publish, "actions/configure-pages")
    assert uses(publish, "actions/upload-pages-artifact")[0]["with"]["path"].rstrip("/") == "site"
    assert uses(publish, "actions/deploy-pages")
    build_step = next(step for step in steps(publish) if "PLANSPOR_SITE_URL" in step.get("env", {}))
    assert f"steps.{configure['id']}.outputs.base_url" in build_step["env"]["PLANSPOR_SITE_URL"]
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    runs, _ = all_invocations(publish)
    assert any(args[0] == "build" and "--strict" in args for args in runs)
    assert ["validate", "--format", "github"] in runs


@pytest.mark.parametrize("name", ["pr.yml", "publish.yml"])
def test_every_command_a_workflow_runs_exists(name):
    workflow = load_workflow(name)
    runs, targets = all_invocations(workflow)
    makefile_targets, _ = makefile()
    for target in targets:
        assert target in makefile_targets, f"{name}: make {target} is not a Makefile target"
    known = subcommands()
    assert runs, f"{name} runs no planspor command"
    for arguments in runs:
        assert arguments[0] in known, f"{name}: 'planspor {arguments[0]}' is not a command (known: {sorted(known)})"
        try:
            parser().parse_args(arguments)
        except SystemExit as error:  # argparse exits on an unknown option or a bad value
            pytest.fail(f"{name}: 'planspor {' '.join(arguments)}' is refused by the argument parser ({error})")


@pytest.mark.parametrize("name", ["pr.yml", "publish.yml"])
def test_actions_are_pinned_to_a_major_version(name):
    for step in steps(load_workflow(name)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_expressions_are_not_pasted_into_shell_scripts(pr, publish):
    # ${{ github.base_ref }} and friends go through env:, never straight into a script (script injection).
    for workflow in (pr, publish):
        for script in run_scripts(workflow):
            assert "${{" not in script, script


def test_makefile_keeps_the_two_commands_and_adds_ci_targets():
    targets, _ = makefile()
    for name in ("site", "test", "serve", "validate", "install", "ci-validate", "ci-build"):
        assert name in targets, name
    assert "$(BIN)/planspor validate --format github" in targets["ci-validate"]


def test_command_splitting():
    assert commands('.venv/bin/planspor diff --format markdown "origin/$BASE_REF" HEAD > out.md\ncat out.md >> x') == [
        [".venv/bin/planspor", "diff", "--format", "markdown", "origin/$BASE_REF", "HEAD"],
        ["cat", "out.md"],
    ]
    assert commands("make install && make ci-validate") == [["make", "install"], ["make", "ci-validate"]]
