"""The catalog as typed, immutable objects: tenders, requirements, norms and staff rules.

Loaders build these from validated YAML; everything downstream (checks, assessment, KPI engine,
renderers) reads only these objects. Each object remembers where it was defined, so that later
stages can still point a person at the right line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

CATEGORIES: tuple[str, ...] = (
    "access",
    "service",
    "quality",
    "staffing",
    "vog",
    "kpi",
    "timing",
    "reporting",
    "finance",
    "accommodation",
    "cooperation",
    "safety",
    "governance",
    "development",
)
CATEGORY_CODES: dict[str, str] = {
    "access": "ACC",
    "service": "SRV",
    "quality": "QUA",
    "staffing": "STA",
    "vog": "VOG",
    "kpi": "KPI",
    "timing": "TIM",
    "reporting": "REP",
    "finance": "FIN",
    "accommodation": "ACM",
    "cooperation": "COO",
    "safety": "SAF",
    "governance": "GOV",
    "development": "DEV",
}
CATEGORY_LABELS: dict[str, str] = {
    "access": "Toegang",
    "service": "Dienstverlening",
    "quality": "Kwaliteit",
    "staffing": "Personeel en deskundigheid",
    "vog": "VOG en screening",
    "kpi": "Prestatie-indicatoren (KPI's)",
    "timing": "Termijnen en doorlooptijden",
    "reporting": "Rapportage en verantwoording",
    "finance": "Financiën",
    "accommodation": "Huisvesting en locatie",
    "cooperation": "Samenwerking",
    "safety": "Veiligheid",
    "governance": "Bestuur, wetgeving en integriteit",
    "development": "Ontwikkeling en innovatie",
}
OBLIGATIONS: tuple[str, ...] = ("eis", "wens", "info")
OBLIGATION_LABELS: dict[str, str] = {"eis": "Eis", "wens": "Wens", "info": "Informatie"}
TARGET_GROUPS: tuple[str, ...] = (
    "acuut",
    "huiselijk-geweld",
    "complex",
    "jongeren",
    "gezin",
    "housing-first",
    "overig",
)
TARGET_GROUP_LABELS: dict[str, str] = {
    "acuut": "Acute dakloosheid",
    "huiselijk-geweld": "Huiselijk geweld",
    "complex": "Complexe problematiek",
    "jongeren": "Jongeren (18-27)",
    "gezin": "Gezinnen",
    "housing-first": "Housing First",
    "overig": "Overig",
}
OPERATORS: tuple[str, ...] = (">=", "<=", "==", ">", "<")
UNITS: tuple[str, ...] = (
    "%",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "score",
    "count",
    "persons",
    "meters",
    "EUR",
    "EUR/year",
    "hours/week",
    "times/year",
)
UNIT_LABELS: dict[str, str] = {
    "%": "%",
    "hours": "uur",
    "days": "dagen",
    "weeks": "weken",
    "months": "maanden",
    "years": "jaar",
    "score": "cijfer",
    "count": "aantal",
    "persons": "personen",
    "meters": "meter",
    "EUR": "euro",
    "EUR/year": "euro per jaar",
    "hours/week": "uur per week",
    "times/year": "keer per jaar",
}
OPERATOR_LABELS: dict[str, str] = {
    ">=": "minimaal",
    "<=": "maximaal",
    "==": "gelijk aan",
    ">": "meer dan",
    "<": "minder dan",
}
LEVELS: tuple[str, ...] = ("geen", "mbo-1", "mbo-2", "mbo-3", "mbo-4", "hbo", "wo")


@dataclass(frozen=True)
class Location:
    """Where a value was defined: file and 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1
    path: str = field(default="", compare=False)  # JSON path inside the file, for messages

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Metric:
    """An entry of the metric vocabulary (``requirements/metrics.yaml``)."""

    name: str
    label: str
    description: str
    units: tuple[str, ...]
    computed_by: str  # kpi | survey | roster | none


