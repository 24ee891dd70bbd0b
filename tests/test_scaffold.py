"""``planspor new plan ID`` and ``planspor new kpi ORG/ID`` write commented files that validate."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.load import load_project
from generator.scaffold import ScaffoldError, check_id, kpi_template, plan_template

from .conftest import ROOT, write_project


def new(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["new", *args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def _as_json(value):
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def test_new_plan_and_kpi_validate_in_a_small_project(tmp_path, capsys):
    root = write_project(tmp_path)
    code, out, err = new(root, "plan", "ny-plan", "--year", "2025", capsys=capsys)
    assert code == 0, err
    assert "Skrev" in out and "ny-plan.yaml" in out
    code, out, err = new(root, "kpi", "test/test-ny", "--year", "2025", capsys=capsys)
    assert code == 0, err
    project = load_project(root)
    plan = project.plan("ny-plan")
    assert plan.year == 2025 and plan.phases[0].activities[0].when.canonical == "2025-W10"
    kpi = project.kpi("test-ny")
    assert kpi.organisation == "Test Kommune", "the organisation is taken from the folder's other KPIs"
    assert kpi.targets[0].period.canonical == "2025"


def test_new_files_validate_in_a_copy_of_the_sample_project(tmp_path, capsys):
    # The sample's plans already use the party id 'star': a new plan must use the same name for it.
    for folder in ("plans", "kpi_data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    assert new(tmp_path, "plan", "ny-plan", capsys=capsys)[0] == 0
    assert new(tmp_path, "kpi", "ny-org/ny-kpi", capsys=capsys)[0] == 0
    project = load_project(tmp_path)
    assert project.plan("ny-plan").parties["star"].name == "STAR – AMK Øst"
    assert project.kpi("ny-kpi").organisation.startswith("ny-org")


def test_new_files_start_with_the_schema_modeline_and_pass_the_json_schema(tmp_path, capsys):
    root = write_project(tmp_path)
    new(root, "plan", "ny-plan", capsys=capsys)
    new(root, "kpi", "test/test-ny", capsys=capsys)
    for path, schema in ((root / "plans/ny-plan.yaml", "plan"), (root / "kpi_data/test/test-ny.yaml", "kpi")):
        text = path.read_text(encoding="utf-8")
        prefix = "../" if schema == "plan" else "../../"
        assert text.splitlines()[0] == f"# yaml-language-server: $schema={prefix}schema/{schema}.schema.json"
        published = json.loads((ROOT / f"schema/{schema}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(_as_json(yaml.safe_load(text)), published)


@pytest.mark.parametrize("template", [plan_template("ny-plan", 2025), kpi_template("ny-kpi", "Test Kommune", 2025, "test")])
def test_every_top_level_field_has_a_danish_comment_above_it(template):
    lines = template.splitlines()
    keys = [index for index, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    assert len(keys) >= 8
    for index in keys:
        assert lines[index - 1].startswith("# "), f"no comment above {lines[index]!r}"
    assert "Ret" in template or "ret" in template


def test_existing_files_are_never_overwritten(tmp_path, capsys):
    root = write_project(tmp_path)
    plan = root / "plans" / "lille-plan.yaml"
    before = plan.read_bytes()
    code, _, err = new(root, "plan", "lille-plan", capsys=capsys)
    assert code == 1 and "findes allerede" in err
    assert plan.read_bytes() == before
    code, _, err = new(root, "kpi", "test/test-hp", capsys=capsys)
    assert code == 1 and "findes allerede" in err
    # The same KPI id in another organisation's folder would make two KPIs with one id.
    code, _, err = new(root, "kpi", "andet/test-hp", capsys=capsys)
    assert code == 1 and "et id må kun bruges én gang" in err
    assert not (root / "kpi_data/andet/test-hp.yaml").exists()


@pytest.mark.parametrize("bad", ["Ny-Plan", "ny plan", "-ny", "ny_plan", "../ud", "ny\n", ""])
def test_ids_are_checked_against_the_model_pattern(bad):
    with pytest.raises(ScaffoldError, match="små bogstaver"):
        check_id(bad, "Planens id")


def test_bad_ids_and_kpi_specs_are_refused_on_the_command_line(tmp_path, capsys):
    root = write_project(tmp_path)
    code, _, err = new(root, "plan", "Ny_Plan", capsys=capsys)
    assert code == 1 and "små bogstaver" in err
    code, _, err = new(root, "kpi", "test-uden-org", capsys=capsys)
    assert code == 1 and "ORGANISATION/ID" in err
    code, _, err = new(root, "kpi", "Org/ok", capsys=capsys)
    assert code == 1 and "mappenavn" in err
    code, _, err = new(root, "plan", "ny", "--year", "1066", capsys=capsys)
    assert code == 1 and "--year 1066" in err
    assert sorted(p.name for p in (root / "plans").iterdir()) == ["lille-plan.yaml"]
