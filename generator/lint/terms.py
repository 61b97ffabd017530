"""The list of vague Dutch formulations, validated and compiled.

The list is data, documented in its own header: per term the word forms (or a regular expression),
false friends to exclude, why it is vague and a measurable rewrite. opvang ships a base list
(``vague-terms.yaml`` beside the schemas, see :mod:`generator.resources`); a catalog may add its own
``vague-terms.yaml`` in its root folder: its terms come after the base terms, and a term with the id
of a base term replaces it. Every list is validated against ``vague-terms.schema.json`` on every load;
a broken list is an unusable input (:class:`~generator.diagnostics.InputError`, exit code 2), because
the lint cannot run without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from generator import resources
from generator.catalog import schema as catalog_schema
from generator.catalog.load import display_path
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem

DEFAULT_TERMS = Path(str(resources.schema_file("vague-terms.yaml")))
TERMS_FILE = "vague-terms.yaml"  # a catalog's own additions, in its root folder
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")  # most severe first

# No letter or digit directly before or after a match: "passend" is not found in "aanpassend".
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


@dataclass(frozen=True)
class VagueTerm:
    id: str
    regex: re.Pattern
    excludes: tuple[re.Pattern, ...]
    max_severity: str
    why: str
    rewrite: str
    vague_examples: tuple[str, ...] = ()
    not_vague_examples: tuple[str, ...] = ()

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, words)`` of every vague occurrence in *text* (already whitespace-normalized)."""
        excluded = [(m.start(), m.end()) for ex in self.excludes for m in ex.finditer(text)]
        out = []
        for match in self.regex.finditer(text):
            if any(start <= match.start() and match.end() <= end for start, end in excluded):
                continue
            out.append((match.start(), match.end(), match.group(0)))
        return out


def normalize(text: str) -> str:
    """Every run of whitespace as one space: terms match across the line breaks of folded YAML."""
    return " ".join(text.split())


def _form_regex(form: str) -> str:
    return r"\s+".join(re.escape(part) for part in form.split())


def _compile(pattern: str, file: str, line: int, what: str) -> re.Pattern:
    try:
        return re.compile(_BEFORE + "(?:" + pattern + ")" + _AFTER, re.IGNORECASE)
    except re.error as exc:
        raise InputError(Problem(file, line, None, f"{what} is geen geldige reguliere expressie: {exc}")) from None


def catalog_terms(catalog_root: Path | None) -> tuple[VagueTerm, ...]:
    """The base terms, extended (and per id replaced) by the catalog's own ``vague-terms.yaml``, if any."""
    base = load_terms(DEFAULT_TERMS)
    own_file = catalog_root / TERMS_FILE if catalog_root is not None else None
    if own_file is None or not own_file.is_file():
        return base
    return merge_terms(base, load_terms(own_file))


def merge_terms(base: tuple[VagueTerm, ...], own: tuple[VagueTerm, ...]) -> tuple[VagueTerm, ...]:
    """*base* with each term of *own* replacing the base term of the same id, new terms after them."""
    replaced = {term.id: term for term in own}
    merged = [replaced.pop(term.id, term) for term in base]
    return (*merged, *(term for term in own if term.id in replaced))


def load_terms(path: Path | str = DEFAULT_TERMS) -> tuple[VagueTerm, ...]:
    """Read, validate and compile the term list at *path*; raise :class:`InputError` on any problem."""
    return _load_terms(str(Path(path).resolve()))


@cache
def _load_terms(path: str) -> tuple[VagueTerm, ...]:
    name = display_path(Path(path))
    doc = read_yaml(Path(path), name)
    problems: list[Problem] = []
    for error in catalog_schema.validator("vague-terms").iter_errors(doc.data):
        problems.extend(catalog_schema._problems(doc, error))
    if problems:
        raise InputError(sorted(set(problems)))
    terms = []
    seen: set[str] = set()
    for index, entry in enumerate(doc.data["terms"]):
        line, _ = doc.where(("terms", index))
        if entry["id"] in seen:
            raise InputError(Problem(name, line, None, f"term '{entry['id']}' staat twee keer in de lijst"))
        seen.add(entry["id"])
        if "pattern" in entry:
            source = entry["pattern"]
        else:
            source = "|".join(_form_regex(f) for f in sorted(entry["forms"], key=len, reverse=True))
        regex = _compile(source, name, line, f"patroon van term '{entry['id']}'")
        excludes = tuple(
            _compile(ex, name, line, f"exclude van term '{entry['id']}'") for ex in entry.get("exclude", [])
        )
        examples = entry.get("examples", {})
        terms.append(
            VagueTerm(
                id=entry["id"],
                regex=regex,
                excludes=excludes,
                max_severity=entry.get("max_severity", "error"),
                why=" ".join(entry["why"].split()),
                rewrite=" ".join(entry["rewrite"].split()),
                vague_examples=tuple(examples.get("vague", [])),
                not_vague_examples=tuple(examples.get("not_vague", [])),
            )
        )
    return tuple(terms)


def find_vague(text: str, terms: tuple[VagueTerm, ...]) -> list[tuple[VagueTerm, str]]:
    """Every vague formulation in *text*, in text order, as ``(term, words found)``.

    Terms are tried in list order; a stretch of text already claimed by an earlier (more specific)
    term is not reported again by a later, more general one.
    """
    text = normalize(text)
    screen = _screen(terms)
    if screen is not None and screen.search(text) is None:  # no term occurs at all: nothing to report
        return []
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, VagueTerm, str]] = []
    for term in terms:
        for start, end, words in term.matches(text):
            if any(start < c_end and c_start < end for c_start, c_end in claimed):
                continue
            claimed.append((start, end))
            found.append((start, term, words))
    found.sort(key=lambda item: item[0])
    return [(term, words) for _, term, words in found]


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _screen(terms: tuple[VagueTerm, ...]) -> re.Pattern | None:
    """One expression matching wherever any of *terms* matches (their union), or None if unsafe."""
    return _union(tuple(term.regex.pattern for term in terms))


@lru_cache(maxsize=8)
def _union(patterns: tuple[str, ...]) -> re.Pattern | None:
    """The union of *patterns*, compiled once per vocabulary.

    Most requirement texts hold no vague term; one search then replaces one per term. Patterns with
    back references would refer to other groups once joined, and a pattern may not join at all
    (a global flag, say): then None, and every term is tried, as before.
    """
    if not patterns or any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None
