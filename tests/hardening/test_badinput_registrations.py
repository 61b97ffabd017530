"""Bad provider CSV files through the real commands: located Dutch refusal, exit 2, no output file.

- the staff roster (tests/badinput/roster/) through ``opvang gap --roster``;
- client registrations (tests/badinput/clients/) through ``opvang kpi``;
- ZRM measurements (tests/badinput/zrm/) through ``opvang kpi --zrm``.

Each file is one thing people or their systems get wrong: an empty or truncated file, the wrong
delimiter or encoding, a BOM, a date that does not exist, a huge field, a duplicate column, or a
column that identifies a person.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from tests.hardening.badinput_cli import (
    CORPUS,
    EXAMPLES,
    FIXTURE_CATALOG,
    OUTPUT,
    Expect,
    assert_refused,
    corpus_files,
)

COMMON = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31", "-o", OUTPUT]
KPI = ["--tender", "voorbeeld-opvang", *COMMON]
IDENTIFYING = "dat is een direct identificerend gegeven"

BOM_THEN_1252 = "begint als UTF-8 (met BOM) maar deze regel bevat een teken dat geen UTF-8 is"
BAD_UTF8 = "het bestand is UTF-8 maar deze regel bevat een teken dat geen UTF-8 is"

ROSTER = {
    "bom-then-windows-1252.csv": Expect("bom-then-windows-1252.csv:2", BOM_THEN_1252),
    "birth-date-in-free-text.csv": Expect("birth-date-in-free-text.csv:2:3", "functie bevat persoonsgegevens: een geb"),
    "bom-with-error.csv": Expect("bom-with-error.csv:2:6", "'gisteren' is geen datum"),
    "bsn-as-medewerker-id.csv": Expect("bsn-as-medewerker-id.csv:3:1", "medewerker_id: '111.222.333' lijkt een BSN"),
    "column-bsn.csv": Expect("column-bsn.csv:1:2", f"bevat een burgerservicenummer: {IDENTIFYING}"),
    "column-e-mail-adres.csv": Expect(
        "column-e-mail-adres.csv:1:6", f"'E-mail adres' bevat een e-mailadres: {IDENTIFYING}"
    ),
    "column-geboortedatum.csv": Expect("column-geboortedatum.csv:1:6", "volledige geboortedatum"),
    "column-naam.csv": Expect("column-naam.csv:1:6", f"kolom 'Naam' bevat een naam: {IDENTIFYING}"),
    "duplicate-header.csv": Expect("duplicate-header.csv:1:6", "kolom 'soort' staat twee keer in de kopregel"),
    "duplicate-id.csv": Expect("duplicate-id.csv:3:1", "medewerker_id 'M1' staat al op regel 2"),
    "email-as-id.csv": Expect(
        "email-as-id.csv:2:1", "medewerker_id: 'j.jansen@voorbeeldopvang.nl' bevat een e-mailadres"
    ),
    "empty.csv": Expect("empty.csv:1:1", "bestand is leeg; verwacht een kopregel met medewerker_id"),
    "excel-saved-as-csv.csv": Expect("excel-saved-as-csv.csv:1:1", "dit is een Excel-bestand"),
    "huge-field.csv": Expect("huge-field.csv:2:3", "'functie' is langer dan 10000 tekens"),
    "missing-required-column.csv": Expect("missing-required-column.csv:1", "verplichte kolom 'niveau' ontbreekt"),
    "mixed-delimiters.csv": Expect("mixed-delimiters.csv:2", "controleer het scheidingsteken"),
    "name-as-toezicht.csv": Expect("name-as-toezicht.csv:3:7", "toezicht_door: 'Jan de Vries' lijkt een naam"),
    "nonexistent-date.csv": Expect("nonexistent-date.csv:2:5", "'31-02-2027' is geen bestaande datum"),
    "only-blank-lines.csv": Expect("only-blank-lines.csv:1:1", "bestand is leeg"),
    "phone-in-free-text.csv": Expect("phone-in-free-text.csv:2:3", "functie bevat persoonsgegevens"),
    "terminal-escape.csv": Expect("terminal-escape.csv:2:2", "soort: '\\x1b[2J\\x1b[31mchef\\x07\\u202e' is geen"),
    "truncated.csv": Expect("truncated.csv:3", "houdt op binnen aanhalingstekens"),
    "utf8-one-bad-byte.csv": Expect("utf8-one-bad-byte.csv:3", BAD_UTF8),
    "windows-1252-semicolon.csv": Expect("windows-1252-semicolon.csv:3:4", "'mbo-7' is geen geldige waarde"),
    "windows-1252-undefined-byte.csv": Expect("windows-1252-undefined-byte.csv:3", "teken 0x81 op deze regel"),
    "wrong-types.csv": Expect("wrong-types.csv:2:4", "niveau: 'mbo-9' is geen geldige waarde"),
    "year-out-of-range.csv": Expect("year-out-of-range.csv:2:5", "buiten de jaren 1900 tot en met 2200"),
}

CLIENTS = {
    "bom-then-windows-1252.csv": Expect("bom-then-windows-1252.csv:3", BOM_THEN_1252),
    "bom-with-error.csv": Expect("bom-with-error.csv:2:6", "'11' is geen rapportcijfer van 1 tot en met 10"),
    "bsn-as-client-id.csv": Expect("bsn-as-client-id.csv:3:1", "'123456782' lijkt een BSN"),
    "column-bsn.csv": Expect("column-bsn.csv:1:2", f"kolom 'BSN' bevat een burgerservicenummer: {IDENTIFYING}"),
    "column-geboorte-datum.csv": Expect("column-geboorte-datum.csv:1:5", "'Geboorte datum' bevat een volledige geb"),
    "column-geboortedatum.csv": Expect("column-geboortedatum.csv:1:5", "volledige geboortedatum"),
    "column-naam.csv": Expect("column-naam.csv:1:2", f"kolom 'naam' bevat een naam: {IDENTIFYING}"),
    "duplicate-header.csv": Expect("duplicate-header.csv:1:5", "kolom 'doelgroep' staat twee keer in de kopregel"),
    "email-in-free-text.csv": Expect("email-in-free-text.csv:2:5", "type_vervolgplek bevat persoonsgegevens"),
    "empty.csv": Expect("empty.csv:1:1", "bestand is leeg; verwacht een kopregel met client_id"),
    "excel-saved-as-csv.csv": Expect("excel-saved-as-csv.csv:1:1", "dit is een Excel-bestand"),
    "exit-before-report.csv": Expect("exit-before-report.csv:2", "datum_uitstroom ligt vóór datum_melding"),
    "formatted-phone-in-free-text.csv": Expect(
        "formatted-phone-in-free-text.csv:2:5", "reden_uitstroom bevat persoonsgegevens: een telefoonnummer"
    ),
    "huge-field.csv": Expect("huge-field.csv:2:3", "'gemeente_herkomst' is langer dan 10000 tekens"),
    "iban-in-free-text.csv": Expect("iban-in-free-text.csv:2:5", "type_vervolgplek bevat persoonsgegevens: een IBAN"),
    "missing-required-column.csv": Expect("missing-required-column.csv:1", "kolom 'gemeente_herkomst' ontbreekt"),
    "mixed-delimiters.csv": Expect("mixed-delimiters.csv:3", "controleer het scheidingsteken"),
    "nonexistent-date.csv": Expect("nonexistent-date.csv:2:4", "'31-02-2027 10:00' is geen bestaand tijdstip"),
    "nonexistent-exit-date.csv": Expect("nonexistent-exit-date.csv:2:5", "dag 31 bestaat niet in maand 2"),
    "time-zone.csv": Expect("time-zone.csv:2:4", "'2027-01-01T10:00+05:00' is geen tijdstip"),
    "truncated.csv": Expect("truncated.csv:3", "houdt op binnen aanhalingstekens"),
    "utf8-one-bad-byte.csv": Expect("utf8-one-bad-byte.csv:3", BAD_UTF8),
    "windows-1252-semicolon.csv": Expect("windows-1252-semicolon.csv:4:2", "'dakloos' is geen geldige waarde"),
    "wrong-types.csv": Expect("wrong-types.csv:2:6", "tevredenheid: 'zeven' is geen getal"),
    "year-out-of-range.csv": Expect("year-out-of-range.csv:2:4", "'0001-01-01 00:00' ligt buiten de jaren"),
}

ZRM = {
    "bom-then-windows-1252.csv": Expect("bom-then-windows-1252.csv:2", BOM_THEN_1252),
    "bom-with-error.csv": Expect("bom-with-error.csv:2:4", "score: 'x' is geen getal"),
    "bsn-as-client-id.csv": Expect("bsn-as-client-id.csv:2:1", "'123456782' lijkt een BSN"),
    "column-bsn.csv": Expect("column-bsn.csv:1:5", f"bevat een burgerservicenummer: {IDENTIFYING}"),
    "column-bsn-nummer.csv": Expect("column-bsn-nummer.csv:1:5", "'BSN-nummer' bevat een burgerservicenummer"),
    "column-geboortedatum.csv": Expect("column-geboortedatum.csv:1:1", "volledige geboortedatum"),
    "column-naam.csv": Expect("column-naam.csv:1:5", f"kolom 'achternaam' bevat een naam: {IDENTIFYING}"),
    "duplicate-header.csv": Expect("duplicate-header.csv:1:3", "kolom 'datum' staat twee keer in de kopregel"),
    "empty.csv": Expect("empty.csv:1:1", "bestand is leeg; verwacht een kopregel met client_id, datum"),
    "formatted-bsn-in-domain.csv": Expect("formatted-bsn-in-domain.csv:2:3", "domein bevat persoonsgegevens: een BSN"),
    "huge-field.csv": Expect("huge-field.csv:2:3", "'domein' is langer dan 10000 tekens"),
    "mixed-delimiters.csv": Expect("mixed-delimiters.csv:2", "controleer het scheidingsteken"),
    "nonexistent-date.csv": Expect("nonexistent-date.csv:2:2", "'31-02-2027' is geen bestaande datum"),
    "phone-in-domain.csv": Expect("phone-in-domain.csv:2:3", "domein bevat persoonsgegevens"),
    "score-out-of-range.csv": Expect("score-out-of-range.csv:2:4", "'7' is geen ZRM-score"),
    "truncated.csv": Expect("truncated.csv:2", "houdt op binnen aanhalingstekens"),
    "utf8-one-bad-byte.csv": Expect("utf8-one-bad-byte.csv:3", BAD_UTF8),
    "windows-1252-semicolon.csv": Expect("windows-1252-semicolon.csv:3:4", "'6' is geen ZRM-score"),
    "wrong-types.csv": Expect("wrong-types.csv:2:4", "score: 'twee' is geen getal"),
}


@pytest.fixture(scope="module")
def filled_checklist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An (empty) filled checklist of the fixture catalog, so that ``gap`` reaches the roster."""
    path = tmp_path_factory.mktemp("checklist") / "invulling.yaml"
    path.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    return path


def _place(reader: str, case: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CORPUS / reader / case, folder / case)
    monkeypatch.chdir(folder)


@pytest.mark.parametrize("case", corpus_files("roster"))
def test_bad_roster(case: str, filled_checklist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _place("roster", case, tmp_path, monkeypatch)
    assert_refused(["gap", str(filled_checklist), "--roster", case, *COMMON], tmp_path, ROSTER[case])


@pytest.mark.parametrize("case", corpus_files("clients"))
def test_bad_clients(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _place("clients", case, tmp_path, monkeypatch)
    assert_refused(["kpi", case, *KPI], tmp_path, CLIENTS[case])


@pytest.mark.parametrize("case", corpus_files("zrm"))
def test_bad_zrm(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _place("zrm", case, tmp_path, monkeypatch)
    assert_refused(["kpi", str(EXAMPLES / "clienten.csv"), "--zrm", case, *KPI], tmp_path, ZRM[case])


def test_every_corpus_file_has_an_expectation():
    assert set(corpus_files("roster")) == set(ROSTER)
    assert set(corpus_files("clients")) == set(CLIENTS)
    assert set(corpus_files("zrm")) == set(ZRM)
