"""Every command that writes a file (``-o``) replaces it atomically: a failing run leaves the previous
file byte for byte as it was and no temporary file beside it.

Two ways to fail are tried for each command: bad input given after the output path, and the disk
failing half-way through writing (``Path.write_bytes`` on the temporary file writes half and raises
"disk full"), which must give a Dutch message naming the output file and exit code 2.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.hardening.badinput_cli import CORPUS, EXAMPLES, FIXTURE_CATALOG

PREVIOUS = b"vorige versie \xe2\x80\x94 moet blijven staan\n"
FIX = str(FIXTURE_CATALOG)
KPI = ["--tender", "voorbeeld-opvang", "--catalog", FIX, "--peildatum", "2027-12-31"]


@dataclass(frozen=True)
class Command:
    """A command line that writes OUT, and the same with one bad input (``{bad}`` and friends filled in)."""

    name: str
    output: str
    good: tuple[str, ...]
    bad: tuple[str, ...]
    refusal: str = "kpi.yaml:2:1: ongeldige YAML"  # what the bad run says; by default the broken catalog


COMMANDS = [
    Command("export", "catalogus.json", ("export", "--catalog", FIX), ("export", "--catalog", "{broken}")),
    Command(
        "checklist",
        "checklist.xlsx",
        ("checklist", "--catalog", FIX, "--format", "xlsx"),
        ("checklist", "bestaat-niet", "--catalog", FIX, "--format", "xlsx"),
        "bestaat-niet: onbekende aanbesteding",
    ),
    Command(
        "gap",
        "gap.html",
        ("gap", "{filled}", "--catalog", FIX, "--peildatum", "2027-12-31", "--format", "html"),
        ("gap", "{filled}", "--roster", "{bad_roster}", "--catalog", FIX, "--format", "html"),
        "roster-truncated.csv:3: geen geldige CSV",
    ),
    Command(
        "kpi",
        "kpi.json",
        ("kpi", "{clients}", *KPI, "--format", "json"),
        ("kpi", "{bad_clients}", *KPI, "--format", "json"),
        "clients-bom-with-error.csv:2:6: tevredenheid",
    ),
    Command(
        "kwartaalrapportage",
        "kwartaal.xlsx",
        ("kwartaalrapportage", "{clients}", *KPI, "--format", "xlsx"),
        ("kwartaalrapportage", "{clients}", "--zrm", "{bad_zrm}", *KPI, "--format", "xlsx"),
        "zrm-empty.csv:1:1: bestand is leeg",
    ),
    Command(
        "monitor",
        "monitor.xlsx",
        ("monitor", "{clients}", *KPI),
        ("monitor", "{clients}", "--enquete", "{bad_survey}", *KPI),
        "survey.yaml:3:8: ankers en aliassen",
    ),
    Command(
        "calendar",
        "plichten.ics",
        ("calendar", "--tender", "voorbeeld-opvang", "--year", "2027", "--catalog", FIX),
        ("calendar", "--tender", "voorbeeld-opvang", "--year", "2027", "--catalog", "{broken}"),
    ),
    Command("lint", "lint.md", ("lint", FIX, "--format", "md"), ("lint", "{broken}", "--format", "md")),
    Command("diff", "diff.md", ("diff", FIX, FIX, "--format", "md"), ("diff", FIX, "{broken}", "--format", "md")),
]


@pytest.fixture
def inputs(tmp_path: Path, catalog_copy: Path) -> dict[str, str]:
    """Good and bad input files for the commands, in *tmp_path*/in (the output goes to *tmp_path*/out)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (catalog_copy / "voorbeeld-opvang" / "kpi.yaml").write_text("category: [", encoding="utf-8")
    filled = folder / "invulling.yaml"
    filled.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    for reader, case in [("roster", "truncated.csv"), ("clients", "bom-with-error.csv"), ("zrm", "empty.csv")]:
        shutil.copy(CORPUS / reader / case, folder / f"{reader}-{case}")
    shutil.copy(CORPUS / "survey" / "billion-laughs.yaml", folder / "survey.yaml")
    return {
        "broken": str(catalog_copy),
        "filled": str(filled),
        "clients": str(EXAMPLES / "clienten.csv"),
        "bad_roster": str(folder / "roster-truncated.csv"),
        "bad_clients": str(folder / "clients-bom-with-error.csv"),
        "bad_zrm": str(folder / "zrm-empty.csv"),
        "bad_survey": str(folder / "survey.yaml"),
    }


def _run(args: tuple[str, ...], inputs: dict[str, str], target: Path):
    return CliRunner().invoke(main, [arg.format(**inputs) for arg in args] + ["-o", str(target)])


def _previous(tmp_path: Path, command: Command) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / command.output
    target.write_bytes(PREVIOUS)
    return target


def _assert_untouched(target: Path) -> None:
    assert target.read_bytes() == PREVIOUS, "het vorige bestand is veranderd"
    assert os.listdir(target.parent) == [target.name], f"achtergebleven: {os.listdir(target.parent)}"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_bad_input_leaves_previous_output(command: Command, inputs: dict[str, str], tmp_path: Path):
    target = _previous(tmp_path, command)
    result = _run(command.bad, inputs, target)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert command.refusal in result.stderr, result.stderr
    _assert_untouched(target)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_disk_full_mid_write_leaves_previous_output(
    command: Command, inputs: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = _previous(tmp_path, command)
    real_write_bytes = Path.write_bytes

    def half_then_disk_full(self: Path, data: bytes) -> int:
        if self.parent != target.parent:
            return real_write_bytes(self, data)
        assert self.name.startswith(f".{target.name}.") and self.name.endswith(".tmp"), self
        real_write_bytes(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_disk_full)
    result = _run(command.good, inputs, target)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{target}: kan het bestand niet schrijven (de schijf is vol)" in result.stderr
    _assert_untouched(target)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_good_run_replaces_previous_output(command: Command, inputs: dict[str, str], tmp_path: Path):
    """The control case: the same command line without the failure does replace the file."""
    target = _previous(tmp_path, command)
    result = _run(command.good, inputs, target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != PREVIOUS
    assert os.listdir(target.parent) == [target.name]
