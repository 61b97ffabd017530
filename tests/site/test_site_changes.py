"""The page "Wat is er gewijzigd" and the version list (versies.yaml) behind it.

A temporary git repository holds the fixture catalog in ``requirements/`` at two commits (v1, v2)
and a working tree with one more change; ``requirements/versies.yaml`` lists v1 and v2.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.diagnostics import ValidationFailed
from generator.site.assemble import build_pages, navigation
from generator.site.versions import Version, change_log, default_versions_file, load_versions
from tests.catalog_edits import add_requirement, edit_requirement, remove_requirement
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG, REPO, build_site, generate

PAGE = "wijzigingen.md"
NEW_REQ = {
    "id": "VBO-REP-03",
    "obligation": "eis",
    "title": "Jaarverslag",
    "text": "De opdrachtnemer levert 1 keer per jaar een jaarverslag <b>aan</b>.",
    "source": {"section": "6 Rapportage"},
    "norms": [{"metric": "rapportagefrequentie", "operator": "==", "value": 1, "unit": "times/year"}],
}
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def _versions(path: Path, *entries: tuple[str, str, str]) -> Path:
    lines = ["versies:"]
    for label, date, revision in entries:
        lines += [f'  - versie: "{label}"', f'    datum: "{date}"', f'    revisie: "{revision}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: v1 = the fixture catalog; v2 = one norm changed, one removed, one added;
    working tree = v2 with a new title for VBO-KPI-01; versies.yaml lists v1 and v2."""
    if shutil.which("git") is None:
        pytest.skip("git ontbreekt")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    catalog = repo / "requirements"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "v1")
    v1 = _git(repo, "rev-parse", "HEAD")
    edit_requirement(
        catalog,
        "kpi",
        "VBO-KPI-02",
        text="Na melding wordt in 100% van de gevallen binnen 72 uur een plan opgesteld.",
        norms=[{"metric": "plan_binnen_termijn", "operator": "<=", "value": 72, "unit": "hours", "share": 100}],
    )
    remove_requirement(catalog, "staffing", "VBO-STA-02")
    add_requirement(catalog, "reporting", NEW_REQ)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "v2")
    v2 = _git(repo, "rev-parse", "HEAD")
    edit_requirement(catalog, "kpi", "VBO-KPI-01", title="Duurzame uitstroom naar een woning")
    _versions(catalog / "versies.yaml", ("v1", "2026-01-15", v1), ("v2", "2026-03-01", v2))
    return repo


def _page(catalog_dir: Path, versions: Path | None) -> str:
    catalog = load_catalog(catalog_dir)
    pages = build_pages(catalog, changes=change_log(catalog, catalog_dir, versions))
    return {page.path: page.text for page in pages}[PAGE]


def test_changes_newest_first_with_norms_old_to_new_word_diff_and_links(repo: Path):
    catalog = repo / "requirements"
    page = _page(catalog, catalog / "versies.yaml")
    headings = [line for line in page.splitlines() if line.startswith(("## ", "### ", "#### "))]
    assert headings == [
        "## Sinds versie v2 { #sinds-v2 }",
        "### Gewijzigd (1)",
        "#### [VBO-KPI-01](voorbeeld-opvang/kpi.md#VBO-KPI-01) · Duurzame uitstroom naar een woning",
        "## Versie v2 (1 maart 2026) { #versie-v2 }",
        "### Toegevoegd (1)",
        "#### [VBO-REP-03](voorbeeld-opvang/rapportage.md#VBO-REP-03) · Jaarverslag",
        "### Verwijderd (1)",
        "#### VBO-STA-02 · Eindverantwoordelijkheid niveau 5",
        "### Gewijzigd (1)",
        "#### [VBO-KPI-02](voorbeeld-opvang/kpi.md#VBO-KPI-02) · Plan binnen 48 uur",
    ]
    assert (
        "Wat er in de catalogus veranderd is sinds versie v2 (1 maart 2026), nog niet als versie gepubliceerd: "
        "0 toegevoegd, 0 verwijderd, 1 gewijzigd." in page
    )
    assert "Titel: Duurzame uitstroom <ins>naar een woning</ins>" in page
    assert (
        "Wat er in versie v2 (1 maart 2026) veranderd is ten opzichte van versie v1 (15 januari 2026): "
        "1 toegevoegd, 1 verwijderd, 1 gewijzigd." in page
    )
    assert (
        "| Norm Plan binnen termijn | maximaal 48 uur in 100% van de gevallen | "
        "maximaal 72 uur in 100% van de gevallen |" in page
    )
    assert (
        "Tekst: Na melding wordt in 100% van de gevallen binnen <del>48</del> <ins>72</ins> uur een plan opgesteld."
        in page
    )
    # requirement text is data: escaped, never HTML
    assert "De opdrachtnemer levert 1 keer per jaar een jaarverslag &lt;b&gt;aan&lt;/b&gt;." in page
    assert "<b>" not in page
    assert page.index("| v2 | 1 maart 2026 |") < page.index("| v1 | 15 januari 2026 |")


def test_no_changes_since_the_newest_version(repo: Path):
    catalog = repo / "requirements"
    edit_requirement(catalog, "kpi", "VBO-KPI-01", title="Duurzame uitstroom")  # the working tree back to v2
    page = _page(catalog, catalog / "versies.yaml")
    section = page[page.index("## Sinds versie v2") : page.index("## Versie v2")]
    assert section.strip().splitlines()[-1] == "Geen wijzigingen sinds versie v2."


