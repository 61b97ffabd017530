"""Words for comparison: a text cut into normalised word tokens that remember where they stand.

Quote location and background quotes compare words, not characters, so that exactly the noise of a
PDF extraction does not matter and nothing else does:

- case (``KPI's`` = ``kpi’s``), quote variants and dash variants (``2025-2029`` = ``2025–2029``);
- whitespace and line breaks: a token is a run of letters and digits, so any whitespace separates;
- punctuation and bullet glyphs (``•``, ````, ``→``, ``-``): they are not letters or digits;
- hyphenation: a hyphen between two letters or digits, also at the end of a line (``her-`` + new
  line + ``instroom``), joins the two halves (``herinstroom`` = ``her-instroom``); a hyphen followed
  by a space keeps the words apart (``dak- en thuislozen``);
- the HTML tags some extractions leave behind (``<p>``, ``<ul style=...>``).

Footnote references glued to a word (``wijk1``, ``20195``, ``4voor``) are handled where the markers of
a document are known (:mod:`generator.sources.quotes`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Block-level tags of HTML extractions; other tags (a "<script>" typed in a text) stay text.
HTML_TAG = re.compile(r"</?(?:p|ol|ul|li|br|div|span|strong|em|b|i|u|table|tr|td|th)\b[^<>]*>", re.IGNORECASE)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
# Soft hyphens and zero-width characters read as a hyphen: inside a word they join its halves.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), "-")
_TABLE = str.maketrans({**_DASHES, **_INVISIBLE})
# A word: runs of letters and digits joined by a hyphen, also by a hyphen at the end of a line (the
# blank lines and indentation of the next line included).
_WORD = re.compile(r"[^\W_]+(?:-(?:\n\s*)?[^\W_]+)*")
_HYPHEN = re.compile(r"-(?:\n\s*)?")


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word and the character range ``[start, end)`` it came from."""

    word: str
    start: int
    end: int


def fold(text: str) -> str:
    """*text* compared the way quotes are compared: NFKC, case-folded, one kind of dash."""
    return unicodedata.normalize("NFKC", text).translate(_TABLE).casefold()


def _fold_char(char: str) -> str:
    """One character folded; an expansion without letters or digits (``…`` -> ``...``) stays one character."""
    folded = fold(char)
    if len(folded) > 1 and not any(c.isalnum() for c in folded):
        return folded[0]
    return folded


_FOLDED: dict[str, str] = {}  # every character seen, folded


class _Translate(dict):
    """A ``str.translate`` table that folds any character (by code point) on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _FOLDED.get(char) or _fold_char(char)
        _FOLDED[char] = folded
        self[code] = folded
        return folded


_TRANSLATE = _Translate()


def _folded(text: str) -> tuple[str, list[int] | None]:
    """*text* folded, and where each folded character came from (None: the same place).

    Folding goes character by character (a document has only a few hundred different ones): most keep
    their length; the few that NFKC expands (``…`` -> ``...``, ``ﬁ`` -> ``fi``) get a position map.
    """
    for char in set(text) - _FOLDED.keys():
        _FOLDED[char] = _fold_char(char)
    if all(len(_FOLDED[char]) == 1 for char in set(text)):
        return text.translate(_TRANSLATE), None
    table = _FOLDED
    pieces: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = table[char]
        pieces.append(folded)
        positions.extend([index] * len(folded))
    return "".join(pieces), positions


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The word tokens of *text*, with character ranges in *text* (plus *offset*).

    Hyphenated words are one token whose range covers both halves.
    """
    masked = HTML_TAG.sub(lambda m: " " * len(m.group(0)), text)
    folded, positions = _folded(masked)
    tokens = []
    for match in _WORD.finditer(folded):
        start, end = match.start(), match.end()
        if positions is not None:
            start, end = positions[start], positions[end - 1] + 1
        word = match.group(0)
        tokens.append(Token(_HYPHEN.sub("", word) if "-" in word else word, start + offset, end + offset))
    return tokens


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(token.word for token in tokenize(text))


def words(text: str) -> list[str]:
    """Just the normalised words of *text* (for comparing short strings such as section names)."""
    return list(_words(text))
