"""The gap report as Markdown, self-contained HTML, JSON and XLSX (all text in Dutch).

JSON (keys sorted, UTF-8) per provider: ``provider``, ``peildatum``, ``ready``, ``checked`` and per
tender ``knockout_pass``, ``verdict``, counts per status and category, and per requirement ``status``
(``voldoet``, ``gelijkwaardig``, ``deels``, ``voldoet_niet``, ``onbewezen``, ``verouderd``,
``onbekend``, ``nvt``), ``gap``, ``findings``, ``evidence_valid_until``, ``evidence_flag`` and, for a
stale answer, ``change`` (text diff, obligation and norms old → new); ``gaps`` lists the gaps in
report order with their next actions; ``equivalents``, ``expiring_evidence`` and ``bid_documents``
list the equivalent alternatives, evidence that expires and the documents for the bid; ``progress``
compares with a baseline. Several providers give ``{"providers": [...], "matrix": {...}}``. Both
shapes follow ``requirements/schema/gap-report.schema.json`` (``opvang schema gap-report``): a new key
goes into the schema too.

The HTML page has inline CSS, no scripts and no external requests; every text is escaped; its
tables scroll sideways on a narrow screen. No timestamps are written except the peildatum.

Everything a person reads names things as people do: a tender by its title (never its id), a
source by its document's title and section, a date as ``31-12-2027``, a check's verdict by its
label. A plan over time (its target date before the reference date) comes right after the answers to
changed requirements, marked red.
"""

from __future__ import annotations

import html
import json

from openpyxl.styles import Font

from generator.assess.evaluate import EVIDENCE_EXPIRED, STATUS_LABELS, Evaluation
from generator.assess.gap import GROUP_LABELS, GROUPS, OVERDUE_LABEL, Counts, GapReport, Matrix, build_matrix
from generator.assess.stale import Change, describe, short_diff
from generator.catalog.model import CATEGORY_LABELS, OBLIGATION_LABELS
from generator.render import labels
from generator.render.html_page import page, table_region
from generator.render.xlsx import PERCENT, Number, new_workbook, save_workbook, write_table
from generator.site.markdown import inline

FORMATS = ("md", "html", "json", "xlsx")


def render(reports: list[GapReport], fmt: str, catalog: str = "") -> bytes:
    """The report in *fmt*; *catalog* is the name of the catalog it was made from (in the header)."""
    if fmt == "json":
        return render_json(reports)
    if fmt == "md":
        return render_markdown(reports, catalog).encode("utf-8")
    if fmt == "html":
        return render_html(reports, catalog).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(reports, catalog)
    raise ValueError(fmt)


# --- JSON ----------------------------------------------------------------------------------------


def _evaluation_dict(evaluation: Evaluation, gap_group: str | None) -> dict:
    req, entry = evaluation.requirement, evaluation.entry
    return {
        "id": req.id,
        "category": req.category,
        "obligation": req.obligation,
        "title": req.title,
        "status": evaluation.status,
        "declared": entry.status,
        "reason": evaluation.reason,
        "explanation": entry.explanation,
        "evidence": entry.evidence,
        "owner": entry.owner,
        "target_date": entry.target_date.isoformat() if entry.target_date else None,
        "evidence_valid_until": entry.evidence_valid_until.isoformat() if entry.evidence_valid_until else None,
        "evidence_flag": evaluation.evidence_flag,
        "change": _change_dict(evaluation.change),
        "gap": gap_group,
        "findings": [f.as_dict() for f in evaluation.findings],
    }


