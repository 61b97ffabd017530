"""The lint report of a whole catalog, and its renderings: text, JSON and Dutch Markdown.

Measurability (the "share of measurable requirements" per tender): only binding requirements
(``eis`` and ``wens``) are counted; ``info`` binds no one and is left out of both numerator and
denominator. A binding requirement is *measurable* when it has at least one norm or staff rule and
no open (not accepted) ``VAGUE`` finding: a number next to "zo kort mogelijk" still leaves part of
the requirement untestable.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from generator.catalog.model import Catalog, Tender
from generator.diagnostics import printable
from generator.lint import rules
from generator.lint.rules import RULES, Finding
from generator.lint.terms import SEVERITIES, VagueTerm, catalog_terms

SEVERITY_LABELS = {"error": "fout", "warning": "waarschuwing", "info": "info"}
FAIL_LEVELS = ("error", "warning", "info", "none")


@dataclass(frozen=True)
class TenderQuality:
    """Summary numbers of one tender."""

    tender: str
    title: str
    requirements: int
    binding: int  # eis + wens
    measurable: int  # binding, with a norm or staff rule, and no open VAGUE finding
    counts: dict[str, int] = field(default_factory=dict)  # open findings per rule
    accepted: int = 0

    @property
    def share(self) -> float | None:
        """Measurable binding requirements in %, or None when the tender has none."""
        return round(100 * self.measurable / self.binding, 1) if self.binding else None

    def as_dict(self) -> dict:
        return {
            "tender": self.tender,
            "title": self.title,
            "requirements": self.requirements,
            "binding": self.binding,
            "measurable": self.measurable,
            "measurable_share": self.share,
            "open_findings": dict(sorted(self.counts.items())),
            "accepted_findings": self.accepted,
        }


@dataclass(frozen=True)
class LintReport:
    findings: tuple[Finding, ...]
    tenders: tuple[TenderQuality, ...]

    @property
    def open_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.accepted)

    def tender(self, tender_id: str) -> TenderQuality:
        for quality in self.tenders:
            if quality.tender == tender_id:
                return quality
        raise KeyError(tender_id)

    def for_tender(self, tender_id: str) -> tuple[Finding, ...]:
        return self._by("tender").get(tender_id, ())

    def for_requirement(self, requirement_id: str) -> tuple[Finding, ...]:
        return self._by("requirement").get(requirement_id, ())

    def _by(self, attribute: str) -> dict[str, tuple[Finding, ...]]:
        """Findings grouped by tender or requirement, built once per report (a site asks per page)."""
        cache = self.__dict__.setdefault("_index", {})
        if attribute not in cache:
            groups: dict[str, list[Finding]] = {}
            for finding in self.findings:
                groups.setdefault(getattr(finding, attribute), []).append(finding)
            cache[attribute] = {key: tuple(value) for key, value in groups.items()}
        return cache[attribute]

    def fails(self, level: str) -> bool:
        """Whether an open finding has severity *level* or worse (``none``: never)."""
        if level == "none":
            return False
        worst = SEVERITIES.index(level)
        return any(SEVERITIES.index(f.severity) <= worst for f in self.open_findings)

    def as_dict(self) -> dict:
        return {
            "summary": {
                "findings": len(self.findings),
                "open": len(self.open_findings),
                "accepted": len(self.findings) - len(self.open_findings),
                "by_rule": _counts(self.open_findings),
                "by_severity": {s: sum(1 for f in self.open_findings if f.severity == s) for s in SEVERITIES},
            },
            "tenders": [t.as_dict() for t in self.tenders],
            "findings": [f.as_dict() for f in self.findings],
        }


def _counts(findings) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return dict(sorted(counts.items()))


def lint_catalog(catalog: Catalog, terms: tuple[VagueTerm, ...] | None = None) -> LintReport:
    """Run every rule over *catalog*; findings in catalog order (tender, requirement, rule)."""
    terms = catalog_terms(catalog.folder) if terms is None else terms
    findings: list[Finding] = []
    qualities = []
    for tender in catalog.tenders:
        per_req = {req.id: rules.requirement_findings(req, terms) for req in tender.requirements}
        for conflict in rules.check_conflicts(tender):
            per_req.setdefault(conflict.requirement, []).append(conflict)
        tender_findings = rules.apply_acceptance(  # the tender's own acceptances: linear in the catalog
            [f for req in tender.requirements for f in per_req.get(req.id, [])], tender
        )
        findings.extend(tender_findings)
        open_vague = {f.requirement for f in tender_findings if f.rule == "VAGUE" and not f.accepted}
        binding = [r for r in tender.requirements if r.obligation != "info"]
        measurable = [r for r in binding if (r.binding_norms or r.staff_rules) and r.id not in open_vague]
        qualities.append(
            TenderQuality(
                tender=tender.id,
                title=tender.title,
                requirements=len(tender.requirements),
                binding=len(binding),
                measurable=len(measurable),
                counts=_counts(f for f in tender_findings if not f.accepted),
                accepted=sum(1 for f in tender_findings if f.accepted),
            )
        )
    return LintReport(tuple(findings), tuple(qualities))


def vague_requirement_ids(report: LintReport) -> set[str]:
    """Ids of requirements with an open (not accepted) VAGUE finding: these get a badge on the site."""
    return {f.requirement for f in report.findings if f.rule == "VAGUE" and not f.accepted}


# --- text and JSON -----------------------------------------------------------------------------


def render_text(report: LintReport, catalog: str = "") -> str:
    """``Catalogus: <naam>``, then ``FILE:LINE:COL: REGEL ernst ID: bericht`` per finding, then a Dutch summary."""
    lines = [f"Catalogus: {printable(' '.join(catalog.split()))}"] if catalog.strip() else []
    for f in report.findings:
        where = str(f.location) if f.location else f.tender
        status = f" [geaccepteerd: {f.reason}]" if f.accepted else ""
        lines.append(f"{where}: {f.rule} {SEVERITY_LABELS[f.severity]} {f.requirement}: {f.message}{status}")
        if f.suggestion and not f.accepted:
            lines.append(f"    suggestie: {f.suggestion}")
    lines.append("")
    for t in report.tenders:
        share = f"{_number(t.share)}%" if t.share is not None else "-"
        per_rule = ", ".join(f"{rule} {n}" for rule, n in t.counts.items()) or "geen"
        lines.append(
            f"{t.tender}: {t.requirements} eisen, toetsbaar {t.measurable}/{t.binding} ({share}); "
            f"open meldingen: {per_rule}; geaccepteerd: {t.accepted}"
        )
    open_count = len(report.open_findings)
    lines.append(
        f"{open_count} open melding(en), {len(report.findings) - open_count} geaccepteerd, "
        f"in {len(report.tenders)} aanbesteding(en)."
    )
    return "\n".join(lines) + "\n"


def render_json(report: LintReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~])")


def escape_markdown(text: str) -> str:
    """*text* as literal text in Markdown (also inside a table cell): HTML and Markdown show as text."""
    text = " ".join(str(text).split())
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}".replace(".", ",")


DEFAULT_LINK = "../{tender}.md#{requirement}"


def render_quality_markdown(
    report: LintReport, tender: str | Tender, link: str | None = DEFAULT_LINK, show_accepted: bool = True
) -> str:
    """A Dutch Markdown quality page for one tender.

    *link* is a format string for the link to a requirement, with ``{tender}`` and ``{requirement}``
    (default ``../<tender-id>.md#<REQ-ID>``); None gives plain ids without links.
    """
    tender_id = tender if isinstance(tender, str) else tender.id
    quality = report.tender(tender_id)
    findings = [f for f in report.for_tender(tender_id) if show_accepted or not f.accepted]
    open_findings = [f for f in findings if not f.accepted]
    out = [f"# Kwaliteit van de eisen: {escape_markdown(quality.title)}", ""]
    share = f"{_number(quality.share)}%" if quality.share is not None else "niet van toepassing"
    out += [
        f"- Eisen in deze aanbesteding: {quality.requirements}",
        f"- Bindend (eis of wens): {quality.binding}",
        f"- Toetsbaar: {quality.measurable} van {quality.binding} ({share})",
        f"- Open meldingen: {len(open_findings)}",
        f"- Geaccepteerde meldingen: {quality.accepted}",
        "",
        "Een bindende eis telt als toetsbaar als hij ten minste één norm of personeelsregel heeft en geen "
        "vage formulering bevat die niet is geaccepteerd. Informatie-eisen binden niemand en tellen niet mee.",
        "",
    ]
    if quality.counts:
        out += ["| Regel | Betekenis | Aantal |", "|---|---|---:|"]
        out += [f"| {rule} | {RULES.get(rule, rule)} | {n} |" for rule, n in quality.counts.items()]
        out.append("")
    if not findings:
        out += ["Geen meldingen: alle eisen zijn toetsbaar geformuleerd.", ""]
        return "\n".join(out)
    out += [
        "## Meldingen",
        "",
        "| Eis | Regel | Ernst | Woorden | Melding | Voorstel |",
        "|---|---|---|---|---|---|",
    ]
    for f in findings:
        ref = escape_markdown(f.requirement)
        if link:
            ref = f"[{ref}]({link.format(tender=tender_id, requirement=f.requirement)})"
        severity = SEVERITY_LABELS[f.severity]
        if f.accepted:
            severity = f"geaccepteerd ({escape_markdown(f.reason or '')})"
        words = ", ".join(escape_markdown(w) for w in f.words)
        out.append(
            f"| {ref} | {f.rule} | {severity} | {words} | {escape_markdown(f.message)} | "
            f"{escape_markdown(f.suggestion)} |"
        )
    out.append("")
    return "\n".join(out)


def render_markdown(report: LintReport, link: str | None = DEFAULT_LINK, catalog: str = "") -> str:
    """The quality pages of every tender of *report*, one after the other (for ``--format md``)."""
    out = ["# Kwaliteit van de eisen", ""]
    if catalog.strip():
        out += [f"Catalogus: {escape_markdown(catalog)}", ""]
    for quality in report.tenders:
        page = render_quality_markdown(report, quality.tender, link)
        out += ["#" + line if line.startswith("#") else line for line in page.splitlines()]
        out.append("")
    return "\n".join(out)
