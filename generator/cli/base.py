"""Shared click pieces of the opvang commands: the Dutch command class, ``--catalog`` and ``-o``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from generator.catalog.model import Catalog
    from generator.project import Project

CATALOG_HELP = (
    "De catalogus: een projectmap (met opvang.yml), een catalogusmap of één aanbestedingsmap. Standaard: "
    "de catalogus van de huidige map of een map erboven, of OPVANG_CATALOG."
)


class OpvangCommand(click.Command):
    """A command whose usage line speaks Dutch."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


def catalog_option(func):
    """The ``--catalog PAD`` option of every command that reads the catalog."""
    return click.option(
        "--catalog", "catalog_path", type=click.Path(path_type=Path), default=None, metavar="PAD", help=CATALOG_HELP
    )(func)


OUTPUT_HELP = "Schrijf naar dit bestand in plaats van naar het scherm."


def output_option(help: str = OUTPUT_HELP):
    """The ``-o/--output BESTAND`` option of every command that writes one file (``-`` or none: the screen)."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="BESTAND", help=help)


def open_project(catalog_path: Path | None) -> Project:
    """The project of ``--catalog`` (or found from the current folder); say on stderr which, if not obvious."""
    from generator.project import find_project

    project = find_project(catalog_path)
    notice = project.notice()
    if notice:
        click.echo(notice, err=True)
    return project


def open_catalog(catalog_path: Path | None) -> tuple[Project, Catalog]:
    """The project and its loaded catalog; raises with every problem when the catalog is not valid."""
    from generator.catalog.load import load_catalog

    project = open_project(catalog_path)
    return project, load_catalog(project.catalog, project.title)
