"""Every reporting duty and meeting cycle of a tender as dated iCalendar events (Outlook imports them).

Source: the tender's norms with a frequency metric (``unit: times/year``). A frequency *n* splits the
year into *n* equal periods of whole months (4: quarters, 2: half-years, 12: months; *n* that does not
divide 12 uses the nearest month boundaries; more than 12 is spread by days). Dates follow one
documented rule, since the tenders fix no calendar days:

- a delivery (``rapportagefrequentie``, ``verantwoordingsfrequentie``, ``monitorfrequentie``) is due
  on the last day of the month after its period ("binnen een maand na afloop"): the report over
  Q1 is due 30 April, over Q4 on 31 January of the next year, the yearly financial accountability
  on 31 January of the next year;
- a meeting, evaluation or survey (``overlegfrequentie``, ``evaluatiefrequentie``,
  ``onderzoeksfrequentie``) is held in its period: on the 15th of its middle month (quarterly: 15
  February, 15 May, 15 August, 15 November; yearly: 15 July of the year asked for);
- a date on a Saturday or Sunday moves to the Friday before.

Events are all-day, with a UID that is a hash of tender, requirement, metric and date (importing the
file again updates rather than duplicates) and a DTSTAMP fixed on 1 January of the year, so the same
catalog and year give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from generator.catalog.model import Norm, Requirement, Tender

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


@dataclass(frozen=True)
class Duty:
    day: dt.date
    summary: str
    description: str
    requirement_id: str
    metric: str
    uid: str


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _weekday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _periods(year: int, n: int) -> list[tuple[dt.date, dt.date]]:
    """*n* consecutive periods covering the year."""
    if n <= 12:
        bounds = [round(12 * i / n) for i in range(n + 1)]
        return [(dt.date(year, bounds[i] + 1, 1), _month_end(year, bounds[i + 1])) for i in range(n)]
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    cuts = [round(days * i / n) for i in range(n + 1)]
    return [(first + dt.timedelta(days=cuts[i]), first + dt.timedelta(days=cuts[i + 1] - 1)) for i in range(n)]


def _period_label(start: dt.date, end: dt.date, n: int) -> str:
    if n == 1:
        return str(start.year)
    if n == 4:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if n == 2:
        return f"{'eerste' if start.month == 1 else 'tweede'} halfjaar {start.year}"
    if n == 12:
        return start.strftime("%m-%Y")
    return f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"


def _title(norm: Norm, n: int) -> str:
    if norm.metric == "rapportagefrequentie":
        base = {4: "Kwartaalrapportage", 1: "Jaarrapportage", 2: "Halfjaarrapportage", 12: "Maandrapportage"}.get(
            n, "Rapportage"
        )
    else:
        base = DELIVERIES.get(norm.metric) or MEETINGS[norm.metric]
    if norm.label:
        base = f"{base}: {norm.label}"
    return base


def duties(tender: Tender, year: int) -> list[Duty]:
    """All dated duties of *tender* for the periods of *year*, sorted by date."""
    out: list[Duty] = []
    for req in tender.requirements:
        for index, norm in enumerate(req.norms):
            if norm.metric not in FREQUENCY_METRICS or norm.unit != "times/year":
                continue
            n = int(round(norm.value))
            if n < 1:
                continue
            for start, end in _periods(year, min(n, 366)):
                label = _period_label(start, end, n)
                if norm.metric in DELIVERIES:
                    day = _weekday(
                        _month_end(end.year, end.month + 1) if end.month < 12 else _month_end(end.year + 1, 1)
                    )
                    when = f"uiterlijk {day:%d-%m-%Y} (laatste werkdag van de maand na de periode)"
                    summary = f"{_title(norm, n)} over {label} ({req.id})"
                else:
                    middle = start + (end - start) / 2
                    day = _weekday(
                        dt.date(middle.year, middle.month, min(15, _month_end(middle.year, middle.month).day))
                    )
                    when = f"in de periode {start:%d-%m-%Y} t/m {end:%d-%m-%Y} (richtdatum)"
                    summary = f"{_title(norm, n)} {label} ({req.id})"
                description = _description(tender, req, norm, n, when)
                key = f"{tender.id}|{req.id}|{index}|{norm.metric}|{day.isoformat()}|{label}"
                uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@opvang"
                out.append(Duty(day, summary, description, req.id, norm.metric, uid))
    return sorted(out, key=lambda d: (d.day, d.requirement_id, d.summary))


def _description(tender: Tender, req: Requirement, norm: Norm, n: int, when: str) -> str:
    text = " ".join(req.text.split())
    if len(text) > 600:
        text = text[:597] + "..."
    return (
        f"Eis {req.id} ({req.obligation}) van {tender.title}: {req.title}.\n"
        f"{text}\n"
        f"Frequentie: {n} keer per jaar; {when}.\n"
        f"Bron: {req.source.section}."
    )


def to_ics(tender: Tender, year: int) -> bytes:
    """The duties of *tender* in *year* as an iCalendar file (RFC 5545)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//opvang//Verplichtingenkalender//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{tender.title}: verplichtingen {year}")
    stamp = dt.datetime(year, 1, 1, 0, 0, 0, tzinfo=dt.UTC)
    for duty in duties(tender, year):
        event = Event()
        event.add("uid", duty.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", duty.day)
        event.add("dtend", duty.day + dt.timedelta(days=1))
        event.add("summary", duty.summary)
        event.add("description", duty.description)
        event.add("categories", ["Aanbesteding", duty.metric])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
