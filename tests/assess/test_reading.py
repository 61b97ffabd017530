"""Reading filled checklists the way people hand them in: saved by LibreOffice (.ods), with note rows,
with far-away cells, with many mistakes at once; and what the commands say on the screen."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import yaml

from generator.assess.checklist import MAX_PROBLEMS, read_filled, render_yaml
from generator.cli import main
from generator.diagnostics import InputError
from tests.assess.assess_helpers import FIXTURE_CATALOG, HERE

ODS = HERE / "fixtures" / "invulling-libreoffice.ods"  # opvang's checklist, filled and saved by LibreOffice Calc
FIX = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2026-06-01"]


def test_a_checklist_saved_by_libreoffice_is_read(fixture_catalog):
    filled = read_filled(ODS, fixture_catalog)
    assert filled.provider == "Stichting LibreOffice"
    entries = filled.entries
    assert len(entries) == len(fixture_catalog.requirements)
    assert entries["VBO-STA-01"].status == "voldoet" and entries["VBO-STA-01"].evidence == "Rooster 2027"
    assert entries["VBO-STA-01"].evidence_valid_until == dt.date(2028, 1, 31)
    assert entries["VBO-STA-02"].status == "gelijkwaardig"
    assert entries["VBO-VOG-01"].target_date == dt.date(2027, 4, 15) and entries["VBO-VOG-01"].owner == "HR"
    assert entries["VBO-KPI-01"].status is None
    assert entries["VBO-STA-01"].fingerprint  # the hidden column came through LibreOffice
    assert not filled.warnings


def _rezip(raw: bytes, part: str, edit) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, edit(data) if item.filename == part else data)
    return out.getvalue()


def test_an_ods_sheet_that_reaches_far_away_is_refused_before_it_is_built(runner, tmp_path):
    """A note in the last row of LibreOffice: the reader would build a grid of millions of cells."""

    def edit(xml: bytes) -> bytes:
        start = xml.index(b'table:number-rows-repeated="1048515">')
        end = xml.index(b"</table:table-row>", start) + len(b"</table:table-row>")
        far = b'<table:table-row><table:table-cell table:number-columns-repeated="40"/>'
        far += b'<table:table-cell office:value-type="string"><text:p>notitie</text:p></table:table-cell>'
        far += b"</table:table-row>"
        return xml[:end].replace(b'"1048515">', b'"1048500">') + far + xml[end:]

    path = tmp_path / "ver.ods"
    path.write_bytes(_rezip(ODS.read_bytes(), "content.xml", edit))
    out = tmp_path / "gap.md"
    result = runner.invoke(main, ["gap", str(path), *FIX, "-o", str(out)])
    assert result.exit_code == 2
    # 60 rows of the table (header, 9 requirements, 50 spare), 1,048,500 empty ones, then the note in column 41
    assert "ver.ods:voorbeeld-opvang: werkblad loopt tot rij 1048561 en kolom 41; dat is te groot" in result.output
    assert not out.exists()


def test_a_cell_at_the_end_of_an_excel_sheet_is_read_without_building_the_grid(runner, tmp_path):
    path = tmp_path / "ver.xlsx"
    assert runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(path)]).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    workbook["voorbeeld-opvang"]["XFD1048576"] = "laatste cel"
    workbook.save(path)
    result = runner.invoke(main, ["assess", str(path), *FIX])
    assert result.exit_code == 0, result.output
    assert "voorbeeld-opvang!A1048576: rij zonder eis-id overgeslagen" in result.output


def test_a_note_row_without_an_id_is_skipped_with_a_warning(runner, fixture_catalog, tmp_path):
    path = tmp_path / "notitie.xlsx"
    assert runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(path)]).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["voorbeeld-opvang"]
    sheet.insert_rows(4)
    sheet["H4"] = "Let op: nog bespreken met het team"
    sheet["G5"] = "voldoet"
    sheet["I5"] = "Handboek"
    workbook.save(path)
    filled = read_filled(path, fixture_catalog)
    assert len(filled.warnings) == 1
    warning = filled.warnings[0]
    assert warning.file.endswith("notitie.xlsx:voorbeeld-opvang!A4")
    assert warning.message == (
        "rij zonder eis-id overgeslagen (een eigen notitie?); vul de eis-id in als de rij bij een eis hoort"
    )
    assert len(filled.entries) == len(fixture_catalog.requirements)
    moved = sheet["A5"].value
    assert filled.entries[moved].status == "voldoet"
    result = runner.invoke(main, ["assess", str(path), *FIX])
    assert result.exit_code == 0 and "A4: rij zonder eis-id overgeslagen" in result.output
    assert "(waarschuwing)" in result.output


def test_every_bad_cell_is_reported_in_one_run_up_to_the_limit(fixture_catalog, tmp_path):
    data = yaml.safe_load(render_yaml(list(fixture_catalog.tenders)))
    rows = data["tenders"][0]["requirements"]
    template = rows[0]
    data["tenders"][0]["requirements"] = [
        {**template, "id": f"VBO-XXX-{n:03d}", "status": "prima", "norms": []} for n in range(MAX_PROBLEMS + 10)
    ]
    path = tmp_path / "fouten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        read_filled(path, fixture_catalog)
    except InputError as exc:
        problems = exc.problems
    else:
        raise AssertionError("niet geweigerd")
    # each row has two mistakes (status, id): the first 50 are shown, then how many more there are
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].message.startswith("onbekende status 'prima'")
    assert problems[1].message == "onbekende eis-id 'VBO-XXX-000'; deze eis staat niet in de catalogus"
    assert (
        problems[-1].message
        == f"en nog {2 * (MAX_PROBLEMS + 10) - MAX_PROBLEMS} problemen; verbeter eerst de eerste 50"
    )


def test_gap_says_what_it_wrote(runner, tmp_path):
    filled = tmp_path / "f.yaml"
    assert runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(filled)]).exit_code == 0
    out = tmp_path / "gap.html"
    result = runner.invoke(main, ["gap", str(filled), *FIX, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    assert f"Gap-rapport van 1 checklist(s): 8 gaps, 0 klaar voor inschrijving; geschreven naar {out}." in result.stderr


def test_commands_use_dutch_placeholders(runner):
    for command in ("checklist", "assess", "gap", "dossier"):
        text = runner.invoke(main, [command, "--help"]).output
        for english in ("PATH", "TEXT", "FILENAME", "INTEGER", "DIRECTORY"):
            assert english not in text, (command, english)
    assert "--update INGEVULD" in runner.invoke(main, ["checklist", "--help"]).output
    assert "--peildatum DATUM" in runner.invoke(main, ["gap", "--help"]).output


def test_a_yaml_checklist_larger_than_a_catalog_file_is_read(fixture_catalog, tmp_path):
    """The YAML checklist of every tender of a national catalog (500 tenders) is about 23 MB: opvang must
    read back what it writes, although a single catalog file stops at 20 MB."""
    template = render_yaml(list(fixture_catalog.tenders), catalog="test")
    padding = ("# " + "x" * 1021 + "\n").encode("ascii") * (21 * 1024)  # 21 MiB of comment lines
    path = tmp_path / "groot.yaml"
    path.write_bytes(template + padding)
    assert path.stat().st_size > 21 * 2**20
    filled = read_filled(path, fixture_catalog)
    assert len(filled.entries) == len(fixture_catalog.requirements)
