"""Evaluate every computable KPI norm of a tender: overall, per doelgroep, per gemeente van herkomst.

For each requirement of the tender and each of its norms whose metric is in contract §4 (or comes
from the provider's survey), the engine computes numerator, denominator, value and verdict
(``voldoet``, ``voldoet_niet``, ``voorlopig``, ``onvoldoende_data``) with :mod:`generator.kpi.metrics`.

Period (``--period 2027-Q1`` or ``2027``): a trajectory counts in the period when the date the metric
is about falls in it: the report (``datum_melding``) for opvang_nabij_herkomst, direct_opvang,
plan_binnen_termijn and woningbehoud; the exit (``datum_uitstroom``) for duurzame_uitstroom,
doelen_behaald, opvangduur_binnen_norm and clienttevredenheid (the exit, or the report while the
trajectory runs); the follow-up measurement for zrm_verbetering; the closing date for survey marks.
Follow-up after the period (relapse, plans made later) is still seen, up to the reference date.

Reference date (peildatum): what is known at the end of that day; by default the latest date in the
registrations, so that the same file always gives the same report.

Suppression (publishable output): a cell built on fewer than ``min_cell`` (default 5) distinct
clients shows no numbers and no verdict. When exactly one cell of a breakdown (per doelgroep, per
gemeente) is suppressed, the next-smallest cell is suppressed too, so that it cannot be derived from
the total (secondary suppression, as official statistics do); the same holds for the quarters of the
trend and the counts per quarter of the lead times. The overall cell is suppressed on its own.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace

from generator.catalog.model import OPERATOR_LABELS, UNIT_LABELS, Catalog, Norm, Requirement, Tender, groups_label
from generator.diagnostics import InputError, Problem
from generator.kpi import metrics as m
from generator.kpi.clients import MINUTES_PER_DAY, MISSING, Registrations, ZrmScores
from generator.kpi.suppression import hidden_counts
from generator.kpi.survey import Survey

DEFAULT_MIN_CELL = 5
VERDICT_LABELS = {
    "voldoet": "voldoet",
    "voldoet_niet": "voldoet niet",
    "voorlopig": "voorlopig",
    "onvoldoende_data": "onvoldoende data",
}
SUPPRESSED = "<{n}"


@dataclass(frozen=True)
class Period:
    """A reporting period: a year or a quarter (both ends included)."""

    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, text: str) -> Period:
        match = re.fullmatch(r"(\d{4})(?:-?[Qq]([1-4]))?", text.strip())
        if not match:
            raise InputError(
                Problem(
                    "--period", None, None, f"'{text}' is geen periode; gebruik een jaar (2027) of kwartaal (2027-Q1)"
                )
            )
        year = int(match.group(1))
        if match.group(2):
            return cls.quarter(year, int(match.group(2)))
        return cls(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        return cls(f"{year}-Q{quarter}", start, end)


@dataclass(frozen=True)
class Cell:
    """One KPI result for one group of trajectories (or clients)."""

    numerator: float  # successes (share) or sum of marks (mean)
    denominator: int  # counted cases, pending ones included
    pending: int
    value: float | None  # % for shares, mean for means
    verdict: str
    clients: int  # distinct clients the cell is built on
    suppressed: bool = False

    def as_dict(self, kind: str) -> dict:
        if self.suppressed:
            return {"suppressed": True, "verdict": None, "value": None, "numerator": None, "denominator": None}
        return {
            "suppressed": False,
            "numerator": round(self.numerator, 4) if kind == "mean" else int(self.numerator),
            "denominator": self.denominator,
            "pending": self.pending,
            "value": None if self.value is None else round(self.value, 2),
            "verdict": self.verdict,
        }


EMPTY = Cell(0, 0, 0, None, "onvoldoende_data", 0)


@dataclass
class KpiResult:
    """All cells of one norm of one requirement."""

    requirement: Requirement
    norm: Norm
    label: str
    source: str  # clients | survey
    kind: str  # share | mean
    overall: Cell
    by_group: dict[str, Cell] = field(default_factory=dict)
    by_municipality: dict[str, Cell] = field(default_factory=dict)
    note: str | None = None

    def sentence(self, publish: bool = True) -> str:
        """One Dutch sentence: value against norm and verdict (no numbers when suppressed)."""
        cell = self.overall
        norm = norm_text(self.norm)
        if cell.verdict == "onvoldoende_data" and not cell.suppressed:
            why = self.note or "geen gevallen in de registratie"
            return f"{self.label}: onvoldoende gegevens om te beoordelen ({why}); norm: {norm}."
        if cell.suppressed and publish:
            return (
                f"{self.label}: gebaseerd op minder dan het minimum aantal cliënten, niet gepubliceerd; norm: {norm}."
            )
        pending = f"; {cell.pending} nog niet te beoordelen" if cell.pending else ""
        if self.kind == "mean":
            counted = f"{format_number(cell.value)} (gemiddelde van {cell.denominator})"
        else:
            counted = f"{format_number(cell.value)}% ({int(cell.numerator)} van {cell.denominator}{pending})"
        return f"{self.label}: {counted}; norm: {norm}: {VERDICT_LABELS[cell.verdict]}."


@dataclass
class KpiReport:
    tender: Tender
    peildatum: dt.date
    period: Period | None
    min_cell: int
    rows: int
    results: list[KpiResult]
    not_computed: list[tuple[Requirement, Norm, str]] = field(default_factory=list)


def format_number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    text = f"{value:.{digits}f}".replace(".", ",")
    return text[: -digits - 1] if text.endswith("," + "0" * digits) else text


def norm_text(norm: Norm) -> str:
    """The norm in Dutch: 'minimaal 80%', 'maximaal 48 uur in 100% van de gevallen'."""
    unit = UNIT_LABELS.get(norm.unit, norm.unit)
    value = f"{norm.value:g}".replace(".", ",")
    core = f"{OPERATOR_LABELS[norm.operator]} {value}{'%' if norm.unit == '%' else ' ' + unit}"
    if norm.metric in m.BOUND_METRICS:
        share = 100 if norm.share is None else norm.share
        core += f" in {share:g}% van de gevallen".replace(".", ",")
    if norm.applies_to:
        core += f" ({groups_label(norm.applies_to)})"
    return core


def latest_day(regs: Registrations) -> dt.date:
    """The latest date in the registrations: the default reference date."""
    best = max(regs.melding, default=MISSING)
    for column in (regs.plan, regs.start):
        best = max(best, max(column, default=MISSING))
    latest = best // MINUTES_PER_DAY if best != MISSING else MISSING
    latest = max(latest, max(regs.uitstroom, default=MISSING))
    return dt.date.fromordinal(latest) if latest != MISSING else dt.date(2000, 1, 1)


def survey_only(catalog: Catalog, norm: Norm) -> bool:
    metric = catalog.metrics.get(norm.metric)
    return norm.metric in ("ketenpartner_oordeel", "omgeving_oordeel") or (
        metric is not None and metric.computed_by == "survey"
    )


def evaluate(
    catalog: Catalog,
    tender_id: str,
    regs: Registrations,
    zrm: ZrmScores | None,
    survey: Survey | None,
    peildatum: dt.date | None = None,
    period: Period | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    breakdowns: bool = True,
    cache: dict | None = None,
) -> KpiReport:
    """Compute every computable KPI norm of *tender_id* (see the module docstring)."""
    tender = catalog.tender(tender_id)
    peildatum = peildatum or latest_day(regs)
    peil = peildatum.toordinal()
    window = (period.start.toordinal(), period.end.toordinal()) if period else None
    max_per_client = max(Counter(regs.client).values(), default=1)
    has_marks = any(v == v for v in regs.tevredenheid)
    cache = {} if cache is None else cache
    results: list[KpiResult] = []
    not_computed: list[tuple[Requirement, Norm, str]] = []
    for req in tender.requirements:
        for norm in req.binding_norms:
            metric = catalog.metrics.get(norm.metric)
            label = metric.label if metric else norm.metric
            use_survey = survey_only(catalog, norm) or (norm.metric == "clienttevredenheid" and not has_marks)
            if use_survey and norm.metric in ("ketenpartner_oordeel", "omgeving_oordeel", "clienttevredenheid"):
                results.append(_survey_result(req, norm, label, survey, period, min_cell))
                continue
            if norm.metric not in m.METRICS:
                continue
            if not m.computable(norm):
                not_computed.append((req, norm, f"eenheid {norm.unit} past niet bij {norm.metric}"))
                continue
            function, _ref_kind, kind = m.METRICS[norm.metric]
            key = (norm.metric, norm.unit, norm.value, norm.operator, norm.applies_to, norm.anchor)
            outcomes = cache.get(key)
            if outcomes is None:
                if norm.metric == "zrm_verbetering":
                    outcomes = function(regs, peil, norm, zrm)
                else:
                    outcomes = function(regs, peil, norm)
                cache[key] = outcomes
            result = _aggregate(req, norm, label, kind, outcomes, regs, window, min_cell, max_per_client, breakdowns)
            if norm.metric == "zrm_verbetering" and zrm is None:
                result.note = "geen ZRM-bestand opgegeven (--zrm)"
            results.append(result)
    return KpiReport(tender, peildatum, period, min_cell, len(regs), results, not_computed)


def _windowed(outcomes: m.Outcomes, window: tuple[int, int] | None) -> bytearray:
    if window is None:
        return outcomes.codes
    lo, hi = window
    return bytearray(c if lo <= r <= hi else 0 for c, r in zip(outcomes.codes, outcomes.ref, strict=True))


@dataclass
class _Keys:
    """Per row one small integer for (doelgroep, gemeente_herkomst), times 4 so that a code fits in."""

    groups: list[str]
    places: list[str]
    combo: array
    clients: array


def _keys(groups: list, places: list, clients: array) -> _Keys:
    group_index: dict = {}
    place_index: dict = {}
    for g in set(groups):
        group_index[g] = len(group_index)
    for p in set(places):
        place_index[p] = len(place_index)
    width = max(len(place_index), 1)
    pairs = {(g, p): (group_index[g] * width + place_index[p]) * 4 for g in group_index for p in place_index}
    combo = array("q", map(pairs.__getitem__, zip(groups, places, strict=True)))
    return _Keys(sorted(group_index, key=group_index.get), sorted(place_index, key=place_index.get), combo, clients)


def _row_keys(regs: Registrations) -> _Keys:
    keys = getattr(regs, "_keys", None)
    if keys is None or len(keys.combo) != len(regs):
        keys = _keys(regs.doelgroep, regs.herkomst, regs.client)
        regs._keys = keys
    return keys


def _aggregate(req, norm, label, kind, outcomes, regs, window, min_cell, max_per_client, breakdowns) -> KpiResult:
    codes = _windowed(outcomes, window)
    if outcomes.clients is not None:
        keys = _keys(outcomes.groups, outcomes.municipalities, outcomes.clients)
        per_client = 1
    else:
        keys = _row_keys(regs)
        per_client = max_per_client
    width = max(len(keys.places), 1)
    # One C-level pass: tally (group, place, code) combinations.
    tally = Counter(map(operator.add, keys.combo, codes))
    sums: Counter = Counter()
    if outcomes.values is not None:
        for key, code, value in zip(keys.combo, codes, outcomes.values, strict=True):
            if code:
                sums[key] += value
    overall: dict = {None: [0, 0, 0, 0.0]}
    by_group: dict = {}
    by_place: dict = {}
    for key, count in tally.items():
        code = key & 3
        if not code:
            continue
        combo = key >> 2
        group, place = keys.groups[combo // width], keys.places[combo % width]
        for target, name in ((overall, None), (by_group, group), (by_place, place)):
            target.setdefault(name, [0, 0, 0, 0.0])[code - 1] += count
    for key, total in sums.items():
        combo = key >> 2
        group, place = keys.groups[combo // width], keys.places[combo % width]
        for target, name in ((overall, None), (by_group, group), (by_place, place)):
            target[name][3] += total

    def cells(tallies: dict, which: int | None) -> dict:
        small = {k for k, t in tallies.items() if 0 < math.ceil(sum(t[:3]) / per_client) < min_cell}
        distinct: Counter = Counter()
        if small:
            if which is None:
                distinct[None] = len({c for code, c in zip(codes, keys.clients, strict=True) if code})
            else:
                names = keys.groups if which == 0 else keys.places
                pairs = {
                    (names[(combo >> 2) // width if which == 0 else (combo >> 2) % width], c)
                    for code, combo, c in zip(codes, keys.combo, keys.clients, strict=True)
                    if code
                }
                distinct = Counter(k for k, _ in pairs if k in small)
        out = {}
        for k, (succ, fail, pend, total) in tallies.items():
            count = succ + fail + pend
            if kind == "mean":
                value, verdict = m.mean_verdict(norm, total, succ)
                cell = Cell(round(total, 6), succ, 0, value, verdict, 0)
            else:
                value, verdict = m.share_verdict(norm, succ, fail, pend)
                cell = Cell(succ, count, pend, value, verdict, 0)
            n_clients = distinct.get(k, 0) if k in small else (max(-(-count // per_client), min_cell) if count else 0)
            out[k] = replace(cell, clients=n_clients, suppressed=0 < n_clients < min_cell)
        return out

    whole = cells(overall, None)[None]
    groups = _secondary(cells(by_group, 0)) if breakdowns else {}
    places = _secondary(cells(by_place, 1)) if breakdowns else {}
    return KpiResult(
        req, norm, label, "clients", kind, whole, dict(sorted(groups.items())), dict(sorted(places.items()))
    )


def _secondary(cells: dict) -> dict:
    """Suppress the next-smallest cell when exactly one cell of a breakdown is suppressed."""
    hidden = [k for k, c in cells.items() if c.suppressed]
    if len(hidden) == 1:
        shown = sorted((c.denominator, str(k)) for k, c in cells.items() if not c.suppressed)
        if shown:
            _, key = shown[0]
            cells[key] = replace(cells[key], suppressed=True)
    return cells


def _survey_result(req, norm, label, survey, period, min_cell) -> KpiResult:
    start, end = (period.start, period.end) if period else (None, None)
    found = survey.for_metric(norm.metric, start, end) if survey is not None else []
    note = None
    if survey is None:
        note = "geen enquêtebestand opgegeven (--survey)"
    elif not found:
        note = f"geen meting van {norm.metric} in het enquêtebestand" + (f" in {period.label}" if period else "")
    percent = norm.unit == "%"
    chosen = [x for x in found if (x.percentage if percent else x.mean) is not None]
    respondents = sum(x.respondents for x in chosen)
    if not chosen or respondents == 0:
        return KpiResult(req, norm, label, "survey", "mean", replace(EMPTY), note=note or "geen respondenten")
    total = sum((x.percentage if percent else x.mean) * x.respondents for x in chosen)
    value = total / respondents
    verdict = "voldoet" if norm.holds(value) else "voldoet_niet"
    # Client satisfaction surveys are about clients: suppressed like registrations. Partners are not.
    suppressed = norm.metric == "clienttevredenheid" and respondents < min_cell
    cell = Cell(round(total, 6), respondents, 0, value, verdict, respondents, suppressed)
    return KpiResult(req, norm, label, "survey", "mean", cell, note=note)


def quarter_of(day: int) -> str:
    date = dt.date.fromordinal(day)
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def trend(
    catalog: Catalog,
    report: KpiReport,
    regs: Registrations,
    zrm: ZrmScores | None,
    survey: Survey | None,
    cache: dict | None = None,
) -> tuple[list[str], list[dict[str, Cell]]]:
    """The overall cell of every result of *report* per quarter present in the data (up to the peildatum)."""
    peil = report.peildatum.toordinal()
    days = {d // MINUTES_PER_DAY for d in regs.melding} | {d for d in regs.uitstroom if d != MISSING}
    quarters = sorted({quarter_of(d) for d in days if d <= peil})
    cache = {} if cache is None else cache
    series: list[dict[str, Cell]] = [{} for _ in report.results]
    for label in quarters:
        sub = evaluate(
            catalog,
            report.tender.id,
            regs,
            zrm,
            survey,
            report.peildatum,
            Period.parse(label),
            report.min_cell,
            breakdowns=False,
            cache=cache,
        )
        for index, result in enumerate(sub.results):
            series[index][label] = result.overall
    for per_quarter in series:  # the quarters add up to the published overall cell
        _secondary(per_quarter)
    return quarters, series


def _median(values: list) -> float | None:
    if not values:
        return None
    values.sort()
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def lead_times(regs: Registrations, peildatum: dt.date, min_cell: int = DEFAULT_MIN_CELL) -> list[dict]:
    """Per quarter: reports, shelter starts and exits, and median lead times (aggregates only).

    Per report quarter: reports, median hours report -> plan and report -> start of shelter; per exit
    quarter: exits and median stay in days. Counts below *min_cell* and medians over fewer than
    *min_cell* cases are suppressed (None); when one count of a column is, the next-smallest too
    (the quarters add up to the published number of trajectories).
    """
    end = (peildatum.toordinal() + 1) * MINUTES_PER_DAY
    rows: dict[str, dict] = {}

    def row(label: str) -> dict:
        return rows.setdefault(label, {"meldingen": 0, "plan": [], "start": [], "uitstroom": 0, "verblijf": []})

    for mel, plan, start in zip(regs.melding, regs.plan, regs.start, strict=True):
        if mel >= end:
            continue
        r = row(quarter_of(mel // MINUTES_PER_DAY))
        r["meldingen"] += 1
        if plan != MISSING and plan < end:
            r["plan"].append((plan - mel) / 60)
        if start != MISSING and start < end:
            r["start"].append((start - mel) / 60)
    peil = peildatum.toordinal()
    for start, exit_day in zip(regs.start, regs.uitstroom, strict=True):
        if exit_day == MISSING or exit_day > peil:
            continue
        r = row(quarter_of(exit_day))
        r["uitstroom"] += 1
        if start != MISSING:
            r["verblijf"].append(exit_day - start // MINUTES_PER_DAY)

    hidden = {
        column: hidden_counts({label: r[column] for label, r in rows.items()}, min_cell)
        for column in ("meldingen", "uitstroom")
    }

    def count(label: str, column: str) -> int | None:
        return None if label in hidden[column] else rows[label][column]

    def median(values: list) -> float | None:
        return _median(values) if len(values) >= min_cell else None

    return [
        {
            "kwartaal": label,
            "meldingen": count(label, "meldingen"),
            "uitstroom": count(label, "uitstroom"),
            "mediaan_uren_tot_plan": median(r["plan"]),
            "mediaan_uren_tot_opvang": median(r["start"]),
            "mediaan_verblijfsdagen": median(r["verblijf"]),
        }
        for label, r in sorted(rows.items())
    ]
