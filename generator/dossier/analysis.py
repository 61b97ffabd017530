"""Combine KPI reports into a contract dossier: trends, norms missed in a row, and a draft agenda.

Input: the reports of one tender (:mod:`generator.dossier.reports`), one per provider and period.
The periods are put in time order; a *series* is the overall cell of one KPI norm of one provider
per period (missing when the provider sent no report over that period, or its report lacks the KPI).

Missed in a row: a *run* is two or more consecutive periods (each starts the day after the previous
ended) in which the norm was not met (``voldoet_niet``); it is *current* when it includes the
provider's latest report. Provisional values (``voorlopig``, or with cases still pending) are marked
and never count as met or missed.

The draft agenda for the next account meeting (accountgesprek), per provider and KPI, from its two
latest reports:

- *verbeterd*: the norm was missed and is now met, or the value moved towards the norm;
- *verbeterplan*: a current run (missed two or more periods in a row): ask for an improvement plan;
- *aandacht*: missed in the latest period only;
- *ontbrekend*: what data are missing: no report over a period that other providers reported on, a
  KPI missing from a report, no cases to judge, a cell too small to publish, a KPI not computed;
- *voorlopig*: the latest value is provisional (with the range it can still take): comes back.

Which way is better follows the norm as the KPI engine judges it (``generator.kpi.metrics.required``):
a share that must be at least a value is better when higher, a mean that must stay below one is
better when lower.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.catalog.model import Norm
from generator.dossier.reports import Cell, Kpi, Report

IMPROVED = "verbeterd"
PLAN = "verbeterplan"
ATTENTION = "aandacht"
MISSING = "ontbrekend"
PROVISIONAL = "voorlopig"
AGENDA_KINDS = (IMPROVED, PLAN, ATTENTION, MISSING, PROVISIONAL)
AGENDA_TITLES = {
    IMPROVED: "Wat is verbeterd",
    PLAN: "Waarvoor is een verbeterplan nodig (norm twee of meer perioden op rij niet gehaald)",
    ATTENTION: "Aandachtspunten (norm in de laatste periode niet gehaald)",
    MISSING: "Welke gegevens ontbreken",
    PROVISIONAL: "Nog voorlopig (komt terug in het volgende gesprek)",
}


@dataclass(frozen=True)
class KpiInfo:
    """A KPI norm of the tender as the reports describe it."""

    key: str
    requirement: str
    title: str
    label: str
    norm: dict
    norm_text: str
    operator: str  # how the value is judged: the value must be <operator> target
    target: float
    percent: bool  # the value is a percentage (else a mean mark)

    @property
    def higher_is_better(self) -> bool:
        return self.operator in (">=", ">", "==")


@dataclass(frozen=True)
class Point:
    period: str
    cell: Cell | None  # None: no report of this provider over the period, or the KPI is not in it
    reported: bool  # whether the provider sent a report over the period


@dataclass(frozen=True)
class Series:
    kpi: KpiInfo
    provider: str
    points: tuple[Point, ...]  # one per period of the dossier, in time order


@dataclass(frozen=True)
class Run:
    """Consecutive periods in which a provider missed a norm."""

    kpi: KpiInfo
    provider: str
    periods: tuple[str, ...]
    current: bool


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # one of AGENDA_KINDS
    provider: str
    kpi: KpiInfo | None
    text: str  # Dutch, one sentence


@dataclass(frozen=True)
class Dossier:
    tender: str
    providers: tuple[str, ...]
    periods: tuple[str, ...]
    kpis: tuple[KpiInfo, ...]
    series: tuple[Series, ...]
    runs: tuple[Run, ...]
    agenda: tuple[AgendaItem, ...]
    reports: tuple[Report, ...]
    peildatum: dt.date
    min_cel: int
    tender_title: str = ""

    @property
    def title(self) -> str:
        """The tender as people name it: its title (with the id for reference), or the id alone."""
        return f"{self.tender_title} ({self.tender})" if self.tender_title else self.tender

    def series_of(self, kpi: KpiInfo) -> list[Series]:
        return [s for s in self.series if s.kpi.key == kpi.key]


def build(reports: list[Report]) -> Dossier:
    """The dossier of *reports* (one tender; checked by :func:`generator.dossier.reports.check_together`)."""
    ordered = sorted(reports, key=lambda r: (r.start or r.end, r.end, r.provider))
    periods = tuple(dict.fromkeys(r.period for r in ordered))
    providers = tuple(sorted({r.provider for r in reports}, key=str.casefold))
    kpis = _kpis(ordered)
    by_key = {(r.provider, r.period): r for r in ordered}
    series: list[Series] = []
    for kpi in kpis:
        for provider in providers:
            points = []
            for period in periods:
                report = by_key.get((provider, period))
                cell = None
                if report is not None:
                    found = next((k for k in report.kpis if k.key == kpi.key), None)
                    cell = found.overall if found else None
                points.append(Point(period, cell, report is not None))
            series.append(Series(kpi, provider, tuple(points)))
    bounds = {r.period: (r.start, r.end) for r in ordered}
    runs = tuple(run for s in series for run in _runs(s, bounds))
    agenda = tuple(_agenda(series, runs, ordered, periods))
    return Dossier(
        ordered[0].tender,
        providers,
        periods,
        kpis,
        tuple(series),
        runs,
        agenda,
        tuple(ordered),
        max(r.peildatum for r in ordered),
        max(r.min_cel for r in ordered),
        next((r.tender_title for r in reversed(ordered) if r.tender_title), ""),
    )


def _kpis(reports: list[Report]) -> tuple[KpiInfo, ...]:
    seen: dict[str, KpiInfo] = {}
    for report in reports:
        for kpi in report.kpis:
            if kpi.key not in seen:
                seen[kpi.key] = _info(kpi)
    return tuple(sorted(seen.values(), key=lambda k: (k.requirement, k.key)))


def _info(kpi: Kpi) -> KpiInfo:
    from generator.kpi.metrics import required

    norm = kpi.norm
    model = Norm(
        norm.get("metric", kpi.metric),
        norm.get("operator", ">="),
        norm.get("value", 0),
        norm.get("unit", "%"),
        norm.get("share"),
    )
    operator, target = required(model)
    percent = model.unit != "score" and not (kpi.source == "survey" and model.unit != "%")
    return KpiInfo(kpi.key, kpi.requirement, kpi.title, kpi.label, norm, kpi.norm_text, operator, target, percent)


def judged(cell: Cell | None) -> bool:
    """Whether the cell has a final verdict (met or missed), not provisional nor without data."""
    return cell is not None and not cell.suppressed and cell.verdict in ("voldoet", "voldoet_niet")


def _consecutive(bounds: dict, earlier: str, later: str) -> bool:
    (_, end), (start, _) = bounds[earlier], bounds[later]
    return start is not None and end is not None and start == end + dt.timedelta(days=1)


def _runs(series: Series, bounds: dict) -> list[Run]:
    reported = [p for p in series.points if p.reported]
    runs: list[Run] = []
    current: list[str] = []
    previous: str | None = None
    for point in reported:
        missed = point.cell is not None and not point.cell.suppressed and point.cell.verdict == "voldoet_niet"
        if missed and current and previous is not None and _consecutive(bounds, previous, point.period):
            current.append(point.period)
        elif missed:
            if len(current) >= 2:
                runs.append(Run(series.kpi, series.provider, tuple(current), False))
            current = [point.period]
        else:
            if len(current) >= 2:
                runs.append(Run(series.kpi, series.provider, tuple(current), False))
            current = []
        previous = point.period
    if len(current) >= 2:
        latest = reported[-1].period if reported else None
        runs.append(Run(series.kpi, series.provider, tuple(current), current[-1] == latest))
    return runs


def format_value(kpi: KpiInfo, value: float | None) -> str:
    if value is None:
        return "-"
    from generator.kpi.engine import format_number

    return format_number(value) + ("%" if kpi.percent else "")


def _agenda(series: list[Series], runs: tuple[Run, ...], reports: list[Report], periods: tuple[str, ...]):
    items: list[AgendaItem] = []
    current_runs = {(r.kpi.key, r.provider): r for r in runs if r.current}
    providers = sorted({s.provider for s in series}, key=str.casefold)
    for provider in providers:
        mine = [r for r in reports if r.provider == provider]
        others = {r.period for r in reports if r.provider != provider}
        for period in periods:
            if period in others and period not in {r.period for r in mine}:
                items.append(AgendaItem(MISSING, provider, None, f"geen KPI-rapport over {period}"))
        for report in mine[-1:]:
            for requirement, metric, reason in report.not_computed:
                items.append(AgendaItem(MISSING, provider, None, f"{requirement} ({metric}) niet berekend: {reason}"))
    for s in series:
        points = [p for p in s.points if p.reported]
        if not points:
            continue
        latest = points[-1]
        kpi, provider = s.kpi, s.provider
        cell = latest.cell
        run = current_runs.get((kpi.key, provider))
        if cell is None:
            items.append(AgendaItem(MISSING, provider, kpi, f"ontbreekt in het rapport over {latest.period}"))
            continue
        if cell.suppressed:
            items.append(
                AgendaItem(
                    MISSING,
                    provider,
                    kpi,
                    f"{latest.period}: te weinig cliënten om te publiceren; bespreek de aantallen",
                )
            )
            continue
        if cell.verdict == "onvoldoende_data":
            items.append(AgendaItem(MISSING, provider, kpi, f"{latest.period}: onvoldoende gegevens om te beoordelen"))
            continue
        if cell.provisional:
            value = format_value(kpi, cell.value) if cell.value is not None else "nog geen uitkomst"
            bounds = ""
            if cell.lower is not None and cell.upper is not None:
                bounds = f"; de uitkomst ligt tussen {format_value(kpi, cell.lower)} en {format_value(kpi, cell.upper)}"
            items.append(
                AgendaItem(
                    PROVISIONAL,
                    provider,
                    kpi,
                    f"{latest.period}: voorlopig {value} ({cell.pending or 0} gevallen nog niet te beoordelen){bounds}",
                )
            )
        if run is not None:
            items.append(
                AgendaItem(
                    PLAN,
                    provider,
                    kpi,
                    f"norm niet gehaald in {run.periods[0]} tot en met {run.periods[-1]} "
                    f"({len(run.periods)} perioden op rij; nu {format_value(kpi, cell.value)}, norm "
                    f"{kpi.norm_text}): vraag om een verbeterplan",
                )
            )
            continue
        if judged(cell) and cell.verdict == "voldoet_niet":
            items.append(
                AgendaItem(
                    ATTENTION,
                    provider,
                    kpi,
                    f"{latest.period}: {format_value(kpi, cell.value)}, norm {kpi.norm_text}: bespreek de oorzaak",
                )
            )
        earlier = next((p for p in reversed(points[:-1]) if judged(p.cell)), None)
        if earlier is None or not judged(cell):
            continue
        before = earlier.cell
        if before.verdict == "voldoet_niet" and cell.verdict == "voldoet":
            items.append(
                AgendaItem(
                    IMPROVED,
                    provider,
                    kpi,
                    f"weer binnen de norm: van {format_value(kpi, before.value)} ({earlier.period}) naar "
                    f"{format_value(kpi, cell.value)} ({latest.period})",
                )
            )
        elif before.value is not None and cell.value is not None and cell.verdict == "voldoet_niet":
            better = cell.value > before.value if kpi.higher_is_better else cell.value < before.value
            if better:
                items.append(
                    AgendaItem(
                        IMPROVED,
                        provider,
                        kpi,
                        f"verbeterd van {format_value(kpi, before.value)} ({earlier.period}) naar "
                        f"{format_value(kpi, cell.value)} ({latest.period}), maar nog niet binnen de norm",
                    )
                )
    order = {kind: i for i, kind in enumerate(AGENDA_KINDS)}
    items.sort(key=lambda i: (order[i.kind], i.provider.casefold(), i.kpi.requirement if i.kpi else "", i.text))
    return items
