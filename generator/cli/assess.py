"""Self-assessment commands: ``opvang checklist``, ``opvang assess`` and ``opvang gap``.

Everything is read and checked before anything is written, and files are written atomically: a bad
input gives located Dutch errors, exit code 2 and no (partial) output file.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.base import OpvangCommand, catalog_option, open_catalog, output_option
from generator.diagnostics import EXIT_INVALID, InputError, Problem, printable
from generator.output import emit

if TYPE_CHECKING:  # the command modules import only what --help needs; the work is imported when it runs
    from generator.assess.evaluate import Assessment
    from generator.assess.gap import GapReport
    from generator.catalog.model import Catalog

GAP_FORMATS = ("md", "html", "json", "xlsx")  # generator.render.gap_report.FORMATS

CATALOG_OPTION = catalog_option
CHECKLIST_SUFFIXES = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml", ".md": "md"}


def _warn(problems) -> None:
    """Located warnings on stderr (rows that were skipped)."""
    for problem in problems:
        click.echo(f"{problem.format()} (waarschuwing)", err=True)


def _peildatum(ctx, param, value: str | None) -> dt.date:
    from generator.tabular import CellError, parse_date

    if value is None:
        return dt.date.today()
    try:
        return parse_date(value.strip())
    except CellError as exc:
        raise click.BadParameter(str(exc)) from None


def _data_options(func):
    options = [
        click.option(
            "--roster",
            type=click.Path(path_type=Path),
            metavar="BESTAND",
            help="Personeelsbestand (personeel.csv, datacontract §2) voor de personeelsregels.",
        ),
        click.option(
            "--clients",
            type=click.Path(path_type=Path),
            metavar="BESTAND",
            help="Cliëntregistratie (clienten.csv, datacontract §3) voor de KPI-normen.",
        ),
        click.option(
            "--zrm",
            type=click.Path(path_type=Path),
            metavar="BESTAND",
            help="ZRM-metingen (zrm.csv), bij --clients.",
        ),
        click.option(
            "--enquete",
            "--survey",
            "survey",
            type=click.Path(path_type=Path),
            metavar="BESTAND",
            help="Enquêtecijfers van de aanbieder (scores.yaml), bij --clients.",
        ),
        click.option(
            "--peildatum",
            callback=_peildatum,
            metavar="DATUM",
            help="Peildatum (JJJJ-MM-DD of DD-MM-JJJJ); standaard vandaag.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["eis", "wens"]),
            default=None,
            help="Exitcode 1 als er nog gaps zijn van dit niveau (eis: knock-out, deels, onbewezen; wens: ook wensen).",
        ),
        CATALOG_OPTION,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command(cls=OpvangCommand)
@click.argument("tenders", nargs=-1, metavar="[AANBESTEDING]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "yaml", "md"]),
    default=None,
    help="Excel-werkboek, YAML of Markdown; standaard naar de extensie van -o, anders xlsx.",
)
@click.option(
    "--update",
    "update",
    type=click.Path(path_type=Path),
    metavar="INGEVULD",
    help="Neem de antwoorden over uit deze ingevulde checklist (XLSX, ODS of YAML) van een eerdere versie.",
)
@output_option()
@CATALOG_OPTION
def checklist(
    tenders: tuple[str, ...], fmt: str | None, update: Path | None, output: Path | None, catalog_path: Path | None
) -> None:
    """Maak de zelfevaluatie (checklist) voor een of meer aanbestedingen (id of code; standaard alle).

    Eén rij per eis: id, categorie, verplichting, titel, tekst, normen en de in te vullen kolommen
    status, toelichting, bewijs, bewijs geldig tot, eigenaar en streefdatum; de documenten die bij de
    inschrijving horen staan voorop. Lees de ingevulde checklist terug met opvang assess.

    Met --update INGEVULD neemt opvang de antwoorden uit een eerder ingevulde checklist over naar de
    huidige versie van de catalogus: antwoorden op ongewijzigde eisen blijven staan, antwoorden op
    gewijzigde eisen ook, maar gemarkeerd om te controleren (kolom 'Te controleren'); vervallen eisen
    worden genoemd en nieuwe eisen zijn leeg.
    """
    from generator.assess import checklist as checklist_mod
    from generator.render import checklist_xlsx

    if fmt is None:
        fmt = CHECKLIST_SUFFIXES.get(output.suffix.lower(), "xlsx") if output is not None else "xlsx"
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o checklist.xlsx")
    _, catalog = open_catalog(catalog_path)
    filled = None
    notes: tuple[str, ...] = ()
    migration = None
    if update is not None:
        from generator.assess.migrate import migrate

        old = checklist_mod.read_filled(update, catalog, allow_unknown=True)
        _warn(old.warnings)
        chosen = checklist_mod.select_tenders(catalog, tenders or old.tenders)
        migration = migrate(catalog, old, chosen)
        filled, notes = migration.filled, migration.notes()
    else:
        chosen = checklist_mod.select_tenders(catalog, tenders)
    if fmt == "xlsx":
        data = checklist_xlsx.render(chosen, filled, catalog.metrics, notes, catalog.name)
    elif fmt == "yaml":
        data = checklist_mod.render_yaml(chosen, filled, catalog.metrics, notes, catalog.name)
    else:
        data = checklist_mod.render_markdown(chosen, catalog.metrics, catalog.name)
    emit(data, output)
    for note in notes:
        click.echo(printable(note), err=True)
    if output is not None and str(output) != "-":
        rows = sum(len(t.requirements) for t in chosen)
        click.echo(printable(f"Checklist met {rows} eisen geschreven naar {output}."), err=True)


def _assess(
    catalog: Catalog,
    filled_path: Path,
    roster: Path | None,
    clients: Path | None,
    zrm: Path | None,
    survey: Path | None,
    peildatum: dt.date,
) -> Assessment:
    from generator.assess import checklist as checklist_mod
    from generator.assess.evaluate import evaluate
    from generator.assess.machine import client_findings, roster_findings
    from generator.catalog.load import display_path

    filled = checklist_mod.read_filled(filled_path, catalog)
    _warn(filled.warnings)
    findings = []
    checked = []
    if roster is not None:
        findings += roster_findings(catalog, filled.tenders, roster, peildatum)
        checked.append(f"personeelsbestand {display_path(roster)}")
    if clients is not None:
        findings += client_findings(catalog, filled.tenders, clients, zrm, survey, peildatum)
        checked.append(f"cliëntgegevens {display_path(clients)}")
    elif zrm is not None or survey is not None:
        raise click.UsageError("--zrm en --enquete horen bij --clients; geef ook --clients op")
    return evaluate(catalog, filled, findings, peildatum, tuple(checked))


def _exit_for(reports: list[GapReport], fail_on: str | None) -> None:
    if fail_on and any(report.failing(fail_on) for report in reports):
        sys.exit(EXIT_INVALID)


@click.command(cls=OpvangCommand)
@click.argument("filled", type=click.Path(path_type=Path), metavar="INGEVULD")
@_data_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Uitvoer voor mensen (text) of machines (json, zoals opvang gap --format json).",
)
@output_option()
def assess(
    filled: Path,
    roster: Path | None,
    clients: Path | None,
    zrm: Path | None,
    survey: Path | None,
    peildatum: dt.date,
    fail_on: str | None,
    catalog_path: Path | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Lees een ingevulde checklist (XLSX, ODS of YAML) terug en beoordeel elke eis.

    Combineert de eigen verklaring (status en bewijs) met controles op het personeelsbestand
    (--roster) en de cliëntgegevens (--clients). Een controle die 'voldoet niet' vindt, gaat voor de
    verklaring; een eis die 'voldoet' zonder bewijs is onbewezen; een antwoord op een eis die sindsdien
    is gewijzigd, is verouderd.
    """
    from generator.assess.gap import build_report
    from generator.render import gap_report

    _, catalog = open_catalog(catalog_path)
    assessment = _assess(catalog, filled, roster, clients, zrm, survey, peildatum)
    report = build_report(catalog, assessment)
    data = gap_report.render_json([report]) if fmt == "json" else _text(report, catalog.name).encode("utf-8")
    emit(data, output)
    _exit_for([report], fail_on)


