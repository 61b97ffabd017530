"""Commands on the quality of the catalog: ``opvang lint`` and ``opvang diff``."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from generator.cli.base import OpvangCommand, catalog_option, open_catalog, output_option
from generator.diagnostics import EXIT_INVALID, EXIT_OK, InputError, Problem, printable
from generator.output import emit

LINT_FORMATS = ("json", "md", "text")
FAIL_LEVELS = ("error", "warning", "info", "none")  # generator.lint.report.FAIL_LEVELS
DIFF_FORMATS = ("html", "json", "md", "text")  # generator.diff.FORMATS


@click.command(cls=OpvangCommand)
@click.argument("path", required=False, type=click.Path(path_type=Path), metavar="[PAD]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(LINT_FORMATS),
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
    metavar="BESTAND",
    help="Extra lijst van vage termen bovenop de standaardlijst (en vague-terms.yaml van de catalogus).",
)
@output_option()
@catalog_option
def lint(path, fmt: str, fail_on: str, tender_id: str | None, terms_path: Path | None, output, catalog_path) -> None:
    """Controleer de kwaliteit van elke eis: vage termen (VAGUE), eisen zonder norm (NONORM), KPI's zonder
    meetmethode of populatie (KPIMETHOD), tegenstrijdige normen (CONFLICT) en meerdere plichten in één eis
    (MULTI).

    Ernst: een eis geeft een fout (error), een wens een waarschuwing (warning), informatie een melding
    (info). Vage termen: de standaardlijst van opvang, aangevuld met vague-terms.yaml in de map van de
    catalogus en met --terms. Accepteer een melding per eis met
    lint_accept: [{rule: VAGUE, reason: ...}]; geaccepteerde meldingen tellen niet mee voor --fail-on.
    Exitcodes: 0 in orde, 1 open meldingen op of boven --fail-on, 2 verkeerd gebruik of onleesbare invoer.
    """
    from generator.lint.report import lint_catalog, render_json, render_markdown, render_text
    from generator.lint.terms import catalog_terms, load_terms, merge_terms

    project, catalog = open_catalog(path or catalog_path)
    terms = catalog_terms(project.catalog_root)
    if terms_path is not None:
        terms = merge_terms(terms, load_terms(terms_path))
    if tender_id is not None:
        if tender_id not in {t.id for t in catalog.tenders}:
            known = ", ".join(t.id for t in catalog.tenders)
            raise click.UsageError(f"aanbesteding '{tender_id}' bestaat niet; kies uit: {known}")
        catalog = replace(catalog, tenders=tuple(t for t in catalog.tenders if t.id == tender_id))
    report = lint_catalog(catalog, terms)
    if fmt == "json":  # its schema has no place for the catalog's name
        data = render_json(report)
    elif fmt == "md":
        data = render_markdown(report, catalog=catalog.name)
    else:
        data = render_text(report, catalog.name)
    emit(data.encode("utf-8"), output)
    sys.exit(EXIT_INVALID if report.fails(fail_on) else EXIT_OK)


@click.command(cls=OpvangCommand)
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
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
    "--checklist",
    "checklist_path",
    type=click.Path(path_type=Path),
    metavar="INGEVULD",
    help="Een ingevulde checklist: zeg hoeveel antwoorden door de wijzigingen opnieuw bekeken moeten worden.",
)
@output_option()
def diff(
    old: str, new: str, fmt: str, tender_id, repo, catalog_dir: str, exit_code: bool, checklist_path, output
) -> None:
    """Toon wat er gewijzigd is tussen twee versies van de catalogus: toegevoegde, verwijderde en gewijzigde
    eisen, normen als oud → nieuw en tekst als woordverschil.

    OLD en NEW zijn elk een catalogusmap, een export-JSON-bestand (opvang export) of een git-revisie
    (tag, branch of commit). Exitcodes: 0 gelukt (met --exit-code: 1 als er verschillen zijn),
    1 een catalogus is niet geldig, 2 verkeerd gebruik of onleesbare invoer.
    """
    from generator.diff import FORMATS, compare, load_side

    if not catalog_dir.strip() or catalog_dir.startswith("-"):
        raise InputError(Problem("--catalog-dir", None, None, "geef een mapnaam op, bijvoorbeeld requirements"))
    left = load_side(old, repo, catalog_dir)
    right = load_side(new, repo, catalog_dir)
    result = compare(left, right, tender_id)
    answers = _answers_to_review(checklist_path, result) if checklist_path is not None else None
    emit(FORMATS[fmt](result).encode("utf-8"), output)
    if answers:
        click.echo(printable(answers), err=True)
    sys.exit(EXIT_INVALID if exit_code and not result.empty else EXIT_OK)


def _answers_to_review(path: Path, result) -> str:
    """How many answers of the filled checklist at *path* the changes in *result* touch, in Dutch."""
    from generator.assess.checklist import read_filled
    from generator.catalog.load import display_path
    from generator.catalog.model import Catalog

    filled = read_filled(path, Catalog((), {}), allow_unknown=True)  # every row is kept, whatever its id
    answered = {rid for rid, entry in filled.unknown.items() if entry.answered}
    changed = sorted(c.id for c in result.of("changed") if c.id in answered)
    removed = sorted(c.id for c in result.of("removed") if c.id in answered)
    text = f"{display_path(path)}: van de {len(answered)} antwoorden moeten er {len(changed)} opnieuw bekeken worden"
    text += f" (eis gewijzigd: {', '.join(changed)})" if changed else ""
    verb = "hoort" if len(removed) == 1 else "horen"
    text += f"; {len(removed)} {verb} bij een vervallen eis" + (f" ({', '.join(removed)})" if removed else "")
    return text + ". Neem ze over met: opvang checklist --update"


def register(group: click.Group) -> None:
    group.add_command(lint)
    group.add_command(diff)
