"""`opvang export`: the contract's JSON (§1), CSV and XLSX, deterministic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, SEEDS

CATEGORIES = {
    "access",
    "service",
    "quality",
    "staffing",
    "vog",
    "kpi",
    "timing",
    "reporting",
    "finance",
    "accommodation",
    "cooperation",
    "safety",
    "governance",
    "development",
}
UNITS = {
    "%",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "score",
    "count",
    "persons",
    "meters",
    "EUR",
    "EUR/year",
    "hours/week",
    "times/year",
}
GROUPS = {"acuut", "huiselijk-geweld", "complex", "jongeren", "gezin", "housing-first", "overig"}


def export(*args: str) -> bytes:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_json_matches_contract_shape():
    doc = json.loads(export("--format", "json", "--catalog", str(REAL_CATALOG)))
    assert set(doc) == {"format_version", "tenders", "requirements"}
    assert doc["format_version"] == 2
    tender_ids = {t["id"] for t in doc["tenders"]}
    assert tender_ids == {
        "valleiregio-gezinsopvang",
        "noord-midden-limburg-mo",
        "valleiregio-housing-first",
        "dordrecht-ib4-mo",
        "amersfoort-mo-vo",
    }
    for tender in doc["tenders"]:
        assert {"id", "title", "region", "authority", "period", "source"} <= set(tender)
        assert (SEEDS / tender["source"]["document"]).is_file()
        assert tender["period"]["start"] <= tender["period"].get("end", "9999")
    assert len(doc["requirements"]) > 100
    for req in doc["requirements"]:
        assert {"id", "tender", "category", "obligation", "title", "text", "source", "target_groups", "norms"} <= set(
            req
        )
        assert req["tender"] in tender_ids
        assert req["category"] in CATEGORIES
        assert req["obligation"] in {"eis", "wens", "info"}
        assert (SEEDS / req["source"]["document"]).is_file()
        assert req["source"]["section"].strip()
        assert set(req["target_groups"]) <= GROUPS
        for norm in req["norms"]:
            assert norm["operator"] in {">=", "<=", "==", ">", "<"}
            assert norm["unit"] in UNITS
            assert isinstance(norm["value"], int | float)
            assert set(norm.get("applies_to", [])) <= GROUPS
            assert norm["kind"] in {"norm", "streefwaarde", "realisatie", "indicatief"}


def test_json_is_sorted_utf8_and_deterministic(tmp_path: Path):
    first = export("--format", "json")
    out = tmp_path / "catalogus.json"
    CliRunner().invoke(main, ["export", "--format", "json", "-o", str(out)])
    assert out.read_bytes() == first
    text = first.decode("utf-8")
    assert "cliënten" in text or "ë" in text  # UTF-8, not \u escapes
    assert json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, indent=2) + "\n" == text


def test_csv_export_reads_back():
    raw = export("--format", "csv", "--catalog", str(FIXTURE_CATALOG))
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 9
    kpi = next(r for r in rows if r["id"] == "VBO-KPI-03")
    assert "maximaal 3 maanden in 80% van de gevallen (acuut)" in kpi["norms"]
    assert export("--format", "csv", "--catalog", str(FIXTURE_CATALOG)) == raw


def test_xlsx_export_opens_in_openpyxl_and_is_deterministic(tmp_path: Path):
    out = tmp_path / "catalogus.xlsx"
    result = CliRunner().invoke(main, ["export", "--format", "xlsx", "-o", str(out), "--catalog", str(FIXTURE_CATALOG)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["Eisen"]
    assert [c.value for c in sheet[1]][:5] == ["Id", "Titel", "Aanbesteding", "Categorie", "Verplichting"]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "VBO-VOG-01" in ids and len(ids) == 9
    assert sheet.freeze_panes == "C2"  # the header row, id and title stay in view
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "VBO-KPI-03")
    assert row[2] == "Voorbeeldopdracht maatschappelijke opvang (testcatalogus)"  # the tender's title, not its id
    assert row[6] == "Opvangduur binnen norm maximaal 3 maanden in 80% van de gevallen, voor Acute dakloosheid"
    assert row[7] == "Acute dakloosheid"
    first = out.read_bytes()
    CliRunner().invoke(main, ["export", "--format", "xlsx", "-o", str(out), "--catalog", str(FIXTURE_CATALOG)])
    assert out.read_bytes() == first


def test_failed_export_leaves_previous_file(tmp_path: Path, catalog_copy: Path):
    out = tmp_path / "catalogus.json"
    out.write_text("vorige versie", encoding="utf-8")
    (catalog_copy / "voorbeeld-opvang" / "kpi.yaml").write_text("category: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "-o", str(out), "--catalog", str(catalog_copy)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "vorige versie"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
