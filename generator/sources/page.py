"""The page of a source document on the site, and the link target of a requirement's "Bron".

:func:`page_markdown` gives the Markdown of one page: the document's title as H1, its headings as
Markdown headings (so that MkDocs search has one section per heading; no section holds more than
15 KiB of HTML: a longer one is split with a heading ``… (vervolg)``), and every passage as an
HTML element ``id="p-<n>"`` with ``data-eisen="NML-KPI-07 NML-KPI-08"``: the requirements that quote
it. At the first passage of each quote stands an empty anchor ``id="eis-NML-KPI-07"``, so that a link
``…/bronnen/<slug>/#eis-NML-KPI-07`` lands on it; ``stylesheets/bronnen.css`` (in the base of every site) highlights the
passage of the anchor in the address (``:target`` and ``:has()``) and ``bronnen.js`` every passage the
requirement quotes.

All source text is user data: it is HTML-escaped, and Markdown-escaped in headings. Nothing of the
document becomes markup, a script or a link.
"""

from __future__ import annotations

import html
import re

from generator.catalog.model import Requirement
from generator.sources.library import SourceDocument, Sources
from generator.sources.passages import Passage

FOLDER = "bronnen"
SECTION_LIMIT = 15 * 1024  # bytes of HTML per search section; MkDocs search keeps each section whole
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~<>&])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MAX_LEVEL = 4  # H2 .. H6


def escape_markdown(text: str, line_start: bool = False) -> str:
    """*text* as literal text in Markdown (a heading, a list item, a table cell); whitespace collapsed.

    HTML-special characters become entities, Markdown-special characters get a backslash; with
    *line_start*, a leading ``1.``, ``-`` or ``+`` is escaped too (it would start a list there).
    """
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), text)
    if line_start:
        text = re.sub(r"^(\d+)([.)])", lambda m: m.group(1) + ("&#46;" if m.group(2) == "." else "&#41;"), text)
        if text[:1] in "-+=:":
            text = f"&#{ord(text[0])};" + text[1:]
    return text


def requirement_anchor(requirement_id: str) -> str:
    """The anchor of a requirement on its source page (not the bare id: that one is the requirement itself)."""
    return f"eis-{requirement_id}"


def page_path(source: SourceDocument, folder: str = FOLDER) -> str:
    """The Markdown file of a source page, relative to the docs folder of the site."""
    return f"{folder}/{source.slug}.md"


def source_target(sources: Sources, req: Requirement, folder: str = FOLDER) -> str | None:
    """Where the "Bron" of *req* links to: ``bronnen/<slug>.md#eis-<ID>``, relative to the docs folder.

    Without a located passage the page itself; None when the document is not loaded.
    """
    source = sources.documents.get(req.source.document)
    if source is None:
        return None
    if source.found.get(req.id):
        return f"{page_path(source, folder)}#{requirement_anchor(req.id)}"
    return page_path(source, folder)


def page_markdown(source: SourceDocument, tender_titles: dict[str, str] | None = None) -> str:
    """The Markdown of the page of *source* (see the module docstring)."""
    quoted_by = source.quoted_by()
    anchors = _anchors(source)
    out = [f"# {escape_markdown(source.title)}", ""]
    cited = ", ".join(escape_markdown((tender_titles or {}).get(t, t)) for t in source.tenders)
    out += [
        f"De tekst van het brondocument zoals gepubliceerd (<code>{html.escape(source.name)}</code>), in passages; "
        f"persoonsgegevens van ambtenaren zijn vervangen door \\[verwijderd\\]. Eisen uit: {cited}. Een passage die "
        "een eis aanhaalt, is onderstreept; via **Bron** bij een eis komt u op de passage die hij aanhaalt.",
        "",
    ]
    writer = _Writer(out)
    for block in _blocks(source.passages):
        first = block[0]
        if first.heading:
            writer.heading(first, quoted_by.get(first.number, ()), anchors.get(first.number, ()))
            continue
        fragments = [_span(p, quoted_by.get(p.number, ()), anchors.get(p.number, ())) for p in block]
        if first.kind == "voetnoot":
            writer.block(
                "p",
                "bron-voetnoot",
                fragments,
                prefix=f'<sup class="bron-voetnoot-nummer">{html.escape(first.note or "")}</sup> ',
            )
        elif first.item:
            writer.block("li", "bron-item", fragments)
        else:
            writer.block("p", "bron-alinea", fragments)
    writer.close()
    return "\n".join(out).rstrip() + "\n"


