"""Text from data never becomes a script, a link or markup: not in a Markdown report, not on the site.

Hostile texts (a script, a title that closes ``<title>``, an image tag, Markdown links and images,
an autolink, an attribute list with an event handler, emphasis) are put in the catalog (tender title
and region, requirement title and text), the filled checklist (provider, evidence, owner) and the
client registrations (municipality). The Markdown reports are rendered with the site's Markdown
extensions, and a site is built with those reports on it; then no page holds a live script, link,
image, event handler or emphasis made from data, and each text shows as the characters typed.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner, Result

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.catalog_edits import edit_requirement
from tests.conftest import FIXTURE_CATALOG, REPO

TITLE = '</title><script>alert("titel")</script>'
REGION = "<img src=x onerror=alert(1)>"
LINK = "[klik hier](https://voorbeeld.invalid/phish)"
IMAGE = "![pixel](https://voorbeeld.invalid/pixel.png)"
AUTOLINK = "<https://voorbeeld.invalid/auto>"
ATTRIBUTES = '{: onmouseover="alert(2)" }'
EMPHASIS = "**vet** en _schuin_"
SCRIPT = "<script>alert(3)</script>"
EXTENSIONS = ["abbr", "attr_list", "tables", "admonition", "toc"]
PEILDATUM = "2027-12-31"


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 0, result.output
    return result


def hostile_catalog(catalog: Path) -> None:
    tender = catalog / "voorbeeld-opvang" / "tender.yaml"
    data = yaml.safe_load(tender.read_text(encoding="utf-8"))
    data["title"] = f"{data['title']} {TITLE}"
    data["region"] = f"{REGION} Voorbeeldregio"
    tender.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    req = load_catalog(catalog).requirement("VBO-STA-01")
    edit_requirement(
        catalog, "staffing", "VBO-STA-01", title=f"{req.title} {LINK}", text=f"{req.text} {ATTRIBUTES} {EMPHASIS}"
    )


def hostile_reports(catalog: Path, folder: Path) -> dict[str, Path]:
    """The gap and KPI reports (Markdown) of a hostile checklist and client file."""
    filled = yaml.safe_load(render_yaml(list(load_catalog(catalog).tenders)))
    filled["provider"] = f"{LINK} {SCRIPT}"
    for item in filled["tenders"][0]["requirements"]:
        item.update(status="voldoet deels", evidence=f"{IMAGE} {AUTOLINK} {ATTRIBUTES}", owner=EMPHASIS)
    checklist = folder / "invulling.yaml"
    checklist.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = ["client_id;doelgroep;gemeente_herkomst;datum_melding;datum_plan"]
    rows += [f"K{n:03d};acuut;{LINK};2027-02-{1 + n:02d} 10:00;2027-02-{2 + n:02d} 09:00" for n in range(12)]
    clients = folder / "clienten.csv"
    clients.write_text("\n".join(rows) + "\n", encoding="utf-8")
    reports = folder / "rapporten"
    reports.mkdir()
    out = {"gap": reports / "gap-rapport.md", "kpi": reports / "kpi-rapport.md"}
    common = ["--catalog", str(catalog), "--peildatum", PEILDATUM]
    run("gap", str(checklist), "--clients", str(clients), *common, "-o", str(out["gap"]))
    run("kpi", str(clients), "--tender", "voorbeeld-opvang", *common, "-o", str(out["kpi"]))
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("injectie")
    catalog = root / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    hostile_catalog(catalog)
    return {"catalog": catalog, "root": root, **hostile_reports(catalog, root)}


def _assert_inert(rendered: str, where: str) -> None:
    assert not re.search(r"<script>alert", rendered), where
    assert not re.search(r"<img src=(\"?)(x|https://voorbeeld)", rendered), where
    assert 'href="https://voorbeeld.invalid' not in rendered, where
    assert not re.search(r"<[a-z][^>]*\s(onmouseover|onerror)=", rendered), where
    assert "<strong>vet</strong>" not in rendered and "<em>schuin</em>" not in rendered, where


@pytest.mark.parametrize("report", ["gap", "kpi"])
def test_markdown_reports_render_data_as_text(report: str, hostile: dict[str, Path]):
    rendered = markdown.markdown(hostile[report].read_text(encoding="utf-8"), extensions=EXTENSIONS)
    _assert_inert(rendered, report)
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert LINK in visible, f"{report}: de tekst zelf ontbreekt"
    if report == "gap":
        for text in (SCRIPT, IMAGE, AUTOLINK, ATTRIBUTES, EMPHASIS, TITLE):  # provider, evidence, owner, tender
            assert text in visible, text


@pytest.fixture(scope="module")
def site(hostile: dict[str, Path]) -> Path:
    root = hostile["root"]
    project = root / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("generated", ".generated*"))
    (root / "geen-checklists").mkdir()
    args = ["site", "build", "-o", str(root / "site"), "--catalog", str(hostile["catalog"])]
    args += ["--reports", str(hostile["gap"].parent), "--config", str(project / "mkdocs.yml")]
    run(*args, "--checklists", str(root / "geen-checklists"))
    return root / "site"


def test_no_page_of_the_site_runs_or_links_data(site: Path):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        _assert_inert(page.read_text(encoding="utf-8"), str(page.relative_to(site)))


def test_a_title_that_closes_the_title_element_stays_text(site: Path):
    page = (site / "voorbeeld-opvang" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(title).startswith("Voorbeeldopdracht maatschappelijke opvang (testcatalogus) </title><script>")
    assert "<script>alert(&quot;titel" not in page and '<script>alert("titel' not in page


def test_the_navigation_shows_a_region_with_html_as_text(site: Path):
    page = (site / "voorbeeld-opvang" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; Voorbeeldregio (VBO)" in page
