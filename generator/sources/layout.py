"""The page layout of a PDF extraction: which lines are text, which are noise, which are footnotes.

The source documents are plain text extracted from PDFs. Besides the text itself they hold what the
pages looked like: page headers and numbers, the link targets a PDF lists at the bottom of a page,
footnotes in the middle of a sentence that runs on to the next page, bullet glyphs. This module
finds those, so that the passages and quotes can read *through* them:

- a **page start** is a line that begins with one space directly after a non-blank line (the
  extractor starts every page that way; between the lines of a page there is a blank line);
- **noise**: running headers (a line that repeats just above a line with only a number) and those
  page numbers, link dumps (a line with only a URL, right against another such line or a page start);
- **footnotes**: a line ``N tekst`` (optionally after a bullet) after a blank line or another
  footnote, where ``N`` is the next footnote number and the text of its page refers to it (``wijk1``,
  ``20195``, ``4voor``; before the footnote, or after it in a two-column layout); its continuation
  lines follow directly. A line with only a lower-case Roman numeral is an endnote marker;
- **list items**: a line that starts with a bullet glyph (``•``, ````, ``→``, ``-``, ``o``), or,
  in a document where the extraction lost every glyph (no line starts with ``•``), with one space
  after a blank line.

The result is two *flows* of the same length as the document, with everything else blanked out
(spaces, newlines kept): the main text, and the footnotes. Offsets in a flow are offsets in the
original text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.sources.tokens import HTML_TAG

_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")
_ROMAN = re.compile(r"^\s*(i{1,3}|iv|v|vi{1,3}|ix|x)\s*$")
_BULLET = re.compile(r"^(\s*)([•\uf0b7\u2192\u25aa\u25cf\u2013-]|o(?=\s))\s*")
_FOOTNOTE = re.compile(r"^\s?(?:•\s*)?(\d{1,2})\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?]\W*$")
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class Line:
    """One line of the document: 1-based number and the character range ``[start, end)`` (no newline)."""

    number: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Layout:
    """What :func:`analyse` finds in one document."""

    text: str
    lines: tuple[Line, ...]
    main: str  # the main text; noise and footnotes blanked
    notes: str  # only the footnotes
    page_starts: frozenset[int]  # line numbers
    noise: frozenset[int]  # line numbers
    footnotes: tuple[tuple[int, ...], ...]  # line numbers of each footnote
    endnotes: frozenset[int]  # line numbers of endnote markers (a lone "i")
    items: dict[int, int] = field(default_factory=dict)  # line number -> offset where the item text starts
    markers: frozenset[str] = frozenset()  # footnote and endnote markers of the document


def split_lines(text: str) -> tuple[Line, ...]:
    lines = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, start, start + len(raw), raw))
        start += len(raw) + 1
    return tuple(lines)


def analyse(text: str) -> Layout:
    """Find page starts, noise, footnotes and list items in *text*, and build the two flows."""
    lines = split_lines(text)
    page_starts = _page_starts(lines)
    noise = _link_dumps(lines, page_starts) | _page_numbers_and_headers(lines)
    footnotes, markers = _footnotes(text, lines, page_starts, noise)
    endnotes = frozenset(line.number for line in lines if _ROMAN.match(line.text) and _after_blank(lines, line))
    markers |= {lines[n - 1].text.strip() for n in endnotes}
    in_notes = {n for note in footnotes for n in note}
    main_blank: list[tuple[int, int]] = []  # character ranges to blank out of each flow
    notes_blank: list[tuple[int, int]] = []
    items: dict[int, int] = {}
    lost_glyphs = not any(_BULLET.match(line.text) and "•" in line.text[:3] for line in lines)
    for line in lines:
        if line.number in noise or line.number in endnotes:
            main_blank.append((line.start, line.end))
            notes_blank.append((line.start, line.end))
        elif line.number in in_notes:
            main_blank.append((line.start, line.end))
        else:
            notes_blank.append((line.start, line.end))
            item_start = _item_start(lines, line, page_starts, lost_glyphs)
            if item_start is not None:
                main_blank.append((line.start, item_start))
                items[line.number] = item_start
    tags = [(m.start(), m.end()) for m in HTML_TAG.finditer(text)]
    return Layout(
        text=text,
        lines=lines,
        main=_blanked(text, main_blank + tags),
        notes=_blanked(text, notes_blank + tags),
        page_starts=page_starts,
        noise=frozenset(noise),
        footnotes=tuple(footnotes),
        endnotes=endnotes,
        items=items,
        markers=frozenset(markers),
    )


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """*text* with every character in *ranges* but newlines replaced by a space (same length)."""
    pieces = []
    at = 0
    for start, end in sorted(ranges):
        start = max(start, at)
        if start >= end:
            continue
        pieces.append(text[at:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _after_blank(lines: tuple[Line, ...], line: Line) -> bool:
    return line.number == 1 or lines[line.number - 2].blank


def _page_starts(lines: tuple[Line, ...]) -> frozenset[int]:
    starts = set()
    for line in lines:
        if not line.text.startswith(" ") or line.blank:
            continue
        if line.number == 1 or not lines[line.number - 2].blank:
            starts.add(line.number)
    return frozenset(starts)


def _link_dumps(lines: tuple[Line, ...], page_starts: frozenset[int]) -> set[int]:
    """URL-only lines right against another URL-only line or a page start, or at the very end."""
    url = {line.number for line in lines if _URL_ONLY.match(line.text)}
    last_text = max((line.number for line in lines if not line.blank), default=0)
    noise = set()
    for number in url:
        if number + 1 in url or number - 1 in url or number + 1 in page_starts or number == last_text:
            noise.add(number)
    return noise


def _page_numbers_and_headers(lines: tuple[Line, ...]) -> set[int]:
    """Running headers (a line that repeats just above a lone number) and the page numbers below them.

    A lone number without a running header above it is left alone: it may be a table cell.
    """
    numbers = [line.number for line in lines if _PAGE_NUMBER.match(line.text)]
    counts = Counter(line.text.strip() for line in lines if not line.blank)
    headers: set[str] = set()
    pages: set[int] = set()
    for number in numbers:
        seen = 0
        for previous in range(number - 1, 0, -1):
            line = lines[previous - 1]
            if line.blank:
                continue
            seen += 1
            text = line.text.strip()
            if counts[text] >= 2 and not _SENTENCE_END.search(text) and len(text) <= 80 and not text.isdigit():
                headers.add(text)
                pages.add(number)
            if seen == 2:
                break
    return pages | {line.number for line in lines if not line.blank and line.text.strip() in headers}


def _reference_pattern(marker: str) -> re.Pattern:
    """Where a footnote number is glued to the text: ``wijk1``, ``(2019)5`` as ``20195``, ``4voor``."""
    n = re.escape(marker)
    return re.compile(rf"(?<=[^\W\d_]){n}(?!\d)|(?<=[).,’”]){n}(?!\d)|\b(?:19|20)\d\d{n}\b|\b{n}(?=[^\W\d_])")


def _footnotes(
    text: str, lines: tuple[Line, ...], page_starts: frozenset[int], noise: set[int]
) -> tuple[list[tuple[int, ...]], set[str]]:
    notes: list[tuple[int, ...]] = []
    markers: set[str] = set()
    expected = 1
    searched_from = 0  # offset after the previous footnote's reference
    after_note = -1  # number of the last line of the previous footnote
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FOOTNOTE.match(line.text)
        if (
            match is None
            or int(match.group(1)) != expected
            or line.number in noise
            or not (_after_blank(lines, line) or line.number - 1 == after_note)
            or (line.number in page_starts and not line.text.startswith(" •"))
        ):
            index += 1
            continue
        body = [line.number]
        content = match.group(2)
        j = index + 1
        while j < len(lines):
            nxt = lines[j]
            if nxt.number in page_starts or nxt.number in noise:
                break
            if nxt.blank:
                after = lines[j + 1] if j + 1 < len(lines) else None
                if (
                    after is not None
                    and not after.blank
                    and after.number not in page_starts
                    and not _SENTENCE_END.search(content.strip())
                    and after.text.strip()[:1].islower()
                ):
                    j += 1
                    continue
                break
            follow = _FOOTNOTE.match(nxt.text)
            if follow and int(follow.group(1)) == expected + 1:
                break
            body.append(nxt.number)
            content = nxt.text
            j += 1
        # The reference stands before the footnote on its page, or, in a two-column layout, after it.
        pattern = _reference_pattern(match.group(1))
        page_end = next((lines[n - 1].start for n in sorted(page_starts) if n > body[-1]), len(text))
        reference = pattern.search(text, searched_from, line.start) or pattern.search(
            text, lines[body[-1] - 1].end, page_end
        )
        if reference is None:
            index += 1
            continue
        notes.append(tuple(body))
        markers.add(match.group(1))
        searched_from = reference.end()
        after_note = body[-1]
        expected += 1
        index = j
    return notes, markers


def _item_start(lines: tuple[Line, ...], line: Line, page_starts: frozenset[int], lost_glyphs: bool) -> int | None:
    """The offset where the text of a list item starts (after its bullet glyph), or None if no item."""
    if line.blank:
        return None
    match = _BULLET.match(line.text)
    if match:
        glyph = match.group(2)
        rest = line.text[match.end() :]
        if glyph in "-–" and (not rest or rest[:1].isdigit()):  # "-10 graden", a lone dash
            return None
        return line.start + match.end()
    if not lost_glyphs:
        return None
    # A glyph the extraction lost: one leading space after a blank line (not a page start).
    if line.text.startswith(" ") and not line.text.startswith("  ") and line.number not in page_starts:
        return line.start + 1
    if line.text.startswith("  ") and line.number in page_starts and not line.text.startswith("   "):
        return line.start + 2  # a page start whose first line is an item with a lost glyph
    return None
