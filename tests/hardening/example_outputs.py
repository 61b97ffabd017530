"""Every generated output for the example provider, made in a fresh Python process.

The example provider's data (checklists/examples/) on the fixed reference date 2025-12-31, the way
``make site`` builds the example reports: the catalog export, the checklist, the gap report, the KPI
report, the quarterly report, the monitor export and the duty calendar, in each of their formats.
The determinism test makes them twice (with different ``PYTHONHASHSEED``), the privacy test scans
them for client ids. Run as a program, it writes FOLDER/CASE.EXT for every case::

    python -m tests.hardening.example_outputs FOLDER
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main as opvang

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "checklists" / "examples"
NML = "noord-midden-limburg-mo"
PEILDATUM = ["--peildatum", "2025-12-31"]  # the last day of the Limburg contract, as in the Makefile
FILLED = str(EXAMPLES / f"invulling-{NML}.yaml")
CLIENTS = EXAMPLES / "clienten.csv"
DATA = ["--roster", str(EXAMPLES / "personeel.csv"), "--clients", str(CLIENTS), "--zrm", str(EXAMPLES / "zrm.csv")]
DATA += ["--enquete", str(EXAMPLES / "scores.yaml"), *PEILDATUM]
KPI = [str(CLIENTS), "--tender", NML, "--zrm", str(EXAMPLES / "zrm.csv"), "--enquete", str(EXAMPLES / "scores.yaml")]
KPI += PEILDATUM
QUARTERLY = ("md", "html", "json", "xlsx")

CASES: dict[str, list[str]] = {
    **{f"export-{fmt}": ["export", "--format", fmt] for fmt in ("json", "csv", "xlsx")},
    **{f"checklist-{fmt}": ["checklist", NML, "--format", fmt] for fmt in ("xlsx", "yaml", "md")},
    **{f"gap-{fmt}": ["gap", FILLED, *DATA, "--format", fmt] for fmt in ("md", "html", "json", "xlsx")},
    **{f"kpi-{fmt}": ["kpi", *KPI, "--format", fmt] for fmt in ("md", "html", "json", "xlsx")},
    **{
        f"kwartaalrapportage-{fmt}": ["kwartaalrapportage", *KPI, "--period", "2025-Q4", "--format", fmt]
        for fmt in QUARTERLY
    },
    "monitor-xlsx": ["monitor", *KPI],
    "calendar-ics": ["calendar", "--tender", NML, "--year", "2025", "--roster", str(EXAMPLES / "personeel.csv")],
}
REPORTS = ("gap-", "kpi-", "kwartaalrapportage-", "monitor-")  # the outputs made from client data


def file_name(case: str) -> str:
    """``kpi-md`` is written as ``kpi-md.md``: the format is the extension."""
    return f"{case}.{case.rsplit('-', 1)[1]}"


def make_outputs(folder: Path) -> None:
    """Write every case into *folder*; stop with the command's output at the first failure."""
    runner = CliRunner()
    for case, args in CASES.items():
        result = runner.invoke(opvang, [*args, "-o", str(folder / file_name(case))])
        if result.exit_code != 0:
            raise SystemExit(f"{case}: exitcode {result.exit_code}\n{result.output}")


def make_in_fresh_process(folder: Path, hash_seed: str) -> None:
    """:func:`make_outputs` in a new Python process with ``PYTHONHASHSEED`` *hash_seed*."""
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "tests.hardening.example_outputs", str(folder)]
    done = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


if __name__ == "__main__":
    make_outputs(Path(sys.argv[1]))
