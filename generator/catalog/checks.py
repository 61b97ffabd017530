"""Semantic checks of the catalog that a JSON Schema cannot express.

Each check is a pure function over the loaded documents and the model and returns
:class:`~generator.diagnostics.Problem` objects: ids unique across all tenders, ids that match their
tender and category, references that resolve, norms whose metric and unit are known and whose numbers
the requirement's own text states, real and ordered dates, and no personal data in any text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from generator.catalog.model import CATEGORY_CODES, Location, Metric, Requirement, Tender
from generator.catalog.numbers import StatedNumbers
from generator.catalog.yamlsource import Located
from generator.diagnostics import Problem
from generator.privacy import find_personal_data

_TEXT_FIELDS = ("title", "text", "note", "measurement")
# A title is one line: it becomes a heading, a tab title, a calendar name and a spreadsheet cell.
_ONE_LINE = "een titel staat op één regel; haal de regelovergang weg (gebruik geen | of > en geen \\n)"
_DURATION_UNITS = ("hours", "days", "weeks", "months", "years")


@dataclass(frozen=True)
class LoadedRequirement:
    """A requirement with the document it came from and its index there, for locating problems."""

    requirement: Requirement
    doc: Located
    index: int

    def problem(self, sub: tuple, message: str, rule: str, prefer_key: bool = False) -> Problem:
        return self.doc.problem(("requirements", self.index, *sub), message, rule, prefer_key)


def check_tender(tender: Tender, doc: Located, folder_name: str) -> Iterator[Problem]:
    """A tender's own consistency: folder name, period order, personal data anywhere in tender.yaml."""
    if tender.id != folder_name:
        yield doc.problem(("id",), f"id '{tender.id}' wijkt af van de mapnaam '{folder_name}'; maak ze gelijk", "ID")
    if tender.period.end is not None and tender.period.end < tender.period.start:
        yield doc.problem(("period", "end"), "einddatum ligt vóór de begindatum", "DATE")
    if _has_line_break(tender.title):
        yield doc.problem(("title",), _ONE_LINE, "TEXT")
    known = {m.casefold() for m in tender.municipalities}
    seen: dict[str, str] = {}
    for index, subregion in enumerate(tender.subregions):
        for m_index, municipality in enumerate(subregion.municipalities):
            where = ("subregions", index, "municipalities", m_index)
            if municipality.casefold() not in known:
                yield doc.problem(
                    where,
                    f"gemeente '{municipality}' staat niet in municipalities van de aanbesteding; voeg haar toe of "
                    "corrigeer de spelling",
                    "GROUP",
                )
            if municipality.casefold() in seen:
                yield doc.problem(
                    where, f"gemeente '{municipality}' hoort al bij subregio '{seen[municipality.casefold()]}'", "GROUP"
                )
            seen.setdefault(municipality.casefold(), subregion.name)
    yield from check_personal_data(doc)


def check_personal_data(doc: Located) -> Iterator[Problem]:
    """Every text in a catalog document, at any depth (labels, notes, sections too), free of personal data."""
    strings: list[str] = []
    _strings(doc.data, strings)
    if not find_personal_data("\n".join(strings)):  # one scan for the usual clean document
        return
    for path, text in _texts(doc.data, ()):  # only now find out which field holds it
        yield from _personal_data(doc, path, text)


def _strings(value: object, out: list[str]) -> None:
    """Every text in *value*, in document order, appended to *out* (the fast path: no paths)."""
    kind = type(value)
    if kind is str:
        out.append(value)
    elif kind is dict:
        for item in value.values():
            _strings(item, out)
    elif kind is list:
        for item in value:
            _strings(item, out)


