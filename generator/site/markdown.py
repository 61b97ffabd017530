"""Escaping helpers: catalog and report text is data, shown literally, never executed or interpreted.

Every string that comes from the catalog (titles, requirement text, notes, labels) or from a user's
data (in the Markdown reports) passes through :func:`inline` or :func:`block` before it lands in
Markdown. HTML-significant characters become entities, Markdown-significant characters get a
backslash (or, at the start of a line, an entity), so the rendered page shows exactly the characters
of the data: no script, no link, no emphasis, no attribute list. Text that MkDocs itself puts into the
page as HTML (front-matter titles, navigation titles) is HTML-escaped by :func:`yaml_string` and
:func:`html_text`.
"""

from __future__ import annotations

import re

# Characters Python-Markdown (with the tables extension) accepts behind a backslash; escaping them
# disables emphasis, code, links, abbreviation and attribute-list syntax, headings and tables.
_BACKSLASH = set("\\`*_{}[]#!|")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# At the start of a line these would start a list, a heading underline, a block quote or a snippet.
_LINE_START = {"-": "&#45;", "+": "&#43;", "=": "&#61;", ":": "&#58;", "~": "&#126;"}
_ORDERED = re.compile(r"^(\d+)([.)])")


class Raw(str):
    """Markdown that is already safe (built by this package); templates output it unchanged."""

    __slots__ = ()


# The replacements in an order that never escapes an escape twice: backslashes first, then "&" (before
# the entities that start with it), then the rest. Chained str.replace is many times faster than
# str.translate with a table of strings, and most texts hold none of these characters at all.
_REPLACEMENTS = tuple(
    (ch, "\\" + ch if ch in _BACKSLASH else _HTML[ch])
    for ch in ["\\", "&", *sorted((set(_HTML) | _BACKSLASH) - {"\\", "&"})]
)
_HTML_REPLACEMENTS = tuple((ch, _HTML[ch]) for ch in ["&", *sorted(set(_HTML) - {"&"})])  # "&" first
_SPECIAL = re.compile("[" + re.escape("".join(ch for ch, _ in _REPLACEMENTS)) + "]")


def _escape_chars(text: str) -> str:
    """HTML-special characters as entities, Markdown-special characters behind a backslash."""
    return text if _SPECIAL.search(text) is None else _replace_all(text, _REPLACEMENTS)


def _replace_all(text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    """*text* with each character of *replacements* replaced, in their order."""
    for char, replacement in replacements:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _escape_line(line: str) -> str:
    line = line.strip()
    if not line:
        return ""
    escaped = _escape_chars(line)
    first = line[0]
    if first in _LINE_START:
        escaped = _LINE_START[first] + escaped[1:]
    else:
        match = _ORDERED.match(line)
        if match:  # "1. foo" would become an ordered list
            escaped = match.group(1) + ("&#46;" if match.group(2) == "." else "&#41;") + escaped[match.end() :]
    return escaped


def _one_line(text: object) -> str:
    """*text* with every run of whitespace as one space, none at either end (as ``\\s+`` and strip)."""
    return " ".join(str(text).split())


def inline(text: object) -> Raw:
    """*text* on one line (whitespace collapsed), safe in a heading, a paragraph or a table cell."""
    if text is None:
        return Raw("")
    return Raw(_escape_line(_one_line(text)))


def block(text: object) -> Raw:
    """*text* as one or more paragraphs; line breaks of the source are kept as ``<br>``."""
    if text is None:
        return Raw("")
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    out = []
    for paragraph in paragraphs:
        lines = [_escape_line(line) for line in paragraph.splitlines()]
        lines = [line for line in lines if line]
        if lines:
            out.append("<br>\n".join(lines))
    return Raw("\n\n".join(out))


def attribute(text: object) -> str:
    """*text* safe inside a double-quoted HTML attribute."""
    return _replace_all(_one_line(text), _HTML_REPLACEMENTS)


def yaml_string(text: object) -> str:
    """*text* as a double-quoted YAML scalar for front matter (JSON strings are valid YAML).

    HTML-escaped as well: MkDocs and Material put a front-matter title into ``<title>`` and the page
    header as HTML, unescaped; the entities show the characters themselves.
    """
    import json

    return json.dumps(attribute(text), ensure_ascii=False)


def html_text(text: object) -> str:
    """*text* for a place MkDocs puts into a page as HTML without escaping it (navigation titles)."""
    return attribute(text)


def number(value: float | int) -> str:
    """Dutch number format: ``5.600.000``, ``7,5``, ``0,25``."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:.4f}".rstrip("0").partition(".")
        return sign + f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
    return sign + f"{int(value):,}".replace(",", ".")


def link(text: str, target: str) -> Raw:
    """A Markdown link with escaped *text* to a *target* built by this package."""
    return Raw(f"[{inline(text)}]({target})")