def _text(report: GapReport, catalog: str) -> str:
    from generator.assess.evaluate import STATUS_LABELS
    from generator.assess.gap import GROUP_OVERDUE, OVERDUE_LABEL
    from generator.render.gap_report import CHECK_LABELS

    a = report.assessment
    lines = [f"Beoordeling {a.provider} (peildatum {a.peildatum:%d-%m-%Y})", f"Catalogus: {catalog}"]
    if a.checked:
        lines.append("Gecontroleerd met: " + ", ".join(a.checked))
    groups = {g.id: g.group for g in report.gaps}
    for summary in report.tenders:
        lines += ["", summary.title, summary.verdict]
        for evaluation in summary.evaluations:
            req = evaluation.requirement
            gap = groups.get(req.id)
            mark = "!" if gap else " "
            status = OVERDUE_LABEL if gap == GROUP_OVERDUE else STATUS_LABELS[evaluation.status]
            lines.append(f"{mark} {req.id:<12} {req.obligation:<5} {status:<13} {evaluation.reason}")
            if evaluation.change is not None and evaluation.change.text_diff:
                from generator.assess.stale import diff_text

                lines.append(f"      tekst: {diff_text(evaluation.change.text_diff)}")
            for finding in evaluation.findings:
                label = CHECK_LABELS.get(finding.verdict) or STATUS_LABELS.get(finding.verdict, finding.verdict)
                lines.append(f"      [{label}] {finding.message}")
    return "\n".join(lines) + "\n"


