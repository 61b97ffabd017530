"""The gap report: what stands between a provider and a compliant bid, in the order to work on it.

Order of the gaps: answers to requirements that changed since (``verouderd``, eis and wens: check
them first, nothing else about them can be trusted), then plans over time (a gap whose target date lies
before the reference date, :data:`GROUP_OVERDUE`: the plan did not deliver), then knock-out items
(``eis`` not met: ``voldoet_niet`` or ``onbekend``), then ``eis`` partly met (``deels``), then ``eis``
without evidence (``onbewezen``), then ``wens`` not (fully) met; within a group by tender, category
(catalog order) and id. ``info`` requirements and requirements that are met, equivalent or not
applicable are never gaps. Each gap carries its finding, the evidence given, concrete next actions
(derived from the kind of gap and the machine findings), and the owner and target date from the
checklist.

Beside the gaps the report lists, per provider: the equivalent alternatives (``gelijkwaardig``: the
bid text must argue the equivalence), evidence that has expired on the reference date or expires
before the contract starts, and the documents to hand in with the bid (``submit_with_bid``) with
whether each is there (answered ``voldoet`` or ``gelijkwaardig`` with evidence) or missing.

Summaries count eis and wens (never info) per tender and per category; "share met" is the number
``voldoet`` or ``gelijkwaardig`` divided by all that are applicable (everything except ``nvt``).
Readiness per tender is ``knockout_pass``: every eis ``voldoet``, ``gelijkwaardig`` or ``nvt`` (see
:mod:`generator.assess.evaluate`).

A baseline (an earlier gap report as JSON, or an earlier filled checklist) gives progress: gaps
resolved since then, new gaps and remaining gaps, matched by requirement id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.assess.evaluate import (
    EQUIVALENT,
    EVIDENCE_EXPIRED,
    FAILS_STATUS,
    MEETS_STATUS,
    NOT_APPLICABLE,
    PARTIAL,
    PASSING,
    REPORT_STATUSES,
    STALE,
    UNKNOWN,
    UNPROVEN,
    Assessment,
    Evaluation,
)
from generator.assess.findings import FAILS
from generator.assess.fingerprint import context_text
from generator.catalog.model import CATEGORIES, Catalog
from generator.diagnostics import InputError, Problem
from generator.jsonsource import read_json

KNOCKOUT = "knockout"
GROUP_STALE = "verouderd"
GROUP_OVERDUE = "over_tijd"
GROUP_PARTIAL = "deels"
GROUP_UNPROVEN = "onbewezen"
GROUP_WISH = "wens"
GROUPS = (GROUP_STALE, GROUP_OVERDUE, KNOCKOUT, GROUP_PARTIAL, GROUP_UNPROVEN, GROUP_WISH)
GROUP_LABELS = {
    GROUP_STALE: "Antwoorden op gewijzigde eisen (verouderd): controleer ze eerst",
    GROUP_OVERDUE: "Plannen over tijd, streefdatum voorbij",
    KNOCKOUT: "Knock-outeisen die niet voldaan zijn",
    GROUP_PARTIAL: "Eisen die deels voldaan zijn",
    GROUP_UNPROVEN: "Eisen zonder bewijs (onbewezen)",
    GROUP_WISH: "Wensen die niet (volledig) voldaan zijn",
}
FAIL_ON = {"eis": (GROUP_STALE, GROUP_OVERDUE, KNOCKOUT, GROUP_PARTIAL, GROUP_UNPROVEN), "wens": GROUPS}
OVERDUE_LABEL = "over tijd"  # the status an overdue plan is shown with


def gap_group(obligation: str, status: str) -> str | None:
    """The gap group of a requirement with *obligation* and report *status*, or None when it is no gap."""
    if status == STALE and obligation in ("eis", "wens"):
        return GROUP_STALE
    if obligation == "eis":
        return {FAILS_STATUS: KNOCKOUT, UNKNOWN: KNOCKOUT, PARTIAL: GROUP_PARTIAL, UNPROVEN: GROUP_UNPROVEN}.get(status)
    if obligation == "wens" and status in (FAILS_STATUS, UNKNOWN, PARTIAL, UNPROVEN):
        return GROUP_WISH
    return None


@dataclass(frozen=True)
class Gap:
    evaluation: Evaluation
    group: str
    finding: str
    actions: tuple[str, ...]
    context: str = ""  # the norms that do not bind ("streven: …; huidige situatie: …")

    @property
    def id(self) -> str:
        return self.evaluation.requirement.id

    @property
    def overdue(self) -> bool:
        """A plan over time: its target date lies before the reference date."""
        return self.group == GROUP_OVERDUE


@dataclass(frozen=True)
class Counts:
    """Counts per report status (eis and wens only) and the share met."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def met(self) -> int:
        """Met: ``voldoet`` or ``gelijkwaardig``."""
        return self.counts.get(MEETS_STATUS, 0) + self.counts.get(EQUIVALENT, 0)

    @property
    def share_met(self) -> float | None:
        applicable = self.total - self.counts.get(NOT_APPLICABLE, 0)
        return round(100 * self.met / applicable, 1) if applicable else None

    def as_dict(self) -> dict:
        return {"counts": dict(self.counts), "total": self.total, "share_met": self.share_met}


