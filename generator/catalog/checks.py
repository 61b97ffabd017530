"""Semantic checks of the catalog that a JSON Schema cannot express.

Each check is a pure function over the loaded documents and the model and returns
:class:`~generator.diagnostics.Problem` objects: ids unique across all tenders, ids that match their
tender and category, references that resolve, norms whose metric and unit are known and whose numbers
the requirement's own text states, real and ordered dates, and no personal data in any text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.catalog.model import CATEGORY_CODES, Metric, Requirement, Tender
from generator.catalog.numbers import states
from generator.catalog.yamlsource import Located
from generator.diagnostics import Problem
from generator.privacy import find_personal_data

_PERSONAL_KINDS = {
    "telefoonnummer": "een telefoonnummer",
    "e-mailadres": "een e-mailadres van een persoon",
    "bsn": "een BSN-achtig nummer (slaagt voor de elfproef)",
}
_TEXT_FIELDS = ("title", "text", "note", "measurement")


@dataclass(frozen=True)
class LoadedRequirement:
    """A requirement with the document it came from and its index there, for locating problems."""

    requirement: Requirement
    doc: Located
    index: int

    def problem(self, sub: tuple, message: str, rule: str, prefer_key: bool = False) -> Problem:
        return self.doc.problem(("requirements", self.index, *sub), message, rule, prefer_key)


def check_tender(tender: Tender, doc: Located, folder_name: str) -> Iterator[Problem]:
    """A tender's own consistency: folder name, period order, personal data."""
    if tender.id != folder_name:
        yield doc.problem(("id",), f"id '{tender.id}' wijkt af van de mapnaam '{folder_name}'; maak ze gelijk", "ID")
    if tender.period.end is not None and tender.period.end < tender.period.start:
        yield doc.problem(("period", "end"), "einddatum ligt vóór de begindatum", "DATE")
    texts = {
        ("title",): tender.title,
        ("region",): tender.region,
        ("authority",): tender.authority,
        ("summary",): tender.summary or "",
        ("version",): tender.version or "",
    }
    for index, municipality in enumerate(tender.municipalities):
        texts[("municipalities", index)] = municipality
    for path, text in texts.items():
        yield from _personal_data(doc, path, text)


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
        for group_index, group in enumerate(req.target_groups):
            if tender.target_groups and group not in tender.target_groups:
                yield item.problem(
                    ("target_groups", group_index),
                    f"doelgroep '{group}' is geen doelgroep van {tender.id}; voeg hem toe aan tender.yaml of kies "
                    f"uit: {', '.join(tender.target_groups)}",
                    "GROUP",
                )
        yield from _check_norms(item, metrics)
        yield from _check_staff_rules(item)
        for field in _TEXT_FIELDS:
            yield from _personal_data(item.doc, ("requirements", item.index, field), getattr(req, field) or "")


def _check_norms(item: LoadedRequirement, metrics: dict[str, Metric]) -> Iterator[Problem]:
    req = item.requirement
    stated = " ".join(getattr(req, field) or "" for field in _TEXT_FIELDS)
    for index, norm in enumerate(req.norms):
        where = ("norms", index)
        metric = metrics.get(norm.metric)
        if metric is None:
            yield item.problem(
                (*where, "metric"),
                f"onbekende metric '{norm.metric}'; gebruik een metric uit requirements/metrics.yaml of voeg hem "
                "daar toe",
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
        if norm.applies_to and req.target_groups and norm.applies_to not in req.target_groups:
            yield item.problem(
                (*where, "applies_to"),
                f"norm geldt voor '{norm.applies_to}', maar de eis noemt die doelgroep niet in target_groups",
                "GROUP",
            )
        own_text = f"{stated} {norm.label or ''}"
        if not states(own_text, norm.value, norm.unit):
            yield item.problem(
                (*where, "value"),
                f"het getal {_number(norm.value)} staat niet in de tekst van de eis; neem de zin uit de bron op "
                "waarin het staat, of verklaar de afleiding in 'label'",
                "NUMBER",
            )
        if norm.share is not None and not states(own_text, norm.share, "%"):
            yield item.problem(
                (*where, "share"), f"het aandeel {_number(norm.share)}% staat niet in de tekst van de eis", "NUMBER"
            )


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


def check_unique_ids(items: Iterable[LoadedRequirement]) -> Iterator[Problem]:
    """Requirement ids are unique across the whole catalog."""
    first: dict[str, LoadedRequirement] = {}
    for item in items:
        req_id = item.requirement.id
        if req_id in first:
            other = first[req_id]
            line, column = other.doc.where(("requirements", other.index, "id"))
            yield item.problem(
                ("id",),
                f"id '{req_id}' bestaat al ({other.doc.file}:{line}:{column}); kies een nieuw nummer",
                "DUPLICATE",
            )
        else:
            first[req_id] = item


def check_references(items: list[LoadedRequirement]) -> Iterator[Problem]:
    """Every id in ``related`` names an existing other requirement."""
    known = {item.requirement.id for item in items}
    for item in items:
        for index, ref in enumerate(item.requirement.related):
            if ref == item.requirement.id:
                yield item.problem(("related", index), "een eis verwijst naar zichzelf", "REF")
            elif ref not in known:
                yield item.problem(("related", index), f"verwijzing naar onbekende eis '{ref}'", "REF")


def _personal_data(doc: Located, path: tuple, text: str) -> Iterator[Problem]:
    for finding in find_personal_data(text):
        yield doc.problem(
            path,
            f"tekst bevat {_PERSONAL_KINDS[finding.kind]} ('{finding.text}'); persoonsgegevens horen niet in de "
            "catalogus: verwijder het",
            "PRIVACY",
        )


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
