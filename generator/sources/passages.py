"""A source document as passages: the sentences, list items and headings a person would point at.

Each passage knows its section (the path of headings above it), its place in the original text
(``start``/``end``, so that a quote can be mapped back to it) and a stable anchor ``p-<n>`` in document
order. Its ``text`` is what a person reads: the words of the document with the extraction noise
(line breaks, page headers, bullet glyphs, HTML tags) removed, nothing else changed.

How the text is cut (on top of :mod:`generator.sources.layout`):

- a **block** is a paragraph or a list item. A list item starts at a bullet (or a lost one), at a
  numbered or lettered line (``1.``, ``a.``, ``b)``, ``(1)``) or, in an HTML extraction, at ``- ``,
  ``• `` or ``2.`` right behind a tag or the end of a sentence. A paragraph ends where a sentence ends
  at the end of a line and a blank line with spaces, two blank lines or a page break follow; or after
  a short line (a table row) followed by a capital. Table cells separated by a tab, and HTML blocks
  (``<p>``, ``<li>``), are blocks of their own;
- a block is cut into **sentences** at ``.``, ``?`` and ``!`` followed by a capital or a digit, but not
  after an abbreviation (``o.a.``, ``bijv.``, a single letter);
- **headings** are found by :mod:`generator.sources.headings`; a heading glued in front of the text of
  a table row (``Toekomstvisie De gemeente koopt ...``) is split off;
- **footnotes** are passages of their own (kind ``voetnoot``), without their number, in the section
  where they stand.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.sources import headings
from generator.sources.layout import Layout, analyse
from generator.sources.tokens import Token, tokenize

KINDS = ("kop", "zin", "voetnoot")  # heading, sentence or list item, footnote

HTML_BLOCK = re.compile(r"</?(?:p|ol|ul|li|br)\b[^<>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(HTML_BLOCK.pattern + r"|\t", re.IGNORECASE)
_INLINE_ITEM = re.compile(r"(?<=[.;:>)])[ \t]*(?=(?:[-•][ \t]|\d{1,2}\.[ \t]?[A-Z]))")
_NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|\(\d+\))(?:\s|(?=[A-Za-z]))")
# A sentence ends at . ? or ! (and closing quotes or brackets, or a footnote number glued to it:
# "continuüm.1 Veenendaal") before a capital or a digit.
_SENTENCE = re.compile(r"[.!?][\"'’”)\]]*(?:\d{1,2}(?=\s+[A-ZÀ-Ý]))?(?=\s+[\"'‘“(]?[A-ZÀ-Ý0-9])")
_ABBREVIATION = re.compile(r"(?:^|[\s(])((?:[A-Za-z]\.)*[A-Za-z]{1,2}|[A-Za-z]+(?:\.[A-Za-z]+)+)$")
_KNOWN_ABBREVIATIONS = frozenset(
    ("bijv", "etc", "zgn", "nr", "max", "min", "incl", "excl", "ca", "cq", "resp", "vnl", "evt", "jl", "art")
    + ("blz", "ong", "vgl", "nl", "dhr", "mevr", "mr", "dr", "prof")
)
# A line ending in a function word goes on: "Amersfoort is centrumgemeente voor" is no heading.
_OPEN_END = re.compile(
    r"\b(?:de|het|een|en|of|van|voor|vanaf|met|in|op|tot|te|aan|bij|om|die|dat|is|zijn|wordt|worden|naar|uit|"
    r"over|als|dan|door|per|zoals|sinds|wij|we|zij)$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:;][\"'’”)\]]*\s*$")
_STARTS_UPPER = re.compile(r"^\s*[\"'‘“(*]?[A-ZÀ-Ý0-9]")
_FOOTNOTE_NUMBER = re.compile(r"^(\s*(?:•\s*)?)(\d{1,2})\s+")
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W_])-\n\s*")
_SPACE = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Passage:
    """One heading, sentence or footnote sentence of a source document."""

    number: int  # 1-based, in document order
    kind: str  # kop | zin | voetnoot
    section: tuple[str, ...]  # headings above it (a heading: up to and including itself)
    start: int  # character range in the original text, first to last character
    end: int
    text: str
    block: int  # passages of one paragraph or list item share this number
    item: bool = False  # the block is a list item
    level: int = 0  # a heading's depth (0 = top)
    note: str | None = None  # a footnote's number

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"

    @property
    def section_label(self) -> str:
        return headings.section_label(self.section)

    @property
    def heading(self) -> bool:
        return self.kind == "kop"


@dataclass(frozen=True)
class Parsed:
    """A document's layout, main-flow tokens and passages."""

    layout: Layout
    tokens: tuple[Token, ...]  # of the main flow
    passages: tuple[Passage, ...]


