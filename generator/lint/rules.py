"""Requirement-quality rules: pure functions over the catalog model that return findings.

Rules (ids as used in ``lint_accept`` of the catalog):

- ``VAGUE``: a vague formulation from ``requirements/vague-terms.yaml`` in the text (see that file
  for the matching choices). Severity follows the obligation (eis: error, wens: warning, info:
  info), capped by the term's ``max_severity``.
- ``NONORM``: an ``eis`` in a category that ought to be measurable (kpi, timing, reporting,
  staffing, vog) with neither a binding norm (kind ``norm``) nor a staff rule (a staff rule is
  checked per roster row, so it counts as measurable). Error.
- ``KPIMETHOD``: a KPI (category kpi, eis or wens) without a measurement method (``measurement``),
  or without a population: no target group on the requirement or its norms, and no counted group
  named in the text or measurement (cliënten, deelnemers, trajecten, ...). Warning.
- ``CONFLICT``: two binding norms (kind ``norm``) of binding requirements (eis/wens) in one tender
  on the same metric, for overlapping target groups (``applies_to``; none means every group), that
  cannot both hold: two bounds in the same direction with the same share but a different value, two
  different fixed values (``==``), a fixed value outside a bound, or a lower bound above an upper
  bound. Time units are converted (hours, days, weeks, months, years; 1% tolerance for calendar
  approximations such as 104 weeks = 2 years); norms in units that cannot be converted into each
  other are not compared. Reported once per pair, on the later requirement in catalog order. Error.
- ``MULTI``: more than one obligation in one requirement (eis/wens), joined by ``en``. Dutch joins
  words with "en" everywhere, so only duty *clauses* count: (a) two or more duty verbs (moet, dient,
  zal, is verplicht, draagt zorg, ...) in one sentence with "en" between them; (b) one duty verb
  governing two or more infinitive clauses ("dient X te registreren en Y te rapporteren"); (c) a
  list whose items are joined by "; en" where at least two items carry a duty verb. Lists of criteria
  or elements ("Dit beleid omvat: a. ...; b. ...") are one obligation and are not reported; nor is
  "en/of". Warning.

A finding accepted in the catalog (``lint_accept`` with the same rule on the requirement) stays in
the report, marked accepted with the reason, and does not count for ``--fail-on``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from generator.catalog.model import Catalog, Location, Norm, Requirement, Tender, groups_label
from generator.lint.terms import SEVERITIES, VagueTerm, find_vague, normalize
from generator.render.catalog_export import norm_text

RULES: dict[str, str] = {
    "VAGUE": "Vage formulering",
    "NONORM": "Eis zonder norm in een meetbare categorie",
    "KPIMETHOD": "KPI zonder meetmethode of populatie",
    "CONFLICT": "Tegenstrijdige normen",
    "MULTI": "Meer dan één verplichting in één eis",
}
MEASURABLE_CATEGORIES: tuple[str, ...] = ("kpi", "timing", "reporting", "staffing", "vog")
_OBLIGATION_SEVERITY = {"eis": "error", "wens": "warning", "info": "info"}


@dataclass(frozen=True)
class Finding:
    """One quality problem of one requirement."""

    rule: str
    requirement: str
    tender: str
    severity: str  # error | warning | info
    message: str
    words: tuple[str, ...] = ()
    suggestion: str = ""
    location: Location | None = None
    related: tuple[str, ...] = ()
    accepted: bool = False
    reason: str | None = None

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "rule": self.rule,
            "requirement": self.requirement,
            "tender": self.tender,
            "severity": self.severity,
            "message": self.message,
            "words": list(self.words),
            "suggestion": self.suggestion,
            "location": {"file": loc.file, "line": loc.line, "column": loc.column} if loc else None,
            "related": list(self.related),
            "accepted": self.accepted,
            "reason": self.reason,
        }


def _cap(severity: str, cap: str) -> str:
    return severity if SEVERITIES.index(severity) >= SEVERITIES.index(cap) else cap


# --- VAGUE -------------------------------------------------------------------------------------


def check_vague(req: Requirement, terms: tuple[VagueTerm, ...]) -> list[Finding]:
    """One finding per vague term found in the requirement's text (all its occurrences together)."""
    by_term: dict[str, tuple[VagueTerm, list[str]]] = {}
    for term, words in find_vague(req.text, terms):
        by_term.setdefault(term.id, (term, []))[1].append(words)
    findings = []
    for term, words in by_term.values():
        unique = tuple(dict.fromkeys(words))
        shown = ", ".join(f"'{w}'" for w in unique)
        findings.append(
            Finding(
                rule="VAGUE",
                requirement=req.id,
                tender=req.tender,
                severity=_cap(_OBLIGATION_SEVERITY[req.obligation], term.max_severity),
                message=f"vage formulering {shown} ({term.id}): {term.why}",
                words=unique,
                suggestion=term.rewrite,
                location=req.location,
            )
        )
    return findings


