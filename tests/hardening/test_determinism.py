"""Every generated file is the same, byte for byte, when the same command runs again on the same input.

All outputs for the example provider (:mod:`tests.hardening.example_outputs`: export, checklist,
gap report, KPI report, quarterly report, monitor and calendar in each format, on the fixed
reference date 2027-12-31) are made twice, each time in a fresh Python process:

- with a different ``PYTHONHASHSEED``, so that output depending on the order of a set or dict of
  strings differs;
- the second run starting in a later clock second than the first run's last file was written, so
  that a clock-dependent byte (a timestamp in an XLSX's ``docProps/core.xml`` or zip entries, a
  DTSTAMP in the calendar) cannot match by chance.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from tests.hardening.example_outputs import CASES, file_name, make_in_fresh_process


@pytest.fixture(scope="module")
def second_run(example_outputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same outputs again, with hash seed 2, started in a later second than the first run ended."""
    last_written = max(int(path.stat().st_mtime) for path in example_outputs.iterdir())
    while int(time.time()) <= last_written:
        time.sleep(0.05)
    folder = tmp_path_factory.mktemp("tweede-run")
    make_in_fresh_process(folder, "2")
    return folder


def _differing_parts(a: bytes, b: bytes) -> list[str]:
    """For a failure message: the zip entries (XLSX) that differ, or that the bytes differ."""
    if not (a.startswith(b"PK") and b.startswith(b"PK")):
        return ["inhoud"]
    left, right = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
    names = sorted(set(left.namelist()) | set(right.namelist()))
    return [
        n
        for n in names
        if n not in left.namelist()
        or n not in right.namelist()
        or left.read(n) != right.read(n)
        or left.getinfo(n).date_time != right.getinfo(n).date_time
    ] or ["zip-kopregels"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_input_gives_same_bytes(case: str, example_outputs: Path, second_run: Path):
    first, again = ((folder / file_name(case)).read_bytes() for folder in (example_outputs, second_run))
    assert again == first, f"{case} verschilt tussen twee runs: {_differing_parts(first, again)}"
