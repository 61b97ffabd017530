"""Reports, monitor export, calendar (parsed back with icalendar) and the demo generator."""

from __future__ import annotations

import datetime as dt

import icalendar
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import main
from generator.kpi import demo

from .conftest import FIXTURE_CATALOG

REAL = FIXTURE_CATALOG.parents[2] / "requirements"


def _demo(tmp_path):
    result = CliRunner().invoke(
        main, ["demo-data", "-o", str(tmp_path), "--rows", "300", "--seed", "7", "--start", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path / "clienten.csv"


def test_demo_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    demo.write_demo(tmp_path / "a", 200, seed=3)
    demo.write_demo(tmp_path / "b", 200, seed=3)
    for name in ("clienten.csv", "zrm.csv", "scores.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert len((tmp_path / "a" / "clienten.csv").read_text().splitlines()) == 201


def test_reports_in_every_format(tmp_path):
    clients = _demo(tmp_path)
    common = [
        "--tender",
        "voorbeeld-opvang",
        "--catalog",
        str(FIXTURE_CATALOG),
        "--survey",
        str(tmp_path / "scores.yaml"),
    ]
    runner = CliRunner()
    for command in ("kpi", "kwartaalrapportage"):
        for fmt in ("md", "html", "json", "xlsx"):
            out = tmp_path / f"{command}.{fmt}"
            result = runner.invoke(main, [command, str(clients), *common, "--format", fmt, "-o", str(out)])
            assert result.exit_code == 0, result.output
            assert out.stat().st_size > 0
    html = (tmp_path / "kwartaalrapportage.html").read_text()
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script>" not in html  # catalog text is escaped
    assert "K0000001" not in html and "K0000001" not in (tmp_path / "kpi.md").read_text()
    book = load_workbook(tmp_path / "kwartaalrapportage.xlsx")
    assert {"Kwartaal", "Per doelgroep", "Per gemeente", "Trend", "Grafieken", "Doorlooptijden"} <= set(book.sheetnames)
    assert len(book["Grafieken"]._charts) >= 1  # native charts, one per KPI from the registrations
    # Same input, same bytes (xlsx too).
    again = tmp_path / "again.xlsx"
    runner.invoke(main, ["kwartaalrapportage", str(clients), *common, "--format", "xlsx", "-o", str(again)])
    assert again.read_bytes() == (tmp_path / "kwartaalrapportage.xlsx").read_bytes()


def test_monitor_export_is_aggregated(tmp_path):
    clients = _demo(tmp_path)
    out = tmp_path / "monitor.xlsx"
    result = CliRunner().invoke(
        main,
        ["monitor", str(clients), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert {"Start en einde", "Vervolgplek", "Terugval", "Reden uitstroom", "Toelichting"} <= set(book.sheetnames)
    cells = [str(c.value) for sheet in book for r in sheet.iter_rows() for c in r if c.value is not None]
    assert not any(value.startswith("K00") for value in cells)  # no client ids


def test_calendar_parses_and_has_the_duties(tmp_path):
    out = tmp_path / "plichten.ics"
    result = CliRunner().invoke(
        main,
        [
            "calendar",
            "--tender",
            "voorbeeld-opvang",
            "--year",
            "2027",
            "--catalog",
            str(FIXTURE_CATALOG),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = [(e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT")]
    # VBO-REP-01: 4 quarterly reports, due the last weekday of the month after each quarter.
    reports = sorted(d for d, s in events if "VBO-REP-01" in s)
    assert reports == [dt.date(2027, 4, 30), dt.date(2027, 7, 30), dt.date(2027, 10, 29), dt.date(2028, 1, 31)]
    # VBO-REP-02 (a yearly evaluation) is information that binds no one: no event.
    assert [d for d, s in events if "VBO-REP-02" in s] == []
    assert all(e.decoded("dtstamp") == dt.datetime(2027, 1, 1, tzinfo=dt.UTC) for e in cal.walk("VEVENT"))
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    again = tmp_path / "again.ics"
    CliRunner().invoke(
        main,
        [
            "calendar",
            "--tender",
            "voorbeeld-opvang",
            "--year",
            "2027",
            "--catalog",
            str(FIXTURE_CATALOG),
            "-o",
            str(again),
        ],
    )
    assert again.read_bytes() == out.read_bytes()


def _trend_row(text: str, requirement: str) -> dict[str, str]:
    """The trend table of a quarterly report in Markdown: quarter -> cell of *requirement*'s row."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## Trend per kwartaal"))
    header = next(line for line in lines[start:] if line.startswith("| Eis | KPI |"))
    quarters = [cell.strip() for cell in header.strip("|").split("|")][2:]
    row = next(line for line in lines[start:] if line.startswith(f"| {requirement} |"))
    return dict(zip(quarters, [cell.strip() for cell in row.strip("|").split("|")][2:], strict=True))


def test_trend_shows_pending_quarters_as_provisional_not_as_zero(tmp_path):
    """Exits in 2025-Q1 are past their 2-year follow-up on 31-12-2027; exits in 2027-Q2 are not yet.

    6 clients left in 2025-Q1, 5 of them without a new report: 5/6 = 83,3% durable. 6 clients left in
    2027-Q2: all pending, so the quarter shows 'voorlopig', never 0%. The trend shows the eight quarters
    up to the report's quarter: 2027-Q2 in the report of 2027-Q4, 2025-Q1 in the report of 2026-Q4.
    """
    from .conftest import row, write_clients

    rows = [row(f"A{i}", "2025-01-06 09:00", uit="2025-02-10") for i in range(6)]
    rows.append(row("A0", "2025-09-01 09:00"))  # A0 reports again after 7 months: a relapse
    rows += [row(f"B{i}", "2027-04-05 09:00", uit="2027-05-10") for i in range(6)]
    clients = write_clients(tmp_path / "clienten.csv", rows)
    cells = {}
    for period in ("2027-Q4", "2026-Q4"):
        out = tmp_path / f"kwartaal-{period}.md"
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
                "2027-12-31",
                "--period",
                period,
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "voorlopig: alle gevallen van dit kwartaal" in text
        cells |= _trend_row(text, "VBO-KPI-01")
    assert cells["2025-Q1"] == "83,3%"
    assert cells["2027-Q2"] == "voorlopig"
