"""Evaluate a filled checklist: the provider's declaration, its evidence and the machine checks.

Status mapping
==============

Declared in the checklist (Dutch words) → report status (keys in the JSON report):

=================  ===================================================================
``voldoet``        ``voldoet``; but an ``eis`` without evidence (empty *Bewijs*) →
                   ``onbewezen``. A ``wens`` without evidence stays ``voldoet`` (the gap
                   report advises adding evidence, but a wish is not a knock-out).
``voldoet deels``  ``deels``
``voldoet niet``   ``voldoet_niet``
``gelijkwaardig``  ``gelijkwaardig``: an equivalent alternative ("of gelijkwaardig"); it
                   passes like ``voldoet``, but only with an explanation and evidence,
                   otherwise ``onbewezen``. The gap report lists these for the bid text.
``n.v.t.``         ``nvt``
``gepland``        ``onbekend`` (not met today; the plan's owner and date are shown)
empty / missing    ``onbekend`` (not filled in)
=================  ===================================================================

Evidence with a validity date (``evidence_valid_until``) that lies before the reference date counts
as no evidence (``voldoet`` on an eis and ``gelijkwaardig`` become ``onbewezen``); evidence that
expires before the contract starts is flagged (``evidence_flag``) without changing the status.

An answer given to an earlier version of the requirement (:mod:`generator.assess.stale`) is
``verouderd``: not yet assessed, whatever it declares, until the provider has checked it. Only a
failing machine finding goes before it.

Machine findings (roster rules, client KPIs) then apply:

- any finding ``voldoet_niet`` overrides every declaration (also ``n.v.t.``) → ``voldoet_niet``;
- findings ``voldoet`` (and none failing) confirm: a declared ``voldoet`` becomes ``voldoet`` even
  without evidence (the data are the evidence), and an empty or ``gepland`` declaration becomes
  ``voldoet`` (established from the data). ``voldoet deels``, ``voldoet niet`` and ``n.v.t.`` are
  kept: the provider knows more than the data show, and a check never lowers the bar;
- ``onbekend`` and ``voorlopig`` findings never upgrade (nor downgrade) a declaration; they are listed
  with the requirement so that nothing is silently passed;
- an *approximate* finding (a KPI computed on an approximation of the tender's wording, such as
  "nabij de gemeente van herkomst" as "the same municipality or subregion") never overrides nor
  confirms: it is shown beside the provider's statement, and when the two differ it becomes
  ``te_onderbouwen`` (the provider substantiates its statement) and the reason says so.

``info`` requirements are evaluated the same way for display, but never count as gaps or in summaries.

Readiness (``knockout_pass``): a tender passes when every ``eis`` has status ``voldoet``,
``gelijkwaardig`` or ``nvt``. An unproven eis (``onbewezen``), a partly met one (``deels``), a stale
answer (``verouderd``) and one not filled in or only planned (``onbekend``) do **not** pass: a
contracting authority can exclude a bid on any of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property

from generator.assess.checklist import Entry, FilledChecklist
from generator.assess.findings import FAILS, MEETS, TO_SUBSTANTIATE, Finding
from generator.assess.stale import Change, change_of, is_stale
from generator.catalog.model import Catalog, Metric, Requirement

MEETS_STATUS = "voldoet"
PARTIAL = "deels"
FAILS_STATUS = "voldoet_niet"
UNPROVEN = "onbewezen"
UNKNOWN = "onbekend"
NOT_APPLICABLE = "nvt"
EQUIVALENT = "gelijkwaardig"
STALE = "verouderd"
REPORT_STATUSES = (MEETS_STATUS, EQUIVALENT, PARTIAL, FAILS_STATUS, UNPROVEN, STALE, UNKNOWN, NOT_APPLICABLE)
STATUS_LABELS = {
    MEETS_STATUS: "voldoet",
    EQUIVALENT: "gelijkwaardig",
    PARTIAL: "voldoet deels",
    FAILS_STATUS: "voldoet niet",
    UNPROVEN: "onbewezen",
    STALE: "verouderd",
    UNKNOWN: "onbekend",
    NOT_APPLICABLE: "n.v.t.",
}
DECLARED = {
    "voldoet": MEETS_STATUS,
    "voldoet deels": PARTIAL,
    "voldoet niet": FAILS_STATUS,
    "gelijkwaardig": EQUIVALENT,
    "n.v.t.": NOT_APPLICABLE,
    "gepland": UNKNOWN,
}
PASSING = (MEETS_STATUS, EQUIVALENT, NOT_APPLICABLE)
EVIDENCE_EXPIRED = "verlopen"
EVIDENCE_EXPIRES_BEFORE_START = "verloopt_voor_start"


@dataclass(frozen=True)
class Evaluation:
    """The assessment of one requirement."""

    requirement: Requirement
    entry: Entry
    status: str  # one of REPORT_STATUSES
    reason: str  # Dutch: how the status was reached
    findings: tuple[Finding, ...] = ()
    change: Change | None = None  # set when the answer is stale: what changed in the requirement
    evidence_flag: str | None = None  # EVIDENCE_EXPIRED or EVIDENCE_EXPIRES_BEFORE_START

    @property
    def declared(self) -> str | None:
        return self.entry.status

    @property
    def has_evidence(self) -> bool:
        return bool(self.entry.evidence.strip())


@dataclass(frozen=True)
class Assessment:
    """A provider's evaluated checklist for one or more tenders."""

    file: str
    provider: str
    peildatum: dt.date
    tenders: tuple[str, ...]
    evaluations: tuple[Evaluation, ...]
    checked: tuple[str, ...] = ()  # which data were checked: "personeelsbestand", "cliëntgegevens"

    def for_tender(self, tender_id: str) -> list[Evaluation]:
        """The evaluations of one tender, in catalog order."""
        return list(self._by_tender.get(tender_id, ()))

    @cached_property
    def _by_tender(self) -> dict[str, list[Evaluation]]:
        # Indexed once: looking each tender up by a scan over all evaluations was quadratic
        # (500 tenders x 50,000 requirements: 6.7 s of a gap report).
        groups: dict[str, list[Evaluation]] = {}
        for evaluation in self.evaluations:
            groups.setdefault(evaluation.requirement.tender, []).append(evaluation)
        return groups


