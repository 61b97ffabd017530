"""Suppression counts distinct clients, hides cells until the hidden ones together are not small, and merges
small free-text labels into "overig"."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import main
from generator.kpi.clients import read_clients
from generator.kpi.engine import evaluate, lead_times
from generator.kpi.suppression import OTHER, hidden_cells, merged_labels
from generator.render.monitor_xlsx import OTHER_LABELS

from .conftest import FIXTURE_CATALOG, FULL_HEADER, PEIL, full_row, row, write_clients

KPI = ["--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31"]


def _plan(report):
    return next(r for r in report.results if r.requirement.id == "VBO-KPI-02")


def test_hidden_cells_until_the_hidden_ones_together_are_not_small():
    # Two cells of 2 clients: together 4 < 5, so the smallest shown cell (10) goes too.
    assert hidden_cells({"a": 10, "b": 2, "c": 2, "d": 20}, 5) == {"a", "b", "c"}
    # 3 + 3 = 6 distinct clients together: nothing more to hide.
    assert hidden_cells({"a": 10, "b": 3, "c": 3}, 5) == {"b", "c"}
    # ... unless they are the same 3 people (one client, two cells): the union counts, not the sum.
    assert hidden_cells({"a": 10, "b": 3, "c": 3}, 5, union=lambda keys: 3) == {"a", "b", "c"}
    # One hidden cell always takes the next-smallest with it; nothing hidden, nothing more.
    assert hidden_cells({"a": 10, "b": 1, "c": 7}, 5) == {"b", "c"}
    assert hidden_cells({"a": 10, "b": 0}, 5) == set()


def test_merged_labels_until_overig_is_not_small():
    assert merged_labels({"Venlo": 20, "Mook": 2, "Gennep": 6}, 5) == {"Mook", "Gennep"}
    assert merged_labels({"Venlo": 20, "Mook": 2, "Bergen": 3}, 5) == {"Mook", "Bergen"}
    assert merged_labels({"Venlo": 20, "Mook": 2, OTHER: 9}, 5) == {"Mook"}
    assert merged_labels({"Venlo": 20, "Gennep": 6}, 5) == set()


def test_one_client_with_six_trajectories_is_one_person(tmp_path, catalog):
    # One client, six reports in 2027-Q1, six plans in time; plus 10 clients once in 2027-Q2.
    rows = [
        row("R1", f"2027-0{1 + i // 3}-{1 + i:02d} 08:00", plan=f"2027-0{1 + i // 3}-{1 + i:02d} 09:00")
        for i in range(6)
    ]
    rows += [row(f"Q{i}", "2027-05-01 08:00", plan="2027-05-01 09:00") for i in range(10)]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    report = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL)
    assert not _plan(report).overall.suppressed  # 11 clients
    from generator.kpi.engine import trend

    quarters, series = trend(catalog, report, regs, None, None)
    index = report.results.index(_plan(report))
    assert series[index]["2027-Q1"].suppressed and series[index]["2027-Q1"].denominator == 6
    lead = {r["kwartaal"]: r for r in lead_times(regs, dt.date(2027, 12, 31))}
    assert lead["2027-Q1"]["meldingen"] is None  # six reports, one person
    assert lead["2027-Q1"]["mediaan_uren_tot_plan"] is None


def test_venlo_and_VENLO_are_one_municipality(tmp_path, catalog):
    rows = [row(f"V{i}", "2027-03-01 08:00", plan="2027-03-01 09:00", herkomst="Venlo") for i in range(3)]
    rows += [row(f"W{i}", "2027-03-01 08:00", plan="2027-03-01 09:00", herkomst="VENLO ") for i in range(2)]
    rows += [row(f"X{i}", "2027-03-01 08:00", plan="2027-03-01 09:00", herkomst="Weert") for i in range(6)]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    places = _plan(evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL)).by_municipality
    assert list(places) == ["Venlo", "Weert"]  # the spelling used most, 3 + 2 = 5 clients: shown
    assert places["Venlo"].denominator == 5 and not places["Venlo"].suppressed


def test_free_text_labels_of_few_clients_never_appear(tmp_path):
    # 8 clients left to "zelfstandige woning", 2 to a free-text description that could point at them.
    rare = "kamer bij tante in Blerick"
    rows = [
        full_row(f"Z{i}", "2027-01-05 08:00", datum_uitstroom="2027-02-01", type_vervolgplek="zelfstandige woning")
        for i in range(8)
    ]
    rows += [
        full_row(f"T{i}", "2027-01-05 08:00", datum_uitstroom="2027-02-01", type_vervolgplek=rare) for i in range(2)
    ]
    rows += [full_row("M0", "2027-01-05 08:00", gemeente_herkomst="Mook en Middelaar")]
    clients = write_clients(tmp_path / "c.csv", rows, header=FULL_HEADER)
    out = tmp_path / "monitor.xlsx"
    result = CliRunner().invoke(main, ["monitor", str(clients), *KPI, "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    cells = {str(c.value) for sheet in book for r in sheet.iter_rows() for c in r if c.value is not None}
    assert rare not in cells and "Mook en Middelaar" not in cells
    vervolg = {r[0]: r[1:] for r in book["Vervolgplek"].iter_rows(min_row=2, values_only=True)}
    # "overig" alone (2 clients) would be small: the next-smallest label joins it, 10 clients in all.
    assert vervolg == {OTHER_LABELS[OTHER]: (10,)}  # "overige (samengevoegd)"
    kpi = tmp_path / "kpi.json"
    result = CliRunner().invoke(main, ["kpi", str(clients), *KPI, "--format", "json", "-o", str(kpi)])
    assert result.exit_code == 0, result.output
    assert "Mook" not in kpi.read_text(encoding="utf-8")
    data = json.loads(kpi.read_text(encoding="utf-8"))
    for entry in data["kpis"]:
        assert set(entry["per_gemeente"]) <= {"Venlo", OTHER}