# --- NONORM ------------------------------------------------------------------------------------


def check_norm_present(req: Requirement) -> list[Finding]:
    if req.obligation != "eis" or req.category not in MEASURABLE_CATEGORIES or req.binding_norms or req.staff_rules:
        return []
    return [
        Finding(
            rule="NONORM",
            requirement=req.id,
            tender=req.tender,
            severity="error",
            message=f"eis in de meetbare categorie '{req.category}' zonder norm: "
            "niet vast te stellen of eraan voldaan is",
            suggestion="Leg het toetsbare getal vast als norm (metric, operator, waarde, eenheid), bijvoorbeeld "
            "'binnen 10 werkdagen' of '4 keer per jaar'; noemt de bron geen getal, vraag het dan na in de nota "
            "van inlichtingen.",
            location=req.location,
        )
    ]


# --- KPIMETHOD ---------------------------------------------------------------------------------

_POPULATION = re.compile(
    r"(?<!\w)(cliënt\w*|client\w*|deelnemer\w*|bewoner\w*|inwoner\w*|gezin\w*|jongere\w*|jongvolwassen\w*|"
    r"huishouden\w*|personen|mensen|traject\w*|melding\w*|slachtoffer\w*|dakloze\w*|individuen|kinderen|"
    r"ketenpartner\w*|medewerker\w*|uitstro\w*|instro\w*)(?!\w)",
    re.IGNORECASE,
)


def check_kpi_method(req: Requirement) -> list[Finding]:
    if req.category != "kpi" or req.obligation == "info":
        return []
    missing = []
    if not req.measurement:
        missing.append("meetmethode")
    has_group = bool(req.target_groups) or any(n.applies_to for n in req.norms)
    if not has_group and not _POPULATION.search(f"{req.text} {req.measurement or ''}"):
        missing.append("populatie")
    if not missing:
        return []
    what = " en ".join(missing)
    return [
        Finding(
            rule="KPIMETHOD",
            requirement=req.id,
            tender=req.tender,
            severity="warning",
            message=f"KPI zonder {what}: onduidelijk hoe en over wie de indicator wordt gemeten",
            words=tuple(missing),
            suggestion="Vul 'measurement' met de bron van de meting (welke registratie, door wie, wanneer) en "
            "noem de populatie (doelgroep in target_groups/applies_to, of 'alle cliënten met uitstroom in het "
            "kalenderjaar').",
            location=req.location,
        )
    ]


# --- CONFLICT ----------------------------------------------------------------------------------

_HOURS = {"hours": 1.0, "days": 24.0, "weeks": 168.0, "months": 730.5, "years": 8766.0}
_TOLERANCE = 0.01


def _comparable(a: Norm, b: Norm) -> tuple[float, float] | None:
    """Both values in one unit, or None when the units cannot be converted into each other."""
    if a.unit == b.unit:
        return float(a.value), float(b.value)
    if a.unit in _HOURS and b.unit in _HOURS:
        return a.value * _HOURS[a.unit], b.value * _HOURS[b.unit]
    return None


def _same(x: float, y: float, units_differ: bool) -> bool:
    if not units_differ:
        return x == y
    return abs(x - y) <= _TOLERANCE * max(abs(x), abs(y))


