"""The KPI report as Markdown, self-contained HTML, JSON and XLSX, and the pieces the quarterly report shares.

Input is a :class:`~generator.kpi.engine.KpiReport`: aggregates only, never a client-level row.
Suppressed cells show ``<N`` (fewer than N clients) instead of numbers and verdict. Everything a
person reads uses labels (a target group's label, a metric's label), dates as ``31-12-2027`` and
sources by title and section. The header names the tender, the catalog, the reference date, the
period and the contract period, with a plain warning when the report reaches past the contract.
"""

from __future__ import annotations

import html
import json

from generator.kpi import metrics as m
from generator.kpi.engine import VERDICT_LABELS, Cell, KpiReport, KpiResult, format_number, norm_text
from generator.render import labels
from generator.render import xlsx as wb
from generator.render.html_page import page, table_region
from generator.render.xlsx_charts import norm_chart
from generator.site.markdown import inline

FORMATS = ("md", "html", "json", "xlsx")
VERDICT_ICONS = {"voldoet": "✔", "voldoet_niet": "✘", "voorlopig": "…", "onvoldoende_data": "?"}
NOT_PUBLISHED = "niet gepubliceerd"
TREND_NOTE = (
    "voorlopig: alle gevallen van dit kwartaal zitten nog in hun nazorgperiode of termijn; "
    "*: een deel wel, de waarde is het aandeel onder de definitief beoordeelde gevallen en kan nog "
    "veranderen; -: geen gevallen."
)
PROVISIONAL_NOTE = (
    "Voorlopig: de nazorgperiode of termijn is op de peildatum nog niet verstreken; de waarde is het aandeel "
    "onder de definitief beoordeelde gevallen, met de laagste en hoogste uitkomst die nog mogelijk is."
)


# --- text of a cell --------------------------------------------------------------------------------


def share_kind(result: KpiResult) -> bool:
    """Whether the result is a percentage (a share) rather than a mark."""
    return result.kind == "share" and result.norm.unit != "score"


def _percent(result: KpiResult) -> str:
    return "%" if share_kind(result) else ""


def all_pending(cell: Cell) -> bool:
    """Every case of the cell is still in its follow-up period: no value can be shown yet."""
    return not cell.suppressed and cell.pending > 0 and cell.denominator == 0


def value_text(result: KpiResult, cell: Cell, min_cell: int) -> str:
    if cell.suppressed:
        return f"<{min_cell} cliënten"
    if all_pending(cell):
        return "voorlopig"
    if cell.value is None:
        return "-"
    return format_number(cell.value) + _percent(result)


def trend_text(result: KpiResult, cell: Cell, min_cell: int) -> str:
    """A quarter's value; ``voorlopig`` when all its cases are pending, ``*`` when some are."""
    text = value_text(result, cell, min_cell)
    if cell.suppressed:
        return f"<{min_cell}"
    return text + "*" if cell.pending and not all_pending(cell) else text


def range_text(result: KpiResult, cell: Cell) -> str:
    """'uitkomst 36,4-90,9%': the lowest and highest value the final result can take."""
    pct = _percent(result)
    return f"uitkomst {format_number(cell.lower)}{pct} tot {format_number(cell.upper)}{pct}"


def counts_text(result: KpiResult, cell: Cell) -> str:
    if cell.suppressed or (cell.denominator == 0 and not cell.pending):
        return ""
    if result.kind == "mean":
        return f"n = {cell.denominator}"
    if cell.denominator == 0:
        return f"{cell.pending} voorlopig, {range_text(result, cell)}"
    text = f"{int(cell.numerator)} / {cell.denominator}"
    return text + (f"; +{cell.pending} voorlopig, {range_text(result, cell)}" if cell.pending else "")


def verdict_text(cell: Cell) -> str:
    return NOT_PUBLISHED if cell.suppressed else VERDICT_LABELS[cell.verdict]


