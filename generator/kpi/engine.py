"""Evaluate every computable KPI norm of a tender: overall, per doelgroep, per gemeente van herkomst.

For each requirement of the tender and each of its norms whose metric is in contract §4 (or comes
from the provider's survey), the engine computes numerator, denominator, value and verdict
(``voldoet``, ``voldoet_niet``, ``voorlopig``, ``onvoldoende_data``) with :mod:`generator.kpi.metrics`.
The cases are SQL over the DuckDB store (:mod:`generator.kpi.store`); each norm is one small
``GROUP BY doelgroep, gemeente`` whose counts add up to the groups, municipalities and total, and
distinct clients are counted exactly where suppression depends on them.

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
import re
from dataclasses import dataclass, field, replace

from generator.catalog.model import (
    OPERATOR_LABELS,
    Catalog,
    Norm,
    Requirement,
    Tender,
    groups_label,
    quantity_text,
)
from generator.diagnostics import InputError, Problem
from generator.kpi import metrics as m
from generator.kpi.clients import (
    EXIT_BEFORE_START,
    IMPOSSIBLE,
    PLAN_BEFORE_REPORT,
    START_BEFORE_REPORT,
    Registrations,
    ZrmScores,
)
from generator.kpi.store import text_list
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
    outcomes: m.Outcomes | None = field(default=None, repr=False)  # the cases (SQL), for the trend

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
    """The norm in Dutch: 'minimaal 80%', 'maximaal 48 uur in 100% van de gevallen, voor Huiselijk geweld'."""
    value = f"{norm.value:g}".replace(".", ",")
    core = f"{OPERATOR_LABELS[norm.operator]} {quantity_text(value, norm.unit)}"
    if norm.metric in m.BOUND_METRICS:
        share = 100 if norm.share is None else norm.share
        core += f" in {share:g}% van de gevallen".replace(".", ",")
    if norm.applies_to:
        core += f", voor {groups_label(norm.applies_to)}"  # a label may hold parentheses: "Jongeren (18-27)"
    return core


def latest_day(regs: Registrations) -> dt.date:
    """The latest date in the registrations: the default reference date."""
    (latest,) = regs.con.execute(
        "SELECT greatest(max(CAST(melding AS DATE)), max(CAST(plan AS DATE)), max(CAST(start AS DATE)), "
        "max(uitstroom)) FROM trajecten"
    ).fetchone()
    return latest if latest is not None else dt.date(2000, 1, 1)


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
    has_marks = regs.con.execute("SELECT count(tevredenheid) FROM trajecten").fetchone()[0] > 0
    near = tender.subregion_of if tender.subregions else None
    most = most_per_client(regs)
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
                outcomes = cache[key] = m.restrict(outcomes, norm.applies_to)
            result = _aggregate(req, norm, label, kind, outcomes, period, min_cell, breakdowns, most)
            result.approximation = metric.approximation if metric else None
            result.outcomes = outcomes
            if norm.metric == "zrm_verbetering" and zrm is None:
                result.note = "geen ZRM-bestand opgegeven (--zrm)"
            results.append(result)
    impossible = {
        message: regs.impossible[flag] for flag, (_col, message) in IMPOSSIBLE.items() if regs.impossible.get(flag)
    }
    return KpiReport(
        tender, peildatum, period, min_cell, len(regs), results, not_computed, provider, list(regs.findings), impossible
    )


def _window(period: Period | None) -> str:
    if period is None:
        return ""
    return f"AND ref BETWEEN DATE '{period.start.isoformat()}' AND DATE '{period.end.isoformat()}'"


def _cell(norm: Norm, kind: str, tally: tuple, clients: int, members: frozenset = frozenset()) -> Cell:
    succ, fail, pend, total = tally
    if kind == "mean":
        value, verdict = m.mean_verdict(norm, total or 0.0, succ)
        return Cell(round(total or 0.0, 6), succ, 0, value, verdict, clients, False, value, value, members)
    share = m.share_result(norm, succ, fail, pend)
    return Cell(succ, succ + fail, pend, share.value, share.verdict, clients, False, share.lower, share.upper, members)


# Per cell: successes, failures, pending, sum of values and the number of cases.
_TALLY = """count(*) FILTER (WHERE code = 1), count(*) FILTER (WHERE code = 2), count(*) FILTER (WHERE code = 3),
    sum(value), count(*)"""
# Per cell: its distinct clients and, for a small cell, who they are (for complementary suppression).
_CLIENTS = "count(DISTINCT client), CASE WHEN count(DISTINCT client) < {min_cell} THEN list(DISTINCT client) END"


def most_per_client(regs: Registrations) -> int:
    """The most trajectories of one client: a cell of N cases rests on at least N / this many clients."""
    found = getattr(regs, "_most_per_client", None)
    if found is None:
        (found,) = regs.con.execute(
            "SELECT coalesce(max(n), 1) FROM (SELECT count(*) AS n FROM trajecten GROUP BY client)"
        ).fetchone()
        regs._most_per_client = found
    return found


def _aggregate(req, norm, label, kind, outcomes, period, min_cell, breakdowns, most=1) -> KpiResult:
    """Overall, per doelgroep and per gemeente cells of one norm, in one GROUPING SETS query.

    Distinct clients are counted exactly only where it matters: a cell of N cases rests on at least
    N / *most* clients (*most*: the most trajectories of one client); the cells of a breakdown in
    which that bound is below *min_cell* for some cell are counted again, client by client, in a
    second, filtered query (suppression and merging then pick the next-smallest cell exactly).
    """
    # One small GROUP BY (doelgroep x gemeente); counts and sums add up to the groups, places and total.
    rows = outcomes.con.execute(
        f"""SELECT doelgroep, gemeente, {_TALLY} FROM ({outcomes.sql}) WHERE code > 0 {_window(period)}
        GROUP BY doelgroep, gemeente"""
    ).fetchall()
    per_client = 1 if outcomes.per_client else most
    sums: dict[tuple, list] = {("all",): [0, 0, 0, 0.0, 0]} if rows else {}
    for group, place, *tally in rows:
        keys = (("all",), ("group", group), ("place", place)) if breakdowns else (("all",),)
        for key in keys:
            total = sums.setdefault(key, [0, 0, 0, 0.0, 0])
            for i, value in enumerate(tally):
                total[i] += value or 0
    found: dict[tuple, list] = {key: [tuple(t[:4]), -(-t[4] // per_client), frozenset()] for key, t in sums.items()}
    unsure = [key for key, (_t, bound, _w) in found.items() if bound < min_cell]
    # Where a breakdown may suppress or merge, the order of its cells counts too: count them all exactly.
    kinds = {key[0] for key in unsure} - {"all"}
    unsure += [key for key in found if key[0] in kinds and key not in unsure]
    if unsure:
        _count_clients(outcomes, period, min_cell, found, unsure, breakdowns)
    whole = _cell(norm, kind, (0, 0, 0, 0.0), 0)
    groups: dict[str, Cell] = {}
    places: dict[str, tuple] = {}
    for key, (tally, n, members) in found.items():
        if key[0] == "all":
            whole = replace(_cell(norm, kind, tally, n, members), suppressed=0 < n < min_cell)
        elif key[0] == "group":
            groups[key[1]] = _cell(norm, kind, tally, n, members)
        else:
            places[key[1]] = (tally, n, members)
    by_place: dict[str, Cell] = {}
    if breakdowns:
        groups = suppress(groups, min_cell)
        by_place = _places(norm, kind, outcomes, period, min_cell, places)
    return KpiResult(
        req, norm, label, "clients", kind, whole, dict(sorted(groups.items())), dict(sorted(by_place.items()))
    )


def _count_clients(outcomes, period, min_cell: int, found: dict, unsure: list, breakdowns: bool) -> None:
    """Exact distinct clients (and who, when small) of the cells in *unsure*, written into *found*."""
    clients = _CLIENTS.format(min_cell=min_cell)
    queries = []
    if ("all",) in unsure:
        queries.append(f"SELECT 'all', NULL, {clients} FROM ({outcomes.sql}) WHERE code > 0 {_window(period)}")
    for kind, column in (("group", "doelgroep"), ("place", "gemeente")):
        names = [key[1] for key in unsure if key[0] == kind]
        if names and breakdowns:
            queries.append(
                f"SELECT '{kind}', {column}, {clients} FROM ({outcomes.sql}) WHERE code > 0 {_window(period)} "
                f"AND {column} IN {text_list(names)} GROUP BY {column}"
            )
    for kind, name, n, who in outcomes.con.execute(" UNION ALL ".join(queries)).fetchall():
        key = ("all",) if kind == "all" else (kind, name)
        found[key][1] = n
        found[key][2] = frozenset(who or ())


def _places(norm, kind, outcomes, period, min_cell, places: dict[str, tuple]) -> dict[str, Cell]:
    """Cells per municipality: free text, so a small one is merged into "overig" (never a label beside <5)."""
    sizes = {p: n for p, (_t, n, _w) in places.items()}
    merged = merged_labels(sizes, min_cell, lambda ps: len(frozenset().union(*(places[p][2] for p in ps))))
    cells = {p: _cell(norm, kind, t, n, w) for p, (t, n, w) in places.items() if p not in merged}
    if merged:
        tally = tuple(sum((places[p][0][i] or 0) for p in merged) for i in range(4))
        who = frozenset().union(*(places[p][2] for p in merged))
        if all(places[p][1] < min_cell for p in merged):
            n = len(who)
        else:  # a large municipality joined: count the distinct clients of them together
            (n,) = outcomes.con.execute(
                f"SELECT count(DISTINCT client) FROM ({outcomes.sql}) WHERE code > 0 {_window(period)} "
                f"AND gemeente IN {text_list(sorted(merged))}"
            ).fetchone()
        cells[OTHER] = _cell(norm, kind, tally, n, who if n < min_cell else frozenset())
    return suppress(cells, min_cell)


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
    """The overall cell of every result of *report* per quarter present in the data (up to the peildatum).

    A quarter's cell is what ``evaluate`` with that quarter as period gives (the cases that count on a
    day of the quarter), computed for all quarters in one query per norm.
    """
    day = f"DATE '{report.peildatum.isoformat()}'"
    quarters = [
        q
        for (q,) in regs.con.execute(
            f"""SELECT DISTINCT {QUARTER_SQL.format(day="d")} FROM (
                SELECT CAST(melding AS DATE) AS d FROM trajecten UNION ALL SELECT uitstroom FROM trajecten
            ) WHERE d <= {day} ORDER BY 1"""
        ).fetchall()
    ]
    n = report.min_cell
    series: list[dict[str, Cell]] = []
    for result in report.results:
        per_quarter: dict[str, Cell] = {}
        if result.source == "survey" or result.outcomes is None:
            for label in quarters:
                sub = _survey_result(result.requirement, result.norm, result.label, survey, Period.parse(label), n)
                per_quarter[label] = sub.overall
        else:
            rows = regs.con.execute(
                f"""SELECT {QUARTER_SQL.format(day="ref")}, {_TALLY}, {_CLIENTS.format(min_cell=n)}
                FROM ({result.outcomes.sql}) WHERE code > 0 GROUP BY 1"""
            ).fetchall()
            found = {q: (tally, clients, who) for q, *tally, _cases, clients, who in rows}
            for label in quarters:
                tally, clients, who = found.get(label, ((0, 0, 0, 0.0), 0, None))
                cell = _cell(result.norm, result.kind, tuple(tally), clients, frozenset(who or ()))
                per_quarter[label] = replace(cell, suppressed=0 < clients < n)
        series.append(per_quarter)
    # The quarters add up to the published overall cell: complementary suppression over the quarters.
    return quarters, [suppress(per_quarter, n) for per_quarter in series]


QUARTER_SQL = "CAST(year({day}) AS VARCHAR) || '-Q' || CAST(quarter({day}) AS VARCHAR)"


def _median_sql(column: str) -> str:
    """The median as Python's statistics gives it: the middle value, or the mean of the two middle ones."""
    return f"(CAST(quantile_disc({column}, 0.5) AS DOUBLE) + CAST(-quantile_disc(-{column}, 0.5) AS DOUBLE)) / 2"


