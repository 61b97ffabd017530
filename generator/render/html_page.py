"""The frame every standalone HTML report shares: a Dutch page that meets WCAG 2.1 AA on a desktop and a phone.

Municipalities that publish these reports are bound by WCAG 2.1 AA (Besluit digitale toegankelijkheid
overheid). :func:`page` writes ``<html lang="nl">`` with a ``<title>``, the content in ``<main>`` and
the shared style: headings that wrap (a long word never widens the page at 320 pixels), underlined
links, a visible keyboard focus, and words added or removed in a change marked by more than colour
(``+``/``−`` before them, read aloud as "toegevoegd:"/"verwijderd:", underlined or struck through).
:func:`table_region` puts a table in a box that scrolls sideways on its own: focusable with the keyboard
and named for a screen reader, so the page itself never scrolls sideways (reflow, WCAG 1.4.10).
"""

from __future__ import annotations

import html

BASE_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:72rem;margin:2rem auto;"
    "padding:0 1rem;color:#1b1b1b;line-height:1.45}"
    "h1,h2,h3,h4,h5{overflow-wrap:break-word;hyphens:auto}h1{color:#1f4e79;font-size:1.6rem}"
    "a{color:#1f4e79;text-decoration:underline}"
    ":focus-visible{outline:3px solid #1f4e79;outline-offset:2px}"
    ".tabel{overflow-x:auto;max-width:100%;margin:.5rem 0 1.5rem}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #c8d1da;padding:.35rem .5rem;text-align:left;vertical-align:top}"
    "th{background:#1f4e79;color:#fff}"
    "p,li,dd{overflow-wrap:anywhere}"
    "ins{background:#dff0df;text-decoration:underline}del{background:#fbe3e3;text-decoration:line-through}"
    'ins::before{content:"+";content:"+" / "toegevoegd: ";font-weight:700}'
    'del::before{content:"\\2212";content:"\\2212" / "verwijderd: ";font-weight:700}'
    "@media (max-width:40rem){body{margin:1rem auto}h1{font-size:1.35rem}}"
)
CHANGE_LEGEND = (
    "Gewijzigde woorden: met + ervoor en onderstreept is toegevoegd, met − ervoor en doorgehaald is verwijderd."
)


def escape(text: object) -> str:
    """*text* shown literally in HTML, also inside an attribute."""
    return html.escape(str(text), quote=True)


def page(title: str, body: list[str], css: str = "") -> str:
    """A page: *title* in ``<title>`` (escaped here), *body* (HTML already) in ``<main>``, *css* after the base."""
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="nl"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{escape(title)}</title><style>{BASE_CSS}{css}</style></head><body><main>",
                *body,
                "</main></body></html>",
            ]
        )
        + "\n"
    )


def table_region(label: str, table: str, ident: str = "") -> str:
    """*table* (HTML already) in a box that scrolls sideways, reached with Tab and named *label* (escaped here)."""
    anchor = f' id="{escape(ident)}"' if ident else ""
    return f'<div class="tabel"{anchor} role="region" tabindex="0" aria-label="{escape(label)}">{table}</div>'
