"""The shared frame of the standalone HTML reports escapes what it is given: a name becomes text, never markup."""

from __future__ import annotations

from generator.render.html_page import page, table_region

EVIL = '"><script>alert(1)</script>'


def test_the_title_and_a_table_name_are_escaped():
    box = table_region(EVIL, "<table></table>", ident=EVIL)
    assert "<script>" not in box and 'aria-label="&quot;&gt;&lt;script&gt;' in box
    assert box.startswith('<div class="tabel" id="&quot;&gt;') and 'role="region" tabindex="0"' in box
    whole = page(EVIL, ["<h1>x</h1>"])
    assert "<script>" not in whole and "<title>&quot;&gt;&lt;script&gt;" in whole
    assert whole.startswith('<!DOCTYPE html>\n<html lang="nl">') and "<main>\n<h1>x</h1>\n</main>" in whole