def _counts(evaluations: list[Evaluation]) -> Counts:
    counts = dict.fromkeys(REPORT_STATUSES, 0)
    for evaluation in evaluations:
        if evaluation.requirement.obligation != "info":
            counts[evaluation.status] += 1
    return Counts(counts)


@dataclass(frozen=True)
class TenderSummary:
    tender_id: str
    title: str
    region: str
    overall: Counts
    eis: Counts
    by_category: dict[str, Counts]
    knockout_pass: bool
    verdict: str
    evaluations: tuple[Evaluation, ...]


@dataclass(frozen=True)
class Progress:
    """Comparison with a baseline: requirement ids per kind, with the old status of resolved gaps."""

    baseline: str
    resolved: tuple[tuple[str, str, str], ...]  # (id, old status, new status)
    new: tuple[str, ...]
    remaining: tuple[str, ...]


@dataclass(frozen=True)
class BidDocument:
    """A document to hand in with the bid, and whether the checklist shows it is there."""

    evaluation: Evaluation
    present: bool

    @property
    def name(self) -> str:
        req = self.evaluation.requirement
        return req.bid_document or req.title


@dataclass(frozen=True)
class GapReport:
    assessment: Assessment
    gaps: tuple[Gap, ...]
    tenders: tuple[TenderSummary, ...]
    progress: Progress | None = None
    equivalents: tuple[Evaluation, ...] = ()  # gelijkwaardig: argue the equivalence in the bid
    evidence: tuple[Evaluation, ...] = ()  # evidence expired or expiring before the contract starts
    bid_documents: tuple[BidDocument, ...] = ()

    @property
    def ready(self) -> bool:
        return all(t.knockout_pass for t in self.tenders)

    def failing(self, level: str) -> list[Gap]:
        """The gaps that make ``--fail-on level`` fail (a stale or overdue wish only at level ``wens``)."""
        return [
            g
            for g in self.gaps
            if g.group in FAIL_ON[level] and not (level == "eis" and g.evaluation.requirement.obligation != "eis")
        ]


@dataclass(frozen=True)
class Matrix:
    """Readiness of several providers (rows) for several tenders (columns)."""

    tenders: tuple[str, ...]
    rows: tuple[tuple[str, dict[str, TenderSummary]], ...] = field(default_factory=tuple)


# --- building ------------------------------------------------------------------------------------


