"""The built site (fixture catalog, strict mode) and the command line."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from generator.cli import main
from tests.site.site_helpers import FIXTURE_CATALOG


def _html(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_script_requirement_is_visible_text_in_the_html(fixture_site):
    page = _html(fixture_site, "voorbeeld-opvang/rapportage/index.html")
    assert "De monitor &lt;script&gt;alert('x')&lt;/script&gt; wordt **jaarlijks** besproken." in page
    assert "<script>alert" not in page
    assert 'id="VBO-REP-02"' in page


def test_requirement_anchor_badge_and_tooltip(fixture_site):
    page = _html(fixture_site, "voorbeeld-opvang/vog/index.html")
    assert re.search(r'<h2 id="VBO-VOG-01">', page)
    assert '<span class="badge badge-eis"' in page
    assert '<abbr title="Verklaring Omtrent het Gedrag' in page


def test_site_is_dutch_searchable_and_makes_no_external_requests(fixture_site):
    index = _html(fixture_site, "index.html")
    assert '<html lang="nl"' in index
    config = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["nl"]
    assert "\\(\\)" in config["separator"] or "()" in config["separator"]
    for page in fixture_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), page


def test_downloads_are_copied_and_linked(fixture_site):
    for name in ("catalogus.json", "catalogus.csv", "catalogus.xlsx"):
        assert (fixture_site / "bestanden" / name).is_file()
    page = _html(fixture_site, "downloads/index.html")
    assert 'href="../bestanden/catalogus.json"' in page


def test_cli_build_with_reports(project, tmp_path):
    reports = tmp_path / "voorbeeld"
    reports.mkdir()
    (reports / "gap-voorbeeld.md").write_text("# Gap-rapport voorbeeld\n\nAlles in orde.\n", encoding="utf-8")
    (reports / "kalender.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(
        main,
        ["site", "build", "-o", str(out), "--catalog", str(FIXTURE_CATALOG), "--config", str(project)]
        + ["--reports", str(reports)],
    )
    assert result.exit_code == 0, result.output
    assert "Site gebouwd" in result.output
    assert (out / "voorbeeldaanbieder" / "gap-voorbeeld" / "index.html").is_file()
    assert (out / "bestanden" / "voorbeeld" / "kalender.ics").is_file()


def test_strict_mode_warning_fails_with_dutch_message(project, tmp_path):
    (project.parent / "docs" / "kapot.md").write_text("# Kapot\n\n[nergens](bestaat-niet.md)\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["site", "build", "-o", str(tmp_path / "site"), "--catalog", str(FIXTURE_CATALOG), "--config", str(project)],
    )
    assert result.exit_code == 1, result.output
    assert "strikte modus" in result.output
    assert "Traceback" not in result.output


def test_invalid_catalog_exits_1_and_missing_reports_exits_2(project, tmp_path, catalog_copy):
    (catalog_copy / "voorbeeld-opvang" / "vog.yaml").write_text("category: vog\nrequirements: [{id: X}]\n")
    result = CliRunner().invoke(main, ["site", "build", "--catalog", str(catalog_copy), "--config", str(project)])
    assert result.exit_code == 1, result.output
    result = CliRunner().invoke(
        main, ["site", "build", "--catalog", str(FIXTURE_CATALOG), "--reports", str(tmp_path / "nee")]
    )
    assert result.exit_code == 2, result.output
    assert "bestaat niet" in result.output


def test_a_palette_written_as_a_list_of_one_puts_no_hidden_radio_button_in_the_tab_order(project, tmp_path):
    """Older `opvang init` projects list one colour scheme; Material turned that into a hidden radio button."""
    from tests.site.site_helpers import build_site

    text = project.read_text(encoding="utf-8")
    listed = re.sub(
        r"  palette:\n(    .*\n)+",
        "  palette:\n    - scheme: default\n      primary: indigo\n      accent: indigo\n",
        text,
    )
    assert listed != text
    project.write_text(listed, encoding="utf-8")
    build_site(FIXTURE_CATALOG, tmp_path / "site", project)
    page = _html(tmp_path / "site", "voorbeeld-opvang/vog/index.html")
    assert 'name="__palette"' not in page and 'data-md-color-accent="indigo"' in page
    assert "javascripts/toegankelijkheid.js" in page
