"""How the catalog's keys are named for people in reports and workbooks: labels, sources, dates, periods.

A report shows a target group by its label ("Acute dakloosheid", never ``acuut``), a metric by its
label from the vocabulary ("Plan binnen termijn", never ``plan_binnen_termijn``), a source by the
document's title and section (never only its file name) and a date as ``31-12-2027``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from generator.catalog.model import (
    NORM_KIND_LABELS,
    OPERATOR_LABELS,
    TARGET_GROUP_LABELS,
    Metric,
    Norm,
    Requirement,
    Tender,
    groups_label,
    quantity_text,
)
from generator.kpi.suppression import OTHER

OTHER_PLACES = "Overige gemeenten (samengevoegd)"


def date(value: dt.date | None) -> str:
    """``31-12-2027``; empty for no date."""
    return value.strftime("%d-%m-%Y") if value else ""


def group(key: str) -> str:
    """A target group's label."""
    return TARGET_GROUP_LABELS.get(key, key)


def groups(keys: Iterable[str], every: str = "alle doelgroepen") -> str:
    """Target groups for people: 'Acute dakloosheid en Gezinnen'; *every* when there are none."""
    return groups_label(tuple(keys), every)


def place(key: str) -> str:
    """A municipality of origin; the merged small ones together as 'Overige gemeenten (samengevoegd)'."""
    return OTHER_PLACES if key == OTHER else key


def metric(metrics: Mapping[str, Metric], key: str) -> str:
    """A metric's label from the vocabulary (the key itself only for a metric the vocabulary lacks)."""
    found = metrics.get(key)
    return found.label if found is not None else key


def norm(value: Norm, metrics: Mapping[str, Metric]) -> str:
    """A norm for people: 'Opvangduur binnen norm maximaal 3 maanden in 80% van de gevallen, voor Acute dakloosheid'.

    A number that does not bind ends with what it is: '...; streven'.
    """
    number = f"{value.value:g}".replace(".", ",")
    text = f"{metric(metrics, value.metric)} {OPERATOR_LABELS[value.operator]} {quantity_text(number, value.unit)}"
    if value.share is not None:
        text += f" in {value.share:g}% van de gevallen".replace(".", ",")
    if value.applies_to:
        text += f", voor {groups(value.applies_to)}"
    return text if value.binding else f"{text}; {NORM_KIND_LABELS[value.kind]}"


def source(req: Requirement, tender: Tender | None = None) -> str:
    """Where *req* stands: 'title of the document, section' (the file name only when there is no title)."""
    title = req.source.title or (tender.source_title if tender is not None else None) or req.source.document
    return f"{title}, {req.source.section}" if req.source.section else title


def contract_period(tender: Tender) -> str:
    """'01-01-2022 t/m 31-12-2025', or 'vanaf 01-01-2022' when the end is not known."""
    start, end = tender.period.start, tender.period.end
    return f"{date(start)} t/m {date(end)}" if end else f"vanaf {date(start)}"


def outside_contract(tender: Tender, first: dt.date | None, last: dt.date) -> str | None:
    """A plain warning when the days *first* to *last* a report covers lie (partly) outside the contract."""
    start, end = tender.period.start, tender.period.end
    if end is not None and last > end:
        if first is not None and first > end:
            return (
                f"Let op: deze periode ligt na het einde van het contract ({date(end)}); de cijfers laten zien hoe "
                "de registratie ervoor staat, niet wat onder dit contract geleverd is."
            )
        return (
            f"Let op: de peildatum {date(last)} ligt na het einde van het contract ({date(end)}); wat na "
            f"{date(end)} gebeurde, valt buiten de contractperiode."
        )
    if first is not None and first < start:
        return f"Let op: de periode begint vóór de start van het contract ({date(start)})."
    return None
