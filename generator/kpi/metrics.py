"""One definition per KPI metric of contract §4, as SQL over the DuckDB store (:mod:`generator.kpi.store`).

Each function looks at every trajectory of ``trajecten`` on a reference date (*peil*, a day ordinal:
the state of knowledge at the end of that day) and returns :class:`Outcomes`: a SQL query with one
row per counted case (``rid``, ``client``, ``doelgroep``, ``gemeente``, ``code``, ``ref``, ``value``)
where ``code`` is

- ``SUCCESS`` (1) / ``FAILURE`` (2): counted, meeting the definition or not;
- ``PENDING`` (3): counted but not yet decidable ("voorlopig": follow-up or deadline still running);

cases that are not counted (not applicable, or reported after the reference date) have no row
(``EXCLUDED``, 0). ``ref`` is the day on which the case *counts* for a period: the report date for
report-based metrics, the exit date for exit-based metrics. The engine aggregates these per group,
per municipality and per period. The value of a share is ``SUCCESS / (SUCCESS + FAILURE)``, the share
among the cases that can be judged definitively; the pending cases give the lowest and highest value
the final result can still take (all fail, all succeed); see :func:`share_result`.

Every metric counts only the trajectories of the target groups in its norm's ``applies_to`` (the
engine applies that filter, :func:`restrict`). A row whose dates are impossible (a plan or a start of
shelter before the report, an exit before the start; ``flags``) is never counted by a metric that
would read the impossible interval: it is reported as a finding instead.

Months are calendar months: *n months after* day D is the same day number *n* months later, or the
last day of that month when it has fewer days (31 January + 1 month = 28/29 February), which is what
DuckDB's ``DATE + INTERVAL n MONTH`` gives. The same SQL runs on any engine with these date rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from generator.catalog.model import Norm, compare
from generator.kpi.clients import EXIT_BEFORE_START, PLAN_BEFORE_REPORT, START_BEFORE_REPORT, Registrations, ZrmScores
from generator.kpi.store import quote, text_list

EXCLUDED, SUCCESS, FAILURE, PENDING = 0, 1, 2, 3

REF_MELDING = "melding"
REF_UITSTROOM = "uitstroom"
REF_ZRM = "zrm"

# Hours in one unit of a lead-time bound (plan_binnen_termijn).
HOURS = {"hours": 1, "days": 24, "weeks": 24 * 7}


@dataclass
class Outcomes:
    """A metric's counted cases as SQL (see the module docstring) over the connection *con*."""

    con: object
    sql: str
    rows: int  # trajectories in the store (for the per-row view of the tests)
    per_client: bool = False  # rows are clients (ZRM), not trajectories

    @property
    def codes(self) -> list[int]:
        """The code per trajectory in file order (0 when not counted); per client (ordered) for ZRM."""
        return [c for (c,) in self.con.execute(self._per_row("code", "0")).fetchall()]

    @property
    def values(self) -> list[float]:
        """The value per trajectory (NaN when none), in the order of :attr:`codes`."""
        return [v for (v,) in self.con.execute(self._per_row("value", "'NaN'::DOUBLE")).fetchall()]

    def _per_row(self, column: str, empty: str) -> str:
        if self.per_client:
            return f"SELECT {column} FROM ({self.sql}) ORDER BY client"
        return (
            f"SELECT coalesce(o.{column}, {empty}) FROM trajecten t LEFT JOIN ({self.sql}) o ON o.rid = t.rowid "
            "ORDER BY t.rowid"
        )


@functools.lru_cache(maxsize=1 << 16)
def add_months(day: int, months: int) -> int:
    """The day ordinal *months* calendar months after day ordinal *day* (clamped to the month's end)."""
    date = dt.date.fromordinal(day)
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(date.day, last)).toordinal()


def bound_minutes(norm: Norm) -> int:
    """The lead-time bound of a norm (value + unit) in minutes: 48 hours is 2880."""
    if norm.unit not in HOURS:
        raise ValueError(f"eenheid {norm.unit} is geen termijn in uren, dagen of weken")
    return round(norm.value * HOURS[norm.unit] * 60)


def day_sql(peil: int) -> str:
    """The reference day as a SQL date literal."""
    return f"DATE '{dt.date.fromordinal(peil).isoformat()}'"


