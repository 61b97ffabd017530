"""``opvang dossier``: the contract manager's dossier from the KPI reports of one tender.

Reads every KPI report (``opvang kpi --format json``), validates each against the KPI report schema,
refuses reports of different tenders or a provider's period given twice (exit 2), and writes the
dossier (:mod:`generator.render.dossier_report`). Nothing is written when any input is refused.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.base import OpvangCommand, output_option
from generator.diagnostics import printable
from generator.output import emit


@click.command(cls=OpvangCommand)
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="KPI.json...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "xlsx"]),
    default="md",
    show_default=True,
    help="Markdown, HTML (één bestand) of Excel.",
)
@output_option()
def dossier(reports: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Maak het contractdossier van één aanbesteding uit KPI-rapporten (opvang kpi --format json).

    Geef de rapporten van alle aanbieders en kwartalen (maak ze met opvang kpi --provider NAAM
    --period 2027-Q1 --format json). Per KPI en aanbieder de trend tegen de norm (met grafiek), de
    normen die twee of meer kwartalen op rij niet gehaald zijn, voorlopige waarden gemarkeerd, en een
    concept-agenda voor het volgende accountgesprek: wat is verbeterd, waarvoor een verbeterplan nodig
    is en welke gegevens ontbreken.
    """
    from generator.dossier.analysis import build
    from generator.dossier.reports import read_reports
    from generator.render import dossier_report

    if fmt == "xlsx" and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o dossier.xlsx")
    result = build(read_reports(list(reports)))
    emit(dossier_report.render(result, fmt), output)
    if output is not None and str(output) != "-":
        click.echo(
            printable(
                f"Dossier van {len(result.reports)} KPI-rapporten ({_count(len(result.providers), 'aanbieder')}, "
                f"{_count(len(result.periods), 'periode')}, {_count(len(result.agenda), 'agendapunt')}) "
                f"geschreven naar {output}."
            ),
            err=True,
        )


def _count(n: int, word: str) -> str:
    plural = {"aanbieder": "aanbieders", "periode": "perioden", "agendapunt": "agendapunten"}[word]
    return f"{n} {word if n == 1 else plural}"


def register(group: click.Group) -> None:
    group.add_command(dossier)
