"""The published versions of the catalog (``versies.yaml``) and what changed from one to the next.

``requirements/versies.yaml`` lists the published versions, each with a label (``versie``), a date
(``datum``) and the git revision (``revisie``, a full hash) of this repository that holds it. The
file is validated against ``requirements/schema/versies.schema.json`` with located Dutch messages.

:func:`change_log` compares, with :mod:`generator.diff`, every consecutive pair of listed versions
and the newest one with the current catalog. A version whose revision cannot be read (a shallow
clone, no git checkout, a revision without a valid catalog) does not stop the build: its steps carry
a Dutch reason instead of a diff, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog import schema as catalog_schema
from generator.catalog.load import display_path
from generator.catalog.model import Catalog
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem, ValidationFailed
from generator.diff import CatalogDiff, Side, compare
from generator.diff.load import is_git_revision, load_revision
from generator.render.catalog_export import requirement_dict, tender_dict

VERSIONS_FILE = "versies.yaml"
_GIT_TIMEOUT = 60


@dataclass(frozen=True)
class Version:
    """One published version of the catalog."""

    label: str
    date: dt.date
    revision: str
    note: str | None = None


@dataclass(frozen=True)
class Step:
    """The changes from version *old* to version *new* (None: the current catalog, not yet published)."""

    old: Version
    new: Version | None
    diff: CatalogDiff | None  # None when a side could not be read
    unreadable: str | None = None  # why not, in Dutch
    tender_titles: dict[str, str] = field(default_factory=dict)  # id → title, of both sides


@dataclass(frozen=True)
class ChangeLog:
    """The versions (oldest first) and the steps between them (newest first)."""

    source: str | None  # the file name of the version list, None when there is none
    versions: tuple[Version, ...] = ()
    steps: tuple[Step, ...] = ()


# --- the version list --------------------------------------------------------------------------


def load_versions(path: Path) -> tuple[Version, ...]:
    """Read and validate the version list at *path*, oldest first (by date, then as listed).

    Raises :class:`InputError` when the file cannot be read and :class:`ValidationFailed` with located
    Dutch problems when it does not match the schema or lists a label twice.
    """
    name = display_path(path)
    doc = read_yaml(path, name)
    problems: list[Problem] = []
    for error in catalog_schema.validator("versies").iter_errors(doc.data):
        problems.extend(catalog_schema._problems(doc, error))
    if problems:
        raise ValidationFailed(sorted(set(problems)))
    versions = []
    seen: set[str] = set()
    for index, entry in enumerate(doc.data["versies"]):
        if entry["versie"] in seen:
            problems.append(
                doc.problem(("versies", index, "versie"), f"versie '{entry['versie']}' staat twee keer in de lijst")
            )
        seen.add(entry["versie"])
        versions.append(
            Version(entry["versie"], dt.date.fromisoformat(entry["datum"]), entry["revisie"], entry.get("toelichting"))
        )
    if problems:
        raise ValidationFailed(problems)
    return tuple(sorted(versions, key=lambda v: v.date))


def default_versions_file(catalog_root: Path) -> Path | None:
    """``versies.yaml`` beside the catalog's tender folders, if there is one."""
    candidate = Path(catalog_root) / VERSIONS_FILE
    return candidate if candidate.is_file() else None


# --- reading revisions -------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> str | None:
    """The output of a read-only git command, or None when git is missing or the command fails."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def _repository(catalog_root: Path) -> tuple[Path, str] | str:
    """The git work tree holding the catalog and the catalog's folder in it, or why there is none."""
    output = _git(["rev-parse", "--show-toplevel", "--show-prefix"], catalog_root)
    if output is None:
        return "de catalogus staat niet in een git-checkout (of git is niet geïnstalleerd)"
    lines = output.splitlines()
    top = Path(lines[0])
    prefix = lines[1].strip().rstrip("/") if len(lines) > 1 else ""
    return top, prefix or "."


def _read_version(version: Version, repository: tuple[Path, str] | str) -> Side | str:
    """The catalog of *version* as a diff side, or why it cannot be read (in Dutch, for the readers of
    the site: the version's label, never its git hash; the hash is in the version list)."""
    if isinstance(repository, str):
        return f"versie {version.label} kan niet worden gelezen: {repository}"
    top, folder = repository
    try:
        if not is_git_revision(version.revision, top):
            return (
                f"versie {version.label} ontbreekt in deze kopie van de repository "
                "(bijvoorbeeld een ondiepe kopie, een shallow clone; haal de geschiedenis op met "
                "git fetch --unshallow)"
            )
        return load_revision(version.revision, top, folder)
    except ValidationFailed as exc:
        first = exc.problems[0].message if exc.problems else "onbekende fout"
        return (
            f"de catalogus van versie {version.label} is niet geldig "
            f"({len(exc.problems)} probleem/problemen, het eerste: {first})"
        )
    except InputError:
        return f"de map '{folder}' met de catalogus ontbreekt in versie {version.label}"


def current_side(catalog: Catalog) -> Side:
    """The catalog being built, as a diff side."""
    return Side(
        "huidige catalogus",
        {t.id: tender_dict(t) for t in catalog.tenders},
        {r.id: requirement_dict(r) for r in catalog.requirements},
    )


def _step(old: Version, new: Version | None, left: Side | str, right: Side | str) -> Step:
    reasons = [side for side in (left, right) if isinstance(side, str)]
    if reasons:
        return Step(old, new, None, "; ".join(dict.fromkeys(reasons)))
    titles = {tid: str(t.get("title", tid)) for side in (left, right) for tid, t in side.tenders.items()}
    return Step(old, new, compare(left, right), None, titles)


def change_log(catalog: Catalog, catalog_root: Path, versions_file: Path | None) -> ChangeLog:
    """Every step between the listed versions and from the newest to *catalog*, newest first."""
    if versions_file is None:
        return ChangeLog(None)
    versions = load_versions(Path(versions_file))
    repository = _repository(Path(catalog_root).resolve())
    sides = [_read_version(v, repository) for v in versions]
    steps = [_step(versions[-1], None, sides[-1], current_side(catalog))]
    for index in range(len(versions) - 1, 0, -1):
        steps.append(_step(versions[index - 1], versions[index], sides[index - 1], sides[index]))
    return ChangeLog(Path(versions_file).name, versions, tuple(steps))
