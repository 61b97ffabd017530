"""The quality pages ("Kwaliteit van de eisen") and the "vaag geformuleerd" badge.

The fixture catalog has exactly one requirement with lint findings: VBO-KPI-04 (a wens) says "zo kort
als mogelijk" (VAGUE) and has no measurement method (KPIMETHOD).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog
from generator.lint import lint_catalog, vague_requirement_ids
from generator.site.assemble import build_pages, navigation
from tests.catalog_edits import edit_requirement
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG

QUALITY = "voorbeeld-opvang/kwaliteit-van-de-eisen.md"
BADGE = "[vaag geformuleerd](kwaliteit-van-de-eisen.md#kwaliteit-VBO-KPI-04 "


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page.path: page.text for page in build_pages(load_catalog(FIXTURE_CATALOG))}


def _section(page: str, req_id: str) -> str:
    """The part of a category page about one requirement (its heading up to the next one)."""
    start = page.index(f"## {req_id} · ")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_quality_page_lists_each_finding_with_rule_words_and_measurable_rewrite(pages):
    page = pages[QUALITY]
    assert page.startswith('---\ntitle: "Kwaliteit van de eisen · Voorbeeldregio (VBO)"\n---\n')
    headings = [line for line in page.splitlines() if line.startswith("### ")]
    assert headings == ["### [VBO-KPI-04](kpi.md#VBO-KPI-04) · Cliënttevredenheid { #kwaliteit-VBO-KPI-04 }"]
    rows = [line for line in page.splitlines() if line.startswith("| Vage") or line.startswith("| KPI zonder")]
    assert rows == [
        "| Vage formulering (VAGUE) | waarschuwing | “zo kort als mogelijk” | vage formulering 'zo kort als mogelijk' "
        "(zo-kort-mogelijk): &quot;Zo kort mogelijk&quot; noemt geen maximum; een contractmanager kan een lang "
        "verblijf niet afwijzen. | maximaal &lt;aantal&gt; &lt;dagen\\|weken\\|maanden&gt;, in &lt;percentage&gt;% "
        "van de gevallen |",
        "| KPI zonder meetmethode of populatie (KPIMETHOD) | waarschuwing | “meetmethode” | KPI zonder meetmethode: "
        "onduidelijk hoe en over wie de indicator wordt gemeten | Vul 'measurement' met de bron van de meting "
        "(welke registratie, door wie, wanneer) en noem de populatie (doelgroep in target\\_groups/applies\\_to, "
        "of 'alle cliënten met uitstroom in het kalenderjaar'). |",
    ]
    assert "| KPIMETHOD | KPI zonder meetmethode of populatie | 1 |\n| VAGUE | Vage formulering | 1 |" in page


def test_share_of_measurable_requirements_is_the_lint_reports(pages):
    quality = lint_catalog(load_catalog(FIXTURE_CATALOG)).tender("voorbeeld-opvang")
    assert (quality.binding, quality.measurable, quality.share) == (8, 7, 87.5)
    page = pages[QUALITY]
    for row in ("| Eisen in deze aanbesteding | 9 |", "| Bindend (eis of wens) | 8 |", "| Toetsbaar | 7 |"):
        assert row in page
    assert "| Aandeel toetsbaar | 87,5% |" in page
    assert "| Open meldingen | 2 |" in page and "| Geaccepteerde meldingen | 0 |" in page
    overview = pages["voorbeeld-opvang/index.md"]
    assert "## Kwaliteit van de eisen { #kwaliteit }" in overview
    assert "Toetsbaar geformuleerd: 7 van de 8 bindende eisen (87,5%)." in overview
    assert "Open meldingen: 2, waarvan 1 vage formulering." in overview
    assert "[Kwaliteit van de eisen](kwaliteit-van-de-eisen.md)." in overview


def test_vague_badge_only_on_the_vague_requirement_and_links_to_its_finding(pages):
    kpi = pages["voorbeeld-opvang/kpi.md"]
    assert kpi.count("badge-vaag") == 1
    vague = _section(kpi, "VBO-KPI-04")
    assert vague.splitlines()[2] == (
        '<span class="badge badge-wens" title="Wens: zou moeten; telt mee bij de gunning.">Wens</span> '
        + BADGE
        + '"Vaag geformuleerd: niet toetsbaar zoals het er staat. Klik voor de woorden en een meetbaar voorstel.")'
        "{ .badge .badge-vaag }"
    )
    everywhere = sum(text.count("badge-vaag") for path, text in pages.items())
    assert everywhere == 1


def test_accepted_vague_finding_loses_its_badge_and_shows_the_reason_escaped(catalog_copy: Path):
    reason = "Letterlijk uit de bron <script>alert('x')</script>"
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-04", lint_accept=[{"rule": "VAGUE", "reason": reason}])
    pages = {page.path: page.text for page in build_pages(load_catalog(catalog_copy))}
    assert "badge-vaag" not in pages["voorbeeld-opvang/kpi.md"]
    page = pages[QUALITY]
    row = next(line for line in page.splitlines() if line.startswith("| Vage formulering"))
    assert "| geaccepteerd: Letterlijk uit de bron &lt;script&gt;alert('x')&lt;/script&gt; |" in row
    assert row.endswith("| — |"), "no rewrite is proposed for an accepted finding"
    assert "<script>" not in page
    assert "| Toetsbaar | 8 |" in page and "| Aandeel toetsbaar | 100% |" in page
    assert "| Geaccepteerde meldingen | 1 |" in page


def test_tender_without_findings_says_so(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-04",
        text="Cliënten geven gemiddeld minimaal een 7,5.",
        measurement="Jaarlijkse enquête onder alle cliënten.",
    )
    page = {page.path: page.text for page in build_pages(load_catalog(catalog_copy))}[QUALITY]
    assert "Geen meldingen voor deze aanbesteding." in page
    assert "### " not in page


def test_navigation_lists_the_quality_page_last_in_each_tender():
    catalog = load_catalog(FIXTURE_CATALOG)
    nav = navigation(catalog, build_pages(catalog))
    [tenders] = [item["Aanbestedingen"] for item in nav if "Aanbestedingen" in item]
    [section] = [item["Voorbeeldregio (VBO)"] for item in tenders if "Voorbeeldregio (VBO)" in item]
    assert section[0] == {"Overzicht": "voorbeeld-opvang/index.md"}
    assert section[-1] == {"Kwaliteit van de eisen": QUALITY}


def test_real_catalog_every_vague_requirement_has_a_badge_to_an_existing_anchor():
    catalog = load_catalog(REAL_CATALOG)
    report = lint_catalog(catalog)
    pages = {page.path: page.text for page in build_pages(catalog, quality=report)}
    vague = vague_requirement_ids(report)
    assert vague, "the real catalog has vague requirements"
    badges = set()
    for path, text in pages.items():
        for match in re.finditer(r"\[vaag geformuleerd\]\(kwaliteit-van-de-eisen\.md#kwaliteit-([A-Z0-9-]+) ", text):
            badges.add(match.group(1))
            tender = path.split("/")[0]
            assert f"{{ #kwaliteit-{match.group(1)} }}" in pages[f"{tender}/kwaliteit-van-de-eisen.md"]
    assert badges == vague
    for quality in report.tenders:
        page = pages[f"{quality.tender}/kwaliteit-van-de-eisen.md"]
        assert f"| Toetsbaar | {quality.measurable} |" in page
        assert f"| Bindend (eis of wens) | {quality.binding} |" in page


def test_built_site_links_badge_and_finding_both_ways(fixture_site: Path):
    kpi = (fixture_site / "voorbeeld-opvang" / "kpi" / "index.html").read_text(encoding="utf-8")
    [badge] = re.findall(r"<a [^>]*badge-vaag[^>]*>[^<]*</a>", kpi)
    assert 'href="../kwaliteit-van-de-eisen/#kwaliteit-VBO-KPI-04"' in badge
    assert 'class="badge badge-vaag"' in badge and badge.endswith(">vaag geformuleerd</a>")
    quality = fixture_site / "voorbeeld-opvang" / "kwaliteit-van-de-eisen" / "index.html"
    html = quality.read_text(encoding="utf-8")
    assert re.search(r'<h3 id="kwaliteit-VBO-KPI-04"><a href="\.\./kpi/#VBO-KPI-04">VBO-', html)
    overview = (fixture_site / "voorbeeld-opvang" / "index.html").read_text(encoding="utf-8")
    assert 'href="kwaliteit-van-de-eisen/"' in overview
