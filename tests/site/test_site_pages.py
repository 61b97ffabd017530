"""The generated pages: anchors, badges, norms, comparisons, downloads, and byte-for-byte determinism."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog
from generator.site import build as site_build
from generator.site.assemble import build_pages, navigation
from generator.site.pages import Download, GlossaryEntry, Report
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG, generate


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(FIXTURE_CATALOG)


def _pages(catalog, **kwargs):
    return {page.path: page.text for page in build_pages(catalog, **kwargs)}


def test_every_requirement_has_a_heading_with_its_id_as_anchor(catalog):
    pages = _pages(catalog)
    text = "\n".join(pages.values())
    for req in catalog.requirements:
        assert f"## {req.id} · " in text
        assert f"{{ #{req.id} }}" in text


def test_requirement_shows_badge_norms_in_dutch_and_source(catalog):
    page = _pages(catalog)["voorbeeld-opvang/kpi.md"]
    assert '<span class="badge badge-eis"' in page and ">Eis</span>" in page
    assert "| Cliënttevredenheid | minimaal 7,5 cijfer |" in page or "7,5" in page
    assert "in 80% van de gevallen" in page
    assert "Bron: Testdocument, 3 KPI's (999\\_0000000000000000.txt)" in page


def test_script_in_text_is_escaped_in_the_markdown(catalog):
    page = _pages(catalog)["voorbeeld-opvang/rapportage.md"]
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "\\*\\*jaarlijks\\*\\*" in page
    assert "<script>" not in page


def test_tender_overview(catalog):
    page = _pages(catalog)["voorbeeld-opvang/index.md"]
    for expected in (
        "Gemeente Voorbeeldstad",
        "Voorbeeldstad, Dorpen",
        "1 januari 2027 tot en met 31 december 2030",
        "Acute dakloosheid, Huiselijk geweld",
        "€ 1.000.000 per jaar",
        "| Opvangplekken | 20 |",
        "[VOG en screening](vog.md)",
    ):
        assert expected in page, expected


def test_comparison_pages_link_to_requirement_anchors(catalog):
    pages = _pages(catalog)
    vog = pages["vergelijking/vog.md"]
    assert "[VBO-VOG-01](../voorbeeld-opvang/vog.md#VBO-VOG-01) maximaal 3 maanden" in vog
    kpi = pages["vergelijking/kpi.md"]
    assert "#VBO-KPI-" in kpi
    finance = pages["vergelijking/financien.md"]
    assert "Maximaal budget per jaar: € 1.000.000 per jaar" in finance


def test_tags_per_category_and_target_group(catalog):
    pages = _pages(catalog)
    assert '  - "VOG en screening"' in pages["voorbeeld-opvang/vog.md"]
    assert '  - "Acute dakloosheid"' in pages["voorbeeld-opvang/index.md"]
    assert "<!-- material/tags -->" in pages["tags.md"]


def test_glossary_downloads_and_reports(catalog):
    pages = _pages(
        catalog,
        glossary=[GlossaryEntry("VOG", "Verklaring Omtrent het Gedrag"), GlossaryEntry("briefadres", "Postadres")],
        downloads=[
            Download("bestanden/catalogus.json", "catalogus.json", "catalog"),
            Download(
                "bestanden/checklists/voorbeeld-opvang.xlsx",
                "checklist (XLSX)",
                "checklist",
                "voorbeeld-opvang",
            ),
            Download("bestanden/checklists/weg.xlsx", "checklist (XLSX)", "checklist", "bestaat-niet"),
        ],
        reports=[Report("gap.md", "# Gap-rapport\n\ntekst\n")],
    )
    glossary = pages["woordenlijst.md"]
    assert glossary.index("<dt>briefadres</dt>") < glossary.index("<dt>VOG</dt>")
    assert "<dd>Verklaring Omtrent het Gedrag</dd>" in glossary and "|" not in glossary  # a list, not a table
    downloads = pages["downloads.md"]
    assert "[catalogus.json](bestanden/catalogus.json)" in downloads
    assert "bestanden/checklists/voorbeeld-opvang.xlsx" in downloads
    assert "weg.xlsx" not in downloads
    assert "[Gap-rapport](voorbeeldaanbieder/gap.md)" in downloads
    # the report as it is, below every requirement in search (see test_site_browser.py)
    assert pages["voorbeeldaanbieder/gap.md"] == "---\nsearch:\n  boost: 0.000001\n---\n\n# Gap-rapport\n\ntekst\n"
    assert "bestanden/checklists/voorbeeld-opvang.xlsx" in pages["voorbeeld-opvang/index.md"]


def test_navigation_lists_every_generated_page_once(catalog):
    pages = build_pages(catalog, reports=[Report("kpi.md", "# KPI-rapport\n")])
    nav = navigation(catalog, pages, [("Start", "index.md"), ("Gebruik", "gebruik.md"), ("Privacy", "privacy.md")])

    def paths(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from paths(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from paths(value)

    listed = list(paths(nav))
    assert sorted(listed) == sorted([p.path for p in pages] + ["index.md", "gebruik.md", "privacy.md"])
    assert listed[0] == "index.md"


def test_pages_are_deterministic_and_independent_of_catalog_object_identity(catalog):
    again = load_catalog(FIXTURE_CATALOG)
    assert build_pages(catalog) == build_pages(again)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_staging_twice_gives_the_same_bytes(project, tmp_path):
    first, second = tmp_path / "een", tmp_path / "twee"
    for target in (first, second):
        generated = generate(FIXTURE_CATALOG, project)
        site_build.stage(generated, target, project, tmp_path / "site")
    assert _tree(first / "docs") == _tree(second / "docs")
    assert (first / "docs" / "aanbestedingen.md").is_file()
    assert (first / "docs" / "stylesheets" / "extra.css").is_file()  # the shipped base
    assert not (project.parent / "docs" / "aanbestedingen.md").exists(), "nothing is written into the project"


def test_real_catalog_pages_are_deterministic():
    first = build_pages(load_catalog(REAL_CATALOG))
    second = build_pages(load_catalog(REAL_CATALOG))
    assert [dataclasses.astuple(p) for p in first] == [dataclasses.astuple(p) for p in second]


def test_glossary_is_a_definition_list_with_escaped_text(catalog):
    """A definition list reflows on a phone (a two-column table did not); its text is never markup."""
    pages = _pages(catalog, glossary=[GlossaryEntry("<b>X</b>", "a & b <script>alert(1)</script>")])
    glossary = pages["woordenlijst.md"]
    assert '<dl class="woordenlijst">' in glossary
    assert "<dt>&lt;b&gt;X&lt;/b&gt;</dt>" in glossary
    assert "<dd>a &amp; b &lt;script&gt;alert(1)&lt;/script&gt;</dd>" in glossary
    assert "<script>" not in glossary and "<b>" not in glossary
