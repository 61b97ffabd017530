"""The kwartaalrapportage as Markdown, self-contained HTML (inline SVG charts), JSON and XLSX (native charts).

Input is a :class:`~generator.kpi.quarterly.QuarterlyReport`: one quarter's KPIs with the quarters
before it. The report opens with that quarter's results beside the previous quarter and the same
quarter a year earlier, then the trend over the last eight quarters, newest first, a chart per KPI
(round value ticks, quarter labels that never overlap, the norm as a dashed line, provisional
values as open markers), lead times and volumes, and the quarter per target group and municipality.
The JSON keeps the whole trend of the data up to the quarter, for other tools.
"""

from __future__ import annotations

from openpyxl.worksheet.pagebreak import Break

from generator.kpi.engine import EMPTY, VERDICT_LABELS, Cell, KpiResult, format_number, norm_text
from generator.kpi.quarterly import QuarterlyReport
from generator.render import kpi_report as k
from generator.render import labels
from generator.render import xlsx as wb
from generator.render.svg_chart import chart_svg
from generator.render.xlsx_charts import trend_chart

CHARTS_NOTE = (
    "Per KPI de waarde per kwartaal (blauwe lijn) tegen de norm (rode stippellijn). Een voorlopige waarde (gevallen "
    "nog in hun nazorgperiode of termijn) is een open oranje punt; LibreOffice toont het als een oranje punt."
)
CHARTS_TOP = 3  # the first chart's row on the sheet "Grafieken", below the explanation
CHART_ROWS = 15  # rows from one chart's top to the next (a chart is 7 cm high, a row about 0.45 cm)
CHART_RIGHT_COLUMN = "L"  # the second chart of a row: past the 15 cm of the first
LEAD_KEYS = ("mediaan_uren_tot_plan", "mediaan_uren_tot_opvang", "mediaan_verblijfsdagen")
LEAD_HEADERS = ("Meldingen", "Uitstroom", "Mediaan tot plan", "Mediaan tot start opvang", "Mediaan verblijf")
LEAD_NOTE = (
    "Mediaan tot plan en tot start opvang: uren na de melding; mediaan verblijf: dagen van start opvang tot "
    "uitstroom. <N: minder dan het minimum aantal cliënten; -: te weinig gevallen voor een mediaan."
)


def _title(q: QuarterlyReport) -> str:
    return f"Kwartaalrapportage {q.quarter}: {q.report.tender.title}"


def _period(q: QuarterlyReport) -> str:
    p = q.report.period
    return f"{q.quarter} ({labels.date(p.start)} t/m {labels.date(p.end)})" if p else q.quarter


def _chart_quarters(q: QuarterlyReport) -> list[str]:
    return list(reversed(q.window))  # a chart reads from left (oldest) to right (newest)


def _chart(q: QuarterlyReport, index: int, r: KpiResult) -> str:
    quarters = _chart_quarters(q)
    cells: list[Cell | None] = [q.series[index].get(quarter) for quarter in quarters]
    title = f"{r.label} per kwartaal tegen de norm ({norm_text(r.norm)})"
    return chart_svg(title, quarters, cells, k.target(r), k.share_kind(r))


def _lead_cells(row: dict | None, min_cell: int) -> list[str]:
    if row is None:
        return ["-"] * 5
    counts = [f"<{min_cell}" if row[key] is None else str(row[key]) for key in ("meldingen", "uitstroom")]
    hours = ["-" if row[key] is None else f"{format_number(row[key])} uur" for key in LEAD_KEYS[:2]]
    days = "-" if row[LEAD_KEYS[2]] is None else f"{format_number(row[LEAD_KEYS[2]], 0)} dagen"
    return [*counts, *hours, days]


def _lead_rows(q: QuarterlyReport) -> list[tuple[str, dict | None]]:
    """Lead times per quarter of the window, newest first."""
    found = {row["kwartaal"]: row for row in q.lead}
    return [(quarter, found.get(quarter)) for quarter in q.window]


# --- data -----------------------------------------------------------------------------------------


def as_data(q: QuarterlyReport) -> dict:
    data = k.as_data(q.report)
    data["kwartaal"] = q.quarter
    data["vorig_kwartaal"] = q.previous
    data["zelfde_kwartaal_vorig_jaar"] = q.year_before
    data["kwartalen"] = list(q.quarters)
    for entry, result, per_quarter in zip(data["kpis"], q.report.results, q.series, strict=True):
        entry["trend"] = {quarter: c.as_dict(result.kind) for quarter, c in per_quarter.items()}
    data["doorlooptijden"] = list(q.lead)
    return data


