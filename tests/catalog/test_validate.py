"""`opvang validate`: passes on good catalogs, fails located and with exit 1 on each kind of breakage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG

LOCATED = re.compile(r"^(?P<file>[^:\n]+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$", re.MULTILINE)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_fixture_catalog_is_valid():
    result = run("validate", str(FIXTURE_CATALOG))
    assert result.exit_code == 0, result.output
    assert "Catalogus geldig: 1 aanbestedingen, 9 eisen" in result.output


def test_real_catalog_is_valid():
    result = run("validate", str(REAL_CATALOG))
    assert result.exit_code == 0, result.output


def test_single_tender_folder_can_be_validated():
    result = run("validate", str(FIXTURE_CATALOG / "voorbeeld-opvang"))
    assert result.exit_code == 0, result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# Each case: file to edit, text to replace, replacement, the line marker to expect, a word of the message.
BROKEN = {
    "bad-yaml": (
        "kpi.yaml",
        "    title: Duurzame uitstroom",
        "    title: [Duurzame uitstroom",
        "title: [Duurzame",
        "YAML",
    ),
    "schema-unknown-obligation": ("kpi.yaml", "obligation: wens", "obligation: misschien", "misschien", "kies uit"),
    "schema-missing-field": ("kpi.yaml", "    title: Plan binnen 48 uur\n", "", "id: VBO-KPI-02", "'title' ontbreekt"),
    "schema-unknown-field": (
        "kpi.yaml",
        "    obligation: eis\n    title: Duurzame",
        "    obligation: eis\n    prio: hoog\n    title: Duurzame",
        "prio: hoog",
        "onbekend veld 'prio'",
    ),
    "duplicate-id": (
        "kpi.yaml",
        "id: VBO-KPI-02",
        "id: VBO-KPI-01",
        "id: VBO-KPI-01\n    obligation: eis\n    title: Plan",
        "bestaat al",
    ),
    "unknown-reference": (
        "kpi.yaml",
        "related: [VBO-KPI-01]",
        "related: [VBO-KPI-99]",
        "VBO-KPI-99",
        "onbekende eis 'VBO-KPI-99'",
    ),
    "unknown-unit": ("kpi.yaml", "value: 48, unit: hours", "value: 48, unit: uren", "unit: uren", "kies uit"),
    "unit-not-for-metric": (
        "kpi.yaml",
        'value: 80, unit: "%"}',
        "value: 80, unit: days}",
        "value: 80, unit: days",
        "past niet bij metric",
    ),
    "unknown-metric": (
        "kpi.yaml",
        "metric: duurzame_uitstroom",
        "metric: duurzaamheid",
        "duurzaamheid",
        "onbekende metric",
    ),
    "unknown-operator": ("kpi.yaml", 'operator: ">=", value: 80', 'operator: "=>", value: 80', '"=>"', "kies uit"),
    "phone-number": (
        "kpi.yaml",
        "door opdrachtnemer.",
        "door opdrachtnemer (bel 06-12345678).",
        "06-12345678",
        "telefoonnummer",
    ),
    "email-of-person": ("kpi.yaml", "door opdrachtnemer.", "door j.jansen@gemeente.nl.", "j.jansen@", "e-mailadres"),
    "bsn": ("kpi.yaml", "stroomt duurzaam uit.", "stroomt duurzaam uit (111222333).", "111222333", "BSN"),
    "phone-in-budget-label": (
        "tender.yaml",
        "label: Maximaal budget per jaar,",
        "label: Maximaal budget per jaar (vragen 0318-123456),",
        "0318-123456",
        "telefoonnummer",
    ),
    "email-in-source-section": (
        "kpi.yaml",
        """section: "3 KPI's"}""",
        """section: "3 KPI's, p.devries@gemeente.nl"}""",
        "p.devries@",
        "e-mailadres",
    ),
    "unreal-date": ("tender.yaml", 'start: "2027-01-01"', 'start: "2027-02-31"', "2027-02-31", "geen bestaande datum"),
    "id-wrong-category": ("kpi.yaml", "id: VBO-KPI-02", "id: VBO-TIM-02", "VBO-TIM-02", "hoort bij categorie kpi"),
    "number-not-in-text": (
        "kpi.yaml",
        "value: 48, unit: hours",
        "value: 36, unit: hours",
        "value: 36",
        "36 staat niet in de tekst",
    ),
    "alias-bomb": (
        "kpi.yaml",
        "category: kpi\n",
        "category: kpi\nx: &a [1, 1]\ny: [*a, *a, *a]\n",
        "y: [*a",
        "ankers en aliassen",
    ),
    "duplicate-key": (
        "kpi.yaml",
        "    title: Duurzame uitstroom\n",
        "    title: Duurzame uitstroom\n    title: Nog eens\n",
        "title: Nog eens",
        "twee keer",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_catalog_fails_with_located_message(case: str, catalog_copy: Path):
    name, old, new, marker, word = BROKEN[case]
    path = catalog_copy / "voorbeeld-opvang" / name
    _edit(path, old, new)
    result = run("validate", str(catalog_copy))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    located = [m for m in LOCATED.finditer(result.output) if m.group("file").endswith(name)]
    assert located, result.output
    expected_line = _line_of(path, marker.split("\n")[0]) if "\n" not in marker else None
    hits = [m for m in located if word.lower() in m.group("msg").lower()]
    assert hits, f"no message containing {word!r}:\n{result.output}"
    if expected_line is not None:
        assert any(int(m.group("line")) == expected_line for m in hits), result.output


def test_json_format_for_machines(catalog_copy: Path):
    _edit(catalog_copy / "voorbeeld-opvang" / "kpi.yaml", "related: [VBO-KPI-01]", "related: [VBO-KPI-99]")
    result = run("validate", str(catalog_copy), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    problem = report["problems"][0]
    assert problem["file"].endswith("kpi.yaml") and problem["line"] > 0 and problem["column"] > 0
    assert problem["path"] == "$.requirements[2].related[0]"
    assert problem["rule"] == "REF"


def test_missing_path_is_a_usage_error(tmp_path: Path):
    result = run("validate", str(tmp_path / "bestaat-niet"))
    assert result.exit_code == 2
    assert "niet gevonden" in result.output
    assert "Traceback" not in result.output


def test_empty_and_binary_files(catalog_copy: Path):
    (catalog_copy / "voorbeeld-opvang" / "finance.yaml").write_bytes(b"")
    (catalog_copy / "voorbeeld-opvang" / "safety.yaml").write_bytes(b"\xff\xfe\x00bad")
    result = run("validate", str(catalog_copy))
    assert result.exit_code == 1
    assert "finance.yaml:1:1: bestand is leeg" in result.output
    assert "safety.yaml:1: bestand is geen geldige UTF-8" in result.output


def test_duplicate_id_across_tenders_and_parallel_loading_agree(tmp_path: Path, monkeypatch):
    """Large catalogs load in worker processes; the problems found must be the same as loading serially."""
    from benchmarks.synthetic_catalog import generate
    from generator.catalog import load

    root = generate(tmp_path / "syn", tenders=4, requirements=20)
    second = sorted(p for p in root.iterdir() if p.is_dir())[1]
    code = (second / "tender.yaml").read_text(encoding="utf-8").split("code: ")[1].split()[0]
    first_code = (
        (sorted(p for p in root.iterdir() if p.is_dir())[0] / "tender.yaml").read_text().split("code: ")[1].split()[0]
    )
    path = second / "kpi.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"{code}-KPI-001", f"{first_code}-KPI-001"), encoding="utf-8"
    )
    serial = load.check_catalog(root)[1]
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    parallel = load.check_catalog(root)[1]
    assert parallel == serial
    messages = [p.message for p in serial]
    assert any(f"id '{first_code}-KPI-001' bestaat al" in m for m in messages), messages
