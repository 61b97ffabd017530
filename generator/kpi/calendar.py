"""Every duty of a tender in one year as dated iCalendar events (Outlook, Google and Apple import them).

Three sources, all from the catalog (and, for VOG renewals, the provider's roster):

- **Frequencies**: binding norms with a frequency metric (``unit: times/year``) of binding requirements
  (``eis``/``wens``). A frequency *n* splits the year into *n* equal periods of whole months (4:
  quarters, 2: half-years, 12: months; *n* that does not divide 12 uses the nearest month boundaries;
  more than 12 is spread by days). The tenders fix no calendar days, so one documented rule dates them:
  a delivery (``rapportagefrequentie``, ``verantwoordingsfrequentie``, ``monitorfrequentie``) is due on
  the last day of the month after its period ("binnen een maand na afloop": the report over Q1 on 30
  April, over Q4 on 31 January of the next year); a meeting, evaluation or survey
  (``overlegfrequentie``, ``evaluatiefrequentie``, ``onderzoeksfrequentie``) is held on the 15th of the
  middle month of its period. A date on a Saturday or Sunday moves to the Friday before.
- **Deadlines**: the ``deadlines`` of binding requirements, absolute or relative to the contract start.
- **VOG renewals** (with a roster): per active staff member to whom a VOG rule of the tender applies,
  the last day on which their VOG is younger than the tender's binding age limit (``vog_ouderdom``),
  named by the pseudonymous ``medewerker_id`` only.

Only what falls inside the contract period counts: a period that does not overlap the contract, a
deadline or renewal outside it, is left out; a year that does not overlap the contract at all is
refused (:class:`~generator.diagnostics.ValidationFailed`, exit 1), and so is a year without any duty
(RFC 5545 needs at least one event; Outlook refuses an empty calendar). A duty that several
requirements describe (the same kind of event on the same day) is one event naming all of them.
Every delivery and deadline has a reminder (VALARM) two weeks ahead; a VOG renewal six weeks ahead
(Justis needs up to four weeks for a new VOG).

Events are all-day, with a UID that is a hash of tender, kind, day and requirements (importing the
file again updates rather than duplicates) and a DTSTAMP fixed on 1 January of the year, so the same
catalog, roster and year give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from generator.catalog.model import Norm, Requirement, Tender, add_term
from generator.diagnostics import Problem, ValidationFailed

DELIVERIES = {
    "rapportagefrequentie": "Rapportage",
    "verantwoordingsfrequentie": "Financiële verantwoording",
    "monitorfrequentie": "Aanlevering monitor",
}
MEETINGS = {
    "overlegfrequentie": "Overleg",
    "evaluatiefrequentie": "Evaluatie",
    "onderzoeksfrequentie": "Onderzoek",
}
FREQUENCY_METRICS = tuple(DELIVERIES) + tuple(MEETINGS)
VOG_AGE = "vog_ouderdom"
DELIVERY_ALARM_DAYS = 14
VOG_ALARM_DAYS = 42  # Justis takes up to four weeks; two more to ask for it and hand it in


@dataclass(frozen=True)
class Duty:
    """One event of the calendar."""

    day: dt.date
    kind: str  # levering | overleg | termijn | vog
    summary: str
    description: str
    requirements: tuple[str, ...]
    alarm_days: int | None

    @property
    def uid(self) -> str:
        key = f"{self.kind}|{self.day.isoformat()}|{'|'.join(self.requirements)}|{self.summary}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@opvang"


def contract_days(tender: Tender, year: int) -> tuple[dt.date, dt.date]:
    """The days of *year* inside the contract of *tender*; refused (exit 1) when there are none."""
    first = max(dt.date(year, 1, 1), tender.period.start)
    last = min(dt.date(year, 12, 31), tender.period.end or dt.date(year, 12, 31))
    if first > last:
        until = f" tot en met {tender.period.end:%d-%m-%Y}" if tender.period.end else ""
        years = (
            f"{tender.period.start.year} tot en met {tender.period.end.year}"
            if tender.period.end
            else f"{tender.period.start.year} of later"
        )
        raise ValidationFailed(
            Problem(
                "--year",
                None,
                None,
                f"{year} valt buiten het contract van {_one_line(tender.title)} (vanaf "
                f"{tender.period.start:%d-%m-%Y}{until}); kies een jaar van {years}",
            )
        )
    return first, last


def duties(tender: Tender, year: int, roster=None) -> list[Duty]:
    """Every duty of *tender* in *year* inside its contract, merged per kind and day, sorted by date."""
    first, last = contract_days(tender, year)
    binding = [req for req in tender.requirements if req.obligation != "info"]
    found = _frequency_duties(tender, binding, year, first, last)
    found += _deadline_duties(tender, binding, year, first, last)
    if roster is not None:
        found += vog_renewals(tender, binding, roster, first, last)
    return sorted(_merge(found), key=lambda d: (d.day, d.kind, d.requirements, d.summary))


# --- frequencies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One requirement's share of an event, before events of the same kind and day are merged."""

    day: dt.date
    kind: str
    title: str
    period: str
    requirement: Requirement
    detail: str
    alarm_days: int | None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _weekday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _periods(year: int, n: int) -> list[tuple[dt.date, dt.date]]:
    """*n* consecutive periods covering the year."""
    if n <= 12:
        bounds = [round(12 * i / n) for i in range(n + 1)]
        return [(dt.date(year, bounds[i] + 1, 1), _month_end(year, bounds[i + 1])) for i in range(n)]
    start = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start).days
    cuts = [round(days * i / n) for i in range(n + 1)]
    return [(start + dt.timedelta(days=cuts[i]), start + dt.timedelta(days=cuts[i + 1] - 1)) for i in range(n)]