def _anchors(source: SourceDocument) -> dict[int, tuple[str, ...]]:
    """Passage number -> requirements whose quote starts there (the first passage that is no heading)."""
    headings = {p.number for p in source.passages if p.heading}
    out: dict[int, list[str]] = {}
    for requirement, numbers in source.found.items():
        content = [n for n in numbers if n not in headings] or list(numbers)
        if content:
            out.setdefault(content[0], []).append(requirement)
    return {number: tuple(ids) for number, ids in out.items()}


def _blocks(passages: tuple[Passage, ...]) -> list[list[Passage]]:
    blocks: list[list[Passage]] = []
    for passage in passages:
        if blocks and not passage.heading and not blocks[-1][0].heading and blocks[-1][0].block == passage.block:
            blocks[-1].append(passage)
        else:
            blocks.append([passage])
    return blocks


def _attributes(passage: Passage, requirements: tuple[str, ...]) -> str:
    attributes = f'id="{passage.anchor}"'
    if requirements:
        attributes += f' data-eisen="{html.escape(" ".join(requirements))}"'
    return attributes


def _marks(anchors: tuple[str, ...]) -> str:
    return "".join(f'<span class="eis-anker" id="{html.escape(requirement_anchor(r))}"></span>' for r in anchors)


def _span(passage: Passage, requirements: tuple[str, ...], anchors: tuple[str, ...]) -> str:
    text = html.escape(passage.text)
    return f'<span class="bron-passage" {_attributes(passage, requirements)}>{_marks(anchors)}{text}</span>'


class _Writer:
    """Appends headings and HTML blocks, keeping each search section below :data:`SECTION_LIMIT`."""

    def __init__(self, out: list[str]):
        self.out = out
        self.size = 0
        self.list_open = False
        self.heading_text = ""
        self.level = 2
        self.continued = 0

    def heading(self, passage: Passage, requirements: tuple[str, ...], anchors: tuple[str, ...] = ()) -> None:
        self.close()
        if anchors:  # a quote of only this heading: its anchors just above it (a heading has one id)
            self.out += [f'<p class="eis-ankers">{_marks(anchors)}</p>', ""]
        self.level = 2 + min(passage.level, _MAX_LEVEL)
        self.heading_text = passage.text
        self.continued = 0
        attributes = f"#{passage.anchor}"
        if requirements:
            attributes += f' data-eisen="{html.escape(" ".join(requirements))}"'
        self.out += [f"{'#' * self.level} {escape_markdown(passage.text)} {{ {attributes} }}", ""]
        self.size = 0

    def block(self, tag: str, css: str, fragments: list[str], prefix: str = "") -> None:
        chunk: list[str] = []
        for fragment in fragments:
            if chunk and self.size + _bytes(chunk) + _bytes([fragment]) > SECTION_LIMIT:
                self._emit(tag, css, chunk, prefix)
                chunk, prefix = [], ""
                self._continue()
            elif not chunk and self.size and self.size + _bytes([fragment]) > SECTION_LIMIT:
                self._continue()
            chunk.append(fragment)
        if chunk:
            if self.size and self.size + _bytes(chunk) > SECTION_LIMIT:
                self._continue()
            self._emit(tag, css, chunk, prefix)

    def _emit(self, tag: str, css: str, fragments: list[str], prefix: str) -> None:
        body = prefix + " ".join(fragments)
        if tag == "li":
            if not self.list_open:
                self.out.append('<ul class="bron-lijst">')
                self.list_open = True
            self.out.append(f'<li class="{css}">{body}</li>')
        else:
            self.close()
            self.out += [f'<{tag} class="{css}">{body}</{tag}>', ""]
        self.size += len(body.encode("utf-8"))

    def _continue(self) -> None:
        """Start a new search section: the same heading, marked as continued."""
        self.close()
        self.continued += 1
        title = f"{self.heading_text} (vervolg {self.continued})" if self.heading_text else f"Vervolg {self.continued}"
        self.out += [f"{'#' * self.level} {escape_markdown(title)}", ""]
        self.size = 0

    def close(self) -> None:
        if self.list_open:
            self.out += ["</ul>", ""]
            self.list_open = False


def _bytes(fragments: list[str]) -> int:
    return sum(len(f.encode("utf-8")) + 1 for f in fragments)
