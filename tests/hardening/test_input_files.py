"""Inputs are checked before they are read: a regular file, within the reader's size limit.

Every reader that takes a path (filled checklist, roster, client registrations, ZRM, survey, vague
terms, export JSON, baseline JSON) refuses, quickly and with a Dutch message and exit 2:

- a FIFO without a writer (reading it would wait forever), a process substitution ``<(...)``;
- an endless device (``/dev/zero``; read whole it would fill the memory);
- a file above the reader's size limit, judged on its size before reading (a sparse file of that
  size costs no disk space here).

The commands run in a child process with a time limit, so that a regression shows as a failure and
not as a test run that never ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from tests.conftest import REPO
from tests.hardening.badinput_cli import EXAMPLES, FIXTURE_CATALOG

NOT_REGULAR = "dit is geen gewoon bestand maar een apparaat, pipe of socket"
TENDER = ["--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]
CLIENTS = str(EXAMPLES / "clienten.csv")


def opvang(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``opvang ARGS`` in a child process that must finish within 60 seconds."""
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture
def filled(tmp_path: Path) -> str:
    path = tmp_path / "invulling.yaml"
    path.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    return str(path)


# Each reader: the command line with {bad} where the input goes.
READERS = {
    "checklist": ["gap", "{bad}", "--catalog", str(FIXTURE_CATALOG)],
    "personeelsbestand": ["gap", "{filled}", "--roster", "{bad}", "--catalog", str(FIXTURE_CATALOG)],
    "cliëntenbestand": ["kpi", "{bad}", *TENDER],
    "zrm": ["kpi", CLIENTS, "--zrm", "{bad}", *TENDER],
    "enquete": ["kpi", CLIENTS, "--enquete", "{bad}", *TENDER],
    "vage termen": ["lint", str(FIXTURE_CATALOG), "--terms", "{bad}"],
    "baseline": ["gap", "{filled}", "--baseline", "{bad}", "--catalog", str(FIXTURE_CATALOG)],
    "export-json": ["diff", "{bad}", str(FIXTURE_CATALOG)],
}


def _args(reader: str, bad: str, filled: str) -> list[str]:
    return [part.format(bad=bad, filled=filled) for part in READERS[reader]]


def _assert_refused(result: subprocess.CompletedProcess, name: str, phrase: str, tmp_path: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "onverwachte fout" not in result.stderr, result.stderr
    assert any(line.endswith(phrase) or phrase in line for line in result.stderr.splitlines() if name in line), (
        result.stderr
    )
    assert not (tmp_path / "uit.md").exists()


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_fifo_without_writer_is_refused_without_waiting(reader: str, tmp_path: Path, filled: str):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    if reader == "export-json":
        fifo = fifo.rename(tmp_path / "pijp.json")
    result = opvang(*_args(reader, str(fifo), filled), "-o", str(tmp_path / "uit.md"), cwd=tmp_path)
    _assert_refused(result, fifo.name, NOT_REGULAR, tmp_path)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_an_endless_device_is_refused_before_reading(reader: str, tmp_path: Path, filled: str):
    result = opvang(*_args(reader, "/dev/zero", filled), "-o", str(tmp_path / "uit.md"), cwd=tmp_path)
    if reader == "export-json":  # diff takes a folder, an export .json or a git revision: /dev/zero is none
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        return
    _assert_refused(result, "dev/zero", NOT_REGULAR, tmp_path)


def test_a_process_substitution_is_refused_with_a_message(tmp_path: Path, filled: str):
    """``opvang gap <(cat invulling.yaml)`` gets a /dev/fd path to a pipe: refused, not half read."""
    command = f'"{sys.executable}" -c "from generator.cli import main; main()"'
    script = f'{command} gap <(cat "{filled}") --catalog "{FIXTURE_CATALOG}"'
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2, result.stderr
    assert NOT_REGULAR in result.stderr and "bestand is leeg" not in result.stderr, result.stderr


SIZES = {  # reader: (file name, size just over its limit, the message)
    "checklist": ("invulling.xlsx", 50 * 2**20 + 1, "bestand is groter dan 50 MB"),
    "personeelsbestand": ("personeel.csv", 2**30 + 1, "bestand is groter dan 1 GB"),
    "cliëntenbestand": ("clienten.csv", 2**30 + 1, "bestand is groter dan 1 GB"),
    "zrm": ("zrm.csv", 2**30 + 1, "bestand is groter dan 1 GB"),
    "enquete": ("scores.yaml", 20 * 2**20 + 1, "bestand is groter dan 20 MB"),
    "vage termen": ("termen.yaml", 20 * 2**20 + 1, "bestand is groter dan 20 MB"),
    "baseline": ("oud.json", 200 * 2**20 + 1, "bestand is groter dan 200 MB"),
    "export-json": ("export.json", 200 * 2**20 + 1, "bestand is groter dan 200 MB"),
}


@pytest.mark.parametrize("reader", sorted(SIZES))
def test_a_file_over_the_size_limit_is_refused_on_its_size(reader: str, tmp_path: Path, filled: str):
    name, size, message = SIZES[reader]
    big = tmp_path / name
    with open(big, "wb") as handle:  # sparse: no disk space, but stat says *size*
        handle.truncate(size)
    result = opvang(*_args(reader, str(big), filled), "-o", str(tmp_path / "uit.md"), cwd=tmp_path)
    _assert_refused(result, f"{name}:1:1", message, tmp_path)


def test_a_missing_input_and_a_folder_are_named_in_dutch(tmp_path: Path, filled: str):
    missing = opvang(*_args("personeelsbestand", str(tmp_path / "weg.csv"), filled), cwd=tmp_path)
    assert missing.returncode == 2 and "weg.csv: personeelsbestand niet gevonden" in missing.stderr
    folder = opvang(*_args("cliëntenbestand", str(tmp_path), filled), cwd=tmp_path)
    assert folder.returncode == 2 and "dit is een map; geef het cliëntenbestand (CSV) op" in folder.stderr