def _period_label(start: dt.date, end: dt.date, n: int) -> str:
    if n == 1:
        return str(start.year)
    if n == 4:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if n == 2:
        return f"{'eerste' if start.month == 1 else 'tweede'} halfjaar {start.year}"
    if n == 12:
        return f"{start:%m-%Y}"
    return f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"


def _title(norm: Norm, n: int) -> str:
    if norm.metric == "rapportagefrequentie":
        titles = {4: "Kwartaalrapportage", 1: "Jaarrapportage", 2: "Halfjaarrapportage", 12: "Maandrapportage"}
        base = titles.get(n, "Rapportage")
    else:
        base = DELIVERIES.get(norm.metric) or MEETINGS[norm.metric]
    return f"{base}: {_one_line(norm.label)}" if norm.label else base


def _frequency_duties(
    tender: Tender, requirements: list[Requirement], year: int, first: dt.date, last: dt.date
) -> list[_Part]:
    parts = []
    for req in requirements:
        for norm in req.binding_norms:
            if norm.metric not in FREQUENCY_METRICS or norm.unit != "times/year" or round(norm.value) < 1:
                continue
            n = min(int(round(norm.value)), 366)
            for start, end in _periods(year, n):
                if end < first or start > last:  # a period outside the contract
                    continue
                label = _period_label(start, end, n)
                if norm.metric in DELIVERIES:
                    day = _weekday(_month_end(end.year, end.month + 1))
                    detail = f"{n} keer per jaar; uiterlijk {day:%d-%m-%Y} (laatste werkdag van de maand na de periode)"
                    parts.append(_Part(day, "levering", _title(norm, n), f"over {label}", req, detail, 14))
                else:
                    middle = start + (end - start) / 2
                    day = _weekday(
                        dt.date(middle.year, middle.month, min(15, _month_end(middle.year, middle.month).day))
                    )
                    detail = f"{n} keer per jaar; in de periode {start:%d-%m-%Y} t/m {end:%d-%m-%Y} (richtdatum)"
                    parts.append(_Part(day, "overleg", _title(norm, n), label, req, detail, None))
    return parts


# --- deadlines ----------------------------------------------------------------------------------


def _deadline_duties(
    tender: Tender, requirements: list[Requirement], year: int, first: dt.date, last: dt.date
) -> list[_Part]:
    parts = []
    for req in requirements:
        for deadline in req.deadlines:
            day = deadline.resolve(tender.period.start)
            if first <= day <= last:
                rule = ""
                if deadline.after_contract_start is not None:
                    value, unit = deadline.after_contract_start
                    rule = f" ({_term(value, unit)} na de start van het contract op {tender.period.start:%d-%m-%Y})"
                detail = f"uiterlijk {day:%d-%m-%Y}{rule}"
                parts.append(
                    _Part(day, "termijn", f"Termijn: {_one_line(deadline.label)}", "", req, detail, DELIVERY_ALARM_DAYS)
                )
    return parts


def _term(value: float, unit: str) -> str:
    words = {
        "days": ("dag", "dagen"),
        "weeks": ("week", "weken"),
        "months": ("maand", "maanden"),
        "years": ("jaar", "jaar"),
    }[unit]
    shown = f"{value:g}".replace(".", ",")
    return f"{shown} {words[0] if value == 1 else words[1]}"


