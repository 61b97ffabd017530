"""The quarterly report (kwartaalrapportage): one quarter's KPIs beside the quarters before it.

A quarterly report is about one quarter: by default the latest quarter that has ended on the
reference date (a reference date of 31-12-2027 gives 2027-Q4, one of 15-11-2027 gives 2027-Q3), or the
one asked for (``--period 2027-Q2``). Its KPIs are evaluated for that quarter (overall, per target
group and per municipality) and set beside the previous quarter and the same quarter a year
earlier; the trend shows the last :data:`WINDOW` quarters up to it, and the lead times per quarter
stop there too. Quarters after the chosen one are not shown, even when the data have them.

Suppression: the trend over the quarters hides a quarter's cell when it rests on too few clients,
and the next-smallest with it (complementary suppression, :func:`generator.kpi.engine.trend`). The
chosen quarter follows the trend: a quarter hidden there is hidden in the report too, its breakdown
per target group and municipality included, so that no published figure gives a hidden one away.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from generator.catalog.model import Catalog
from generator.diagnostics import InputError, Problem
from generator.kpi.clients import Registrations, ZrmScores
from generator.kpi.engine import EMPTY, Cell, KpiReport, KpiResult, Period, evaluate, latest_day, lead_times, trend
from generator.kpi.survey import Survey

WINDOW = 8  # quarters in the trend: two years, so that the same quarter a year earlier is in it


def quarter_label(year: int, number: int) -> str:
    return f"{year}-Q{number}"


def shift(label: str, quarters: int) -> str:
    """The quarter *quarters* before (negative) or after *label*: ``shift("2027-Q1", -1)`` is ``2026-Q4``."""
    year, number = int(label[:4]), int(label[-1])
    index = year * 4 + number - 1 + quarters
    return quarter_label(index // 4, index % 4 + 1)


def default_quarter(peildatum: dt.date) -> Period:
    """The latest quarter that has ended on *peildatum* (the quarter of the peildatum when it is its last day)."""
    current = Period.quarter(peildatum.year, (peildatum.month - 1) // 3 + 1)
    if peildatum == current.end:
        return current
    return Period.parse(shift(current.label, -1))


@dataclass(frozen=True)
class QuarterlyReport:
    """One quarter's KPIs (:attr:`report`), its trend over the quarters before it and its lead times."""

    report: KpiReport  # evaluated for the quarter: overall, per target group, per municipality
    quarter: str
    quarters: tuple[str, ...]  # the quarters in the data up to and including the chosen one, oldest first
    series: tuple[dict[str, Cell], ...]  # per result of the report: its overall cell per quarter
    lead: tuple[dict, ...]  # lead times and volumes per quarter, up to and including the chosen one

    @property
    def previous(self) -> str:
        return shift(self.quarter, -1)

    @property
    def year_before(self) -> str:
        return shift(self.quarter, -4)

    @property
    def window(self) -> tuple[str, ...]:
        """The last :data:`WINDOW` quarters up to the chosen one, newest first (with or without data)."""
        return tuple(shift(self.quarter, -n) for n in range(WINDOW))

    def cell(self, index: int, quarter: str) -> Cell:
        """The overall cell of result *index* in *quarter* (empty when the data have no case there)."""
        return self.series[index].get(quarter, EMPTY)


def build(
    catalog: Catalog,
    tender_id: str,
    regs: Registrations,
    zrm: ZrmScores | None,
    survey: Survey | None,
    peildatum: dt.date | None,
    period: Period | None,
    min_cell: int,
    provider: str | None = None,
) -> QuarterlyReport:
    """The quarterly report of *period* (by default :func:`default_quarter` of the reference date)."""
    peildatum = peildatum or latest_day(regs)
    period = period or default_quarter(peildatum)
    if period.start > peildatum:
        raise InputError(
            Problem(
                "--period",
                None,
                None,
                f"kwartaal {period.label} begint na de peildatum {peildatum:%d-%m-%Y}; kies een eerder kwartaal "
                "of een latere --peildatum",
            )
        )
    cache: dict = {}
    report = evaluate(
        catalog, tender_id, regs, zrm, survey, peildatum, period, min_cell, cache=cache, provider=provider
    )
    quarters, series = trend(catalog, report, regs, zrm, survey, cache)
    shown = tuple(q for q in quarters if q <= period.label)
    series = [{q: c for q, c in per.items() if q in shown} for per in series]
    results = [_follow_trend(result, per.get(period.label)) for result, per in zip(report.results, series, strict=True)]
    lead = tuple(row for row in lead_times(regs, peildatum, min_cell) if row["kwartaal"] <= period.label)
    return QuarterlyReport(replace(report, results=results), period.label, shown, tuple(series), lead)


def _follow_trend(result: KpiResult, in_trend: Cell | None) -> KpiResult:
    """*result* with every cell hidden when the trend hides the quarter's cell (see the module docstring)."""
    if in_trend is None or not in_trend.suppressed or result.overall.suppressed:
        return result
    return replace(
        result,
        overall=replace(result.overall, suppressed=True),
        by_group=_hidden(result.by_group),
        by_municipality=_hidden(result.by_municipality),
    )


def _hidden(cells: dict[str, Cell]) -> dict[str, Cell]:
    return {key: replace(cell, suppressed=True) for key, cell in cells.items()}
