"""Impossible roster data never counts as compliance (issue item 7).

A VOG dated after the reference date, a negative number of years of experience, leaving before
joining and supervising oneself are read without an input error, but each one is a failing finding
with its place (``personeel.csv:REGEL:KOLOM``) on every requirement with staff rules, and the row can
neither meet a rule nor supervise or lead a team. The control roster, the same rows with possible
values, meets every staff rule of the fixture catalog.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.assess.checklist import render_yaml
from generator.assess.findings import FAILS, MEETS
from generator.catalog.load import load_catalog
from generator.cli import main
from generator.roster.reader import read_roster
from generator.roster.rules import check_roster
from tests.conftest import FIXTURE_CATALOG

PEILDATUM = dt.date(2027, 12, 31)
HEADER = (
    "medewerker_id;soort;functie;niveau;ervaring_jaren;datum_in_dienst;datum_uit_dienst;vog_datum;toezicht_door;team"
)
GOOD = [
    "M1;medewerker;teamleider;hbo;12;2020-01-01;;2025-06-01;;Noord",
    "M2;medewerker;begeleider;mbo-3;2;2026-01-01;;2025-12-01;M1;Noord",
    "M3;medewerker;begeleider;mbo-4;4;2025-03-01;;2025-02-01;;Noord",
]
STAFF_RULE_REQUIREMENTS = {"VBO-STA-01", "VBO-STA-02", "VBO-VOG-01"}


def roster(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "personeel.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def findings(tmp_path: Path, rows: list[str]):
    catalog = load_catalog(FIXTURE_CATALOG)
    read = read_roster(roster(tmp_path, rows), PEILDATUM, "personeel.csv")
    return check_roster(list(catalog.tender("voorbeeld-opvang").requirements), read)


def test_the_control_roster_meets_every_staff_rule(tmp_path: Path):
    found = findings(tmp_path, GOOD)
    assert {f.requirement_id for f in found} == STAFF_RULE_REQUIREMENTS
    assert {f.verdict for f in found} == {MEETS}


IMPOSSIBLE = {  # case: (row of GOOD, field index in the row, impossible value, start of the finding)
    "vog-in-de-toekomst": (1, 7, "2028-03-01", "personeel.csv:3:8: M2: vog_datum 01-03-2028 ligt na de peildatum"),
    "negatieve-ervaring": (2, 4, "-3", "personeel.csv:4:5: M3: ervaring_jaren is -3; een negatief aantal jaren"),
    "uit-dienst-voor-in-dienst": (
        2,
        6,
        "2024-06-01",
        "personeel.csv:4:7: M3: datum_uit_dienst 01-06-2024 ligt vóór datum_in_dienst 01-03-2025",
    ),
    "toezicht-op-zichzelf": (1, 8, "M2", "personeel.csv:3:9: M2: toezicht_door is de medewerker zelf"),
}


@pytest.mark.parametrize("case", sorted(IMPOSSIBLE))
def test_an_impossible_value_fails_every_staff_rule_with_its_place(case: str, tmp_path: Path):
    row, field, value, phrase = IMPOSSIBLE[case]
    rows = list(GOOD)
    cells = rows[row].split(";")
    cells[field] = value
    rows[row] = ";".join(cells)
    found = findings(tmp_path, rows)
    impossible = [f for f in found if f.rule == "plausibility"]
    assert {f.requirement_id for f in impossible} == STAFF_RULE_REQUIREMENTS
    assert all(f.verdict == FAILS and f.message.startswith(phrase) for f in impossible), impossible
    assert not [f for f in found if f.verdict == MEETS], "onmogelijke gegevens tellen als voldaan"


def test_a_team_lead_with_a_future_vog_leads_no_team(tmp_path: Path):
    """M1, the only hbo member of team Noord, has a VOG from after the peildatum: the team has no lead."""
    rows = list(GOOD)
    rows[0] = "M1;medewerker;teamleider;hbo;12;2020-01-01;;2028-01-15;;Noord"
    found = findings(tmp_path, rows)
    lead = [f for f in found if f.requirement_id == "VBO-STA-02" and f.rule == "team_lead"]
    assert [f.subject for f in lead] == ["team Noord"]
    supervision = [f for f in found if f.requirement_id == "VBO-STA-01" and f.rule == "supervision"]
    assert [f.message for f in supervision] == [
        "M2: toezichthouder M1 heeft onmogelijke gegevens (personeel.csv:2:8); vereist toezicht door minimaal mbo-4 "
        "(VBO-STA-01)"
    ]


def test_a_declared_voldoet_with_evidence_becomes_voldoet_niet_in_the_gap_report(tmp_path: Path):
    rows = list(GOOD)
    rows[1] = rows[1].replace("2025-12-01", "2029-01-01")
    data = yaml.safe_load(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet", evidence="personeelsdossier")
    filled = tmp_path / "invulling.yaml"
    filled.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "gap.json"
    args = ["gap", str(filled), "--roster", str(roster(tmp_path, rows)), "--catalog", str(FIXTURE_CATALOG)]
    result = CliRunner().invoke(main, [*args, "--peildatum", "2027-12-31", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    status = {r["id"]: r["status"] for r in report["tenders"][0]["requirements"]}
    assert {rid: status[rid] for rid in STAFF_RULE_REQUIREMENTS} == dict.fromkeys(
        STAFF_RULE_REQUIREMENTS, "voldoet_niet"
    )
    actions = [a for gap in report["gaps"] for a in gap["actions"]]
    assert any(
        a.startswith("Verbeter de regel van M2 in het personeelsbestand: ") and a.endswith("personeel.csv:3:8")
        for a in actions
    ), actions
