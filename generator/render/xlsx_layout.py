"""How much room text takes in a workbook: row heights for wrapped text, measured in Arial.

Neither Excel nor LibreOffice sizes a row to its wrapped text when it opens a file: a row without a
height is one line high and a long requirement text is cut off. So every row gets a height computed
here. Every workbook of opvang is set in Arial (LibreOffice uses the metric-compatible Liberation
Sans where Arial is missing), so the width of a text can be computed from Arial's character widths
(those of Helvetica, in the Adobe core font metrics, per 1000 units of the font size). A text is wrapped
the way spreadsheets wrap it: at spaces, a word wider than the column broken inside.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

FONT_NAME = "Arial"
FONT_SIZE = 10.0  # points
# Advance widths of Helvetica (= Arial) for the printable ASCII characters, space (32) to tilde (126).
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p to ~
)  # fmt: skip
# The same for Helvetica Bold (= Arial Bold): a bold header is up to a quarter wider ("l", "i", "r").
_ASCII_BOLD_WIDTHS = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,  # space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,  # 0 to ?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,  # @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,  # P to _
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,  # ` to o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,  # p to ~
)  # fmt: skip
_OTHER_WIDTHS = {
    "€": 556, "–": 556, "—": 1000, "‘": 222, "’": 222, "“": 333, "”": 333, "„": 333, "•": 350, "…": 1000,
    "≥": 549, "≤": 549, "×": 584, "°": 400, "§": 556, "½": 834, "²": 333, "³": 333, "·": 278, "✔": 800,
    "✘": 800, "\u00a0": 278,
}  # fmt: skip
_WIDE = 1000  # CJK and other wide characters
_UNKNOWN = 611  # anything else: a wide-ish letter, so that an estimate errs on the roomy side
BOLD = 1.1  # a bold character outside the table above: about a tenth wider than regular
POINTS_PER_PIXEL = 0.75  # at 96 pixels per inch
DIGIT_PIXELS = 7  # the widest digit of Arial 10 in pixels: the unit of a column width
CELL_MARGIN_PIXELS = 10  # padding left and right inside a cell, and room for rounding
FILTER_BUTTON = 2.5  # the width (in characters) a filter's button takes in a header cell
LINE_POINTS = 12.75  # one line of Arial 10 (Excel's default row height for it)
ROW_PADDING_POINTS = 2.25  # above the first line and below the last
MAX_ROW_POINTS = 409.0  # the tallest row Excel allows
# A line may break after a hyphen inside a word. Not after a slash: LibreOffice keeps
# "groepsverblijf/begeleiding" together, and a row estimated too low cuts off its text.
_BREAKS = re.compile(r"(?<=-)(?=.)")


def _char_width(char: str, bold: bool = False) -> float:
    code = ord(char)
    if 32 <= code <= 126:
        return (_ASCII_BOLD_WIDTHS if bold else _ASCII_WIDTHS)[code - 32]
    base = unicodedata.normalize("NFD", char)[0]  # é → e
    if base != char and 32 <= ord(base) <= 126:
        return (_ASCII_BOLD_WIDTHS if bold else _ASCII_WIDTHS)[ord(base) - 32]
    if char in _OTHER_WIDTHS:
        width = _OTHER_WIDTHS[char]
    elif unicodedata.east_asian_width(char) in ("W", "F"):
        width = _WIDE
    else:
        width = _UNKNOWN
    return width * BOLD if bold else width


@lru_cache(maxsize=65536)
def word_width(word: str, bold: bool = False) -> float:
    """The width of *word* in thousandths of the font size (words repeat: cached)."""
    return sum(_char_width(c, bold) for c in word)


def column_pixels(width: float) -> float:
    """The pixel width of a column *width* (in characters, as stored in the file) left for text."""
    return width * DIGIT_PIXELS - CELL_MARGIN_PIXELS


def lines_needed(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> int:
    """The number of lines *text* takes when wrapped in a column *width* characters wide.

    A line breaks at a space or after a hyphen (``NML-REP-04`` can break after ``NML-``); a piece
    wider than the whole line is broken inside.
    """
    room = column_pixels(width) * 1000 / (size / POINTS_PER_PIXEL)
    if room <= 0:
        return max(1, len(text))
    space = _ASCII_WIDTHS[0]
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            gap = space if used else 0
            for piece in _BREAKS.split(word) if "-" in word else (word,):
                wide = word_width(piece, bold)
                if used + gap + wide <= room or not used:
                    if wide <= room:
                        used += gap + wide
                        gap = 0
                        continue
                else:  # the piece starts a new line
                    lines += 1
                    used = 0.0
                if wide > room:  # wider than a whole line: broken inside
                    extra = math.ceil((used + wide) / room) - 1
                    lines += extra
                    used = used + wide - extra * room
                else:
                    used = wide
                gap = 0
    return lines


def row_points(lines: int, size: float = FONT_SIZE) -> float:
    """The height in points of a row showing *lines* lines of text in a font of *size* points."""
    return round(lines * LINE_POINTS * size / FONT_SIZE + ROW_PADDING_POINTS, 2)
