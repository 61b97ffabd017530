"""Find a requirement's text in its source: one unbroken passage, or parts in order around ``[…]``.

Both sides are compared as normalised words (:mod:`generator.sources.tokens`): case, whitespace, line
breaks inside hyphenated words, quote and dash variants, punctuation and bullet glyphs do not count;
every word does. The source is read through its layout (:mod:`generator.sources.layout`): a quote
may run over a page break, past the page's footnotes, page number and header; a footnote is a flow
of its own, so a quote never runs from the text into a footnote. The one other tolerance is the
footnote reference the extraction glued to a word: where a document has footnote ``5``, its word
``wijk5`` also reads as ``wijk`` (and ``20195`` as ``2019``, ``5voor`` as ``voor``).

A list label (``a.``, ``1.``) or a footnote number behind punctuation (``opvangplekken.1``) that the text
leaves out does not count either: like a bullet glyph, it is the document's layout.

A text is split at ``[…]`` (or ``[...]``) into parts; each part must be an unbroken run of the source,
each after the previous one. The result names the passages spanned, or says in Dutch why the text is
not faithful: which part is not in the source (and where it stops matching), or which part comes
before the part it should follow.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.sources.headings import section_matches
from generator.sources.passages import Parsed, Passage
from generator.sources.tokens import Token, tokenize

OMISSION = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]")
_GLUED_AFTER = re.compile(r"^(.*[^\W\d_])(\d{1,2})$")
_GLUED_YEAR = re.compile(r"^((?:19|20)\d\d)(\d)$")
_GLUED_BEFORE = re.compile(r"^(\d{1,2})([^\W\d_].*)$")
_GLUED_INSIDE = re.compile(r"^(.*[^\W\d_])(\d{1,2})([^\W\d_].*)$")
# A bullet a text kept at the start of a line ("o directe begeleiding"): a glyph, not a word.
_TEXT_BULLET = re.compile(r"(?m)^[ \t]*(?:o|[•\uf0b7→▪●-])[ \t]+")
_LABEL = re.compile(r"^(?:\(?\d{1,2}[.)]|[A-Za-z][.)])\s*\w")
_HAS_DIGIT = re.compile(r"\d")
_SHOWN_WORDS = 6


@dataclass(frozen=True)
class QuoteMatch:
    """Where a text stands in its source, or why it is not found as one passage."""

    found: bool
    reason: str | None = None
    ranges: tuple[tuple[int, int], ...] = ()  # character ranges of the parts found, in the original text
    passages: tuple[int, ...] = ()  # numbers of the passages spanned, first to last
    quoted: tuple[int, ...] = ()  # numbers of the passages that hold words of the text

    @property
    def first(self) -> int | None:
        return self.passages[0] if self.passages else None


class SourceIndex:
    """The words of one parsed document, indexed for finding quotes."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        markers = parsed.layout.markers
        roman = any(m.isalpha() for m in markers)
        tokens: list[Token | None] = list(parsed.tokens)
        flows: list[str] = ["main"] * len(tokens)
        notes = parsed.layout.notes
        for lines in parsed.layout.footnotes:
            first = parsed.layout.lines[lines[0] - 1]
            last = parsed.layout.lines[lines[-1] - 1]
            tokens.append(None)  # a footnote is a flow of its own: no quote runs into it
            flows.append("")
            note_tokens = tokenize(notes[first.start : last.end], first.start)
            number = re.match(r"\s*(?:•\s*)?(\d{1,2})\b", notes[first.start : last.end])
            if number and note_tokens and note_tokens[0].word == number.group(1):
                note_tokens = note_tokens[1:]  # the footnote's own number is no text
            tokens.extend(note_tokens)
            flows.extend(["note"] * len(note_tokens))
        self.tokens = tokens
        self.words: list[str | None] = [t.word if t is not None else None for t in tokens]
        self.alternatives: dict[int, frozenset[str]] = {}
        self.index: dict[str, list[int]] = {}
        for position, word in enumerate(self.words):
            if word is None:
                continue
            self.index.setdefault(word, []).append(position)
            alternatives = _unglued(word, markers) if markers and (roman or _HAS_DIGIT.search(word)) else None
            if alternatives:
                self.alternatives[position] = alternatives
                for alternative in alternatives:
                    self.index.setdefault(alternative, []).append(position)
        for positions in self.index.values():
            positions.sort()
        self.passage_of = self._passage_numbers(flows)
        self.optional = self._labels() | self._loose_markers(markers)
        self.special = self.optional | set(self.alternatives)
        self.pairs = self._pairs()

    # -- passages ----------------------------------------------------------------------------------

    def _passage_numbers(self, flows: list[str]) -> list[int | None]:
        by_flow: dict[str, list[Passage]] = {"main": [], "note": []}
        for passage in self.parsed.passages:
            by_flow["note" if passage.kind == "voetnoot" else "main"].append(passage)
        starts = {flow: [p.start for p in items] for flow, items in by_flow.items()}
        out: list[int | None] = []
        for token, flow in zip(self.tokens, flows, strict=True):
            if token is None:
                out.append(None)
                continue
            items = by_flow[flow]
            at = bisect.bisect_right(starts[flow], token.start) - 1
            out.append(items[at].number if at >= 0 and token.start < items[at].end else None)
        return out

    def _labels(self) -> set[int]:
        """Positions of the numbering labels of list items and headings (``a.``, ``1.``, ``(1)``)."""
        starts = [t.start for t in self.parsed.tokens]
        out = set()
        previous_block = None
        for passage in self.parsed.passages:
            if passage.kind == "voetnoot":
                continue
            first_of_block = passage.block != previous_block
            previous_block = passage.block
            if first_of_block and (passage.item or passage.heading) and _LABEL.match(passage.text):
                at = bisect.bisect_left(starts, passage.start)
                if at < len(starts) and starts[at] < passage.end:
                    out.add(at)
        return out

    def _loose_markers(self, markers: frozenset[str]) -> set[int]:
        """Positions of footnote references glued behind punctuation (``opvangplekken.1``, ``OMNV3.``)."""
        text = self.parsed.layout.text
        return {
            position
            for position, token in enumerate(self.tokens)
            if token is not None and token.word in markers and token.start and text[token.start - 1] in ".,;:)’”'\""
        }

    def passage_words(self) -> dict[int, list[str]]:
        """The normalised words of every passage, by passage number."""
        out: dict[int, list[str]] = {}
        for word, number in zip(self.words, self.passage_of, strict=True):
            if word is not None and number is not None:
                out.setdefault(number, []).append(word)
        return out

    # -- matching ----------------------------------------------------------------------------------

    def _wrapped(self, before: int, after: int) -> bool:
        """Whether a line break separates the source words at *before* and *after*."""
        first, second = self.tokens[before], self.tokens[after]
        return first is not None and second is not None and "\n" in self.parsed.layout.text[first.end : second.start]

    def _match(self, position: int, words: list[str]) -> tuple[int, int]:
        """How many of *words* match the source from *position* on, and the source position after them.

        Besides equal words: a glued footnote reference (see :func:`_unglued`), a list label the text
        leaves out, and a word the extraction wrapped over two lines without a hyphen (a table cell).
        """
        source = self.words
        i, j = 0, position
        while i < len(words) and j < len(source):
            have, word = source[j], words[i]
            if have is None:
                break
            if have == word or word in self.alternatives.get(j, ()):
                i, j = i + 1, j + 1
                continue
            if j in self.optional and j != position:
                j += 1
                continue
            combined, k = have, j
            while combined != word and word.startswith(combined) and k + 1 < len(source):
                following = source[k + 1]
                if following is None or not word.startswith(combined + following) or not self._wrapped(k, k + 1):
                    break
                combined, k = combined + following, k + 1
            if combined == word and k > j:
                i, j = i + 1, k + 1
                continue
            break
        return i, j

    def _pairs(self) -> dict[tuple[str, str], list[int]]:
        """Positions by their word and the next word (all forms); by their word alone (key ``(word, "")``)
        where the next position is a label or glued reference that a text may leave out."""
        pairs: dict[tuple[str, str], list[int]] = {}
        words, alternatives, special = self.words, self.alternatives, self.special
        for position in range(len(words) - 1):
            word = words[position]
            if word is None:
                continue
            following = words[position + 1]
            firsts = (word, *alternatives[position]) if position in alternatives else (word,)
            if position + 1 in special:
                seconds: tuple[str, ...] = ("",)
            elif following is None:
                continue
            elif position + 1 in alternatives:
                seconds = (following, *alternatives[position + 1])
            else:
                seconds = (following,)
            for first in firsts:
                for second in seconds:
                    pairs.setdefault((first, second), []).append(position)
        return pairs

    def _candidates(self, words: list[str], start: int = 0) -> list[int]:
        """Where a text with these *words* may start: its first two words (or the second wrapped over a
        line in pieces: any prefix of it) follow each other, or a skippable position follows the first."""
        if len(words) == 1:
            positions = self.index.get(words[0], [])
            return positions[bisect.bisect_left(positions, start) :]
        first, second = words[0], words[1]
        found: set[int] = set(self.pairs.get((first, ""), ()))
        for end in range(1, len(second) + 1):
            found.update(self.pairs.get((first, second[:end]), ()))
        return sorted(p for p in found if p >= start)

    def _occurrences(self, words: list[str], start: int = 0) -> list[tuple[int, int]]:
        out = []
        for p in self._candidates(words, start):
            count, end = self._match(p, words)
            if count == len(words):
                out.append((p, end))
        return out

    def _next(self, words: list[str], start: int) -> tuple[int, int] | None:
        for p in self._candidates(words, start):
            count, end = self._match(p, words)
            if count == len(words):
                return p, end
        return None

    def locate(self, text: str, section: str | None = None) -> QuoteMatch:
        """Find *text* (a requirement's text) in the source; see the module docstring.

        Where the text stands more than once, the place in *section* (the requirement's
        ``source.section``) wins, then the shortest span, then the first.
        """
        parts = OMISSION.split(_TEXT_BULLET.sub("", text))
        segments = [(part, [t.word for t in tokenize(part)]) for part in parts]
        segments = [(part, words) for part, words in segments if words]
        if not segments:
            return QuoteMatch(False, "de tekst bevat geen woorden")
        best: tuple[tuple, list[tuple[int, int]]] | None = None
        for first in self._occurrences(segments[0][1]):
            spans = [first]
            for _, words in segments[1:]:
                found = self._next(words, spans[-1][1])
                if found is None:
                    break
                spans.append(found)
            else:
                rank = (not self._in_section(spans[0][0], section), spans[-1][1] - spans[0][0], spans[0][0])
                if best is None or rank < best[0]:
                    best = (rank, spans)
        if best is None:
            return QuoteMatch(False, self._why(segments))
        return self._result(best[1])

    def _in_section(self, position: int, section: str | None) -> bool:
        number = self.passage_of[position]
        if section is None or number is None:
            return False
        return section_matches(section, self.parsed.passages[number - 1].section)

    def _result(self, spans: list[tuple[int, int]]) -> QuoteMatch:
        ranges = []
        quoted: set[int] = set()
        for a, b in spans:
            ranges.append((self.tokens[a].start, self.tokens[b - 1].end))
            quoted.update(n for n in self.passage_of[a:b] if n is not None)
        numbers = sorted(quoted)
        passages = self.parsed.passages
        flows = {passages[n - 1].kind == "voetnoot" for n in numbers}
        spanned = (
            tuple(p.number for p in passages[numbers[0] - 1 : numbers[-1]] if (p.kind == "voetnoot") in flows)
            if numbers
            else ()
        )
        return QuoteMatch(True, None, tuple(ranges), spanned, tuple(numbers))

    def _why(self, segments: list[tuple[str, list[str]]]) -> str:
        """A Dutch reason why the parts are not found in order."""
        total = len(segments)
        position = 0
        for number, (part, words) in enumerate(segments, start=1):
            where = self._next(words, position)
            if where is not None:
                position = where[1]
                continue
            name = "de tekst" if total == 1 else f"deel {number} van {total} ({_quote(part)})"
            if self._occurrences(words):
                return (
                    f"{name} staat in de bron vóór deel {number - 1}; de delen moeten in de volgorde van de bron "
                    "staan, elke weglating gemarkeerd met […]"
                )
            return f"{name} staat niet als één doorlopende passage in de bron: {self._divergence(part, words)}"
        return "de tekst staat niet in de bron"  # pragma: no cover - locate found no match, so a part fails

    def _divergence(self, part: str, words: list[str]) -> str:
        """Where the longest match of *part* in the source stops, in words a person can find."""
        longest = 0
        for position in self.index.get(words[0], []):
            longest = max(longest, self._match(position, words)[0])
        shown = [t for t in tokenize(part)]
        if longest == 0:
            return f"het eerste woord ('{part[shown[0].start : shown[0].end]}') staat er niet"
        agreed = part[shown[max(0, longest - _SHOWN_WORDS)].start : shown[longest - 1].end]
        rest = shown[longest : longest + _SHOWN_WORDS]
        differs = part[rest[0].start : rest[-1].end]
        return f"'…{_clean(agreed)}' klopt, daarna wijkt '{_clean(differs)}…' af (of is weggelaten zonder […])"


