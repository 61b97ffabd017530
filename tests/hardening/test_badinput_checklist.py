"""Bad filled checklists (YAML and XLSX) through ``opvang gap``: located Dutch refusal, exit 2, no file.

The YAML cases and the files that are no workbook at all are in tests/badinput/checklist-yaml/ and
checklist-xlsx/; damaged and mis-filled workbooks are made from the real template by
:mod:`tests.hardening.xlsx_damage`.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.render import checklist_xlsx
from tests.hardening import xlsx_damage
from tests.hardening.badinput_cli import CORPUS, FIXTURE_CATALOG, OUTPUT, Expect, assert_refused, corpus_files

GAP = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31", "--format", "md", "-o", OUTPUT]

YAML_CASES = {
    "billion-laughs.yaml": Expect("billion-laughs.yaml:3:8", "ankers en aliassen"),
    "bom-with-error.yaml": Expect("bom-with-error.yaml:6:13", "onbekende status 'prima'"),
    "boolean-status.yaml": Expect("boolean-status.yaml:6:13", "status moet tekst zijn"),
    "csv-saved-as-yaml.yaml": Expect("csv-saved-as-yaml.yaml:1:1", "verwacht een checklist met 'tenders:'"),
    "duplicate-key.yaml": Expect("duplicate-key.yaml:7:5", "sleutel 'status' staat twee keer"),
    "deep-nesting.yaml": Expect("deep-nesting.yaml:2:74", "meer dan 64 niveaus diep genest"),
    "empty.yaml": Expect("empty.yaml:1:1", "bestand is leeg"),
    "escape-sequence.yaml": Expect("escape-sequence.yaml:7:19", "tekst bevat een stuurteken (\\x1b)"),
    "huge-field.yaml": Expect("huge-field.yaml:7:18", "langer dan 10000 tekens"),
    "huge-integer.yaml": Expect("huge-integer.yaml:7:16", "getal van meer dan 4000 cijfers"),
    "identifying-field.yaml": Expect("identifying-field.yaml:7:5", "onbekend veld 'naam'"),
    "no-tenders.yaml": Expect("no-tenders.yaml:1:1", "verwacht een checklist met 'tenders:'"),
    "nonexistent-date.yaml": Expect("nonexistent-date.yaml:7:18", "dag 31 bestaat niet in maand 2"),
    "not-a-number-status.yaml": Expect("not-a-number-status.yaml:6:13", "onbekende status 'nan'"),
    "only-comment.yaml": Expect("only-comment.yaml:1:1", "bestand is leeg"),
    "python-tag.yaml": Expect("python-tag.yaml:1:11", "provider moet tekst zijn"),
    "truncated.yaml": Expect("truncated.yaml:8:1", "bestand houdt onverwacht op"),
    "unknown-id.yaml": Expect("unknown-id.yaml:7:9", "onbekende eis-id 'VBO-XXX-99'"),
    "unknown-status.yaml": Expect("unknown-status.yaml:6:13", "onbekende status 'misschien'; kies uit: voldoet"),
    "windows-1252.yaml": Expect("windows-1252.yaml:7", "geen geldige UTF-8"),
    "wrong-types.yaml": Expect("wrong-types.yaml:6:13", "status moet tekst zijn"),
    "year-out-of-range.yaml": Expect("year-out-of-range.yaml:7:18", "buiten de jaren 1900 tot en met 2200"),
}

NOT_A_WORKBOOK = {
    "csv-renamed.xlsx": Expect("csv-renamed.xlsx:1:1", "geen geldig Excel-bestand"),
    "empty.xlsx": Expect("empty.xlsx:1:1", "bestand is leeg"),
    "yaml-renamed.xlsx": Expect("yaml-renamed.xlsx:1:1", "geen geldig Excel-bestand"),
}

DAMAGED = {
    "unknown_status": Expect("invulling.xlsx:voorbeeld-opvang!G3", "onbekende status 'prima'"),
    "unknown_requirement_id": Expect("invulling.xlsx:voorbeeld-opvang!A4", "onbekende eis-id 'VBO-XXX-99'"),
    "nonexistent_date": Expect("invulling.xlsx:voorbeeld-opvang!L2", "dag 31 bestaat niet in maand 2"),
    "formula_without_value": Expect("invulling.xlsx:voorbeeld-opvang!G2", "formule zonder berekende waarde"),
    "huge_field": Expect("invulling.xlsx:voorbeeld-opvang!H5", "langer dan 10000 tekens"),
    "number_as_status": Expect("invulling.xlsx:voorbeeld-opvang!G2", "onbekende status '5'"),
    "boolean_as_date": Expect("invulling.xlsx:voorbeeld-opvang!L6", "'True' is geen datum"),
    "duplicate_header": Expect("invulling.xlsx:voorbeeld-opvang!O1", "kolom 'Status' staat twee keer"),
    "missing_status_column": Expect("invulling.xlsx:voorbeeld-opvang!1", "kolom 'Status' ontbreekt"),
    "extra_sheet_copy": Expect("invulling.xlsx:Kopie!A2", "eis-id 'VBO-STA-01' staat twee keer"),
    "truncated": Expect("invulling.xlsx:1:1", "geen geldig Excel-bestand"),
    "corrupted_entry": Expect("invulling.xlsx:1:1", "geen geldig Excel-bestand"),
    "zip_bomb": Expect("invulling.xlsx:1:1", "uitgepakt groter dan 50 MB"),
    "zip_without_workbook": Expect("invulling.xlsx:1:1", "geen geldig Excel-bestand"),
}


@pytest.fixture(scope="module")
def template() -> bytes:
    """The checklist workbook of the fixture catalog, as ``opvang checklist`` makes it."""
    return checklist_xlsx.render(list(load_catalog(FIXTURE_CATALOG).tenders))


@pytest.mark.parametrize("case", corpus_files("checklist-yaml"))
def test_bad_yaml_checklist(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copy(CORPUS / "checklist-yaml" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    assert_refused(["gap", case, *GAP], tmp_path, YAML_CASES[case])  # a Python tag would also leave a file


@pytest.mark.parametrize("case", corpus_files("checklist-xlsx"))
def test_file_that_is_no_workbook(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copy(CORPUS / "checklist-xlsx" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    assert_refused(["gap", case, *GAP], tmp_path, NOT_A_WORKBOOK[case])


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_damaged_workbook(damage: str, template: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "invulling.xlsx").write_bytes(getattr(xlsx_damage, damage)(template))
    monkeypatch.chdir(tmp_path)
    assert_refused(["gap", "invulling.xlsx", *GAP], tmp_path, DAMAGED[damage])


def test_every_corpus_file_has_an_expectation():
    assert set(corpus_files("checklist-yaml")) == set(YAML_CASES)
    assert set(corpus_files("checklist-xlsx")) == set(NOT_A_WORKBOOK)


def test_note_far_away_without_an_id_is_skipped_with_a_warning(
    template: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A note typed far below the table (no id) does not stop the reading: it is named as skipped."""
    (tmp_path / "invulling.xlsx").write_bytes(xlsx_damage.far_away_cell(template))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["gap", "invulling.xlsx", *GAP])
    assert result.exit_code == 0, result.output
    assert "invulling.xlsx:voorbeeld-opvang!A1048576: rij zonder eis-id overgeslagen" in result.output
    assert (tmp_path / OUTPUT).is_file()


def test_extra_sheet_without_header_is_ignored(template: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An extra notes sheet does not stop the reading: the control case for the damaged workbooks."""
    workbook = load_workbook(io.BytesIO(template))
    workbook.create_sheet("Notities")["A1"] = "eigen aantekeningen"
    workbook.save(tmp_path / "invulling.xlsx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["gap", "invulling.xlsx", *GAP])
    assert result.exit_code == 0, result.output
    assert (tmp_path / OUTPUT).is_file()
