"""Every report for people names the catalog it was made from (``Catalogus: <naam>``).

The catalog's name is the ``title`` of ``opvang.yml`` (else the catalog folder's name). A small
project (the fixture catalog under a distinctive title) is run through each command that reads the
catalog; each human-readable output must name it: the checklist (Markdown, XLSX summary sheet and
page header, YAML comment), the calendar (X-WR-CALDESC), coverage, lint, validate and diff (both
catalogs). The JSON outputs keep their schemas and are left alone.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from icalendar import Calendar

from generator.cli import main
from tests.conftest import FIXTURE_CATALOG

TITLE = "Eisen regio Zonnedauw-Oost 2031"
TENDER = "voorbeeld-opvang"


def _project(folder: Path, title: str = TITLE) -> Path:
    """A project folder: opvang.yml with *title*, the fixture catalog in eisen/."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURE_CATALOG, folder / "eisen")
    (folder / "opvang.yml").write_text(yaml.safe_dump({"title": title, "catalog": "eisen"}), encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "project")


def run(*args: str):
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("fmt", ["md", "yaml"])
def test_the_checklist_in_text_names_its_catalog(project, fmt):
    top = run("checklist", "--format", fmt, "--catalog", project).stdout.splitlines()[:3]
    assert (f"# Catalogus: {TITLE}" if fmt == "yaml" else f"Catalogus: {TITLE}") in top  # under the title


def test_the_yaml_checklist_with_its_catalog_comment_reads_back(project, tmp_path):
    path = tmp_path / "checklist.yaml"
    run("checklist", "--format", "yaml", "-o", path, "--catalog", project)
    assert path.read_text(encoding="utf-8").splitlines()[1] == f"# Catalogus: {TITLE}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert TITLE not in str(data)  # a comment: not part of the checklist's data
    data["provider"] = "Stichting Zonnedauw"
    data["tenders"][0]["requirements"][0]["status"] = "n.v.t."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "Beoordeling Stichting Zonnedauw" in run("assess", path, "--catalog", project).stdout


def test_the_xlsx_checklist_names_its_catalog_under_the_provider_and_on_every_page(project, tmp_path):
    path = tmp_path / "checklist.xlsx"
    run("checklist", "-o", path, "--catalog", project)
    workbook = openpyxl.load_workbook(path)
    summary = workbook["Overzicht"]
    assert [(summary[f"A{row}"].value, summary[f"B{row}"].value) for row in (2, 3)] == [
        ("Aanbieder", None),
        ("Catalogus", TITLE),
    ]
    assert summary["B3"].fill.fgColor.rgb != summary["B2"].fill.fgColor.rgb  # shown, not an input cell
    for sheet in workbook.worksheets:
        assert TITLE in sheet.oddHeader.left.text
    assert path.read_bytes() == run("checklist", "--format", "xlsx", "--catalog", project).stdout_bytes


def _fill(path: Path, provider: str) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook["Overzicht"]["B2"] = provider
    sheet = workbook[TENDER]
    sheet["G2"] = "voldoet"
    sheet["I2"] = "Handboek"
    workbook.save(path)


def test_a_filled_xlsx_checklist_reads_back_with_and_without_the_catalog_row(project, tmp_path):
    path = tmp_path / "ingevuld.xlsx"
    run("checklist", "-o", path, "--catalog", project)
    _fill(path, "Stichting Nieuw")
    assert "Beoordeling Stichting Nieuw" in run("assess", path, "--catalog", project).stdout
    older = tmp_path / "ouder.xlsx"  # a checklist from before the catalog row: the provider right above the text
    workbook = openpyxl.load_workbook(path)
    workbook["Overzicht"].delete_rows(3)
    workbook["Overzicht"]["B2"] = "Stichting Oud"
    workbook.save(older)
    assert "Beoordeling Stichting Oud" in run("assess", older, "--catalog", project).stdout
    updated = tmp_path / "bijgewerkt.xlsx"
    run("checklist", "--update", older, "-o", updated, "--catalog", project)
    summary = openpyxl.load_workbook(updated)["Overzicht"]
    assert (summary["B2"].value, summary["B3"].value) == ("Stichting Oud", TITLE)


def test_the_calendar_names_its_catalog_in_its_description(project):
    args = ("calendar", "--tender", TENDER, "--year", "2027", "--catalog", project)
    data = run(*args).stdout_bytes
    calendar = Calendar.from_ical(data)
    assert f"Catalogus: {TITLE}" in str(calendar["X-WR-CALDESC"])
    assert calendar.walk("VEVENT")
    assert run(*args).stdout_bytes == data  # the same catalog and year give the same bytes


@pytest.mark.parametrize("command", ["coverage", "lint"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_coverage_and_lint_name_their_catalog_first(project, command, fmt):
    lines = run(command, "--format", fmt, "--catalog", project).stdout.splitlines()
    first = lines[0] if fmt == "text" else lines[2]  # Markdown: under the heading
    assert first == f"Catalogus: {TITLE}"


def test_validate_names_its_catalog(project):
    assert TITLE in run("validate", project).stdout


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_diff_names_both_catalogs(project, tmp_path, fmt):
    other = _project(tmp_path / "ander", "Eisen regio Maanlicht")
    out = run("diff", project / "eisen", other / "eisen", "--format", fmt).stdout
    assert f"Catalogus: {TITLE} (oud), Eisen regio Maanlicht (nieuw)" in out
    same = run("diff", project / "eisen", project / "eisen" / TENDER, "--format", fmt).stdout
    assert f"Catalogus: {TITLE}" in same and "(oud)" not in same


@pytest.mark.parametrize(
    "args",
    [
        ("checklist", "--format", "md"),
        ("coverage", "--format", "md"),
        ("lint", "--format", "md"),
    ],
)
def test_a_name_with_markup_shows_as_text_in_markdown(tmp_path, args):
    project = _project(tmp_path / "project", "Regio <script>x</script> *vet*")
    out = run(*args, "--catalog", project).stdout
    assert "<script>" not in out and "&lt;script&gt;" in out and r"\*vet\*" in out


def test_a_name_with_markup_shows_as_text_in_the_diff(tmp_path):
    project = _project(tmp_path / "project", "Regio <script>x</script>")
    for fmt in ("md", "html"):
        out = run("diff", project / "eisen", FIXTURE_CATALOG, "--format", fmt).stdout
        assert "<script>" not in out and "&lt;script&gt;" in out


def test_a_catalog_without_title_is_named_after_its_folder(tmp_path):
    catalog = tmp_path / "regio-west"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    workbook = openpyxl.load_workbook(
        io.BytesIO(run("checklist", "--format", "xlsx", "--catalog", catalog).stdout_bytes)
    )
    assert workbook["Overzicht"]["B3"].value == "regio-west"
    assert run("lint", "--catalog", catalog).stdout.startswith("Catalogus: regio-west\n")
