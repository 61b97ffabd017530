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

Provisional cases: a case whose follow-up has not ended (an exit within its two years, a deadline
not yet passed) is ``pending``. A share's value is taken over the definitively judged cases only, with
``lower`` and ``upper`` the lowest and highest value the final result can take; the verdict is
``voorlopig`` only while the pending cases could still change it.

Target groups: every metric counts only the trajectories of its norm's ``applies_to`` groups.

Suppression (publishable output, :mod:`generator.kpi.suppression`): a cell built on fewer than
``min_cell`` (default 5) distinct clients shows no numbers and no verdict; in a breakdown (per
doelgroep, per gemeente, per quarter of the trend) more cells are hidden while the hidden ones
together rest on fewer than ``min_cell`` clients (complementary suppression); municipalities with
fewer than ``min_cell`` clients are merged into "overig". The overall cell is suppressed on its own.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import itemgetter

from generator.catalog.model import OPERATOR_LABELS, UNIT_LABELS, Catalog, Norm, Requirement, Tender, groups_label
from generator.diagnostics import InputError, Problem
from generator.kpi import metrics as m
from generator.kpi.clients import (
    EXIT_BEFORE_START,
    IMPOSSIBLE,
    MINUTES_PER_DAY,
    MISSING,
    PLAN_BEFORE_REPORT,
    START_BEFORE_REPORT,
    Registrations,
    ZrmScores,
)
from generator.kpi.suppression import OTHER, hidden_cells, merged_labels
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
    denominator: int  # definitively judged cases (share) or marks (mean); pending cases not included
    pending: int  # cases not yet definitively judged (follow-up or deadline still running)
    value: float | None  # % among the definitive cases for shares, the mean for means
    verdict: str
    clients: int  # distinct clients the cell is built on (pending cases included)
    suppressed: bool = False
    lower: float | None = None  # lowest value the final result can take (every pending case fails)
    upper: float | None = None  # highest value (every pending case succeeds)
    # The client codes of a small cell (fewer than min_cell clients), for complementary suppression only.
    members: frozenset = field(default=frozenset(), compare=False, repr=False)

    def as_dict(self, kind: str) -> dict:
        if self.suppressed:
            return {
                "suppressed": True,
                "verdict": None,
                "value": None,
                "numerator": None,
                "denominator": None,
                "pending": None,
                "lower": None,
                "upper": None,
            }
        return {
            "suppressed": False,
            "numerator": round(self.numerator, 4) if kind == "mean" else int(self.numerator),
            "denominator": self.denominator,
            "pending": self.pending,
            "value": rounded(self.value),
            "lower": rounded(self.lower),
            "upper": rounded(self.upper),
            "verdict": self.verdict,
        }


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


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
    approximation: str | None = None  # how the computation approximates the tender's wording

    @property
    def title(self) -> str:
        """The label, marked as an approximation when the metric approximates the tender's wording."""
        return f"{self.label} (benadering)" if self.approximation else self.label

    def sentence(self, publish: bool = True) -> str:
        """One Dutch sentence: value against norm and verdict (no numbers when suppressed)."""
        cell = self.overall
        norm = norm_text(self.norm)
        label = self.title
        if cell.verdict == "onvoldoende_data" and not cell.suppressed:
            why = self.note or "geen gevallen in de registratie"
            return f"{label}: onvoldoende gegevens om te beoordelen ({why}); norm: {norm}."
        if cell.suppressed and publish:
            return f"{label}: gebaseerd op minder dan het minimum aantal cliënten, niet gepubliceerd; norm: {norm}."
        if self.kind == "mean":
            counted = f"{format_number(cell.value)} (gemiddelde van {cell.denominator})"
        else:
            pending = ""
            if cell.pending:
                pending = (
                    f"; {cell.pending} nog niet te beoordelen, uitkomst tussen {format_number(cell.lower)}% "
                    f"en {format_number(cell.upper)}%"
                )
            if cell.value is None:
                counted = f"nog geen definitief beoordeelde gevallen{pending}"
            else:
                counted = f"{format_number(cell.value)}% ({int(cell.numerator)} van {cell.denominator}{pending})"
        return f"{label}: {counted}; norm: {norm}: {VERDICT_LABELS[cell.verdict]}."