def display(text: str) -> str:
    """The text a person reads: line breaks inside hyphenated words removed, whitespace collapsed."""
    return _SPACE.sub(" ", _LINE_BREAK_HYPHEN.sub("-", text)).strip()


def parse(text: str, sections: Iterable[str] = ()) -> Parsed:
    """Cut *text* into passages; *sections* are the catalog's names of sections of this document."""
    layout = analyse(text)
    tokens = tuple(tokenize(layout.main))
    builder = _Builder(layout, tokens, headings.hints(sections))
    builder.run()
    return Parsed(layout, tokens, builder.finish())


@dataclass
class _Piece:
    """A stretch of one line of the main flow: the whole line, a table cell or an HTML block."""

    start: int
    end: int
    line: int
    first: bool  # the first piece of its line
    structural: bool  # starts at a tab or an HTML block tag


@dataclass
class _Heading:
    text: str
    level: int
    numbered: bool
    label: headings.Label | None
    hinted: bool = False


class _Builder:
    """Walks the pieces of the main flow once, keeping the current section and block."""

    def __init__(self, layout: Layout, tokens: tuple[Token, ...], hint_index):
        self.layout = layout
        self.main = layout.main
        self.tokens = list(tokens)
        self.token_starts = [t.start for t in tokens]
        self.hints = hint_index
        self.path: list[_Heading] = []
        self.out: list[Passage] = []  # numbered in document order by finish()
        self.block = 0
        self.block_start: int | None = None
        self.block_end = 0
        self.block_item = False
        self.skip_until = -1  # main-flow offset up to which text belongs to a heading already emitted
        self.prev_end: int | None = None  # end of the last text or heading
        self.prev_heading = False
        lengths = [len(line.text.strip()) for line in layout.lines if self.main[line.start : line.end].strip()]
        self.median = statistics.median(lengths) if lengths else 0

    # -- pieces ------------------------------------------------------------------------------------

    def pieces(self) -> list[_Piece]:
        """The non-blank lines of the main flow, cut at tabs, HTML block tags and inline list items."""
        out: list[_Piece] = []
        for line in self.layout.lines:
            cleaned = self.main[line.start : line.end]
            if not cleaned.strip():
                continue
            cuts = [0]
            raw = self.layout.text[line.start : line.end]
            for match in _BLOCK_TAG.finditer(raw):
                cuts.append(match.start())
                cuts.append(match.end())
            for match in _INLINE_ITEM.finditer(cleaned):
                cuts.append(match.end())
            cuts.append(len(cleaned))
            cuts = sorted(set(cuts))
            first = True
            for a, b in zip(cuts, cuts[1:], strict=False):
                if not cleaned[a:b].strip():
                    continue
                # A tab after an empty first cell continues the text; a tag or a filled cell starts a block.
                structural = a > 0 and (bool(HTML_BLOCK.search(raw[max(0, a - 40) : a])) or bool(raw[:a].strip()))
                out.append(_Piece(line.start + a, line.start + b, line.number, first, structural))
                first = False
        return out

    # -- main walk ---------------------------------------------------------------------------------

    def run(self) -> None:
        previous: _Piece | None = None
        endnotes = sorted(self.layout.endnotes)
        for piece in self.pieces():
            while endnotes and piece.line > endnotes[0]:
                line = self.layout.lines[endnotes.pop(0) - 1]
                self.emit_heading(line.start, line.end, 0, None, text=f"Eindnoot {line.text.strip()}")
                previous = None
            if piece.end <= self.skip_until:
                continue
            if piece.start < self.skip_until:
                piece = _Piece(self.skip_until, piece.end, piece.line, False, True)
                if not self.main[piece.start : piece.end].strip():
                    continue
            self.piece(piece, previous)
            previous = piece
        self.flush()

    def piece(self, piece: _Piece, previous: _Piece | None) -> None:
        """Take *piece* as a heading, the start of a new block, or the continuation of the current one."""
        text = self.main[piece.start : piece.end]
        glyph = piece.first and piece.line in self.layout.items and self._visible_glyph(piece.line)
        if not glyph and self.try_heading(piece, text):
            return
        item = (piece.first and piece.line in self.layout.items) or bool(_NUMBERED_ITEM.match(text))
        if not item and re.match(r"^\s*[-•]\s", text) and piece.structural:
            item = True
            offset = re.match(r"^\s*[-•]\s*", text).end()
            piece = _Piece(piece.start + offset, piece.end, piece.line, piece.first, True)
        if item or piece.structural or self.block_start is None or self.paragraph_break(previous, piece):
            self.flush()
            self.block_start = piece.start
            self.block_item = item
        self.block_end = piece.end
        self.prev_end = piece.end
        self.prev_heading = False

    def _visible_glyph(self, line_number: int) -> bool:
        line = self.layout.lines[line_number - 1]
        return bool(self.layout.text[line.start : self.layout.items[line_number]].strip())

    def paragraph_break(self, previous: _Piece | None, piece: _Piece) -> bool:
        """Whether *piece* starts a new paragraph rather than continuing the current block."""
        if previous is None:
            return True
        before = self.main[self.block_start : self.block_end]
        upper = bool(_STARTS_UPPER.match(self.main[piece.start : piece.end]))
        prev_text = self.main[previous.start : previous.end].strip()
        short = bool(prev_text) and self.median and len(prev_text) < 0.6 * self.median
        if upper and short and not re.search(r"[,;\-–]$", prev_text) and not _OPEN_END.search(prev_text):
            return True  # a short line, such as a table row, followed by a capital
        if not _TERMINAL.search(before):
            return False
        if not upper:
            return False
        if self.block_item:
            return True
        gap = self.main[previous.end : piece.start]
        return gap.count("\n") > 2 or bool(re.search(r"\n[ \t]+\n", gap)) or piece.line in self.layout.page_starts

    # -- headings ----------------------------------------------------------------------------------

    def token_at(self, offset: int) -> int:
        return bisect.bisect_left(self.token_starts, offset)

    def try_heading(self, piece: _Piece, text: str) -> bool:
        at = self.token_at(piece.start)
        if at >= len(self.tokens) or self.tokens[at].start >= piece.end:
            return False
        found = headings.match_hint(self.tokens, at, self.hints)
        if found is not None:
            hint, first_token, end_token = found
            end = self.hint_end(piece, at, first_token, end_token)
            if end is not None:
                self.emit_hint(piece.start, end, hint, first_token)
                self.skip_until = end
                if end < piece.end and self.main[end : piece.end].strip():
                    rest = _Piece(end, piece.end, piece.line, False, True)
                    self.block_start = None
                    self.piece(rest, None)
                return True
        generic = self.generic_heading(piece, text)
        if generic is not None:
            level, label = generic
            self.emit_heading(piece.start, piece.end, level, label)
            return True
        return False

    def hint_end(self, piece: _Piece, at: int, first_token: int, end_token: int) -> int | None:
        """Where a heading named by the catalog ends, or None if the match is not a heading here.

        Not a heading: a title in lower case without a number before it; an item of a list (after a
        line ending in ``:`` or ``;`` without a blank line between). A heading followed on its line by
        lower-case text goes on to the end of that text (the catalog shortened the title); followed by
        a capital, the rest of the line is the first cell of a table row.
        """
        title = self.layout.text[self.tokens[first_token].start]
        if first_token == at and not (title.isupper() or title.isdigit()):
            return None
        if first_token > at and "\n" in self.main[self.tokens[at].start : self.tokens[first_token].start]:
            return None  # a number on the line above is no part of the heading (a table cell)
        if self.prev_end is not None and not self.prev_heading:
            before = self.main[max(0, self.prev_end - 200) : self.prev_end].rstrip()
            if before[-1:] in (":", ";") and self.main[self.prev_end : piece.start].count("\n") <= 2:
                return None
        end = self._absorb_punctuation(self.tokens[end_token - 1].end)
        if end <= piece.end:
            line_end = piece.end  # the rest of this cell or line
        else:
            line_end = self.main.find("\n", end)
            line_end = len(self.main) if line_end < 0 else line_end
        rest = self.main[end:line_end]
        lower = not (title.isupper() or title.isdigit())
        if not rest.strip():
            return None if lower and re.search(r"[;,]\s*$", self.main[:end]) else end
        short = end_token - first_token == 1 and len(self.tokens[first_token].word) <= 3
        if not piece.first or short:
            return None  # "NB" before a sentence is no heading
        if re.match(r"\s*[\"'‘“]?[A-ZÀ-Ý0-9•-]", rest):
            return end
        end = line_end
        while len(display(self.main[piece.start : end])) < 250:
            following = _NON_SPACE.search(self.main, end)
            if following is None or not following.group(0).islower():
                break
            next_end = self.main.find("\n", following.start())
            end = len(self.main) if next_end < 0 else next_end
        while end > piece.start and self.main[end - 1].isspace():
            end -= 1
        return None if self.main[end - 1] in ";," else end

    def _absorb_punctuation(self, end: int) -> int:
        while end < len(self.main) and self.main[end] in ":;.?)":
            if self.main[end] == ")" and "(" not in self.main[max(0, end - 80) : end]:
                break
            end += 1
        return end

    def next_text(self, piece: _Piece) -> str:
        """The next non-blank line of the main flow after *piece*."""
        at = piece.end
        while at < len(self.main):
            end = self.main.find("\n", at)
            end = len(self.main) if end < 0 else end
            line = self.main[at:end].strip()
            if line:
                return line
            at = end + 1
        return ""

    def generic_heading(self, piece: _Piece, text: str) -> tuple[int, headings.Label | None] | None:
        stripped = text.strip()
        if not stripped or len(stripped) > 90 or not piece.first and not piece.structural:
            return None
        if piece.first and piece.line in self.layout.items:
            return None  # a list item, also where the extraction lost its bullet
        following = self.next_text(piece)
        if following[:1].islower() and headings.label_of(following) is None:
            return None  # the line goes on in lower case (but "a) Huidige situatie" is a sub-heading)
        labelled = headings.label_of(stripped)
        if labelled is not None:
            label, title = labelled
            if not title or len(title) > 80 or re.search(r"[.,;:]\s*$", title):
                return None
            if label.style == "paren":
                return None
            level = self.numbered_level(label)
            return (level, label) if level is not None else None
        if len(stripped) > 60 or len(stripped.split()) > 8 or re.search(r"[\d,;:]", stripped):
            return None
        if not stripped[0].isupper() or re.search(r"[.,;:!?\-–]$", stripped) or _OPEN_END.search(stripped):
            return None
        gap = self.main[self.prev_end or 0 : piece.start]
        if not (
            self.prev_end is None
            or self.prev_heading
            or piece.structural
            or "\t" in self.layout.lines[piece.line - 1].text  # the first cell of a table row
            or gap.count("\n") > 2
            or re.search(r"\n[ \t]+\n", gap)
            or piece.line in self.layout.page_starts
        ):
            return None  # a line inside a paragraph (a narrow column), not after a paragraph break
        if self.block_start is not None and not _TERMINAL.search(self.main[self.block_start : self.block_end]):
            return None
        if following and not _STARTS_UPPER.match(following) and following[:1] not in "•-→\uf0b7":
            return None
        if self.path and not self.path[-1].numbered and not self.path[-1].hinted:
            return len(self.path) - 1, None  # a sibling of the previous unnumbered heading found by shape
        return len(self.path), None

    def numbered_level(self, label: headings.Label) -> int | None:
        """The level of a numbered heading that continues a numbering of the path, or starts one.

        Continuing: the next number of a heading of the same style above it (one or two numbers may
        have been no heading: "3. Omschrijving ... ." ends like a sentence). Starting: a first number
        (1, A, a) below the deepest heading, or any number when no heading above is numbered.
        """
        for depth in range(len(self.path) - 1, -1, -1):
            other = self.path[depth].label
            if other is not None and other.style == label.style and 0 < label.value - other.value <= 3:
                return depth
        if not any(h.numbered for h in self.path):
            return 0
        return len(self.path) if label.value == 1 else None

    def emit_hint(self, start: int, end: int, hint: headings.Hint, first_token: int) -> None:
        """Emit the heading(s) of a matched hint: one per part that starts a new line with a capital."""
        cuts = [start]
        for offset in hint.breaks:
            token = self.tokens[first_token + offset]
            gap = self.main[self.tokens[first_token + offset - 1].end : token.start]
            if "\n" in gap and (
                self.layout.text[token.start].isupper() or headings.label_of(self.main[token.start : end]) is not None
            ):
                cuts.append(token.start)
        cuts.append(end)
        for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
            labelled = headings.label_of(display(self.main[a:b]))
            self.emit_heading(a, b, hint.level + k, labelled[0] if labelled else None, hinted=True)

    def emit_heading(
        self,
        start: int,
        end: int,
        level: int,
        label: headings.Label | None,
        text: str | None = None,
        hinted: bool = False,
    ) -> None:
        self.flush()
        text = text or display(self.main[start:end])
        self.prev_end = end
        self.prev_heading = True
        level = max(0, min(level, len(self.path)))
        self.path = self.path[:level] + [_Heading(text, level, label is not None, label, hinted)]
        self.out.append(Passage(0, "kop", self.section(), start, end, text, self.next_block(), level=level))

    def section(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.path)

    def next_block(self) -> int:
        self.block += 1
        return self.block

    # -- blocks and sentences ----------------------------------------------------------------------

    def flush(self) -> None:
        if self.block_start is None:
            return
        start, end, item = self.block_start, self.block_end, self.block_item
        self.block_start = None
        block = self.next_block()
        for index, (a, b) in enumerate(self.sentences(start, end)):
            at = self.token_at(a)
            if index > 0 and at < len(self.tokens):
                found = headings.match_hint(self.tokens, at, self.hints)
                if found is not None:
                    hint, first_token, end_token = found
                    h_end = self._absorb_punctuation(self.tokens[end_token - 1].end)
                    tail = self.main[h_end:b]
                    if h_end <= b and "\n" in self.main[h_end : h_end + len(tail) + 2] and not tail.strip():
                        self.emit_hint(a, h_end, hint, first_token)
                        block = self.next_block()
                        item = False
                        continue
            self.out.append(Passage(0, "zin", self.section(), a, b, display(self.main[a:b]), block, item))

    def sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        text = self.main[start:end]
        cuts = [0]
        for match in _SENTENCE.finditer(text):
            before = text[: match.start()]
            abbreviation = _ABBREVIATION.search(before)
            if text[match.start()] == "." and abbreviation is not None:
                word = abbreviation.group(1)
                if "." in word or len(word) <= 1 or word.lower() in _KNOWN_ABBREVIATIONS:
                    continue
            if text[match.start()] == "." and re.fullmatch(r"\s*(?:\d{1,2}|[a-zA-Z])", before[cuts[-1] :]):
                continue  # the label of a numbered item ("1. Realiseren")
            cuts.append(match.end())
        cuts.append(len(text))
        out = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = text[a:b]
            if not piece.strip():
                continue
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            out.append((start + a + lead, start + b - trail))
        return out

    # -- footnotes ---------------------------------------------------------------------------------

    def finish(self) -> tuple[Passage, ...]:
        entries = sorted([*self.out, *self._footnotes()], key=lambda p: (p.start, p.end))
        return tuple(replace(passage, number=number) for number, passage in enumerate(entries, start=1))

    def _footnotes(self) -> list[Passage]:
        """Each footnote's sentences, without its number, in the section where the footnote stands."""
        out = []
        starts = [(p.start, p.section) for p in sorted(self.out, key=lambda p: p.start)]
        keys = [start for start, _ in starts]
        notes = self.layout.notes
        for lines in self.layout.footnotes:
            first = self.layout.lines[lines[0] - 1]
            last = self.layout.lines[lines[-1] - 1]
            match = _FOOTNOTE_NUMBER.match(notes[first.start : first.end])
            if match is None:  # pragma: no cover - the layout found the number
                continue
            start = first.start + match.end()
            where = bisect.bisect_right(keys, start) - 1
            section = starts[where][1] if where >= 0 else ()
            block = self.next_block()
            for a, b in self._note_sentences(start, last.end):
                out.append(Passage(0, "voetnoot", section, a, b, display(notes[a:b]), block, note=match.group(2)))
        return out

    def _note_sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        saved = self.main
        self.main = self.layout.notes
        try:
            return self.sentences(start, end)
        finally:
            self.main = saved
