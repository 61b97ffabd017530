"""The contract's CSV rules (§2-3): delimiters, encodings, dates, headers; and what goes wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.diagnostics import InputError
from generator.tabular import Column, CsvSpec, choice, parse_date, parse_datetime, read_csv

SPEC = CsvSpec(
    "personeelsbestand",
    (
        Column("medewerker_id", True),
        Column("soort", True, choice("medewerker", "vrijwilliger")),
        Column("datum_in_dienst", True, parse_date),
        Column("vog_datum", False, parse_date),
        Column("team", False),
    ),
    unique="medewerker_id",
)


def write(tmp_path: Path, data: bytes, name: str = "personeel.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_csv(path, SPEC)
    return [p.format() for p in info.value.problems]


def test_semicolon_windows_1252_with_dutch_dates(tmp_path: Path):
    text = "Medewerker_ID;SOORT;datum_in_dienst;vog_datum;team\r\nM1;Medewerker;01-02-2026;15-01-2026;Venlo é\r\n"
    table = read_csv(write(tmp_path, text.encode("cp1252")), SPEC)
    assert table.rows == [("M1", "medewerker", dt.date(2026, 2, 1), dt.date(2026, 1, 15), "Venlo é")]
    assert table.lines == [2]


def test_comma_utf8_with_bom_and_optional_columns_missing(tmp_path: Path):
    text = "\ufeffmedewerker_id,soort,datum_in_dienst\nM1,vrijwilliger,2026-03-01\n\n"
    table = read_csv(write(tmp_path, text.encode("utf-8")), SPEC)
    assert table.rows == [("M1", "vrijwilliger", dt.date(2026, 3, 1), None, None)]
    assert table.present == frozenset({"medewerker_id", "soort", "datum_in_dienst"})


def test_located_problems(tmp_path: Path):
    text = (
        "medewerker_id;soort;datum_in_dienst;vog_datum\n"
        "M1;medewerker;31-02-2027;\n"
        "M2;chef;2026-01-01;\n"
        "M1;medewerker;2026-01-01;gisteren\n"
        "M3,medewerker,2026-01-01,\n"
    )
    found = problems(write(tmp_path, text.encode()))
    assert found == [
        f"{tmp_path}/personeel.csv:2:3: datum_in_dienst: '31-02-2027' is geen bestaande datum "
        "(dag 31 bestaat niet in maand 2)",
        f"{tmp_path}/personeel.csv:3:2: soort: 'chef' is geen geldige waarde; kies uit: medewerker, vrijwilliger",
        f"{tmp_path}/personeel.csv:4:4: vog_datum: 'gisteren' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ",
        f"{tmp_path}/personeel.csv:4:1: medewerker_id 'M1' staat al op regel 2; elk id mag één keer voorkomen",
        f"{tmp_path}/personeel.csv:5: regel heeft 1 velden maar de kopregel 4; controleer het scheidingsteken (, of ;) "
        "en de aanhalingstekens",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "bestand is leeg"),
        (b"medewerker_id;soort\nM1;medewerker\n", "verplichte kolom 'datum_in_dienst' ontbreekt"),
        (b"medewerker_id;soort;soort;datum_in_dienst\n", "kolom 'soort' staat twee keer in de kopregel"),
        (b"medewerker_id;naam;soort;datum_in_dienst\n", "kolom 'naam' bevat een naam"),
        (b"medewerker_id;BSN;soort;datum_in_dienst\n", "kolom 'BSN' bevat een burgerservicenummer"),
        (b"PK\x03\x04rest", "dit is een Excel-bestand"),
        (b'medewerker_id;soort;datum_in_dienst\n"M1;medewerker;2026-01-01\n', "geen geldige CSV"),
        (b"medewerker_id;soort;datum_in_dienst\nM1;medewerker;" + b"9" * 20_000 + b"\n", "langer dan"),
    ],
)
def test_unusable_files(tmp_path: Path, data: bytes, expected: str):
    found = problems(write(tmp_path, data))
    assert any(expected in p for p in found), found


def test_missing_file(tmp_path: Path):
    found = problems(tmp_path / "nergens.csv")
    assert found == [f"{tmp_path}/nergens.csv: personeelsbestand niet gevonden; controleer het pad"]


def test_datetimes():
    assert parse_datetime("2027-01-02 13:45") == dt.datetime(2027, 1, 2, 13, 45)
    assert parse_datetime("2027-01-02") == dt.datetime(2027, 1, 2)
    assert parse_datetime("02-01-2027 08:05") == dt.datetime(2027, 1, 2, 8, 5)
    with pytest.raises(ValueError):
        parse_datetime("2027-01-02 25:00")
