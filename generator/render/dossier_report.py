"""The contract dossier as Markdown, self-contained HTML (inline SVG charts) and XLSX (native charts), in Dutch.

Input is a :class:`~generator.dossier.analysis.Dossier`: aggregates from KPI reports that were already
suppressed where they rest on few clients; a suppressed cell shows ``<N`` and never a number. Every
text from the reports is escaped (:func:`generator.site.markdown.inline` for Markdown, HTML escaping,
text cells in Excel). The same dossier gives the same bytes.
"""

from __future__ import annotations

import html

from generator.dossier.analysis import AGENDA_KINDS, AGENDA_TITLES, Dossier, KpiInfo, Point, format_value
from generator.dossier.reports import Cell
from generator.render.html_page import page, table_region
from generator.render.svg_chart import axis_labels
from generator.render.xlsx import new_workbook, save_workbook, text_cell, write_table
from generator.site.markdown import inline

FORMATS = ("md", "html", "xlsx")
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")
VERDICT_MARKS = {"voldoet": "✔", "voldoet_niet": "✘"}
LEGEND = (
    "✔ voldoet, ✘ voldoet niet; * voorlopig: er zijn nog gevallen die niet te beoordelen zijn, tussen haakjes "
    "de laagste en hoogste uitkomst die nog mogelijk is; <N: gebaseerd op minder dan N cliënten, niet "
    "gepubliceerd; geen rapport: de aanbieder leverde over deze periode geen KPI-rapport aan; –: de KPI staat "
    "niet in het rapport."
)


def render(dossier: Dossier, fmt: str) -> bytes:
    if fmt == "md":
        return render_markdown(dossier).encode("utf-8")
    if fmt == "html":
        return render_html(dossier).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(dossier)
    raise ValueError(fmt)


def cell_text(kpi: KpiInfo, point: Point, min_cel: int) -> str:
    """One period of one provider: value, verdict mark, provisional range; or why there is none."""
    if not point.reported:
        return "geen rapport"
    cell = point.cell
    if cell is None:
        return "–"
    if cell.suppressed:
        return f"<{min_cel}"
    if cell.verdict == "onvoldoende_data":
        return "onvoldoende data"
    text = format_value(kpi, cell.value) if cell.value is not None else "voorlopig"
    if cell.provisional:
        text += "*" if cell.value is not None else ""
        if cell.lower is not None and cell.upper is not None:
            text += f" ({format_value(kpi, cell.lower)}–{format_value(kpi, cell.upper)})"
    mark = VERDICT_MARKS.get(cell.verdict or "")
    return f"{text} {mark}" if mark else text


def _intro(dossier: Dossier) -> list[str]:
    periods = dossier.periods
    span = periods[0] if len(periods) == 1 else f"{periods[0]} tot en met {periods[-1]}"
    who = "Aanbieder" if len(dossier.providers) == 1 else "Aanbieders"
    return [
        f"{who}: {', '.join(dossier.providers)}. Perioden: {span}. "
        f"{len(dossier.reports)} KPI-rapporten; laatste peildatum {dossier.peildatum:%d-%m-%Y}.",
        f"Cellen met minder dan {dossier.min_cel} cliënten zijn niet gepubliceerd.",
    ]


def _agenda_line(item) -> str:
    what = f"{item.kpi.requirement} {item.kpi.title}: " if item.kpi else ""
    return f"{item.provider}: {what}{item.text}"


RUNS_TITLE = "Normen twee of meer perioden op rij niet gehaald"


# --- chart ----------------------------------------------------------------------------------------


