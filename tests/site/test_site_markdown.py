"""Catalog text is data: whatever it contains, the rendered page shows exactly those characters."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.markdown import block, inline, number

EXTENSIONS = ["abbr", "attr_list", "tables", "admonition", "toc"]
NASTY = "<>&\"'`*_[](){}#!|\\-+=:~.0123456789 abcXYZ\n\t"


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def _visible_text(rendered: str) -> str:
    assert "<script" not in rendered
    without_breaks = rendered.replace("<br />\n", "\n").replace("<br>\n", "\n")
    return html.unescape(re.sub(r"</?p>", "", without_breaks)).strip()


def test_script_and_emphasis_are_shown_literally():
    text = "De monitor <script>alert('x')</script> wordt **jaarlijks** besproken."
    rendered = _render(block(text))
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in rendered
    assert "<strong>" not in rendered
    assert _visible_text(rendered) == text


def test_markdown_syntax_at_line_start_stays_text():
    cases = [
        "# geen kop",
        "- geen lijst",
        "+ geen lijst",
        "1. geen genummerde lijst",
        "> geen citaat",
        '--8<-- "/etc/passwd"',
        "!!! note",
        "*[VOG]: verzonnen afkorting",
        "| a | b |",
        "tekst { #anker .klasse }",
        "[link](https://example.org) en ![beeld](x.png)",
        "    vier spaties",
        "<!-- commentaar -->",
        "&lt; blijft &lt;",
    ]
    for text in cases:
        rendered = _render(inline(text))
        assert _visible_text(rendered) == text.strip(), (text, rendered)
        assert "<a " not in rendered and "<img" not in rendered and "<h1" not in rendered


def test_line_breaks_are_kept_and_paragraphs_split():
    rendered = _render(block("eerste regel\n- tweede regel\n\n1. nieuwe alinea"))
    assert rendered.count("<p>") == 2
    assert "<ul>" not in rendered and "<ol>" not in rendered
    assert "eerste regel<br" in rendered


def test_table_cell_pipe_does_not_split_the_cell():
    source = f"| kop |\n|---|\n| {inline('a | b')} |\n"
    rendered = _render(source)
    assert rendered.count("<td>") == 1
    assert "a | b" in html.unescape(rendered)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NASTY, max_size=60))
def test_any_text_renders_as_itself(text):
    expected = re.sub(r"\s+", " ", text).strip()
    assert _visible_text(_render(inline(text))) == expected


def test_dutch_numbers():
    assert number(7.5) == "7,5"
    assert number(5600000) == "5.600.000"
    assert number(3) == "3"
    assert number(3.0) == "3"
    assert number(0.25) == "0,25"
    assert number(-1.5) == "-1,5"