def _clean(text: str) -> str:
    return " ".join(text.split())


def _quote(part: str) -> str:
    words = part.split()
    shown = " ".join(words[:_SHOWN_WORDS])
    return f"'{shown}…'" if len(words) > _SHOWN_WORDS else f"'{shown}'"


def _unglued(word: str, markers: frozenset[str]) -> frozenset[str]:
    """The word without a footnote reference the extraction glued to it (``wijk5`` -> ``wijk``)."""
    out = set()
    if word.isdigit():
        match = _GLUED_YEAR.match(word)
        if match and match.group(2) in markers:
            out.add(match.group(1))
    elif not word.isalpha():
        for pattern, keep in (
            (_GLUED_AFTER, lambda m: m.group(1) if m.group(2) in markers else None),
            (_GLUED_BEFORE, lambda m: m.group(2) if m.group(1) in markers else None),
            (_GLUED_INSIDE, lambda m: m.group(1) + m.group(3) if m.group(2) in markers else None),
        ):
            match = pattern.match(word)
            value = keep(match) if match else None
            if value:
                out.add(value)
    else:
        for roman in (m for m in markers if m.isalpha()):
            if word.endswith(roman) and len(word) - len(roman) >= 4:
                out.add(word[: -len(roman)])
    return frozenset(out)
