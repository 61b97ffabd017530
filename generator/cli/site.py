"""``opvang site build`` and ``opvang site serve``: the published requirements site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.base import OpvangCommand, catalog_option, open_project
from generator.diagnostics import printable


def _reference_date(ctx, param, value: str | None) -> dt.date | None:
    from generator.tabular import CellError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value.strip())
    except CellError as exc:
        raise click.BadParameter(str(exc)) from None


def _common(func):
    for option in reversed(
        [
            catalog_option,
            click.option(
                "--peildatum",
                "reference",
                callback=_reference_date,
                metavar="DATUM",
                help="De datum waarop de status van elke aanbesteding (open, lopend, afgelopen) wordt bepaald "
                "(JJJJ-MM-DD of DD-MM-JJJJ); standaard vandaag.",
            ),
            click.option(
                "--reports",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                metavar="MAP",
                help="Map met voorbeeldrapporten (*.md als pagina, andere bestanden als download); "
                "standaard 'reports' uit opvang.yml als die map bestaat.",
            ),
            click.option(
                "--checklists",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                metavar="MAP",
                help="Map met checklists <aanbesteding>.xlsx/.yaml (standaard: 'checklists' uit opvang.yml).",
            ),
            click.option(
                "--versies",
                "versions_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=None,
                metavar="BESTAND",
                help="Lijst van gepubliceerde versies voor 'Wat is er gewijzigd' "
                "(standaard: versies.yaml in de catalogus, als die bestaat).",
            ),
            click.option(
                "--config",
                "config_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=None,
                metavar="BESTAND",
                help="De MkDocs-configuratie (standaard: mkdocs.yml van het project, anders die van opvang).",
            ),
        ]
    ):
        func = option(func)
    return func


def _inputs(catalog_path, reports, checklists, config_file) -> dict:
    """The catalog and the site's other inputs: given, or the project's defaults."""
    project = open_project(catalog_path)
    if reports is not None and not reports.is_dir():
        raise click.BadParameter(f"map '{reports}' bestaat niet", param_hint="'--reports'")
    if reports is None:
        default = project.path(project.settings.reports)
        reports = default if default is not None and default.is_dir() else None
    if config_file is None and (project.root / "mkdocs.yml").is_file():
        config_file = project.root / "mkdocs.yml"
    return {
        "catalog_path": project.catalog,
        "config_file": config_file,
        "reports": reports,
        "checklists": checklists or project.path(project.settings.checklists),
        "title": project.settings.title,
        "_project": project,
    }


@click.group(options_metavar="[OPTIES]", subcommand_metavar="COMMANDO [ARGUMENTEN]...")
def site() -> None:
    """De website met alle eisen (MkDocs Material, in het Nederlands)."""


@site.command("build", cls=OpvangCommand)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="MAP",
    help="Map voor de gebouwde site (standaard: 'site' uit opvang.yml). Een bestaande map moet leeg zijn of "
    "eerder door opvang gebouwd; een map met ander werk wordt geweigerd.",
)
@click.option(
    "--alleen-paginas",
    "pages_only",
    is_flag=True,
    help="Bouw de site niet, maar zet het complete MkDocs-project (mkdocs.yml en docs/) in de uitvoermap, "
    "om met een ander programma te bouwen.",
)
@_common
def build_command(output, pages_only, catalog_path, reference, reports, checklists, versions_file, config_file) -> None:
    """Maak de pagina's uit de catalogus en bouw de site in strikte modus.

    De site wordt in een tijdelijke map gebouwd en pas bij succes op zijn plaats gezet; een mislukte bouw
    laat de vorige site staan.
    """
    from generator.site import build as site_build

    inputs = _inputs(catalog_path, reports, checklists, config_file)
    project = inputs.pop("_project")
    target = output or project.root / project.settings.site
    result = site_build.build_site(
        site_dir=target,
        versions_file=versions_file,
        pages_only=pages_only,
        reference=reference,
        commands=click.get_current_context().find_root().command,
        **inputs,
    )
    if pages_only:
        click.echo(f"MkDocs-project geschreven in {result.site_dir}: {result.pages} gegenereerde pagina's.")
        return
    click.echo(
        f"Site gebouwd in {result.site_dir}: {result.pages} gegenereerde pagina's "
        f"(genereren {result.generated_seconds:.1f} s, MkDocs {result.mkdocs_seconds:.1f} s)."
    )


@site.command("serve", cls=OpvangCommand)
@click.option(
    "-a",
    "--adres",
    "address",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="ADRES:POORT",
    help="Adres en poort van de server.",
)
@_common
def serve_command(address, catalog_path, reference, reports, checklists, versions_file, config_file) -> None:
    """Toon de site lokaal (http://127.0.0.1:8000) en werk hem bij als de catalogus verandert; stop met Ctrl-C."""
    from generator.site import build as site_build

    inputs = _inputs(catalog_path, reports, checklists, config_file)
    inputs.pop("_project")
    if not _local_only(address):
        click.echo(
            printable(
                f"Let op: met adres {address} is de site bereikbaar voor andere computers in het netwerk, niet "
                "alleen voor deze computer. Gebruik -a 127.0.0.1:8000 om hem alleen hier te tonen."
            ),
            err=True,
        )
    click.echo(printable(f"De site draait op http://{address}/ (stoppen met Ctrl-C)."), err=True)
    site_build.serve_site(
        address=address,
        versions_file=versions_file,
        reference=reference,
        commands=click.get_current_context().find_root().command,
        **inputs,
    )


def _local_only(address: str) -> bool:
    """Whether a server on *address* (``HOST:POORT``) is reachable from this computer only (loopback)."""
    import ipaddress

    host = address.rsplit(":", 1)[0] if ":" in address else address
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well point outside


def register(group: click.Group) -> None:
    group.add_command(site)
