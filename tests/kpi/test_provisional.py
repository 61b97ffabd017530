"""Provisional is not failure: value among the definitive cases, pending count, bounds; JSON by its schema."""

from __future__ import annotations

import json
import re

import jsonschema
from click.testing import CliRunner

from generator.catalog.model import Norm
from generator.cli import main
from generator.kpi import metrics as m

from .conftest import FIXTURE_CATALOG, row, write_clients

SCHEMA = json.loads((FIXTURE_CATALOG.parents[2] / "requirements" / "schema" / "kpi-report.schema.json").read_text())
NORM = Norm("duurzame_uitstroom", ">=", 80, "%")


def _eleven_exits() -> list[str]:
    """11 exits: 4 long ago without relapse, 1 with a relapse, 6 within their two years (peildatum 2027-12-31)."""
    rows = [row(f"D{i}", "2024-01-05 09:00", uit="2024-02-01") for i in range(5)]
    rows.append(row("D0", "2024-08-01 09:00"))  # D0 reports again 6 months after its exit: a relapse
    rows += [row(f"N{i}", "2027-01-05 09:00", uit="2027-02-01") for i in range(6)]
    return rows


def test_share_among_definitive_cases_with_bounds():
    # 4 durable, 1 relapse, 6 still in follow-up: 4 of 5 = 80%; the final result lies between 4/11 =
    # 36.4% (all 6 relapse) and 10/11 = 90.9% (none does): 80% can still be missed, so "voorlopig".
    share = m.share_result(NORM, 4, 1, 6)
    assert share.value == 80.0 and share.verdict == "voorlopig"
    assert (round(share.lower, 1), round(share.upper, 1)) == (36.4, 90.9)


def test_pending_cases_that_cannot_change_the_verdict():
    # 9 of 9 durable and 1 open: at worst 9/10 = 90% >= 80: voldoet whatever the open case does.
    assert m.share_result(NORM, 9, 0, 1).verdict == "voldoet"
    # 1 of 5 and 1 open: at best 2/6 = 33%: voldoet niet.
    assert m.share_result(NORM, 1, 4, 1).verdict == "voldoet_niet"


def test_kpi_json_has_pending_bounds_provider_and_matches_its_schema(tmp_path):
    clients = write_clients(tmp_path / "c.csv", _eleven_exits())
    out = tmp_path / "kpi.json"
    args = ["kpi", str(clients), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]
    result = CliRunner().invoke(
        main, [*args, "--peildatum", "2027-12-31", "--provider", "Stichting Test", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert (data["format_version"], data["provider"], data["period"]) == (2, "Stichting Test", None)
    cell = next(k for k in data["kpis"] if k["requirement"] == "VBO-KPI-01")["overall"]
    assert cell == {
        "suppressed": False,
        "numerator": 4,
        "denominator": 5,
        "pending": 6,
        "value": 80.0,
        "lower": 36.36,
        "upper": 90.91,
        "verdict": "voorlopig",
    }
    # Without --provider: null. The quarterly report (with trend) follows the same schema.
    out2 = tmp_path / "kwartaal.json"
    result = CliRunner().invoke(main, ["kwartaalrapportage", *args[1:], "--format", "json", "-o", str(out2)])
    assert result.exit_code == 0, result.output
    quarterly = json.loads(out2.read_text(encoding="utf-8"))
    jsonschema.validate(quarterly, SCHEMA)
    assert quarterly["provider"] is None


def test_chart_draws_provisional_quarters_as_open_markers_never_at_zero(tmp_path):
    # 2025-Q2: 6 exits, 1 relapse (final, 5/6 = 83.3%); 2027-Q1: 6 exits, all pending. The report of
    # 2027-Q1 shows the eight quarters from 2025-Q2.
    rows = [row(f"D{i}", "2025-03-05 09:00", uit="2025-04-01") for i in range(6)]
    rows.append(row("D0", "2025-10-01 09:00"))
    rows += [row(f"N{i}", "2027-01-05 09:00", uit="2027-02-01") for i in range(6)]
    # 2025-Q3 on the peildatum 2027-08-15: 3 exits on 2025-07-10 are final (durable), 3 on 2025-09-20 are
    # still within their two years: a provisional point at 100% (3 of 3 definitive), not a lower bound.
    rows += [row(f"R{i}", "2025-07-01 09:00", uit="2025-07-10") for i in range(3)]
    rows += [row(f"S{i}", "2025-09-01 09:00", uit="2025-09-20") for i in range(3)]
    clients = write_clients(tmp_path / "c.csv", rows)
    out = tmp_path / "kwartaal.html"
    result = CliRunner().invoke(
        main,
        [
            "kwartaalrapportage",
            str(clients),
            "--tender",
            "voorbeeld-opvang",
            "--catalog",
            str(FIXTURE_CATALOG),
            "--peildatum",
            "2027-08-15",
            "--period",
            "2027-Q1",
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    figure = html.split("<figure><h3>VBO-KPI-01", 1)[1].split("</figure>", 1)[0]
    svg = figure.split("</svg>", 1)[0]
    # y of 0% is the bottom of the plot (top 16 + height 164 = 180): no point or line may go there.
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="4.5" fill="([^"]+)"', svg)
    assert circles and all(float(cy) < 180 for _cx, cy, _fill in circles)
    polyline_ys = [float(p.split(",")[1]) for line in re.findall(r'points="([^"]+)"', svg) for p in line.split()]
    assert all(y < 180 for y in polyline_ys)
    # 2025-Q2 is final (filled); 2025-Q3 has exits still in follow-up (open marker at 100%, y = 16).
    fills = [fill for _cx, _cy, fill in circles]
    assert "#fff" in fills and any(f != "#fff" for f in fills)
    assert [float(cy) for _cx, cy, fill in circles if fill == "#fff"] == [16.0]
    assert "voorlopig: uitkomst" in svg  # the range bar of the provisional quarter