def test_unreadable_revisions_are_explained_in_dutch(repo: Path, tmp_path: Path):
    # a revision this clone does not have (as in a shallow clone)
    catalog = repo / "requirements"
    versions = _versions(tmp_path / "versies.yaml", ("oud", "2025-12-01", "0" * 40))
    page = _page(catalog, versions)
    assert "De wijzigingen kunnen niet worden getoond: versie oud ontbreekt in deze kopie" in page
    assert "0000000" not in page, "a reader sees the version's label, never its git hash"
    # a catalog outside any git checkout
    loose = tmp_path / "los"
    shutil.copytree(FIXTURE_CATALOG, loose)
    page = _page(loose, versions)
    assert "versie oud kan niet worden gelezen: de catalogus staat niet in een git-checkout" in page


def test_without_versions_file_the_page_says_nothing_is_published():
    page = _page(FIXTURE_CATALOG, None)
    assert "Er is nog geen versie van de catalogus gepubliceerd" in page
    assert "## " not in page


def test_the_page_is_first_under_over_deze_site_and_shows_no_git_hashes(repo: Path):
    catalog_dir = repo / "requirements"
    catalog = load_catalog(catalog_dir)
    log = change_log(catalog, catalog_dir, catalog_dir / "versies.yaml")
    pages = build_pages(catalog, changes=log)
    nav = navigation(catalog, pages, [("Start", "index.md"), ("Privacy", "privacy.md")])
    [about] = [item["Over deze site"] for item in nav if "Over deze site" in item]
    assert about == [{"Wat is er gewijzigd": PAGE}, {"Privacy": "privacy.md"}]
    assert "Wat is er gewijzigd" not in [next(iter(item)) for item in nav], "not in the main navigation"
    assert not any("Wat is er gewijzigd" in str(item) for item in navigation(catalog, build_pages(catalog)))
    page = {p.path: p.text for p in pages}[PAGE]
    for version in log.versions:  # a reader needs the label and the date, not the revision
        assert version.revision not in page and version.revision[:7] not in page
    assert "| Versie | Gepubliceerd op | Toelichting |" in page
    assert "| v2 | 1 maart 2026 | — |" in page


def test_built_site_with_default_versions_file_in_strict_mode(repo: Path, project: Path, tmp_path: Path):
    site = tmp_path / "site"
    build_site(repo / "requirements", site, project)
    html = (site / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert "<del>48</del> <ins>72</ins>" in html
    assert 'href="../voorbeeld-opvang/kpi/#VBO-KPI-02"' in html
    assert 'id="versie-v2"' in html and 'id="sinds-v2"' in html
    pages = [generate(repo / "requirements", project).pages for _ in range(2)]
    first, second = ({p.path: p.text for p in run}["wijzigingen.md"] for run in pages)
    assert first == second, "same inputs, same bytes"


def test_cli_versies_option_and_unreadable_revision_still_builds(project: Path, tmp_path: Path):
    loose = tmp_path / "los"
    shutil.copytree(FIXTURE_CATALOG, loose)
    versions = _versions(tmp_path / "eigen-versies.yaml", ("2026-11", "2026-11-22", "f" * 40))
    out = tmp_path / "site"
    args = ["site", "build", "-o", str(out), "--catalog", str(loose), "--config", str(project)]
    result = CliRunner().invoke(main, [*args, "--versies", str(versions)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    html = (out / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert "kan niet worden gelezen" in html and "eigen-versies.yaml" in html
    missing = CliRunner().invoke(main, [*args, "--versies", str(tmp_path / "nergens.yaml")])
    assert missing.exit_code == 2 and "bestaat niet" in missing.output


def test_versions_file_problems_are_located_and_dutch(tmp_path: Path, project: Path):
    path = tmp_path / "versies.yaml"
    path.write_text(
        "versies:\n"
        '  - versie: "2026-11"\n'
        '    datum: "2026-02-30"\n'
        "    revisie: f7b9d27\n"
        '  - {versie: "2026-11", datum: "2026-12-01", revisie: ' + "a" * 40 + "}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as caught:
        load_versions(path)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert (3, "'2026-02-30' is geen bestaande datum; schrijf een echte datum als \"JJJJ-MM-DD\"") in messages
    assert any(line == 4 and "volledige git-hash van 40 tekens" in message for line, message in messages)
    path.write_text(path.read_text().replace('"2026-02-30"', '"2026-02-28"').replace("f7b9d27", "b" * 40))
    with pytest.raises(ValidationFailed) as caught:
        load_versions(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.message) == (5, "versie '2026-11' staat twee keer in de lijst")
    result = CliRunner().invoke(
        main, ["site", "build", "--catalog", str(FIXTURE_CATALOG), "--config", str(project), "--versies", str(path)]
    )
    assert result.exit_code == 1, result.output
    assert "versies.yaml:5:" in result.output and "Traceback" not in result.output


def test_versions_are_sorted_by_date(tmp_path: Path):
    path = _versions(tmp_path / "versies.yaml", ("b", "2026-05-01", "b" * 40), ("a", "2026-01-01", "a" * 40))
    assert [v.label for v in load_versions(path)] == ["a", "b"]


@pytest.mark.skipif(not (REAL_CATALOG / "versies.yaml").exists(), reason="geen versiebestand")
def test_real_versions_file_lists_the_commit_that_brought_the_five_tenders():
    assert default_versions_file(REAL_CATALOG) == REAL_CATALOG / "versies.yaml"
    [version] = load_versions(REAL_CATALOG / "versies.yaml")
    assert version == Version(
        "2026-11",
        dt.date(2026, 11, 23),
        "f7b9d270c269cc0e85c0689240ab3af327512f88",
        "Eerste publicatie, met de eisen van alle vijf aanbestedingen.",
    )
    if shutil.which("git") and (REPO / ".git").exists():
        full = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "f7b9d27^{commit}"], cwd=REPO, capture_output=True, text=True
        )
        if full.returncode == 0:  # not in a shallow clone
            assert full.stdout.strip() == version.revision
