"""The search index of Material for MkDocs, made from the same pages with a faster parser (same entries).

Material's search plugin (``material.plugins.search.plugin``) divides the HTML of every page into
sections with ``Parser``, a subclass of Python's :class:`html.parser.HTMLParser`: a tokenizer in pure
Python, and handlers that test every piece of text against the open elements (which hash and compare
by tag). On a site of thousands of pages that is about a quarter of MkDocs' time.

:func:`sections` does the same work for the HTML that Python-Markdown writes: one compiled regular
expression finds every tag of the page, and the handlers of ``Parser`` are repeated with tags as plain
strings, specialised for pages where nothing is skipped (no ``script``, ``style`` or ``object``, no
``data-search-exclude``, no line numbers) and nothing is preformatted (no ``pre``). It accepts only a
strict form of HTML: every ``<`` opens a start tag (its name of ASCII letters and digits, each attribute
a name with an optional value in double quotes, separated by white space), an end tag (``</name>``) or a
plain comment (``<!-- ... -->`` without ``--`` inside). For that form ``HTMLParser`` gives the same
events: the same text between the tags (split exactly at the tags and comments, character references
resolved), the same lower-case tag and attribute names, the same attribute values. Anything else (a
declaration, a processing instruction, a ``<`` in text, an attribute in single quotes or without quotes,
a skipped or preformatted element, an exception) is left to Material's own ``Parser``: the fallback
costs time, never a different index.

:class:`FastSearchIndex` is Material's ``SearchIndex`` with :func:`sections` in front of ``Parser``; the
site build puts it in place of the plugin's index (:func:`install`, only in the build process: the staged
``mkdocs.yml`` stays plain). It does so only for the version of Material whose code this module
repeats (:data:`MATERIAL_FINGERPRINT`); for any other version the build keeps Material's own index.
"""

from __future__ import annotations

import hashlib
import re
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from material.plugins.search import plugin as material

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# Why this module exists: Material's HTMLParser-based indexing is ~25 % of a large site's MkDocs time.
# Its output must not change: every entry (sections, titles, texts, ids) is the one Material makes.

# A start tag (group 2: name, 3: attributes, 4: "/" of "/>"), an end tag (group 1: name) or a comment (no
# group), in the strict form described above. White space is the five characters HTML knows (not every
# Unicode space). A comment has no "--" inside and does not start with ">" or "->": every version of
# HTMLParser ends it at its "-->" (the rules for "--!>", "-- >" and "<!-->" differ between versions).
_TAG = re.compile(
    r"<(?:/([a-zA-Z][a-zA-Z0-9]*)>"
    r'|([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)[ \t\n\r\f]*(/?)>'
    r"|!--(?!-?>)(?:[^-]|-(?!-))*-->)"
)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:(=)"([^"]*)")?')
_EXCLUDED = "data-search-exclude"

# Elements Material's Parser treats in a way not repeated here (skipped, or preformatted), and those
# that HTMLParser reads as raw text in some version of Python: a page with one goes to Material's Parser.
_FALLBACK_TAGS = frozenset(
    {
        "object",
        "script",
        "style",
        "pre",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    }
)
_VOID = frozenset(material.void)
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Parser.keep
_OPEN = {tag: f"<{tag}>" for tag in _KEEP}
_CLOSE = {tag: f"</{tag}>" for tag in _KEEP}

# The code of Material this module repeats: the sha256 of material/plugins/search/plugin.py (fingerprint()).
MATERIAL_FINGERPRINT = "cc8a3ac0a8862662d11e87fefcdaa4a42d9ebd70a7943fa921c1c80e2661730b"  # mkdocs-material 9.8.2


class Section:
    """A section of a page as Material's ``Section``: its heading's tag, depth, title, text and id."""

    __slots__ = ("depth", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float = 0) -> None:
        self.tag = tag
        self.depth = depth
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None

    def __repr__(self) -> str:
        return f"{self.tag}#{self.id}" if self.id else self.tag


def _attributes(source: str) -> dict[str, str | None]:
    """The attributes of a start tag as ``HTMLParser`` gives them to ``Parser`` (``dict(attrs)``)."""
    return {
        name.lower(): (unescape(value) if value else value) if equals else None
        for name, equals, value in _ATTRIBUTE.findall(source)
    }


def sections(html: str) -> list[Section] | None:
    """The sections Material's ``Parser`` makes of *html*, or None where that is left to ``Parser`` itself.

    The handlers follow ``Parser.handle_starttag``, ``handle_endtag`` and ``handle_data`` line by line;
    ``context`` holds the open elements' tags, ``headerlinks`` the places in it of open permalinks
    (``<a class="headerlink">``). Every ``in context`` compares tags, as ``Element`` does.
    """
    if not isinstance(html, str) or _EXCLUDED in html.lower():  # attribute names are read in lower case
        return None
    try:
        return _sections(html)
    except Exception:  # e.g. Parser's own ValueError on a closing tag: let Parser raise it
        return None


