"""Machine checks for an assessment: the staff rules against the roster, the KPI norms against client data.

The KPI norms are judged by the KPI engine (``generator.assess.kpi_checks``). A KPI requirement the
engine cannot judge from the data gets an ``onbekend`` finding ("niet gecontroleerd"): never a silent pass.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.assess import kpi_checks
from generator.assess.findings import UNKNOWN, Finding
from generator.catalog.model import Catalog, Requirement
from generator.roster.reader import read_roster
from generator.roster.rules import check_roster

KPI_SOURCES = ("kpi", "survey")
NOT_COMPUTED = "niet gecontroleerd: de cliëntgegevens geven geen uitkomst voor deze eis"


def roster_findings(
    catalog: Catalog, tender_ids: tuple[str, ...], roster_path: Path, peildatum: dt.date
) -> list[Finding]:
    """Findings of every staff rule of the given tenders against the roster at *roster_path*."""
    from generator.catalog.load import display_path

    roster = read_roster(roster_path, peildatum, display_path(roster_path))
    requirements = [req for tid in tender_ids for req in catalog.tender(tid).requirements]
    return check_roster(requirements, roster)


def kpi_requirements(catalog: Catalog, tender_ids: tuple[str, ...]) -> list[Requirement]:
    """Requirements with a norm that client data or survey marks can check."""
    out = []
    for tid in tender_ids:
        for req in catalog.tender(tid).requirements:
            metrics = [catalog.metrics.get(n.metric) for n in req.binding_norms]
            if any(m is not None and m.computed_by in KPI_SOURCES for m in metrics):
                out.append(req)
    return out


def client_findings(
    catalog: Catalog,
    tender_ids: tuple[str, ...],
    clients: Path,
    zrm: Path | None,
    survey: Path | None,
    peildatum: dt.date,
) -> list[Finding]:
    """KPI findings from the KPI engine; ``onbekend`` for each KPI requirement it does not judge."""
    wanted = kpi_requirements(catalog, tender_ids)
    found = list(kpi_checks.kpi_findings(catalog, list(tender_ids), clients, zrm, survey, peildatum))
    judged = {f.requirement_id for f in found}
    found += [Finding(req.id, "clients", UNKNOWN, NOT_COMPUTED, None, None) for req in wanted if req.id not in judged]
    return found
