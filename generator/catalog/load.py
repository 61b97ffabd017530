"""Load the catalog folder into the model, collecting every problem on the way.

``check_catalog`` reads everything it can and returns the model together with all problems, for
``opvang validate``. ``load_catalog`` is what every other command uses: it returns the model or
raises :class:`~generator.diagnostics.ValidationFailed` with the problems.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from generator import resources
from generator.catalog import checks, schema
from generator.catalog.model import (
    CATEGORIES,
    Amount,
    Background,
    Catalog,
    Deadline,
    LintAcceptance,
    Location,
    Metric,
    Norm,
    Period,
    Requirement,
    Selector,
    Source,
    StaffRule,
    Subregion,
    Tender,
)
from generator.catalog.yamlsource import Located, read_yaml
from generator.diagnostics import InputError, Problem, ValidationFailed

METRICS_FILE = "metrics.yaml"  # a catalog's own additions to the metric vocabulary, in its root folder
SOURCES_FOLDER = "bronnen"
_NOT_TENDERS = frozenset({"schema", SOURCES_FOLDER})
PARALLEL_FROM = 40  # tender folders; below this, starting worker processes costs more than it saves
TENDER_FILE = "tender.yaml"


def display_path(path: Path) -> str:
    """*path* relative to the working directory when it lies below it, for short messages."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def load_catalog(path: Path | str, title: str | None = None) -> Catalog:
    """The catalog at *path* (the catalog root or one tender folder); raises on any problem."""
    catalog, problems = check_catalog(Path(path), title)
    errors = [p for p in problems if p.severity == "error"]
    if errors or catalog is None:
        raise ValidationFailed(errors or [Problem(display_path(Path(path)), None, None, "catalogus is leeg")])
    return catalog


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading.

    Loading allocates millions of small, long-lived objects (YAML nodes, dicts) and no cycles; the
    collector would traverse all of them again and again (measured: 13.5 s instead of 3.3 s of CPU for
    50,000 requirements).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_catalog(path: Path, title: str | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Read and check everything under *path*; return the model (None if unusable) and all problems."""
    with _gc_paused():
        return _check_catalog(Path(path), title)


def _check_catalog(path: Path, title: str | None) -> tuple[Catalog | None, list[Problem]]:
    if not path.exists():
        raise InputError(Problem(display_path(path), None, None, "map of bestand niet gevonden; controleer het pad"))
    if path.is_file():
        path = path.parent
    if (path / TENDER_FILE).is_file():
        root, folders = path.parent, [path]
    else:
        root = path
        folders = sorted(
            p for p in path.iterdir() if p.is_dir() and p.name not in _NOT_TENDERS and not p.name.startswith(".")
        )
    problems: list[Problem] = []
    metrics = _load_metrics(root, problems)
    results: list[_TenderResult] = []
    tender_folders = []
    for folder in folders:
        if (folder / TENDER_FILE).is_file():
            tender_folders.append(folder)
        elif any(folder.glob("*.yaml")):
            problems.append(
                Problem(display_path(folder), None, None, "map met eisen maar zonder tender.yaml; voeg die toe")
            )
    if len(tender_folders) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        workers = min(os.cpu_count() or 1, 8)
        schema.prepare("tender", "requirements")  # compiled once here; forked workers inherit them
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            chunk = max(1, len(tender_folders) // (workers * 4))
            results = list(pool.map(_load_tender, tender_folders, [metrics] * len(tender_folders), chunksize=chunk))
    else:
        results = [_load_tender(folder, metrics) for folder in tender_folders]
    tenders = [r.tender for r in results if r.tender is not None]
    for result in results:
        problems.extend(result.problems)
    problems.extend(checks.check_unique_ids(entry for r in results for entry in r.ids))
    known = {entry[0] for r in results for entry in r.ids}
    problems.extend(checks.check_references(known, (entry for r in results for entry in r.references)))
    codes: dict[str, str] = {}
    for tender in tenders:
        if tender.code in codes:
            problems.append(
                Problem(
                    tender.location.file,
                    tender.location.line,
                    1,
                    f"tendercode '{tender.code}' wordt al gebruikt door {codes[tender.code]}",
                    "ID",
                )
            )
        codes.setdefault(tender.code, tender.id)
    if not tenders and not problems:
        problems.append(
            Problem(display_path(path), None, None, "geen aanbestedingen gevonden (mappen met tender.yaml)")
        )
    problems.extend(_missing_sources(root, tenders))
    ordered = tuple(sorted(tenders, key=lambda t: t.id))
    catalog = Catalog(ordered, metrics, display_path(root), root.resolve(), title) if tenders else None
    return catalog, sorted(set(problems), key=_problem_order)


def _missing_sources(root: Path, tenders: list[Tender]) -> list[Problem]:
    """A warning per tender whose source document is not in the catalog's bronnen/ folder."""
    problems = []
    for tender in tenders:
        if not (root / SOURCES_FOLDER / tender.source_document).is_file():
            problem = Problem(
                tender.location.file if tender.location else display_path(root),
                tender.location.line if tender.location else None,
                None,
                f"brondocument '{tender.source_document}' staat niet in {SOURCES_FOLDER}/; zet de tekst daar, "
                "zodat elke eis naar zijn bron kan verwijzen",
                "SOURCE",
            )
            problems.append(replace(problem, severity="warning"))
    return problems


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


def _read(path: Path, problems: list[Problem]) -> Located | None:
    try:
        return read_yaml(path, display_path(path))
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _load_metrics(root: Path, problems: list[Problem]) -> dict[str, Metric]:
    """The shipped metric vocabulary, extended (and per name replaced) by the catalog's own metrics.yaml."""
    metrics = dict(_base_metrics())
    own = root / METRICS_FILE
    if own.is_file():
        metrics.update(_read_metrics(own, problems))
    return metrics


@functools.cache
def _base_metrics() -> dict[str, Metric]:
    problems: list[Problem] = []
    metrics = _read_metrics(Path(str(resources.schema_file(METRICS_FILE))), problems)
    if problems:  # pragma: no cover - the shipped vocabulary is tested
        raise InputError(problems)
    return metrics


def _read_metrics(path: Path, problems: list[Problem]) -> dict[str, Metric]:
    doc = _read(path, problems)
    if doc is None:
        return {}
    found = schema.validate(doc, "metrics")
    problems.extend(found)
    if found:
        return {}
    return {
        name: Metric(
            name,
            entry["label"],
            entry["description"],
            tuple(entry["units"]),
            entry["computed_by"],
            entry.get("approximation"),
        )
        for name, entry in doc.data["metrics"].items()
    }


@dataclass(frozen=True)
class _TenderResult:
    """What loading one tender folder gives: the model and what the cross-tender checks need."""

    tender: Tender | None
    problems: list[Problem]
    ids: list[tuple[str, Location]]
    references: list[tuple[str, str, Location]]


def _load_tender(folder: Path, metrics: dict[str, Metric]) -> _TenderResult:
    """Load and check one tender folder (in a worker process for large catalogs)."""
    problems: list[Problem] = []
    doc = _read(folder / TENDER_FILE, problems)
    if doc is None:
        return _TenderResult(None, problems, [], [])
    found = schema.validate(doc, "tender")
    problems.extend(found)
    if found:
        return _TenderResult(None, problems, [], [])
    tender = _tender(doc)
    problems.extend(checks.check_tender(tender, doc, folder.name))
    by_category: dict[str, list[checks.LoadedRequirement]] = {}
    for path in sorted(folder.iterdir()):
        if path.name == TENDER_FILE or path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        req_doc = _read(path, problems)
        if req_doc is None:
            continue
        found = schema.validate(req_doc, "requirements")
        problems.extend(found)
        if found:
            continue
        category = req_doc.data["category"]
        if path.stem != category:
            problems.append(
                req_doc.problem(
                    ("category",),
                    f"bestand {path.name} bevat categorie '{category}'; noem het bestand {category}.yaml",
                    "FILE",
                )
            )
        items = [
            checks.LoadedRequirement(_requirement(req_doc, index, tender, category), req_doc, index)
            for index in range(len(req_doc.data["requirements"]))
        ]
        problems.extend(checks.check_requirements(tender, category, items, metrics))
        problems.extend(checks.check_personal_data(req_doc))
        by_category.setdefault(category, []).extend(items)
    items = [item for category in CATEGORIES for item in by_category.get(category, [])]
    tender = replace(tender, requirements=tuple(item.requirement for item in items))
    return _TenderResult(tender, problems, checks.id_entries(items), checks.reference_entries(items))


def _location(doc: Located, path: tuple) -> Location:
    """Where *path* stands in *doc*: looked up only if a message or report reads its line or column."""
    return doc.location(path)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _groups(value: str | list[str] | None) -> tuple[str, ...]:
    """``applies_to`` as a tuple: a list (format 2) or one group on its own (format 1)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _amounts(entries: list[dict]) -> tuple[Amount, ...]:
    return tuple(
        Amount(e["label"], e["value"], e["unit"], e["section"], e.get("year"), _groups(e.get("applies_to")))
        for e in entries
    )


def _tender(doc: Located) -> Tender:
    data = doc.data
    period = data["period"]
    return Tender(
        id=data["id"],
        code=data["code"],
        title=data["title"],
        region=data["region"],
        authority=data["authority"],
        municipalities=tuple(data["municipalities"]),
        period=Period(_date(period["start"]), _date(period.get("end")), period.get("note")),
        target_groups=tuple(data["target_groups"]),
        source_document=data["source"]["document"],
        source_title=data["source"].get("title"),
        kind=data.get("kind"),
        version=data.get("version"),
        summary=data.get("summary"),
        budget=_amounts(data.get("budget", [])),
        volumes=_amounts(data.get("volumes", [])),
        subregions=tuple(Subregion(s["name"], tuple(s["municipalities"])) for s in data.get("subregions", [])),
        background=tuple(Background(b["reason"], b.get("section"), b.get("quote")) for b in data.get("background", [])),
        bid_deadline=_date(data.get("bid_deadline")),
        location=_location(doc, ()),
    )


def _selector(data: dict | None) -> Selector | None:
    if data is None:
        return None
    return Selector(
        soort=tuple(data.get("soort", ())),
        functie=tuple(data.get("functie", ())),
        niveau=tuple(data.get("niveau", ())),
        niveau_min=data.get("niveau_min"),
        vog=data.get("vog"),
        skj=data.get("skj"),
        ervaring_jaren_min=data.get("ervaring_jaren_min"),
        supervisor=_selector(data.get("supervisor")),
    )


def _requirement(doc: Located, index: int, tender: Tender, category: str) -> Requirement:
    data = doc.data["requirements"][index]
    base = ("requirements", index)
    norms = tuple(
        Norm(
            metric=n["metric"],
            operator=n["operator"],
            value=n["value"],
            unit=n["unit"],
            share=n.get("share"),
            applies_to=_groups(n.get("applies_to")),
            label=n.get("label"),
            kind=n.get("kind", "norm"),
            count_from=n.get("from"),
            location=_location(doc, (*base, "norms", i)),
        )
        for i, n in enumerate(data.get("norms", []))
    )
    rules = tuple(
        StaffRule(
            kind=r["kind"],
            who=_selector(r["who"]),
            supervisor=_selector(r.get("supervisor")),
            any_of=tuple(_selector(s) for s in r.get("any_of", [])),
            requires=_selector(r.get("requires")),
            location=_location(doc, (*base, "staff_rules", i)),
        )
        for i, r in enumerate(data.get("staff_rules", []))
    )
    return Requirement(
        id=data["id"],
        tender=tender.id,
        category=category,
        obligation=data["obligation"],
        title=data["title"].strip(),
        text=data["text"].strip(),
        source=Source(
            tender.source_document, data["source"]["section"], data["source"].get("page"), tender.source_title
        ),
        target_groups=tuple(data.get("target_groups", [])),
        norms=norms,
        staff_rules=rules,
        related=tuple(data.get("related", [])),
        note=(data.get("note") or "").strip() or None,
        measurement=(data.get("measurement") or "").strip() or None,
        lint_accept=tuple(LintAcceptance(a["rule"], a["reason"]) for a in data.get("lint_accept", [])),
        deadlines=tuple(_deadline(doc, (*base, "deadlines", i), d) for i, d in enumerate(data.get("deadlines", []))),
        submit_with_bid=bool(data.get("submit_with_bid", False)),
        bid_document=data.get("bid_document"),
        location=_location(doc, base),
    )


def _deadline(doc: Located, path: tuple, data: dict) -> Deadline:
    term = data.get("after_contract_start")
    return Deadline(
        label=data["label"].strip(),
        date=_date(data.get("date")),
        after_contract_start=(term["value"], term["unit"]) if term else None,
        location=_location(doc, path),
    )
