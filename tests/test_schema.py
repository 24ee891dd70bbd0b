"""The JSON Schemas and the field reference are generated from the model and never stale."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import yaml

from generator.load import KPI_DIR, PLANS_DIR
from generator.schema import generated_files

from .conftest import ROOT


def test_checked_in_schema_and_reference_are_current():
    stale = [path for path, content in generated_files().items()
             if not (ROOT / path).exists() or (ROOT / path).read_text(encoding="utf-8") != content]
    assert not stale, f"run 'planspor schema' to regenerate: {stale}"


def test_sample_files_carry_the_schema_modeline():
    for path in (ROOT / PLANS_DIR).glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/plan.schema.json"), path
    for path in (ROOT / KPI_DIR).glob("*/*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/kpi.schema.json"), path


def test_sample_files_validate_against_the_published_schema():
    # What an editor's YAML language server sees must accept every valid sample file.
    plan_schema = json.loads((ROOT / "schema/plan.schema.json").read_text(encoding="utf-8"))
    kpi_schema = json.loads((ROOT / "schema/kpi.schema.json").read_text(encoding="utf-8"))
    for path in (ROOT / PLANS_DIR).glob("*.yaml"):
        jsonschema.validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), plan_schema)
    for path in (ROOT / KPI_DIR).glob("*/*.yaml"):
        jsonschema.validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), kpi_schema)


def _as_json(value):
    """YAML as a YAML language server sees it: dates stay text."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def test_reference_documents_every_field():
    reference = (ROOT / "docs/reference.md").read_text(encoding="utf-8")
    for name in ("responsible", "focus_area", "printed_total", "printed_difference", "better", "offset", "rank_of"):
        assert f"`{name}`" in reference
