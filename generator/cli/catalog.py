"""Commands on the catalog itself: ``opvang validate`` and ``opvang export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli.base import OpvangCommand, catalog_option, open_catalog, open_project, output_option
from generator.diagnostics import EXIT_INVALID, EXIT_OK, printable
from generator.output import emit

EXPORT_FORMATS = ("csv", "json", "xlsx")  # generator.render.catalog_export.FORMATS


@click.command(cls=OpvangCommand)
@click.argument("path", required=False, type=click.Path(path_type=Path), metavar="[PAD]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Uitvoer voor mensen (text) of machines (json).",
)
@catalog_option
def validate(path: Path | None, fmt: str, catalog_path: Path | None) -> None:
    """Controleer de catalogus tegen het schema en de inhoudelijke regels.

    PAD (of --catalog) is een projectmap, catalogusmap of aanbestedingsmap; zonder PAD de catalogus van
    de huidige map of een map erboven. Meldt elke fout als BESTAND:REGEL:KOLOM: bericht. Exitcode 0 als
    alles klopt, 1 bij fouten.
    """
    from generator.catalog.load import check_catalog, display_path

    project = open_project(path or catalog_path)
    catalog, problems = check_catalog(project.catalog, project.title)
    errors = [p for p in problems if p.severity == "error"]
    if fmt == "json":
        report = {
            "valid": not errors,
            "tenders": len(catalog.tenders) if catalog else 0,
            "requirements": len(catalog.requirements) if catalog else 0,
            "problems": [p.as_dict() for p in problems],
            "catalog": project.title,
        }
        click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2))
    else:
        for problem in problems:
            click.echo(problem.format(), err=True)
        # Both verdicts name the catalog: its name for people (as every report names it) and its path.
        which = display_path(project.catalog)
        title = printable(" ".join(project.title.split()))
        named = which if title == Path(which).name else f"{title}, {which}"
        if errors:
            click.echo(f"{len(errors)} fout(en) gevonden; de catalogus is niet geldig ({named}).", err=True)
        else:
            tenders = len(catalog.tenders) if catalog else 0
            requirements = len(catalog.requirements) if catalog else 0
            norms = sum(len(r.norms) for r in catalog.requirements) if catalog else 0
            click.echo(f"Catalogus geldig: {tenders} aanbestedingen, {requirements} eisen, {norms} normen ({named}).")
    sys.exit(EXIT_INVALID if errors else EXIT_OK)


@click.command(cls=OpvangCommand)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="json",
    show_default=True,
    help="Uitvoerformaat.",
)
@output_option()
@catalog_option
def export(fmt: str, output: Path | None, catalog_path: Path | None) -> None:
    """Exporteer de hele catalogus als JSON (datacontract §1), CSV of XLSX."""
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o catalogus.xlsx")
    from generator.render import catalog_export

    _, catalog = open_catalog(catalog_path)
    emit(catalog_export.FORMATS[fmt](catalog), output)


def register(group: click.Group) -> None:
    group.add_command(validate)
    group.add_command(export)
