"""``opvang site build`` and ``opvang site serve``: the published requirements site."""

from __future__ import annotations

from pathlib import Path

import click

from generator.catalog.load import DEFAULT_ROOT
from generator.cli.base import OpvangCommand
from generator.diagnostics import printable
from generator.site import build as site_build


def _common(func):
    for option in reversed(
        [
            click.option(
                "--catalog",
                "catalog_path",
                type=click.Path(path_type=Path),
                default=None,
                help="De catalogus (standaard: requirements/).",
            ),
            click.option(
                "--reports",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                help="Map met voorbeeldrapporten (*.md als pagina, andere bestanden als download); "
                "standaard build/voorbeeld als die bestaat.",
            ),
            click.option(
                "--checklists",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                help="Map met checklists <aanbesteding>.xlsx/.yaml (standaard: checklists/).",
            ),
            click.option(
                "--versies",
                "versions_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=None,
                help="Lijst van gepubliceerde versies voor 'Wat is er gewijzigd' "
                "(standaard: versies.yaml in de catalogus, als die bestaat).",
            ),
            click.option(
                "--config",
                "config_file",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="De MkDocs-configuratie (standaard: mkdocs.yml van het project).",
            ),
        ]
    ):
        func = option(func)
    return func


def _reports(reports: Path | None) -> Path | None:
    if reports is not None:
        if not reports.is_dir():
            raise click.BadParameter(f"map '{reports}' bestaat niet", param_hint="'--reports'")
        return reports
    return site_build.DEFAULT_REPORTS if site_build.DEFAULT_REPORTS.is_dir() else None


@click.group(options_metavar="[OPTIES]", subcommand_metavar="COMMANDO [ARGUMENTEN]...")
def site() -> None:
    """De website met alle eisen (MkDocs Material, in het Nederlands)."""


@site.command("build", cls=OpvangCommand)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor de gebouwde site (standaard: site/).",
)
@_common
def build_command(
    output: Path | None,
    catalog_path: Path | None,
    reports: Path | None,
    checklists: Path | None,
    versions_file: Path | None,
    config_file: Path | None,
) -> None:
    """Maak de pagina's uit de catalogus (docs/generated/) en bouw de site in strikte modus."""
    result = site_build.build_site(
        catalog_path=catalog_path or DEFAULT_ROOT,
        site_dir=output or site_build.PROJECT / "site",
        config_file=config_file or site_build.CONFIG_FILE,
        reports=_reports(reports),
        checklists=checklists or site_build.CHECKLISTS,
        versions_file=versions_file,
    )
    click.echo(
        f"Site gebouwd in {result.site_dir}: {result.pages} gegenereerde pagina's "
        f"(genereren {result.generated_seconds:.1f} s, MkDocs {result.mkdocs_seconds:.1f} s)."
    )


@site.command("serve", cls=OpvangCommand)
@click.option(
    "-a", "--adres", "address", default="127.0.0.1:8000", show_default=True, help="Adres en poort van de server."
)
@_common
def serve_command(
    address: str,
    catalog_path: Path | None,
    reports: Path | None,
    checklists: Path | None,
    versions_file: Path | None,
    config_file: Path | None,
) -> None:
    """Maak de pagina's en toon de site lokaal (http://127.0.0.1:8000); stop met Ctrl-C."""
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
        catalog_path=catalog_path or DEFAULT_ROOT,
        config_file=config_file or site_build.CONFIG_FILE,
        reports=_reports(reports),
        checklists=checklists or site_build.CHECKLISTS,
        address=address,
        versions_file=versions_file,
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