def _direction(op: str) -> str:
    return "upper" if op in ("<=", "<") else "lower" if op in (">=", ">") else "fixed"


def norms_conflict(a: Norm, b: Norm) -> str | None:
    """Why norms *a* and *b* (same metric and target group) cannot both hold, or None."""
    values = _comparable(a, b)
    if values is None:
        return None
    x, y = values
    differ = a.unit != b.unit
    da, db = _direction(a.operator), _direction(b.operator)
    if (a.share or 100) != (b.share or 100):
        # Staged norms ("3 months in 80%, 6 months in 100%") say different things; only the same value
        # with different shares contradicts.
        if da == db and _same(x, y, differ) and a.operator == b.operator:
            return "zelfde grens met een verschillend aandeel van de gevallen"
        return None
    if da == db == "fixed":
        return None if _same(x, y, differ) else "twee verschillende vaste waarden"
    if da == db:
        if _same(x, y, differ):
            return None
        return "twee verschillende " + ("maxima" if da == "upper" else "minima")
    if "fixed" in (da, db):
        fixed, fixed_value, bound, bound_value = (a, x, b, y) if da == "fixed" else (b, y, a, x)
        if _same(fixed_value, bound_value, differ) and bound.operator in (">=", "<="):
            return None
        ok = {">=": fixed_value >= bound_value, "<=": fixed_value <= bound_value}.get(bound.operator)
        if ok is None:
            ok = fixed_value > bound_value if bound.operator == ">" else fixed_value < bound_value
        return None if ok else "vaste waarde buiten de grens"
    lower, low_value, upper, up_value = (a, x, b, y) if da == "lower" else (b, y, a, x)
    if _same(low_value, up_value, differ):
        return None if lower.operator == ">=" and upper.operator == "<=" else "ondergrens gelijk aan bovengrens"
    return "ondergrens boven de bovengrens" if low_value > up_value else None


def _shared_groups(a: Norm, b: Norm) -> tuple[str, ...] | None:
    """The target groups both norms are about (() for every group), or None when they share none."""
    if not a.applies_to:
        return b.applies_to
    if not b.applies_to:
        return a.applies_to
    shared = tuple(g for g in a.applies_to if g in b.applies_to)
    return shared or None


def check_conflicts(tender: Tender) -> list[Finding]:
    """Conflicting binding norms between (or within) the binding requirements of one tender.

    Only norms of kind ``norm`` bind; an aim beside an observed figure ("streven 6 maanden, in de
    realiteit 9") is no conflict. Two norms are compared when their target groups overlap (a norm
    without ``applies_to`` is about every group).
    """
    by_metric: dict[str, list[tuple[Requirement, Norm]]] = defaultdict(list)
    for req in tender.requirements:
        if req.obligation == "info":
            continue
        for norm in req.binding_norms:
            by_metric[norm.metric].append((req, norm))
    findings = []
    for metric, entries in by_metric.items():
        pairs: dict[tuple[str, str, tuple[str, ...]], list[tuple[Requirement, Norm, Requirement, Norm, str]]] = {}
        for i, (req_a, norm_a) in enumerate(entries):
            for req_b, norm_b in entries[i + 1 :]:
                shared = _shared_groups(norm_a, norm_b)
                if shared is None:
                    continue
                why = norms_conflict(norm_a, norm_b)
                if why is not None:
                    pairs.setdefault((req_a.id, req_b.id, shared), []).append((req_a, norm_a, req_b, norm_b, why))
        for (id_a, id_b, group), found in pairs.items():
            req_b, norm_b = found[0][2], found[0][3]
            where = "in dezelfde eis" if id_a == id_b else f"met {id_a}"
            target = f" voor doelgroep {groups_label(group)}" if group else ""
            details = "; ".join(f"{norm_text(na)} tegenover {norm_text(nb)} ({why})" for _, na, _, nb, why in found)
            words = tuple(dict.fromkeys(text for _, na, _, nb, _ in found for text in (norm_text(na), norm_text(nb))))
            findings.append(
                Finding(
                    rule="CONFLICT",
                    requirement=id_b,
                    tender=tender.id,
                    severity="error",
                    message=f"tegenstrijdige normen op '{metric}'{target} {where}: {details}",
                    words=words,
                    suggestion="Maak één norm leidend, of onderscheid ze met een eigen metric, doelgroep "
                    "(applies_to) of aandeel (share); vraag de opdrachtgever welke geldt.",
                    location=norm_b.location or req_b.location,
                    related=() if id_a == id_b else (id_a,),
                )
            )
    return findings