@dataclass
class KpiReport:
    tender: Tender
    peildatum: dt.date
    period: Period | None
    min_cell: int
    rows: int
    results: list[KpiResult]
    not_computed: list[tuple[Requirement, Norm, str]] = field(default_factory=list)
    provider: str | None = None
    findings: list[Problem] = field(default_factory=list)  # impossible dates, located (warnings)
    impossible: dict[str, int] = field(default_factory=dict)  # Dutch description -> number of trajectories


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
    provider: str | None = None,
) -> KpiReport:
    """Compute every computable KPI norm of *tender_id* (see the module docstring)."""
    tender = catalog.tender(tender_id)
    peildatum = peildatum or latest_day(regs)
    peil = peildatum.toordinal()
    window = (period.start.toordinal(), period.end.toordinal()) if period else None
    has_marks = any(v == v for v in regs.tevredenheid)
    near = tender.subregion_of if tender.subregions else None
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
            key = (tender.id, norm.metric, norm.unit, norm.value, norm.operator, norm.applies_to, norm.anchor)
            outcomes = cache.get(key)
            if outcomes is None:
                if norm.metric == "zrm_verbetering":
                    outcomes = function(regs, peil, norm, zrm)
                elif norm.metric == "opvang_nabij_herkomst":
                    outcomes = function(regs, peil, norm, near)
                else:
                    outcomes = function(regs, peil, norm)
                groups = outcomes.groups if outcomes.clients is not None else regs.doelgroep
                outcomes = cache[key] = m.restrict(outcomes, groups, norm.applies_to)
            result = _aggregate(req, norm, label, kind, outcomes, regs, window, min_cell, breakdowns)
            result.approximation = metric.approximation if metric else None
            if norm.metric == "zrm_verbetering" and zrm is None:
                result.note = "geen ZRM-bestand opgegeven (--zrm)"
            results.append(result)
    impossible = {
        message: regs.impossible[flag] for flag, (_col, message) in IMPOSSIBLE.items() if regs.impossible.get(flag)
    }
    return KpiReport(
        tender, peildatum, period, min_cell, len(regs), results, not_computed, provider, list(regs.findings), impossible
    )


def _windowed(outcomes: m.Outcomes, window: tuple[int, int] | None) -> bytearray:
    if window is None:
        return outcomes.codes
    lo, hi = window
    return bytearray(c if lo <= r <= hi else 0 for c, r in zip(outcomes.codes, outcomes.ref, strict=True))


@dataclass
class _Keys:
    """Per row: the index of its doelgroep and its gemeente, and one small integer for the pair."""

    groups: list[str]
    places: list[str]
    group_index: array
    place_index: array
    combo: array  # (group * width + place) * 4, so that an outcome code fits in


def _keys(groups: list, places: list) -> _Keys:
    group_index: dict = {g: i for i, g in enumerate(sorted(set(groups)))}
    place_index: dict = {p: i for i, p in enumerate(sorted(set(places), key=str))}
    width = max(len(place_index), 1)
    gidx = array("l", map(group_index.__getitem__, groups))
    pidx = array("l", map(place_index.__getitem__, places))
    combo = array("q", ((g * width + p) * 4 for g, p in zip(gidx, pidx, strict=True)))
    return _Keys(list(group_index), list(place_index), gidx, pidx, combo)


def _row_keys(regs: Registrations) -> _Keys:
    keys = getattr(regs, "_keys", None)
    if keys is None or len(keys.combo) != len(regs):
        keys = _keys(regs.doelgroep, regs.herkomst)
        regs._keys = keys
    return keys