def end_sql(peil: int) -> str:
    """The end of the reference day (everything reported before it is known) as a SQL timestamp."""
    return f"TIMESTAMP '{dt.date.fromordinal(peil + 1).isoformat()} 00:00:00'"


def _minutes(column: str) -> str:
    return f"(CAST(epoch({column}) AS BIGINT) // 60)"


def _outcomes(regs: Registrations, select: str) -> Outcomes:
    return Outcomes(regs.con, select, len(regs))


COLUMNS = "rowid AS rid, client, doelgroep, herkomst AS gemeente"


def opvang_nabij_herkomst(
    regs: Registrations, peil: int, norm: Norm | None = None, near: Callable[[str], str | None] | None = None
) -> Outcomes:
    """Share of trajectories sheltered "near" the municipality of origin: the same municipality or subregion.

    The tender's "nabij" (near) is a distance the registrations do not hold; it is approximated on the
    best data the tender gives: SUCCESS when ``gemeente_opvang`` is ``gemeente_herkomst``
    (case-insensitive) or, when the tender lists subregions (*near* maps a municipality to its
    subregion), when both lie in the same subregion. Denominator: trajectories reported on or before
    the reference date with ``gemeente_opvang`` filled.
    """
    areas = ""
    if near is not None:
        names = [
            n
            for (n,) in regs.con.execute(
                "SELECT DISTINCT herkomst FROM trajecten UNION "
                "SELECT DISTINCT opvang FROM trajecten WHERE opvang IS NOT NULL"
            ).fetchall()
        ]
        pairs = [(n.lower(), sub.lower()) for n in names if n is not None and (sub := near(n))]
        areas = " ".join(f"WHEN {quote(name)} THEN {quote('subregio:' + sub)}" for name, sub in sorted(set(pairs)))

    def area(column: str) -> str:
        return f"(CASE lower({column}) {areas} ELSE lower({column}) END)" if areas else f"lower({column})"

    return _outcomes(
        regs,
        f"""SELECT {COLUMNS}, CASE WHEN {area("opvang")} = {area("herkomst")} THEN 1 ELSE 2 END AS code,
        CAST(melding AS DATE) AS ref, CAST(NULL AS DOUBLE) AS value
        FROM trajecten WHERE opvang IS NOT NULL AND melding < {end_sql(peil)}""",
    )


