"""The KPI report and the kwartaalrapportage as Markdown, self-contained HTML (inline SVG charts), JSON, XLSX.

Input is a :class:`~generator.kpi.engine.KpiReport` (and for the quarterly report the trend per
quarter and the lead times): aggregates only, never a client-level row. With ``publish`` (the
default) suppressed cells show ``<N`` (fewer than N clients) instead of numbers and verdict.
"""

from __future__ import annotations

import html
import json

from generator.catalog.model import TARGET_GROUP_LABELS
from generator.kpi import metrics as m
from generator.kpi.engine import VERDICT_LABELS, Cell, KpiReport, KpiResult, format_number, norm_text, rounded
from generator.render.xlsx import new_workbook, save_workbook, write_table
from generator.site.markdown import inline

FORMATS = ("md", "html", "json", "xlsx")
VERDICT_ICONS = {"voldoet": "✔", "voldoet_niet": "✘", "voorlopig": "…", "onvoldoende_data": "?"}


def _percent(result: KpiResult) -> str:
    return "%" if result.kind == "share" and result.norm.unit != "score" else ""


def _value(result: KpiResult, cell: Cell, min_cell: int) -> str:
    if cell.suppressed:
        return f"<{min_cell} cliënten"
    if _all_pending(cell):
        return "voorlopig"
    if cell.value is None:
        return "-"
    return format_number(cell.value) + _percent(result)


def _all_pending(cell: Cell) -> bool:
    """Every case of the cell is still in its follow-up period: no value can be shown yet."""
    return not cell.suppressed and cell.pending > 0 and cell.denominator == 0


def _trend_value(result: KpiResult, cell: Cell, min_cell: int) -> str:
    """A quarter's value; ``voorlopig`` when all its cases are pending, ``*`` when some are."""
    text = _value(result, cell, min_cell)
    return text + "*" if not cell.suppressed and cell.pending and not _all_pending(cell) else text


TREND_NOTE = (
    "voorlopig: alle gevallen van dit kwartaal zitten nog in hun nazorgperiode of termijn; "
    "*: een deel wel, de waarde is het aandeel onder de definitief beoordeelde gevallen en kan nog "
    "veranderen; -: geen gevallen."
)


def _range(result: KpiResult, cell: Cell) -> str:
    """'uitkomst 36,4-90,9%': the lowest and highest value the final result can take."""
    pct = _percent(result)
    return f"uitkomst {format_number(cell.lower)}{pct}-{format_number(cell.upper)}{pct}"


def _counts(result: KpiResult, cell: Cell) -> str:
    if cell.suppressed or (cell.denominator == 0 and not cell.pending):
        return ""
    if result.kind == "mean":
        return f"n = {cell.denominator}"
    text = f"{int(cell.numerator)} / {cell.denominator}"
    return text + (f" (+{cell.pending} voorlopig, {_range(result, cell)})" if cell.pending else "")


def _verdict(cell: Cell) -> str:
    if cell.suppressed:
        return "niet gepubliceerd"
    return VERDICT_LABELS[cell.verdict]


def _note_text(result: KpiResult) -> str:
    """The note of a result and, for a metric that approximates the tender's wording, how."""
    parts = [result.note] if result.note else []
    if result.approximation:
        parts.append(f"benadering: {result.approximation}")
    return "; ".join(parts)


def _approximations(report: KpiReport) -> list[KpiResult]:
    """One result per metric that approximates the tender's wording."""
    seen: dict[str, KpiResult] = {}
    for r in report.results:
        if r.approximation:
            seen.setdefault(r.norm.metric, r)
    return list(seen.values())


def _target(result: KpiResult) -> float:
    return m.required(result.norm)[1] if result.source == "clients" else result.norm.value


# --- data -----------------------------------------------------------------------------------------


