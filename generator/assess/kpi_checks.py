"""Machine findings from the KPI engine, for ``opvang assess`` / ``opvang gap`` with ``--clients``.

For every requirement of the given tenders with a norm the KPI engine can compute (contract §4) or
that the provider's survey gives (``scores.yaml``), one :class:`~generator.assess.findings.Finding`
per norm: the value against the norm and the verdict. ``onvoldoende_data`` becomes ``onbekend``.
A finding never holds client-level data; a value built on fewer clients than the suppression
threshold is not shown in the message (only the verdict). A finding of a metric that approximates
the tender's wording (``approximation`` in the metric vocabulary) is marked ``approximate``: the
assessment shows it beside the provider's own statement, never instead of it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.assess.findings import FAILS, MEETS, PROVISIONAL, UNKNOWN, Finding
from generator.catalog.model import Catalog

_VERDICTS = {"voldoet": MEETS, "voldoet_niet": FAILS, "voorlopig": PROVISIONAL, "onvoldoende_data": UNKNOWN}


def kpi_findings(
    catalog: Catalog,
    tender_ids: list[str],
    clients: Path,
    zrm: Path | None,
    survey: Path | None,
    peildatum: dt.date,
) -> list[Finding]:
    """Findings for every computable KPI norm of *tender_ids* from the provider's registrations."""
    from generator.kpi.clients import read_clients, read_zrm
    from generator.kpi.engine import DEFAULT_MIN_CELL, evaluate
    from generator.kpi.survey import read_survey

    registrations = read_clients(clients)
    measurements = read_zrm(zrm, registrations) if zrm is not None else None
    scores = read_survey(survey) if survey is not None else None
    findings: list[Finding] = []
    for tender_id in tender_ids:
        report = evaluate(catalog, tender_id, registrations, measurements, scores, peildatum, min_cell=DEFAULT_MIN_CELL)
        for result in report.results:
            cell = result.overall
            findings.append(
                Finding(
                    result.requirement.id,
                    result.source,
                    _VERDICTS[cell.verdict],
                    result.sentence(publish=True),
                    result.title,  # the subject for people: the KPI's label
                    result.norm.metric,
                    approximate=result.approximation is not None,
                )
            )
    return findings
