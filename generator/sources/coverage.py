"""Source coverage: which passages of a tender's document its requirements quote, and what is left.

Every passage that is not a heading is exactly one of:

- ``geciteerd``: a requirement of the tender quotes it (its text holds words of the passage; the words
  a ``[…]`` leaves out do not count). A requirement whose text is not one passage of the source still
  counts where its sentences are found, and is listed, so that coverage never hides a fidelity problem;
- ``achtergrond``: ``tender.yaml`` marks it as background, a whole section (``section``, named as
  the catalog names sections, or as this report shows them) or one passage (``quote``: its first
  words), with a reason;
- ``open``: neither. An open passage *binds or asks* when it holds a word of
  ``binding-terms.yaml``; those are what is left to decide.

Share covered = (quoted + background) / all passages; the same over the passages that bind or ask.
A background entry that matches no passage is a problem of the catalog (located in ``tender.yaml``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.model import Background, Tender
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem
from generator.sources import headings
from generator.sources.library import SourceDocument
from generator.sources.passages import Passage
from generator.sources.signals import BindingTerm, find_signals
from generator.sources.tokens import words

STATUSES = ("geciteerd", "achtergrond", "open")


@dataclass(frozen=True)
class PassageCoverage:
    """One passage of the document and how the tender covers it."""

    passage: Passage
    status: str  # geciteerd | achtergrond | open
    requirements: tuple[str, ...] = ()  # the requirements that quote it
    reason: str | None = None  # why it is background
    signals: tuple[str, ...] = ()  # words that bind or ask

    @property
    def binding(self) -> bool:
        return bool(self.signals)


@dataclass(frozen=True)
class TenderCoverage:
    """The coverage of one tender's source document."""

    tender: str
    title: str
    document: str
    document_title: str
    passages: tuple[PassageCoverage, ...]
    unfaithful: tuple[tuple[str, str], ...] = ()  # (requirement id, why its text is not one passage)
    problems: tuple[Problem, ...] = ()  # background entries that match nothing

    def count(self, status: str | None = None, binding: bool = False) -> int:
        return sum(1 for p in self.passages if (status is None or p.status == status) and (not binding or p.binding))

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def share(self) -> float | None:
        """Quoted plus background passages, in % of all passages (None without passages)."""
        return self._share(self.count() - self.count("open"), self.count())

    @property
    def binding_share(self) -> float | None:
        """The same over the passages that bind or ask."""
        binding = self.count(binding=True)
        return self._share(binding - self.count("open", binding=True), binding)

    @property
    def open_passages(self) -> tuple[PassageCoverage, ...]:
        """The open passages, those that bind or ask first, each group in document order."""
        open_ = [p for p in self.passages if p.status == "open"]
        return tuple(sorted(open_, key=lambda p: (not p.binding, p.passage.number)))


def tender_coverage(tender: Tender, source: SourceDocument, terms: tuple[BindingTerm, ...]) -> TenderCoverage:
    """How *tender*'s requirements and background cover *source* (its document)."""
    quoted: dict[int, list[str]] = {}
    unfaithful: list[tuple[str, str]] = []
    for req in tender.requirements:
        match = source.matches.get(req.id) or source.index.locate(req.text, req.source.section)
        if not match.found:
            unfaithful.append((req.id, match.reason or ""))
        numbers = source.found.get(req.id, match.quoted)
        for number in numbers:
            quoted.setdefault(number, []).append(req.id)
    background, problems = _background(tender, source)
    out = []
    for passage in source.passages:
        if passage.heading:
            continue
        signals = find_signals(passage.text, terms)
        if passage.number in quoted:
            out.append(PassageCoverage(passage, "geciteerd", tuple(quoted[passage.number]), None, signals))
        elif passage.number in background:
            out.append(PassageCoverage(passage, "achtergrond", (), background[passage.number], signals))
        else:
            out.append(PassageCoverage(passage, "open", (), None, signals))
    return TenderCoverage(
        tender=tender.id,
        title=tender.title,
        document=source.name,
        document_title=source.title,
        passages=tuple(out),
        unfaithful=tuple(unfaithful),
        problems=tuple(problems),
    )


def _background(tender: Tender, source: SourceDocument) -> tuple[dict[int, str], list[Problem]]:
    """Passage number -> reason for every passage the tender marks as background, and what matched nothing."""
    marked: dict[int, str] = {}
    problems: list[Problem] = []
    passage_words = source.index.passage_words()
    content = [p for p in source.passages if not p.heading]
    for index, entry in enumerate(tender.background):
        reason = " ".join(entry.reason.split())
        if entry.section is not None:
            found = [p.number for p in content if headings.section_matches(entry.section, p.section)]
            if not found:
                problems.append(_problem(tender, index, _no_section(entry)))
        else:
            found = _passages_starting_with(entry.quote or "", content, passage_words)
            if not found:  # the first words of a heading: everything under that heading
                found = _section_under_heading(entry.quote or "", source.passages, passage_words)
            if not found:
                problems.append(_problem(tender, index, _no_quote(entry, source)))
        for number in found:
            marked.setdefault(number, reason)
    return marked, problems


def _passages_starting_with(quote: str, content: list[Passage], passage_words: dict[int, list[str]]) -> list[int]:
    wanted = words(quote)
    if not wanted:
        return []
    return [p.number for p in content if passage_words.get(p.number, [])[: len(wanted)] == wanted][:1]


def _section_under_heading(
    quote: str, passages: tuple[Passage, ...] | list[Passage], passage_words: dict[int, list[str]]
) -> list[int]:
    """The content passages of the section whose heading starts with *quote* (none when no heading does)."""
    wanted = words(quote)
    heading = next(
        (p for p in passages if p.heading and (passage_words.get(p.number) or words(p.text))[: len(wanted)] == wanted),
        None,
    )
    if heading is None or not wanted:
        return []
    depth = len(heading.section)
    return [p.number for p in passages if not p.heading and p.section[:depth] == heading.section]


def _no_section(entry: Background) -> str:
    return (
        f"achtergrondsectie '{entry.section}' komt in het brondocument niet voor; gebruik de sectienaam zoals "
        "opvang coverage of de eisen (source.section) hem schrijven"
    )


def _no_quote(entry: Background, source: SourceDocument) -> str:
    match = source.index.locate(entry.quote or "")
    if match.found:
        passage = source.passage(match.quoted[0])
        start = " ".join(passage.text.split()[:6])
        return (
            f"achtergrondpassage '{entry.quote}' staat midden in passage {passage.anchor} ('{start} …'); "
            "geef de eerste woorden van de passage"
        )
    return f"achtergrondpassage '{entry.quote}' staat niet in het brondocument; geef de eerste woorden letterlijk"


def _problem(tender: Tender, index: int, message: str) -> Problem:
    file = tender.location.file if tender.location else f"{tender.id}/tender.yaml"
    line, column = None, None
    with contextlib.suppress(InputError, OSError):
        line, column = read_yaml(Path(file), file).where(("background", index))
    return Problem(file, line, column, message, f"$.background[{index}]", "BACKGROUND")
