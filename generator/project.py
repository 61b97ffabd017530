"""Which catalog a command works on: found from the current folder upward, like git and MkDocs.

A *project* is a folder with an ``opvang.yml`` (made by ``opvang init``) or, without one, a folder
with a ``requirements/`` catalog in it. A *catalog* is a folder of tender folders (each with a
``tender.yaml``) with its sources in ``bronnen/`` and, optionally, its own ``metrics.yaml`` and
``vague-terms.yaml``.

The catalog of a command is, in this order:

1. ``--catalog PATH`` (a project folder, a catalog folder, one tender folder or a file in one);
2. the environment variable ``OPVANG_CATALOG`` (the same kinds of path);
3. the first folder, from the current folder upward, that is a project (``opvang.yml``), a tender
   folder (its catalog is the folder above it), a catalog, or holds a catalog in ``requirements/``.

Nothing found is a usage error that says how to start a project. :func:`find_project` returns a
:class:`Project`; its :meth:`Project.notice` is the line a command prints on stderr when the catalog
is not the obvious one (found in a folder above the current one, or through the environment).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import InputError, Problem

PROJECT_FILE = "opvang.yml"
TENDER_FILE = "tender.yaml"
DEFAULT_CATALOG = "requirements"
ENVIRONMENT = "OPVANG_CATALOG"


@dataclass(frozen=True)
class Settings:
    """The settings of ``opvang.yml`` (every path relative to the project folder)."""

    catalog: str = DEFAULT_CATALOG
    title: str | None = None
    checklists: str = "checklists"
    reports: str | None = None
    site: str = "site"


@dataclass(frozen=True)
class Project:
    """A project folder and the catalog a command works on."""

    root: Path  # the project folder: opvang.yml, mkdocs.yml, docs/, checklists/, site/
    catalog: Path  # what to load: the catalog folder, or one tender folder of it
    found: str  # "optie" | "omgeving" | "hier" | "boven"
    settings: Settings = field(default_factory=Settings)

    @property
    def catalog_root(self) -> Path:
        """The folder of the tender folders (with bronnen/, metrics.yaml, versies.yaml)."""
        return self.catalog.parent if (self.catalog / TENDER_FILE).is_file() else self.catalog

    @property
    def title(self) -> str:
        """The catalog's name for people: ``title`` of opvang.yml, or the catalog folder's name."""
        return self.settings.title or self.catalog_root.name

    def path(self, relative: str | None) -> Path | None:
        """A path of opvang.yml, relative to the project folder."""
        return None if relative is None else self.root / relative

    def notice(self) -> str | None:
        """What to tell on stderr when the catalog is not the obvious one, else None."""
        if self.found == "boven":
            return f"opvang: catalogus {_show(self.catalog)} (gevonden in een map boven de huidige)"
        if self.found == "omgeving":
            return f"opvang: catalogus {_show(self.catalog)} (uit {ENVIRONMENT})"
        return None


def find_project(explicit: Path | str | None = None, start: Path | None = None, environ=None) -> Project:
    """The project of *explicit* (``--catalog``), else of ``OPVANG_CATALOG``, else found from *start* upward."""
    environ = os.environ if environ is None else environ
    if explicit is not None and str(explicit) != "":
        return _given(Path(explicit), "optie", "--catalog")
    if environ.get(ENVIRONMENT):
        return _given(Path(environ[ENVIRONMENT]), "omgeving", ENVIRONMENT)
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        project = _project_at(folder, "hier" if folder == start else "boven")
        if project is not None:
            return project
    raise InputError(
        Problem(
            _show(start),
            None,
            None,
            "geen catalogus gevonden in deze map of een map erboven. Begin een nieuwe met 'opvang init MAP', "
            f"ga naar een map met een catalogus, of geef de catalogus op met --catalog PAD of {ENVIRONMENT}",
        )
    )


def _given(path: Path, found: str, what: str) -> Project:
    if not path.exists():
        raise InputError(Problem(str(path), None, None, f"{what}: map of bestand niet gevonden; controleer het pad"))
    folder = path if path.is_dir() else path.parent
    if (folder / PROJECT_FILE).is_file() or (path.is_file() and path.name == PROJECT_FILE):
        return _from_settings(folder.resolve(), found)
    if not (folder / TENDER_FILE).is_file() and not _is_catalog(folder) and _is_catalog(folder / DEFAULT_CATALOG):
        folder = folder / DEFAULT_CATALOG
    catalog = folder.resolve()
    root = catalog.parent if (catalog / TENDER_FILE).is_file() else catalog
    return Project(_root_of(root), catalog, found, _settings_above(root))


def _project_at(folder: Path, found: str) -> Project | None:
    if (folder / PROJECT_FILE).is_file():
        return _from_settings(folder, found)
    if (folder / TENDER_FILE).is_file():  # inside one tender: its catalog is the folder above
        root = folder.parent
        return Project(_root_of(root), root, "boven", _settings_above(root))
    if _is_catalog(folder):
        return Project(_root_of(folder), folder, found, _settings_above(folder))
    if _is_catalog(folder / DEFAULT_CATALOG):
        return Project(folder, folder / DEFAULT_CATALOG, found)
    return None


def _from_settings(root: Path, found: str) -> Project:
    settings = read_settings(root / PROJECT_FILE)
    return Project(root, (root / settings.catalog).resolve(), found, settings)


def _root_of(catalog_root: Path) -> Path:
    """The project folder of a catalog: where its opvang.yml is, or the folder above a requirements/."""
    parent = catalog_root.parent
    if (parent / PROJECT_FILE).is_file():
        return parent
    if catalog_root.name == DEFAULT_CATALOG and any((parent / name).exists() for name in ("mkdocs.yml", "docs")):
        return parent
    return catalog_root


def _settings_above(catalog_root: Path) -> Settings:
    project_file = catalog_root.parent / PROJECT_FILE
    if project_file.is_file():
        settings = read_settings(project_file)
        if (catalog_root.parent / settings.catalog).resolve() == catalog_root.resolve():
            return settings
    return Settings()


def _is_catalog(folder: Path) -> bool:
    """Whether *folder* holds at least one tender folder."""
    try:
        return folder.is_dir() and any((child / TENDER_FILE).is_file() for child in folder.iterdir())
    except OSError:
        return False


def read_settings(path: Path) -> Settings:
    """Read and validate ``opvang.yml``; a located Dutch error (exit 1) when it is not valid."""
    from generator.catalog import schema
    from generator.catalog.yamlsource import read_yaml
    from generator.diagnostics import ValidationFailed

    doc = read_yaml(path, _show(path))
    problems = schema.validate(doc, "project")
    if problems:
        raise ValidationFailed(problems)
    data = doc.data
    return Settings(
        catalog=data.get("catalog", DEFAULT_CATALOG),
        title=data.get("title"),
        checklists=data.get("checklists", "checklists"),
        reports=data.get("reports"),
        site=data.get("site", "site"),
    )


def _show(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
