"""Commands on the quality of the catalog: ``opvang lint`` and ``opvang diff``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.catalog.load import DEFAULT_ROOT, load_catalog
from generator.cli.base import OpvangCommand
from generator.diagnostics import EXIT_INVALID, EXIT_OK, InputError, Problem
from generator.diff import FORMATS as DIFF_FORMATS
from generator.diff import compare, load_side
from generator.lint.report import FAIL_LEVELS, lint_catalog, render_json, render_markdown, render_text
from generator.lint.terms import DEFAULT_TERMS, load_terms
from generator.output import emit

_LINT_FORMATS = {"text": render_text, "json": render_json, "md": render_markdown}


@click.command(cls=OpvangCommand)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(_LINT_FORMATS)),
    default="text",
    show_default=True,
    help="Uitvoer voor mensen (text), machines (json) of de site (md).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    default="none",
    show_default=True,
    help="Exitcode 1 als er een open (niet geaccepteerde) melding van deze ernst of erger is: "
    "error (fout), warning (waarschuwing) of info; none: altijd 0.",
)
@click.option("--tender", "tender_id", default=None, help="Alleen deze aanbesteding (id).")
@click.option(
    "--terms",
    "terms_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Lijst van vage termen (standaard: requirements/vague-terms.yaml).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf naar dit bestand in plaats van naar het scherm.",
)
def lint(path: Path | None, fmt: str, fail_on: str, tender_id: str | None, terms_path: Path | None, output) -> None:
    """Controleer de kwaliteit van elke eis: vage termen (VAGUE), eisen zonder norm (NONORM), KPI's zonder
    meetmethode of populatie (KPIMETHOD), tegenstrijdige normen (CONFLICT) en meerdere plichten in één eis
    (MULTI).

    Ernst: een eis geeft een fout (error), een wens een waarschuwing (warning), informatie een melding
    (info); zie requirements/vague-terms.yaml. Accepteer een melding per eis met
    lint_accept: [{rule: VAGUE, reason: ...}]; geaccepteerde meldingen tellen niet mee voor --fail-on.
    Exitcodes: 0 in orde, 1 open meldingen op of boven --fail-on, 2 verkeerd gebruik of onleesbare invoer.
    """
    root = path or DEFAULT_ROOT
    terms = load_terms(terms_path or _terms_beside(root))
    catalog = load_catalog(root)
    if tender_id is not None:
        if tender_id not in {t.id for t in catalog.tenders}:
            known = ", ".join(t.id for t in catalog.tenders)
            raise click.UsageError(f"aanbesteding '{tender_id}' bestaat niet; kies uit: {known}")
        catalog = type(catalog)(tuple(t for t in catalog.tenders if t.id == tender_id), catalog.metrics, catalog.root)
    report = lint_catalog(catalog, terms)
    emit(_LINT_FORMATS[fmt](report).encode("utf-8"), output)
    sys.exit(EXIT_INVALID if report.fails(fail_on) else EXIT_OK)


def _terms_beside(root: Path) -> Path:
    """The catalog's own term list if it has one, else the project's list."""
    folder = root if root.is_dir() else root.parent
    for candidate in (folder / "vague-terms.yaml", folder.parent / "vague-terms.yaml"):
        if candidate.is_file():
            return candidate
    return DEFAULT_TERMS


@click.command(cls=OpvangCommand)
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(DIFF_FORMATS)),
    default="text",
    show_default=True,
    help="Uitvoer: text ([-oud-]{+nieuw+}), md en html (voor de site) of json.",
)
@click.option("--tender", "tender_id", default=None, help="Alleen de eisen van deze aanbesteding (id).")
@click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Git-repository voor revisies (standaard: de huidige map).",
)
@click.option(
    "--catalog-dir",
    default="requirements",
    show_default=True,
    help="Map van de catalogus binnen de git-revisie.",
)
@click.option("--exit-code", is_flag=True, help="Exitcode 1 als er verschillen zijn (zoals git diff --exit-code).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf naar dit bestand in plaats van naar het scherm.",
)
def diff(old: str, new: str, fmt: str, tender_id, repo, catalog_dir: str, exit_code: bool, output) -> None:
    """Toon wat er gewijzigd is tussen twee versies van de catalogus: toegevoegde, verwijderde en gewijzigde
    eisen, normen als oud → nieuw en tekst als woordverschil.

    OLD en NEW zijn elk een catalogusmap, een export-JSON-bestand (opvang export) of een git-revisie
    (tag, branch of commit). Exitcodes: 0 gelukt (met --exit-code: 1 als er verschillen zijn),
    1 een catalogus is niet geldig, 2 verkeerd gebruik of onleesbare invoer.
    """
    if not catalog_dir.strip() or catalog_dir.startswith("-"):
        raise InputError(Problem("--catalog-dir", None, None, "geef een mapnaam op, bijvoorbeeld requirements"))
    left = load_side(old, repo, catalog_dir)
    right = load_side(new, repo, catalog_dir)
    result = compare(left, right, tender_id)
    emit(DIFF_FORMATS[fmt](result).encode("utf-8"), output)
    sys.exit(EXIT_INVALID if exit_code and not result.empty else EXIT_OK)


def register(group: click.Group) -> None:
    group.add_command(lint)
    group.add_command(diff)