def _sections(html: str) -> list[Section] | None:
    # The state of Parser: the open elements' tags (context), the places in it of open permalinks, the
    # sections so far and the current one (with its tag, depth, title and text at hand).
    context: list[str] = []
    headerlinks: list[int] = []
    data: list[Section] = []
    section: Section | None = None
    current = depth_ = None
    title: list[str] = []
    text: list[str] = []

    # [text, end, tag, attributes, "/", text, ...]: every match gives 4 groups (None where unmatched)
    parts = _TAG.split(html)
    parts.extend((None, None, None, None))
    each = iter(parts)
    for chunk, end, tag, source, closed in zip(each, each, each, each, each, strict=True):
        # Parser.handle_data, for the text before the tag
        if chunk:
            if "<" in chunk:  # a "<" that does not open a tag of the strict form
                return None
            if "&" in chunk:
                chunk = unescape(chunk)
            if section is None:
                section = Section("hx")
                data.append(section)
                current, depth_, title, text = section.tag, section.depth, section.title, section.text
            if chunk.isspace():  # collapsed to one space (never inside "pre": such a page is Parser's)
                if current in context:
                    if not headerlinks:  # ignore permalinks
                        title.append(" ")
                elif not text or not text[-1].isspace():
                    text.append(" ")
            else:
                # escape(chunk.replace("\n", " "), quote=False), written out
                chunk = chunk.replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                if current in context:
                    if not headerlinks:
                        title.append(chunk)
                else:
                    text.append(chunk)

        if tag is not None:  # Parser.handle_starttag
            tag = tag.lower()
            if tag in _FALLBACK_TAGS:
                return None
            if tag in _VOID:
                continue  # Parser ignores a void element, and its "/>" end finds no open element
            context.append(tag)
            attributes = None
            if tag in _HEADINGS:
                attributes = _attributes(source)
                if "id" in attributes:
                    depth = len(context)
                    if tag != "h1" and not data:  # ensure top-level section
                        data.append(Section("hx", depth))
                    section = Section(tag, depth)
                    if data:
                        section.id = attributes["id"]
                    data.append(section)
                    current, depth_, title, text = section.tag, section.depth, section.title, section.text
            if section is None:  # preface
                section = Section("hx")
                data.append(section)
                current, depth_, title, text = section.tag, section.depth, section.title, section.text
            # The class can be "linenodiv" (skipped by Parser) or "headerlink" (a permalink) only if the
            # source says so or holds a character reference (data-search-exclude: see sections()).
            if source and ("&" in source or "linenodiv" in source or (tag == "a" and "headerlink" in source)):
                if attributes is None:
                    attributes = _attributes(source)
                css = attributes.get("class")
                if css == "linenodiv":
                    return None
                if tag == "a" and css == "headerlink":
                    headerlinks.append(len(context) - 1)
            if tag in _KEEP:
                (title if current in context else text).append(_OPEN[tag])
            if not closed:
                continue
            end = tag  # "<tag/>": HTMLParser's handle_startendtag calls handle_endtag right away
        elif end is None:
            continue  # a comment (Parser ignores it; it only ends the text before it), or the end
        else:
            end = end.lower()

        # Parser.handle_endtag
        if not context or context[-1] != end:
            continue
        depth = len(context)
        if depth_ > depth:  # leaving the element a heading was nested in: back to an enclosing section
            for candidate in reversed(data):
                if candidate.depth <= depth:
                    section.depth = float("inf")
                    section = candidate
                    current, depth_, title, text = section.tag, section.depth, section.title, section.text
                    break
        context.pop()
        if headerlinks and headerlinks[-1] == depth - 1:
            headerlinks.pop()
        if end in _KEEP:
            kept = title if current in context else text
            index = kept.index(_OPEN[end])  # the first one, as in Parser
            for i in range(index + 1, len(kept)):
                if not kept[i].isspace():
                    index = len(kept)
                    break
            if len(kept) > index:  # remove the element if empty (or only whitespace)
                del kept[index:]
            else:
                kept.append(_CLOSE[end])
    return data


def material_sections(html: str) -> list[material.Section]:
    """The sections Material's own ``Parser`` makes of *html* (the excluded ones too)."""
    parser = material.Parser()
    parser.feed(html)
    parser.close()
    return parser.data


class FastSearchIndex(material.SearchIndex):
    """Material's ``SearchIndex``, reading a page with :func:`sections` where it can (same entries).

    ``fallbacks`` counts the pages left to Material's ``Parser`` (in this process).
    """

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        self.fallbacks = 0

    def add_entry_from_context(self, page: Page) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        found = sections(page.content)
        if found is None:
            self.fallbacks += 1
            super().add_entry_from_context(page)
            return
        for section in found:  # none is excluded: a page with data-search-exclude is Parser's
            self.create_entry_for_section(section, page.toc, page.url, page)


def fingerprint() -> str:
    """The sha256 of Material's search plugin module as installed (its file, whatever is patched at run time)."""
    return hashlib.sha256(Path(material.__file__).read_bytes()).hexdigest()


def supported() -> bool:
    """Whether the installed Material is the one :func:`sections` was checked against."""
    try:
        return fingerprint() == MATERIAL_FINGERPRINT
    except OSError:  # no source to read
        return False


def install(config: MkDocsConfig) -> bool:
    """Let Material's search plugin of *config* index with :class:`FastSearchIndex`; True if it will.

    The plugin makes its index in its ``on_config``, which MkDocs calls at the start of the build
    (after this): a handler added after every other ``config`` handler swaps that index for a
    :class:`FastSearchIndex` with the same configuration. The plugin's own page events then fill it,
    in this process or in the workers of :mod:`generator.site.parallel`, which fork after it is made.
    """
    plugins = [plugin for plugin in config.plugins.values() if type(plugin) is material.SearchPlugin]
    if not plugins or not supported():
        return False

    def use_fast_index(config: MkDocsConfig) -> None:
        for plugin in plugins:
            index = getattr(plugin, "search_index", None)
            if type(index) is material.SearchIndex:  # not made when the plugin is disabled
                fast = FastSearchIndex(**index.config)
                fast.entries = index.entries
                plugin.search_index = fast

    config.plugins.events["config"].append(use_fast_index)
    return True