def build_report(
    catalog: Catalog, assessment: Assessment, baseline: dict[str, str] | None = None, baseline_name: str = ""
) -> GapReport:
    """The gap report of *assessment*; *baseline* maps requirement id → its old status (see read_baseline)."""
    category_order = {c: i for i, c in enumerate(CATEGORIES)}
    tender_order = {t: i for i, t in enumerate(assessment.tenders)}
    gaps = []
    for evaluation in assessment.evaluations:
        group = gap_group(evaluation.requirement.obligation, evaluation.status)
        if group is not None:
            finding, actions = _finding_text(evaluation), tuple(next_actions(evaluation, assessment.peildatum))
            if group != GROUP_STALE and is_overdue(evaluation, assessment.peildatum):
                group, finding = GROUP_OVERDUE, _overdue_text(finding, evaluation, assessment.peildatum)
            context = context_text(evaluation.requirement, catalog.metrics)
            gaps.append(Gap(evaluation, group, finding, actions, context))
    gaps.sort(
        key=lambda g: (
            GROUPS.index(g.group),
            tender_order[g.evaluation.requirement.tender],
            category_order.get(g.evaluation.requirement.category, 99),
            g.id,
        )
    )
    summaries = tuple(_summary(catalog, assessment, tid) for tid in assessment.tenders)
    judged = [e for e in assessment.evaluations if e.requirement.obligation != "info"]
    equivalents = tuple(e for e in judged if e.status == EQUIVALENT)
    evidence = tuple(e for e in assessment.evaluations if e.evidence_flag)
    bid_documents = tuple(
        BidDocument(e, _handed_in(e)) for e in assessment.evaluations if e.requirement.submit_with_bid
    )
    progress = None
    if baseline is not None:
        now = {g.id: g.group for g in gaps}
        statuses = {e.requirement.id: e.status for e in assessment.evaluations}
        resolved = tuple((rid, old, statuses.get(rid, "")) for rid, old in sorted(baseline.items()) if rid not in now)
        progress = Progress(
            baseline_name,
            resolved,
            tuple(g.id for g in gaps if g.id not in baseline),
            tuple(g.id for g in gaps if g.id in baseline),
        )
    return GapReport(assessment, tuple(gaps), summaries, progress, equivalents, evidence, bid_documents)


def _handed_in(evaluation: Evaluation) -> bool:
    """A bid document is there when answered ``voldoet`` or ``gelijkwaardig`` with valid evidence."""
    return (
        evaluation.entry.status in ("voldoet", "gelijkwaardig")
        and evaluation.status in (MEETS_STATUS, EQUIVALENT)
        and evaluation.has_evidence
        and evaluation.evidence_flag != EVIDENCE_EXPIRED
    )


def _summary(catalog: Catalog, assessment: Assessment, tender_id: str) -> TenderSummary:
    tender = catalog.tender(tender_id)
    evaluations = assessment.for_tender(tender_id)
    eis = [e for e in evaluations if e.requirement.obligation == "eis"]
    by_category = {
        category: _counts([e for e in evaluations if e.requirement.category == category])
        for category in CATEGORIES
        if any(e.requirement.category == category and e.requirement.obligation != "info" for e in evaluations)
    }
    blocking = [e for e in eis if e.status not in PASSING]
    knockout_pass = not blocking
    if knockout_pass:
        verdict = f"Klaar voor inschrijving: alle {len(eis)} eisen voldaan of niet van toepassing."
    else:
        parts = []
        for status, label in (
            (STALE, "verouderd: eis gewijzigd sinds het antwoord"),
            (FAILS_STATUS, "niet voldaan"),
            (UNKNOWN, "niet ingevuld of gepland"),
            (PARTIAL, "deels voldaan"),
            (UNPROVEN, "zonder bewijs"),
        ):
            n = sum(e.status == status for e in blocking)
            if n:
                parts.append(f"{n} {label}")
        verdict = f"Niet klaar voor inschrijving: {len(blocking)} van {len(eis)} eisen blokkeren ({', '.join(parts)})."
    return TenderSummary(
        tender.id,
        tender.title,
        tender.region,
        _counts(evaluations),
        _counts(eis),
        by_category,
        knockout_pass,
        verdict,
        tuple(evaluations),
    )