@dataclass(frozen=True)
class Norm:
    """A checkable number: ``metric operator value unit`` (optionally in ``share`` % of cases)."""

    metric: str
    operator: str
    value: float | int
    unit: str
    share: float | int | None = None
    applies_to: str | None = None
    label: str | None = None
    location: Location | None = field(default=None, compare=False)

    def as_dict(self) -> dict:
        out: dict = {"metric": self.metric, "operator": self.operator, "value": self.value, "unit": self.unit}
        if self.share is not None:
            out["share"] = self.share
        if self.applies_to is not None:
            out["applies_to"] = self.applies_to
        if self.label is not None:
            out["label"] = self.label
        return out

    def holds(self, observed: float) -> bool:
        """Whether *observed* satisfies ``observed operator value``."""
        return compare(observed, self.operator, self.value)


def compare(left: float, operator: str, right: float) -> bool:
    """Evaluate ``left operator right`` for one of :data:`OPERATORS`."""
    if operator == ">=":
        return left >= right
    if operator == "<=":
        return left <= right
    if operator == "==":
        return left == right
    if operator == ">":
        return left > right
    if operator == "<":
        return left < right
    raise ValueError(f"unknown operator {operator!r}")


@dataclass(frozen=True)
class Selector:
    """Which staff members a staff rule is about (values of the roster, contract §2)."""

    soort: tuple[str, ...] = ()
    functie: tuple[str, ...] = ()
    niveau: tuple[str, ...] = ()
    niveau_min: str | None = None
    vog: bool | None = None
    skj: bool | None = None
    ervaring_jaren_min: float | None = None
    supervisor: Selector | None = None


@dataclass(frozen=True)
class StaffRule:
    """A structural staffing rule of a requirement, checked per roster row by ``opvang assess``."""

    kind: str  # vog | supervision | team_lead | qualification | registration
    who: Selector
    supervisor: Selector | None = None
    any_of: tuple[Selector, ...] = ()
    requires: Selector | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Source:
    document: str
    section: str
    page: int | None = None


@dataclass(frozen=True)
class LintAcceptance:
    rule: str
    reason: str


@dataclass(frozen=True)
class Requirement:
    """One requirement of one tender."""

    id: str
    tender: str
    category: str
    obligation: str
    title: str
    text: str
    source: Source
    target_groups: tuple[str, ...] = ()
    norms: tuple[Norm, ...] = ()
    staff_rules: tuple[StaffRule, ...] = ()
    related: tuple[str, ...] = ()
    note: str | None = None
    measurement: str | None = None
    lint_accept: tuple[LintAcceptance, ...] = ()
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Amount:
    """A budget line or a volume of a tender."""

    label: str
    value: float | int
    unit: str
    section: str
    year: int | None = None
    applies_to: str | None = None


@dataclass(frozen=True)
class Tender:
    """One tender (one seed document) with its requirements in catalog order."""

    id: str
    code: str
    title: str
    region: str
    authority: str
    municipalities: tuple[str, ...]
    period: Period
    target_groups: tuple[str, ...]
    source_document: str
    source_title: str | None = None
    kind: str | None = None
    version: str | None = None
    summary: str | None = None
    budget: tuple[Amount, ...] = ()
    volumes: tuple[Amount, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Catalog:
    """All tenders, their requirements and the metric vocabulary."""

    tenders: tuple[Tender, ...]
    metrics: dict[str, Metric]
    root: str = "requirements"

    # The lookups below are indexed once per catalog (the catalog is immutable). A scan per call made
    # the site build quadratic: 43,000 look-ups of related requirements x 50,000 requirements.

    @cached_property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(req for tender in self.tenders for req in tender.requirements)

    @cached_property
    def _tender_index(self) -> dict[str, Tender]:
        index: dict[str, Tender] = {}
        for tender in self.tenders:
            index.setdefault(tender.id, tender)  # the first one wins, as in catalog order
        return index

    @cached_property
    def _requirement_index(self) -> dict[str, Requirement]:
        index: dict[str, Requirement] = {}
        for req in self.requirements:
            index.setdefault(req.id, req)
        return index

    def tender(self, tender_id: str) -> Tender:
        return self._tender_index[tender_id]

    def requirement(self, requirement_id: str) -> Requirement:
        return self._requirement_index[requirement_id]
