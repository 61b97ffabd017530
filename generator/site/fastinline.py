"""Python-Markdown's inline step, skipping patterns that cannot match a text (same HTML, less time).

Python-Markdown tries every inline pattern (code, escapes, links, images, autolinks, line breaks,
HTML, entities, emphasis) on every piece of text of a page, one regular expression after another;
on a site of thousands of pages that is the largest single cost of the build. Each of the core
patterns needs a certain character to match at all (a backtick, a backslash, ``[``, ``<``, a line
break, ``&``, ``*`` or ``_``): :class:`FastInlineProcessor` skips a pattern for a text without that
character, which is exactly what the pattern itself would conclude (no match, nothing changed).
Patterns it does not know (of other extensions) are always tried, as before.

:class:`FastInlineExtension` registers it in place of Python-Markdown's own inline processor; the
site build adds it to the configuration it builds (not to the staged ``mkdocs.yml``: another engine
builds that without it, to the same pages).
"""

from __future__ import annotations

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
    """Python-Markdown's :class:`InlineProcessor`, with a cheap test before each pattern."""

    def run(self, tree, ancestors=None):  # noqa: ANN001, ANN201 - the signature of Python-Markdown
        self._patterns = [(pattern, needs(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        """As ``InlineProcessor.__handleInline``, skipping a pattern whose characters *data* lacks."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        count = len(patterns)
        start = 0
        while patternIndex < count:
            pattern, chars = patterns[patternIndex]
            if chars is not None and not any(char in data for char in chars):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class FastInlineExtension(Extension):
    """Use :class:`FastInlineProcessor` for the inline step (same priority and name as the original)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(FastInlineProcessor(md), "inline", 20)
