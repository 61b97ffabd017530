"""The files opvang ships with, found through the installed package (never through the source tree).

In a source checkout the folders stay where a catalog author expects them (``requirements/schema/``
and ``site_templates/``); ``pyproject.toml`` maps them into the package as ``generator.schema`` and
``generator.site_templates``, so an installed wheel carries them and :mod:`importlib.resources` finds
them from any folder:

- ``schema``: the JSON Schemas of the catalog files, of ``opvang.yml`` and of every JSON output, the
  base metric vocabulary (``metrics.yaml``) and the base list of vague terms (``vague-terms.yaml``);
- ``site_templates``: the Jinja2 templates of the generated pages and, in ``base/``, what every site
  starts from (the MkDocs configuration, stylesheet, script, abbreviations and home page), and in
  ``init/`` the files of a new catalog project (``opvang init``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_SCHEMA_PACKAGE = "generator.schema"
_TEMPLATE_PACKAGE = "generator.site_templates"
_SOURCE_TREE = {  # a source checkout that is not installed (e.g. `python -m generator.cli` from the clone)
    _SCHEMA_PACKAGE: ("requirements", "schema"),
    _TEMPLATE_PACKAGE: ("site_templates",),
}


@cache
def _root(package: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.joinpath(*_SOURCE_TREE[package])


def schema_file(name: str) -> Traversable:
    """A file of the schema folder, e.g. ``tender.schema.json`` or ``metrics.yaml``."""
    return _root(_SCHEMA_PACKAGE) / name


def schema(name: str) -> dict:
    """The JSON Schema ``<name>.schema.json`` as a new dict (the file is read once).

    A new dict on every call: some validators (fastjsonschema) rewrite the ``$ref`` values of the schema
    they compile, and no caller may see another caller's changes.
    """
    return json.loads(_schema_text(name))


@cache
def _schema_text(name: str) -> str:
    return schema_file(f"{name}.schema.json").read_text(encoding="utf-8")


def schema_names() -> list[str]:
    """The names of every shipped JSON Schema (without ``.schema.json``), sorted."""
    suffix = ".schema.json"
    return sorted(e.name[: -len(suffix)] for e in _root(_SCHEMA_PACKAGE).iterdir() if e.name.endswith(suffix))


def templates() -> Path:
    """The folder of the Jinja2 page templates, as a file-system path (Jinja2 reads files)."""
    return Path(str(_root(_TEMPLATE_PACKAGE)))


def site_base() -> Path:
    """What every site starts from: ``mkdocs.yml``, ``docs/`` assets and default pages."""
    return templates() / "base"


def project_template() -> Path:
    """The files of a new catalog project, for ``opvang init``."""
    return templates() / "init"