def chart_svg(dossier: Dossier, kpi: KpiInfo) -> str:
    """One line per provider over the periods, the norm as a dashed line; provisional points open.

    The chart shrinks with the page; period labels never overlap (every n-th shown, the newest always,
    as in :mod:`generator.render.svg_chart`) and the legend wraps onto as many rows as the providers need.
    """
    series = dossier.series_of(kpi)
    periods = dossier.periods
    width, left, right, top, bottom = 600, 52, 16, 16, 40
    plot_h = 166
    legend = _legend_items([s.provider for s in series], left, width - right)
    rows = max((row for _x, row, _name in legend), default=0) + 1
    height = top + plot_h + bottom + LEGEND_ROW * rows
    low, high = (0.0, 100.0) if kpi.percent else (1.0, 10.0)
    plot_w = width - left - right

    def y(v: float) -> float:
        return top + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))

    def x(i: int) -> float:
        return left + plot_w * (i + 0.5) / max(len(periods), 1)

    title = f"{kpi.requirement} {kpi.title} per periode en aanbieder tegen de norm ({kpi.norm_text})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto" role="img" aria-label="{html.escape(title)}">'
        f"<title>{html.escape(title)}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f7f9fb" stroke="#c8d1da"/>',
    ]
    for k in range(5):
        tick = low + (high - low) * k / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e1e6eb"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" fill="#444">'
            f"{format_value(kpi, tick)}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y(kpi.target):.1f}" y2="{y(kpi.target):.1f}" stroke="#b02a2a" '
        f'stroke-width="2" stroke-dasharray="6 4"/><text x="{left + plot_w - 4}" y="{y(kpi.target) - 5:.1f}" '
        f'font-size="11" text-anchor="end" fill="#b02a2a">norm {html.escape(format_value(kpi, kpi.target))}</text>'
    )
    for i, place in axis_labels(periods, [x(i) for i in range(len(periods))], width):
        parts.append(
            f'<text x="{place:.1f}" y="{top + plot_h + 16}" font-size="10" text-anchor="middle" fill="#444">'
            f"{html.escape(periods[i])}</text>"
        )
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        run: list[tuple[float, float]] = []
        runs = [run]
        for i, point in enumerate(s.points):
            cell = point.cell
            if cell is None or cell.suppressed or cell.value is None:
                run = []
                runs.append(run)
                continue
            if cell.provisional and cell.lower is not None and cell.upper is not None:
                parts.append(
                    f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{y(cell.lower):.1f}" y2="{y(cell.upper):.1f}" '
                    f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="2 2"/>'
                )
            run.append((x(i), y(cell.value)))
            fill = "#fff" if cell.provisional else colour
            label = html.escape(f"{s.provider}, {point.period}: {cell_text(s.kpi, point, dossier.min_cel)}")
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(cell.value):.1f}" r="4.5" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2"><title>{label}</title></circle>'
            )
        for line in runs:
            if len(line) > 1:
                points = " ".join(f"{px:.1f},{py:.1f}" for px, py in line)
                parts.insert(2, f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    legend_top = top + plot_h + bottom - 8
    for index, (legend_x, row, name) in enumerate(legend):
        colour = COLOURS[index % len(COLOURS)]
        row_y = legend_top + LEGEND_ROW * row
        parts.append(
            f'<rect x="{legend_x:.1f}" y="{row_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16:.1f}" y="{row_y}" font-size="11" fill="#222">{html.escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


LEGEND_ROW = 18  # pixels from one legend row to the next
LEGEND_CHARS = 48  # a longer provider name is shortened with "…" in the legend (the table has it whole)
LEGEND_PIXELS_PER_CHAR = 7.0  # a character at font size 11, generously


def _legend_items(names: list[str], left: float, right: float) -> list[tuple[float, int, str]]:
    """Where each legend entry goes: (x, row, shown name); an entry that does not fit starts a new row."""
    items = []
    x, row = left, 0
    for name in names:
        shown = name if len(name) <= LEGEND_CHARS else name[: LEGEND_CHARS - 1] + "…"
        needed = 16 + len(shown) * LEGEND_PIXELS_PER_CHAR + 18
        if x > left and x + needed > right:
            x, row = left, row + 1
        items.append((x, row, shown))
        x += needed
    return items


# --- Markdown -------------------------------------------------------------------------------------


def render_markdown(dossier: Dossier) -> str:
    lines = [f"# Contractdossier {inline(dossier.title)}", ""]
    lines += [inline(line) for line in _intro(dossier)] + [""]
    lines += ["## Concept-agenda voor het volgende accountgesprek", ""]
    if not dossier.agenda:
        lines += ["Geen punten: alle normen gehaald, niets voorlopig en geen gegevens die ontbreken.", ""]
    for kind in AGENDA_KINDS:
        items = [i for i in dossier.agenda if i.kind == kind]
        if items:
            lines += [f"### {AGENDA_TITLES[kind]}", ""]
            lines += [f"- {inline(_agenda_line(item))}" for item in items]
            lines.append("")
    lines += [f"## {RUNS_TITLE}", ""]
    if dossier.runs:
        lines += ["| Eis | KPI | Aanbieder | Perioden | Nog steeds |", "|---|---|---|---|---|"]
        for run in dossier.runs:
            lines.append(
                f"| {inline(run.kpi.requirement)} | {inline(run.kpi.title)} | {inline(run.provider)} | "
                f"{inline(run.periods[0])} t/m {inline(run.periods[-1])} ({len(run.periods)}) | "
                f"{'ja' if run.current else 'nee'} |"
            )
    else:
        lines.append("Geen.")
    lines += ["", "## Per KPI", "", inline(LEGEND), ""]
    for kpi in dossier.kpis:
        lines += [f"### {inline(kpi.requirement)} {inline(kpi.title)}", "", f"Norm: {inline(kpi.norm_text)}.", ""]
        lines += [chart_svg(dossier, kpi), "", CHART_TABLE, ""]
        lines.append("| Aanbieder | " + " | ".join(inline(p) for p in dossier.periods) + " |")
        lines.append("|---|" + "---|" * len(dossier.periods))
        for s in dossier.series_of(kpi):
            cells = [inline(cell_text(kpi, p, dossier.min_cel)) for p in s.points]
            lines.append(f"| {inline(s.provider)} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["## Bronnen", ""]
    lines += [f"- {inline(r.file)}: {inline(r.provider)}, {inline(r.period)}" for r in dossier.reports]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML -----------------------------------------------------------------------------------------

CSS = "h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem}.meta{color:#555}figure{margin:1rem 0}"
CHART_TABLE = "De cijfers van deze grafiek staan in de tabel eronder."


def _table(label: str, headers: list[str], rows: list[list[str]], ident: str = "") -> str:
    """A table of plain texts (escaped here) in a box that scrolls sideways, named *label*."""
    e = html.escape
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return table_region(label, f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", ident)


def render_html(dossier: Dossier) -> str:
    e = html.escape
    out = [
        f"<h1>Contractdossier {e(dossier.title)}</h1>",
        *[f'<p class="meta">{e(line)}</p>' for line in _intro(dossier)],
        "<h2>Concept-agenda voor het volgende accountgesprek</h2>",
    ]
    if not dossier.agenda:
        out.append("<p>Geen punten: alle normen gehaald, niets voorlopig en geen gegevens die ontbreken.</p>")
    for kind in AGENDA_KINDS:
        items = [i for i in dossier.agenda if i.kind == kind]
        if items:
            out.append(f"<h3>{e(AGENDA_TITLES[kind])}</h3><ul>")
            out += [f"<li>{e(_agenda_line(item))}</li>" for item in items]
            out.append("</ul>")
    out.append(f"<h2>{RUNS_TITLE}</h2>")
    if dossier.runs:
        rows = [
            [
                run.kpi.requirement,
                run.kpi.title,
                run.provider,
                f"{run.periods[0]} t/m {run.periods[-1]} ({len(run.periods)})",
                "ja" if run.current else "nee",
            ]
            for run in dossier.runs
        ]
        out.append(_table(RUNS_TITLE, ["Eis", "KPI", "Aanbieder", "Perioden", "Nog steeds"], rows))
    else:
        out.append("<p>Geen.</p>")
    out += ["<h2>Per KPI</h2>", f'<p class="meta">{e(LEGEND)}</p>']
    for number, kpi in enumerate(dossier.kpis, start=1):
        name = f"{kpi.requirement} {kpi.title}"
        out.append(f"<h3>{e(name)}</h3><p>Norm: {e(kpi.norm_text)}.</p>")
        caption = f'De cijfers van deze grafiek staan in <a href="#kpi-{number}">de tabel eronder</a>.'
        out.append(f"<figure>{chart_svg(dossier, kpi)}<figcaption>{caption}</figcaption></figure>")
        rows = [[s.provider, *(cell_text(kpi, p, dossier.min_cel) for p in s.points)] for s in dossier.series_of(kpi)]
        out.append(_table(f"{name} per periode", ["Aanbieder", *dossier.periods], rows, f"kpi-{number}"))
    out.append("<h2>Bronnen</h2><ul>")
    out += [f"<li>{e(r.file)}: {e(r.provider)}, {e(r.period)}</li>" for r in dossier.reports]
    out.append("</ul>")
    return page(f"Contractdossier {dossier.title}", out, CSS)


# --- XLSX -----------------------------------------------------------------------------------------


def render_xlsx(dossier: Dossier) -> bytes:
    from openpyxl.chart import LineChart, Reference

    workbook = new_workbook()
    agenda = workbook.active
    agenda.title = "Agenda"
    write_table(
        agenda,
        ["Agendapunt", "Aanbieder", "Eis", "KPI", "Wat"],
        [
            [
                AGENDA_TITLES[item.kind],
                item.provider,
                item.kpi.requirement if item.kpi else "",
                item.kpi.title if item.kpi else "",
                item.text,
            ]
            for item in dossier.agenda
        ],
        {"Agendapunt": 40, "Aanbieder": 26, "KPI": 36, "Wat": 80},
    )
    trend = workbook.create_sheet("Trend")
    rows = []
    for kpi in dossier.kpis:
        for s in dossier.series_of(kpi):
            rows.append(
                [kpi.requirement, kpi.title, kpi.norm_text, s.provider]
                + [cell_text(kpi, p, dossier.min_cel) for p in s.points]
            )
    write_table(
        trend,
        ["Eis", "KPI", "Norm", "Aanbieder", *dossier.periods],
        rows,
        {"KPI": 36, "Norm": 36, "Aanbieder": 26},
    )
    runs = workbook.create_sheet("Op rij niet gehaald")
    write_table(
        runs,
        ["Eis", "KPI", "Aanbieder", "Van", "Tot en met", "Perioden", "Nog steeds"],
        [
            [
                r.kpi.requirement,
                r.kpi.title,
                r.provider,
                r.periods[0],
                r.periods[-1],
                len(r.periods),
                "ja" if r.current else "nee",
            ]
            for r in dossier.runs
        ],
        {"KPI": 36, "Aanbieder": 26},
    )
    charts = workbook.create_sheet("Grafieken")
    text_cell(charts, LEGEND, 1, 1)
    row = 3
    for kpi in dossier.kpis:
        series = dossier.series_of(kpi)
        text_cell(charts, f"{kpi.requirement} {kpi.title} (norm: {kpi.norm_text})", row, 1)
        header = row + 1
        text_cell(charts, "Periode", header, 1)
        for column, s in enumerate(series, start=2):
            text_cell(charts, s.provider, header, column)
        text_cell(charts, "Norm", header, len(series) + 2)
        for offset, period in enumerate(dossier.periods, start=1):
            text_cell(charts, period, header + offset, 1)
            for column, s in enumerate(series, start=2):
                cell = s.points[offset - 1].cell
                if _plotted(cell):
                    charts.cell(header + offset, column, round(cell.value, 2))
            charts.cell(header + offset, len(series) + 2, kpi.target)
        last = header + len(dossier.periods)
        chart = LineChart()
        chart.title = f"{kpi.requirement} {kpi.title}"[:80]
        chart.y_axis.title = "%" if kpi.percent else "cijfer"
        chart.height, chart.width = 7, 16
        data = Reference(charts, min_col=2, max_col=len(series) + 2, min_row=header, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(charts, min_col=1, min_row=header + 1, max_row=last))
        charts.add_chart(chart, f"{chr(ord('A') + len(series) + 3)}{row}")
        row = max(last + 2, row + 16)
    charts.column_dimensions["A"].width = 14
    return save_workbook(workbook, f"Contractdossier {dossier.title}")


def _plotted(cell: Cell | None) -> bool:
    return cell is not None and not cell.suppressed and cell.value is not None
