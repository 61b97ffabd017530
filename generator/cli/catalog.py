"""Commands on the catalog itself: ``opvang validate`` and ``opvang export``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.catalog.load import DEFAULT_ROOT, check_catalog, load_catalog
from generator.cli.base import OpvangCommand
from generator.diagnostics import EXIT_INVALID, EXIT_OK
from generator.output import emit
from generator.render import catalog_export


@click.command(cls=OpvangCommand)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Uitvoer voor mensen (text) of machines (json).",
)
def validate(path: Path | None, fmt: str) -> None:
    """Controleer de catalogus (standaard: requirements/) tegen het schema en de inhoudelijke regels.

    Meldt elke fout als BESTAND:REGEL:KOLOM: bericht. Exitcode 0 als alles klopt, 1 bij fouten.
    """
    catalog, problems = check_catalog(path or DEFAULT_ROOT)
    errors = [p for p in problems if p.severity == "error"]
    if fmt == "json":
        report = {
            "valid": not errors,
            "tenders": len(catalog.tenders) if catalog else 0,
            "requirements": len(catalog.requirements) if catalog else 0,
            "problems": [p.as_dict() for p in problems],
        }
        click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2))
    else:
        for problem in problems:
            click.echo(problem.format(), err=True)
        if errors:
            click.echo(f"{len(errors)} fout(en) gevonden; de catalogus is niet geldig.", err=True)
        else:
            tenders = len(catalog.tenders) if catalog else 0
            requirements = len(catalog.requirements) if catalog else 0
            norms = sum(len(r.norms) for r in catalog.requirements) if catalog else 0
            click.echo(f"Catalogus geldig: {tenders} aanbestedingen, {requirements} eisen, {norms} normen.")
    sys.exit(EXIT_INVALID if errors else EXIT_OK)


@click.command(cls=OpvangCommand)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(catalog_export.FORMATS)),
    default="json",
    show_default=True,
    help="Uitvoerformaat.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf naar dit bestand in plaats van naar het scherm.",
)
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path),
    default=None,
    help="De catalogus (standaard: requirements/).",
)
def export(fmt: str, output: Path | None, catalog_path: Path | None) -> None:
    """Exporteer de hele catalogus als JSON (datacontract §1), CSV of XLSX."""
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise click.UsageError("XLSX is binair; geef een bestand op met -o, bijvoorbeeld -o catalogus.xlsx")
    catalog = load_catalog(catalog_path or DEFAULT_ROOT)
    emit(catalog_export.FORMATS[fmt](catalog), output)


def register(group: click.Group) -> None:
    group.add_command(validate)
    group.add_command(export)
