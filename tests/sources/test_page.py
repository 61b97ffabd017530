"""The source page for the site: title, headings, one element per passage with the requirements that
quote it, an anchor per quote, escaped source text, sections small enough for the search index."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser

import markdown

from generator.catalog.load import load_catalog
from generator.sources.library import load_sources
from generator.sources.page import SECTION_LIMIT, page_markdown, page_path, requirement_anchor, source_target
from generator.sources.passages import parse
from generator.sources.quotes import SourceIndex
from tests.catalog_edits import edit_requirement
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, REPO, SEEDS

BASE_DOCS = REPO / "site_templates" / "base" / "docs"  # the base of every site


@cache
def fixture():
    catalog = load_catalog(FIXTURE_CATALOG)
    return catalog, load_sources(catalog, FIXTURE_CATALOG / "bronnen")


class _Elements(HTMLParser):
    """Every element with an id: tag, attributes and its text; and every tag name seen."""

    def __init__(self):
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.tags: list[str] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "children": []}
        if self._open:
            self._open[-1]["children"].append(element)
        if "id" in element["attrs"]:
            self.by_id[element["attrs"]["id"]] = element
        self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def rendered(md: str) -> _Elements:
    """The page as MkDocs renders it (the extensions of mkdocs.yml that matter here)."""
    parser = _Elements()
    parser.feed(markdown.markdown(md, extensions=["attr_list", "toc", "tables"]))
    return parser


def test_page_of_the_fixture_document():
    catalog, sources = fixture()
    source = sources.documents["999_0000000000000000.txt"]
    md = page_markdown(source, {t.id: t.title for t in catalog.tenders})
    assert md.startswith("# Testdocument\n")
    assert "## 3. KPI's { #p-6 }" in md
    page = rendered(md)
    assert [f"p-{n}" for n in range(1, 26)] == [i for i in page.by_id if i.startswith("p-")]
    assert page.by_id["p-6"]["tag"] == "h2"
    plan = page.by_id["p-9"]
    assert plan["attrs"]["data-eisen"] == "VBO-KPI-02"
    assert plan["text"] == "Na melding wordt in 100% van de gevallen binnen 48 uur een plan opgesteld."
    assert [c["attrs"] for c in plan["children"]] == [{"class": "eis-anker", "id": "eis-VBO-KPI-02"}]
    # one quote over two passages: both carry the requirement, the anchor stands in the first
    assert page.by_id["p-11"]["attrs"]["data-eisen"] == page.by_id["p-12"]["attrs"]["data-eisen"] == "VBO-KPI-04"
    assert page.by_id["eis-VBO-KPI-04"] in page.by_id["p-11"]["children"]
    assert "data-eisen" not in page.by_id["p-13"]["attrs"]  # open
    assert page.by_id["p-14"]["text"] == "Het aantal plekken kan per jaar met 10% wijzigen."  # the footnote
    assert len([i for i in page.by_id if i.startswith("eis-")]) == 9  # one anchor per requirement


def test_source_text_is_escaped_never_markup():
    catalog, sources = fixture()
    page = rendered(page_markdown(sources.documents["999_0000000000000000.txt"]))
    assert page.by_id["p-25"]["text"] == "De monitor <script>alert('x')</script> wordt **jaarlijks** besproken."
    assert [c["attrs"]["class"] for c in page.by_id["p-25"]["children"]] == ["eis-anker"]  # and no other element
    assert "script" not in page.tags


def test_bron_target_of_a_requirement():
    catalog, sources = fixture()
    source = sources.documents["999_0000000000000000.txt"]
    assert source.slug == "testdocument" and page_path(source) == "bronnen/testdocument.md"
    assert source_target(sources, catalog.requirement("VBO-KPI-02")) == "bronnen/testdocument.md#eis-VBO-KPI-02"
    assert source_target(sources, catalog.requirement("VBO-KPI-02"), "generated/bronnen") == (
        "generated/bronnen/testdocument.md#eis-VBO-KPI-02"
    )
    assert requirement_anchor("NML-KPI-07") == "eis-NML-KPI-07"


def test_long_sections_are_split_for_the_search_index():
    sentences = " ".join(f"Zin nummer {n} van een lange sectie met genoeg woorden om te tellen." for n in range(1, 801))
    parsed = parse(f"1. Een lange sectie \n\n{sentences} \n")
    source = replace(
        fixture()[1].documents["999_0000000000000000.txt"],
        parsed=parsed,
        index=SourceIndex(parsed),
        matches={},
        found={},
    )
    md = page_markdown(source)
    sections = re.split(r"(?m)^#{1,6} .*$", md)
    assert len(sections) > 4 and max(len(s.encode("utf-8")) for s in sections) <= SECTION_LIMIT + 200
    assert "## 1. Een lange sectie (vervolg 1)" in md
    page = rendered(md)
    assert len([i for i in page.by_id if i.startswith("p-")]) == len(parsed.passages) == 801


def test_every_located_quote_of_the_real_catalog_has_its_anchor_once():
    catalog = load_catalog(REAL_CATALOG)
    sources = load_sources(catalog, SEEDS)
    for source in sources.documents.values():
        md = page_markdown(source)
        anchors = re.findall(r'id="(eis-[A-Z]+-[A-Z]+-\d+)"', md)
        assert len(anchors) == len(set(anchors))
        assert set(anchors) == {requirement_anchor(r) for r, numbers in source.found.items() if numbers}


def test_assets_highlight_the_target_and_every_quoted_passage():
    css = (BASE_DOCS / "stylesheets" / "bronnen.css").read_text(encoding="utf-8")
    assert ".bron-passage:has(> .eis-anker:target)" in css and ".bron-gemarkeerd" in css
    js = (BASE_DOCS / "javascripts" / "bronnen.js").read_text(encoding="utf-8")
    assert "'[data-eisen~=\"' + id + '\"]'" in js and '"hashchange"' in js and "scrollIntoView" in js


def test_a_quote_of_only_a_heading_has_its_anchor_above_the_heading(catalog_copy):
    edit_requirement(catalog_copy, "reporting", "VBO-REP-01", text="6. Rapportage")
    catalog = load_catalog(catalog_copy)
    sources = load_sources(catalog, catalog_copy / "bronnen")
    md = page_markdown(sources.documents["999_0000000000000000.txt"])
    assert '<p class="eis-ankers"><span class="eis-anker" id="eis-VBO-REP-01"></span></p>\n\n## 6. Rapportage' in md
    assert rendered(md).by_id["p-23"]["attrs"]["data-eisen"] == "VBO-REP-01"
    assert source_target(sources, catalog.requirement("VBO-REP-01")) == "bronnen/testdocument.md#eis-VBO-REP-01"
