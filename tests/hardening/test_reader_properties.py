"""Property tests: whatever bytes a person feeds the readers, they answer with data or a located
Dutch problem, never with a Python exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog.numbers import numbers_in
from generator.catalog.yamlsource import parse_yaml, read_yaml
from generator.diagnostics import InputError
from generator.privacy import find_personal_data
from generator.tabular import Column, CsvSpec, choice, iter_csv, parse_date, parse_datetime, parse_number, parse_yes_no

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAML_ALPHABET = st.sampled_from(list("abc:- \n\t[]{}&*!|>'\"#%@`,?0123456789.~<=\\ëé"))
SPEC = CsvSpec(
    "testbestand",
    (
        Column("id", True),
        Column("datum", True, parse_date),
        Column("tijd", False, parse_datetime),
        Column("ja", False, parse_yes_no),
        Column("getal", False, parse_number),
        Column("soort", False, choice("a", "b")),
    ),
    unique="id",
)


@SETTINGS
@given(st.text(YAML_ALPHABET, max_size=200))
def test_yaml_text_never_crashes(text: str):
    try:
        located = parse_yaml(text, "x.yaml")
    except InputError as exc:
        assert all(p.file == "x.yaml" and p.message for p in exc.problems)
    else:
        located.where(("a", 0, "b"))  # looking up any path is safe


@SETTINGS
@given(st.binary(max_size=300))
def test_yaml_bytes_never_crash(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        try:
            read_yaml(path)
        except InputError as exc:
            assert exc.problems


CSV_ALPHABET = st.sampled_from(list("id,datum;tijd ja getal soort\n\r\"'0123456789-: abnejtx\t\ufeff"))


@SETTINGS
@given(st.text(CSV_ALPHABET, max_size=300))
def test_csv_text_never_crashes(text: str):
    _read_csv_bytes(text.encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=300))
def test_csv_bytes_never_crash(data: bytes):
    _read_csv_bytes(b"id;datum\n" + data)


def _read_csv_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.csv"
        path.write_bytes(data)
        try:
            for line, row in iter_csv(path, SPEC):
                assert line >= 2 and len(row) == len(SPEC.columns)
        except InputError as exc:
            assert exc.problems and all(p.message for p in exc.problems)


@SETTINGS
@given(st.text(max_size=200))
def test_number_and_privacy_scanners_never_crash(text: str):
    numbers_in(text)
    find_personal_data(text)
