"""Headings of a source document: where they are, and how deep.

A heading is recognised in two ways:

- **by the catalog** (a *hint*): the catalog names the section of every requirement the way its
  author read the document (``source.section``, the sections of budget lines and volumes, and the
  ``background`` sections of ``tender.yaml``). ``"11 Bedrijfsvoering ..., a) Inrichting monitoring
  prestaties"`` says that ``a) Inrichting monitoring prestaties`` is a heading one level below
  ``11 Bedrijfsvoering ...``. A hint is found where its words start a line of the document (also
  over several lines, or as the label cell of a table row with the text behind it), or follow the end
  of a sentence and end the line. Numbers are not compared (the catalog writes ``7.5`` where the
  document numbers ``5.`` below ``7.``), but they give the depth: ``7.5`` is one level below ``7``.
- **by its shape**: a numbered line (``6. Scope``, ``B. Uitgangspunten``, ``a) Huidige situatie``,
  ``Ad 2 ...``) that continues the numbering of its level (or starts a new level at 1, A or a), is short,
  does not end like a sentence (``.``, ``;``, ``,`` or ``:``) and is not continued by a lower-case
  line; or a short unnumbered line of at most eight words without digits, after the end of a
  sentence and before a capital. An unnumbered heading is a sibling of a preceding unnumbered
  heading, and a child of a numbered one.

Section names are compared by their words (:func:`section_matches`), so ``7.5 Bijbehorende Kritische
Prestatie Indicatoren (KPI's)`` names the section ``7. Product/dienstbeschrijving``, ``5. Bijbehorende
Kritische Prestatie Indicatoren (KPI’s) op cliënt en casusniveau`` and everything below it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.sources.tokens import Token, words

# Section names join levels with ", " or ": " before a capital, a number or a label ("a) ..."); a
# comma before a lower-case word is part of a title ("Tarief: wat is inclusief, wat is exclusief?").
_SEPARATOR = re.compile(r"[,:]\s+(?=[A-ZÀ-Ý0-9]|[a-z][.)]\s)")
_LABEL = re.compile(
    r"^(?P<label>(?:Ad\.?\s*)?\d+(?:\.\d+)*\.?|[A-Za-z][.)]|\(\d+\))(?=\s|$)\s*(?P<title>.*)$", re.IGNORECASE
)
_NOTE = re.compile(r"\s*\(voetnoot\s+\w+\)\s*$", re.IGNORECASE)
_DOTTED = re.compile(r"^\s*(\d+(?:\.\d+)+)\b")


@dataclass(frozen=True)
class Hint:
    """A heading the catalog names: its words (numbers left out) and its depth.

    A hint made of several parts of a section name (``Ad 1 inhoudelijk invulling dienst: Geef een
    definitie ...``) remembers where each later part starts (``breaks``, word offsets); part *k* is one
    level deeper than part *k - 1*.
    """

    words: tuple[str, ...]
    level: int
    breaks: tuple[int, ...] = ()


def _strip_number_words(tokens: list[str]) -> list[str]:
    """Leave out the numbering at the start: ``7 5 bijbehorende`` -> ``bijbehorende``; ``a inrichting``."""
    i = 0
    while i < len(tokens) and (tokens[i].isdigit() or (len(tokens[i]) == 1 and tokens[i].isalpha())):
        i += 1
    return tokens[i:]


def without_note(section: str) -> str:
    """A section name without the catalog's ``(voetnoot 3)``: the footnote is in that section."""
    return _NOTE.sub("", section).strip()


