"""The statuses and lists around a bid: ``gelijkwaardig``, evidence with a validity date, documents to
hand in with the bid, and norms that do not bind shown in context."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.assess.checklist import read_filled
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.assess.assess_helpers import FIXTURE_CATALOG
from tests.catalog_edits import edit_requirement

FIX = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2026-06-01"]
EQUIVALENT = "Eigen keurmerk Kwaliteit Opvang, gelijkwaardig aan HKZ: dezelfde normen, jaarlijkse audit."


def _yaml(runner, path: Path, catalog: Path = FIXTURE_CATALOG, **answers: dict) -> Path:
    result = runner.invoke(main, ["checklist", "--catalog", str(catalog), "-o", str(path)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tender = data["tenders"][0]
    for item in tender.get("bid_documents", []) + tender["requirements"]:
        item.update(status="voldoet", evidence="Handboek", owner="Kwaliteit", target_date="2027-01-01")
        item.update(answers.get(item["id"].replace("-", "_"), {}))
    data["provider"] = "Stichting Test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _report(runner, filled: Path, catalog: Path = FIXTURE_CATALOG, peildatum: str = "2026-06-01") -> dict:
    result = runner.invoke(
        main, ["gap", str(filled), "--catalog", str(catalog), "--peildatum", peildatum, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _statuses(report: dict) -> dict[str, str]:
    return {r["id"]: r["status"] for r in report["tenders"][0]["requirements"]}


def test_gelijkwaardig_round_trips_through_yaml(runner, fixture_catalog, tmp_path):
    filled = _yaml(runner, tmp_path / "f.yaml", VBO_STA_02={"status": "Gelijkwaardig", "explanation": EQUIVALENT})
    entry = read_filled(filled, fixture_catalog).entries["VBO-STA-02"]
    assert entry.status == "gelijkwaardig" and entry.explanation == EQUIVALENT
    report = _report(runner, filled)
    assert _statuses(report)["VBO-STA-02"] == "gelijkwaardig"
    assert report["equivalents"] == ["VBO-STA-02"] and report["ready"] is True
    assert report["tenders"][0]["summary"]["counts"]["gelijkwaardig"] == 1
    assert report["tenders"][0]["summary"]["share_met"] == 100.0  # met: voldoet or gelijkwaardig (8 of 8)


def test_gelijkwaardig_round_trips_through_xlsx(runner, fixture_catalog, tmp_path):
    path = tmp_path / "f.xlsx"
    assert runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(path)]).exit_code == 0
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["voorbeeld-opvang"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "VBO-STA-02")
    sheet.cell(row, headers.index("Status") + 1, "gelijkwaardig")
    sheet.cell(row, headers.index("Toelichting") + 1, EQUIVALENT)
    sheet.cell(row, headers.index("Bewijs") + 1, "Auditrapport 2026")
    sheet.cell(row, headers.index("Bewijs geldig tot") + 1, dt.datetime(2028, 3, 1))
    workbook.save(path)
    entry = read_filled(path, fixture_catalog).entries["VBO-STA-02"]
    assert (entry.status, entry.explanation, entry.evidence) == ("gelijkwaardig", EQUIVALENT, "Auditrapport 2026")
    assert entry.evidence_valid_until == dt.date(2028, 3, 1)
    # written again (checklist --update) and read back: the same answer
    again = tmp_path / "opnieuw.yaml"
    result = runner.invoke(
        main, ["checklist", "--update", str(path), "--catalog", str(FIXTURE_CATALOG), "-o", str(again)]
    )
    assert result.exit_code == 0, result.output
    back = read_filled(again, fixture_catalog).entries["VBO-STA-02"]
    assert (back.status, back.explanation, back.evidence, back.evidence_valid_until) == (
        "gelijkwaardig",
        EQUIVALENT,
        "Auditrapport 2026",
        dt.date(2028, 3, 1),
    )


def test_gelijkwaardig_needs_explanation_and_evidence_and_is_listed_for_the_bid(runner, tmp_path):
    filled = _yaml(
        runner,
        tmp_path / "f.yaml",
        VBO_STA_01={"status": "gelijkwaardig", "explanation": "", "evidence": "Audit"},
        VBO_STA_02={"status": "gelijkwaardig", "explanation": EQUIVALENT, "evidence": "Auditrapport 2026"},
    )
    report = _report(runner, filled)
    statuses = _statuses(report)
    assert statuses["VBO-STA-01"] == "onbewezen" and statuses["VBO-STA-02"] == "gelijkwaardig"
    gap = next(g for g in report["gaps"] if g["id"] == "VBO-STA-01")
    assert gap["finding"] == "Zelf verklaard: gelijkwaardig, maar zonder toelichting."
    assert gap["actions"][0].startswith("Beschrijf in de toelichting waarom het alternatief gelijkwaardig is")
    out = tmp_path / "gap.md"
    runner.invoke(main, ["gap", str(filled), *FIX, "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    section = text.split("## Gelijkwaardige alternatieven: motiveer de gelijkwaardigheid", 1)[1]
    assert "### VBO-STA-02 Eindverantwoordelijkheid niveau 5" in section
    assert f"- Alternatief (toelichting): {EQUIVALENT}" in section and "VBO-STA-01" not in section


def test_expired_evidence_is_flagged_and_counts_as_no_evidence(runner, tmp_path):
    filled = _yaml(
        runner,
        tmp_path / "f.yaml",
        VBO_VOG_01={"evidence": "VOG-overzicht", "evidence_valid_until": "2026-05-31"},  # day before peildatum
        VBO_STA_01={"evidence": "Diploma's", "evidence_valid_until": "2026-12-31"},  # before the start 2027-01-01
        VBO_STA_02={"evidence": "Keurmerk", "evidence_valid_until": "2027-12-31"},  # valid after the start
        VBO_KPI_04={"evidence": "Enquête", "evidence_valid_until": "01-03-2026"},  # a wens: flagged, stays met
    )
    report = _report(runner, filled)
    statuses = _statuses(report)
    assert statuses["VBO-VOG-01"] == "onbewezen"
    assert statuses["VBO-STA-01"] == "voldoet" and statuses["VBO-STA-02"] == "voldoet"
    assert statuses["VBO-KPI-04"] == "voldoet"
    assert [(e["id"], e["flag"]) for e in report["expiring_evidence"]] == [  # in catalog order
        ("VBO-STA-01", "verloopt_voor_start"),
        ("VBO-VOG-01", "verlopen"),
        ("VBO-KPI-04", "verlopen"),
    ]
    assert report["expiring_evidence"][0] == {
        "id": "VBO-STA-01",
        "evidence": "Diploma's",
        "evidence_valid_until": "2026-12-31",
        "flag": "verloopt_voor_start",
    }
    gap = next(g for g in report["gaps"] if g["id"] == "VBO-VOG-01")
    assert gap["finding"] == "Zelf verklaard: voldoet, maar het bewijs is verlopen op 31-05-2026."
    assert gap["actions"][0] == "Vraag nieuw bewijs aan; het huidige is verlopen"
    out = tmp_path / "gap.md"
    runner.invoke(main, ["gap", str(filled), *FIX, "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "| VBO-STA-01 | Diploma's | 31-12-2026 | verloopt op 31-12-2026, vóór de start van het contract |" in text
    assert "| VBO-VOG-01 | VOG-overzicht | 31-05-2026 | verlopen op 31-05-2026 (vóór de peildatum) |" in text
    # on a later reference date everything that lapsed counts as expired
    later = _report(runner, filled, peildatum="2027-02-01")
    assert _statuses(later)["VBO-STA-01"] == "onbewezen" and _statuses(later)["VBO-STA-02"] == "voldoet"


@pytest.fixture
def bid_catalog(tmp_path: Path) -> Path:
    """The fixture catalog with one document to hand in (VBO-REP-01) and an aim beside a norm (VBO-KPI-04)."""
    copy = tmp_path / "catalogus"
    shutil.copytree(FIXTURE_CATALOG, copy)
    edit_requirement(copy, "reporting", "VBO-REP-01", submit_with_bid=True, bid_document="Rapportageplan")
    edit_requirement(
        copy,
        "kpi",
        "VBO-KPI-04",
        text="Cliënten geven gemiddeld minimaal een 7,5; we streven naar een 8. De wachttijd is zo kort als mogelijk.",
        norms=[
            {"metric": "clienttevredenheid", "operator": ">=", "value": 7.5, "unit": "score"},
            {"metric": "clienttevredenheid", "operator": ">=", "value": 8, "unit": "score", "kind": "streefwaarde"},
        ],
    )
    return copy


def test_bid_documents_come_first_in_every_format(runner, bid_catalog, tmp_path):
    xlsx, yml, md = (tmp_path / f"c.{ext}" for ext in ("xlsx", "yaml", "md"))
    for path in (xlsx, yml, md):
        result = runner.invoke(main, ["checklist", "--catalog", str(bid_catalog), "-o", str(path)])
        assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(xlsx)["voorbeeld-opvang"]
    column_a = [sheet.cell(r, 1).value for r in range(1, 6)]
    assert column_a == ["Eis-id", "Bij de inschrijving in te leveren", "VBO-REP-01", "Overige eisen", "VBO-STA-01"]
    assert sheet.cell(3, 4).value == "Kwartaalrapportage\nIn te leveren: Rapportageplan"
    assert sheet.cell(2, 7).protection.locked  # the section row is no input row
    tender = yaml.safe_load(yml.read_text(encoding="utf-8"))["tenders"][0]
    assert list(tender) == ["id", "title", "bid_documents", "requirements"]
    assert [r["id"] for r in tender["bid_documents"]] == ["VBO-REP-01"]
    assert tender["bid_documents"][0]["bid_document"] == "Rapportageplan"
    assert "# Bij de inschrijving in te leveren\n  bid_documents:" in yml.read_text(encoding="utf-8")
    text = md.read_text(encoding="utf-8")
    assert text.index("### Bij de inschrijving in te leveren") < text.index("VBO-REP-01") < text.index("### Overige")
    # the section rows are skipped when the workbook is read back, without a warning
    result = runner.invoke(main, ["assess", str(xlsx), "--catalog", str(bid_catalog), "--peildatum", "2026-06-01"])
    assert result.exit_code == 0 and "waarschuwing" not in result.output


def test_gap_report_says_which_bid_documents_are_missing(runner, bid_catalog, tmp_path):
    missing = _yaml(runner, tmp_path / "a.yaml", bid_catalog, VBO_REP_01={"evidence": ""})
    there = _yaml(runner, tmp_path / "b.yaml", bid_catalog)
    assert _report(runner, missing, bid_catalog)["bid_documents"] == [
        {"id": "VBO-REP-01", "document": "Rapportageplan", "present": False}
    ]
    assert _report(runner, there, bid_catalog)["bid_documents"][0]["present"] is True
    out = tmp_path / "gap.md"
    runner.invoke(
        main, ["gap", str(missing), "--catalog", str(bid_catalog), "--peildatum", "2026-06-01", "-o", str(out)]
    )
    text = out.read_text(encoding="utf-8")
    assert "1 documenten in te leveren bij de inschrijving, waarvan 1 nog ontbreken" in text
    assert "| VBO-REP-01 | Rapportageplan | **ontbreekt** | – |" in text


def test_a_norm_that_does_not_bind_is_shown_in_context_only(runner, bid_catalog, tmp_path):
    catalog = load_catalog(bid_catalog)
    path = tmp_path / "c.xlsx"
    runner.invoke(main, ["checklist", "--catalog", str(bid_catalog), "-o", str(path)])
    sheet = openpyxl.load_workbook(path)["voorbeeld-opvang"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "VBO-KPI-04")
    assert sheet.cell(row, 6).value == (
        "norm: cliënttevredenheid minimaal een 7,5\nstreven: cliënttevredenheid minimaal een 8"
    )
    assert [n.value for n in catalog.requirement("VBO-KPI-04").binding_norms] == [7.5]
    filled = _yaml(runner, tmp_path / "f.yaml", bid_catalog, VBO_KPI_04={"status": "voldoet deels"})
    out = tmp_path / "gap.md"
    runner.invoke(
        main, ["gap", str(filled), "--catalog", str(bid_catalog), "--peildatum", "2026-06-01", "-o", str(out)]
    )
    assert "- Context (geen norm): streven: cliënttevredenheid minimaal een 8" in out.read_text(encoding="utf-8")
