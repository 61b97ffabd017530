"""Run one bad-input case through the real command line and check what data contract §5 promises.

A refused input must give the contract's exit code, a located Dutch message on stderr
(``FILE:LINE[:COL]: bericht``, or ``FILE:TABBLAD!CEL: bericht`` in a workbook), no traceback, and no
output file: neither the one asked for with ``-o`` nor a temporary file beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main
from generator.diagnostics import EXIT_USAGE
from tests.conftest import REPO

CORPUS = REPO / "tests" / "badinput"
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog"
EXAMPLES = REPO / "checklists" / "examples"
OUTPUT = "uit.md"


@dataclass(frozen=True)
class Expect:
    """Where the first problem of a case is reported, a key phrase of its message, and the exit code."""

    location: str  # as printed, e.g. "clienten.csv:2:4" or "invulling.xlsx:voorbeeld-opvang!F2"
    phrase: str
    exit_code: int = EXIT_USAGE


def corpus_files(reader: str) -> list[str]:
    """The names of the corpus files of *reader* (a folder under tests/badinput/)."""
    return sorted(path.name for path in (CORPUS / reader).iterdir() if path.is_file())


def assert_refused(args: list[str], folder: Path, expect: Expect) -> Result:
    """Run ``opvang ARGS`` in *folder* (the working directory) and check the refusal; *args* write to OUTPUT."""
    before = sorted(os.listdir(folder))
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == expect.exit_code, result.output
    lines = result.stderr.splitlines()
    prefix = f"{expect.location}: "
    located = [line for line in lines if line.startswith(prefix)]
    assert located, f"geen melding op {expect.location}:\n{result.stderr}"
    assert any(expect.phrase in line for line in located), f"'{expect.phrase}' ontbreekt:\n{result.stderr}"
    assert not (folder / OUTPUT).exists(), "uitvoerbestand geschreven ondanks de fout"
    assert sorted(os.listdir(folder)) == before, "bestanden achtergebleven in de map"
    return result
