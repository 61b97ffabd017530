"""Parquet as well as CSV, and bounded input: regular files within a size limit, clear Dutch refusals."""

from __future__ import annotations

import os

import duckdb
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import InputError
from generator.kpi import store
from generator.kpi.clients import read_clients, read_zrm
from generator.kpi.engine import evaluate

from .conftest import FIXTURE_CATALOG, FULL_HEADER, PEIL, full_row, write_clients

KPI = ["--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]


def _rows():
    rows = [
        full_row(f"P{i}", "2027-03-01 08:00", datum_plan="2027-03-02 07:00" if i % 3 else "2027-03-04 08:00")
        for i in range(9)
    ]
    return rows + [full_row("P0", "2027-06-01 08:00", datum_plan="2027-05-31 08:00")]  # plan before the report


def _parquet(csv_path, target):
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{csv_path}', delim=';', header=true, all_varchar=true)) "
        f"TO '{target}' (FORMAT parquet)"
    )
    return target


def test_parquet_gives_the_same_kpis_as_csv(tmp_path, catalog):
    clients = write_clients(tmp_path / "clienten.csv", _rows(), header=FULL_HEADER)
    parquet = _parquet(clients, tmp_path / "clienten.parquet")
    results = []
    for path in (clients, parquet):
        regs = read_clients(path)
        report = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1)
        cell = next(r for r in report.results if r.requirement.id == "VBO-KPI-02").overall
        results.append((cell.numerator, cell.denominator, cell.pending, dict(report.impossible)))
    # Plans after 23 h for P1, P2, P4, P5, P7, P8 (6 in time), after 72 h for P0, P3, P6; P0's second
    # trajectory has its plan before the report: not counted.
    assert results[0] == results[1] == (6, 9, 0, {"datum_plan ligt vóór datum_melding": 1})
    # Through the command line too, and Parquet findings are located as row + 1 (the header line).
    out = tmp_path / "kpi.json"
    result = CliRunner().invoke(main, ["kpi", str(parquet), *KPI, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{parquet}:11:7: datum_plan ligt vóór datum_melding" in result.output


def test_bad_parquet_value_is_located(tmp_path):
    rows = _rows()
    rows[4] = rows[4].replace(";acuut;", ";dakloos;")
    parquet = _parquet(write_clients(tmp_path / "c.csv", rows, header=FULL_HEADER), tmp_path / "c.parquet")
    with pytest.raises(InputError) as err:
        read_clients(parquet)
    assert err.value.problems[0].format().startswith(f"{parquet}:6:2: doelgroep: 'dakloos' is geen geldige waarde")


def test_not_a_regular_file_and_too_large_are_refused(tmp_path, monkeypatch):
    folder = tmp_path / "map"
    folder.mkdir()
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    for path, phrase in ((folder, "dit is een map"), (fifo, "geen gewoon bestand")):
        result = CliRunner().invoke(main, ["kpi", str(path), *KPI])
        assert result.exit_code == 2 and phrase in result.output, result.output
    clients = write_clients(tmp_path / "c.csv", _rows(), header=FULL_HEADER)
    monkeypatch.setattr(store, "MAX_BYTES", 100)
    with pytest.raises(InputError) as err:
        read_clients(clients)
    message = err.value.problems[0].format()
    assert message.startswith(f"{clients}:1:1: bestand is groter dan 100 bytes") and "Splits het bestand" in message
    zrm = tmp_path / "zrm.csv"
    zrm.write_text("client_id,datum,domein,score\n" + "P1,2027-01-01,werk,3\n" * 20, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_zrm(zrm)
    assert "bestand is groter dan 100 bytes" in err.value.problems[0].message


def test_memory_limit_follows_the_input():
    assert store.memory_limit(0) == "256MiB"
    assert store.memory_limit(300 * 2**20) == "600MiB"
    assert store.memory_limit(5 * 2**30) == "1024MiB"


def test_client_ids_are_hashed_and_the_spill_folder_is_private_and_removed(tmp_path):
    clients = write_clients(tmp_path / "c.csv", _rows(), header=FULL_HEADER)
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from generator.kpi import store\n"
        "from generator.kpi.clients import read_clients\n"
        f"regs = read_clients(Path({str(clients)!r}))\n"
        "cells = {str(v) for row in regs.con.execute('SELECT * FROM trajecten').fetchall() for v in row}\n"
        "print('ID' if {'P0', 'P1'} & cells else 'GEEN-ID')\n"
        "print(store._SPILL[0], oct(os.stat(store._SPILL[0]).st_mode & 0o777))\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    marker, line = result.stdout.splitlines()
    folder, mode = line.split()
    assert marker == "GEEN-ID"
    assert mode == "0o700" and not os.path.exists(folder)  # private while it ran, gone afterwards