def is_overdue(evaluation: Evaluation, peildatum: dt.date) -> bool:
    """A plan over time: the requirement is not met and its target date lies before *peildatum*."""
    target = evaluation.entry.target_date
    return target is not None and target < peildatum and evaluation.status not in PASSING


def _overdue_text(finding: str, evaluation: Evaluation, peildatum: dt.date) -> str:
    """*finding* with the news that its target date has passed (said once, when the finding names it)."""
    target = f"{evaluation.entry.target_date:%d-%m-%Y}"
    if target in finding:
        return f"{finding.rstrip('.')}; die datum is op de peildatum {peildatum:%d-%m-%Y} voorbij."
    return f"{finding} De streefdatum {target} is op de peildatum {peildatum:%d-%m-%Y} voorbij."


def _finding_text(evaluation: Evaluation) -> str:
    failing = [f.message for f in evaluation.findings if f.verdict == FAILS]
    if failing:
        return "; ".join(failing)
    return evaluation.reason[:1].upper() + evaluation.reason[1:] + "."


def next_actions(evaluation: Evaluation, peildatum: dt.date | None = None) -> list[str]:
    """Concrete next steps for a gap, in Dutch; a target date before *peildatum* is over time."""
    req, entry = evaluation.requirement, evaluation.entry
    late = peildatum is not None and is_overdue(evaluation, peildatum)
    actions: list[str] = []
    failing = [f for f in evaluation.findings if f.verdict == FAILS]
    for finding in failing:
        action = _finding_action(finding, req.id)
        if action not in actions:
            actions.append(action)
    if not failing:
        if evaluation.status == STALE:
            actions.append(
                "Lees de gewijzigde eis en controleer uw antwoord; maak daarna een checklist voor de nieuwe "
                "versie met opvang checklist --update en maak de cel 'Te controleren' leeg"
                if not entry.review.strip()
                else "Lees de gewijzigde eis, controleer uw antwoord en maak de cel 'Te controleren' leeg"
            )
        elif evaluation.status == UNPROVEN and entry.status == "gelijkwaardig":
            actions.append("Beschrijf in de toelichting waarom het alternatief gelijkwaardig is en voeg het bewijs toe")
        elif evaluation.status == UNPROVEN and evaluation.evidence_flag == EVIDENCE_EXPIRED:
            actions.append("Vraag nieuw bewijs aan; het huidige is verlopen")
        elif evaluation.status == UNPROVEN:
            how = (
                req.measurement
                or "noem het document, beleid of de registratie waaruit blijkt dat aan de eis wordt voldaan"
            )
            actions.append(f"Voeg bewijs toe: {how}")
        elif evaluation.status == PARTIAL:
            actions.append("Vul aan wat nog ontbreekt en beschrijf in de toelichting wat al wel en nog niet voldoet")
        elif evaluation.status == FAILS_STATUS:
            actions.append("Maak een plan om aan de eis te voldoen: wat er moet gebeuren, wie het doet en wanneer")
        elif entry.status == "gepland" and late:
            actions.append(
                f"Het plan is over tijd (streefdatum {entry.target_date:%d-%m-%Y}): voer het alsnog uit, leg een "
                "nieuwe streefdatum vast en voeg daarna het bewijs toe"
            )
        elif entry.status == "gepland":
            when = f" vóór {entry.target_date:%d-%m-%Y}" if entry.target_date else ""
            actions.append(f"Voer het plan uit{when} en voeg daarna het bewijs toe")
        elif evaluation.status == UNKNOWN:
            actions.append("Vul de zelfevaluatie voor deze eis in: status, toelichting en bewijs")
    if evaluation.status == PARTIAL and not entry.evidence.strip():
        actions.append("Voeg bewijs toe voor het deel dat al voldoet")
    if not entry.owner.strip():
        actions.append("Wijs een eigenaar aan")
    if entry.target_date is None:
        actions.append("Leg een streefdatum vast")
    elif late and entry.status != "gepland":
        actions.append(f"De streefdatum {entry.target_date:%d-%m-%Y} is voorbij: leg een nieuwe vast")
    return actions


