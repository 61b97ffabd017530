"""The status of a tender on a reference date: open for bids, not started, running, or ended.

A pure function of the tender's dates (``bid_deadline`` and ``period`` in ``tender.yaml``) and the
reference date (``opvang site build --peildatum``, default today): the same catalog and date always
give the same status. Where the catalog leaves a date out, the status says so instead of guessing:
a contract without an end date has begun and its end is unknown; it is never called running.
The pages put the status into words (:func:`generator.site.pages.status_sentence`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.catalog.model import Tender

OPEN = "open"
NOT_STARTED = "nog-niet-begonnen"
RUNNING = "lopend"
NO_END = "einde-onbekend"
ENDED = "afgelopen"

LABELS: dict[str, str] = {
    OPEN: "Open voor inschrijving",
    NOT_STARTED: "Contract nog niet begonnen",
    RUNNING: "Lopend contract",
    NO_END: "Begonnen, einde niet genoemd",
    ENDED: "Afgelopen",
}


@dataclass(frozen=True)
class TenderStatus:
    """Where a tender stands on *reference*, with the dates the verdict rests on."""

    state: str  # a key of LABELS
    reference: dt.date
    start: dt.date
    end: dt.date | None
    bid_deadline: dt.date | None

    @property
    def label(self) -> str:
        return LABELS[self.state]


def tender_status(tender: Tender, reference: dt.date) -> TenderStatus:
    """The status of *tender* on *reference* (see the module docstring)."""
    start, end, deadline = tender.period.start, tender.period.end, tender.bid_deadline
    if deadline is not None and reference <= deadline:
        state = OPEN
    elif reference < start:
        state = NOT_STARTED
    elif end is None:
        state = NO_END
    elif reference <= end:
        state = RUNNING
    else:
        state = ENDED
    return TenderStatus(state, reference, start, end, deadline)
