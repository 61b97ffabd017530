"""The source documents of a catalog: read, cut into passages and matched with the requirements.

A catalog keeps its sources in ``<catalog root>/bronnen/``; a tender names its document in
``source.document`` of ``tender.yaml``. The folder is a parameter everywhere, so that the caller
decides where a catalog lives. A document that is missing or unreadable is a located Dutch
:class:`~generator.diagnostics.Problem` at the ``source.document`` line of the tender, never a crash.

:func:`load_sources` reads every document once (also when several tenders share it) and locates the
text of every requirement that cites it. The catalog's section names of that document (requirements,
budget lines, volumes and background sections) help find its headings
(:mod:`generator.sources.headings`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.load import display_path
from generator.catalog.model import Catalog, Tender
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem
from generator.sources.passages import Parsed, Passage, parse
from generator.sources.quotes import OMISSION, QuoteMatch, SourceIndex
from generator.sources.tokens import words

FOLDER = "bronnen"
_MAX_BYTES = 20 * 1024 * 1024
_SLUG_LENGTH = 60
# Pieces of a text that is not one passage: its sentences and lines, each looked up on its own.
_PIECES = re.compile(r"(?<=[.!?;:])\s+|\n+")
_MIN_PIECE_WORDS = 3


def sources_folder(catalog_root: Path | str) -> Path:
    """Where the catalog at *catalog_root* keeps its source documents."""
    return Path(catalog_root) / FOLDER


@dataclass(frozen=True)
class SourceDocument:
    """One source document of the catalog, with its passages and the quotes located in it."""

    name: str  # the file name, as source.document names it
    title: str  # for people
    slug: str  # the name of its page on the site
    text: str
    tenders: tuple[str, ...]
    parsed: Parsed
    index: SourceIndex = field(compare=False, repr=False)
    matches: dict[str, QuoteMatch] = field(default_factory=dict, compare=False, repr=False)
    # the passages each requirement quotes; for a text that is not one passage, where its sentences are
    found: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.parsed.passages

    def passage(self, number: int) -> Passage:
        return self.parsed.passages[number - 1]

    def quoted_by(self) -> dict[int, tuple[str, ...]]:
        """For every passage a requirement quotes, the ids of those requirements (catalog order)."""
        out: dict[int, list[str]] = {}
        for requirement, numbers in self.found.items():
            for number in numbers:
                out.setdefault(number, []).append(requirement)
        return {number: tuple(ids) for number, ids in out.items()}


@dataclass(frozen=True)
class Sources:
    """All source documents of (part of) a catalog, and the problems found reading them."""

    documents: dict[str, SourceDocument]
    problems: tuple[Problem, ...] = ()

    def for_tender(self, tender: Tender) -> SourceDocument | None:
        return self.documents.get(tender.source_document)

    def match(self, document: str, requirement: str) -> QuoteMatch | None:
        source = self.documents.get(document)
        return source.matches.get(requirement) if source else None


def read_source(folder: Path, document: str, where: Problem | None = None) -> str:
    """The text of *document* in *folder*; raise :class:`InputError` with a Dutch problem at *where*."""
    path = Path(folder) / document
    if not path.is_file():
        message = (
            f"brondocument '{document}' niet gevonden in {display_path(Path(folder))}; "
            "zet het daar neer of verbeter source.document"
        )
        raise InputError(_at(where, path, message))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(_at(where, path, f"brondocument '{document}' is niet te lezen ({exc.strerror})")) from None
    if len(raw) > _MAX_BYTES:
        raise InputError(_at(where, path, f"brondocument '{document}' is groter dan 20 MB; dat is geen PDF-tekst"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"brondocument '{document}' is geen UTF-8-tekst (byte {exc.start}); sla het op als UTF-8"
        raise InputError(_at(where, path, message)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _at(where: Problem | None, path: Path, message: str) -> Problem:
    if where is None:
        return Problem(display_path(path), None, None, message, "", "SOURCE")
    return Problem(where.file, where.line, where.column, message, where.path, "SOURCE")


def _document_line(tender: Tender) -> Problem:
    """Where ``source.document`` stands in the tender's ``tender.yaml`` (for messages)."""
    location = tender.location
    file = location.file if location else f"{tender.id}/tender.yaml"
    try:
        line, column = read_yaml(Path(file), file).where(("source", "document"))
    except (InputError, OSError):
        line, column = (location.line, location.column) if location else (None, None)
    return Problem(file, line, column, "", "$.source.document")


def section_names(tenders: Iterable[Tender]) -> list[str]:
    """Every name the catalog gives a section of the tenders' document."""
    names: list[str] = []
    for tender in tenders:
        names.extend(req.source.section for req in tender.requirements)
        names.extend(amount.section for amount in (*tender.budget, *tender.volumes))
        names.extend(entry.section for entry in tender.background if entry.section)
    return names


def slugify(title: str) -> str:
    """A page name from a title: ASCII, lower case, words joined by ``-``, at most 60 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > _SLUG_LENGTH:
        slug = slug[:_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or "bron"


def loose_passages(index: SourceIndex, text: str) -> tuple[int, ...]:
    """The passages holding the sentences of a text that is not one passage, each sentence found on its own."""
    numbers: set[int] = set()
    for part in OMISSION.split(text):
        for piece in _PIECES.split(part):
            if len(words(piece)) >= _MIN_PIECE_WORDS:
                match = index.locate(piece)
                if match.found:
                    numbers.update(match.quoted)
    return tuple(sorted(numbers))


def load_sources(catalog: Catalog, folder: Path | str, tenders: Iterable[Tender] | None = None) -> Sources:
    """Read the documents of *tenders* (default: all) from *folder* and locate every requirement's text.

    A missing or unreadable document is reported in ``problems`` and left out.
    """
    chosen = list(tenders) if tenders is not None else list(catalog.tenders)
    by_document: dict[str, list[Tender]] = {}
    for tender in catalog.tenders:  # every tender that cites a chosen document, for its section names
        by_document.setdefault(tender.source_document, []).append(tender)
    wanted = sorted({t.source_document for t in chosen})
    documents: dict[str, SourceDocument] = {}
    problems: list[Problem] = []
    slugs: set[str] = set()
    for name in wanted:
        cited_by = by_document[name]
        try:
            text = read_source(Path(folder), name, _document_line(cited_by[0]))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        parsed = parse(text, section_names(cited_by))
        index = SourceIndex(parsed)
        title = next((t.source_title for t in cited_by if t.source_title), None) or name
        slug = slugify(title)
        while slug in slugs:
            slug = f"{slug}-{len(slugs) + 1}"
        slugs.add(slug)
        matches = {
            req.id: index.locate(req.text, req.source.section) for tender in cited_by for req in tender.requirements
        }
        found = {
            req.id: matches[req.id].quoted if matches[req.id].found else loose_passages(index, req.text)
            for tender in cited_by
            for req in tender.requirements
        }
        documents[name] = SourceDocument(
            name=name,
            title=title,
            slug=slug,
            text=text,
            tenders=tuple(t.id for t in cited_by),
            parsed=parsed,
            index=index,
            matches=matches,
            found=found,
        )
    return Sources(documents, tuple(problems))