def evaluate_requirement(
    req: Requirement,
    entry: Entry | None,
    findings: list[Finding],
    peildatum: dt.date | None = None,
    contract_start: dt.date | None = None,
    metrics: dict[str, Metric] | None = None,
) -> Evaluation:
    """Combine declaration, evidence and machine findings into one status (see the module docstring)."""
    entry = entry or Entry(req.id)
    findings = tuple(findings)
    declared = entry.status
    base = DECLARED.get(declared, UNKNOWN) if declared else UNKNOWN
    if declared is None:
        reason = "niet ingevuld"
    elif declared == "gepland":
        reason = "gepland" + (f" (streefdatum {entry.target_date:%d-%m-%Y})" if entry.target_date else "")
    else:
        reason = f"zelf verklaard: {declared}"
    flag = _evidence_flag(entry, peildatum, contract_start)
    expired = flag == EVIDENCE_EXPIRED
    if base == EQUIVALENT and not (entry.explanation.strip() and entry.evidence.strip() and not expired):
        missing = [
            w for w, ok in (("toelichting", entry.explanation.strip()), ("bewijs", entry.evidence.strip())) if not ok
        ]
        why = (
            f"zonder {' en '.join(missing)}" if missing else f"bewijs verlopen op {entry.evidence_valid_until:%d-%m-%Y}"
        )
        base, reason = UNPROVEN, f"zelf verklaard: gelijkwaardig, maar {why}"
    elif base == MEETS_STATUS and req.obligation == "eis" and not entry.evidence.strip():
        base, reason = UNPROVEN, "zelf verklaard: voldoet, maar zonder bewijs"
    elif base == MEETS_STATUS and req.obligation == "eis" and expired:
        base, reason = (
            UNPROVEN,
            f"zelf verklaard: voldoet, maar het bewijs is verlopen op {entry.evidence_valid_until:%d-%m-%Y}",
        )
    change = None
    if is_stale(req, entry):
        change = change_of(req, entry, metrics)
        base, reason = STALE, f"antwoord verouderd: de eis is gewijzigd sinds het antwoord ({change.summary()})"
    findings, reason = _beside(findings, base, reason)
    failing = [f for f in findings if f.verdict == FAILS and not f.approximate]
    meeting = [f for f in findings if f.verdict == MEETS and not f.approximate]
    if failing:
        sources = ", ".join(sorted({_source_label(f.source) for f in failing}))
        return Evaluation(
            req, entry, FAILS_STATUS, f"voldoet niet volgens {sources} ({reason})", findings, change, flag
        )
    if meeting:
        sources = ", ".join(sorted({_source_label(f.source) for f in meeting}))
        if base == UNPROVEN and declared == "voldoet":
            reason = f"zelf verklaard: voldoet; bevestigd door {sources}"
            return Evaluation(req, entry, MEETS_STATUS, reason, findings, change, flag)
        if base == MEETS_STATUS:
            return Evaluation(req, entry, MEETS_STATUS, f"{reason}; bevestigd door {sources}", findings, change, flag)
        if base == UNKNOWN:
            return Evaluation(req, entry, MEETS_STATUS, f"vastgesteld uit {sources} ({reason})", findings, change, flag)
    return Evaluation(req, entry, base, reason, findings, change, flag)