def to_json(q: QuarterlyReport, catalog: str = "") -> bytes:
    return k.dump(as_data(q))


# --- markdown -------------------------------------------------------------------------------------


def _comparison_headers(q: QuarterlyReport) -> list[str]:
    return [q.quarter, "Teller / noemer", "Oordeel", f"{q.previous} (vorig kwartaal)", f"{q.year_before} (vorig jaar)"]


def _comparison(q: QuarterlyReport, index: int, r: KpiResult) -> tuple[str, str, Cell, str, str]:
    n = q.report.min_cell
    now = q.cell(index, q.quarter) if q.quarter in q.series[index] else r.overall
    return (
        k.trend_text(r, now, n),
        k.counts_text(r, now),
        now,
        k.trend_text(r, q.cell(index, q.previous), n),
        k.trend_text(r, q.cell(index, q.year_before), n),
    )


def to_markdown(q: QuarterlyReport, catalog: str = "") -> bytes:
    report, n, md = q.report, q.report.min_cell, k.md
    lines = k.md_header(_title(q), report, catalog, _period(q))
    lines += [
        f"## Resultaten {q.quarter}",
        "",
        f"Het kwartaal naast het vorige kwartaal en hetzelfde kwartaal een jaar eerder. {TREND_LEGEND}",
        "",
        "| Eis | KPI | Norm | " + " | ".join(md(h) for h in _comparison_headers(q)) + " |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, r in enumerate(report.results):
        value, counts, now, before, year = _comparison(q, i, r)
        icon = "" if now.suppressed else k.VERDICT_ICONS.get(now.verdict, "") + " "
        lines.append(
            f"| {md(r.requirement.id)} | {md(r.title)} | {md(norm_text(r.norm))} | {value} | {counts} "
            f"| {icon}{k.verdict_text(now)} | {before} | {year} |"
        )
    notes = [r for r in report.results if k.note_text(r)]
    if notes:
        lines += ["", *[f"- {md(r.requirement.id)} {md(r.title)}: {md(k.note_text(r))}" for r in notes]]
    lines += ["", *k.md_impossible(report)]
    lines += [
        f"## {TREND_TITLE}",
        "",
        f"De laatste {len(q.window)} kwartalen tot en met {q.quarter}, het nieuwste eerst.",
        "",
        "| Eis | KPI | " + " | ".join(q.window) + " |",
        "|---|---|" + "---|" * len(q.window),
    ]
    for i, r in enumerate(report.results):
        values = [k.trend_text(r, q.cell(i, quarter), n) for quarter in q.window]
        lines.append(f"| {md(r.requirement.id)} | {md(r.title)} | " + " | ".join(values) + " |")
    lines += ["", k.TREND_NOTE, "", "## Grafieken", ""]
    for i, r in enumerate(report.results):
        if r.source == "clients":
            lines += [f"### {md(r.requirement.id)} {md(r.title)}", "", _chart(q, i, r), "", CHART_TABLE_MD, ""]
    lines += [
        "## Doorlooptijden en volumes",
        "",
        "| Kwartaal | " + " | ".join(LEAD_HEADERS) + " |",
        "|---|---|---|---|---|---|",
        *[f"| {quarter} | " + " | ".join(_lead_cells(row, n)) + " |" for quarter, row in _lead_rows(q)],
        "",
        md(LEAD_NOTE),
        "",
    ]
    lines += k.md_breakdowns(report, f" ({q.quarter})") + k.md_sources(report)
    return ("\n".join(lines).rstrip() + "\n").encode()


TREND_TITLE = "Trend per kwartaal"
TREND_ANCHOR = "trend-per-kwartaal"  # also the id MkDocs gives the heading "## Trend per kwartaal"
CHART_TABLE_MD = f"De cijfers van deze grafiek staan in de tabel [{TREND_TITLE}](#{TREND_ANCHOR}) hierboven."
TREND_LEGEND = "Een * of 'voorlopig' betekent dat gevallen nog in hun nazorgperiode of termijn zitten."


# --- html -----------------------------------------------------------------------------------------


def to_html(q: QuarterlyReport, catalog: str = "") -> bytes:
    report, n, e = q.report, q.report.min_cell, k.e
    body = k.html_header(_title(q), report, catalog, _period(q))
    rows = []
    for i, r in enumerate(report.results):
        value, counts, now, before, year = _comparison(q, i, r)
        rows.append(
            [e(r.requirement.id), e(r.title), e(norm_text(r.norm)), e(value), e(counts), k.html_verdict(now)]
            + [e(before), e(year)]
        )
    body += [
        f"<h2>Resultaten {e(q.quarter)}</h2>",
        f"<p>Het kwartaal naast het vorige kwartaal en hetzelfde kwartaal een jaar eerder. {e(TREND_LEGEND)}</p>",
        k.html_table(
            f"Resultaten {q.quarter}", ["Eis", "KPI", "Norm", *map(e, _comparison_headers(q))], rows, numeric=(3, 6, 7)
        ),
    ]
    notes = [r for r in report.results if k.note_text(r)]
    if notes:
        body.append(
            "<ul>"
            + "".join(f"<li>{e(r.requirement.id)} {e(r.title)}: {e(k.note_text(r))}</li>" for r in notes)
            + "</ul>"
        )
    body += k.html_impossible(report)
    body += [
        f"<h2>{TREND_TITLE}</h2>",
        f"<p>De laatste {len(q.window)} kwartalen tot en met {e(q.quarter)}, het nieuwste eerst. {e(k.TREND_NOTE)}</p>",
        k.html_table(
            TREND_TITLE,
            ["Eis", "KPI", *map(e, q.window)],
            [
                [e(r.requirement.id), e(r.title), *(e(k.trend_text(r, q.cell(i, quarter), n)) for quarter in q.window)]
                for i, r in enumerate(report.results)
            ],
            numeric=tuple(range(2, 2 + len(q.window))),
            ident=TREND_ANCHOR,
        ),
        "<h2>Grafieken</h2>",
    ]
    for i, r in enumerate(report.results):
        if r.source != "clients":
            continue
        body.append(
            f"<figure><h3>{e(r.requirement.id)} {e(r.title)}</h3>{_chart(q, i, r)}<figcaption>Waarde per kwartaal "
            f"(lijn) tegen de norm (rode stippellijn: {e(norm_text(r.norm))}); een open punt is voorlopig. "
            f'De cijfers staan in de tabel <a href="#{TREND_ANCHOR}">{TREND_TITLE}</a> hierboven.</figcaption></figure>'
        )
    body += [
        "<h2>Doorlooptijden en volumes</h2>",
        k.html_table(
            "Doorlooptijden en volumes",
            ["Kwartaal", *LEAD_HEADERS],
            [[e(quarter), *map(e, _lead_cells(row, n))] for quarter, row in _lead_rows(q)],
            numeric=(1, 2, 3, 4, 5),
        ),
        f"<p>{e(LEAD_NOTE)}</p>",
    ]
    body += k.html_breakdowns(report, f" ({q.quarter})") + k.html_sources(report)
    return k.html_page(_title(q), body)


# --- xlsx -----------------------------------------------------------------------------------------


def _xlsx_value(r: KpiResult, cell: Cell, n: int) -> wb.Number:
    if cell.suppressed:
        return wb.Number(f"<{n}")
    if cell.value is None:
        return wb.Number(k.trend_text(r, cell, n))
    return k.number(r, cell.value, bool(cell.pending))


def _xlsx_quarter(sheet, q: QuarterlyReport, catalog: str) -> None:
    report, n = q.report, q.report.min_cell
    headers = ["Eis", "KPI", "Norm", q.quarter, "Oordeel", "Nog voorlopig", q.previous, q.year_before, "Toelichting"]
    rows = []
    for i, r in enumerate(report.results):
        now = q.cell(i, q.quarter) if q.quarter in q.series[i] else r.overall
        rows.append(
            [
                r.requirement.id,
                r.title,
                norm_text(r.norm),
                _xlsx_value(r, now, n),
                k.NOT_PUBLISHED if now.suppressed else VERDICT_LABELS[now.verdict],
                wb.Number(now.pending, wb.INTEGER) if now.pending and not now.suppressed else None,
                _xlsx_value(r, q.cell(i, q.previous), n),
                _xlsx_value(r, q.cell(i, q.year_before), n),
                k.note_text(r),
            ]
        )
    title = k.title_lines(_title(q), report, catalog, _period(q))
    title.append(
        f"{q.previous}: het vorige kwartaal; {q.year_before}: hetzelfde kwartaal een jaar eerder. "
        "Cursief: voorlopig, een deel van de gevallen zit nog in de nazorgperiode of termijn."
    )
    widths = {"Eis": 12, "KPI": 28, "Norm": 30, q.quarter: 11, "Oordeel": 13, "Nog voorlopig": 10}
    widths |= {q.previous: 11, q.year_before: 11, "Toelichting": 36}
    numeric = (q.quarter, "Nog voorlopig", q.previous, q.year_before)
    wb.write_table(sheet, headers, rows, widths, freeze_through="KPI", numeric=numeric, title=title)


def _xlsx_trend(workbook, q: QuarterlyReport) -> None:
    n = q.report.min_cell
    rows = [
        [r.requirement.id, r.title, *(_xlsx_value(r, q.cell(i, quarter), n) for quarter in q.window)]
        for i, r in enumerate(q.report.results)
    ]
    widths = {"Eis": 12, "KPI": 30} | dict.fromkeys(q.window, 10)
    wb.write_table(
        workbook.create_sheet("Trend"), ["Eis", "KPI", *q.window], rows, widths, freeze_through="KPI", numeric=q.window
    )


def _xlsx_charts(workbook, q: QuarterlyReport) -> None:
    """Sheet "Grafieken" with a native line chart per KPI, its data on "Grafiekgegevens" (oldest quarter first)."""
    charted = [(i, r) for i, r in enumerate(q.report.results) if r.source == "clients"]
    if not charted:
        return
    charts = workbook.create_sheet("Grafieken")
    data = workbook.create_sheet("Grafiekgegevens")
    quarters = _chart_quarters(q)
    headers = ["Kwartaal"]
    for _i, r in charted:
        headers += [f"{r.requirement.id} waarde", f"{r.requirement.id} voorlopig", f"{r.requirement.id} norm"]
    rows = []
    for quarter in quarters:
        row: list = [quarter]
        for i, r in charted:
            cell = q.series[i].get(quarter, EMPTY)
            value = None if cell.suppressed or cell.value is None else cell.value
            fmt = wb.PERCENT if k.share_kind(r) else wb.DECIMAL
            scale = 100 if k.share_kind(r) else 1
            shown = None if value is None else round(value / scale, 4)
            row += [
                wb.Number(shown, fmt),
                wb.Number(shown if cell.pending else None, fmt),
                wb.Number(round(k.target(r) / scale, 4), fmt),
            ]
        rows.append(row)
    top = wb.write_table(data, headers, rows, dict.fromkeys(headers, 13), numeric=headers[1:])
    charts["A1"] = CHARTS_NOTE
    for number, (_i, r) in enumerate(charted):
        title = f"{r.requirement.id} {r.requirement.title}"
        chart = trend_chart(data, title, (1, top + 1, top + len(rows)), 2 + 3 * number, k.share_kind(r))
        row = CHARTS_TOP + (number // 2) * CHART_ROWS
        charts.add_chart(chart, f"{'A' if number % 2 == 0 else CHART_RIGHT_COLUMN}{row}")
        if number % 4 == 3 and number + 1 < len(charted):  # four charts a page, none cut in two
            charts.row_breaks.append(Break(id=row + CHART_ROWS - 1))


def _xlsx_lead(workbook, q: QuarterlyReport) -> None:
    n = q.report.min_cell
    rows = []
    for quarter, row in _lead_rows(q):
        if row is None:
            rows.append([quarter, None, None, None, None, None])
            continue
        rows.append(
            [
                quarter,
                *(
                    wb.Number(f"<{n}" if row[key] is None else row[key], wb.INTEGER)
                    for key in ("meldingen", "uitstroom")
                ),
                *(wb.Number(row[key], wb.HOURS) for key in LEAD_KEYS[:2]),
                wb.Number(row[LEAD_KEYS[2]], wb.DAYS),
            ]
        )
    headers = ["Kwartaal", *LEAD_HEADERS]
    wb.write_table(
        workbook.create_sheet("Doorlooptijden"), headers, rows, dict.fromkeys(headers, 14), numeric=headers[1:]
    )


def to_xlsx(q: QuarterlyReport, catalog: str = "") -> bytes:
    workbook = wb.new_workbook()
    sheet = workbook.active
    sheet.title = "Kwartaal"
    _xlsx_quarter(sheet, q, catalog)
    _xlsx_trend(workbook, q)
    _xlsx_charts(workbook, q)
    _xlsx_lead(workbook, q)
    k.xlsx_breakdowns(workbook, q.report)
    k.xlsx_notes(workbook, q.report, [["Doorlooptijden", LEAD_NOTE]])
    return wb.save_workbook(workbook, k.page_header(f"Kwartaalrapportage {q.quarter}", q.report, catalog))


RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json, "xlsx": to_xlsx}


def render(fmt: str, q: QuarterlyReport, catalog: str = "") -> bytes:
    return RENDERERS[fmt](q, catalog)