# --- MULTI -------------------------------------------------------------------------------------

_DUTY = re.compile(
    r"(?<!\w)(?:moet|moeten|dient|dienen|zal|zullen|is\s+verplicht|zijn\s+verplicht|draagt\s+zorg|dragen\s+zorg|"
    r"verplicht\s+zich|verplichten\s+zich)(?!\w)",
    re.IGNORECASE,
)
_EN = re.compile(r"(?<![\w/])en(?![\w/])", re.IGNORECASE)  # "en", never "en/of"
_INFINITIVE = re.compile(r"(?<!\w)te\s+\w+en(?!\w)", re.IGNORECASE)
_PURPOSE = re.compile(r"(?<!\w)om\s+(?:\S+\s+){0,6}$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def duty_clauses(text: str) -> list[str]:
    """The stretches of *text* that show several obligations joined by "en" (see the module docstring)."""
    text = normalize(text)
    hits = []
    for sentence in _SENTENCE.split(text):
        duties = list(_DUTY.finditer(sentence))
        if len(duties) >= 2 and _EN.search(sentence, duties[0].end(), duties[-1].start()):
            hits.append(sentence[duties[0].start() : duties[-1].end()])
            continue
        if duties:
            rest_start = duties[0].end()
            infinitives = list(_INFINITIVE.finditer(sentence, rest_start))
            # "om ... te" is a purpose clause, not a second duty
            infinitives = [m for m in infinitives if not _PURPOSE.search(sentence[: m.start()])]
            if len(infinitives) >= 2 and _EN.search(sentence, infinitives[0].end(), infinitives[-1].start()):
                hits.append(sentence[duties[0].start() : infinitives[-1].end()])
                continue
        if re.search(r";\s+en\s", sentence):
            items = re.split(r";\s+(?:en\s+)?", sentence)
            if sum(1 for item in items if _DUTY.search(item)) >= 2:
                hits.append(sentence)
    return hits


def check_multiple_obligations(req: Requirement) -> list[Finding]:
    if req.obligation == "info":
        return []
    clauses = duty_clauses(req.text)
    if not clauses:
        return []
    shown = [c if len(c) <= 120 else c[:117] + "..." for c in clauses]
    return [
        Finding(
            rule="MULTI",
            requirement=req.id,
            tender=req.tender,
            severity="warning",
            message="meer dan één verplichting in één eis (met 'en' verbonden plichten): "
            "elke plicht moet afzonderlijk te toetsen en te accepteren zijn",
            words=tuple(shown),
            suggestion="Splits de eis: één verplichting per eis, elk met een eigen id en zo nodig een eigen norm.",
            location=req.location,
        )
    ]


# --- all rules ---------------------------------------------------------------------------------


def requirement_findings(req: Requirement, terms: tuple[VagueTerm, ...]) -> list[Finding]:
    """The findings of every per-requirement rule (all but CONFLICT), not yet marked accepted."""
    return [
        *check_vague(req, terms),
        *check_norm_present(req),
        *check_kpi_method(req),
        *check_multiple_obligations(req),
    ]


def apply_acceptance(findings: list[Finding], catalog: Catalog | Tender) -> list[Finding]:
    """Mark findings that the catalog (or the tender) accepts (``lint_accept`` on the requirement, same rule)."""
    accepted: dict[tuple[str, str], str] = {}
    for req in catalog.requirements:
        for acceptance in req.lint_accept:
            accepted.setdefault((req.id, acceptance.rule), acceptance.reason)
    out = []
    for finding in findings:
        reason = accepted.get((finding.requirement, finding.rule))
        out.append(replace(finding, accepted=True, reason=reason) if reason is not None else finding)
    return out
