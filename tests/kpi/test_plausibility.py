"""Impossible orderings of dates are located findings, never counted as compliance."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main
from generator.kpi import metrics as m
from generator.kpi.clients import read_clients
from generator.kpi.engine import evaluate

from .conftest import FIXTURE_CATALOG, HEADER, PEIL, row, write_clients


def _rows():
    return [
        # line 2: plan one hour before the report: would be "in time" (-1 h <= 48 h)
        row("A", "2027-03-01 08:00", plan="2027-03-01 07:00"),
        # line 3: shelter one day before the report: would be "within 24 hours"
        row("B", "2027-03-01 08:00", nodig="ja", start="2027-02-28 08:00"),
        # line 4: exit 2027-03-05 before the start 2027-03-10: a negative stay "within 3 months"
        row("C", "2027-03-01 08:00", start="2027-03-10 08:00", uit="2027-03-05"),
        # line 5: a plausible trajectory
        row("D", "2027-03-01 08:00", nodig="ja", plan="2027-03-01 10:00", start="2027-03-01 12:00", uit="2027-04-01"),
    ]


def test_impossible_dates_are_not_counted(tmp_path, catalog):
    regs = read_clients(write_clients(tmp_path / "c.csv", _rows()))
    peil = PEIL.toordinal()
    plan = m.plan_binnen_termijn(regs, peil, m.Norm("plan_binnen_termijn", "<=", 48, "hours", share=100))
    assert list(plan.codes) == [m.EXCLUDED, m.FAILURE, m.FAILURE, m.SUCCESS]  # B, C: no plan, 48 h passed
    assert list(m.direct_opvang(regs, peil).codes) == [m.FAILURE, m.EXCLUDED, m.FAILURE, m.SUCCESS]
    stay = m.opvangduur_binnen_norm(regs, peil, m.Norm("opvangduur_binnen_norm", "<=", 3, "months", share=80))
    assert list(stay.codes) == [m.EXCLUDED, m.EXCLUDED, m.EXCLUDED, m.SUCCESS]
    report = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1)
    assert report.impossible == {
        "datum_plan ligt vóór datum_melding": 1,
        "datum_start_opvang ligt vóór datum_melding": 1,
        "datum_uitstroom ligt vóór datum_start_opvang": 1,
    }


def test_findings_are_located_in_the_fast_and_the_careful_reader(tmp_path):
    fast = write_clients(tmp_path / "fast.csv", _rows())
    # DD-MM-YYYY dates take the careful reader: same findings, same places.
    careful = write_clients(
        tmp_path / "careful.csv", [r.replace("2027-03-01 07:00", "01-03-2027 07:00") for r in _rows()]
    )
    for path in (fast, careful):
        found = [p.format() for p in read_clients(path).findings]
        assert found[0].startswith(f"{path}:2:7: datum_plan ligt vóór datum_melding"), found
        assert found[1].startswith(f"{path}:3:8: datum_start_opvang ligt vóór datum_melding")
        assert found[2].startswith(f"{path}:4:9: datum_uitstroom ligt vóór datum_start_opvang")
        assert len(found) == 3
    assert HEADER.split(";")[6] == "datum_plan"  # column 7


def test_cli_warns_with_the_location_and_reports_the_count(tmp_path):
    clients = write_clients(tmp_path / "c.csv", _rows())
    out = tmp_path / "kpi.json"
    result = CliRunner().invoke(
        main,
        ["kpi", str(clients), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--format", "json"]
        + ["-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert f"{clients}:2:7: datum_plan ligt vóór datum_melding" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["onmogelijke_datums"]["datum_plan ligt vóór datum_melding"] == 1
    assert [(f["line"], f["column"]) for f in data["bevindingen"]] == [(2, 7), (3, 8), (4, 9)]