def _change_dict(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {
        "text_diff": [{"op": op, "text": text} for op, text in change.text_diff],
        "obligation": list(change.obligation) if change.obligation else None,
        "norms": [{"old": old, "new": new} for old, new in change.norms],
        "review": change.review,
        "summary": change.summary(),
    }


def report_dict(report: GapReport) -> dict:
    groups = {g.id: g.group for g in report.gaps}
    a = report.assessment
    out = {
        "provider": a.provider,
        "source": a.file,
        "peildatum": a.peildatum.isoformat(),
        "checked": list(a.checked),
        "ready": report.ready,
        "tenders": [
            {
                "id": s.tender_id,
                "title": s.title,
                "knockout_pass": s.knockout_pass,
                "verdict": s.verdict,
                "summary": s.overall.as_dict(),
                "eis": s.eis.as_dict(),
                "categories": {c: counts.as_dict() for c, counts in s.by_category.items()},
                "requirements": [_evaluation_dict(e, groups.get(e.requirement.id)) for e in s.evaluations],
            }
            for s in report.tenders
        ],
        "gaps": [
            {
                "id": g.id,
                "tender": g.evaluation.requirement.tender,
                "group": g.group,
                "status": g.evaluation.status,
                "finding": g.finding,
                "actions": list(g.actions),
                "owner": g.evaluation.entry.owner,
                "target_date": g.evaluation.entry.target_date.isoformat() if g.evaluation.entry.target_date else None,
            }
            for g in report.gaps
        ],
        "equivalents": [e.requirement.id for e in report.equivalents],
        "expiring_evidence": [
            {
                "id": e.requirement.id,
                "evidence": e.entry.evidence,
                "evidence_valid_until": e.entry.evidence_valid_until.isoformat(),
                "flag": e.evidence_flag,
            }
            for e in report.evidence
        ],
        "bid_documents": [
            {"id": d.evaluation.requirement.id, "document": d.name, "present": d.present} for d in report.bid_documents
        ],
        "progress": None,
    }
    if report.progress is not None:
        p = report.progress
        out["progress"] = {
            "baseline": p.baseline,
            "resolved": [{"id": rid, "old_status": old, "status": new} for rid, old, new in p.resolved],
            "new": list(p.new),
            "remaining": list(p.remaining),
        }
    return out


def render_json(reports: list[GapReport]) -> bytes:
    if len(reports) == 1:
        data = report_dict(reports[0])
    else:
        matrix = build_matrix(reports)
        data = {
            "providers": [report_dict(r) for r in reports],
            "matrix": {
                "tenders": list(matrix.tenders),
                "rows": [
                    {
                        "provider": provider,
                        "tenders": {
                            tid: (
                                {"knockout_pass": s.knockout_pass, "share_met": s.overall.share_met}
                                if (s := cells.get(tid))
                                else None
                            )
                            for tid in matrix.tenders
                        },
                    }
                    for provider, cells in matrix.rows
                ],
            },
        }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


# --- shared text helpers -------------------------------------------------------------------------


def _share(counts: Counts) -> str:
    share = counts.share_met
    return "–" if share is None else f"{share:.1f}%".replace(".", ",")


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


EQUIVALENTS_TITLE = "Gelijkwaardige alternatieven: motiveer de gelijkwaardigheid"
EQUIVALENTS_INTRO = (
    "Bij deze eisen biedt u een gelijkwaardig alternatief. Motiveer in de inschrijving waarom het "
    "gelijkwaardig is, met de toelichting en het bewijs hieronder."
)
EVIDENCE_TITLE = "Bewijs dat verloopt"
BID_TITLE = "Documenten bij de inschrijving"
WORDS_LEGEND = "doorgehaald: vervallen, onderstreept: nieuw"  # not by colour only (WCAG 1.4.1)
MATRIX_TITLE = "Gereedheid per aanbieder en aanbesteding"
# The counts per status, in the order of the summaries (HTML and Markdown) and of the workbook.
COUNT_HEADERS = (
    "Voldoet",
    "Gelijkwaardig",
    "Deels",
    "Voldoet niet",
    "Onbewezen",
    "Verouderd",
    "Onbekend",
    "N.v.t.",
    "Aandeel voldaan",
)
SUMMARY_HEADERS = ["Aanbesteding", "Knock-out gehaald", *COUNT_HEADERS]
CATEGORY_HEADERS = ["Categorie", "Eisen en wensen", "Voldoet", "Aandeel voldaan"]
EVIDENCE_HEADERS = ["Eis", "Bewijs", "Geldig tot", "Wat"]


def _evidence_state(evaluation: Evaluation) -> str:
    until = _date(evaluation.entry.evidence_valid_until)
    if evaluation.evidence_flag == EVIDENCE_EXPIRED:
        return f"verlopen op {until} (vóór de peildatum)"
    return f"verloopt op {until}, vóór de start van het contract"


def _md_words(ops) -> str:
    parts = []
    for op, words in short_diff(ops):
        text = _md(words)
        parts.append(text if op == "equal" else f"<del>{text}</del>" if op == "delete" else f"<ins>{text}</ins>")
    return " ".join(parts)


def _html_words(ops) -> str:
    parts = []
    for op, words in short_diff(ops):
        text = _h(words)
        parts.append(text if op == "equal" else f"<del>{text}</del>" if op == "delete" else f"<ins>{text}</ins>")
    return " ".join(parts)


def _change_parts(change: Change) -> list[str]:
    """The non-text parts of a change, plain text (obligation, norms, the --update note)."""
    parts = [p for p in change.summary().split("; ") if p != "tekst gewijzigd"]
    return [p for p in parts if p]


CHECK_LABELS = {"voorlopig": "voorlopig", "onbekend": "niet te beoordelen", "te_onderbouwen": "te onderbouwen"}
OVERDUE_COLOUR = "#b00020"


def _status(gap) -> str:
    """The status a person reads: 'over tijd' for a plan over time, else the requirement's status."""
    return OVERDUE_LABEL if gap.overdue else STATUS_LABELS[gap.evaluation.status]


def _kind(req) -> str:
    """'eis, categorie Toegang': obligation and category, without nested parentheses."""
    obligation = OBLIGATION_LABELS.get(req.obligation, req.obligation).lower()
    return f"{obligation}, categorie {CATEGORY_LABELS.get(req.category, req.category)}"


def _tender_titles(reports: list[GapReport]) -> dict[str, str]:
    return {s.tender_id: s.title for report in reports for s in report.tenders}


def _facts(report: GapReport, catalog: str) -> list[tuple[str, str]]:
    a = report.assessment
    checked = ", ".join(a.checked) if a.checked else "alleen de eigen verklaring"
    out = [("Catalogus", catalog)] if catalog else []
    return [*out, ("Peildatum", _date(a.peildatum)), ("Ingevulde checklist", a.file), ("Gecontroleerd met", checked)]


# --- Markdown ------------------------------------------------------------------------------------


def _md(text: object) -> str:
    """Text safe inside a Markdown table cell or line: shown literally, as HTML and as Markdown (no
    script, link, emphasis, attribute list or table break), also once the report is on the site."""
    return inline(text)


def render_markdown(reports: list[GapReport], catalog: str = "") -> str:
    """One ``#`` heading per document: with several providers the readiness matrix is the page's title
    and each provider's report sits one heading level lower (user text never starts a line with ``#``:
    :func:`_md` escapes it)."""
    lines: list[str] = []
    if len(reports) > 1:
        lines += _md_matrix(build_matrix(reports), _tender_titles(reports))
    for report in reports:
        own = _md_report(report, catalog)
        lines += [f"#{line}" if len(reports) > 1 and line.startswith("#") else line for line in own]
    return "\n".join(lines).rstrip() + "\n"


def _md_matrix(matrix: Matrix, titles: dict[str, str]) -> list[str]:
    lines = [f"# {MATRIX_TITLE}", ""]
    lines.append("| Aanbieder | " + " | ".join(_md(titles.get(t, t)) for t in matrix.tenders) + " |")
    lines.append("|---|" + "---|" * len(matrix.tenders))
    for provider, cells in matrix.rows:
        row = []
        for tid in matrix.tenders:
            s = cells.get(tid)
            row.append("–" if s is None else f"{'klaar' if s.knockout_pass else 'niet klaar'} ({_share(s.overall)})")
        lines.append(f"| {_md(provider)} | " + " | ".join(row) + " |")
    return [*lines, ""]


def _md_status(gap) -> str:
    """The status in bold; a plan over time in red (the site and any Markdown viewer show inline HTML)."""
    if gap.overdue:
        return f'<strong style="color:{OVERDUE_COLOUR}">{_status(gap)}</strong>'
    return f"**{_status(gap)}**"


def _md_report(report: GapReport, catalog: str = "") -> list[str]:
    a = report.assessment
    lines = [
        f"# Gap-rapport {_md(a.provider)}",
        "",
        *[f"- **{name}:** {_md(value)}" for name, value in _facts(report, catalog)],
        "",
        "**Oordeel: "
        + ("klaar voor inschrijving op alle aanbestedingen" if report.ready else "niet klaar voor inschrijving")
        + "**",
        "",
        "## Samenvatting per aanbesteding",
        "",
        "| Aanbesteding | Knock-out gehaald | Voldoet | Gelijkwaardig | Deels | Voldoet niet | Onbewezen "
        "| Verouderd | Onbekend | N.v.t. | Aandeel voldaan |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in report.tenders:
        c = s.overall.counts
        lines.append(
            f"| {_md(s.title)} | {_yes(s.knockout_pass)} | {c['voldoet']} | {c['gelijkwaardig']} "
            f"| {c['deels']} | {c['voldoet_niet']} | {c['onbewezen']} | {c['verouderd']} | {c['onbekend']} "
            f"| {c['nvt']} | {_share(s.overall)} |"
        )
    lines.append("")
    for s in report.tenders:
        lines += [f"### {_md(s.title)}", "", _md(s.verdict), ""]
        lines += ["| Categorie | Eisen en wensen | Voldoet | Aandeel voldaan |", "|---|---|---|---|"]
        for category, counts in s.by_category.items():
            lines.append(
                f"| {_md(CATEGORY_LABELS.get(category, category))} | {counts.total} | {counts.met} | {_share(counts)} |"
            )
        lines.append("")
    if report.progress is not None:
        p = report.progress
        lines += [
            "## Voortgang sinds de vorige beoordeling",
            "",
            f"Vergeleken met {_md(p.baseline)}: {len(p.resolved)} opgelost, {len(p.new)} nieuw, "
            f"{len(p.remaining)} nog open.",
            "",
        ]
        if p.resolved:
            lines.append(
                "Opgelost: "
                + ", ".join(f"{_md(rid)} (was {_md(STATUS_LABELS.get(old, old))})" for rid, old, _ in p.resolved)
                + "."
            )
        if p.new:
            lines.append("Nieuw: " + ", ".join(_md(rid) for rid in p.new) + ".")
        if p.remaining:
            lines.append("Nog open: " + ", ".join(_md(rid) for rid in p.remaining) + ".")
        lines.append("")
    lines += _md_bid_documents(report)
    lines += ["## Gaps", ""]
    if not report.gaps:
        lines += ["Geen gaps: alle eisen en wensen voldaan of niet van toepassing.", ""]
    for group in GROUPS:
        gaps = [g for g in report.gaps if g.group == group]
        if not gaps:
            continue
        lines += [f"### {GROUP_LABELS[group]}: {len(gaps)}", ""]
        for gap in gaps:
            e = gap.evaluation
            req = e.requirement
            owner = e.entry.owner or "niet toegewezen"
            when = _date(e.entry.target_date) or "geen"
            lines.append(f"#### {_md(req.id)} {_md(req.title)}")
            lines.append("")
            lines.append(f"- Status: {_md_status(gap)}; {_md(_kind(req))}")
            lines.append(f"- Bron: {_md(labels.source(req))}")
            lines.append(f"- Bevinding: {_md(gap.finding)}")
            if e.change is not None:
                if e.change.text_diff:
                    lines.append(f"- Tekst gewijzigd ({WORDS_LEGEND}): {_md_words(e.change.text_diff)}")
                lines += [f"- Gewijzigd: {_md(part)}" for part in _change_parts(e.change)]
            if gap.context:
                lines.append(f"- Context (geen norm): {_md(gap.context)}")
            lines.append(f"- Bewijs: {_md(e.entry.evidence) if e.entry.evidence else 'geen'}")
            lines.append("- Volgende stappen: " + "; ".join(_md(a) for a in gap.actions) + ".")
            lines.append(f"- Eigenaar: {_md(owner)}; streefdatum: {when}")
            for finding in e.findings:
                if finding.verdict != "voldoet_niet" and finding.verdict != "voldoet":
                    check = CHECK_LABELS.get(finding.verdict, finding.verdict)
                    lines.append(f"- Controle, {_md(check)}: {_md(finding.message)}")
            lines.append("")
    lines += _md_equivalents(report)
    lines += _md_evidence(report)
    return lines


def _md_bid_documents(report: GapReport) -> list[str]:
    if not report.bid_documents:
        return []
    missing = sum(not d.present for d in report.bid_documents)
    lines = [
        f"## {BID_TITLE}",
        "",
        f"{len(report.bid_documents)} documenten in te leveren bij de inschrijving, waarvan {missing} nog ontbreken "
        "(geen antwoord, of niet 'voldoet' of 'gelijkwaardig' met bewijs).",
        "",
        "| Eis | Document | Aanwezig | Bewijs |",
        "|---|---|---|---|",
    ]
    for doc in report.bid_documents:
        e = doc.evaluation
        lines.append(
            f"| {_md(e.requirement.id)} | {_md(doc.name)} | {'ja' if doc.present else '**ontbreekt**'} "
            f"| {_md(e.entry.evidence) if e.entry.evidence else '–'} |"
        )
    return [*lines, ""]


def _md_equivalents(report: GapReport) -> list[str]:
    if not report.equivalents:
        return []
    lines = [f"## {EQUIVALENTS_TITLE}", "", EQUIVALENTS_INTRO, ""]
    for e in report.equivalents:
        lines += [
            f"### {_md(e.requirement.id)} {_md(e.requirement.title)}",
            "",
            f"- Eis: {_md(e.requirement.text)}",
            f"- Alternatief (toelichting): {_md(e.entry.explanation)}",
            f"- Bewijs: {_md(e.entry.evidence)}",
            "",
        ]
    return lines


def _md_evidence(report: GapReport) -> list[str]:
    if not report.evidence:
        return []
    lines = [f"## {EVIDENCE_TITLE}", "", "| Eis | Bewijs | Geldig tot | Wat |", "|---|---|---|---|"]
    for e in report.evidence:
        lines.append(
            f"| {_md(e.requirement.id)} | {_md(e.entry.evidence)} | {_date(e.entry.evidence_valid_until)} "
            f"| {_md(_evidence_state(e))} |"
        )
    return [*lines, ""]


# --- HTML ----------------------------------------------------------------------------------------

CSS = (
    "h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem}"
    ".ok{color:#1b6e20;font-weight:600}"
    ".nok{color:#b00020;font-weight:600}"
    ".gap{border-left:4px solid #b00020;padding:.2rem .8rem;margin:.8rem 0;background:#fafafa}"
    ".gap.deels,.gap.onbewezen{border-color:#c77700}"
    ".gap.wens{border-color:#7a7a7a}"
    ".meta{color:#555}"
    # A narrow screen: a table scrolls sideways in its own box (html_page.table_region), long words break.
    "td{overflow-wrap:break-word}"
    "dl.feiten{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.feiten dt{font-weight:600}"
    "dl.feiten dd{margin:0}@media (max-width:40rem){dl.feiten{grid-template-columns:1fr}}"
    f".gap.over_tijd{{border-color:{OVERDUE_COLOUR};background:#fff4f4}}.over-tijd{{color:{OVERDUE_COLOUR}}}"
)


def _h(text) -> str:
    return html.escape(str(text), quote=True)


def _table(label: str, headers: list[str], rows: list[str]) -> str:
    """A table (*rows* are ``<tr>`` HTML already) in a box that scrolls sideways, named *label*."""
    head = "".join(f"<th>{_h(h)}</th>" for h in headers)
    return table_region(label, f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render_html(reports: list[GapReport], catalog: str = "") -> str:
    """One page, one ``<h1>``: with several providers the readiness matrix is the page's title and each
    provider's report sits one heading level lower."""
    title = "Gap-rapport" if len(reports) > 1 else f"Gap-rapport {reports[0].assessment.provider}"
    parts = []
    if len(reports) > 1:
        title = MATRIX_TITLE
        matrix = build_matrix(reports)
        titles = _tender_titles(reports)
        rows = []
        for provider, cells in matrix.rows:
            row = [f"<tr><td>{_h(provider)}</td>"]
            for tid in matrix.tenders:
                s = cells.get(tid)
                if s is None:
                    row.append("<td>–</td>")
                else:
                    cls, word = ("ok", "klaar") if s.knockout_pass else ("nok", "niet klaar")
                    row.append(f'<td><span class="{cls}">{word}</span> ({_h(_share(s.overall))})</td>')
            rows.append("".join(row) + "</tr>")
        parts.append(f"<h1>{MATRIX_TITLE}</h1>")
        parts.append(_table(MATRIX_TITLE, ["Aanbieder", *(titles.get(t, t) for t in matrix.tenders)], rows))
    shift = 1 if len(reports) > 1 else 0
    for report in reports:
        parts += _html_report(report, catalog, shift)
    return page(title, parts, CSS)


def _html_report(report: GapReport, catalog: str = "", shift: int = 0) -> list[str]:
    """One provider's report; its headings *shift* levels lower (under the readiness matrix)."""

    def h(level: int, text: str, attrs: str = "") -> str:
        return f"<h{level + shift}{attrs}>{text}</h{level + shift}>"

    a = report.assessment
    who = _h(a.provider)
    cls, word = ("ok", "klaar voor inschrijving") if report.ready else ("nok", "niet klaar voor inschrijving")
    facts = "".join(f"<dt>{_h(name)}</dt><dd>{_h(value)}</dd>" for name, value in _facts(report, catalog))
    rows = []
    for s in report.tenders:
        c = s.overall.counts
        k = '<span class="ok">ja</span>' if s.knockout_pass else '<span class="nok">nee</span>'
        rows.append(
            f"<tr><td>{_h(s.title)}</td><td>{k}</td><td>{c['voldoet']}</td><td>{c['gelijkwaardig']}</td>"
            f"<td>{c['deels']}</td><td>{c['voldoet_niet']}</td><td>{c['onbewezen']}</td><td>{c['verouderd']}</td>"
            f"<td>{c['onbekend']}</td><td>{c['nvt']}</td><td>{_h(_share(s.overall))}</td></tr>"
        )
    out = [
        h(1, f"Gap-rapport {who}"),
        f'<dl class="feiten meta">{facts}</dl>',
        f'<p>Oordeel: <span class="{cls}">{word}</span></p>',
        h(2, "Samenvatting per aanbesteding"),
        _table(f"Samenvatting per aanbesteding, {a.provider}", SUMMARY_HEADERS, rows),
    ]
    for s in report.tenders:
        out.append(h(3, _h(s.title)) + f"<p>{_h(s.verdict)}</p>")
        rows = [
            f"<tr><td>{_h(CATEGORY_LABELS.get(category, category))}</td><td>{counts.total}</td>"
            f"<td>{counts.met}</td><td>{_h(_share(counts))}</td></tr>"
            for category, counts in s.by_category.items()
        ]
        out.append(_table(f"{s.title}: per categorie, {a.provider}", CATEGORY_HEADERS, rows))
    if report.progress is not None:
        p = report.progress
        out.append(h(2, "Voortgang sinds de vorige beoordeling"))
        out.append(
            f"<p>Vergeleken met {_h(p.baseline)}: {len(p.resolved)} opgelost, {len(p.new)} nieuw, "
            f"{len(p.remaining)} nog open.</p><ul>"
        )
        if p.resolved:
            out.append("<li>Opgelost: " + ", ".join(_h(rid) for rid, _, _ in p.resolved) + "</li>")
        if p.new:
            out.append("<li>Nieuw: " + ", ".join(_h(rid) for rid in p.new) + "</li>")
        if p.remaining:
            out.append("<li>Nog open: " + ", ".join(_h(rid) for rid in p.remaining) + "</li>")
        out.append("</ul>")
    out += _html_bid_documents(report, h)
    out.append(h(2, "Gaps"))
    if not report.gaps:
        out.append("<p>Geen gaps: alle eisen en wensen voldaan of niet van toepassing.</p>")
    for group in GROUPS:
        gaps = [g for g in report.gaps if g.group == group]
        if not gaps:
            continue
        out.append(h(3, f"{_h(GROUP_LABELS[group])}: {len(gaps)}"))
        for gap in gaps:
            e = gap.evaluation
            req = e.requirement
            owner = e.entry.owner or "niet toegewezen"
            when = _date(e.entry.target_date) or "geen"
            out.append(f'<div class="gap {_h(group)}">' + h(4, f"{_h(req.id)} {_h(req.title)}") + "<ul>")
            status = (
                f'<strong class="over-tijd">{_h(_status(gap))}</strong>'
                if gap.overdue
                else f"<strong>{_h(_status(gap))}</strong>"
            )
            out.append(f"<li>Status: {status}; {_h(_kind(req))}</li>")
            out.append(f"<li>Bron: {_h(labels.source(req))}</li>")
            out.append(f"<li>Bevinding: {_h(gap.finding)}</li>")
            if e.change is not None:
                if e.change.text_diff:
                    out.append(f"<li>Tekst gewijzigd ({WORDS_LEGEND}): {_html_words(e.change.text_diff)}</li>")
                out += [f"<li>Gewijzigd: {_h(part)}</li>" for part in _change_parts(e.change)]
            if gap.context:
                out.append(f"<li>Context (geen norm): {_h(gap.context)}</li>")
            out.append(f"<li>Bewijs: {_h(e.entry.evidence) if e.entry.evidence else 'geen'}</li>")
            out.append("<li>Volgende stappen:<ul>" + "".join(f"<li>{_h(a)}</li>" for a in gap.actions) + "</ul></li>")
            out.append(f"<li>Eigenaar: {_h(owner)}; streefdatum: {_h(when)}</li>")
            out.append("</ul></div>")
    if report.equivalents:
        out += [h(2, _h(EQUIVALENTS_TITLE)), f"<p>{_h(EQUIVALENTS_INTRO)}</p>"]
        for e in report.equivalents:
            out.append(
                h(3, f"{_h(e.requirement.id)} {_h(e.requirement.title)}")
                + f"<ul><li>Eis: {_h(e.requirement.text)}</li>"
                f"<li>Alternatief (toelichting): {_h(e.entry.explanation)}</li>"
                f"<li>Bewijs: {_h(e.entry.evidence)}</li></ul>"
            )
    if report.evidence:
        rows = [
            f"<tr><td>{_h(e.requirement.id)}</td><td>{_h(e.entry.evidence)}</td>"
            f"<td>{_h(_date(e.entry.evidence_valid_until))}</td><td>{_h(_evidence_state(e))}</td></tr>"
            for e in report.evidence
        ]
        out += [h(2, _h(EVIDENCE_TITLE)), _table(f"{EVIDENCE_TITLE}, {a.provider}", EVIDENCE_HEADERS, rows)]
    return out


def _html_bid_documents(report: GapReport, h) -> list[str]:
    """The documents of the bid as a table; *h* writes a heading at the report's level."""
    if not report.bid_documents:
        return []
    rows = []
    for doc in report.bid_documents:
        e = doc.evaluation
        present = '<span class="ok">ja</span>' if doc.present else '<span class="nok">ontbreekt</span>'
        rows.append(
            f"<tr><td>{_h(e.requirement.id)}</td><td>{_h(doc.name)}</td><td>{present}</td>"
            f"<td>{_h(e.entry.evidence) if e.entry.evidence else '–'}</td></tr>"
        )
    label = f"{BID_TITLE}, {report.assessment.provider}"
    return [h(2, _h(BID_TITLE)), _table(label, ["Eis", "Document", "Aanwezig", "Bewijs"], rows)]


# --- XLSX ----------------------------------------------------------------------------------------


def _xlsx_title(reports: list[GapReport], catalog: str) -> list[str]:
    """The header lines of the first sheet: the provider(s), the catalog, the reference date, the checks."""
    if len(reports) == 1:
        title = f"Gap-rapport {reports[0].assessment.provider}"
        return [title, *(f"{name}: {value}" for name, value in _facts(reports[0], catalog))]
    facts = [(n, v) for n, v in _facts(reports[0], catalog) if n in ("Catalogus", "Peildatum", "Gecontroleerd met")]
    return ["Gereedheid per aanbieder en aanbesteding", *(f"{name}: {value}" for name, value in facts)]


def _page_header(reports: list[GapReport], catalog: str) -> str:
    first = reports[0].assessment
    who = first.provider if len({r.assessment.provider for r in reports}) == 1 else "meerdere aanbieders"
    return f"Gap-rapport {who} · catalogus {catalog} · peildatum {_date(first.peildatum)}"


def render_xlsx(reports: list[GapReport], catalog: str = "") -> bytes:
    titles = _tender_titles(reports)
    workbook = new_workbook()
    first = workbook.active
    first.title = "Samenvatting"
    rows = []
    for report in reports:
        for s in report.tenders:
            c = s.overall.counts
            rows.append(
                [
                    report.assessment.provider,
                    s.region,
                    s.title,
                    _yes(s.knockout_pass),
                    c["voldoet"],
                    c["gelijkwaardig"],
                    c["deels"],
                    c["voldoet_niet"],
                    c["onbewezen"],
                    c["verouderd"],
                    c["onbekend"],
                    c["nvt"],
                    Number(None if s.overall.share_met is None else s.overall.share_met / 100, PERCENT),
                    s.verdict,
                ]
            )
    write_table(
        first,
        ["Aanbieder", "Regio", "Aanbesteding", "Knock-out gehaald", *COUNT_HEADERS, "Oordeel"],
        rows,
        {"Aanbesteding": 40, "Oordeel": 50, "Aanbieder": 22, "Regio": 18, "Knock-out gehaald": 10},
        freeze_through="Aanbesteding",
        numeric=COUNT_HEADERS,
        title=_xlsx_title(reports, catalog),
    )
    sheet = workbook.create_sheet("Gaps")
    gap_rows = []
    for report in reports:
        for gap in report.gaps:
            e = gap.evaluation
            gap_rows.append(
                [
                    e.requirement.id,
                    e.requirement.title,
                    report.assessment.provider,
                    titles.get(e.requirement.tender, e.requirement.tender),
                    GROUP_LABELS[gap.group],
                    STATUS_LABELS[e.status],
                    gap.finding + (f"\n{describe(e.change)}" if e.change is not None else ""),
                    e.entry.evidence,
                    "\n".join(gap.actions),
                    e.entry.owner,
                    e.entry.target_date,
                    labels.source(e.requirement),
                ]
            )
    write_table(
        sheet,
        [
            "Eis-id",
            "Titel",
            "Aanbieder",
            "Aanbesteding",
            "Soort gap",
            "Status",
            "Bevinding",
            "Bewijs",
            "Volgende stappen",
            "Eigenaar",
            "Streefdatum",
            "Bron",
        ],
        gap_rows,
        {"Titel": 30, "Bevinding": 40, "Bewijs": 20, "Volgende stappen": 40, "Soort gap": 16, "Aanbesteding": 20}
        | {"Eis-id": 12, "Aanbieder": 17, "Status": 11, "Eigenaar": 12, "Streefdatum": 11, "Bron": 30},
        freeze_through="Titel",
    )
    _mark_overdue(sheet, [gap for report in reports for gap in report.gaps])
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "DD-MM-YYYY"
    _xlsx_lists(workbook, reports)
    return save_workbook(workbook, _page_header(reports, catalog))


def _xlsx_lists(workbook, reports: list[GapReport]) -> None:
    """Sheets for the documents of the bid, the equivalent alternatives and expiring evidence (when any)."""
    bid = [
        [
            r.assessment.provider,
            d.evaluation.requirement.id,
            d.name,
            "ja" if d.present else "ontbreekt",
            d.evaluation.entry.evidence,
        ]
        for r in reports
        for d in r.bid_documents
    ]
    if bid:
        write_table(
            workbook.create_sheet("Bij inschrijving"),
            ["Aanbieder", "Eis-id", "Document", "Aanwezig", "Bewijs"],
            bid,
            {"Aanbieder": 26, "Document": 40, "Bewijs": 40},
        )
    equivalents = [
        [r.assessment.provider, e.requirement.id, e.requirement.title, e.entry.explanation, e.entry.evidence]
        for r in reports
        for e in r.equivalents
    ]
    if equivalents:
        write_table(
            workbook.create_sheet("Gelijkwaardig"),
            ["Aanbieder", "Eis-id", "Titel", "Alternatief (toelichting)", "Bewijs"],
            equivalents,
            {"Aanbieder": 26, "Titel": 40, "Alternatief (toelichting)": 60, "Bewijs": 40},
        )
    evidence = [
        [r.assessment.provider, e.requirement.id, e.entry.evidence, e.entry.evidence_valid_until, _evidence_state(e)]
        for r in reports
        for e in r.evidence
    ]
    if evidence:
        sheet = workbook.create_sheet("Bewijs verloopt")
        write_table(
            sheet,
            ["Aanbieder", "Eis-id", "Bewijs", "Geldig tot", "Wat"],
            evidence,
            {"Aanbieder": 26, "Bewijs": 40, "Wat": 50},
        )
        for row in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
            for cell in row:
                cell.number_format = "DD-MM-YYYY"


def _mark_overdue(sheet, gaps: list) -> None:
    """The status of a plan over time in the sheet "Gaps": 'over tijd', in red (row *n* + 2 is gap *n*)."""
    status = 6  # the column "Status"
    for number, gap in enumerate(gaps, start=2):
        if gap.overdue:
            cell = sheet.cell(number, status)
            cell.value = OVERDUE_LABEL
            cell.font = Font(name="Arial", sz=10, bold=True, color=OVERDUE_COLOUR.lstrip("#").upper())