def lead_times(regs: Registrations, peildatum: dt.date, min_cell: int = DEFAULT_MIN_CELL) -> list[dict]:
    """Per quarter: reports, shelter starts and exits, and median lead times (aggregates only).

    Per report quarter: reports, median hours report -> plan and report -> start of shelter; per exit
    quarter: exits and median stay in days. A count resting on fewer than *min_cell* distinct clients
    is suppressed (None), with complementary suppression over the quarters of a column (they add up
    to the published number of trajectories); a median over the cases of fewer than *min_cell*
    distinct clients is not given. Impossible intervals (a plan or start before the report, an exit
    before the start) are left out of the medians.
    """
    end = f"TIMESTAMP '{(peildatum + dt.timedelta(days=1)).isoformat()} 00:00:00'"
    day = f"DATE '{peildatum.isoformat()}'"
    minutes = "(CAST(epoch({}) AS BIGINT) // 60)"
    to_plan = (
        f"CASE WHEN plan < {end} AND flags & {PLAN_BEFORE_REPORT} = 0 "
        f"THEN ({minutes.format('plan')} - {minutes.format('melding')}) / 60 END"
    )
    to_start = (
        f"CASE WHEN start < {end} AND flags & {START_BEFORE_REPORT} = 0 "
        f"THEN ({minutes.format('start')} - {minutes.format('melding')}) / 60 END"
    )
    stay = f"CASE WHEN start IS NOT NULL AND flags & {EXIT_BEFORE_START} = 0 THEN uitstroom - CAST(start AS DATE) END"

    def who(filter_: str = "") -> str:
        where = f" FILTER (WHERE {filter_})" if filter_ else ""
        return (
            f"count(DISTINCT client){where}, "
            f"CASE WHEN count(DISTINCT client){where} < {min_cell} THEN list(DISTINCT client){where} END"
        )

    reports = regs.con.execute(
        f"""SELECT {QUARTER_SQL.format(day="CAST(melding AS DATE)")} AS q, count(*), {who()},
            {_median_sql("p")}, count(DISTINCT client) FILTER (WHERE p IS NOT NULL),
            {_median_sql("s")}, count(DISTINCT client) FILTER (WHERE s IS NOT NULL)
        FROM (SELECT melding, client, {to_plan} AS p, {to_start} AS s FROM trajecten WHERE melding < {end})
        GROUP BY q"""
    ).fetchall()
    exits = regs.con.execute(
        f"""SELECT {QUARTER_SQL.format(day="uitstroom")} AS q, count(*), {who()},
            {_median_sql("v")}, count(DISTINCT client) FILTER (WHERE v IS NOT NULL)
        FROM (SELECT uitstroom, client, {stay} AS v FROM trajecten WHERE uitstroom <= {day}) GROUP BY q"""
    ).fetchall()
    rows: dict[str, dict] = {}
    people: dict[str, dict] = {"meldingen": {}, "uitstroom": {}}
    for q, n, clients, small, plan, plan_clients, start, start_clients in reports:
        rows.setdefault(q, {})
        rows[q] |= {
            "meldingen": n,
            "mediaan_uren_tot_plan": plan if plan_clients >= min_cell else None,
            "mediaan_uren_tot_opvang": start if start_clients >= min_cell else None,
        }
        people["meldingen"][q] = (clients, frozenset(small or ()))
    for q, n, clients, small, stay_days, stay_clients in exits:
        rows.setdefault(q, {})
        rows[q] |= {"uitstroom": n, "mediaan_verblijfsdagen": stay_days if stay_clients >= min_cell else None}
        people["uitstroom"][q] = (clients, frozenset(small or ()))
    hidden = {}
    for column, found in people.items():
        sizes = {q: n for q, (n, _w) in found.items()}
        hidden[column] = hidden_cells(
            sizes, min_cell, lambda qs, f=found: len(frozenset().union(*(f[q][1] for q in qs)))
        )
    out = []
    for q in sorted(rows):
        r = rows[q]
        out.append(
            {
                "kwartaal": q,
                "meldingen": None if q in hidden["meldingen"] else r.get("meldingen", 0),
                "uitstroom": None if q in hidden["uitstroom"] else r.get("uitstroom", 0),
                "mediaan_uren_tot_plan": r.get("mediaan_uren_tot_plan"),
                "mediaan_uren_tot_opvang": r.get("mediaan_uren_tot_opvang"),
                "mediaan_verblijfsdagen": r.get("mediaan_verblijfsdagen"),
            }
        )
    return out
