"""Words that show that a passage binds or asks something (``binding-terms.yaml``).

The list is data: per term its word forms and its kind (``plicht``, ``vraag``, ``wens``, ``partij``).
opvang ships one beside its schemas (:mod:`generator.resources`); a catalog may replace it with its own
``binding-terms.yaml`` in its root folder. It is validated against ``binding-terms.schema.json`` on
every load; a broken list
is an unusable input (:class:`~generator.diagnostics.InputError`, exit code 2). Matching is
case-insensitive, on word boundaries, with any whitespace where a form has a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from generator import resources
from generator.catalog import schema as catalog_schema
from generator.catalog.load import display_path
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem

DEFAULT_TERMS = Path(str(resources.schema_file("binding-terms.yaml")))


@dataclass(frozen=True)
class BindingTerm:
    id: str
    kind: str
    regex: re.Pattern


def terms_beside(root: Path) -> Path:
    """The catalog's own term list (``binding-terms.yaml`` in its root) if it has one, else opvang's."""
    folder = root if root.is_dir() else root.parent
    candidate = folder / "binding-terms.yaml"
    return candidate if candidate.is_file() else DEFAULT_TERMS


def load_terms(path: Path | str = DEFAULT_TERMS) -> tuple[BindingTerm, ...]:
    """Read and validate the list at *path*; raise :class:`InputError` on any problem."""
    return _load(str(Path(path).resolve()))


@cache
def _load(path: str) -> tuple[BindingTerm, ...]:
    name = display_path(Path(path))
    doc = read_yaml(Path(path), name)
    validator = jsonschema.Draft202012Validator(resources.schema("binding-terms"))
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems.extend(catalog_schema._problems(doc, error))
    if problems:
        raise InputError(sorted(set(problems)))
    terms = []
    seen: set[str] = set()
    for index, entry in enumerate(doc.data["terms"]):
        if entry["id"] in seen:
            line, _ = doc.where(("terms", index))
            raise InputError(Problem(name, line, None, f"term '{entry['id']}' staat twee keer in de lijst"))
        seen.add(entry["id"])
        forms = sorted(entry["forms"], key=len, reverse=True)
        pattern = "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms)
        terms.append(BindingTerm(entry["id"], entry["kind"], re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])", re.I)))
    return tuple(terms)


def find_signals(text: str, terms: tuple[BindingTerm, ...]) -> tuple[str, ...]:
    """The words of *text* that bind or ask, in text order, each once (lower case)."""
    found: list[tuple[int, str]] = []
    for term in terms:
        for match in term.regex.finditer(text):
            found.append((match.start(), " ".join(match.group(0).lower().split())))
    out: list[str] = []
    for _, words in sorted(found):
        if words not in out:
            out.append(words)
    return tuple(out)