@click.command(cls=OpvangCommand)
@click.argument("filled", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="INGEVULD...")
@_data_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GAP_FORMATS),
    default="md",
    show_default=True,
    help="Markdown, HTML (één bestand), JSON of Excel.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="BESTAND",
    help="Eerdere beoordeling (gap-rapport als JSON, of een eerdere ingevulde checklist) om voortgang te tonen.",
)
@output_option()
def gap(
    filled: tuple[Path, ...],
    roster: Path | None,
    clients: Path | None,
    zrm: Path | None,
    survey: Path | None,
    peildatum: dt.date,
    fail_on: str | None,
    catalog_path: Path | None,
    fmt: str,
    baseline: Path | None,
    output: Path | None,
) -> None:
    """Het gap-rapport: wat ontbreekt er nog voor een inschrijving, en wat is de volgende stap?

    Knock-outeisen eerst, dan deels voldaan, onbewezen en wensen; per aanbesteding en categorie een
    samenvatting en het oordeel of de inschrijving door de knock-outeisen komt. Meerdere ingevulde
    checklists (aanbieders) geven een gereedheidsmatrix.
    """
    from generator.assess.gap import build_report
    from generator.catalog.load import display_path
    from generator.render import gap_report

    if len(filled) > 1 and baseline:
        raise click.UsageError("--baseline werkt met één ingevulde checklist")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o gap.xlsx")
    _, catalog = open_catalog(catalog_path)
    if len(filled) > 1 and (roster or clients):
        _require_one_provider(catalog, filled)
    reports = []
    for path in filled:
        assessment = _assess(catalog, path, roster, clients, zrm, survey, peildatum)
        old = None
        if baseline is not None:
            old = _baseline(catalog, baseline, peildatum)
        reports.append(build_report(catalog, assessment, old, display_path(baseline) if baseline else ""))
    emit(gap_report.render(reports, fmt, catalog.name), output)
    if output is not None and str(output) != "-":
        gaps = sum(len(r.gaps) for r in reports)
        ready = sum(r.ready for r in reports)
        click.echo(
            printable(
                f"Gap-rapport van {len(reports)} checklist(s): {gaps} gaps, {ready} klaar voor inschrijving; "
                f"geschreven naar {output}."
            ),
            err=True,
        )
    _exit_for(reports, fail_on)


def _require_one_provider(catalog: Catalog, filled: tuple[Path, ...]) -> None:
    """Staff and client data belong to one provider: refuse to apply them to several providers' checklists."""
    from generator.assess import checklist as checklist_mod

    providers = {checklist_mod.read_filled(path, catalog).provider for path in filled}
    if len(providers) > 1 or "" in providers or None in providers:
        raise click.UsageError(
            "--roster en --clients gelden voor één aanbieder, maar de checklists zijn van verschillende "
            "aanbieders (of noemen er geen); geef per aanbieder een eigen gap-opdracht"
        )


def _baseline(catalog: Catalog, path: Path, peildatum: dt.date) -> dict[str, str]:
    from generator.assess import checklist as checklist_mod
    from generator.assess.evaluate import evaluate
    from generator.assess.gap import baseline_from_assessment, baseline_from_json
    from generator.catalog.load import display_path

    name = display_path(path)
    if not path.exists():
        raise InputError(Problem(name, None, None, "baseline niet gevonden; controleer het pad"))
    if path.suffix.lower() == ".json":
        return baseline_from_json(path, name)
    old = checklist_mod.read_filled(path, catalog)
    return baseline_from_assessment(evaluate(catalog, old, [], peildatum))


def register(group: click.Group) -> None:
    group.add_command(checklist)
    group.add_command(assess)
    group.add_command(gap)
