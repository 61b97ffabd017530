"""The example provider's filled checklists (checklists/examples/) read back against the shipped catalog.

They are the data of the example reports on the site and what a new user copies: each must read
without a single message, and each answer must belong to the current text of its requirement (no
``verouderd``), or the examples teach the wrong thing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "checklists" / "examples").glob("invulling-*.yaml"))


def test_there_are_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("filled", EXAMPLES, ids=lambda p: p.stem)
def test_example_checklist_reads_back_current(filled: Path):
    result = CliRunner().invoke(
        main,
        ["assess", str(filled), "--catalog", str(ROOT), "--peildatum", "2025-12-31", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    statuses = [requirement["status"] for tender in report["tenders"] for requirement in tender["requirements"]]
    assert statuses, filled.name
    assert "verouderd" not in statuses, filled.name
    assert "waarschuwing" not in result.stderr.lower(), result.stderr


def test_assess_says_over_tijd_for_a_plan_past_its_target_date():
    filled = ROOT / "checklists" / "examples" / "invulling-noord-midden-limburg-mo.yaml"
    args = ["assess", str(filled), "--catalog", str(ROOT)]
    before = CliRunner().invoke(main, [*args, "--peildatum", "2025-02-28"])
    after = CliRunner().invoke(main, [*args, "--peildatum", "2025-12-31"])
    line = next(x for x in after.stdout.splitlines() if "NML-ACC-12" in x)
    assert "over tijd" in line and "01-03-2025" in line
    assert "over tijd" not in next(x for x in before.stdout.splitlines() if "NML-ACC-12" in x)
    assert "Catalogus: Eisen maatschappelijke opvang" in after.stdout