def duurzame_uitstroom(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of exits without a new report of the same client from 4 months up to 2 years after exit.

    Denominator: trajectories with ``datum_uitstroom`` on or before the reference date. An exit is a
    FAILURE (relapse) when the same client has a report dated on or after exit + 4 months and on or
    before exit + 24 months (calendar months, both ends included, contract §4 and Limburg §11a);
    reports after the reference date are not known yet. Without such a report it is a SUCCESS when
    exit + 24 months is on or before the reference date, else PENDING (provisional, never a success).
    """
    day, end = day_sql(peil), end_sql(peil)
    return _outcomes(
        regs,
        f"""WITH exits AS (
            SELECT {COLUMNS}, uitstroom, CAST(uitstroom + INTERVAL 4 MONTH AS DATE) AS first,
                CAST(uitstroom + INTERVAL 24 MONTH AS DATE) AS last
            FROM trajecten WHERE uitstroom <= {day}
        ), relapses AS (
            SELECT DISTINCT e.rid FROM exits e JOIN trajecten r ON r.client = e.client
            WHERE r.melding < {end} AND CAST(r.melding AS DATE) BETWEEN e.first AND e.last
        )
        SELECT e.rid, e.client, e.doelgroep, e.gemeente,
            CASE WHEN r.rid IS NOT NULL THEN 2 WHEN e.last <= {day} THEN 1 ELSE 3 END AS code,
            e.uitstroom AS ref, CAST(NULL AS DOUBLE) AS value
        FROM exits e LEFT JOIN relapses r ON r.rid = e.rid""",
    )


def direct_opvang(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of reports with ``opvang_nodig`` (default ja) where shelter started within 24 hours.

    SUCCESS when ``datum_start_opvang - datum_melding <= 24:00``; FAILURE when later, or when it has
    not started and the 24 hours had passed by the end of the reference date; else PENDING. A start
    before the report is impossible: that trajectory is not counted (a finding of the reader).
    """
    return _lead_time(regs, peil, "melding", "start", 24 * 60, "<=", need="nodig", impossible=START_BEFORE_REPORT)


def plan_binnen_termijn(regs: Registrations, peil: int, norm: Norm) -> Outcomes:
    """Share of trajectories with ``datum_plan`` within the norm's bound after its anchor.

    The anchor is ``datum_melding`` (``from: melding``, the default) or ``datum_start_opvang``
    (``from: start``: for Housing First the day the client moves into the home); a trajectory that
    has not started by the reference date is not counted for a ``from: start`` norm. The bound is the
    norm's value and unit (48 hours = 2880 minutes; 6 weeks = 1008 hours), compared with minute
    precision using the norm's operator (``<=``: a plan after exactly 48:00 is in time). No plan yet:
    FAILURE once the deadline lies before the end of the reference date, else PENDING. A plan before
    the report (or a start before the report, for ``from: start``) is impossible: not counted.
    """
    if norm.anchor == "start":
        impossible = START_BEFORE_REPORT | PLAN_BEFORE_REPORT
        return _lead_time(regs, peil, "start", "plan", bound_minutes(norm), norm.operator, impossible=impossible)
    return _lead_time(regs, peil, "melding", "plan", bound_minutes(norm), norm.operator, impossible=PLAN_BEFORE_REPORT)


def _lead_time(
    regs: Registrations,
    peil: int,
    anchor: str,
    target: str,
    bound: int,
    operator: str,
    need: str | None = None,
    impossible: int = 0,
) -> Outcomes:
    end = end_sql(peil)
    took = f"{_minutes(target)} - {_minutes(anchor)}"
    within = f"{took} {'<' if operator == '<' else '<='} {bound}"
    return _outcomes(
        regs,
        f"""SELECT {COLUMNS},
            CASE WHEN {target} IS NOT NULL AND {target} < {end} THEN (CASE WHEN {within} THEN 1 ELSE 2 END)
                 WHEN {_minutes(anchor)} + {bound} < {_minutes(end)} THEN 2 ELSE 3 END AS code,
            CAST({anchor} AS DATE) AS ref, CAST(NULL AS DOUBLE) AS value
        FROM trajecten WHERE {anchor} IS NOT NULL AND {anchor} < {end} AND flags & {impossible} = 0
            {f"AND {need}" if need else ""}""",
    )


def doelen_behaald(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of ended trajectories (exit on or before the reference date) with ``doelen_behaald = ja``.

    An ended trajectory with the field empty counts in the denominator, not as a success.
    """
    return _outcomes(
        regs,
        f"""SELECT {COLUMNS}, CASE WHEN doelen THEN 1 ELSE 2 END AS code, uitstroom AS ref,
            CAST(NULL AS DOUBLE) AS value FROM trajecten WHERE uitstroom <= {day_sql(peil)}""",
    )


def woningbehoud(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of trajectories with ``woning_behouden = ja`` among those where it is filled in.

    Only Housing First trajectories register it; an empty cell means "not applicable" (excluded).
    Counted on the report date.
    """
    return _outcomes(
        regs,
        f"""SELECT {COLUMNS}, CASE WHEN woning THEN 1 ELSE 2 END AS code, CAST(melding AS DATE) AS ref,
            CAST(NULL AS DOUBLE) AS value FROM trajecten WHERE woning IS NOT NULL AND melding < {end_sql(peil)}""",
    )


def clienttevredenheid(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Mean of ``tevredenheid`` (1-10) over trajectories that have a mark.

    The mark is asked at the end of a trajectory, so it counts on the exit date (or on the report date
    when the trajectory has not ended); trajectories reported after the reference date are excluded.
    """
    day = day_sql(peil)
    return _outcomes(
        regs,
        f"""SELECT {COLUMNS}, 1 AS code,
            CASE WHEN uitstroom <= {day} THEN uitstroom ELSE CAST(melding AS DATE) END AS ref,
            tevredenheid AS value
        FROM trajecten WHERE tevredenheid IS NOT NULL AND melding < {end_sql(peil)}""",
    )


def opvangduur_binnen_norm(regs: Registrations, peil: int, norm: Norm) -> Outcomes:
    """Share of ended trajectories of the norm's ``applies_to`` group whose stay is within the bound.

    Stay: from the date of ``datum_start_opvang`` to ``datum_uitstroom``. Within ``<= 3 months`` means
    ``datum_uitstroom <= date(datum_start_opvang) + 3 calendar months``; days and weeks count days
    (``<= 12 weeks``: at most 84 days); ``<`` makes the bound exclusive. Trajectories without a start
    of shelter are excluded (there was no stay), and so are exits before the start (impossible).
    """
    unit, value = norm.unit, norm.value
    days = {"days": 1, "weeks": 7}.get(unit)
    if unit in ("months", "years"):
        limit = f"CAST(CAST(start AS DATE) + INTERVAL {round(value * (12 if unit == 'years' else 1))} MONTH AS DATE)"
    elif days is not None:
        limit = f"CAST(start AS DATE) + {int(value * days // 1)}"
    else:
        raise ValueError(f"eenheid {unit} is geen opvangduur")
    within = f"uitstroom {'<' if norm.operator == '<' else '<='} {limit}"
    return _outcomes(
        regs,
        f"""SELECT {COLUMNS}, CASE WHEN {within} THEN 1 ELSE 2 END AS code, uitstroom AS ref,
            CAST(NULL AS DOUBLE) AS value
        FROM trajecten WHERE uitstroom <= {day_sql(peil)} AND start IS NOT NULL AND flags & {EXIT_BEFORE_START} = 0""",
    )


def zrm_verbetering(regs: Registrations, peil: int, norm: Norm | None = None, zrm: ZrmScores | None = None) -> Outcomes:
    """Share of clients with at least 2 ZRM domains scored higher 12 months after start than at start.

    Per client: *start* is the client's first ZRM measurement date; per domain the start score is the
    domain's earliest measurement and the follow-up score is the first measurement on or after start +
    12 calendar months (and on or before the reference date); on one day the lowest score comes first.
    A client counts (on the follow-up date) when at least one domain has a follow-up; SUCCESS when at
    least 2 domains have a higher follow-up score. Clients whose 12 months have not passed, or who
    were not measured again, are not in the denominator. Rows are clients, not trajectories; a
    client's doelgroep and municipality are those of their most recent report in ``clienten.csv``
    ("onbekend" for a client who is not in it).
    """
    empty = (
        "SELECT 0::BIGINT AS rid, 0::UBIGINT AS client, '' AS doelgroep, '' AS gemeente, 0 AS code, "
        "NULL::DATE AS ref, NULL::DOUBLE AS value WHERE false"
    )
    if zrm is None:
        return Outcomes(regs.con, empty, len(regs), per_client=True)
    day = day_sql(peil)
    return Outcomes(
        regs.con,
        f"""WITH starts AS (
            SELECT client, CAST(min(datum) + INTERVAL 12 MONTH AS DATE) AS follow FROM zrm GROUP BY client
        ), firsts AS (
            SELECT client, domein, arg_min(score, (datum, score)) AS first FROM zrm GROUP BY client, domein
        ), laters AS (
            SELECT z.client, z.domein, arg_min(z.score, (z.datum, z.score)) AS later, min(z.datum) AS day
            FROM zrm z JOIN starts s USING (client)
            WHERE s.follow <= {day} AND z.datum >= s.follow AND z.datum <= {day}
            GROUP BY z.client, z.domein
        ), per_client AS (
            SELECT l.client, count(*) FILTER (WHERE l.later > f.first) AS improved, max(l.day) AS day
            FROM laters l JOIN firsts f USING (client, domein) GROUP BY l.client
        ), latest AS (
            SELECT client, arg_max(doelgroep, (melding, rowid)) AS doelgroep,
                arg_max(herkomst, (melding, rowid)) AS gemeente
            FROM trajecten GROUP BY client
        )
        SELECT 0::BIGINT AS rid, p.client, coalesce(t.doelgroep, 'onbekend') AS doelgroep,
            coalesce(t.gemeente, 'onbekend') AS gemeente, CASE WHEN p.improved >= 2 THEN 1 ELSE 2 END AS code,
            p.day AS ref, CAST(NULL AS DOUBLE) AS value
        FROM per_client p LEFT JOIN latest t USING (client)""",
        len(regs),
        per_client=True,
    )


# metric name -> (function, which date a row counts on for a period, kind: share | mean)
METRICS: dict[str, tuple[Callable[..., Outcomes], str, str]] = {
    "opvang_nabij_herkomst": (opvang_nabij_herkomst, REF_MELDING, "share"),
    "duurzame_uitstroom": (duurzame_uitstroom, REF_UITSTROOM, "share"),
    "direct_opvang": (direct_opvang, REF_MELDING, "share"),
    "plan_binnen_termijn": (plan_binnen_termijn, REF_MELDING, "share"),
    "doelen_behaald": (doelen_behaald, REF_UITSTROOM, "share"),
    "clienttevredenheid": (clienttevredenheid, REF_UITSTROOM, "mean"),
    "opvangduur_binnen_norm": (opvangduur_binnen_norm, REF_UITSTROOM, "share"),
    "woningbehoud": (woningbehoud, REF_MELDING, "share"),
    "zrm_verbetering": (zrm_verbetering, REF_ZRM, "share"),
}
SURVEY_METRICS = ("ketenpartner_oordeel", "omgeving_oordeel", "clienttevredenheid")
# Metrics whose norm value/unit is a bound and whose `share` is the required share of cases.
BOUND_METRICS = ("plan_binnen_termijn", "opvangduur_binnen_norm")


def restrict(outcomes: Outcomes, applies_to: tuple[str, ...]) -> Outcomes:
    """*outcomes* with only the cases of the target groups in *applies_to* (all cases when empty)."""
    if not applies_to:
        return outcomes
    sql = f"SELECT * FROM ({outcomes.sql}) WHERE doelgroep IN {text_list(applies_to)}"
    return Outcomes(outcomes.con, sql, outcomes.rows, outcomes.per_client)


def computable(norm: Norm) -> bool:
    """Whether the engine can compute *norm* from registrations (metric and unit as contract §4 means)."""
    if norm.metric not in METRICS:
        return False
    if norm.metric == "plan_binnen_termijn":
        return norm.unit in HOURS
    if norm.metric == "opvangduur_binnen_norm":
        return norm.unit in ("days", "weeks", "months", "years")
    if norm.metric == "clienttevredenheid":
        return norm.unit == "score"
    return norm.unit == "%"


def required(norm: Norm) -> tuple[str, float]:
    """The operator and value the observed value (% or mean) is compared with."""
    if norm.metric in BOUND_METRICS:
        return ">=", 100 if norm.share is None else norm.share
    return norm.operator, norm.value


@dataclass(frozen=True)
class Share:
    """A share with its provisional range: the value among definitive cases and the bounds (all in %)."""

    value: float | None  # SUCCESS / (SUCCESS + FAILURE); None when no case is definitive yet
    lower: float | None  # every pending case fails
    upper: float | None  # every pending case succeeds
    verdict: str


def share_result(norm: Norm, success: int, failure: int, pending: int) -> Share:
    """Value, bounds and verdict of a share norm.

    value = success / (success + failure) * 100: the share among the definitively judged cases;
    lower = success / total and upper = (success + pending) / total (total includes the pending
    cases): the lowest and highest value the final result can take. The verdict is ``voldoet`` /
    ``voldoet_niet`` when the norm holds / fails at both bounds (no outcome of the pending cases can
    change it), ``voorlopig`` when they can still decide it, ``onvoldoende_data`` when there are no
    cases at all.
    """
    total = success + failure + pending
    if total == 0:
        return Share(None, None, None, "onvoldoende_data")
    operator, target = required(norm)
    low = success * 100 / total
    high = (success + pending) * 100 / total
    value = success * 100 / (success + failure) if success + failure else None
    holds_low, holds_high = compare(low, operator, target), compare(high, operator, target)
    if holds_low and holds_high:
        verdict = "voldoet"
    elif not holds_low and not holds_high:
        verdict = "voldoet_niet"
    else:
        verdict = "voorlopig"
    return Share(value, low, high, verdict)


def share_verdict(norm: Norm, success: int, failure: int, pending: int) -> tuple[float | None, str]:
    """Value (in %, among the definitive cases) and verdict of a share norm (see :func:`share_result`)."""
    result = share_result(norm, success, failure, pending)
    return result.value, result.verdict


def mean_verdict(norm: Norm, total: float, count: int) -> tuple[float | None, str]:
    if count == 0:
        return None, "onvoldoende_data"
    value = total / count
    return value, "voldoet" if compare(value, norm.operator, norm.value) else "voldoet_niet"
