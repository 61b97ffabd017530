"""The catalog as typed, immutable objects: tenders, requirements, norms and staff rules.

Loaders build these from validated YAML; everything downstream (checks, assessment, KPI engine,
renderers) reads only these objects. Each object remembers where it was defined, so that later
stages can still point a person at the right line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

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


def groups_label(groups: str | tuple[str, ...] | list[str] | None, every: str = "") -> str:
    """Target groups for people: 'Acute dakloosheid en Gezinnen'; *every* when there are none."""
    if not groups:
        return every
    if isinstance(groups, str):
        groups = (groups,)
    labels = [TARGET_GROUP_LABELS.get(g, g) for g in groups]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]


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


def quantity_text(number: str, unit: str) -> str:
    """A formatted *number* with its *unit*, as a Dutch text says it: '80%', '48 uur', 'een 7,5' (a mark),
    '€ 1.000 per jaar', '12' (a count)."""
    if unit == "%":
        return f"{number}%"
    if unit == "score":
        return f"een {number}"
    if unit == "count":
        return number
    if unit == "EUR":
        return f"€ {number}"
    if unit == "EUR/year":
        return f"€ {number} per jaar"
    return f"{number} {UNIT_LABELS.get(unit, unit)}"


OPERATOR_LABELS: dict[str, str] = {
    ">=": "minimaal",
    "<=": "maximaal",
    "==": "gelijk aan",
    ">": "meer dan",
    "<": "minder dan",
}
LEVELS: tuple[str, ...] = ("geen", "mbo-1", "mbo-2", "mbo-3", "mbo-4", "hbo", "wo")
# What the number of a norm is (contract §1): only a binding norm is evaluated, counted as measurable
# and checked for conflicts; the others are shown in context.
NORM_KINDS: tuple[str, ...] = ("norm", "streefwaarde", "realisatie", "indicatief")
NORM_KIND_LABELS: dict[str, str] = {
    "norm": "norm",
    "streefwaarde": "streven",
    "realisatie": "huidige situatie",
    "indicatief": "indicatief",
}
# What a lead-time norm counts from: the report (default) or the start of shelter or trajectory.
ANCHORS: tuple[str, ...] = ("melding", "start")
ANCHOR_LABELS: dict[str, str] = {"melding": "na de melding", "start": "na de start"}
DEADLINE_UNITS: tuple[str, ...] = ("days", "weeks", "months", "years")


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
    approximation: str | None = None  # how the computation approximates the tender's wording, if it does


@dataclass(frozen=True)
class Norm:
    """A checkable number: ``metric operator value unit`` (optionally in ``share`` % of cases).

    ``applies_to`` lists the target groups the number is about (empty: every group); ``kind`` says
    whether it binds (``norm``) or is an aim, an observed figure or an indication; ``count_from`` is
    what a lead time counts from (``melding`` when not given).
    """

    metric: str
    operator: str
    value: float | int
    unit: str
    share: float | int | None = None
    applies_to: tuple[str, ...] = ()
    label: str | None = None
    kind: str = "norm"
    count_from: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def binding(self) -> bool:
        """Whether the number binds the provider: only these are evaluated and checked for conflicts."""
        return self.kind == "norm"

    @property
    def anchor(self) -> str:
        return self.count_from or "melding"

    def applies(self, group: str) -> bool:
        """Whether the norm is about trajectories of target group *group*."""
        return not self.applies_to or group in self.applies_to

    def as_dict(self) -> dict:
        out: dict = {
            "metric": self.metric,
            "operator": self.operator,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
        }
        if self.share is not None:
            out["share"] = self.share
        if self.applies_to:
            out["applies_to"] = list(self.applies_to)
        if self.label is not None:
            out["label"] = self.label
        if self.count_from is not None:
            out["from"] = self.count_from
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
    """Where a requirement stands: the source document (file name and title) and its section."""

    document: str
    section: str
    page: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Deadline:
    """A dated duty: an absolute date, or a term after the start of the contract.

    A term of *N* units after the contract start ends on the last day of those *N* units, the start
    day counted as the first: "eind van het tweede contractjaar" of a contract from 2022-01-01 is
    ``after_contract_start = (2, "years")``, which falls on 2023-12-31.
    """

    label: str
    date: dt.date | None = None
    after_contract_start: tuple[float | int, str] | None = None
    location: Location | None = field(default=None, compare=False)

    def resolve(self, contract_start: dt.date) -> dt.date:
        """The date of the deadline for a contract that starts on *contract_start*."""
        if self.date is not None:
            return self.date
        assert self.after_contract_start is not None
        value, unit = self.after_contract_start
        return add_term(contract_start, value, unit) - dt.timedelta(days=1)


def add_term(day: dt.date, value: float | int, unit: str) -> dt.date:
    """*day* plus *value* days, weeks, months or years (a month end stays in its month)."""
    if unit == "days":
        return day + dt.timedelta(days=value)
    if unit == "weeks":
        return day + dt.timedelta(weeks=value)
    months = round(value * (12 if unit == "years" else 1))
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no date for {day} + {value} {unit}")  # pragma: no cover - every month has 28 days


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
    deadlines: tuple[Deadline, ...] = ()
    submit_with_bid: bool = False
    bid_document: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def binding_norms(self) -> tuple[Norm, ...]:
        """The norms that bind (kind ``norm``): the ones evaluated against a provider's data."""
        return tuple(norm for norm in self.norms if norm.binding)


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
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subregion:
    """A part of the tender's region with its municipalities, as the tender names it."""

    name: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Background:
    """Source text that binds and asks nothing (context, history): a whole section or one passage."""

    reason: str
    section: str | None = None
    quote: str | None = None


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
    subregions: tuple[Subregion, ...] = ()
    background: tuple[Background, ...] = ()
    bid_deadline: dt.date | None = None  # the last day bids are accepted, if the tender says
    requirements: tuple[Requirement, ...] = ()
    location: Location | None = field(default=None, compare=False)

    def subregion_of(self, municipality: str) -> str | None:
        """The subregion that *municipality* belongs to (case-insensitive), or None."""
        key = municipality.strip().casefold()
        for subregion in self.subregions:
            if key in (m.casefold() for m in subregion.municipalities):
                return subregion.name
        return None


@dataclass(frozen=True)
class Catalog:
    """All tenders, their requirements and the metric vocabulary."""

    tenders: tuple[Tender, ...]
    metrics: dict[str, Metric]
    root: str = "requirements"  # the catalog folder as shown in messages
    folder: Path | None = field(default=None, compare=False)  # the catalog folder itself (bronnen/ is in it)
    title: str | None = None  # the catalog's name for people (opvang.yml), shown in every report

    @property
    def name(self) -> str:
        """The catalog's name for people: its title, or the name of its folder."""
        return self.title or (self.folder.name if self.folder is not None else self.root)

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
