"""Inputs and circumstances that used to end in an unlocated "onverwachte fout" (issue item 9).

Each gets a Dutch message with its place and the contract's exit code, and writes nothing:

- a tender title with a line break (the calendar could not be written): refused by the catalog
  check with its location, for every command;
- ``--period 0000`` (a year the calendar does not have);
- a closed or full standard output, and a reader that stops early (``| head``: not an error);
- control characters in free text reaching a workbook: covered by test_formula_injection.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import REPO
from tests.hardening.badinput_cli import EXAMPLES, FIXTURE_CATALOG

OPVANG = f'"{sys.executable}" -c "from generator.cli import main; main()"'


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """*command* in bash, with ``opvang`` standing for this checkout's command line."""
    return subprocess.run(
        ["bash", "-c", command.replace("opvang", OPVANG, 1)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_a_tender_title_with_a_line_break_is_located_for_the_calendar(catalog_copy: Path, tmp_path: Path):
    tender = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    data = yaml.safe_load(tender.read_text(encoding="utf-8"))
    data["title"] = "Voorbeeldopdracht\nmaatschappelijke opvang"
    tender.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "plichten.ics"
    args = ["calendar", "--tender", "voorbeeld-opvang", "--year", "2027", "--catalog", str(catalog_copy)]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "onverwachte fout" not in result.output
    assert "tender.yaml:3:8: een titel staat op één regel" in result.stderr, result.stderr
    assert not out.exists()


def test_a_requirement_title_with_a_line_break_is_located(catalog_copy: Path):
    from tests.catalog_edits import edit_requirement

    edit_requirement(catalog_copy, "staffing", "VBO-STA-01", title="Niveau 3\r\nonder toezicht")
    result = CliRunner().invoke(main, ["validate", str(catalog_copy)])
    assert result.exit_code == 1
    assert "staffing.yaml" in result.stderr and "een titel staat op één regel" in result.stderr, result.stderr


def test_a_period_in_a_year_that_does_not_exist_is_a_usage_error(tmp_path: Path):
    clients = str(EXAMPLES / "clienten.csv")
    for period in ("0000", "9999-Q4", "0001"):
        args = ["kpi", clients, "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--period", period]
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "kpi.md")])
        assert result.exit_code == 2, result.output
        assert f"'{period}' is geen periode" in result.stderr and "onverwachte fout" not in result.stderr
        assert not (tmp_path / "kpi.md").exists()


def test_a_closed_standard_output_is_reported_in_dutch(tmp_path: Path):
    result = shell(f'opvang export --catalog "{FIXTURE_CATALOG}" >&-', tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "-: kan niet naar de standaarduitvoer schrijven (het uitvoerkanaal is gesloten); geef een bestand op met -o"
    )


def test_a_full_disk_behind_standard_output_is_reported_in_dutch(tmp_path: Path):
    for command in (f'export --catalog "{FIXTURE_CATALOG}"', f'validate "{FIXTURE_CATALOG}" --format json'):
        result = shell(f"opvang {command} > /dev/full", tmp_path)
        assert result.returncode == 2, result.stderr
        assert "de schijf is vol" in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert "Exception ignored" not in result.stderr, result.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path):
    """The whole catalog's export is larger than a pipe holds, so writing it meets the closed pipe."""
    result = shell(f'opvang export --catalog {REPO / "requirements"} | head -c 1; exit "${{PIPESTATUS[0]}}"', tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "{" and result.stderr == ""