def as_data(report: KpiReport, quarters=None, series=None, lead=None) -> dict:
    """The report as plain data (the JSON output); suppressed cells carry no numbers."""

    def cell(result: KpiResult, c: Cell) -> dict:
        return c.as_dict(result.kind)

    data = {
        "format_version": 2,
        "tender": report.tender.id,
        "provider": report.provider,
        "peildatum": report.peildatum.isoformat(),
        "period": report.period.label if report.period else None,
        "periode": report.period.label if report.period else None,
        "min_cel": report.min_cell,
        "trajecten": report.rows,
        "kpis": [
            {
                "requirement": r.requirement.id,
                "title": r.requirement.title,
                "metric": r.norm.metric,
                "label": r.label,
                "source": r.source,
                "norm": r.norm.as_dict(),
                "norm_text": norm_text(r.norm),
                "note": r.note,
                "approximation": r.approximation,
                "overall": cell(r, r.overall),
                "per_doelgroep": {k: cell(r, c) for k, c in r.by_group.items()},
                "per_gemeente": {k: cell(r, c) for k, c in r.by_municipality.items()},
            }
            for r in report.results
        ],
        "onmogelijke_datums": dict(report.impossible),
        "bevindingen": [p.as_dict() for p in report.findings],
        "niet_berekend": [
            {"requirement": req.id, "metric": norm.metric, "reden": why} for req, norm, why in report.not_computed
        ],
    }
    if quarters is not None:
        data["kwartalen"] = quarters
        for entry, per_quarter in zip(data["kpis"], series, strict=True):
            result = next(r for r in report.results if r.requirement.id == entry["requirement"])
            entry["trend"] = {q: cell(result, c) for q, c in per_quarter.items()}
        data["doorlooptijden"] = lead
    return data


def to_json(report: KpiReport, quarters=None, series=None, lead=None) -> bytes:
    return (
        json.dumps(as_data(report, quarters, series, lead), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    ).encode()


# --- chart ----------------------------------------------------------------------------------------


def chart_svg(result: KpiResult, per_quarter: dict[str, Cell], quarters: list[str]) -> str:
    """A line chart: the KPI value per quarter (gaps where suppressed or empty) against the norm line."""
    width, height, left, right, top, bottom = 560, 220, 48, 16, 16, 40
    share = result.kind == "share"
    low, high = (0.0, 100.0) if share else (1.0, 10.0)
    target = _target(result)
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(v: float) -> float:
        return top + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / max(len(quarters), 1))

    title = f"{result.label} per kwartaal tegen de norm ({norm_text(result.norm)})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f7f9fb" stroke="#c8d1da"/>',
    ]
    for tick in [low + (high - low) * k / 4 for k in range(5)]:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e1e6eb"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" fill="#444">'
            f"{format_number(tick)}{'%' if share else ''}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y(target):.1f}" y2="{y(target):.1f}" stroke="#b02a2a" '
        f'stroke-width="2" stroke-dasharray="6 4"/><text x="{left + plot_w - 4}" y="{y(target) - 5:.1f}" '
        f'font-size="11" text-anchor="end" fill="#b02a2a">norm {format_number(target)}{"%" if share else ""}</text>'
    )
    points: list[list[tuple[float, float, Cell]]] = [[]]
    for i, q in enumerate(quarters):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="10" text-anchor="middle" '
            f'fill="#444">{q}</text>'
        )
        c = per_quarter.get(q)
        if c is None or c.suppressed:
            points.append([])
            continue
        if c.pending and c.lower is not None and c.upper is not None:
            # Provisional: the range the final value can still take, as a thin vertical bar.
            parts.append(
                f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{y(c.lower):.1f}" y2="{y(c.upper):.1f}" '
                f'stroke="#8a6d00" stroke-width="1.5" stroke-dasharray="2 2"><title>voorlopig: '
                f"{html.escape(_range(result, c))}</title></line>"
            )
        if c.value is None:  # every case still open: no point, and the line is not drawn to 0
            continue
        points[-1].append((x(i), y(c.value), c))
    for run in points:
        if len(run) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in run)
            parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2.5"/>')
        for px, py, c in run:
            colour = {"voldoet": "#2e7d32", "voldoet_niet": "#b02a2a"}.get(c.verdict, "#8a6d00")
            # A provisional point is an open marker: the value may still change.
            fill = "#fff" if c.pending else colour
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2">'
                f"<title>{html.escape(format_number(c.value))}{'%' if share else ''}: "
                f"{VERDICT_LABELS[c.verdict]}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


