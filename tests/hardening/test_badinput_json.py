"""Bad JSON inputs (tests/badinput/json/) through both JSON readers: ``opvang diff`` (a catalog export)
and ``opvang gap --baseline`` (an earlier gap report): located Dutch refusal, exit 2, no file.

Nesting deeper than Python's parser can follow and integers longer than Python converts used to end
in an "onverwachte fout"; they are input errors like any other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from tests.hardening.badinput_cli import CORPUS, FIXTURE_CATALOG, OUTPUT, Expect, assert_refused, corpus_files

JSON = {
    "deep-nesting.json": Expect("deep-nesting.json:1:97", "meer dan 64 niveaus diep genest"),
    "empty.json": Expect("empty.json:1:1", "ongeldige JSON: verwacht een waarde"),
    "huge-integer.json": Expect("huge-integer.json:2:14", "getal van meer dan 4000 cijfers"),
    "truncated.json": Expect("truncated.json:3:1", "ongeldige JSON"),
    "windows-1252.json": Expect("windows-1252.json:2", "geen geldige UTF-8"),
}
STRUCTURE = {  # valid JSON of the wrong shape: each reader says what it expected
    "list-at-top.json": ("geen catalogusexport", "baseline is geen gap-rapport"),
}


@pytest.mark.parametrize("case", sorted(JSON))
def test_bad_export_json_in_diff(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copy(CORPUS / "json" / case, tmp_path / case)
    monkeypatch.chdir(tmp_path)
    assert_refused(["diff", case, str(FIXTURE_CATALOG), "-o", OUTPUT], tmp_path, JSON[case])


@pytest.mark.parametrize("case", sorted(JSON))
def test_bad_baseline_json_in_gap(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copy(CORPUS / "json" / case, tmp_path / case)
    (tmp_path / "invulling.yaml").write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    monkeypatch.chdir(tmp_path)
    args = ["gap", "invulling.yaml", "--baseline", case, "--catalog", str(FIXTURE_CATALOG), "-o", OUTPUT]
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_refused(args, tmp_path, JSON[case])
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_json_of_the_wrong_shape(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from click.testing import CliRunner

    from generator.cli import main

    shutil.copy(CORPUS / "json" / case, tmp_path / case)
    (tmp_path / "invulling.yaml").write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    monkeypatch.chdir(tmp_path)
    diff = CliRunner().invoke(main, ["diff", case, str(FIXTURE_CATALOG)])
    gap = CliRunner().invoke(main, ["gap", "invulling.yaml", "--baseline", case, "--catalog", str(FIXTURE_CATALOG)])
    for result, phrase in zip((diff, gap), STRUCTURE[case], strict=True):
        assert result.exit_code == 2 and phrase in result.stderr, result.output


def test_every_corpus_file_has_an_expectation():
    assert set(corpus_files("json")) == set(JSON) | set(STRUCTURE)
