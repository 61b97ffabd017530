"""Commands about a project itself: ``opvang init`` (start one) and ``opvang schema`` (the JSON Schemas)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import click

from generator.cli.base import OpvangCommand
from generator.diagnostics import InputError, Problem

# Catalog files an editor validates while typing: their schemas are copied into a new project.
_EDITOR_SCHEMAS = ("project", "tender", "requirements", "metrics", "vague-terms", "versies", "survey")
_DOTFILES = {"_gitignore": ".gitignore", "_pre-commit-config.yaml": ".pre-commit-config.yaml"}
_WITH_TITLE = ("opvang.yml", "README.md", "docs/index.md")


def write_project(target: Path, title: str) -> list[str]:
    """Write a new project into *target* (which must not exist or be empty); return the files written."""
    from generator import resources

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(
            Problem(str(target), None, None, "deze map bestaat al en is niet leeg; kies een nieuwe of lege map")
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        template = resources.project_template()
        for source in sorted(template.rglob("*")):
            if source.is_dir() or source.name == "__init__.py" or "__pycache__" in source.parts:
                continue
            relative = source.relative_to(template)
            relative = relative.with_name(_DOTFILES.get(relative.name, relative.name))
            text = source.read_text(encoding="utf-8")
            if relative.as_posix() in _WITH_TITLE:
                text = text.replace("{title}", title)
            _write(staging / relative, text)
        _write(staging / "mkdocs.yml", _site_config(resources.site_base() / "mkdocs.yml", title))
        for name in _EDITOR_SCHEMAS:
            schema = dict(resources.schema(name))
            schema.pop("$id", None)  # editors then resolve the references between the files locally
            _write(
                staging / "requirements" / "schema" / f"{name}.schema.json",
                json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
            )
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
        os.chmod(target, 0o755)
        return written
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _site_config(base: Path, title: str) -> str:
    lines = base.read_text(encoding="utf-8").splitlines()
    return (
        "\n".join(
            f"site_name: {json.dumps(title, ensure_ascii=False)}" if ln.startswith("site_name:") else ln for ln in lines
        )
        + "\n"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@click.command(cls=OpvangCommand)
@click.argument("folder", type=click.Path(path_type=Path), metavar="MAP")
@click.option(
    "--titel",
    "title",
    default="Eisen maatschappelijke opvang",
    show_default=True,
    metavar="TEKST",
    help="Naam van de catalogus (boven de site en in rapporten).",
)
def init(folder: Path, title: str) -> None:
    """Begin een nieuw opvang-project in MAP (een nieuwe of lege map).

    MAP krijgt opvang.yml, een catalogus requirements/ met één voorbeeldaanbesteding en haar brondocument,
    de JSON Schema's (zodat uw editor de YAML toetst terwijl u typt), mkdocs.yml voor de website, een
    README, .gitignore en een pre-commit-configuratie die opvang validate en opvang lint draait. Daarna:
    cd MAP && opvang validate && opvang site build.
    """
    title = " ".join(title.split())
    if not title:
        raise click.BadParameter("geef een naam op", param_hint="'--titel'")
    written = write_project(folder, title)
    click.echo(f"Project gemaakt in {folder}: {len(written)} bestanden. Verder met: cd {folder} && opvang validate")


@click.command(cls=OpvangCommand)
@click.argument("name", required=False, metavar="[NAAM]")
def schema(name: str | None) -> None:
    """Toon het JSON Schema NAAM (zonder NAAM: de lijst van schema's die opvang meelevert).

    Schema's zijn er voor de catalogusbestanden (tender, requirements, metrics, ...), voor opvang.yml
    (project) en voor elke JSON-uitvoer.
    """
    from generator import resources

    names = resources.schema_names()
    if name is None:
        click.echo("\n".join(names))
        return
    if name not in names:
        raise click.BadParameter(f"'{name}' bestaat niet; kies uit: {', '.join(names)}", param_hint="'NAAM'")
    click.echo(json.dumps(resources.schema(name), ensure_ascii=False, indent=2))


def register(group: click.Group) -> None:
    group.add_command(init)
    group.add_command(schema)
