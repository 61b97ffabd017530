"""Answers that stay true when a tender changes: fingerprints, ``verouderd`` and ``checklist --update``.

A copy of the fixture catalog is filled in completely (every requirement ``voldoet`` with evidence),
then one requirement is changed in the copy; exactly that answer must become ``verouderd``, with the
change shown, and ``--update`` must keep every other answer as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.assess.fingerprint import fingerprint, normalise_text
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.assess.assess_helpers import FIXTURE_CATALOG
from tests.catalog_edits import add_requirement, edit_requirement, remove_requirement

PEIL = ["--peildatum", "2026-06-01"]
CHANGED = "VBO-KPI-03"
OLD_NORM = "norm: opvangduur binnen norm maximaal 3 maanden in 80% van de gevallen (Acute dakloosheid)"
NEW_NORM = "norm: opvangduur binnen norm maximaal 4 maanden in 80% van de gevallen (Acute dakloosheid)"
NEW_TEXT = "Voor acuut daklozen wordt de opvangduur van 4 maanden in 80% van de gevallen gehaald."


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    copy = tmp_path / "catalogus"
    shutil.copytree(FIXTURE_CATALOG, copy)
    return copy


def _run(runner, *args: str):
    return runner.invoke(main, list(args))


def _filled_yaml(runner, catalog: Path, path: Path) -> Path:
    """The checklist of *catalog* as YAML, every requirement answered 'voldoet' with its own evidence."""
    result = _run(runner, "checklist", "--catalog", str(catalog), "-o", str(path))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet", evidence=f"Handboek {item['id']}", owner="Kwaliteit", target_date="2027-01-01")
    data["provider"] = "Stichting Test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _filled_xlsx(runner, catalog: Path, path: Path) -> Path:
    result = _run(runner, "checklist", "--catalog", str(catalog), "-o", str(path))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["voorbeeld-opvang"]
    headers = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        rid = sheet.cell(row, 1).value
        if rid:
            sheet.cell(row, headers.index("Status") + 1, "voldoet")
            sheet.cell(row, headers.index("Bewijs") + 1, f"Handboek {rid}")
    workbook["Overzicht"]["B2"] = "Stichting Excel"
    workbook.save(path)
    return path


def _change_requirement(catalog: Path) -> None:
    edit_requirement(
        catalog,
        "kpi",
        CHANGED,
        text=NEW_TEXT,
        norms=[
            {
                "metric": "opvangduur_binnen_norm",
                "operator": "<=",
                "value": 4,
                "unit": "months",
                "share": 80,
                "applies_to": ["acuut"],
            }
        ],
    )


def _assessed(runner, catalog: Path, filled: Path) -> dict:
    result = _run(runner, "assess", str(filled), "--catalog", str(catalog), *PEIL, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return {r["id"]: r for r in report["tenders"][0]["requirements"]}


def test_fingerprint_covers_text_norms_and_obligation_but_not_line_breaks(fixture_catalog):
    from dataclasses import replace

    req = fixture_catalog.requirement(CHANGED)
    assert len(fingerprint(req)) == 16
    assert fingerprint(replace(req, text=req.text.replace(" ", "\n  ", 3))) == fingerprint(req)
    assert fingerprint(replace(req, title="Een andere titel")) == fingerprint(req)
    assert fingerprint(replace(req, text=req.text.replace("3", "4"))) != fingerprint(req)
    assert fingerprint(replace(req, obligation="wens")) != fingerprint(req)
    assert fingerprint(replace(req, norms=(replace(req.norms[0], value=4),))) != fingerprint(req)
    assert normalise_text(" a \n\t b ") == "a b"


@pytest.mark.parametrize("kind", ["yaml", "xlsx"])
def test_changing_one_requirement_flags_exactly_that_answer(runner, catalog, tmp_path, kind):
    filled = (_filled_yaml if kind == "yaml" else _filled_xlsx)(runner, catalog, tmp_path / f"ingevuld.{kind}")
    before = _assessed(runner, catalog, filled)
    assert {r["status"] for r in before.values() if r["obligation"] == "eis"} == {"voldoet"}
    _change_requirement(catalog)
    after = _assessed(runner, catalog, filled)
    stale = sorted(rid for rid, r in after.items() if r["status"] == "verouderd")
    assert stale == [CHANGED]
    assert all(after[rid]["status"] == before[rid]["status"] for rid in after if rid != CHANGED)
    change = after[CHANGED]["change"]
    assert change["norms"] == [{"old": OLD_NORM, "new": NEW_NORM}]
    assert {"op": "delete", "text": "3"} in change["text_diff"] and {"op": "insert", "text": "4"} in change["text_diff"]
    # the gap report puts it first, shows the word diff and the norm, and it blocks the bid
    out = tmp_path / "gap.md"
    result = _run(runner, "gap", str(filled), "--catalog", str(catalog), *PEIL, "-o", str(out), "--fail-on", "eis")
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert "### Antwoorden op gewijzigde eisen (verouderd): controleer ze eerst: 1" in text
    assert "<del>3</del> <ins>4</ins>" in text
    assert f"- Gewijzigd: {OLD_NORM} → {NEW_NORM}".replace("%", "%") in text
    assert "1 verouderd: eis gewijzigd sinds het antwoord" in text


def test_an_answer_without_anything_filled_in_is_never_stale(runner, catalog, tmp_path):
    empty = tmp_path / "leeg.yaml"
    assert _run(runner, "checklist", "--catalog", str(catalog), "-o", str(empty)).exit_code == 0
    _change_requirement(catalog)
    assert _assessed(runner, catalog, empty)[CHANGED]["status"] == "onbekend"


def test_a_checklist_without_fingerprints_is_judged_on_the_text_it_shows(runner, catalog, tmp_path):
    filled = _filled_yaml(runner, catalog, tmp_path / "oud.yaml")
    data = yaml.safe_load(filled.read_text(encoding="utf-8"))
    for item in data["tenders"][0]["requirements"]:  # as opvang wrote checklists before fingerprints
        del item["fingerprint"], item["norms"], item["evidence_valid_until"]
    filled.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _change_requirement(catalog)
    after = _assessed(runner, catalog, filled)
    assert sorted(rid for rid, r in after.items() if r["status"] == "verouderd") == [CHANGED]
    assert after[CHANGED]["change"]["norms"] == []  # the old row showed no norms: nothing to compare


@pytest.mark.parametrize("kind", ["yaml", "xlsx"])
def test_update_keeps_every_other_answer_and_marks_the_changed_one(runner, catalog, tmp_path, kind):
    filled = (_filled_yaml if kind == "yaml" else _filled_xlsx)(runner, catalog, tmp_path / f"ingevuld.{kind}")
    _change_requirement(catalog)
    remove_requirement(catalog, "reporting", "VBO-REP-02")
    add_requirement(
        catalog,
        "reporting",
        {
            "id": "VBO-REP-03",
            "obligation": "eis",
            "title": "Jaarverslag",
            "text": "Een jaarverslag.",
            "source": {"section": "6 Rapportage"},
        },
    )
    new = tmp_path / f"nieuw.{kind}"
    result = _run(
        runner, "checklist", "voorbeeld-opvang", "--update", str(filled), "--catalog", str(catalog), "-o", str(new)
    )
    assert result.exit_code == 0, result.output
    assert "7 antwoorden overgenomen, 1 overgenomen maar te controleren (eis gewijzigd), 1 vervallen" in result.output
    assert "1 nieuwe eisen (nog leeg)" in result.output
    assert f"Te controleren: {CHANGED}." in result.output
    assert "Vervallen, antwoord niet overgenomen: VBO-REP-02." in result.output
    assert filled.exists()

    from generator.assess.checklist import read_filled

    current = load_catalog(catalog)
    old_entries = read_filled(filled, load_catalog(FIXTURE_CATALOG)).entries
    new_entries = read_filled(new, current).entries
    for rid, entry in new_entries.items():
        if rid in (CHANGED, "VBO-REP-03"):
            continue
        old = old_entries[rid]
        assert (entry.status, entry.evidence, entry.owner, entry.target_date) == (
            old.status,
            old.evidence,
            old.owner,
            old.target_date,
        ), rid
        assert entry.fingerprint == fingerprint(current.requirement(rid)) and not entry.review
    marked = new_entries[CHANGED]
    assert marked.status == "voldoet" and marked.evidence == f"Handboek {CHANGED}"
    assert "[-3-] {+4+}" in marked.review and f"{OLD_NORM} → {NEW_NORM}" in marked.review
    assert not new_entries["VBO-REP-03"].answered
    # the marked answer stays verouderd until the provider empties 'Te controleren'
    after = _assessed(runner, catalog, new)
    assert [rid for rid, r in after.items() if r["status"] == "verouderd"] == [CHANGED]
    _clear_review(new, kind)
    assert _assessed(runner, catalog, new)[CHANGED]["status"] == "voldoet"


def _clear_review(path: Path, kind: str) -> None:
    if kind == "yaml":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["tenders"][0]["requirements"]:
            item.pop("review", None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["voorbeeld-opvang"]
    column = [c.value for c in sheet[1]].index("Te controleren") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = None
    workbook.save(path)


def test_update_writes_the_format_of_the_output_name_and_refuses_its_own_input(runner, catalog, tmp_path):
    filled = _filled_yaml(runner, catalog, tmp_path / "ingevuld.yaml")
    out = tmp_path / "nieuw.xlsx"
    result = _run(runner, "checklist", "--update", str(filled), "--catalog", str(catalog), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    result = _run(runner, "checklist", "--update", str(filled), "--catalog", str(catalog), "-o", str(filled))
    assert result.exit_code == 2 and "ook een invoerbestand" in result.output


def test_diff_says_how_many_answers_need_a_second_look(runner, catalog, tmp_path):
    filled = _filled_yaml(runner, catalog, tmp_path / "ingevuld.yaml")
    old = tmp_path / "oud"
    shutil.copytree(catalog, old)
    _change_requirement(catalog)
    remove_requirement(catalog, "reporting", "VBO-REP-02")
    result = runner.invoke(main, ["diff", str(old), str(catalog), "--checklist", str(filled)])
    assert result.exit_code == 0, result.output
    assert (
        "ingevuld.yaml: van de 9 antwoorden moeten er 1 opnieuw bekeken worden (eis gewijzigd: VBO-KPI-03); "
        "1 hoort bij een vervallen eis (VBO-REP-02)" in result.stderr
    )
