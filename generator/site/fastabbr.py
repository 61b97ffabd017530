"""The abbreviations file read once per build instead of parsed again under every page (same tooltips).

The site's ``mkdocs.yml`` appends ``includes/afkortingen.md`` to every page (``pymdownx.snippets``,
``auto_append``) so that Python-Markdown's ``abbr`` extension explains each term wherever it occurs.
Parsing those definitions again under each of thousands of pages costs as much as a third of the
conversion of a small page: the block parser tries every block processor on every definition line.

:func:`take_over` reads the file once, removes it from ``auto_append`` in the configuration being
built and adds :class:`GlossaryExtension`, which hands the same definitions to ``abbr`` at the point
where the appended block would have been read: after the page's own blocks, so a definition in the
file still wins over one in the page, and ``*[TERM]: ""`` still removes a term. The pages show the
same abbreviations; only the file's HTML comment (its explanation for editors) is no longer copied
under every page. It only takes over a file that holds nothing but a leading comment, blank lines and
complete definitions; any other file stays appended, as before. Like :mod:`generator.site.fastinline`
it is added by the site build to the configuration it builds, not to the staged ``mkdocs.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension, AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SNIPPETS = "pymdownx.snippets"
_COMMENT = re.compile(r"\A\s*<!--.*?-->[ \t]*(?:\n|\Z)", re.DOTALL)
_REMOVE = ("''", '""')  # a definition with this explanation removes the term (Python-Markdown's rule)


def definitions(text: str) -> list[tuple[str, str]] | None:
    """The ``*[TERM]: uitleg`` definitions of an abbreviations file, in order; None if it holds more.

    Each line is read as Python-Markdown's ``abbr`` block processor reads it; a file with any other
    content (a paragraph, a definition it would not accept, a comment that is not at the start) is
    not taken over, because its appended HTML would differ.
    """
    text = _COMMENT.sub("", text, count=1)
    found: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = AbbrBlockprocessor.RE.fullmatch(line)
        if not match or "\n" in match.group(0):
            return None
        term, explanation = match.group("abbr").strip(), match.group("title").strip()
        if not term or not explanation:
            return None
        found.append((term, explanation))
    return found


class _Define(Treeprocessor):
    """Adds the definitions to ``abbr``'s table just before ``abbr`` wraps the terms of the page."""

    def __init__(self, md: Markdown, table: dict[str, str], glossary: Sequence[tuple[str, str]]) -> None:
        super().__init__(md)
        self.table = table
        self.glossary = glossary

    def run(self, root) -> None:  # noqa: ANN001 - an ElementTree element, as in Python-Markdown
        for term, explanation in self.glossary:
            if explanation in _REMOVE:
                self.table.pop(term, None)
            else:
                self.table[term] = explanation


class FastAbbrTreeprocessor(AbbrTreeprocessor):
    """``abbr``'s tree processor without its search for each element's place in its parent (same tree).

    Python-Markdown finds where to put the abbreviations of an element's tail with
    ``list(parent).index(el)``: for a table of hundreds of rows that is quadratic, and it was the
    largest part of ``abbr``'s time on the quality pages. The children are visited in the same order
    (last first); each knows its place, which no insertion before it has changed.
    """

    def iter_element(self, el, parent=None, index: int = 0) -> None:  # noqa: ANN001 - as Python-Markdown
        children = list(el)
        for position in range(len(children) - 1, -1, -1):
            self.iter_element(children[position], el, position)
        if (text := el.text) and not isinstance(text, AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        if parent is not None and (tail := el.tail) and not isinstance(tail, AtomicString):
            for m in reversed(list(self.RE.finditer(tail))):
                if self.abbrs[m.group(0)]:
                    parent.insert(index + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :]))
                    tail = tail[: m.start()]
            el.tail = tail


class GlossaryExtension(Extension):
    """Gives ``abbr`` the *glossary*'s definitions after each page's own (as an appended file would)."""

    def __init__(self, glossary: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.glossary = list(glossary)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        abbr = next((ext for ext in md.registeredExtensions if isinstance(ext, AbbrExtension)), None)
        if abbr is None:
            return
        # abbr's own tree processor has priority 7; this one runs just before it, after all blocks.
        md.treeprocessors.register(_Define(md, abbr.abbrs, self.glossary), "opvang_glossary", 7.5)


class FastAbbrExtension(Extension):
    """Put :class:`FastAbbrTreeprocessor` in place of ``abbr``'s own, with the same table of terms."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        abbr = next((ext for ext in md.registeredExtensions if isinstance(ext, AbbrExtension)), None)
        if abbr is not None and type(md.treeprocessors["abbr"]) is AbbrTreeprocessor:
            md.treeprocessors.register(FastAbbrTreeprocessor(md, abbr.abbrs), "abbr", 7)


def take_over(config: Mapping) -> GlossaryExtension | None:
    """Take the appended abbreviations file(s) out of *config* (a loaded MkDocs configuration).

    Returns the extension to add to ``config["markdown_extensions"]``, or None when nothing was
    taken over (no ``abbr``, nothing appended, or a last appended file with more than definitions).
    Only files at the end of ``auto_append`` are taken, so any other appended text keeps its place.
    """
    if "abbr" not in config["markdown_extensions"]:
        return None
    options = config["mdx_configs"].get(SNIPPETS) or {}
    appended = list(options.get("auto_append") or [])
    bases = [Path(base) for base in options.get("base_path") or []]
    taken: list[list[tuple[str, str]]] = []
    for name in reversed(appended):
        path = next((base / name for base in bases if (base / name).is_file()), None)
        found = definitions(path.read_text(encoding="utf-8")) if path else None
        if found is None:
            break
        taken.insert(0, found)
    if not taken:
        return None
    options["auto_append"] = appended[: len(appended) - len(taken)]
    return GlossaryExtension([pair for found in taken for pair in found])
