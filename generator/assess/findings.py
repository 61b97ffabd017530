"""Machine-check findings: what a data check (roster, client KPIs) found about one requirement.

Produced by the roster rules and the KPI engine, consumed by the assessment, which lets them
override the provider's own declaration. A finding never carries client-level data.
"""

from __future__ import annotations

from dataclasses import dataclass

# Verdicts a machine check can reach about a requirement.
MEETS = "voldoet"
FAILS = "voldoet_niet"
PROVISIONAL = "voorlopig"  # follow-up not yet long enough to judge
UNKNOWN = "onbekend"  # not checked, or too little data to judge
# An approximate computation (see Metric.approximation) that differs from the provider's own statement:
# shown beside the statement, never instead of it; the provider substantiates its statement.
TO_SUBSTANTIATE = "te_onderbouwen"
VERDICTS = (MEETS, FAILS, PROVISIONAL, UNKNOWN, TO_SUBSTANTIATE)


@dataclass(frozen=True, order=True)
class Finding:
    """One result of a machine check about one requirement."""

    requirement_id: str
    source: str  # "roster" | "clients" | "survey"
    verdict: str  # one of VERDICTS
    message: str  # Dutch, one sentence a person can act on
    subject: str | None = None  # medewerker_id, team or KPI metric the finding is about
    rule: str | None = None  # staff rule kind or metric name
    approximate: bool = False  # the check approximates the tender's wording: it never overrides a statement

    def as_dict(self) -> dict:
        return {
            "requirement_id": self.requirement_id,
            "source": self.source,
            "verdict": self.verdict,
            "message": self.message,
            "subject": self.subject,
            "rule": self.rule,
            "approximate": self.approximate,
        }