# --- markdown -------------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    """Text shown literally in Markdown, as HTML and as Markdown (see :func:`generator.site.markdown.inline`)."""
    return inline(text)


def _heading(report: KpiReport, quarterly: bool) -> list[str]:
    kind = "Kwartaalrapportage" if quarterly else "KPI-rapport"
    period = f", periode {report.period.label}" if report.period else ""
    return [
        f"# {kind}: {_md_escape(report.tender.title)}",
        "",
        *([f"Aanbieder: {_md_escape(report.provider)}.", ""] if report.provider else []),
        f"Peildatum {report.peildatum:%d-%m-%Y}{period}; {report.rows} trajecten in de registratie. "
        f"Cellen met minder dan {report.min_cell} cliënten zijn niet gepubliceerd (<{report.min_cell}). "
        "Voorlopig: de nazorgperiode of termijn is op de peildatum nog niet verstreken.",
        "",
    ]


def _overall_md(report: KpiReport) -> list[str]:
    lines = [
        "## Resultaten",
        "",
        "| Eis | KPI | Norm | Waarde | Teller / noemer | Oordeel |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.results:
        c = r.overall
        lines.append(
            f"| {r.requirement.id} | {_md_escape(r.title)} | {_md_escape(norm_text(r.norm))} "
            f"| {_value(r, c, report.min_cell)} "
            f"| {_counts(r, c)} | {VERDICT_ICONS.get(c.verdict, '') if not c.suppressed else ''} {_verdict(c)} |"
        )
    notes = [r for r in report.results if _note_text(r)]
    if notes:
        lines += ["", *[f"- {r.requirement.id} {_md_escape(r.title)}: {_md_escape(_note_text(r))}" for r in notes]]
    return lines + [""] + _findings_md(report)


def _findings_md(report: KpiReport) -> list[str]:
    if not report.impossible:
        return []
    lines = [
        "## Onmogelijke datums",
        "",
        "Deze trajecten hebben datums in een onmogelijke volgorde; ze tellen niet mee voor de KPI's die die "
        "termijn gebruiken (nooit als 'voldoet'). Controleer ze in de registratie.",
        "",
    ]
    lines += [f"- {_md_escape(what)}: {count} trajecten" for what, count in report.impossible.items()]
    lines += ["", *[f"- `{_md_escape(p.format())}`" for p in report.findings], ""]
    return lines


def _breakdown_md(report: KpiReport, title: str, attr: str, labels: dict | None = None) -> list[str]:
    lines = [f"## {title}", ""]
    for r in report.results:
        cells = getattr(r, attr)
        if not cells:
            continue
        lines += [
            f"### {r.requirement.id} {_md_escape(r.title)}",
            "",
            "| | Waarde | Teller / noemer | Oordeel |",
            "|---|---|---|---|",
        ]
        for key, c in cells.items():
            name = (labels or {}).get(key, key)
            lines.append(
                f"| {_md_escape(str(name))} | {_value(r, c, report.min_cell)} | {_counts(r, c)} | {_verdict(c)} |"
            )
        lines.append("")
    return lines


def _lead_md(lead: list[dict]) -> list[str]:
    lines = [
        "## Doorlooptijden en volumes",
        "",
        "| Kwartaal | Meldingen | Uitstroom | Mediaan uren tot plan | Mediaan uren tot opvang "
        "| Mediaan verblijf (dagen) |",
        "|---|---|---|---|---|---|",
    ]
    for row in lead:
        cells = [
            row["kwartaal"],
            *(("<" + "N") if row[k] is None else format_number(row[k]) for k in ("meldingen", "uitstroom")),
            *(
                "-" if row[k] is None else format_number(row[k])
                for k in ("mediaan_uren_tot_plan", "mediaan_uren_tot_opvang", "mediaan_verblijfsdagen")
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + ["", "<N: minder dan het minimum aantal cliënten; -: te weinig gevallen voor een mediaan.", ""]


def _trend_md(report: KpiReport, quarters, series) -> list[str]:
    lines = [
        "## Trend per kwartaal",
        "",
        "| Eis | KPI | Norm | " + " | ".join(quarters) + " |",
        "|---|---|---|" + "---|" * len(quarters),
    ]
    for r, per in zip(report.results, series, strict=True):
        values = [_trend_value(r, per[q], report.min_cell) if q in per else "-" for q in quarters]
        lines.append(
            f"| {r.requirement.id} | {_md_escape(r.title)} | {_md_escape(norm_text(r.norm))} | "
            + " | ".join(values)
            + " |"
        )
    return lines + ["", TREND_NOTE, ""]


def to_markdown(report: KpiReport, quarters=None, series=None, lead=None) -> bytes:
    quarterly = quarters is not None
    lines = _heading(report, quarterly) + _overall_md(report)
    if quarterly:
        lines += _trend_md(report, quarters, series)
        lines += ["## Grafieken", ""]
        for r, per in zip(report.results, series, strict=True):
            if r.source == "clients":
                lines += [f"### {r.requirement.id} {_md_escape(r.title)}", "", chart_svg(r, per, quarters), ""]
        lines += _lead_md(lead)
    lines += _breakdown_md(report, "Per doelgroep", "by_group", TARGET_GROUP_LABELS)
    lines += _breakdown_md(report, "Per gemeente van herkomst", "by_municipality")
    return ("\n".join(lines).rstrip() + "\n").encode()


# --- html -----------------------------------------------------------------------------------------

CSS = " ".join(
    [
        'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;',
        "padding:0 1rem;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}",
        "th,td{border:1px solid #c8d1da;padding:.35rem .5rem;text-align:left;vertical-align:top}",
        "th{background:#1f4e79;color:#fff}.voldoet{color:#2e7d32;font-weight:600}",
        ".voldoet_niet{color:#b02a2a;font-weight:600}.voorlopig{color:#8a6d00}",
        ".onvoldoende_data,.onderdrukt{color:#666}figure{margin:1rem 0 2rem}",
        "figcaption{font-size:.9rem;color:#444}details{margin:.5rem 0}",
    ]
)


def _e(text) -> str:
    return html.escape(str(text))


def _verdict_html(c: Cell) -> str:
    if c.suppressed:
        return '<span class="onderdrukt">niet gepubliceerd</span>'
    return f'<span class="{c.verdict}">{VERDICT_ICONS[c.verdict]} {VERDICT_LABELS[c.verdict]}</span>'


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(report: KpiReport, quarters=None, series=None, lead=None) -> bytes:
    quarterly = quarters is not None
    kind = "Kwartaalrapportage" if quarterly else "KPI-rapport"
    n = report.min_cell
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{kind}: {_e(report.tender.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{kind}: {_e(report.tender.title)}</h1>",
        *([f"<p>Aanbieder: {_e(report.provider)}.</p>"] if report.provider else []),
        f"<p>Peildatum {report.peildatum:%d-%m-%Y}"
        + (f", periode {_e(report.period.label)}" if report.period else "")
        + f"; {report.rows} trajecten. Cellen met minder dan {n} cliënten zijn niet gepubliceerd. "
        "Voorlopig: de nazorgperiode of termijn is op de peildatum nog niet verstreken.</p>",
        "<h2>Resultaten</h2>",
        _table(
            ["Eis", "KPI", "Norm", "Waarde", "Teller / noemer", "Oordeel"],
            [
                [
                    _e(r.requirement.id),
                    _e(r.title),
                    _e(norm_text(r.norm)),
                    _e(_value(r, r.overall, n)),
                    _e(_counts(r, r.overall)),
                    _verdict_html(r.overall),
                ]
                for r in report.results
            ],
        ),
    ]
    notes = [r for r in report.results if _note_text(r)]
    if notes:
        out.append(
            "<ul>"
            + "".join(f"<li>{_e(r.requirement.id)} {_e(r.title)}: {_e(_note_text(r))}</li>" for r in notes)
            + "</ul>"
        )
    if report.impossible:
        out.append("<h2>Onmogelijke datums</h2>")
        out.append(
            "<p>Deze trajecten hebben datums in een onmogelijke volgorde; ze tellen niet mee voor de KPI's die "
            "die termijn gebruiken (nooit als 'voldoet'). Controleer ze in de registratie.</p>"
        )
        out.append("<ul>" + "".join(f"<li>{_e(w)}: {n} trajecten</li>" for w, n in report.impossible.items()) + "</ul>")
        out.append("<ul>" + "".join(f"<li><code>{_e(p.format())}</code></li>" for p in report.findings) + "</ul>")
    if quarterly:
        out.append("<h2>Trend per kwartaal</h2>")
        for r, per in zip(report.results, series, strict=True):
            if r.source != "clients":
                continue
            rows = [
                [_e(q), _e(_trend_value(r, per[q], n)), _e(_counts(r, per[q])), _verdict_html(per[q])]
                for q in quarters
                if q in per
            ]
            out.append(
                f"<figure>{chart_svg(r, per, quarters)}<figcaption>{_e(r.requirement.id)} {_e(r.title)}: "
                "waarde per kwartaal "
                f"(lijn) tegen de norm (rode stippellijn, {_e(norm_text(r.norm))}).</figcaption>"
                "<details><summary>Cijfers</summary>"
                f"{_table(['Kwartaal', 'Waarde', 'Teller / noemer', 'Oordeel'], rows)}</details></figure>"
            )
        out.append("<h2>Doorlooptijden en volumes</h2>")
        out.append(
            _table(
                [
                    "Kwartaal",
                    "Meldingen",
                    "Uitstroom",
                    "Mediaan uren tot plan",
                    "Mediaan uren tot opvang",
                    "Mediaan verblijf (dagen)",
                ],
                [
                    [_e(row["kwartaal"])]
                    + [f"&lt;{n}" if row[k] is None else _e(row[k]) for k in ("meldingen", "uitstroom")]
                    + [
                        "-" if row[k] is None else _e(format_number(row[k]))
                        for k in ("mediaan_uren_tot_plan", "mediaan_uren_tot_opvang", "mediaan_verblijfsdagen")
                    ]
                    for row in lead
                ],
            )
        )
    for title, attr, labels in (
        ("Per doelgroep", "by_group", TARGET_GROUP_LABELS),
        ("Per gemeente van herkomst", "by_municipality", {}),
    ):
        out.append(f"<h2>{title}</h2>")
        for r in report.results:
            cells = getattr(r, attr)
            if cells:
                out.append(f"<h3>{_e(r.requirement.id)} {_e(r.title)}</h3>")
                out.append(
                    _table(
                        ["", "Waarde", "Teller / noemer", "Oordeel"],
                        [
                            [_e(labels.get(k, k)), _e(_value(r, c, n)), _e(_counts(r, c)), _verdict_html(c)]
                            for k, c in cells.items()
                        ],
                    )
                )
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode()


# --- xlsx -----------------------------------------------------------------------------------------


def to_xlsx(report: KpiReport, quarters=None, series=None, lead=None) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "KPI's"
    n = report.min_cell

    def numbers(r: KpiResult, c: Cell) -> list:
        if c.suppressed:
            return [f"<{n}", None, None, None, "niet gepubliceerd"]
        value = None if c.value is None else round(c.value, 2)
        numerator = round(c.numerator, 2) if r.kind == "mean" else int(c.numerator)
        return [value, numerator, c.denominator, c.pending, VERDICT_LABELS[c.verdict]]

    def bounds(c: Cell) -> list:
        """Lowest and highest final value: only for a provisional cell that is published."""
        if c.suppressed or not c.pending:
            return [None, None]
        return [rounded(c.lower), rounded(c.upper)]

    head = ["Eis", "KPI", "Metric", "Norm", "Waarde", "Teller", "Noemer", "Voorlopig", "Oordeel"]
    write_table(
        sheet,
        head + ["Ondergrens", "Bovengrens", "Toelichting"],
        [
            [
                r.requirement.id,
                r.title,
                r.norm.metric,
                norm_text(r.norm),
                *numbers(r, r.overall),
                *bounds(r.overall),
                _note_text(r),
            ]
            for r in report.results
        ],
    )
    for title, attr in (("Per doelgroep", "by_group"), ("Per gemeente", "by_municipality")):
        rows = [
            [r.requirement.id, r.title, key, *numbers(r, c), *bounds(c)]
            for r in report.results
            for key, c in getattr(r, attr).items()
        ]
        write_table(
            workbook.create_sheet(title),
            ["Eis", "KPI", "Groep", "Waarde", "Teller", "Noemer", "Voorlopig", "Oordeel", "Ondergrens", "Bovengrens"],
            rows,
        )
    if quarters is not None:
        rows = [
            [r.requirement.id, r.title, q, *numbers(r, per[q]), *bounds(per[q])]
            for r, per in zip(report.results, series, strict=True)
            for q in quarters
            if q in per
        ]
        write_table(
            workbook.create_sheet("Trend"),
            [
                "Eis",
                "KPI",
                "Kwartaal",
                "Waarde",
                "Teller",
                "Noemer",
                "Voorlopig",
                "Oordeel",
                "Ondergrens",
                "Bovengrens",
            ],
            rows,
        )
        keys = [
            "kwartaal",
            "meldingen",
            "uitstroom",
            "mediaan_uren_tot_plan",
            "mediaan_uren_tot_opvang",
            "mediaan_verblijfsdagen",
        ]
        write_table(
            workbook.create_sheet("Doorlooptijden"),
            [
                "Kwartaal",
                "Meldingen",
                "Uitstroom",
                "Mediaan uren tot plan",
                "Mediaan uren tot opvang",
                "Mediaan verblijf (dagen)",
            ],
            [
                [row[k] if row[k] is not None or k not in ("meldingen", "uitstroom") else f"<{n}" for k in keys]
                for row in lead
            ],
        )
    info = workbook.create_sheet("Toelichting")
    write_table(
        info,
        ["Onderwerp", "Toelichting"],
        [
            ["Aanbesteding", report.tender.title],
            ["Peildatum", f"{report.peildatum:%d-%m-%Y}"],
            ["Periode", report.period.label if report.period else "alle gegevens"],
            ["Trajecten", report.rows],
            ["Onderdrukking", f"Cellen met minder dan {n} cliënten tonen <{n} en geen oordeel."],
            [
                "Voorlopig",
                "Gevallen waarvan de nazorgperiode of termijn nog loopt; de waarde is het aandeel onder de "
                "definitief beoordeelde gevallen, onder- en bovengrens zijn de laagste en hoogste uitkomst.",
            ],
            *[[f"Benadering: {r.title}", r.approximation] for r in _approximations(report)],
            *[[f"Onmogelijke datums: {what}", f"{count} trajecten"] for what, count in report.impossible.items()],
            *[["Onmogelijke datums", p.format()] for p in report.findings],
        ],
        {"Toelichting": 80},
    )
    return save_workbook(workbook)


RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json, "xlsx": to_xlsx}


def render(fmt: str, report: KpiReport, quarters=None, series=None, lead=None) -> bytes:
    return RENDERERS[fmt](report, quarters, series, lead)
