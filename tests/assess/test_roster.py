"""Staff rules against rosters: the Limburg acceptance case from the issue and each rule kind."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.assess.findings import FAILS, MEETS
from generator.catalog.model import Requirement, Selector, Source, StaffRule
from generator.diagnostics import InputError
from generator.roster.reader import read_roster
from generator.roster.rules import check_requirement, check_roster, elapsed_in
from tests.assess.assess_helpers import HEADER, LIMBURG_ROSTER, PEILDATUM, write_roster


def test_limburg_roster_gives_exactly_the_expected_findings(nml_catalog):
    """Issue acceptance: VOG 4 months before hire, VOG > 3 years, MBO-3 without supervisor; fine rows clean."""
    roster = read_roster(LIMBURG_ROSTER, PEILDATUM)
    findings = check_roster(list(nml_catalog.tender("noord-midden-limburg-mo").requirements), roster)
    failing = sorted((f.requirement_id, f.subject, f.rule) for f in findings if f.verdict == FAILS)
    assert failing == [
        ("NML-STA-07", "M05", "supervision"),
        ("NML-VOG-01", "M03", "vog"),
        ("NML-VOG-01", "M04", "vog"),
    ]
    messages = {f.subject: f.message for f in findings if f.verdict == FAILS}
    assert messages["M03"] == "M03: VOG is afgegeven 4 maanden vóór indiensttreding (maximaal 3 maanden; NML-VOG-01)"
    assert messages["M04"].startswith("M04: VOG van 10-01-2023 is op de peildatum 3,4 jaar oud (maximaal 3 jaar")
    assert "M05" in messages["M05"] and "NML-STA-07" in messages["M05"] and "toezicht" in messages["M05"]
    # the peer worker without VOG (M06) supervised by an MBO-4 employee with VOG (M02) is fine
    assert {f.verdict for f in findings if f.requirement_id == "NML-VOG-02"} == {MEETS}
    assert {f.verdict for f in findings if f.requirement_id == "NML-STA-06"} == {MEETS}
    # fine rows and the volunteer who left before the peildatum (M07, no VOG) are never named
    named = {f.subject for f in findings}
    assert named.isdisjoint({"M01", "M02", "M06", "M07", "M08"})


def _req(*rules: StaffRule, norms=()) -> Requirement:
    return Requirement(
        "TST-STA-01", "t", "staffing", "eis", "Test", "Test", Source("d.txt", "1"), norms=norms, staff_rules=rules
    )


def test_supervisor_must_be_active_and_match(tmp_path, fixture_catalog):
    req = fixture_catalog.requirement("VBO-STA-01")  # mbo-3 under supervision of at least mbo-4
    roster = read_roster(
        write_roster(
            tmp_path / "p.csv",
            "A1,medewerker,begeleider,mbo-3,,,2024-01-01,,2024-01-01,B1,X",  # supervisor left
            "A2,medewerker,begeleider,mbo-3,,,2024-01-01,,2024-01-01,B2,X",  # supervisor only mbo-3
            "A3,medewerker,begeleider,mbo-3,,,2024-01-01,,2024-01-01,ZZ,X",  # unknown supervisor
            "A4,medewerker,begeleider,mbo-3,,,2024-01-01,,2024-01-01,B3,X",  # wo: fine (niveau_min ordering)
            "B1,medewerker,begeleider,hbo,,,2020-01-01,2025-01-01,2020-01-01,,X",
            "B2,medewerker,begeleider,mbo-3,,,2020-01-01,,2024-01-01,B3,X",
            "B3,medewerker,teamleider,wo,,,2020-01-01,,2024-01-01,,X",
        ),
        PEILDATUM,
    )
    found = {f.subject: f.message for f in check_requirement(req, roster)}
    assert set(found) == {"A1", "A2", "A3"}
    assert "B1 is niet meer in dienst" in found["A1"]
    assert "niveau is mbo-3, vereist minimaal mbo-4" in found["A2"]
    assert "ZZ staat niet in het bestand" in found["A3"]


def test_team_lead_per_team(tmp_path, fixture_catalog):
    req = fixture_catalog.requirement("VBO-STA-02")
    roster = read_roster(
        write_roster(
            tmp_path / "p.csv",
            "A1,medewerker,begeleider,mbo-4,,,2024-01-01,,2024-01-01,,Noord",
            "A2,medewerker,coördinator,hbo,,,2024-01-01,,2024-01-01,,Noord",
            "C1,medewerker,begeleider,mbo-4,,,2024-01-01,,2024-01-01,,Zuid",
            "C2,medewerker,coördinator,hbo,,,2020-01-01,2026-01-01,2024-01-01,,Zuid",
        ),
        PEILDATUM,
    )
    found = check_requirement(req, roster)
    assert [(f.subject, f.rule) for f in found] == [("team Zuid", "team_lead")]


def test_qualification_and_registration_kinds(tmp_path):
    """Family-shelter style rules: MBO-3 with 5 years or MBO-4 under HBO supervision; SKJ registered."""
    qualification = StaffRule(
        "qualification",
        Selector(functie=("Pedagogisch medewerker",)),
        any_of=(
            Selector(niveau=("mbo-3",), ervaring_jaren_min=5),
            Selector(niveau=("mbo-4",), supervisor=Selector(niveau_min="hbo")),
            Selector(niveau_min="hbo"),
        ),
    )
    registration = StaffRule("registration", Selector(functie=("pedagogisch medewerker",)), requires=Selector(skj=True))
    roster = read_roster(
        write_roster(
            tmp_path / "p.csv",
            "G1,medewerker,pedagogisch medewerker,mbo-3,6,ja,2024-01-01,,2024-01-01,,G",  # fine
            "G2,medewerker,PEDAGOGISCH MEDEWERKER,mbo-3,2,ja,2024-01-01,,2024-01-01,,G",  # too little experience
            "G3,medewerker,pedagogisch medewerker,mbo-4,1,nee,2024-01-01,,2024-01-01,G4,G",  # fine, but no SKJ
            "G4,medewerker,gedragswetenschapper,wo,10,ja,2020-01-01,,2024-01-01,,G",
            "G5,medewerker,pedagogisch medewerker,mbo-4,1,ja,2024-01-01,,2024-01-01,G1,G",  # supervisor only mbo-3
        ),
        PEILDATUM,
    )
    found = sorted((f.subject, f.rule) for f in check_requirement(_req(qualification, registration), roster))
    assert found == [("G2", "qualification"), ("G3", "registration"), ("G5", "qualification")]


def test_vog_missing_and_norms_from_the_requirement(tmp_path, fixture_catalog):
    req = fixture_catalog.requirement("VBO-VOG-01")
    roster = read_roster(
        write_roster(
            tmp_path / "p.csv",
            "V1,vrijwilliger,gastheer,geen,,,2025-01-01,,,,X",  # no VOG
            "V2,stagiair,stagiair,mbo-2,,,2026-02-01,,2025-11-01,,X",  # exactly 3 months: fine
            "V3,stagiair,stagiair,mbo-2,,,2026-02-02,,2025-11-01,,X",  # a day more: fails
            "V4,ervaringsdeskundige,ervaringsdeskundige,geen,,,2025-01-01,,,,X",  # peer worker without supervisor
        ),
        PEILDATUM,
    )
    found = {(f.subject, f.rule): f.message for f in check_requirement(req, roster)}
    assert set(found) == {("V1", "vog"), ("V3", "vog"), ("V4", "supervision")}
    assert "V1: heeft geen VOG" in found[("V1", "vog")]
    assert "ruim 3 maanden" in found[("V3", "vog")]


def test_no_staff_rules_no_findings(fixture_catalog, tmp_path):
    roster = read_roster(write_roster(tmp_path / "p.csv", "A,medewerker,x,hbo,,,2024-01-01,,2024-01-01,,X"), PEILDATUM)
    assert check_requirement(fixture_catalog.requirement("VBO-KPI-01"), roster) == []


@pytest.mark.parametrize(
    ("start", "end", "unit", "expected"),
    [
        (dt.date(2025, 5, 1), dt.date(2025, 9, 1), "months", 4.0),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), "months", 1.0),
        (dt.date(2023, 6, 1), dt.date(2026, 6, 1), "years", 3.0),
        (dt.date(2026, 6, 1), dt.date(2026, 6, 15), "weeks", 2.0),
    ],
)
def test_elapsed_in_calendar_units(start, end, unit, expected):
    assert elapsed_in(start, end, unit) == pytest.approx(expected)


def test_roster_bad_input_is_located(tmp_path):
    bad = write_roster(
        tmp_path / "p.csv",
        "A,medewerker,x,hbo,,,31-02-2024,,,,X",
        "B,baas,x,hbo,,,2024-01-01,,,,X",
    )
    with pytest.raises(InputError) as info:
        read_roster(bad, PEILDATUM, "p.csv")
    text = str(info.value)
    assert "p.csv:2:7: datum_in_dienst:" in text
    assert "p.csv:3:2: soort:" in text
    missing = write_roster(tmp_path / "q.csv", "A,medewerker,x,hbo", header="medewerker_id,soort,functie,niveau")
    with pytest.raises(InputError, match="verplichte kolom 'datum_in_dienst' ontbreekt"):
        read_roster(missing, PEILDATUM)


def test_semicolon_windows_1252_roster_is_read(tmp_path):
    path = write_roster(
        tmp_path / "p.csv",
        "A;medewerker;coördinator;hbo;;;01-02-2024;;15-01-2024;;Café",
        header=HEADER.replace(",", ";").replace("medewerker_id", "Medewerker_ID"),
        encoding="cp1252",
    )
    roster = read_roster(path, PEILDATUM)
    assert roster.members[0].functie == "coördinator"
    assert roster.members[0].team == "Café"
    assert roster.members[0].vog_datum == dt.date(2024, 1, 15)
