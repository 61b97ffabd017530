"""Load one side of ``opvang diff`` into a comparable form: the catalog export of contract §1.

A side is, tried in this order: an export JSON file (``opvang export --format json``), a catalog
folder (the catalog root or one tender folder), or a git revision (tag, branch or commit) of the
repository in the working directory, whose catalog folder (``requirements`` by default) is
extracted with ``git archive`` into a temporary folder and loaded like any other catalog.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.catalog.load import display_path, load_catalog
from generator.diagnostics import InputError, Problem, ValidationFailed
from generator.jsonsource import read_json
from generator.render.catalog_export import requirement_dict, tender_dict


@dataclass(frozen=True)
class Side:
    """One side of a diff: a label for people, tenders and requirements as export dicts, by id."""

    label: str
    tenders: dict[str, dict]
    requirements: dict[str, dict]
    name: str = ""  # the catalog's name for people (title of opvang.yml, else its folder); "" for an export


def from_export(document: object, label: str) -> Side:
    """A side from a parsed export JSON document (contract §1)."""
    if not isinstance(document, dict) or not isinstance(document.get("requirements"), list):
        raise InputError(Problem(label, None, None, "geen catalogusexport: verwacht een object met 'requirements'"))
    requirements: dict[str, dict] = {}
    for index, req in enumerate(document["requirements"]):
        if not isinstance(req, dict) or not isinstance(req.get("id"), str):
            raise InputError(Problem(label, None, None, f"eis nummer {index + 1} heeft geen id"))
        if req["id"] in requirements:
            raise InputError(Problem(label, None, None, f"eis {req['id']} staat twee keer in de export"))
        requirements[req["id"]] = _upgrade(req)
    tenders = {
        t["id"]: t for t in document.get("tenders") or [] if isinstance(t, dict) and isinstance(t.get("id"), str)
    }
    return Side(label, tenders, requirements)


def _upgrade(req: dict) -> dict:
    """A requirement of an export of format 1 in the form of format 2 (applies_to a list, kind given)."""
    norms = req.get("norms")
    if not isinstance(norms, list):
        return req
    upgraded = []
    for norm in norms:
        if isinstance(norm, dict):
            norm = dict(norm)
            if isinstance(norm.get("applies_to"), str):
                norm["applies_to"] = [norm["applies_to"]]
            norm.setdefault("kind", "norm")
        upgraded.append(norm)
    return {**req, "norms": upgraded}


def load_export(path: Path) -> Side:
    name = display_path(path)
    return from_export(read_json(path, name), name)


def load_folder(path: Path, label: str | None = None) -> Side:
    catalog = load_catalog(path)
    return Side(
        label or display_path(path),
        {t.id: tender_dict(t) for t in catalog.tenders},
        {r.id: requirement_dict(r, t.period.start) for t in catalog.tenders for r in t.requirements},
        catalog_name(path),
    )


def catalog_name(path: Path) -> str:
    """The name for people of the catalog at *path*, as every report names it (:attr:`Project.title`)."""
    from generator.project import find_project

    try:
        return find_project(path).title
    except InputError:  # an opvang.yml above that is not valid: the diff itself does not need it
        folder = path if path.is_dir() else path.parent
        return (folder.parent if (folder / "tender.yaml").is_file() else folder).name


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except subprocess.TimeoutExpired:
        raise InputError(Problem("git", None, None, "git reageert niet (na 120 seconden afgebroken)")) from None
    except FileNotFoundError:
        raise InputError(
            Problem("git", None, None, "git is niet geïnstalleerd; geef twee mappen of JSON-bestanden")
        ) from None


def is_git_revision(revision: str, repo: Path) -> bool:
    if revision.startswith("-"):
        return False
    result = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], repo)
    return result.returncode == 0


def load_revision(revision: str, repo: Path, catalog_dir: str = "requirements") -> Side:
    """The catalog folder *catalog_dir* as it was at *revision*, via ``git archive`` (read-only)."""
    result = _git(["archive", "--format=tar", revision, "--", catalog_dir], repo)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else "onbekende fout"
        raise InputError(Problem(revision, None, None, f"map '{catalog_dir}' niet gevonden in git-revisie ({detail})"))
    with tempfile.TemporaryDirectory(prefix="opvang-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
            archive.extractall(tmp, filter="data")
        _project_file(revision, repo, catalog_dir, Path(tmp))
        try:
            return load_folder(Path(tmp) / catalog_dir, f"{revision}")
        except InputError as exc:
            problems = [_relabel(p, tmp, revision) for p in exc.problems]
            raise type(exc)(problems) from None


def _project_file(revision: str, repo: Path, catalog_dir: str, tmp: Path) -> None:
    """The opvang.yml beside the catalog folder at *revision*, if there is one: the catalog's name is in it."""
    parent = PurePosixPath(catalog_dir).parent
    if ".." in parent.parts or parent.is_absolute():
        return
    name = "opvang.yml" if str(parent) in ("", ".") else f"{parent}/opvang.yml"
    result = _git(["show", f"{revision}:{name}"], repo)
    target = tmp / name
    if result.returncode == 0 and target.parent.is_dir():
        target.write_bytes(result.stdout)


def _relabel(problem: Problem, tmp: str, revision: str) -> Problem:
    file = problem.file
    for prefix in (tmp, display_path(Path(tmp))):
        if file.startswith(prefix):
            file = f"{revision}:{file[len(prefix) :].lstrip('/')}"
    return Problem(file, problem.line, problem.column, problem.message, problem.path, problem.rule, problem.severity)


def load_side(spec: str, repo: Path | None = None, catalog_dir: str = "requirements") -> Side:
    """Load *spec*: an export JSON file, a catalog folder, or a git revision (in that order)."""
    path = Path(spec)
    if path.suffix.lower() == ".json" and path.exists():  # also a FIFO or device: refused by the reader
        return load_export(path)
    if path.is_file():
        return load_folder(path)
    if path.is_dir():
        return load_folder(path)
    repo = repo or Path.cwd()
    if is_git_revision(spec, repo):
        return load_revision(spec, repo, catalog_dir)
    raise InputError(Problem(spec, None, None, "niet gevonden: geen catalogusmap, export-JSON-bestand of git-revisie"))


__all__ = ["Side", "ValidationFailed", "from_export", "load_export", "load_folder", "load_revision", "load_side"]
