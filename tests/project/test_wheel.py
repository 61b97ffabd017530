"""The installable tool: a wheel, installed into a fresh virtualenv, runs every main command from any folder.

Builds the wheel of this repository, installs it (not editable) into a new virtualenv and runs the
commands from an empty temporary folder, with nothing of the source tree on the path. Needs the
package index for the dependencies: offline, skip it with ``pytest -m "not wheel"``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_CATALOG, REPO

pytestmark = pytest.mark.wheel
EXAMPLES = REPO / "checklists" / "examples"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh virtualenv with the wheel of this repository installed."""
    root = tmp_path_factory.mktemp("wiel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--quiet", "-w", str(root / "dist")],
        check=True,
        cwd=root,
    )
    wheel = next((root / "dist").glob("opvang-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    bin_dir = root / "venv" / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=root)
    return bin_dir


def _opvang(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OPVANG_CATALOG", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        [str(bin_dir / "opvang"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def test_the_installed_package_does_not_use_the_source_tree(installed: Path, tmp_path: Path):
    out = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import generator, generator.resources as r; print(generator.__file__);"
            "print(r.schema_file('tender.schema.json')); print(r.site_base())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all("site-packages" in line and str(REPO) not in line for line in out), out


def test_every_command_runs_from_an_empty_folder(installed: Path, tmp_path: Path):
    empty = tmp_path / "leeg"
    empty.mkdir()
    data = tmp_path / "gegevens"
    shutil.copytree(REAL_CATALOG, data / "requirements", ignore=shutil.ignore_patterns("schema", "__pycache__"))
    shutil.copytree(EXAMPLES, data / "voorbeeld")
    catalog = ["--catalog", str(data / "requirements")]
    nml = "noord-midden-limburg-mo"

    assert "opvang" in _ok(_opvang(installed, empty, "--help")).stdout
    nothing = _opvang(installed, empty, "validate")
    assert nothing.returncode == 2 and "opvang init" in nothing.stderr
    assert "5 aanbestedingen" in _ok(_opvang(installed, empty, "validate", *catalog)).stdout
    _ok(_opvang(installed, empty, "checklist", nml, "--format", "xlsx", "-o", "checklist.xlsx", *catalog))
    assert (empty / "checklist.xlsx").stat().st_size > 5000
    gap = _opvang(
        installed,
        empty,
        "gap",
        str(data / "voorbeeld" / f"invulling-{nml}.yaml"),
        "--roster",
        str(data / "voorbeeld" / "personeel.csv"),
        "--clients",
        str(data / "voorbeeld" / "clienten.csv"),
        "--peildatum",
        "2025-12-31",
        "--format",
        "md",
        "-o",
        "gap.md",
        *catalog,
    )
    assert gap.returncode in (0, 1), gap.stderr  # 1: the example provider does not meet every requirement
    assert "Gap-rapport" in (empty / "gap.md").read_text(encoding="utf-8")
    _ok(
        _opvang(
            installed,
            empty,
            "kpi",
            str(data / "voorbeeld" / "clienten.csv"),
            "--tender",
            nml,
            "--format",
            "json",
            "-o",
            "kpi.json",
            *catalog,
        )
    )
    assert json.loads((empty / "kpi.json").read_text(encoding="utf-8"))["kpis"]
    _ok(_opvang(installed, empty, "calendar", "--tender", nml, "--year", "2024", "-o", "plichten.ics", *catalog))
    assert (empty / "plichten.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    _ok(_opvang(installed, empty, "site", "build", "-o", "site", *catalog))
    assert (empty / "site" / "index.html").is_file()
    assert (empty / "site" / "stylesheets" / "extra.css").is_file()  # the shipped base of every site


def test_init_then_validate_and_build_in_the_new_project(installed: Path, tmp_path: Path):
    _ok(_opvang(installed, tmp_path, "init", "x"))
    project = tmp_path / "x"
    assert "1 aanbestedingen" in _ok(_opvang(installed, project, "validate")).stdout
    _ok(_opvang(installed, project / "requirements", "lint", "--fail-on", "error"))
    _ok(_opvang(installed, project, "site", "build"))
    assert (project / "site" / "index.html").is_file()
