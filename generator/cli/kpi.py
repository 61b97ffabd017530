"""KPI commands: ``kpi``, ``kwartaalrapportage``, ``monitor``, ``calendar`` and ``demo-data``.

- ``opvang kpi CLIENTEN.csv --tender T``: every computable KPI norm of the tender, overall, per
  doelgroep and per gemeente van herkomst (md, html, json, xlsx);
- ``opvang kwartaalrapportage CLIENTEN.csv --tender T [--period 2027-Q2]``: one quarter's KPIs beside
  the quarters before it, the trend over the last eight quarters (with charts), lead times and volumes;
- ``opvang monitor CLIENTEN.csv --tender T -o monitor.xlsx``: the Limburg §11a monitor items, aggregated;
- ``opvang calendar --tender T --year 2027 -o plichten.ics``: reporting duties and meeting cycles;
- ``opvang demo-data -o MAP``: synthetic registrations of the fictional "Stichting Voorbeeldopvang".
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.base import OpvangCommand, catalog_option, open_catalog, output_option
from generator.diagnostics import EXIT_INVALID, InputError, Problem, printable
from generator.output import emit

CLIENTS_HELP = "Cliëntregistraties (clienten.csv, datacontract §3)."


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from generator.tabular import CellError, parse_date

    try:
        return parse_date(value)
    except CellError as exc:
        raise click.BadParameter(str(exc)) from None


def _period(ctx, param, value: str | None):
    if value is None:
        return None
    from generator.kpi.engine import Period
    from generator.tabular import MAX_YEAR, MIN_YEAR

    try:
        period = Period.parse(value)
    except (InputError, ValueError):  # ValueError: a year the calendar does not have (0000)
        period = None
    if period is None or not MIN_YEAR <= period.start.year <= MAX_YEAR:
        raise click.BadParameter(
            f"'{value}' is geen periode; gebruik een jaar (2027) of kwartaal (2027-Q1) tussen {MIN_YEAR} en {MAX_YEAR}"
        ) from None
    return period


def _quarter(ctx, param, value: str | None):
    """``--period`` of the quarterly report: one quarter."""
    period = _period(ctx, param, value)
    if period is not None and "-Q" not in period.label:
        raise click.BadParameter(
            f"'{value}' is geen kwartaal; een kwartaalrapportage gaat over één kwartaal, bijv. 2027-Q2"
        )
    return period


def _catalog_and_tender(catalog_path: Path | None, tender_id: str):
    _, catalog = open_catalog(catalog_path)
    try:
        catalog.tender(tender_id)
    except KeyError:
        known = ", ".join(t.id for t in catalog.tenders)
        raise click.BadParameter(
            f"onbekende aanbesteding '{tender_id}'; kies uit: {known}", param_hint="--tender"
        ) from None
    return catalog


def _binary_check(fmt: str, output: Path | None) -> None:
    if fmt == "xlsx" and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o kpi.xlsx")


def _common(function):
    options = [
        click.argument("clients", type=click.Path(path_type=Path), metavar="CLIENTEN.csv"),
        click.option(
            "--tender", "tender_id", required=True, help="Id van de aanbesteding, bijv. noord-midden-limburg-mo."
        ),
        click.option("--zrm", type=click.Path(path_type=Path), help="ZRM-metingen (zrm.csv) voor zrm_verbetering."),
        click.option(
            "--enquete", "--survey", "survey", type=click.Path(path_type=Path), help="Enquêtecijfers (scores.yaml)."
        ),
        click.option(
            "--peildatum",
            callback=_date,
            help="Stand van kennis op deze datum (JJJJ-MM-DD); standaard de laatste datum in de registratie.",
        ),
        click.option(
            "--min-cel",
            "min_cell",
            type=click.IntRange(1),
            default=5,
            show_default=True,
            help="Cellen met minder cliënten worden niet gepubliceerd.",
        ),
        catalog_option,
        output_option(),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _warn(findings) -> None:
    """Impossible dates in the registrations, as located warnings on stderr (the report lists them too)."""
    for problem in findings:
        click.echo(f"{problem.format()} (waarschuwing)", err=True)


def _load(clients: Path, zrm: Path | None, survey: Path | None):
    from generator.kpi.clients import read_clients, read_zrm
    from generator.kpi.survey import read_survey

    regs = read_clients(clients)
    scores = read_zrm(zrm, regs) if zrm is not None else None
    regs.forget_ids()
    answers = read_survey(survey) if survey is not None else None
    return regs, scores, answers


FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "xlsx"]),
    default="md",
    show_default=True,
    help="Uitvoerformaat.",
)


@click.command(cls=OpvangCommand)
@_common
@FORMAT_OPTION
@click.option("--period", "period", callback=_period, help="Alleen deze periode: 2027 of 2027-Q1.")
@click.option("--strikt", is_flag=True, help="Exitcode 1 als een KPI niet aan de norm voldoet.")
@click.option("--provider", "provider", metavar="NAAM", help="Naam van de aanbieder (in het rapport en de JSON).")
def kpi(
    clients, tender_id, zrm, survey, peildatum, min_cell, catalog_path, output, fmt, period, strikt, provider
) -> None:
    """Bereken alle KPI's van een aanbesteding uit uw eigen registraties.

    Per KPI-norm: teller, noemer, waarde, de norm en het oordeel (voldoet, voldoet niet, voorlopig,
    onvoldoende data), totaal, per doelgroep en per gemeente van herkomst. Met --period tellen
    trajecten mee waarvan de melding (of voor uitstroom-KPI's de uitstroom) in de periode valt.
    """
    from generator.kpi.engine import evaluate
    from generator.render import kpi_report

    _binary_check(fmt, output)
    catalog = _catalog_and_tender(catalog_path, tender_id)
    regs, scores, answers = _load(clients, zrm, survey)
    report = evaluate(catalog, tender_id, regs, scores, answers, peildatum, period, min_cell, provider=provider)
    _warn(report.findings)
    emit(kpi_report.render(fmt, report, catalog.name), output)
    if output is not None and str(output) != "-":
        click.echo(
            printable(
                f"{len(report.results)} KPI-normen berekend uit {report.rows} trajecten; geschreven naar {output}."
            ),
            err=True,
        )
    if strikt and any(r.overall.verdict == "voldoet_niet" for r in report.results):
        sys.exit(EXIT_INVALID)


@click.command(cls=OpvangCommand)
@_common
@FORMAT_OPTION
@click.option(
    "--period",
    "period",
    callback=_quarter,
    metavar="KWARTAAL",
    help="Het kwartaal, bijv. 2027-Q2; standaard het laatste kwartaal dat op de peildatum voorbij is.",
)
@click.option("--provider", "provider", metavar="NAAM", help="Naam van de aanbieder (in het rapport en de JSON).")
def kwartaalrapportage(
    clients, tender_id, zrm, survey, peildatum, min_cell, catalog_path, output, fmt, period, provider
) -> None:
    """Maak de kwartaalrapportage van één kwartaal: de KPI's naast het vorige kwartaal en hetzelfde kwartaal een
    jaar eerder, de trend over de laatste acht kwartalen (met grafieken) en doorlooptijden."""
    from generator.kpi import quarterly
    from generator.render import quarterly_report

    _binary_check(fmt, output)
    catalog = _catalog_and_tender(catalog_path, tender_id)
    regs, scores, answers = _load(clients, zrm, survey)
    report = quarterly.build(catalog, tender_id, regs, scores, answers, peildatum, period, min_cell, provider)
    emit(quarterly_report.render(fmt, report, catalog.name), output)


@click.command(cls=OpvangCommand)
@_common
def monitor(clients, tender_id, zrm, survey, peildatum, min_cell, catalog_path, output) -> None:
    """Exporteer de monitoringsgegevens (Limburg §11a) als XLSX: geaggregeerd per kwartaal."""
    from generator.kpi.engine import evaluate
    from generator.render import monitor_xlsx

    _binary_check("xlsx", output)
    catalog = _catalog_and_tender(catalog_path, tender_id)
    regs, scores, answers = _load(clients, zrm, survey)
    report = evaluate(catalog, tender_id, regs, scores, answers, peildatum, None, min_cell, breakdowns=False)
    emit(monitor_xlsx.to_xlsx(report, regs, catalog.name), output)


@click.command(cls=OpvangCommand)
@click.option("--tender", "tender_id", required=True, metavar="AANBESTEDING", help="Id van de aanbesteding.")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, metavar="JAAR", help="Het jaar, bijv. 2027.")
@click.option(
    "--roster",
    type=click.Path(path_type=Path),
    metavar="BESTAND",
    help="Personeelsbestand (personeel.csv): voeg per medewerker een herinnering toe vóór de VOG te oud wordt.",
)
@output_option("Het .ics-bestand.")
@catalog_option
def calendar(tender_id: str, year: int, roster: Path | None, output: Path | None, catalog_path: Path | None) -> None:
    """Zet alle plichten van een aanbesteding in één jaar in een agenda (.ics): rapportages, overleggen,
    termijnen en, met --roster, het vernieuwen van VOG's.

    Alleen wat binnen de contractperiode valt; elke levering en termijn krijgt een herinnering twee weken
    vooraf, een VOG zes weken vooraf. Outlook, Google Agenda en Apple Agenda kunnen het bestand importeren.
    """
    from generator.kpi.calendar import duties, to_ics

    catalog = _catalog_and_tender(catalog_path, tender_id)
    tender = catalog.tender(tender_id)
    staff = None
    if roster is not None:
        from generator.catalog.load import display_path
        from generator.roster.reader import read_roster

        staff = read_roster(roster, dt.date(year, 1, 1), display_path(roster))
    events = duties(tender, year, staff)
    emit(to_ics(tender, year, events, catalog.name), output)
    if output is not None and str(output) != "-":
        renewals = sum(1 for e in events if e.kind == "vog")
        extra = f", waarvan {renewals} VOG-herinneringen" if roster is not None else ""
        click.echo(printable(f"{len(events)} afspraken{extra} geschreven naar {output}."), err=True)


@click.command("demo-data", cls=OpvangCommand)
@click.option(
    "-o",
    "--output",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Map (wordt gemaakt als hij nog niet bestaat).",
)
@click.option("--rows", type=click.IntRange(1, 10_000_000), default=300, show_default=True, help="Aantal trajecten.")
@click.option("--seed", type=int, default=2027, show_default=True, help="Startwaarde van het toeval.")
@click.option("--start", callback=_date, default="2026-01-01", show_default=True, help="Eerste meldingsdatum.")
@click.option("--end", callback=_date, default="2027-12-31", show_default=True, help="Stand van de gegevens.")
def demo_data(folder: Path, rows: int, seed: int, start: dt.date, end: dt.date) -> None:
    """Maak fictieve, realistische registraties (clienten.csv, zrm.csv, scores.yaml) voor voorbeelden en tests."""
    from generator.kpi.demo import write_demo
    from generator.output import write_folder

    if end < start:
        raise InputError(Problem("--end", None, None, "einddatum ligt vóór de startdatum"))
    for path in write_folder(folder, lambda staging: write_demo(staging, rows, seed, start, end)):
        click.echo(printable(f"geschreven: {path}"), err=True)


def register(group: click.Group) -> None:
    for command in (kpi, kwartaalrapportage, monitor, calendar, demo_data):
        group.add_command(command)
