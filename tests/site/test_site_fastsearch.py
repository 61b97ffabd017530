"""The fast search index gives exactly the entries of Material's own (generator/site/fastsearch.py).

Three ways: every page of two real sites (the bundled catalog and a synthetic one of 5 tenders) read by
both parsers, and the two sites' search indexes compared byte for byte; hand-written fragments with
every quirk of Material's ``Parser``; and random HTML from hypothesis. Where the fast parser leaves a
page to Material's ``Parser`` (the fallback) the entries are the same by construction; the tests also
check that the fast path is taken for the pages opvang makes.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material

from benchmarks.synthetic_catalog import generate as synthetic
from generator.site import fastsearch, parallel
from tests.site.site_helpers import REAL_CATALOG, build_site, make_project

INDEX = Path("search") / "search_index.json"


def _page(html: str) -> SimpleNamespace:
    """What the search index reads of a page (no table of contents: ids go into the address as they are)."""
    return SimpleNamespace(content=html, meta={}, toc=[], url="pagina/", title="Pagina")


def _material(html: str) -> list[tuple]:
    return [
        (s.id, "".join(s.title), "".join(s.text)) for s in fastsearch.material_sections(html) if not s.is_excluded()
    ]


def _fast(html: str) -> list[tuple] | None:
    found = fastsearch.sections(html)
    return None if found is None else [(s.id, "".join(s.title), "".join(s.text)) for s in found]


def _entries(index: material.SearchIndex, html: str) -> list[dict]:
    index.add_entry_from_context(_page(html))
    return index.entries


def assert_same(html: str) -> bool:
    """Fast and Material agree on *html* (sections and index entries); True if the fast path was taken."""
    try:
        expected = _material(html)
    except Exception as exc:  # Material's Parser fails: the fast index must leave it to Parser (same error)
        assert fastsearch.sections(html) is None
        with pytest.raises(type(exc)):
            _entries(fastsearch.FastSearchIndex(), html)
        return False
    fast = _fast(html)
    if fast is not None:
        assert fast == expected, html
    index = fastsearch.FastSearchIndex()
    assert _entries(index, html) == _entries(material.SearchIndex(), html), html
    assert index.fallbacks == (fast is None)
    return fast is not None


# --- hand-written fragments -----------------------------------------------------------------------

PERMALINK = '<a class="headerlink" href="#{0}" title="Link naar deze plek">&para;</a>'

FAST = {
    "entities": '<h1 id="t">A &amp; B</h1><p>&lt;x&gt; &#46; &#x2e; &nbsp; caf&eacute; één &copy; &amp c &# &zz;</p>',
    "only an entity": "<p>&nbsp;</p><p>&nbsp;&#10;</p>x&amp;",
    "entity at the end": "<p>a</p>tekst &amp",
    "ids in and outside elements": 'voor<div><h2 id="a">A</h2><p>in div</p></div><p>na div</p><h2 id="b">B</h2>x',
    "nested headings back out": '<div><h2 id="a">A</h2><div><h3 id="b">B</h3>in b</div>na b</div>na a<p>p</p>',
    "an exited section is never entered again": '<div><h2 id="a">A</h2></div><div><div><h3 id="b">B</h3></div>na</div>',
    "heading without id": "<h1>Zonder</h1><p>x</p><h2>ook zonder</h2><p>y</p>",
    "h1 first": '<h1 id="a">A</h1><p>x</p><h2 id="b">B</h2>',
    "h2 first": '<h2 id="a">A</h2><p>x</p><h1 id="b">B</h1>',
    "h3 first in a div": '<div><h3 id="a">A</h3></div><p>x</p>',
    "permalink": '<h2 id="a">A' + PERMALINK.format("a") + "</h2><p>x</p>",
    "permalink with entity in class": '<h2 id="a">A<a class="header&#108;ink" href="#a">¶</a></h2>',
    "headerlink outside a heading": '<p><a class="headerlink" href="#">in tekst</a> zichtbaar</p>',
    "headerlink in a heading of the same tag": '<h2 id="a">A</h2><h2>B<a class="headerlink">¶</a>C</h2>',
    "empty and blank kept tags": "<p></p><p> \n </p><ul>\n<li></li>\n</ul><p>x</p><sub> </sub><code></code>",
    "nested lists": "<ul>\n<li>een<ul>\n<li>twee</li>\n</ul>\n</li>\n</ul><ol><li><p>p</p></li></ol>",
    "void tags": '<p>a<br>b<hr>c<img src="x.png" alt="y">d<wbr>e<input disabled>f</p>',
    "self-closing tags": '<p>a<br />b<br/>c<img src="x" /></p><p/><span/>x<div/><h2 id="z"/>na',
    "quoted > and entities in attributes": '<p title="a > b" data-x="&quot;q&quot;">t</p><a href="?a=1&amp;b=2">l</a>',
    "uppercase tags and attributes": '<H2 ID="Up">Titel</H2><P>tekst</P><UL><LI>x</LI></UL><Br>',
    "comments": "<p>a<!-- c -->b</p><!-- x\n y --><p>c</p>\n<!-- laatste -->",
    "unmatched end tags": "<p>a</span>b</p></div><ul><li>x</ul></li></p>",
    "text before the first heading": 'Tekst\nmet regels<h1 id="a">A</h1>x',
    "abbr": '<p>De <abbr title="Maatschappelijke opvang">MO</abbr> &amp; <abbr title="a &lt; b">BW</abbr></p>',
    "table": "<table>\n<thead>\n<tr>\n<th>Kop</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>x</code></td>\n"
    "</tr>\n</tbody>\n</table>",
    "kept tags in a title": '<h2 id="a">A <code>x</code> <sup>2</sup><sub></sub></h2><p>t</p>',
    "empty and valueless id": '<h2 id="">A</h2>x<h3 id>B</h3>y',
    "duplicate attributes": '<h2 id="a" id="b">x</h2><a class="x" class="headerlink">y</a>',
    "whitespace runs": "a\n\n<p>\n</p>\n\n<p>b\nc\td\r\ne</p>\n \n",
    "tabs and returns in tags": '<p\tclass="x"\r\n>a</p><p class="y"\f>b</p>',
    "custom-looking and unknown tags": "<hx>t</hx><x1>y</x1><details><summary>s</summary>d</details>",
    "empty document": "",
}

FALLBACK = {
    "pre": "<pre><code>a\n  b</code></pre><p>x</p>",
    "uppercase pre": "<PRE>a\n b</PRE>",
    "data-search-exclude": '<h2 id="a" data-search-exclude>A</h2><p>x</p><div data-search-exclude><p>y</p></div>',
    "data-search-exclude in capitals": '<div DATA-SEARCH-EXCLUDE="1"><p>y</p></div>',
    "linenodiv": '<table><tr><td class="linenodiv"><span>1</span></td><td>c</td></tr></table>',
    "linenodiv as entity": '<div class="linenod&#105;v"><span>1</span></div><p>x</p>',
    "script": "<p>a</p><script>var a = '<p>';</script><p>b</p>",
    "style": "<style>p > a {}</style><p>b</p>",
    "object": "<object><p>x</p></object><p>y</p>",
    "textarea": "<textarea><p>x</p></textarea>",
    "single quotes": "<p class='x'>a</p>",
    "unquoted": "<p class=x>a</p>",
    "lone <": "<p>a < b</p>",
    "< at the end": "<p>a</p><",
    "doctype": "<!DOCTYPE html><p>a</p>",
    "processing instruction": "<?php x ?><p>a</p>",
    "cdata": "<![CDATA[<p>x</p>]]><p>a</p>",
    "comment with --": "<p>a<!-- a -- b -->c</p>",
    "comment --!>": "<p>a<!-- a --!>c-->d</p>",
    "abrupt comment": "<!-->x<p>y</p>",
    "unclosed comment": "<p>a</p><!-- x",
    "end tag with space": "<p>a</p ><p>b</p>",
    "attributes without space": '<p class="a"id="b">x</p>',
    "unicode space in a tag": '<p\xa0class="x">a</p>',
    "unclosed tag": '<p>a</p><a href="x"',
    "tag with a dash": "<my-tag>x</my-tag>",
}


@pytest.mark.parametrize("html", list(FAST.values()), ids=list(FAST))
def test_fragments_take_the_fast_path_with_the_same_entries(html):
    assert assert_same(html)


@pytest.mark.parametrize("html", list(FALLBACK.values()), ids=list(FALLBACK))
def test_other_html_is_left_to_material_with_the_same_entries(html):
    assert not assert_same(html)


def test_page_excluded_from_search_has_no_entries():
    page = _page("<h1 id='a'>A</h1>")
    page.meta = {"search": {"exclude": True}}
    index = fastsearch.FastSearchIndex()
    index.add_entry_from_context(page)
    assert index.entries == [] and index.fallbacks == 0


def test_title_and_tags_from_the_page_as_material():
    page = _page('<p>voor</p><h2 id="b">B</h2>x')
    page.meta = {"tags": ["een", 2], "search": {"boost": 2}}
    fast, slow = fastsearch.FastSearchIndex(), material.SearchIndex()
    fast.add_entry_from_context(page)
    slow.add_entry_from_context(page)
    assert fast.entries == slow.entries
    assert fast.entries[0] == {
        "location": "pagina/",
        "title": "Pagina",
        "text": "<p>voor</p>",
        "tags": ["een", "2"],
        "boost": 2,
    }


# --- random HTML ----------------------------------------------------------------------------------

_PIECES = [
    *(f"<{t}>" for t in ("p", "div", "code", "li", "ul", "ol", "sup", "span", "a", "em", "td", "h1", "h2", "h3")),
    *(f"</{t}>" for t in ("p", "div", "code", "li", "ul", "ol", "sup", "span", "a", "em", "td", "h1", "h2", "h3")),
    '<h1 id="een">',
    '<h2 id="twee">',
    '<h3 id="drie &amp; vier">',
    "<h2 id>",
    '<H2 ID="Hoog">',
    '<a class="headerlink" href="#een" title="Link">',
    '<a href="?a=1&amp;b=2" title="a > b">',
    '<abbr title="uitleg &lt;x&gt;">',
    "</abbr>",
    '<div class="linenodiv">',
    "<div data-search-exclude>",
    '<span title="">',
    "<br>",
    "<br />",
    "<hr/>",
    "<p/>",
    "<h2/>",
    '<img src="x" alt="y">',
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<!-- opmerking -->",
    "<!-- a -- b -->",
    "<!-->",
    "<!DOCTYPE html>",
    "<?pi?>",
    "<p class='x'>",
    "<p class=x>",
    "< ",
    "<",
    ">",
    "&amp;",
    "&lt;",
    "&#46;",
    "&nbsp;",
    "&eacute;",
    "&amp",
    "&",
    "tekst",
    "één",
    " ",
    "\n",
    "\t",
    "\xa0",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_random_html_from_pieces_gives_the_same_entries(html):
    event("snel" if assert_same(html) else "via Material")


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="<>/!-=\" '\n&;#pahid12cl", max_size=40))
def test_random_characters_give_the_same_entries(html):
    event("snel" if assert_same(html) else "via Material")


def test_random_pieces_mostly_take_the_fast_path():
    """The strategy above is not all fallbacks: without the odd pieces, every fragment is read fast."""
    ordinary = [piece for piece in _PIECES if piece.startswith(("<h", "<p>", "</", "<a", "<br", "&", "t", " ", "\n"))]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(ordinary), max_size=30).map("".join))
    def fast(html):
        assert assert_same(html)

    fast()


# --- real sites -----------------------------------------------------------------------------------


def _build(catalog: Path, root: Path, *, fast: bool, workers: int | None = None, **kwargs) -> tuple[Path, dict]:
    """Build a site (the fast index or Material's); return it and what its build recorded."""
    recorded: dict = {"contents": [], "indexes": [], "readers": set()}
    with pytest.MonkeyPatch.context() as patch:
        if not fast:
            patch.setattr(fastsearch, "install", lambda config: False)
        original = material.SearchIndex.add_entry_from_context

        def record(self, page):
            recorded["contents"].append((page.url, page.content))
            recorded["readers"].add(type(self))
            return original(self, page)

        patch.setattr(material.SearchIndex, "add_entry_from_context", record)
        search_indexes = parallel._search_indexes

        def spy(config):
            found = search_indexes(config)
            recorded["indexes"].extend(type(index) for index in found)
            return found

        patch.setattr(parallel, "_search_indexes", spy)
        if workers is None:
            patch.setattr(parallel, "MIN_PAGES", 10**9)
        else:
            patch.setattr(parallel, "MIN_PAGES", 0)
            patch.setattr(parallel, "worker_count", lambda: workers)
        config = make_project(root / "project")
        build_site(catalog, root / "site", config, **kwargs)
    return root / "site", recorded


@pytest.fixture(scope="module")
def synthetic_sites(tmp_path_factory):
    """The synthetic catalog of 5 tenders built with Material's index (one process) and the fast one (two workers)."""
    root = tmp_path_factory.mktemp("fastsearch")
    catalog = synthetic(root / "catalogus", tenders=5, requirements=100)
    slow, recorded = _build(catalog, root / "material", fast=False)
    fast, fast_recorded = _build(catalog, root / "snel", fast=True, workers=2)
    return slow, fast, recorded, fast_recorded


def test_synthetic_site_has_the_same_search_index_with_the_fast_index_in_workers(synthetic_sites):
    slow, fast, recorded, fast_recorded = synthetic_sites
    assert recorded["readers"] == {material.SearchIndex}
    assert fast_recorded["indexes"] == [fastsearch.FastSearchIndex]  # the index the workers fill
    assert (fast / INDEX).read_bytes() == (slow / INDEX).read_bytes()


def test_every_synthetic_page_gives_the_same_sections_and_tender_pages_take_the_fast_path(synthetic_sites):
    _, _, recorded, _ = synthetic_sites
    contents = recorded["contents"]
    assert len(contents) > 80
    fallbacks = [url for url, html in contents if not assert_same(html)]
    tenders = [url for url, _ in contents if url.startswith("synthetische-regio")]
    assert len(tenders) > 60
    assert [url for url in fallbacks if url in tenders] == []
    assert len(fallbacks) <= len(contents) // 20, fallbacks  # only hand-written pages with code blocks


def test_real_site_has_the_same_search_index_and_pages(real_site, tmp_path):
    """The bundled catalog as `make site` builds it (real_site: the fast index) against Material's."""
    reports = real_site.parent / "voorbeeld"
    assert reports.is_dir()
    slow, recorded = _build(REAL_CATALOG, tmp_path, fast=False, reports=reports)
    assert recorded["readers"] == {material.SearchIndex}
    assert (real_site / INDEX).read_bytes() == (slow / INDEX).read_bytes()
    contents = recorded["contents"]
    fallbacks = [url for url, html in contents if not assert_same(html)]
    assert len(contents) > 50
    assert len(fallbacks) <= len(contents) // 20, fallbacks


def test_install_uses_the_fast_index_only_for_the_checked_material(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    assert fastsearch.supported(), "Material's search plugin changed: check generator/site/fastsearch.py again"
    config_file = make_project(tmp_path / "project")
    config = load_config(config_file=str(config_file))
    assert fastsearch.install(config)
    config.plugins.on_config(config)
    assert type(config.plugins["material/search"].search_index) is fastsearch.FastSearchIndex

    monkeypatch.setattr(fastsearch, "MATERIAL_FINGERPRINT", "een andere versie")
    config = load_config(config_file=str(config_file))
    assert not fastsearch.install(config)
    config.plugins.on_config(config)
    assert type(config.plugins["material/search"].search_index) is material.SearchIndex