def hints(sections: Iterable[str]) -> dict[str, tuple[Hint, ...]]:
    """The headings named by catalog *sections*, indexed by their first word.

    Each section is cut at ``, `` and ``: `` before a capital, a number or a label into parts; every
    run of consecutive parts is a possible heading, at the depth of its first part (plus one per extra
    number of a dotted number: ``7.5``).
    """
    found: set[Hint] = set()
    for section in sections:
        parts = [p for p in _SEPARATOR.split(without_note(section)) if p.strip()]
        for i in range(len(parts)):
            extra = 0
            dotted = _DOTTED.match(parts[i])
            if dotted:
                extra = dotted.group(1).count(".")
            for j in range(i, len(parts)):
                hint_words: list[str] = []
                breaks: list[int] = []
                for k in range(i, j + 1):
                    part_words = _strip_number_words(words(parts[k])) if k == i else words(parts[k])
                    if k > i and hint_words:
                        breaks.append(len(hint_words))
                    hint_words.extend(part_words)
                if hint_words:
                    found.add(Hint(tuple(hint_words), i + extra, tuple(breaks)))
    index: dict[str, list[Hint]] = {}
    for hint in sorted(found, key=lambda h: (-len(h.words), h.level, h.words, h.breaks)):
        index.setdefault(hint.words[0], []).append(hint)
    return {first: tuple(items) for first, items in index.items()}


def match_hint(tokens: list[Token], at: int, index: dict[str, tuple[Hint, ...]]) -> tuple[Hint, int, int] | None:
    """The longest hint whose words start at token *at* (after any numbering).

    Returns ``(hint, first token of its words, token after its last word)``.
    """
    i = at
    while i < len(tokens) and i < at + 3 and tokens[i].word.isdigit():
        i += 1
    if i == at and i + 1 < len(tokens) and len(tokens[i].word) == 1 and tokens[i].word.isalpha():
        i += 1  # a letter label: "a) Huidige situatie", "B. Uitgangspunten"

    if i >= len(tokens):
        return None
    for hint in index.get(tokens[i].word, ()):
        n = len(hint.words)
        if i + n <= len(tokens) and all(tokens[i + k].word == hint.words[k] for k in range(n)):
            return hint, i, i + n
    return None


@dataclass(frozen=True)
class Label:
    """The numbering of a heading line: its style and its value (``7.`` -> digits 7; ``b)`` -> lower 2)."""

    style: str  # digits, dotted, upper, lower, ad, paren
    value: int
    depth: int  # number of dotted components minus one


def label_of(text: str) -> tuple[Label, str] | None:
    """The numbering label at the start of *text* and the title after it, or None."""
    match = _LABEL.match(text.strip())
    if match is None:
        return None
    raw = match.group("label")
    title = match.group("title")
    if raw.lower().startswith("ad"):
        number = re.search(r"\d+", raw)
        return Label("ad", int(number.group(0)), 0), title
    if raw.startswith("("):
        return Label("paren", int(raw.strip("()")), 0), title
    if raw[0].isdigit():
        parts = raw.rstrip(".").split(".")
        if len(parts) > 1:
            return Label("dotted", int(parts[-1]), len(parts) - 1), title
        return Label("digits", int(parts[0]), 0), title
    letter = raw[0]
    return Label("upper" if letter.isupper() else "lower", ord(letter.lower()) - ord("a") + 1, 0), title


def section_label(path: tuple[str, ...]) -> str:
    """A section path for people: ``7. Product/dienstbeschrijving`` + ``5. Bijbehorende ...`` becomes
    ``7.5 Bijbehorende ...`` (the way the catalog writes it); other levels are joined with ``, ``."""
    out: list[str] = []
    for heading in path:
        if out:
            parent = label_of(out[-1])
            child = label_of(heading)
            if parent and child and parent[0].style in ("digits", "dotted") and child[0].style == "digits":
                number = re.match(r"\s*(\d+(?:\.\d+)*)", out[-1]).group(1)
                out[-1] = f"{number}.{child[0].value} {child[1]}".strip()
                continue
        out.append(heading)
    return ", ".join(out)


def section_matches(name: str, path: tuple[str, ...]) -> bool:
    """Whether the section *name* (as the catalog writes it) names *path* or a section above it.

    Compared word by word, numbers included: the words of *name* must start the words of the path
    written as the document does or as :func:`section_label` does (``7.1`` is not ``7.10``).
    """
    wanted = words(without_note(name))
    if not wanted:
        return False
    for k in range(1, len(path) + 1):
        for form in (section_label(path[:k]), " ".join(path[:k])):
            have = words(form)
            if have[: len(wanted)] == wanted:
                return True
    return False