def _finding_action(finding, requirement_id: str) -> str:
    subject = finding.subject or ""
    if finding.source == "roster":
        if finding.rule == "plausibility":
            return f"Verbeter de regel van {subject} in het personeelsbestand: {finding.message.split(': ', 1)[0]}"
        if finding.rule == "vog":
            if "geen VOG" in finding.message:
                return f"Vraag een VOG aan voor {subject}"
            return f"Vraag een nieuwe VOG aan voor {subject}"
        if finding.rule == "supervision":
            return (
                f"Wijs {subject} een toezichthouder toe die aan {requirement_id} voldoet en zet die in de kolom "
                "toezicht_door van het personeelsbestand"
            )
        if finding.rule == "team_lead":
            return f"Stel in {subject} een eindverantwoordelijke medewerker aan die aan {requirement_id} voldoet"
        if finding.rule == "qualification":
            return (
                f"Zorg dat {subject} de vereiste kwalificatie haalt (scholing, ervaring of toezicht) "
                "of zet een gekwalificeerde medewerker in"
            )
        if finding.rule == "registration":
            if "SKJ" in finding.message:
                return f"Laat {subject} registreren in het Kwaliteitsregister Jeugd (SKJ)"
            return f"Zorg dat {subject} aan de registratie-eis van {requirement_id} voldoet"
        return f"Los de bevinding over {subject} op"
    what = subject or "deze KPI"  # the KPI's label (never its metric key)
    return (
        f"Verbeter de prestatie op {what}: analyseer de trajecten die de norm niet halen "
        "en leg verbetermaatregelen vast"
    )


def build_matrix(reports: list[GapReport]) -> Matrix:
    tenders: list[str] = []
    for report in reports:
        for summary in report.tenders:
            if summary.tender_id not in tenders:
                tenders.append(summary.tender_id)
    rows: dict[str, dict[str, TenderSummary]] = {}
    for report in reports:  # checklists of the same provider (one per tender) share a row
        rows.setdefault(report.assessment.provider, {}).update({s.tender_id: s for s in report.tenders})
    return Matrix(tuple(tenders), tuple(rows.items()))


# --- baseline ------------------------------------------------------------------------------------


def baseline_from_assessment(assessment: Assessment) -> dict[str, str]:
    """Requirement id → old status of an earlier assessment (only its gaps)."""
    out = {}
    for evaluation in assessment.evaluations:
        group = gap_group(evaluation.requirement.obligation, evaluation.status)
        if group is not None:
            out[evaluation.requirement.id] = evaluation.status
    return out


def baseline_from_json(path: Path, name: str) -> dict[str, str]:
    """Requirement id → old status for the gaps in an earlier ``opvang gap --format json`` report."""
    data = read_json(path, name, what="baseline")
    tenders = data.get("tenders") if isinstance(data, dict) else None
    if not isinstance(tenders, list):
        raise InputError(
            Problem(name, 1, 1, "baseline is geen gap-rapport; verwacht de JSON van opvang gap --format json")
        )
    out: dict[str, str] = {}
    for tender in tenders:
        requirements = tender.get("requirements") if isinstance(tender, dict) else None
        if not isinstance(requirements, list):
            raise InputError(Problem(name, None, None, "baseline: aanbesteding zonder 'requirements'"))
        for item in requirements:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise InputError(Problem(name, None, None, "baseline: eis zonder 'id'"))
            status, obligation = item.get("status"), item.get("obligation")
            if status not in REPORT_STATUSES:
                raise InputError(
                    Problem(name, None, None, f"baseline: eis {item['id']} heeft onbekende status {status!r}")
                )
            if gap_group(str(obligation), status) is not None:
                out[item["id"]] = status
    return out
