"""Where the pages live and how a reader finds them: clean addresses, the navigation order, a Dutch footer,
and a clear Dutch error when a tender id or a hand-written page would take the address of another page."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.site import build as site_build
from generator.site.assemble import build_pages, navigation
from generator.site.pages import Page, Report
from tests.site.site_helpers import FIXTURE_CATALOG, generate

HANDWRITTEN = [
    ("Eisen maatschappelijke opvang", "index.md"),
    ("Benchmarks", "benchmarks.md"),
    ("Bestandsformaten", "bestandsformaten.md"),
    ("Gebruik van opvang", "gebruik.md"),
    ("Privacy en beveiliging", "privacy.md"),
]


def _build(project: Path, out: Path, catalog: Path = FIXTURE_CATALOG):
    return CliRunner().invoke(
        main,
        [
            "site",
            "build",
            "-o",
            str(out),
            "--catalog",
            str(catalog),
            "--config",
            str(project),
            "--peildatum",
            "2026-11-30",
        ],
        env={},
    )


def test_readers_pages_first_and_the_pages_about_the_site_last():
    catalog = load_catalog(FIXTURE_CATALOG)
    pages = build_pages(catalog, reports=[Report("gap.md", "# Gap-rapport\n")], commands=main)
    nav = navigation(catalog, pages, HANDWRITTEN)
    assert [next(iter(item)) for item in nav] == [
        "Start",
        "Aanbestedingen",
        "Vergelijken",
        "Woordenlijst",
        "Downloads",
        "Voorbeeldaanbieder",
        "Tags",
        "Over deze site",
    ]
    assert nav[-1]["Over deze site"] == [
        {"Gebruik van opvang": "gebruik.md"},
        {"Alle commando's": "opdrachtregel.md"},
        {"Bestandsformaten": "bestandsformaten.md"},
        {"Privacy en beveiliging": "privacy.md"},
        {"Benchmarks": "benchmarks.md"},
    ]


def test_source_pages_get_a_section_after_the_comparisons():
    """The pages of the source documents (generator.sources, wired in by the build) land under "Bronnen"."""
    catalog = load_catalog(FIXTURE_CATALOG)
    sources = [
        Page("bronnen/testdocument.md", "Testdocument", "# Testdocument\n"),
        Page("bronnen/index.md", "Alle", ""),
    ]
    nav = navigation(catalog, build_pages(catalog) + sources, HANDWRITTEN)
    keys = [next(iter(item)) for item in nav]
    assert keys[keys.index("Vergelijken") + 1] == "Bronnen"
    assert nav[keys.index("Bronnen")]["Bronnen"] == [
        {"Alle": "bronnen/index.md"},
        {"Testdocument": "bronnen/testdocument.md"},
    ]


def test_addresses_are_clean(fixture_site: Path):
    assert not (fixture_site / "generated").exists()
    for path in ("aanbestedingen", "voorbeeld-opvang", "voorbeeld-opvang/vog", "vergelijking/vog", "woordenlijst"):
        assert (fixture_site / path / "index.html").is_file(), path
    for page in fixture_site.rglob("*.html"):
        assert not re.search(r'(href|src)="[^"]*generated/', page.read_text(encoding="utf-8")), page


def test_footer_is_dutch(fixture_site: Path):
    html = (fixture_site / "voorbeeld-opvang" / "vog" / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('<footer class="md-footer">') :]
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    assert "De eisen komen uit openbare aanbestedingsdocumenten van gemeenten." in footer
    assert "Vorige" in footer or "Volgende" in footer


def test_a_configuration_without_a_footer_gets_the_dutch_one(tmp_path: Path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Eigen\ntheme:\n  name: material\n  language: nl\n", encoding="utf-8"
    )
    generated = generate(FIXTURE_CATALOG, project / "mkdocs.yml")
    staged = site_build.stage(generated, tmp_path / "staged", project / "mkdocs.yml", tmp_path / "site")
    config = yaml.safe_load(staged.read_text(encoding="utf-8"))
    assert config["copyright"].startswith("Deze site is gemaakt met opvang")
    assert config["extra"] == {"generator": False}


def test_a_tender_id_that_takes_a_site_address_is_refused_in_dutch(project: Path, tmp_path: Path, catalog_copy: Path):
    tender = catalog_copy / "vergelijking"
    (catalog_copy / "voorbeeld-opvang").rename(tender)
    text = (tender / "tender.yaml").read_text(encoding="utf-8")
    (tender / "tender.yaml").write_text(text.replace("id: voorbeeld-opvang", "id: vergelijking"), encoding="utf-8")
    out = tmp_path / "site"
    result = _build(project, out, catalog_copy)
    assert result.exit_code == 1, result.output
    assert re.search(r"vergelijking/tender\.yaml:1:\d+: de id 'vergelijking' van deze aanbesteding", result.stderr)
    assert "geef de aanbesteding een andere id" in result.stderr and "Traceback" not in result.output
    assert not out.exists(), "no site is built"


def test_a_handwritten_page_on_a_generated_address_is_refused_in_dutch(project: Path, tmp_path: Path):
    docs = project.parent / "docs"
    (docs / "woordenlijst.md").write_text("# Mijn woordenlijst\n", encoding="utf-8")
    (docs / "voorbeeld-opvang").mkdir()
    (docs / "voorbeeld-opvang" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    result = _build(project, tmp_path / "site")
    assert result.exit_code == 1, result.output
    assert "docs/woordenlijst.md: deze handgeschreven pagina komt op hetzelfde adres" in result.stderr
    assert "(/woordenlijst/)" in result.stderr
    assert "docs/voorbeeld-opvang/extra.md: deze handgeschreven pagina" in result.stderr
    assert "Traceback" not in result.output


def test_an_old_link_into_generated_gets_a_hint(project: Path, tmp_path: Path):
    index = project.parent / "docs" / "index.md"
    index.write_text("# Start\n\n[Aanbestedingen](generated/aanbestedingen.md)\n", encoding="utf-8")
    result = _build(project, tmp_path / "site")
    assert result.exit_code == 1, result.output
    assert "haal 'generated/' uit de links in uw eigen pagina's" in result.stderr


def test_an_old_docs_generated_folder_is_left_out(project: Path, tmp_path: Path):
    """Older versions wrote the generated pages into docs/generated/; such a folder is never published."""
    old = project.parent / "docs" / "generated"
    old.mkdir()
    (old / "aanbestedingen.md").write_text("# Oud\n", encoding="utf-8")
    result = _build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "site" / "generated").exists()


def test_a_requirement_links_its_source_when_the_sources_are_wired_in(project: Path, tmp_path: Path):
    """The place left for generator.sources: a link per requirement and pages under bronnen/, built strictly."""

    def passage(req) -> str:
        return f"bronnen/testdocument.md#eis-{req.id}"

    catalog = load_catalog(FIXTURE_CATALOG)
    anchors = "\n\n".join(f'<p id="eis-{r.id}">passage</p>' for r in catalog.requirements)
    source = Page("bronnen/testdocument.md", "Testdocument", f"# Testdocument\n\n{anchors}\n")
    generated = generate(FIXTURE_CATALOG, project, source_link=passage, extra_pages=(source,))
    kpi = {p.path: p.text for p in generated.pages}["voorbeeld-opvang/kpi.md"]
    assert (
        "Bron: [Testdocument, 3 KPI's](../bronnen/testdocument.md#eis-VBO-KPI-01) (999\\_0000000000000000.txt)" in kpi
    )
    assert {"Bronnen": [{"Testdocument": "bronnen/testdocument.md"}]} in generated.nav
    config = site_build.stage(generated, tmp_path / "staged", project, tmp_path / "site")
    site_build.run_mkdocs(config)  # strict: every "Bron" link and anchor resolves
    html = (tmp_path / "site" / "voorbeeld-opvang" / "kpi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../bronnen/testdocument/#eis-VBO-KPI-01"' in html
