"""``opvang coverage``: which passages of the source documents no requirement quotes.

Reads the catalog, its source documents (``<catalog>/bronnen/``) and the list of words that bind or
ask (``binding-terms.yaml``); renders the report of :mod:`generator.sources.report`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.base import OpvangCommand, catalog_option, open_catalog, output_option
from generator.diagnostics import EXIT_INVALID, EXIT_OK, InputError
from generator.output import emit

if TYPE_CHECKING:
    from generator.catalog.model import Catalog, Tender

FORMATS = ("json", "md", "text")  # generator.sources.report


def select(catalog: Catalog, names: tuple[str, ...]) -> list[Tender]:
    """The tenders named by id or code (case-insensitive), in catalog order; all when none are named."""
    if not names:
        return list(catalog.tenders)
    chosen = []
    for name in names:
        key = name.strip().lower()
        tender = next((t for t in catalog.tenders if key in (t.id.lower(), t.code.lower())), None)
        if tender is None:
            known = ", ".join(t.id for t in catalog.tenders)
            raise click.UsageError(f"onbekende aanbesteding '{name}'; kies uit: {known}")
        if tender not in chosen:
            chosen.append(tender)
    return [t for t in catalog.tenders if t in chosen]


@click.command(cls=OpvangCommand)
@click.argument("tenders", nargs=-1, metavar="[AANBESTEDING]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Uitvoer voor mensen (text, md) of machines (json).",
)
@output_option()
@catalog_option
def coverage(tenders: tuple[str, ...], fmt: str, output: Path | None, catalog_path: Path | None) -> None:
    """Toon per aanbesteding (id of code; standaard alle) welke passages van het brondocument geen eis
    aanhaalt, met hun sectie, en welk deel gedekt is.

    Gedekt is een passage die een eis citeert of die tender.yaml als achtergrond markeert (background:
    een hele sectie of een passage met haar eerste woorden, met een reden). Open passages met een woord
    dat bindt of vraagt (moet, dient, verwachten wij, ...; zie binding-terms.yaml) staan bovenaan.
    Exitcodes: 0 gelukt, 1 een achtergrondmarkering wijst naar niets, 2 verkeerd gebruik of een
    onleesbaar brondocument.
    """
    from generator.sources.coverage import tender_coverage
    from generator.sources.library import load_sources, sources_folder
    from generator.sources.report import render_json, render_markdown, render_text
    from generator.sources.signals import load_terms, terms_beside

    project, catalog = open_catalog(catalog_path)
    chosen = select(catalog, tenders)
    terms = load_terms(terms_beside(project.catalog_root))
    sources = load_sources(catalog, sources_folder(project.catalog_root), chosen)
    if sources.problems:
        raise InputError(list(sources.problems))
    report = [tender_coverage(tender, sources.for_tender(tender), terms) for tender in chosen]
    if fmt == "json":  # its schema has no place for the catalog's name
        data = render_json(report)
    else:
        data = {"text": render_text, "md": render_markdown}[fmt](report, catalog.name)
    emit(data.encode("utf-8"), output)
    problems = [problem for tender in report for problem in tender.problems]
    for problem in problems:
        click.echo(problem.format(), err=True)
    sys.exit(EXIT_INVALID if problems else EXIT_OK)


def register(group: click.Group) -> None:
    group.add_command(coverage)
