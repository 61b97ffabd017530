"""The coverage report of ``opvang coverage``: Dutch text and Markdown for people, JSON for machines.

Per tender: the share of passages covered (quoted or background) overall and of the passages that bind
or ask, then every open passage with its anchor and section, those that bind or ask first; then the
requirements whose text is not one passage of the source, and background entries that match nothing.
The JSON follows ``requirements/schema/coverage.schema.json``; keys sorted, same input same bytes.
"""

from __future__ import annotations

import json

from generator.diagnostics import printable
from generator.sources.coverage import PassageCoverage, TenderCoverage
from generator.sources.page import escape_markdown

FORMAT_VERSION = 1
_SHOWN_CHARACTERS = 200


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}".replace(".", ",")


def _share(value: float | None) -> str:
    return "geen passages" if value is None else f"{_number(value)}%"


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1].rstrip() + "…"


def _where(entry: PassageCoverage) -> str:
    label = entry.passage.section_label or "begin van het document"
    if entry.passage.kind == "voetnoot":
        label += f", voetnoot {entry.passage.note}"
    return label


def _summary(coverage: TenderCoverage) -> list[str]:
    total, binding = coverage.count(), coverage.count(binding=True)
    return [
        f"gedekt: {_share(coverage.share)} van {total} passages ({coverage.count('geciteerd')} geciteerd, "
        f"{coverage.count('achtergrond')} achtergrond, {coverage.count('open')} open)",
        f"bindend of vragend: {_share(coverage.binding_share)} van {binding} passages gedekt, "
        f"{coverage.count('open', binding=True)} open",
    ]


# --- text ------------------------------------------------------------------------------------------


def render_text(report: list[TenderCoverage], catalog: str = "") -> str:
    """The report for the terminal; *catalog* (its name) on the first line."""
    out: list[str] = [f"Catalogus: {printable(' '.join(catalog.split()))}", ""] if catalog.strip() else []
    for coverage in report:
        out.append(f"{coverage.tender}: {coverage.document_title} ({coverage.document})")
        out += [f"  {line}" for line in _summary(coverage)]
        open_passages = coverage.open_passages
        binding = [p for p in open_passages if p.binding]
        rest = [p for p in open_passages if not p.binding]
        for title, group in (("open, bindt of vraagt", binding), ("open, overig", rest)):
            if not group:
                continue
            out.append(f"  {title} ({len(group)}):")
            for entry in group:
                signals = f" (woorden: {', '.join(entry.signals)})" if entry.signals else ""
                out.append(f"    {entry.passage.anchor} [{_where(entry)}] {_short(entry.passage.text)}{signals}")
        if coverage.unfaithful:
            out.append(f"  niet als één passage in de bron ({len(coverage.unfaithful)} eisen):")
            out += [f"    {requirement}: {reason}" for requirement, reason in coverage.unfaithful]
        out += [f"  {problem.format()}" for problem in coverage.problems]
        out.append("")
    open_binding = sum(c.count("open", binding=True) for c in report)
    out.append(
        f"{len(report)} aanbesteding(en); {open_binding} open passage(s) die iets binden of vragen: "
        "citeer ze in een eis of markeer ze als achtergrond (background in tender.yaml)."
    )
    return "\n".join(out) + "\n"


# --- JSON ------------------------------------------------------------------------------------------


def _passage_json(entry: PassageCoverage) -> dict:
    passage = entry.passage
    return {
        "anchor": passage.anchor,
        "number": passage.number,
        "kind": passage.kind,
        "section": passage.section_label,
        "text": passage.text,
        "binding": entry.binding,
        "signals": list(entry.signals),
        "note": passage.note,
    }


def coverage_json(coverage: TenderCoverage) -> dict:
    def counts(binding: bool) -> dict:
        return {
            "passages": coverage.count(binding=binding),
            "quoted": coverage.count("geciteerd", binding=binding),
            "background": coverage.count("achtergrond", binding=binding),
            "open": coverage.count("open", binding=binding),
            "share": coverage.binding_share if binding else coverage.share,
        }

    return {
        "tender": coverage.tender,
        "title": coverage.title,
        "document": coverage.document,
        "document_title": coverage.document_title,
        "all": counts(False),
        "binding": counts(True),
        "open_passages": [_passage_json(entry) for entry in coverage.open_passages],
        "unfaithful": [{"requirement": r, "reason": why} for r, why in coverage.unfaithful],
        "problems": [problem.as_dict() for problem in coverage.problems],
    }


def render_json(report: list[TenderCoverage]) -> str:
    data = {"format_version": FORMAT_VERSION, "tenders": [coverage_json(c) for c in report]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# --- Markdown --------------------------------------------------------------------------------------


def render_markdown(report: list[TenderCoverage], catalog: str = "") -> str:
    """The report as a Markdown page; *catalog* (its name) on the line under the heading."""
    out = [
        "# Dekking van de brondocumenten",
        "",
        *([f"Catalogus: {escape_markdown(catalog)}", ""] if catalog.strip() else []),
        "Per aanbesteding: welk deel van de passages van het brondocument een eis citeert of als achtergrond "
        "is gemarkeerd, en welke passages nog open zijn. Open passages die iets binden of vragen staan "
        "bovenaan: citeer ze in een eis of markeer ze als achtergrond (`background` in `tender.yaml`).",
        "",
    ]
    for coverage in report:
        out += [f"## {escape_markdown(coverage.title)}", ""]
        out.append(f"Brondocument: {escape_markdown(coverage.document_title)} (`{coverage.document}`)")
        out.append("")
        out += [f"- {escape_markdown(line[:1].upper() + line[1:])}" for line in _summary(coverage)]
        out.append("")
        open_passages = coverage.open_passages
        for title, group in (
            ("Open, bindt of vraagt", [p for p in open_passages if p.binding]),
            ("Open, overig", [p for p in open_passages if not p.binding]),
        ):
            if not group:
                continue
            out += [f"### {title} ({len(group)})", ""]
            for entry in group:
                signals = f" *({escape_markdown(', '.join(entry.signals))})*" if entry.signals else ""
                out.append(
                    f"- **{entry.passage.anchor}** · {escape_markdown(_where(entry))}: "
                    f"{escape_markdown(entry.passage.text)}{signals}"
                )
            out.append("")
        if coverage.unfaithful:
            out += [f"### Niet als één passage in de bron ({len(coverage.unfaithful)})", ""]
            out += [f"- **{r}**: {escape_markdown(why)}" for r, why in coverage.unfaithful]
            out.append("")
        if coverage.problems:
            out += ["### Achtergrond die niet gevonden is", ""]
            out += [f"- {escape_markdown(problem.format())}" for problem in coverage.problems]
            out.append("")
    return "\n".join(out)
