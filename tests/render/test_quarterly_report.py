"""``opvang kwartaalrapportage --period``: one quarter beside the quarter before and the same quarter a year earlier.

Registrations of the fixture tender, hand-built for plan_binnen_termijn (VBO-KPI-02: a plan within 48
hours in 100% of the cases), counted by the quarter of the report:

- 2026-Q2: 5 reports, 4 plans after 20 hours, 1 after 72 hours: 4/5 = 80%;
- 2027-Q1: 6 reports, all plans after 20 hours: 6/6 = 100%;
- 2027-Q2: 5 reports, 3 plans after 20 hours, 2 after 72 hours: 3/5 = 60%, voldoet niet;
- 2027-Q3: 5 reports, all in time: after the quarter asked for, so never shown.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.kpi.quarterly import default_quarter, shift
from generator.render.svg_chart import label_step, value_axis
from tests.kpi.conftest import FIXTURE_CATALOG, row, write_clients

ARGS = ["--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31"]


def _reports(day: str, count: int, late: int) -> list[str]:
    """*count* reports on *day* at 09:00, the last *late* of them with a plan after 72 hours (else 20 hours)."""
    start = dt.datetime.fromisoformat(f"{day} 09:00")
    rows = []
    for n in range(count):
        hours = 72 if n >= count - late else 20
        plan = (start + dt.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")
        rows.append(row(f"C{day[:7]}-{n}", start.strftime("%Y-%m-%d %H:%M"), plan=plan))
    return rows


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    rows = _reports("2026-05-04", 5, 1) + _reports("2027-02-01", 6, 0) + _reports("2027-05-03", 5, 2)
    rows += _reports("2027-08-02", 5, 0)
    return write_clients(tmp_path_factory.mktemp("kwartaal") / "clienten.csv", rows)


def _run(clients, tmp_path, fmt: str, *extra: str):
    out = tmp_path / f"kwartaal.{fmt}"
    result = CliRunner().invoke(
        main,
        ["kwartaalrapportage", str(clients), *ARGS, "--period", "2027-Q2", *extra, "--format", fmt, "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    return out


def _row(text: str, heading: str, requirement: str) -> tuple[list[str], list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    header = next(line for line in lines[start:] if line.startswith("| Eis |"))
    found = next(line for line in lines[start:] if line.startswith(f"| {requirement} |"))
    return [c.strip() for c in header.strip("|").split("|")], [c.strip() for c in found.strip("|").split("|")]


def test_the_quarter_beside_the_quarter_before_and_a_year_earlier(clients, tmp_path):
    text = _run(clients, tmp_path, "md").read_text(encoding="utf-8")
    assert text.startswith("# Kwartaalrapportage 2027-Q2: ")
    assert "- **Periode:** 2027-Q2 (01-04-2027 t/m 30-06-2027)" in text
    header, cells = _row(text, "## Resultaten 2027-Q2", "VBO-KPI-02")
    values = dict(zip(header, cells, strict=True))
    assert values["2027-Q2"] == "60%" and values["Teller / noemer"] == "3 / 5"
    assert values["Oordeel"] == "✘ voldoet niet"
    assert values["2027-Q1 (vorig kwartaal)"] == "100%" and values["2026-Q2 (vorig jaar)"] == "80%"


def test_the_trend_shows_eight_quarters_newest_first_and_nothing_after_the_quarter(clients, tmp_path):
    text = _run(clients, tmp_path, "md").read_text(encoding="utf-8")
    header, cells = _row(text, "## Trend per kwartaal", "VBO-KPI-02")
    assert header[2:] == ["2027-Q2", "2027-Q1", "2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3"]
    assert cells[2:] == ["60%", "100%", "-", "-", "80%", "-", "-", "-"]
    assert "2027-Q3" not in text and "2027-Q4" not in text
    data = json.loads(_run(clients, tmp_path, "json").read_text(encoding="utf-8"))
    assert data["kwartaal"] == "2027-Q2" and data["period"] == "2027-Q2"
    assert (data["vorig_kwartaal"], data["zelfde_kwartaal_vorig_jaar"]) == ("2027-Q1", "2026-Q2")
    assert data["kwartalen"] == ["2026-Q2", "2027-Q1", "2027-Q2"]
    plan = next(k for k in data["kpis"] if k["requirement"] == "VBO-KPI-02")
    assert plan["overall"]["numerator"] == 3 and plan["overall"]["denominator"] == 5


def test_the_workbook_has_the_quarter_native_charts_and_formats(clients, tmp_path):
    out = _run(clients, tmp_path, "xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:5] == ["Kwartaal", "Trend", "Grafieken", "Grafiekgegevens", "Doorlooptijden"]
    sheet = book["Kwartaal"]
    top = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "Eis")
    headers = [c.value for c in sheet[top]]
    assert headers[:5] == ["Eis", "KPI", "Norm", "2027-Q2", "Oordeel"]
    assert headers[6:8] == ["2027-Q1", "2026-Q2"]
    plan = next(r for r in sheet.iter_rows(min_row=top + 1) if r[0].value == "VBO-KPI-02")
    assert plan[3].value == 0.6 and plan[3].number_format == "0.0%"
    assert plan[6].value == 1 and plan[7].value == 0.8
    assert sheet.freeze_panes == f"C{top + 1}"  # the id and the KPI stay beside the values
    assert "Catalogus: catalog" in [sheet.cell(r, 1).value for r in range(1, top)]
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3  # VBO-KPI-01 to 03 come from the registrations; 04 (marks) from no survey here
    data = book["Grafiekgegevens"]
    assert [c.value for c in data[1]][:4] == [
        "Kwartaal",
        "VBO-KPI-01 waarde",
        "VBO-KPI-01 voorlopig",
        "VBO-KPI-01 norm",
    ]
    assert [data.cell(r, 1).value for r in (2, 9)] == ["2025-Q3", "2027-Q2"]  # oldest first, as a chart reads
    lead = book["Doorlooptijden"]
    assert lead.cell(2, 1).value == "2027-Q2"  # newest first
    assert lead.cell(2, 4).number_format == '0.0" uur"'


def test_the_default_quarter_is_the_latest_that_ended_on_the_reference_date():
    assert default_quarter(dt.date(2027, 12, 31)).label == "2027-Q4"
    assert default_quarter(dt.date(2027, 11, 15)).label == "2027-Q3"
    assert default_quarter(dt.date(2027, 1, 1)).label == "2026-Q4"
    assert shift("2027-Q1", -1) == "2026-Q4" and shift("2027-Q2", -4) == "2026-Q2"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2028-Q1", "kwartaal 2028-Q1 begint na de peildatum 31-12-2027"),
        ("2027", "'2027' is geen kwartaal"),
        ("2027-Q5", "'2027-Q5' is geen periode"),
    ],
)
def test_a_quarter_that_cannot_be_reported_is_refused(clients, tmp_path, period, message):
    out = tmp_path / "kwartaal.md"
    result = CliRunner().invoke(main, ["kwartaalrapportage", str(clients), *ARGS, "--period", period, "-o", str(out)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_chart_axes_have_round_ticks_and_labels_that_never_overlap():
    assert value_axis(True)[2] == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert value_axis(False)[2] == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    quarters = [f"{2020 + n // 4}-Q{n % 4 + 1}" for n in range(16)]
    assert label_step(quarters[:8], 496) == 1  # eight quarter labels fit
    step = label_step(quarters, 496)
    shown = quarters[::-1][::step]
    assert step == 2 and len(shown) * (7 * 6.2 + 10) <= 496  # every second label, the newest included


def test_the_kpi_workbook_formats_values_and_names_groups(clients, tmp_path):
    """The KPI report over 2027-Q2: 60% as a percentage, a mark with one decimal, labels for groups."""
    out = tmp_path / "kpi.xlsx"
    args = ["kpi", str(clients), *ARGS, "--period", "2027-Q2", "--format", "xlsx", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["KPI's"]
    top = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "Eis")
    headers = [c.value for c in sheet[top]]
    assert "Metric" not in headers and headers[3:6] == ["Waarde", "Teller", "Noemer"]
    plan = next(r for r in sheet.iter_rows(min_row=top + 1) if r[0].value == "VBO-KPI-02")
    assert (plan[3].value, plan[3].number_format, plan[3].alignment.horizontal) == (0.6, "0.0%", "right")
    assert (plan[4].value, plan[5].value) == (3, 5)
    assert plan[10].value == "Testdocument, 3 KPI's"  # the source: title and section
    groups = {r[2].value for r in book["Per doelgroep"].iter_rows(min_row=2)}
    assert groups == {"Acute dakloosheid"}
    venlo = next(r for r in book["Per gemeente"].iter_rows(min_row=2) if r[0].value == "VBO-KPI-02")
    assert (venlo[2].value, venlo[3].value) == ("Venlo", 0.6)  # 5 clients from Venlo: published
    with zipfile.ZipFile(out) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())  # value against norm, per KPI
