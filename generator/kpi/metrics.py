"""One pure function per KPI metric of contract §4.

Each function looks at every trajectory (row) of :class:`~generator.kpi.clients.Registrations` on a
reference date (*peil*, a day ordinal: the state of knowledge at the end of that day) and returns
:class:`Outcomes`: per row a code

- ``EXCLUDED`` (0): not in the denominator (not applicable, or reported after the reference date);
- ``SUCCESS`` (1) / ``FAILURE`` (2): counted in the denominator, meeting the definition or not;
- ``PENDING`` (3): in the denominator but not yet decidable ("voorlopig": follow-up too short);

and per row the day on which the trajectory *counts* for a period (``ref``): the report date for
report-based metrics, the exit date for exit-based metrics. The engine aggregates these per group,
per municipality and per period; the value of a share is ``SUCCESS / (SUCCESS + FAILURE + PENDING)``
so a pending case is never counted as a success (the lower bound); see :func:`share_verdict`.

Months are calendar months: *n months after* day D is the same day number *n* months later, or the
last day of that month when it has fewer days (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from generator.catalog.model import Norm, compare
from generator.kpi.clients import (
    EXIT_BEFORE_START,
    MINUTES_PER_DAY,
    MISSING,
    PLAN_BEFORE_REPORT,
    START_BEFORE_REPORT,
    Registrations,
    ZrmScores,
)

EXCLUDED, SUCCESS, FAILURE, PENDING = 0, 1, 2, 3

REF_MELDING = "melding"
REF_UITSTROOM = "uitstroom"
REF_ZRM = "zrm"

# Hours in one unit of a lead-time bound (plan_binnen_termijn).
HOURS = {"hours": 1, "days": 24, "weeks": 24 * 7}


@dataclass
class Outcomes:
    """Per-row outcome codes, the day each row counts on, and (for means) the per-row values."""

    codes: bytearray
    ref: array  # day ordinals; MISSING when the row is excluded
    values: array | None = None  # for means: the value per row (NaN when absent)
    clients: array | None = None  # client code per row when rows are not trajectories (ZRM)
    groups: list | None = None  # doelgroep per row when rows are not trajectories (ZRM)
    municipalities: list | None = None


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


def _visible(regs: Registrations, peil: int) -> Callable[[int], bool]:
    end = (peil + 1) * MINUTES_PER_DAY  # everything reported up to the end of the reference day
    return lambda minutes: minutes < end


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
    end = (peil + 1) * MINUTES_PER_DAY
    codes = bytearray(len(regs))
    ref = array("q", [MISSING]) * len(regs)
    area: dict[str, str] = {}

    def region(place: str) -> str:
        found = area.get(place)
        if found is None:
            key = place.casefold()
            sub = near(place) if near is not None else None
            found = area[place] = f"subregio:{sub.casefold()}" if sub else key
        return found

    for i, (mel, herkomst, opvang) in enumerate(zip(regs.melding, regs.herkomst, regs.gemeente_opvang, strict=True)):
        if opvang is None or mel >= end:
            continue
        codes[i] = SUCCESS if region(opvang) == region(herkomst) else FAILURE
        ref[i] = mel // MINUTES_PER_DAY
    return Outcomes(codes, ref)


def duurzame_uitstroom(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of exits without a new report of the same client from 4 months up to 2 years after exit.

    Denominator: trajectories with ``datum_uitstroom`` on or before the reference date. An exit is a
    FAILURE (relapse) when the same client has a report dated on or after exit + 4 months and on or
    before exit + 24 months (calendar months, both ends included, contract §4 and Limburg §11a);
    reports after the reference date are not known yet. Without such a report it is a SUCCESS when
    exit + 24 months is on or before the reference date, else PENDING (provisional, never a success).
    """
    n = len(regs)
    end = (peil + 1) * MINUTES_PER_DAY
    # Only a client with more than one trajectory can report again.
    repeat = {client for client, count in Counter(regs.client).items() if count > 1}
    reports: dict[int, list[int]] = {}
    for client, mel in zip(regs.client, regs.melding, strict=True):
        if client in repeat and mel < end:
            reports.setdefault(client, []).append(mel // MINUTES_PER_DAY)
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    for i, (client, exit_day) in enumerate(zip(regs.client, regs.uitstroom, strict=True)):
        if exit_day == MISSING or exit_day > peil:
            continue
        ref[i] = exit_day
        last = add_months(exit_day, 24)
        days = reports.get(client)
        if days is not None and any(add_months(exit_day, 4) <= day <= last for day in days):
            codes[i] = FAILURE
        elif last <= peil:
            codes[i] = SUCCESS
        else:
            codes[i] = PENDING
    return Outcomes(codes, ref)


def direct_opvang(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of reports with ``opvang_nodig`` (default ja) where shelter started within 24 hours.

    SUCCESS when ``datum_start_opvang - datum_melding <= 24:00``; FAILURE when later, or when it has
    not started and the 24 hours had passed by the end of the reference date; else PENDING. A start
    before the report is impossible: that trajectory is not counted (a finding of the reader).
    """
    return _lead_time(
        regs, peil, regs.melding, regs.start, 24 * 60, "<=", need=regs.opvang_nodig, impossible=START_BEFORE_REPORT
    )


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
        return _lead_time(
            regs,
            peil,
            regs.start,
            regs.plan,
            bound_minutes(norm),
            norm.operator,
            impossible=START_BEFORE_REPORT | PLAN_BEFORE_REPORT,
        )
    return _lead_time(
        regs, peil, regs.melding, regs.plan, bound_minutes(norm), norm.operator, impossible=PLAN_BEFORE_REPORT
    )


def _lead_time(
    regs: Registrations,
    peil: int,
    anchor: array,
    target: array,
    bound: int,
    operator: str,
    need=None,
    impossible: int = 0,
) -> Outcomes:
    n = len(regs)
    end = (peil + 1) * MINUTES_PER_DAY
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    strict = operator == "<"
    needs = need if need is not None else bytes([1]) * n
    for i, (mel, moment, needed, flags) in enumerate(zip(anchor, target, needs, regs.flags, strict=True)):
        if mel == MISSING or mel >= end or not needed or flags & impossible:
            continue
        ref[i] = mel // MINUTES_PER_DAY
        if moment != MISSING and moment < end:
            took = moment - mel
            codes[i] = SUCCESS if (took < bound if strict else took <= bound) else FAILURE
        elif mel + bound < end:
            codes[i] = FAILURE
        else:
            codes[i] = PENDING
    return Outcomes(codes, ref)


def doelen_behaald(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of ended trajectories (exit on or before the reference date) with ``doelen_behaald = ja``.

    An ended trajectory with the field empty counts in the denominator, not as a success.
    """
    n = len(regs)
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    for i, (exit_day, done) in enumerate(zip(regs.uitstroom, regs.doelen, strict=True)):
        if exit_day == MISSING or exit_day > peil:
            continue
        ref[i] = exit_day
        codes[i] = SUCCESS if done == 1 else FAILURE
    return Outcomes(codes, ref)


def woningbehoud(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Share of trajectories with ``woning_behouden = ja`` among those where it is filled in.

    Only Housing First trajectories register it; an empty cell means "not applicable" (excluded).
    Counted on the report date.
    """
    end = (peil + 1) * MINUTES_PER_DAY
    n = len(regs)
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    for i, (mel, kept) in enumerate(zip(regs.melding, regs.woning, strict=True)):
        if kept < 0 or mel >= end:
            continue
        ref[i] = mel // MINUTES_PER_DAY
        codes[i] = SUCCESS if kept == 1 else FAILURE
    return Outcomes(codes, ref)


def clienttevredenheid(regs: Registrations, peil: int, norm: Norm | None = None) -> Outcomes:
    """Mean of ``tevredenheid`` (1-10) over trajectories that have a mark.

    The mark is asked at the end of a trajectory, so it counts on the exit date (or on the report date
    when the trajectory has not ended); trajectories reported after the reference date are excluded.
    """
    end = (peil + 1) * MINUTES_PER_DAY
    n = len(regs)
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    for i, (mel, exit_day, mark) in enumerate(zip(regs.melding, regs.uitstroom, regs.tevredenheid, strict=True)):
        if mark != mark or mel >= end:  # NaN: no mark
            continue
        day = exit_day if exit_day != MISSING and exit_day <= peil else mel // MINUTES_PER_DAY
        ref[i] = day
        codes[i] = SUCCESS
    return Outcomes(codes, ref, values=regs.tevredenheid)


def opvangduur_binnen_norm(regs: Registrations, peil: int, norm: Norm) -> Outcomes:
    """Share of ended trajectories of the norm's ``applies_to`` group whose stay is within the bound.

    Stay: from the date of ``datum_start_opvang`` to ``datum_uitstroom``. Within ``<= 3 months`` means
    ``datum_uitstroom <= date(datum_start_opvang) + 3 calendar months``; days and weeks count days
    (``<= 12 weeks``: at most 84 days); ``<`` makes the bound exclusive. Trajectories without a start
    of shelter are excluded (there was no stay), and so are exits before the start (impossible);
    without ``applies_to`` all groups count.
    """
    n = len(regs)
    codes = bytearray(n)
    ref = array("q", [MISSING]) * n
    groups = frozenset(norm.applies_to)
    strict = norm.operator == "<"
    unit, value = norm.unit, norm.value
    days = {"days": 1, "weeks": 7}.get(unit)
    if unit in ("months", "years"):
        months = round(value * (12 if unit == "years" else 1))
    elif days is None:
        raise ValueError(f"eenheid {unit} is geen opvangduur")
    rows = zip(regs.doelgroep, regs.start, regs.uitstroom, regs.flags, strict=True)
    for i, (grp, start, exit_day, flags) in enumerate(rows):
        if exit_day == MISSING or exit_day > peil or start == MISSING or (groups and grp not in groups):
            continue
        if flags & EXIT_BEFORE_START:  # an impossible stay is a finding, never within the norm
            continue
        start_day = start // MINUTES_PER_DAY
        limit = add_months(start_day, months) if days is None else start_day + math.floor(value * days)
        ref[i] = exit_day
        codes[i] = SUCCESS if (exit_day < limit if strict else exit_day <= limit) else FAILURE
    return Outcomes(codes, ref)


def zrm_verbetering(regs: Registrations, peil: int, norm: Norm | None = None, zrm: ZrmScores | None = None) -> Outcomes:
    """Share of clients with at least 2 ZRM domains scored higher 12 months after start than at start.

    Per client: *start* is the client's first ZRM measurement date; per domain the start score is the
    measurement on that date's domain (its earliest measurement) and the follow-up score is the first
    measurement on or after start + 12 calendar months (and on or before the reference date). A
    client counts (on the follow-up date) when at least one domain has a follow-up; SUCCESS when at
    least 2 domains have a higher follow-up score. Clients whose 12 months have not passed, or who
    were not measured again, are not in the denominator. Rows are clients, not trajectories; a
    client's doelgroep and municipality are those of their most recent report in ``clienten.csv``.
    """
    if zrm is None:
        return Outcomes(bytearray(), array("q"), clients=array("l"), groups=[], municipalities=[])
    latest: dict[int, int] = {}
    for i, (client, mel) in enumerate(zip(regs.client, regs.melding, strict=True)):
        j = latest.get(client)
        if j is None or regs.melding[j] <= mel:
            latest[client] = i
    codes, ref, clients, groups, places = bytearray(), array("q"), array("l"), [], []
    for client in sorted(zrm.by_client):
        domains = zrm.by_client[client]
        start = min(measurements[0][0] for measurements in domains.values())
        follow_from = add_months(start, 12)
        if follow_from > peil:
            continue
        improved = measured = 0
        follow_day = None
        for measurements in domains.values():
            first_day, first_score = measurements[0]
            later = next(((d, s) for d, s in measurements if follow_from <= d <= peil), None)
            if later is None:
                continue
            measured += 1
            improved += later[1] > first_score
            follow_day = later[0] if follow_day is None else max(follow_day, later[0])
        if not measured:
            continue
        codes.append(SUCCESS if improved >= 2 else FAILURE)
        ref.append(follow_day)
        clients.append(client)
        row = latest.get(client)
        groups.append(regs.doelgroep[row] if row is not None else "onbekend")
        places.append(regs.herkomst[row] if row is not None else "onbekend")
    return Outcomes(codes, ref, clients=clients, groups=groups, municipalities=places)


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


def restrict(outcomes: Outcomes, groups: list, applies_to: tuple[str, ...]) -> Outcomes:
    """*outcomes* with every row of a target group outside *applies_to* excluded (all rows when empty)."""
    if not applies_to:
        return outcomes
    wanted = frozenset(applies_to)
    codes = bytearray(c if g in wanted else EXCLUDED for c, g in zip(outcomes.codes, groups, strict=True))
    return Outcomes(codes, outcomes.ref, outcomes.values, outcomes.clients, outcomes.groups, outcomes.municipalities)


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
