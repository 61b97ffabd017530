"""Every JSON output of opvang has a JSON Schema in the package, and the real outputs validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator import resources
from generator.cli import main
from tests.catalog_edits import edit_requirement
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args), env={})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _check(name: str, document: dict) -> None:
    schema = resources.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_the_export_follows_its_schema():
    _check("export", _json("export", "--format", "json", "--catalog", str(REAL_CATALOG)))


def test_validate_follows_its_schema_valid_or_not(catalog_copy: Path):
    _check("validate-report", _json("validate", "--format", "json", "--catalog", str(REAL_CATALOG)))
    (catalog_copy / "voorbeeld-opvang" / "vog.yaml").write_text("category: vog\nrequirements: [{id: X}]\n")
    broken = _json("validate", "--format", "json", "--catalog", str(catalog_copy))
    assert not broken["valid"] and broken["problems"]
    _check("validate-report", broken)


def test_lint_follows_its_schema():
    _check("lint-report", _json("lint", "--format", "json", "--catalog", str(REAL_CATALOG)))


def test_diff_follows_its_schema(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-02",
        text="Na melding wordt in 100% van de gevallen binnen 72 uur een plan opgesteld.",
        norms=[{"metric": "plan_binnen_termijn", "operator": "<=", "value": 72, "unit": "hours", "share": 100}],
    )
    document = _json("diff", str(FIXTURE_CATALOG), str(catalog_copy), "--format", "json")
    assert document["summary"]["changed"] == 1
    _check("diff-report", document)


@pytest.mark.parametrize(
    "schema", ["export", "validate-report", "lint-report", "diff-report", "kpi-report", "coverage"]
)
def test_every_json_output_has_a_shipped_schema(schema: str):
    assert schema in resources.schema_names()