def note_text(result: KpiResult) -> str:
    """The note of a result and, for a metric that approximates the tender's wording, how."""
    parts = [result.note] if result.note else []
    if result.approximation:
        parts.append(f"benadering: {result.approximation}")
    return "; ".join(parts)


def approximations(report: KpiReport) -> list[KpiResult]:
    """One result per metric that approximates the tender's wording."""
    seen: dict[str, KpiResult] = {}
    for r in report.results:
        if r.approximation:
            seen.setdefault(r.norm.metric, r)
    return list(seen.values())


def target(result: KpiResult) -> float:
    """The value the norm line of a chart shows: the required share or mark."""
    return m.required(result.norm)[1] if result.source == "clients" else result.norm.value


def sources(report: KpiReport) -> list[tuple[str, list[str]]]:
    """Each source (title and section) of the report's KPIs with the requirement ids that cite it."""
    found: dict[str, list[str]] = {}
    for r in report.results:
        ids = found.setdefault(labels.source(r.requirement, report.tender), [])
        if r.requirement.id not in ids:
            ids.append(r.requirement.id)
    return list(found.items())


# --- header ---------------------------------------------------------------------------------------


def facts(report: KpiReport, catalog: str, period: str | None = None) -> list[tuple[str, str]]:
    """The header of a report: what it is about, from which catalog, on which day, over which period."""
    tender = report.tender
    if period is None:
        period = (
            f"{report.period.label} ({labels.date(report.period.start)} t/m {labels.date(report.period.end)})"
            if report.period
            else "alle registraties tot de peildatum"
        )
    out = [("Aanbieder", report.provider)] if report.provider else []
    out += [
        ("Aanbesteding", f"{tender.title}, {tender.region}"),
        ("Catalogus", catalog),
        ("Contractperiode", labels.contract_period(tender)),
        ("Peildatum", labels.date(report.peildatum)),
        ("Periode", period),
        ("Trajecten", f"{report.rows} in de registratie"),
    ]
    return out


def warnings(report: KpiReport) -> list[str]:
    first = report.period.start if report.period else None
    warning = labels.outside_contract(report.tender, first, report.peildatum)
    return [warning] if warning else []


def suppression_note(report: KpiReport) -> str:
    n = report.min_cell
    return f"Cellen met minder dan {n} cliënten zijn niet gepubliceerd (<{n}). {PROVISIONAL_NOTE}"


def group_rows(result: KpiResult) -> list[tuple[str, Cell]]:
    return [(labels.group(k), c) for k, c in result.by_group.items()]


def place_rows(result: KpiResult) -> list[tuple[str, Cell]]:
    return [(labels.place(k), c) for k, c in result.by_municipality.items()]


BREAKDOWNS = (("Per doelgroep", "Doelgroep", group_rows), ("Per gemeente van herkomst", "Gemeente", place_rows))


# --- data -----------------------------------------------------------------------------------------


def kpi_dict(r: KpiResult) -> dict:
    return {
        "requirement": r.requirement.id,
        "title": r.requirement.title,
        "metric": r.norm.metric,
        "label": r.label,
        "source": r.source,
        "norm": r.norm.as_dict(),
        "norm_text": norm_text(r.norm),
        "note": r.note,
        "approximation": r.approximation,
        "overall": r.overall.as_dict(r.kind),
        "per_doelgroep": {k: c.as_dict(r.kind) for k, c in r.by_group.items()},
        "per_gemeente": {k: c.as_dict(r.kind) for k, c in r.by_municipality.items()},
    }


def as_data(report: KpiReport) -> dict:
    """The report as plain data (the JSON output); suppressed cells carry no numbers."""
    return {
        "format_version": 2,
        "tender": report.tender.id,
        "tender_title": report.tender.title,
        "provider": report.provider,
        "peildatum": report.peildatum.isoformat(),
        "period": report.period.label if report.period else None,
        "periode": report.period.label if report.period else None,
        "min_cel": report.min_cell,
        "trajecten": report.rows,
        "kpis": [kpi_dict(r) for r in report.results],
        "onmogelijke_datums": dict(report.impossible),
        "bevindingen": [p.as_dict() for p in report.findings],
        "niet_berekend": [
            {"requirement": req.id, "metric": norm.metric, "reden": why} for req, norm, why in report.not_computed
        ],
    }


def dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def to_json(report: KpiReport, catalog: str = "") -> bytes:
    return dump(as_data(report))


# --- markdown -------------------------------------------------------------------------------------


def md(text: object) -> str:
    """Text shown literally in Markdown, as HTML and as Markdown (see :func:`generator.site.markdown.inline`)."""
    return inline(text)


def md_header(title: str, report: KpiReport, catalog: str, period: str | None = None) -> list[str]:
    lines = [f"# {md(title)}", ""]
    lines += [f"- **{name}:** {md(value)}" for name, value in facts(report, catalog, period)]
    lines.append("")
    lines += [f"**{md(w)}**" for w in warnings(report)] + ([""] if warnings(report) else [])
    return [*lines, md(suppression_note(report)), ""]


def md_results(report: KpiReport) -> list[str]:
    """The results table; the value, count and verdict texts are made here from numbers (no escaping needed)."""
    lines = [
        "| Eis | KPI | Norm | Waarde | Teller / noemer | Oordeel |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.results:
        c = r.overall
        icon = "" if c.suppressed else VERDICT_ICONS.get(c.verdict, "") + " "
        lines.append(
            f"| {md(r.requirement.id)} | {md(r.title)} | {md(norm_text(r.norm))} "
            f"| {value_text(r, c, report.min_cell)} | {counts_text(r, c)} | {icon}{verdict_text(c)} |"
        )
    notes = [r for r in report.results if note_text(r)]
    if notes:
        lines += ["", *[f"- {md(r.requirement.id)} {md(r.title)}: {md(note_text(r))}" for r in notes]]
    return [*lines, ""]


def md_impossible(report: KpiReport) -> list[str]:
    if not report.impossible:
        return []
    lines = [
        "## Onmogelijke datums",
        "",
        "Deze trajecten hebben datums in een onmogelijke volgorde; ze tellen niet mee voor de KPI's die die "
        "termijn gebruiken (nooit als 'voldoet'). Controleer ze in de registratie.",
        "",
    ]
    lines += [f"- {md(what)}: {count} trajecten" for what, count in report.impossible.items()]
    lines += ["", *[f"- `{md(p.format())}`" for p in report.findings], ""]
    return lines


def md_breakdowns(report: KpiReport, suffix: str = "") -> list[str]:
    lines: list[str] = []
    for title, column, rows_of in BREAKDOWNS:
        lines += [f"## {title}{suffix}", ""]
        for r in report.results:
            rows = rows_of(r)
            if not rows:
                continue
            lines += [
                f"### {md(r.requirement.id)} {md(r.title)}",
                "",
                f"| {column} | Waarde | Teller / noemer | Oordeel |",
                "|---|---|---|---|",
            ]
            for name, c in rows:
                lines.append(
                    f"| {md(name)} | {value_text(r, c, report.min_cell)} | {counts_text(r, c)} | {verdict_text(c)} |"
                )
            lines.append("")
    return lines


def md_sources(report: KpiReport) -> list[str]:
    found = sources(report)
    if not found:
        return []
    return ["## Bronnen", "", *[f"- {md(', '.join(ids))}: {md(where)}" for where, ids in found], ""]


def to_markdown(report: KpiReport, catalog: str = "") -> bytes:
    lines = md_header(f"KPI-rapport: {report.tender.title}", report, catalog)
    lines += ["## Resultaten", "", *md_results(report), *md_impossible(report)]
    lines += md_breakdowns(report) + md_sources(report)
    return ("\n".join(lines).rstrip() + "\n").encode()


# --- html -----------------------------------------------------------------------------------------

CSS = (
    "td.num,th.num{text-align:right}td.num,tbody td:first-child{white-space:nowrap}"
    ".voldoet{color:#2e7d32;font-weight:600}.voldoet_niet{color:#b02a2a;font-weight:600}.voorlopig{color:#8a6d00}"
    ".onvoldoende_data,.onderdrukt{color:#666}figure{margin:1rem 0 2rem}svg{display:block}"
    "figcaption{font-size:.9rem;color:#444}details{margin:.5rem 0}"
    "dl.feiten{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}"
    "dl.feiten dt{font-weight:600}dl.feiten dd{margin:0}.let-op{color:#8a3b00;font-weight:600}"
    "@media (max-width:40rem){dl.feiten{grid-template-columns:1fr}dl.feiten dd{margin-bottom:.4rem}}"
)


def e(text) -> str:
    return html.escape(str(text))


def html_verdict(c: Cell) -> str:
    if c.suppressed:
        return f'<span class="onderdrukt">{NOT_PUBLISHED}</span>'
    return f'<span class="{c.verdict}">{VERDICT_ICONS[c.verdict]} {VERDICT_LABELS[c.verdict]}</span>'


def html_table(
    label: str, headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = (), ident: str = ""
) -> str:
    """A table in a box that scrolls sideways on a narrow screen, reached with Tab and named *label*
    (plain text); *headers* and cells are HTML already, every header names its column."""

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{h}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows)
    return table_region(label, f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", ident)


def html_page(title: str, body: list[str]) -> bytes:
    return page(title, body, CSS).encode()


def html_header(title: str, report: KpiReport, catalog: str, period: str | None = None) -> list[str]:
    items = "".join(f"<dt>{e(name)}</dt><dd>{e(value)}</dd>" for name, value in facts(report, catalog, period))
    return [
        f"<h1>{e(title)}</h1>",
        f'<dl class="feiten">{items}</dl>',
        *[f'<p class="let-op">{e(w)}</p>' for w in warnings(report)],
        f"<p>{e(suppression_note(report))}</p>",
    ]


def html_results(report: KpiReport) -> list[str]:
    n = report.min_cell
    out = [
        html_table(
            "Resultaten",
            ["Eis", "KPI", "Norm", "Waarde", "Teller / noemer", "Oordeel"],
            [
                [
                    e(r.requirement.id),
                    e(r.title),
                    e(norm_text(r.norm)),
                    e(value_text(r, r.overall, n)),
                    e(counts_text(r, r.overall)),
                    html_verdict(r.overall),
                ]
                for r in report.results
            ],
            numeric=(3,),
        )
    ]
    notes = [r for r in report.results if note_text(r)]
    if notes:
        out.append(
            "<ul>" + "".join(f"<li>{e(r.requirement.id)} {e(r.title)}: {e(note_text(r))}</li>" for r in notes) + "</ul>"
        )
    return out


def html_impossible(report: KpiReport) -> list[str]:
    if not report.impossible:
        return []
    return [
        "<h2>Onmogelijke datums</h2>",
        "<p>Deze trajecten hebben datums in een onmogelijke volgorde; ze tellen niet mee voor de KPI's die "
        "die termijn gebruiken (nooit als 'voldoet'). Controleer ze in de registratie.</p>",
        "<ul>" + "".join(f"<li>{e(w)}: {n} trajecten</li>" for w, n in report.impossible.items()) + "</ul>",
        "<ul>" + "".join(f"<li><code>{e(p.format())}</code></li>" for p in report.findings) + "</ul>",
    ]


def html_breakdowns(report: KpiReport, suffix: str = "") -> list[str]:
    n = report.min_cell
    out = []
    for title, column, rows_of in BREAKDOWNS:
        out.append(f"<h2>{e(title + suffix)}</h2>")
        for r in report.results:
            rows = rows_of(r)
            if rows:
                out.append(f"<h3>{e(r.requirement.id)} {e(r.title)}</h3>")
                out.append(
                    html_table(
                        f"{r.requirement.id} {r.title}, {title.lower()}{suffix}",
                        [column, "Waarde", "Teller / noemer", "Oordeel"],
                        [[e(k), e(value_text(r, c, n)), e(counts_text(r, c)), html_verdict(c)] for k, c in rows],
                        numeric=(1,),
                    )
                )
    return out


def html_sources(report: KpiReport) -> list[str]:
    found = sources(report)
    if not found:
        return []
    items = "".join(f"<li>{e(', '.join(ids))}: {e(where)}</li>" for where, ids in found)
    return ["<h2>Bronnen</h2>", f"<ul>{items}</ul>"]


def to_html(report: KpiReport, catalog: str = "") -> bytes:
    title = f"KPI-rapport: {report.tender.title}"
    body = html_header(title, report, catalog) + ["<h2>Resultaten</h2>", *html_results(report)]
    body += html_impossible(report) + html_breakdowns(report) + html_sources(report)
    return html_page(title, body)


# --- xlsx -----------------------------------------------------------------------------------------

NUMBER_HEADERS = ("Waarde", "Teller", "Noemer", "Nog voorlopig", "Laagst mogelijk", "Hoogst mogelijk")
CELL_WIDTHS = {
    "Waarde": 11,
    "Teller": 9,
    "Noemer": 9,
    "Nog voorlopig": 11,
    "Laagst mogelijk": 12,
    "Hoogst mogelijk": 12,
}


def number(result: KpiResult, value: float | None, provisional: bool = False) -> wb.Number:
    """A value of *result* as a workbook number: a share as a percentage, a mark with one decimal.

    *provisional*: some of its cases are still in their follow-up period (shown in italics).
    """
    if value is None:
        return wb.Number(None)
    if share_kind(result):
        return wb.Number(round(value / 100, 4), wb.PERCENT, provisional)
    return wb.Number(round(value, 2), wb.DECIMAL, provisional)


def cell_values(result: KpiResult, cell: Cell, min_cell: int) -> list:
    """Waarde, Teller, Noemer, Nog voorlopig, Laagst mogelijk, Hoogst mogelijk, Oordeel."""
    if cell.suppressed:
        return [wb.Number(f"<{min_cell}"), None, None, None, None, None, NOT_PUBLISHED]
    value = (
        number(result, cell.value, bool(cell.pending))
        if cell.value is not None
        else wb.Number(value_text(result, cell, min_cell))
    )
    mean = result.kind == "mean"
    provisional = bool(cell.pending)
    return [
        value,
        None if mean else wb.Number(int(cell.numerator), wb.INTEGER),
        wb.Number(cell.denominator, wb.INTEGER),
        wb.Number(cell.pending, wb.INTEGER) if provisional else None,
        number(result, cell.lower) if provisional else None,
        number(result, cell.upper) if provisional else None,
        VERDICT_LABELS[cell.verdict],
    ]


def title_lines(title: str, report: KpiReport, catalog: str, period: str | None = None) -> list[str]:
    """The header of a report workbook's first sheet."""
    lines = [title]
    lines += [f"{name}: {value}" for name, value in facts(report, catalog, period)]
    return lines + warnings(report)


def page_header(kind: str, report: KpiReport, catalog: str) -> str:
    """The header of every printed page: the report, the tender, the catalog and the reference date."""
    return f"{kind} · {report.tender.title} · catalogus {catalog} · peildatum {labels.date(report.peildatum)}"


def xlsx_results(sheet, report: KpiReport, title: list[str] | None = None) -> None:
    n = report.min_cell
    headers = ["Eis", "KPI", "Norm", *NUMBER_HEADERS, "Oordeel", "Bron", "Toelichting"]
    rows = [
        [
            r.requirement.id,
            r.title,
            norm_text(r.norm),
            *cell_values(r, r.overall, n),
            labels.source(r.requirement, report.tender),
            note_text(r),
        ]
        for r in report.results
    ]
    widths = {"Eis": 12, "KPI": 28, "Norm": 30, **CELL_WIDTHS, "Oordeel": 13, "Bron": 30, "Toelichting": 36}
    wb.write_table(sheet, headers, rows, widths, freeze_through="KPI", numeric=NUMBER_HEADERS, title=title)


def xlsx_breakdowns(workbook, report: KpiReport) -> None:
    n = report.min_cell
    for (_title, column, rows_of), name in zip(BREAKDOWNS, ("Per doelgroep", "Per gemeente"), strict=True):
        rows = [[r.requirement.id, r.title, k, *cell_values(r, c, n)] for r in report.results for k, c in rows_of(r)]
        wb.write_table(
            workbook.create_sheet(name),
            ["Eis", "KPI", column, *NUMBER_HEADERS, "Oordeel"],
            rows,
            {"Eis": 12, "KPI": 28, column: 26, **CELL_WIDTHS, "Oordeel": 13},
            freeze_through=column,
            numeric=NUMBER_HEADERS,
        )


def xlsx_notes(workbook, report: KpiReport, extra: list[list] | None = None) -> None:
    n = report.min_cell
    rows = [
        ["Peildatum", labels.date(report.peildatum)],
        ["Periode", report.period.label if report.period else "alle registraties tot de peildatum"],
        ["Onderdrukking", f"Cellen met minder dan {n} cliënten tonen <{n} en geen oordeel."],
        ["Voorlopig", PROVISIONAL_NOTE + " Een voorlopige waarde staat cursief."],
        *(extra or []),
        *[[f"Benadering: {r.title}", r.approximation] for r in approximations(report)],
        *[[f"Onmogelijke datums: {what}", f"{count} trajecten"] for what, count in report.impossible.items()],
        *[["Onmogelijke datums", p.format()] for p in report.findings],
        *[[f"Bron van {', '.join(ids)}", where] for where, ids in sources(report)],
    ]
    wb.write_table(
        workbook.create_sheet("Toelichting"), ["Onderwerp", "Toelichting"], rows, {"Onderwerp": 30, "Toelichting": 90}
    )


def xlsx_norm_chart(workbook, report: KpiReport) -> None:
    """A sheet with every share KPI's value beside its norm: the data and a bar chart of them."""
    shares = [r for r in report.results if share_kind(r) and r.source == "clients"]
    if not shares:
        return
    sheet = workbook.create_sheet("Grafiek")
    rows = []
    provisional = []
    for i, r in enumerate(shares):
        c = r.overall
        shown = None if c.suppressed or c.value is None else round(c.value / 100, 4)
        rows.append(
            [f"{r.requirement.id} {r.title}", wb.Number(shown, wb.PERCENT), wb.Number(target(r) / 100, wb.PERCENT)]
        )
        if not c.suppressed and c.pending and c.value is not None:
            provisional.append(i)
    top = wb.write_table(
        sheet, ["KPI", "Waarde", "Norm"], rows, {"KPI": 40, "Waarde": 10, "Norm": 10}, numeric=("Waarde", "Norm")
    )
    chart = norm_chart(sheet, "Waarde tegen de norm (open balk: voorlopig)", top + 1, top + len(rows), provisional)
    sheet.add_chart(chart, f"E{top}")


def to_xlsx(report: KpiReport, catalog: str = "") -> bytes:
    workbook = wb.new_workbook()
    sheet = workbook.active
    sheet.title = "KPI's"
    xlsx_results(sheet, report, title_lines(f"KPI-rapport: {report.tender.title}", report, catalog))
    xlsx_breakdowns(workbook, report)
    xlsx_norm_chart(workbook, report)
    xlsx_notes(workbook, report)
    return wb.save_workbook(workbook, page_header("KPI-rapport", report, catalog))


RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json, "xlsx": to_xlsx}


def render(fmt: str, report: KpiReport, catalog: str = "") -> bytes:
    return RENDERERS[fmt](report, catalog)
