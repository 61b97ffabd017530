"""Bad survey files (``scores.yaml``, tests/badinput/survey/) through ``opvang kpi --enquete``.

The survey is read the catalog's safe way: no aliases ("billion laughs"), no duplicate keys, no
Python tags, dates that do not exist reported instead of crashing the YAML parser, and values quoted
in a message shortened.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hardening.badinput_cli import (
    CORPUS,
    EXAMPLES,
    FIXTURE_CATALOG,
    OUTPUT,
    Expect,
    assert_refused,
    corpus_files,
)

KPI = ["--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31", "-o", OUTPUT]

SURVEY = {
    "billion-laughs.yaml": Expect("billion-laughs.yaml:3:8", "ankers en aliassen"),
    "bom-with-error.yaml": Expect("bom-with-error.yaml:3:13", "'buurtoordeel' is geen geldige waarde"),
    "duplicate-key.yaml": Expect("duplicate-key.yaml:6:5", "sleutel 'gemiddelde' staat twee keer"),
    "deep-nesting.yaml": Expect("deep-nesting.yaml:2:75", "meer dan 64 niveaus diep genest"),
    "dutch-date.yaml": Expect("dutch-date.yaml:4:12", "'31-02-2027' heeft niet de vorm JJJJ-MM-DD"),
    "empty.yaml": Expect("empty.yaml:1:1", "bestand is leeg"),
    "huge-field.yaml": Expect("huge-field.yaml:7:18", "tekst is langer dan 10000 tekens"),
    "huge-integer.yaml": Expect("huge-integer.yaml:6:19", "getal van meer dan 4000 cijfers"),
    "list-at-top.yaml": Expect("list-at-top.yaml:1:1", "moet een tabel zijn"),
    "mark-out-of-range.yaml": Expect("mark-out-of-range.yaml:5:17", "11 is te groot; maximaal 10"),
    "mean-and-percentage.yaml": Expect("mean-and-percentage.yaml:3:5", "geef precies één van 'gemiddelde'"),
    "nonexistent-date.yaml": Expect("nonexistent-date.yaml:4:12", "'2027-02-31' is geen bestaande datum"),
    "not-a-number.yaml": Expect("not-a-number.yaml:5:17", "gemiddelde moet een eindig getal zijn"),
    "only-comment.yaml": Expect("only-comment.yaml:1:1", "bestand is leeg"),
    "python-tag.yaml": Expect("python-tag.yaml:1:12", "moet een tekst zijn"),  # not run: no file "gehackt"
    "truncated.yaml": Expect("truncated.yaml:5:17", "lijst tussen [ ] is niet afgesloten"),
    "unknown-field.yaml": Expect("unknown-field.yaml:3:5", "onbekend veld"),
    "windows-1252.yaml": Expect("windows-1252.yaml:1", "geen geldige UTF-8"),
    "wrong-types.yaml": Expect("wrong-types.yaml:5:17", "'zeven' moet een getal zijn"),
    "year-out-of-range.yaml": Expect("year-out-of-range.yaml:4:12", "buiten de jaren 1900 tot en met 2200"),
}


@pytest.mark.parametrize("case", corpus_files("survey"))
def test_bad_survey(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copy(CORPUS / "survey" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    result = assert_refused(["kpi", str(EXAMPLES / "clienten.csv"), "--enquete", case, *KPI], tmp_path, SURVEY[case])
    assert max(len(line) for line in result.stderr.splitlines()) < 400, "melding herhaalt een enorme waarde"


def test_every_corpus_file_has_an_expectation():
    assert set(corpus_files("survey")) == set(SURVEY)
