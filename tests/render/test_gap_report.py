"""The gap report as its readers see it: a plan over time is called so, first and in red; sentences in plain words.

A checklist of the fixture catalog on the reference date 31-12-2027: VBO-STA-01 is planned for
01-03-2027 (ten months over time), VBO-KPI-04 (a wish) planned for 01-03-2027 too, VBO-VOG-01
planned for 01-03-2028 (still in time), VBO-STA-02 'voldoet niet' with target date 01-06-2027.
"""

from __future__ import annotations

import json

import openpyxl
import yaml
from click.testing import CliRunner

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.assess.assess_helpers import FIXTURE_CATALOG

ARGS = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31"]
ANSWERS = {
    "VBO-STA-01": {"status": "gepland", "target_date": "2027-03-01", "evidence": ""},
    "VBO-KPI-04": {"status": "gepland", "target_date": "2027-03-01", "evidence": ""},
    "VBO-VOG-01": {"status": "gepland", "target_date": "2028-03-01", "evidence": ""},
    "VBO-STA-02": {"status": "voldoet niet", "target_date": "2027-06-01", "evidence": ""},
}


def _filled(path):
    data = yaml.safe_load(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet", evidence="Handboek", owner="Kwaliteit", target_date="")
        item.update(ANSWERS.get(item["id"], {}))
    data["provider"] = "Stichting Test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _gap(tmp_path, fmt: str, *extra: str):
    out = tmp_path / f"gap.{fmt}"
    result = CliRunner().invoke(
        main, ["gap", str(_filled(tmp_path / "f.yaml")), *ARGS, "--format", fmt, "-o", str(out), *extra]
    )
    return result, out


def test_a_plan_over_time_is_a_status_of_its_own_first_among_the_gaps(tmp_path):
    result, out = _gap(tmp_path, "json")
    assert result.exit_code == 0, result.output
    gaps = json.loads(out.read_text(encoding="utf-8"))["gaps"]
    assert [(g["id"], g["group"]) for g in gaps] == [
        ("VBO-STA-01", "over_tijd"),
        ("VBO-STA-02", "over_tijd"),
        ("VBO-KPI-04", "over_tijd"),
        ("VBO-VOG-01", "knockout"),
    ]
    late = {g["id"]: g for g in gaps}
    assert late["VBO-STA-01"]["finding"] == (
        "Gepland (streefdatum 01-03-2027); die datum is op de peildatum 31-12-2027 voorbij."
    )
    assert late["VBO-STA-01"]["actions"][0].startswith(
        "Het plan is over tijd (streefdatum 01-03-2027): voer het alsnog"
    )
    assert not any("vóór 01-03-2027" in action for g in gaps for action in g["actions"])
    assert "De streefdatum 01-06-2027 is voorbij: leg een nieuwe vast" in late["VBO-STA-02"]["actions"]
    assert late["VBO-VOG-01"]["actions"][0] == "Voer het plan uit vóór 01-03-2028 en voeg daarna het bewijs toe"


def test_fail_on_eis_counts_a_late_eis_not_a_late_wish(tmp_path):
    assert _gap(tmp_path, "md", "--fail-on", "eis")[0].exit_code == 1
    answers = dict(ANSWERS)
    try:
        ANSWERS.clear()
        ANSWERS["VBO-KPI-04"] = answers["VBO-KPI-04"]  # only the wish is late
        assert _gap(tmp_path, "md", "--fail-on", "eis")[0].exit_code == 0
        assert _gap(tmp_path, "md", "--fail-on", "wens")[0].exit_code == 1
    finally:
        ANSWERS.update(answers)


def test_a_plan_over_time_is_red_in_every_format(tmp_path):
    md = _gap(tmp_path, "md")[1].read_text(encoding="utf-8")
    assert "### Plannen over tijd, streefdatum voorbij: 3" in md
    assert md.index("Plannen over tijd") < md.index("Knock-outeisen")
    assert '- Status: <strong style="color:#b00020">over tijd</strong>; eis, categorie Personeel' in md
    html = _gap(tmp_path, "html")[1].read_text(encoding="utf-8")
    assert '<div class="gap over_tijd">' in html and '<strong class="over-tijd">over tijd</strong>' in html
    assert ".gap.over_tijd{border-color:#b00020" in html
    sheet = openpyxl.load_workbook(_gap(tmp_path, "xlsx")[1])["Gaps"]
    status = {row[0].value: row[5] for row in sheet.iter_rows(min_row=2)}
    assert status["VBO-STA-01"].value == "over tijd" and status["VBO-STA-01"].font.color.rgb.endswith("B00020")
    assert status["VBO-VOG-01"].value == "onbekend"


def test_sentences_name_things_as_people_do(tmp_path):
    md = _gap(tmp_path, "md")[1].read_text(encoding="utf-8")
    assert "- **Catalogus:** catalog" in md  # the fixture catalog has no title: its folder's name
    assert "- **Peildatum:** 31-12-2027" in md
    assert "| Voorbeeldopdracht maatschappelijke opvang (testcatalogus) | nee |" in md  # the title, no id
    assert "voorbeeld-opvang" not in md.replace("invulling", "")
    assert "- Bron: Testdocument, 5 Personeel" in md
    assert "((" not in md and "))" not in md