# --- VOG renewals -------------------------------------------------------------------------------


def vog_renewals(tender: Tender, requirements: list[Requirement], roster, first: dt.date, last: dt.date) -> list[_Part]:
    """Per staff member under a VOG rule: the last day their VOG is within the tender's binding age limit."""
    from generator.roster.rules import matches

    parts = []
    seen: set[tuple[str, dt.date]] = set()
    for req in requirements:
        limits = [n for n in req.binding_norms if n.metric == VOG_AGE and n.operator in ("<=", "<")]
        rules = [r for r in req.staff_rules if r.kind == "vog"]
        for norm in limits:
            for member in roster.members:
                if member.vog_datum is None or not any(matches(member, r.who, roster) for r in rules or [None]):
                    continue
                expires = add_term(member.vog_datum, norm.value, norm.unit)  # no longer within the limit
                day = expires - dt.timedelta(days=1 if norm.operator == "<=" else 2)
                if not first <= day <= last or not member.active_on(day) or (member.id, day) in seen:
                    continue
                seen.add((member.id, day))
                limit = _term(norm.value, norm.unit)
                detail = (
                    f"de VOG van medewerker {member.id} (afgegeven {member.vog_datum:%d-%m-%Y}) is na {day:%d-%m-%Y} "
                    f"ouder dan {limit}. Vraag op tijd een nieuwe VOG aan: Justis doet er tot vier weken over"
                )
                parts.append(
                    _Part(day, "vog", f"VOG vernieuwen: medewerker {member.id}", "", req, detail, VOG_ALARM_DAYS)
                )
    return parts


# --- merging and writing ------------------------------------------------------------------------


def _merge(parts: list[_Part]) -> list[Duty]:
    """One event per kind, day and title: a duty several requirements describe appears once.

    The title holds the kind of duty and the norm's label ("Onderzoek: enquête onder de ketenpartners"),
    so two requirements about the same survey merge, and three different surveys stay three events.
    """
    groups: dict[tuple, list[_Part]] = defaultdict(list)
    for part in parts:
        groups[(part.day, part.kind, part.title.casefold(), part.period)].append(part)
    out = []
    for (day, kind, _, period), group in groups.items():
        ids = tuple(dict.fromkeys(p.requirement.id for p in group))
        summary = f"{group[0].title}{' ' + period if period else ''} ({', '.join(ids)})"
        lines = []
        for req_id in ids:
            part = next(p for p in group if p.requirement.id == req_id)
            lines.append(_describe(part))
        out.append(Duty(day, kind, summary, "\n\n".join(lines), ids, group[0].alarm_days))
    return out


def _describe(part: _Part) -> str:
    req = part.requirement
    text = " ".join(req.text.split())
    if len(text) > 600:
        text = text[:597] + "..."
    source = req.source.title or req.source.document
    return (
        f"Eis {req.id} ({req.obligation}): {_one_line(req.title)}.\n{text}\n"
        f"{part.detail[:1].upper() + part.detail[1:]}.\nBron: {source}, {req.source.section}."
    )


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def to_ics(tender: Tender, year: int, events: list[Duty], catalog: str = "") -> bytes:
    """*events* of *tender* in *year* as an iCalendar file (RFC 5545); refused when there are none.

    *catalog* is the name of the catalog the duties come from, in the calendar's description
    (X-WR-CALDESC, which Outlook, Google and Apple show with the calendar).
    """
    from icalendar import Alarm, Calendar, Event

    if not events:
        raise ValidationFailed(
            Problem(
                "--year",
                None,
                None,
                f"{_one_line(tender.title)} heeft in {year} geen plichten met een datum; er is geen agenda geschreven",
            )
        )
    calendar = Calendar()
    calendar.add("prodid", "-//opvang//Verplichtingenkalender//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{_one_line(tender.title)}: verplichtingen {year}")
    description = f"Plichten van {_one_line(tender.title)} in {year}."
    if catalog.strip():
        description += f" Catalogus: {_one_line(catalog)}"
    calendar.add("x-wr-caldesc", description)
    stamp = dt.datetime(year, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
    for duty in events:
        event = Event()
        event.add("uid", duty.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", duty.day)
        event.add("dtend", duty.day + dt.timedelta(days=1))
        event.add("summary", duty.summary)
        event.add("description", duty.description)
        event.add("categories", ["Aanbesteding", duty.kind])
        event.add("transp", "TRANSPARENT")
        if duty.alarm_days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Over {duty.alarm_days} dagen: {duty.summary}")
            alarm.add("trigger", dt.timedelta(days=-duty.alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
