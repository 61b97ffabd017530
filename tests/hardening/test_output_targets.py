"""An output path (``-o``) never destroys what the user has: not an input of the same command, not a
device or FIFO, not a symbolic link.

- Every command refuses an ``-o`` that is one of its inputs, by the same name, through a symbolic
  link or as a hard link (another name of the same file): exit 2, a Dutch message naming the file,
  and the input byte for byte as it was.
- A FIFO stays a FIFO and receives the report; a symbolic link to a file stays a link and the file it
  points to gets the report; a dangling link or a folder is handled with a Dutch message.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.hardening.badinput_cli import EXAMPLES, FIXTURE_CATALOG

REFUSAL = "dit is ook een invoerbestand van deze opdracht; kies een ander uitvoerbestand"
TENDER = ["--tender", "voorbeeld-opvang"]


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def files(tmp_path: Path, catalog_copy: Path) -> dict[str, Path]:
    """One input file of every kind a command reads, in *tmp_path*."""
    filled = tmp_path / "invulling.yaml"
    filled.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    paths = {"filled": filled, "catalog": catalog_copy}
    for key, name in (
        ("clients", "clienten.csv"),
        ("zrm", "zrm.csv"),
        ("survey", "scores.yaml"),
        ("roster", "personeel.csv"),
    ):
        paths[key] = tmp_path / name
        shutil.copy(EXAMPLES / name, paths[key])
    export = tmp_path / "export.json"
    assert run("export", "--catalog", str(catalog_copy), "-o", str(export)).exit_code == 0
    paths["export"] = export
    baseline = tmp_path / "baseline.json"
    result = run("gap", str(filled), "--catalog", str(catalog_copy), "--format", "json", "-o", str(baseline))
    assert result.exit_code == 0, result.output
    paths["baseline"] = baseline
    terms = tmp_path / "vage-termen.yaml"
    shutil.copy(FIXTURE_CATALOG.parents[2] / "requirements" / "schema" / "vague-terms.yaml", terms)
    paths["terms"] = terms
    return paths


# (name, command line with {placeholders}, the input that -o names)
CASES = [
    ("kpi clienten", "kpi {clients} --tender voorbeeld-opvang --catalog {catalog}", "clients"),
    ("kpi zrm", "kpi {clients} --zrm {zrm} --tender voorbeeld-opvang --catalog {catalog}", "zrm"),
    ("kpi enquete", "kpi {clients} --enquete {survey} --tender voorbeeld-opvang --catalog {catalog}", "survey"),
    ("kwartaal", "kwartaalrapportage {clients} --tender voorbeeld-opvang --catalog {catalog}", "clients"),
    ("monitor", "monitor {clients} --tender voorbeeld-opvang --catalog {catalog}", "clients"),
    ("gap checklist", "gap {filled} --catalog {catalog}", "filled"),
    ("gap roster", "gap {filled} --roster {roster} --catalog {catalog}", "roster"),
    ("gap clients", "gap {filled} --clients {clients} --catalog {catalog}", "clients"),
    ("gap baseline", "gap {filled} --baseline {baseline} --catalog {catalog} --format json", "baseline"),
    ("assess", "assess {filled} --catalog {catalog}", "filled"),
    ("export catalog file", "export --catalog {catalog}", "catalog/voorbeeld-opvang/kpi.yaml"),
    ("export metrics", "export --catalog {catalog} --format csv", "catalog/metrics.yaml"),
    ("checklist", "checklist --catalog {catalog} --format yaml", "catalog/voorbeeld-opvang/tender.yaml"),
    ("calendar", "calendar --tender voorbeeld-opvang --year 2027 --catalog {catalog}", "catalog/metrics.yaml"),
    ("lint terms", "lint {catalog} --terms {terms}", "terms"),
    ("diff export", "diff {export} {catalog}", "export"),
]


def _target(files: dict[str, Path], key: str) -> Path:
    if key.startswith("catalog/"):
        return files["catalog"] / key.split("/", 1)[1]
    return files[key]


def _args(line: str, files: dict[str, Path]) -> list[str]:
    return [part.format(**{k: str(v) for k, v in files.items()}) for part in line.split()]


@pytest.mark.parametrize(("name", "line", "key"), CASES, ids=[c[0] for c in CASES])
def test_an_output_that_is_an_input_is_refused(name: str, line: str, key: str, files: dict[str, Path]):
    target = _target(files, key)
    before = target.read_bytes()
    result = run(*_args(line, files), "-o", str(target))
    assert result.exit_code == 2, result.output
    assert f"{target}: {REFUSAL}" in result.stderr, result.stderr
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_link_to_an_input_and_another_name_of_it_are_refused(files: dict[str, Path], tmp_path: Path):
    clients = files["clients"]
    before = clients.read_bytes()
    link = tmp_path / "koppeling.csv"
    link.symlink_to(clients)
    hard = tmp_path / "tweede-naam.csv"
    os.link(clients, hard)
    for target in (link, hard, tmp_path / "." / "clienten.csv"):
        result = run("kpi", str(clients), *TENDER, "--catalog", str(files["catalog"]), "-o", str(target))
        assert result.exit_code == 2 and REFUSAL in result.stderr, result.output
    assert clients.read_bytes() == before and link.is_symlink()


def test_the_same_output_is_allowed_again_once_it_is_no_input(files: dict[str, Path], tmp_path: Path):
    """The check is per command: a report written by one run may be the -o of the next one."""
    out = tmp_path / "gap.json"
    for _ in range(2):
        result = run(
            "gap", str(files["filled"]), "--catalog", str(files["catalog"]), "--format", "json", "-o", str(out)
        )
        assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["tenders"]


def test_a_symbolic_link_stays_a_link_and_its_file_gets_the_report(files: dict[str, Path], tmp_path: Path):
    real = tmp_path / "rapporten" / "gap.md"
    real.parent.mkdir()
    real.write_text("vorige versie\n", encoding="utf-8")
    link = tmp_path / "gap.md"
    link.symlink_to(real)
    result = run("gap", str(files["filled"]), "--catalog", str(files["catalog"]), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# Gap-rapport")
    assert sorted(p.name for p in real.parent.iterdir()) == ["gap.md"]


def test_a_fifo_stays_a_fifo_and_receives_the_report(files: dict[str, Path], tmp_path: Path):
    fifo = tmp_path / "rapport.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("gap", str(files["filled"]), "--catalog", str(files["catalog"]), "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo(), "de FIFO is vervangen door een gewoon bestand"
    assert received and received[0].startswith(b"# Gap-rapport")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_folder_as_output_is_refused_in_dutch(files: dict[str, Path], tmp_path: Path):
    folder = tmp_path / "map"
    folder.mkdir()
    result = run("gap", str(files["filled"]), "--catalog", str(files["catalog"]), "-o", str(folder))
    assert result.exit_code == 2
    assert "map" in result.stderr and "Traceback" not in result.stderr
