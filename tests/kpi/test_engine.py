"""Engine: per group and municipality, suppression, period filter, findings for assess, determinism."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.assess.kpi_checks import kpi_findings
from generator.cli import main
from generator.kpi.clients import read_clients
from generator.kpi.engine import Period, evaluate

from .conftest import FIXTURE_CATALOG, PEIL, row, write_clients


def _plan_rows():
    rows = []
    # Venlo, acuut: 6 clients, plan at 10 h (in time) for 5, at 50 h for 1 -> 5/6.
    for i in range(6):
        plan = "2027-03-01 18:00" if i < 5 else "2027-03-03 10:00"
        rows.append(row(f"V{i}", "2027-03-01 08:00", plan=plan))
    # Weert, huiselijk-geweld: 4 clients, all in time -> a group of 4: suppressed.
    for i in range(4):
        rows.append(
            row(f"W{i}", "2027-05-01 08:00", plan="2027-05-01 09:00", groep="huiselijk-geweld", herkomst="Weert")
        )
    return rows


def test_groups_municipalities_and_suppression(tmp_path, catalog):
    regs = read_clients(write_clients(tmp_path / "c.csv", _plan_rows()))
    report = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL)
    result = next(r for r in report.results if r.requirement.id == "VBO-KPI-02")
    # Overall 9 of 10 = 90% < 100%: voldoet niet; 10 clients, published.
    assert (result.overall.numerator, result.overall.denominator, result.overall.verdict) == (9, 10, "voldoet_niet")
    assert not result.overall.suppressed
    # The group of 4 is suppressed; then the other group (6) too, or it could be derived from the total.
    assert result.by_group["huiselijk-geweld"].suppressed
    assert result.by_group["acuut"].suppressed
    # Weert (4 clients) is free text with fewer than 5 clients: merged into "overig", which then takes
    # the next-smallest municipality (Venlo, 6) with it, so that no municipality stands beside <5.
    assert list(result.by_municipality) == ["overig"] and not result.by_municipality["overig"].suppressed
    # With --min-cel 4 the group of 4 is shown.
    shown = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=4)
    cell = next(r for r in shown.results if r.requirement.id == "VBO-KPI-02").by_group["huiselijk-geweld"]
    assert not cell.suppressed and (cell.numerator, cell.denominator) == (4, 4)


def test_repeated_clients_count_once_for_suppression(tmp_path, catalog):
    # 6 trajectories of only 3 clients: fewer than 5 clients, suppressed.
    rows = [row(f"R{i % 3}", f"2027-0{i + 1}-01 08:00", plan=f"2027-0{i + 1}-01 09:00") for i in range(6)]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    result = next(
        r
        for r in evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL).results
        if r.requirement.id == "VBO-KPI-02"
    )
    assert result.overall.denominator == 6 and result.overall.suppressed


def test_period_filter_on_report_date(tmp_path, catalog):
    regs = read_clients(write_clients(tmp_path / "c.csv", _plan_rows()))
    q1 = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, Period.parse("2027-Q1"), min_cell=1)
    cell = next(r for r in q1.results if r.requirement.id == "VBO-KPI-02").overall
    assert (cell.numerator, cell.denominator) == (5, 6)  # only the Venlo reports of March
    assert Period.parse("2027").end.isoformat() == "2027-12-31"
    assert Period.parse("2027-Q4").start.isoformat() == "2027-10-01"


def test_findings_for_assess(tmp_path, catalog):
    clients = write_clients(tmp_path / "c.csv", _plan_rows())
    found = {f.requirement_id: f for f in kpi_findings(catalog, ["voorbeeld-opvang"], clients, None, None, PEIL)}
    assert found["VBO-KPI-02"].verdict == "voldoet_niet" and found["VBO-KPI-02"].source == "clients"
    assert "90%" in found["VBO-KPI-02"].message and "48 uur" in found["VBO-KPI-02"].message
    # No exits, no marks, no stays: too little data -> onbekend.
    assert found["VBO-KPI-01"].verdict == "onbekend"
    assert found["VBO-KPI-04"].verdict == "onbekend"


def test_cli_json_is_deterministic_and_has_no_client_rows(tmp_path):
    clients = write_clients(tmp_path / "c.csv", _plan_rows())
    runner = CliRunner()
    args = ["kpi", str(clients), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--format", "json"]
    outputs = []
    for name in ("a.json", "b.json"):
        result = runner.invoke(main, [*args, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode()
    assert "V0" not in text and "W1" not in text  # no client ids anywhere
    data = json.loads(text)
    kpi = next(k for k in data["kpis"] if k["requirement"] == "VBO-KPI-02")
    assert kpi["per_doelgroep"]["huiselijk-geweld"] == {
        "suppressed": True,
        "verdict": None,
        "value": None,
        "numerator": None,
        "denominator": None,
        "pending": None,
        "lower": None,
        "upper": None,
    }
