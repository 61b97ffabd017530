"""Python-Markdown's tables, with rows split into cells by one quick scan where that gives the same cells.

The tables extension splits every row with a regular expression that looks for backslash pairs,
backtick runs, escaped pipes and pipes at every position, then pairs the backticks up to keep pipes
inside code. On the quality pages of a large site (hundreds of long rows per page) that is a fifth of
the block parsing. A row without a backtick has no code, so its cells are split at every pipe that is
not escaped (``\\|``) and not preceded by an escaped backslash (``\\\\``): :class:`FastTableProcessor`
does that with a simpler expression and leaves rows with backticks to the original. The cells, and so
the HTML, are the same. Added by the site build only, like :mod:`generator.site.fastinline`.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor

# A backslash pair or an escaped pipe (both skipped whole, as the original's expression does), or a pipe.
_PIPES = re.compile(r"\\[\\|]|(\|)")


class FastTableProcessor(TableProcessor):
    """:class:`TableProcessor` with a quicker split of rows without backticks (the same cells)."""

    def _split(self, row: str) -> list[str]:
        if "`" in row:
            return super()._split(row)
        cells = []
        start = 0
        for match in _PIPES.finditer(row):
            if match.group(1) is not None:
                cells.append(row[start : match.start(1)])
                start = match.end(1)
        cells.append(row[start:])
        return cells


class FastTablesExtension(Extension):
    """Put :class:`FastTableProcessor` in place of the tables extension's processor, if that is loaded."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "table" not in md.parser.blockprocessors:
            return
        original = md.parser.blockprocessors["table"]
        if type(original) is not TableProcessor:  # not the tables extension's own: leave it
            return
        priority = next(item.priority for item in md.parser.blockprocessors._priority if item.name == "table")
        md.parser.blockprocessors.register(FastTableProcessor(md.parser, original.config), "table", priority)