def _cell(norm: Norm, kind: str, tally: list, clients: int, members: frozenset = frozenset()) -> Cell:
    succ, fail, pend, total = tally
    if kind == "mean":
        value, verdict = m.mean_verdict(norm, total, succ)
        return Cell(round(total, 6), succ, 0, value, verdict, clients, False, value, value, members)
    share = m.share_result(norm, succ, fail, pend)
    return Cell(succ, succ + fail, pend, share.value, share.verdict, clients, False, share.lower, share.upper, members)


def _aggregate(req, norm, label, kind, outcomes, regs, window, min_cell, breakdowns) -> KpiResult:
    codes = _windowed(outcomes, window)
    if outcomes.clients is not None:
        keys = _keys(outcomes.groups, outcomes.municipalities)
        clients = outcomes.clients
    else:
        keys = _row_keys(regs)
        clients = regs.client
    width = max(len(keys.places), 1)
    # One C-level pass: tally (group, place, code) combinations.
    tally = Counter(map(operator.add, compress(keys.combo, codes), compress(codes, codes)))
    sums: Counter = Counter()
    if outcomes.values is not None:
        for key, code, value in zip(keys.combo, codes, outcomes.values, strict=True):
            if code:
                sums[key] += value
    # Distinct clients per group and per place: sets of (index, client) pairs, built in C.
    everyone = set(compress(clients, codes))
    group_pairs = (
        set(zip(compress(keys.group_index, codes), compress(clients, codes), strict=True)) if breakdowns else set()
    )
    place_pairs = (
        set(zip(compress(keys.place_index, codes), compress(clients, codes), strict=True)) if breakdowns else set()
    )
    group_sizes = Counter(map(itemgetter(0), group_pairs))
    place_sizes = Counter(map(itemgetter(0), place_pairs))

    def members(pairs: set, indexes: set) -> frozenset:
        return frozenset(c for i, c in pairs if i in indexes)

    overall: list = [0, 0, 0, 0.0]
    by_group: dict[int, list] = {}
    by_place: dict[int, list] = {}
    for key, count in tally.items():
        code = key & 3
        combo = key >> 2
        g, p = combo // width, combo % width
        overall[code - 1] += count
        by_group.setdefault(g, [0, 0, 0, 0.0])[code - 1] += count
        by_place.setdefault(p, [0, 0, 0, 0.0])[code - 1] += count
    for key, total in sums.items():
        combo = key >> 2
        overall[3] += total
        by_group[combo // width][3] += total
        by_place[combo % width][3] += total

    n = len(everyone)
    whole = _cell(norm, kind, overall, n, frozenset(everyone) if n < min_cell else frozenset())
    whole = replace(whole, suppressed=0 < n < min_cell)
    groups: dict[str, Cell] = {}
    places: dict[str, Cell] = {}
    if breakdowns:
        for g, t in by_group.items():
            small = frozenset(members(group_pairs, {g})) if group_sizes[g] < min_cell else frozenset()
            groups[keys.groups[g]] = _cell(norm, kind, t, group_sizes[g], small)
        groups = suppress(groups, min_cell)
        # Municipalities are free text: a small one is merged into "overig" (never a label beside <5).
        sizes = {p: place_sizes[p] for p in by_place}
        merged = merged_labels(sizes, min_cell, lambda ps: len(members(place_pairs, set(ps))))
        for p, t in by_place.items():
            if p in merged:
                continue
            places[keys.places[p]] = _cell(norm, kind, t, place_sizes[p])
        if merged:
            t = [sum(by_place[p][i] for p in merged) for i in range(4)]
            together = members(place_pairs, merged)
            places[OTHER] = _cell(norm, kind, t, len(together), together if len(together) < min_cell else frozenset())
        places = suppress(places, min_cell)
    return KpiResult(
        req, norm, label, "clients", kind, whole, dict(sorted(groups.items())), dict(sorted(places.items()))
    )


def suppress(cells: dict, min_cell: int) -> dict:
    """*cells* with primary and complementary suppression on their distinct clients (see the module docstring)."""
    sizes = {k: c.clients for k, c in cells.items()}

    def union(keys) -> int:
        return len(frozenset().union(*(cells[k].members for k in keys)))

    hidden = hidden_cells(sizes, min_cell, union)
    return {k: replace(c, suppressed=True) if k in hidden else c for k, c in cells.items()}


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
    cell = Cell(round(total, 6), respondents, 0, value, verdict, respondents, suppressed, value, value)
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
    # The quarters add up to the published overall cell: complementary suppression over the quarters.
    return quarters, [suppress(per_quarter, report.min_cell) for per_quarter in series]


def _median(values: list) -> float | None:
    if not values:
        return None
    values.sort()
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def lead_times(regs: Registrations, peildatum: dt.date, min_cell: int = DEFAULT_MIN_CELL) -> list[dict]:
    """Per quarter: reports, shelter starts and exits, and median lead times (aggregates only).

    Per report quarter: reports, median hours report -> plan and report -> start of shelter; per exit
    quarter: exits and median stay in days. A count resting on fewer than *min_cell* distinct clients
    is suppressed (None), with complementary suppression over the quarters of a column (they add up
    to the published number of trajectories); a median over the cases of fewer than *min_cell*
    distinct clients is not given. Impossible intervals (a plan or start before the report, an exit
    before the start) are left out of the medians.
    """
    end = (peildatum.toordinal() + 1) * MINUTES_PER_DAY
    rows: dict[str, dict] = {}

    def row(label: str) -> dict:
        return rows.setdefault(
            label,
            {
                "meldingen": 0,
                "uitstroom": 0,
                "plan": [],
                "start": [],
                "verblijf": [],
                "wie": {k: set() for k in ("meldingen", "uitstroom", "plan", "start", "verblijf")},
            },
        )

    for client, mel, plan, start, flags in zip(
        regs.client, regs.melding, regs.plan, regs.start, regs.flags, strict=True
    ):
        if mel >= end:
            continue
        r = row(quarter_of(mel // MINUTES_PER_DAY))
        r["meldingen"] += 1
        r["wie"]["meldingen"].add(client)
        if plan != MISSING and plan < end and not flags & PLAN_BEFORE_REPORT:
            r["plan"].append((plan - mel) / 60)
            r["wie"]["plan"].add(client)
        if start != MISSING and start < end and not flags & START_BEFORE_REPORT:
            r["start"].append((start - mel) / 60)
            r["wie"]["start"].add(client)
    peil = peildatum.toordinal()
    for client, start, exit_day, flags in zip(regs.client, regs.start, regs.uitstroom, regs.flags, strict=True):
        if exit_day == MISSING or exit_day > peil:
            continue
        r = row(quarter_of(exit_day))
        r["uitstroom"] += 1
        r["wie"]["uitstroom"].add(client)
        if start != MISSING and not flags & EXIT_BEFORE_START:
            r["verblijf"].append(exit_day - start // MINUTES_PER_DAY)
            r["wie"]["verblijf"].add(client)

    hidden = {}
    for column in ("meldingen", "uitstroom"):
        sets = {label: r["wie"][column] for label, r in rows.items()}
        sizes = {label: len(found) for label, found in sets.items()}
        hidden[column] = hidden_cells(
            sizes, min_cell, lambda keys, sets=sets: len(set().union(*(sets[k] for k in keys)))
        )

    def count(label: str, column: str) -> int | None:
        return None if label in hidden[column] else rows[label][column]

    def median(r: dict, column: str) -> float | None:
        return _median(r[column]) if len(r["wie"][column]) >= min_cell else None

    return [
        {
            "kwartaal": label,
            "meldingen": count(label, "meldingen"),
            "uitstroom": count(label, "uitstroom"),
            "mediaan_uren_tot_plan": median(r, "plan"),
            "mediaan_uren_tot_opvang": median(r, "start"),
            "mediaan_verblijfsdagen": median(r, "verblijf"),
        }
        for label, r in sorted(rows.items())
    ]
