"""The checklist round-trips: generated, edited the way people edit (openpyxl / a text editor), read back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import yaml

from generator.assess.checklist import normalize_status, read_filled, render_yaml
from generator.cli import main
from generator.diagnostics import InputError
from generator.render import checklist_xlsx
from tests.assess.assess_helpers import FIXTURE_CATALOG


@pytest.fixture
def template(tmp_path, runner):
    path = tmp_path / "checklist.xlsx"
    result = runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _rows_by_id(sheet):
    return {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value}


def test_template_is_made_for_excel(template, fixture_catalog):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Overzicht", "voorbeeld-opvang"]
    sheet = wb["voorbeeld-opvang"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Eis-id",
        "Categorie",
        "Verplichting",
        "Titel",
        "Eistekst",
        "Normen",
        "Status",
        "Toelichting",
        "Bewijs",
        "Bewijs geldig tot",
        "Eigenaar",
        "Streefdatum",
        "Te controleren",
        "Vingerafdruk",
    ]
    assert sheet.freeze_panes == "E2"  # header row and id to title stay in view beside the answers
    assert sheet.auto_filter.ref.startswith("A1:N")
    assert sheet.protection.sheet is True and not sheet.protection.password
    assert sheet["A2"].protection.locked and sheet["E2"].protection.locked and sheet["F2"].protection.locked
    assert not sheet["G2"].protection.locked and not sheet["J2"].protection.locked and not sheet["L2"].protection.locked
    assert sheet["E2"].alignment.wrap_text
    validations = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert validations["list"].formula1 == '"voldoet,voldoet deels,voldoet niet,gelijkwaardig,gepland,n.v.t."'
    assert "G2" in validations["list"].sqref
    assert "J2" in validations["date"].sqref and "L2" in validations["date"].sqref
    # the fingerprint column is hidden and locked
    assert sheet.column_dimensions["N"].hidden and sheet["N2"].protection.locked
    ids = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert ids == [r.id for r in fixture_catalog.tender("voorbeeld-opvang").requirements]


def test_template_is_deterministic(fixture_catalog):
    tenders = list(fixture_catalog.tenders)
    assert checklist_xlsx.render(tenders) == checklist_xlsx.render(tenders)


def test_sheet_names_are_short_and_unique(fixture_catalog):
    from dataclasses import replace

    tender = fixture_catalog.tenders[0]
    long = [replace(tender, id="a" * 40), replace(tender, id="a" * 40 + "b")]
    names = checklist_xlsx.sheet_names(long)
    assert all(len(n) <= 31 for n in names.values()) and len(set(names.values())) == 2


def test_xlsx_round_trip_with_excel_style_edits(template, fixture_catalog, tmp_path):
    wb = openpyxl.load_workbook(template)
    sheet = wb["voorbeeld-opvang"]
    wb["Overzicht"]["B2"] = "Stichting Test"
    rows = _rows_by_id(sheet)
    sheet.cell(rows["VBO-STA-01"], 7, "  Voldoet ")  # other case and spaces
    sheet.cell(rows["VBO-STA-01"], 9, "Rooster 2026")
    sheet.cell(rows["VBO-STA-02"], 7, "VOLDOET   DEELS")
    sheet.cell(rows["VBO-STA-02"], 12, "1-3-2027")  # date typed as text
    sheet.cell(rows["VBO-VOG-01"], 7, "gepland")
    sheet.cell(rows["VBO-VOG-01"], 12, dt.datetime(2027, 4, 15))  # an Excel date
    sheet.cell(rows["VBO-VOG-01"], 11, "HR")
    sheet.cell(rows["VBO-KPI-04"], 7, "nvt")
    sheet.cell(rows["VBO-KPI-04"], 8, "Wij bieden geen opvang voor deze groep.")
    # reorder rows: swap the first and the last requirement row, and add blank rows in between
    first, last = rows["VBO-STA-01"], rows["VBO-REP-02"]
    for column in range(1, 15):
        a, b = sheet.cell(first, column), sheet.cell(last, column)
        a.value, b.value = b.value, a.value
    sheet.insert_rows(4, 2)
    wb.create_sheet("Aantekeningen")["A1"] = "eigen notities, genegeerd"
    path = tmp_path / "ingevuld.xlsx"
    wb.save(path)

    filled = read_filled(path, fixture_catalog)
    assert filled.provider == "Stichting Test"
    assert filled.tenders == ("voorbeeld-opvang",)
    entries = filled.entries
    assert entries["VBO-STA-01"].status == "voldoet" and entries["VBO-STA-01"].evidence == "Rooster 2026"
    assert entries["VBO-STA-02"].status == "voldoet deels"
    assert entries["VBO-STA-02"].target_date == dt.date(2027, 3, 1)
    assert entries["VBO-VOG-01"].target_date == dt.date(2027, 4, 15) and entries["VBO-VOG-01"].owner == "HR"
    assert entries["VBO-KPI-04"].status == "n.v.t."
    assert entries["VBO-REP-01"].status is None
    assert len(entries) == len(fixture_catalog.tender("voorbeeld-opvang").requirements)


def test_formula_cell_with_a_value_counts_and_without_is_located(template, fixture_catalog, tmp_path):
    wb = openpyxl.load_workbook(template)
    sheet = wb["voorbeeld-opvang"]
    row = _rows_by_id(sheet)["VBO-STA-01"]
    sheet.cell(row, 7, '=LOWER("VOLDOET")')
    path = tmp_path / "formule.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:  # saved by openpyxl: no calculated value
        read_filled(path, fixture_catalog)
    assert f"formule.xlsx:voorbeeld-opvang!G{row}: cel bevat een formule" in str(info.value)
    # Excel stores the calculated value beside the formula: add it the way Excel writes it
    import re
    import zipfile

    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                pattern = rb'(<c r="G%d"[^>]*)>(<f>[^<]*</f>)(<v>\s*</v>|<v\s*/>)?' % row
                data = re.sub(pattern, rb'\1 t="str">\2<v>voldoet</v>', data)
            target.writestr(item, data)
    path.write_bytes(out.getvalue())
    assert read_filled(path, fixture_catalog).entries["VBO-STA-01"].status == "voldoet"


def test_yaml_round_trip(fixture_catalog, tmp_path):
    data = yaml.safe_load(render_yaml(list(fixture_catalog.tenders)))
    items = {item["id"]: item for item in data["tenders"][0]["requirements"]}
    items["VBO-STA-01"].update(status="Voldoet", evidence="Rooster", owner="HR", target_date="01-03-2027")
    items["VBO-KPI-01"].update(status="voldoet niet", explanation="Nog niet gemeten")
    data["provider"] = "Stichting Yaml"
    path = tmp_path / "ingevuld.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    filled = read_filled(path, fixture_catalog)
    assert filled.provider == "Stichting Yaml"
    assert filled.entries["VBO-STA-01"].status == "voldoet"
    assert filled.entries["VBO-STA-01"].target_date == dt.date(2027, 3, 1)
    assert filled.entries["VBO-KPI-01"].explanation == "Nog niet gemeten"
    # writing it again from what was read gives the same content
    again = yaml.safe_load(render_yaml(list(fixture_catalog.tenders), filled))
    assert again["tenders"][0]["requirements"][0]["status"] == "voldoet"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Voldoet", "voldoet"), ("voldoet_niet", "voldoet niet"), ("N.V.T.", "n.v.t."), ("nvt", "n.v.t."), ("ja", None)],
)
def test_normalize_status(typed, expected):
    assert normalize_status(typed) == expected
