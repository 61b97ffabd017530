"""Read the KPI reports a contract dossier is made of (``opvang kpi --format json``, format 2).

Every file is read as JSON (:mod:`generator.jsonsource`) and validated against the shipped JSON
Schema ``kpi-report`` first; a file that does not match is refused with every error located as
``BESTAND:REGEL:KOLOM`` (the positions come from reading the same text as YAML, of which JSON is a
part). Then the reports must belong together: one tender, and no provider with two reports over the
same period. Both are usage errors (exit 2) with a Dutch message that names the files.

Only what the dossier needs is kept, as immutable objects: per report the tender, provider, period,
reference date and per KPI the norm and the overall cell (value, counts, pending cases, the bounds
of a provisional value, verdict, suppressed). Cells that were suppressed carry no numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.catalog import schema as catalog_schema
from generator.catalog.load import display_path
from generator.catalog.yamlsource import Located, parse_yaml
from generator.diagnostics import InputError, Problem, ValidationFailed
from generator.inputs import MB, read_input
from generator.jsonsource import parse_json

SCHEMA = "kpi-report"
MAX_BYTES = 50 * MB
NO_PROVIDER = "(aanbieder niet genoemd)"


@dataclass(frozen=True)
class Cell:
    """The overall result of one KPI norm in one report."""

    value: float | None
    numerator: float | None
    denominator: int | None
    pending: int | None
    lower: float | None
    upper: float | None
    verdict: str | None  # voldoet, voldoet_niet, voorlopig, onvoldoende_data; None when suppressed
    suppressed: bool

    @property
    def provisional(self) -> bool:
        """Whether the value can still change (cases still in their follow-up period)."""
        return not self.suppressed and (self.verdict == "voorlopig" or bool(self.pending))


@dataclass(frozen=True)
class Kpi:
    """One KPI norm of one report."""

    requirement: str
    metric: str
    label: str
    title: str
    norm: dict
    norm_text: str
    source: str
    note: str | None
    overall: Cell

    @property
    def key(self) -> str:
        """Identifies the same norm across reports: requirement, metric and the norm itself."""
        return f"{self.requirement}|{json.dumps(self.norm, sort_keys=True, ensure_ascii=False)}"


@dataclass(frozen=True)
class Report:
    """One KPI report: one provider, one period."""

    file: str
    tender: str
    provider: str
    period: str  # '2027-Q1', '2027', or 't/m 31-03-2027' for a report without --period
    start: dt.date | None
    end: dt.date
    peildatum: dt.date
    min_cel: int
    kpis: tuple[Kpi, ...]
    not_computed: tuple[tuple[str, str, str], ...] = ()  # (requirement, metric, reason)
    tender_title: str = ""  # the tender's title for people; empty in reports made before it was written


def read_reports(paths: list[Path]) -> list[Report]:
    """Every report in *paths*, validated and checked to belong together (see the module docstring)."""
    reports = []
    problems: list[Problem] = []
    for path in paths:
        try:
            reports.append(read_report(path))
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    check_together(reports)
    return reports


def read_report(path: Path) -> Report:
    """One KPI report; :class:`ValidationFailed` (exit 1) when it does not match the schema."""
    name = display_path(Path(path))
    raw = read_input(path, name, limit=MAX_BYTES, what="KPI-rapport", expected="een KPI-rapport (JSON)")
    data = parse_json(raw, name)
    try:
        doc = parse_yaml(raw.decode("utf-8-sig"), name)  # JSON is YAML: the same data, with positions
    except InputError:  # JSON that YAML does not take (a tab as indentation): without positions
        doc = Located(data, name, yaml.compose("null"))
    problems = catalog_schema.validate(doc, SCHEMA)
    if problems:
        hint = "; maak het opnieuw met opvang kpi --format json" if not isinstance(data, dict) else ""
        raise ValidationFailed([Problem(p.file, p.line, p.column, p.message + hint, p.path) for p in problems])
    return _report(name, data)


def _report(name: str, data: dict) -> Report:
    peildatum = dt.date.fromisoformat(data["peildatum"])
    period = data.get("period")
    start, end = period_bounds(period) if period else (None, peildatum)
    kpis = tuple(
        Kpi(
            k["requirement"],
            k["metric"],
            k["label"],
            k.get("title") or k["label"],
            k["norm"],
            k["norm_text"],
            k.get("source") or "clients",
            k.get("note"),
            _cell(k["overall"]),
        )
        for k in data["kpis"]
    )
    not_computed = tuple(
        (item["requirement"], item["metric"], item["reden"]) for item in data.get("niet_berekend") or []
    )
    provider = (data.get("provider") or "").strip() or NO_PROVIDER
    label = period or f"t/m {peildatum:%d-%m-%Y}"
    title = data.get("tender_title") if isinstance(data.get("tender_title"), str) else ""
    return Report(
        name, data["tender"], provider, label, start, end, peildatum, data["min_cel"], kpis, not_computed, title.strip()
    )


def _cell(cell: dict) -> Cell:
    return Cell(
        cell.get("value"),
        cell.get("numerator"),
        cell.get("denominator"),
        cell.get("pending"),
        cell.get("lower"),
        cell.get("upper"),
        cell.get("verdict"),
        bool(cell.get("suppressed")),
    )


def period_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a year ('2027') or quarter ('2027-Q1')."""
    match = re.fullmatch(r"(\d{4})(?:-Q([1-4]))?", label)
    if match is None:  # the schema allows nothing else
        raise ValueError(label)
    year = int(match.group(1))
    if match.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    quarter = int(match.group(2))
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def check_together(reports: list[Report]) -> None:
    """One tender, and per provider each period once; otherwise an :class:`InputError` (exit 2)."""
    tenders: dict[str, list[str]] = {}
    for report in reports:
        tenders.setdefault(report.tender, []).append(report.file)
    if len(tenders) > 1:
        listed = "; ".join(f"{tender}: {', '.join(files)}" for tender, files in tenders.items())
        raise InputError(
            Problem(
                "dossier",
                None,
                None,
                f"de KPI-rapporten horen bij verschillende aanbestedingen ({listed}); "
                "een dossier gaat over één aanbesteding: maak per aanbesteding een eigen dossier",
            )
        )
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for report in reports:
        key = (report.provider, report.period)
        if key in seen:
            problems.append(
                Problem(
                    report.file,
                    None,
                    None,
                    f"{report.provider} over {report.period} staat ook in {seen[key]}; geef elk kwartaal van een "
                    "aanbieder één keer op (het nieuwste rapport)",
                )
            )
        else:
            seen[key] = report.file
    if problems:
        raise InputError(problems)
