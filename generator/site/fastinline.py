"""Python-Markdown's inline step, skipping patterns that cannot match a text (same HTML, less time).

Python-Markdown tries every inline pattern (code, escapes, links, images, autolinks, line breaks,
HTML, entities, emphasis) on every piece of text of a page, one regular expression after another;
on a site of thousands of pages that is the largest single cost of the build. Each of the core
patterns needs a certain character to match at all (a backtick, a backslash, ``[``, ``<``, a line
break, ``&``, ``*`` or ``_``): :class:`FastInlineProcessor` skips a pattern for a text without that
character, which is exactly what the pattern itself would conclude (no match, nothing changed).
Patterns it does not know (of other extensions) are always tried, as before. Backslash escapes,
the most frequent match in escaped catalog text, are replaced in one pass instead of one search per
escape (:meth:`FastInlineProcessor._escapes`: the same placeholders in the same order).

:class:`FastInlineExtension` registers it in place of Python-Markdown's own inline processor; the
site build adds it to the configuration it builds (not to the staged ``mkdocs.yml``: another engine
builds that without it, to the same pages).
"""

from __future__ import annotations

import re

from markdown import Markdown, inlinepatterns, util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# A core pattern (its regular expression) and the characters of which a text needs one to match it.
_NEEDS = {
    inlinepatterns.BACKTICK_RE: "`",
    inlinepatterns.ESCAPE_RE: "\\",
    inlinepatterns.LINK_RE: "[",  # also REFERENCE_RE
    inlinepatterns.IMAGE_LINK_RE: "[",  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.LINE_BREAK_RE: "\n",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
}


def needs(pattern: inlinepatterns.Pattern) -> str | None:
    """The characters of which a text needs one for *pattern* to match, or None if unknown."""
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):
        return "".join(pattern.tokens) or None  # emphasis: its delimiters (``*``, ``_``)
    expression = getattr(pattern, "pattern", None)
    return _NEEDS.get(expression) if isinstance(expression, str) else None


class FastInlineProcessor(InlineProcessor):
    """Python-Markdown's :class:`InlineProcessor`, trying on a text only the patterns that can match it."""

    def run(self, tree, ancestors=None):  # noqa: ANN001, ANN201 - the signature of Python-Markdown
        self._patterns = list(self.inlinePatterns)
        self._needs = [needs(pattern) for pattern in self._patterns]
        self._chars = "".join(sorted({char for chars in self._needs if chars for char in chars}))
        self._orders: dict[str, tuple[int, ...]] = {}
        return super().run(tree, ancestors)

    def _order(self, present: str) -> tuple[int, ...]:
        """The indexes of the patterns that can match a text with (only) the characters *present*."""
        order = self._orders.get(present)
        if order is None:
            order = tuple(
                index
                for index, chars in enumerate(self._needs)
                if chars is None or any(char in present for char in chars)
            )
            self._orders[present] = order
        return order

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """As ``InlineProcessor.__handleInline``, skipping the patterns whose characters *data* lacks.

        Each pattern is applied until it no longer matches, then the next one from the start of the
        text, as in Python-Markdown. A match only replaces text by a placeholder (which holds none of
        the characters), so a pattern skipped for the text as it came in could not match later either.
        """
        if isinstance(data, util.AtomicString):
            return data
        present = "".join(char for char in self._chars if char in data)
        for index in self._order(present):
            if index < patternIndex:
                continue
            pattern = self._patterns[index]
            if type(pattern) is inlinepatterns.EscapeInlineProcessor and pattern.pattern == inlinepatterns.ESCAPE_RE:
                data = self._escapes(pattern, data)
                continue
            start = 0
            matched = True
            while matched:
                data, matched, start = self._InlineProcessor__applyPattern(pattern, data, index, start)
        return data

    def _escapes(self, pattern: inlinepatterns.EscapeInlineProcessor, data: str) -> str:
        """Every backslash escape of *data* in one pass, as the pattern applied match by match would do.

        Each escaped character becomes the same stashed placeholder, in the same order; a backslash
        before a character that cannot be escaped stays, and scanning goes on after it (as Python-
        Markdown's loop does: its next search starts right after a placeholder or a refused match).
        """
        if any(exclude.lower() in self.ancestors for exclude in pattern.ANCESTOR_EXCLUDES):
            return data
        escapable = self.md.ESCAPED_CHARS
        stash = self._InlineProcessor__stashNode
        kind = pattern.type()

        def replace(match: re.Match[str]) -> str:
            char = match.group(1)
            if char in escapable:
                return stash(f"{util.STX}{ord(char)}{util.ETX}", kind)
            return match.group(0)

        return pattern.getCompiledRegExp().sub(replace, data)


class FastInlineExtension(Extension):
    """Use :class:`FastInlineProcessor` for the inline step (same priority and name as the original)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(FastInlineProcessor(md), "inline", 20)