def _evidence_flag(entry: Entry, peildatum: dt.date | None, contract_start: dt.date | None) -> str | None:
    """Whether the evidence has expired on the reference date or expires before the contract starts."""
    until = entry.evidence_valid_until
    if until is None or not entry.evidence.strip():
        return None
    if peildatum is not None and until < peildatum:
        return EVIDENCE_EXPIRED
    if contract_start is not None and until < contract_start:
        return EVIDENCE_EXPIRES_BEFORE_START
    return None


def _beside(findings: tuple[Finding, ...], base: str, reason: str) -> tuple[tuple[Finding, ...], str]:
    """Approximate findings that differ from the declaration become ``te_onderbouwen`` (see the module docstring)."""
    out = []
    for finding in findings:
        declared_meets = base in (MEETS_STATUS, UNPROVEN)
        differs = (finding.verdict == FAILS and declared_meets) or (
            finding.verdict == MEETS and base in (FAILS_STATUS, PARTIAL)
        )
        if finding.approximate and differs:
            computed = "voldoet niet" if finding.verdict == FAILS else "voldoet"
            reason += f"; te onderbouwen: de benaderde berekening geeft '{computed}'"
            finding = replace(finding, verdict=TO_SUBSTANTIATE)
        out.append(finding)
    return tuple(out), reason


def _source_label(source: str) -> str:
    return {"roster": "personeelsbestand", "clients": "cliëntgegevens", "survey": "enquêtecijfers"}.get(source, source)


def evaluate(
    catalog: Catalog,
    filled: FilledChecklist,
    findings: list[Finding],
    peildatum: dt.date,
    checked: tuple[str, ...] = (),
) -> Assessment:
    """Evaluate every requirement of the tenders in *filled* (missing rows count as not filled in)."""
    by_req: dict[str, list[Finding]] = {}
    for finding in findings:
        by_req.setdefault(finding.requirement_id, []).append(finding)
    evaluations = []
    for tender_id in filled.tenders:
        tender = catalog.tender(tender_id)
        for req in tender.requirements:
            evaluations.append(
                evaluate_requirement(
                    req,
                    filled.entries.get(req.id),
                    by_req.get(req.id, []),
                    peildatum,
                    tender.period.start,
                    catalog.metrics,
                )
            )
    provider = filled.provider or _stem(filled.file)
    return Assessment(filled.file, provider, peildatum, filled.tenders, tuple(evaluations), checked)


def _stem(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base