def _texts(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_requirements(
    tender: Tender, category: str, items: list[LoadedRequirement], metrics: dict[str, Metric]
) -> Iterator[Problem]:
    """The checks that need one requirement and its tender: ids, metrics, units, numbers, groups."""
    code = CATEGORY_CODES[category]
    for item in items:
        req = item.requirement
        prefix, category_code, _ = req.id.split("-")
        if prefix != tender.code:
            yield item.problem(("id",), f"id '{req.id}' begint niet met de tendercode '{tender.code}'", "ID")
        if category_code != code:
            yield item.problem(
                ("id",), f"id '{req.id}' hoort bij categorie {category} en moet '{tender.code}-{code}-..' heten", "ID"
            )
        if _has_line_break(req.title):
            yield item.problem(("title",), _ONE_LINE, "TEXT")
        for group_index, group in enumerate(req.target_groups):
            if tender.target_groups and group not in tender.target_groups:
                yield item.problem(
                    ("target_groups", group_index),
                    f"doelgroep '{group}' is geen doelgroep van {tender.id}; voeg hem toe aan tender.yaml of kies "
                    f"uit: {', '.join(tender.target_groups)}",
                    "GROUP",
                )
        yield from _check_norms(item, metrics)
        yield from _check_deadlines(item, tender)
        yield from _check_staff_rules(item)


def _check_norms(item: LoadedRequirement, metrics: dict[str, Metric]) -> Iterator[Problem]:
    req = item.requirement
    if not req.norms:
        return
    stated = StatedNumbers(" ".join(getattr(req, field) or "" for field in _TEXT_FIELDS))
    for index, norm in enumerate(req.norms):
        where = ("norms", index)
        metric = metrics.get(norm.metric)
        if metric is None:
            yield item.problem(
                (*where, "metric"),
                f"onbekende metric '{norm.metric}'; gebruik een metric uit de woordenlijst van normen van opvang, "
                "of voeg hem toe aan metrics.yaml in de map van de catalogus",
                "METRIC",
            )
        elif norm.unit not in metric.units:
            yield item.problem(
                (*where, "unit"),
                f"eenheid '{norm.unit}' past niet bij metric '{norm.metric}'; gebruik {', '.join(metric.units)}",
                "UNIT",
            )
        if norm.unit == "%" and not 0 <= norm.value <= 100:
            yield item.problem((*where, "value"), f"percentage {norm.value} ligt niet tussen 0 en 100", "RANGE")
        if norm.unit == "score" and not 0 <= norm.value <= 10:
            yield item.problem((*where, "value"), f"cijfer {norm.value} ligt niet tussen 0 en 10", "RANGE")
        outside = [group for group in norm.applies_to if req.target_groups and group not in req.target_groups]
        if outside:
            yield item.problem(
                (*where, "applies_to"),
                f"norm geldt voor {', '.join(repr(g) for g in outside)}, maar de eis noemt die doelgroep niet in "
                "target_groups; voeg hem daar toe of haal hem uit applies_to",
                "GROUP",
            )
        if norm.count_from is not None and norm.unit not in _DURATION_UNITS:
            yield item.problem(
                (*where, "from"),
                f"'from' zegt waarvandaan een termijn telt, maar deze norm is geen termijn ({norm.unit}); laat het weg",
                "ANCHOR",
            )
        own = StatedNumbers(f"{stated.text} {norm.label}") if norm.label else stated
        if not own.states(norm.value, norm.unit):
            yield item.problem(
                (*where, "value"),
                f"het getal {_number(norm.value)} staat niet in de tekst van de eis; neem de zin uit de bron op "
                "waarin het staat, of verklaar de afleiding in 'label'",
                "NUMBER",
            )
        if norm.share is not None and not own.states(norm.share, "%"):
            yield item.problem(
                (*where, "share"), f"het aandeel {_number(norm.share)}% staat niet in de tekst van de eis", "NUMBER"
            )


def _check_deadlines(item: LoadedRequirement, tender: Tender) -> Iterator[Problem]:
    """A provider's deadline falls inside the contract period (a warning: the period may be extended).

    Deadlines of ``info`` requirements are context (a step of the municipality before the contract) and
    are not checked.
    """
    if item.requirement.obligation == "info":
        return
    start, end = tender.period.start, tender.period.end
    for index, deadline in enumerate(item.requirement.deadlines):
        day = deadline.resolve(start)
        if day < start or (end is not None and day > end):
            until = f" tot en met {end:%d-%m-%Y}" if end else ""
            problem = item.problem(
                ("deadlines", index),
                f"termijn '{deadline.label}' valt op {day:%d-%m-%Y}, buiten de contractperiode "
                f"(vanaf {start:%d-%m-%Y}{until}); controleer de datum",
                "DATE",
            )
            yield replace(problem, severity="warning")


def _check_staff_rules(item: LoadedRequirement) -> Iterator[Problem]:
    req = item.requirement
    experience = {n.value for n in req.norms if n.metric == "ervaring_jaren"}
    for index, rule in enumerate(req.staff_rules):
        selectors = [rule.who, rule.supervisor, rule.requires, *rule.any_of]
        for selector in selectors:
            while selector is not None:
                if selector.ervaring_jaren_min is not None and selector.ervaring_jaren_min not in experience:
                    yield item.problem(
                        ("staff_rules", index),
                        f"ervaring_jaren_min {_number(selector.ervaring_jaren_min)} heeft geen norm "
                        "'ervaring_jaren' met dezelfde waarde in deze eis",
                        "STAFF",
                    )
                selector = selector.supervisor
        if rule.kind == "vog" and rule.who.vog is False:
            yield item.problem(
                ("staff_rules", index, "who"), "een VOG-regel voor wie geen VOG heeft, toetst niets", "STAFF"
            )


def id_entries(items: Iterable[LoadedRequirement]) -> list[tuple[str, Location]]:
    """Each requirement id with the position of its ``id`` value, for :func:`check_unique_ids`."""
    return [(item.requirement.id, _at(item, ("id",))) for item in items]


def reference_entries(items: Iterable[LoadedRequirement]) -> list[tuple[str, str, Location]]:
    """Each ``related`` reference as (requirement id, referenced id, position), for :func:`check_references`."""
    return [
        (item.requirement.id, ref, _at(item, ("related", index)))
        for item in items
        for index, ref in enumerate(item.requirement.related)
    ]


def check_unique_ids(entries: Iterable[tuple[str, Location]]) -> Iterator[Problem]:
    """Requirement ids are unique across the whole catalog."""
    first: dict[str, Location] = {}
    for req_id, location in entries:
        if req_id in first:
            yield Problem(
                location.file,
                location.line,
                location.column,
                f"id '{req_id}' bestaat al ({first[req_id]}); kies een nieuw nummer",
                "$.requirements[].id",
                "DUPLICATE",
            )
        else:
            first[req_id] = location


def check_references(known: set[str], references: Iterable[tuple[str, str, Location]]) -> Iterator[Problem]:
    """Every id in ``related`` names an existing other requirement."""
    for req_id, ref, location in references:
        if ref == req_id:
            message = "een eis verwijst naar zichzelf"
        elif ref not in known:
            message = f"verwijzing naar onbekende eis '{ref}'"
        else:
            continue
        yield Problem(location.file, location.line, location.column, message, location.path, "REF")


def _at(item: LoadedRequirement, sub: tuple) -> Location:
    """Where *sub* of the requirement stands (looked up only when a duplicate or a bad reference is reported)."""
    return item.doc.location(("requirements", item.index, *sub))


def _personal_data(doc: Located, path: tuple, text: str) -> Iterator[Problem]:
    for finding in find_personal_data(text):
        yield doc.problem(
            path,
            f"tekst bevat {finding.label} ('{finding.text}'); persoonsgegevens horen niet in de "
            "catalogus: verwijder het",
            "PRIVACY",
        )


def _has_line_break(text: str) -> bool:
    return any(mark in text for mark in "\n\r\u2028\u2029\x85\x0b\x0c")


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
