"""Every JSON output of opvang has a JSON Schema in the package, and the real outputs validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator import resources
from generator.cli import main
from tests.catalog_edits import edit_requirement, remove_requirement
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, REPO

EXAMPLES = REPO / "checklists" / "examples"
# The example provider's data as the Makefile target 'examples' passes them (DATA), on the same peildatum.
EXAMPLE_DATA = [
    *("--roster", str(EXAMPLES / "personeel.csv"), "--clients", str(EXAMPLES / "clienten.csv")),
    *("--zrm", str(EXAMPLES / "zrm.csv"), "--enquete", str(EXAMPLES / "scores.yaml")),
    *("--peildatum", "2025-12-31", "--catalog", str(REAL_CATALOG)),
]


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args), env={})
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _check(name: str, document: dict) -> None:
    schema = resources.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_the_export_follows_its_schema():
    _check("export", _json("export", "--format", "json", "--catalog", str(REAL_CATALOG)))


def test_validate_follows_its_schema_valid_or_not(catalog_copy: Path):
    _check("validate-report", _json("validate", "--format", "json", "--catalog", str(REAL_CATALOG)))
    (catalog_copy / "voorbeeld-opvang" / "vog.yaml").write_text("category: vog\nrequirements: [{id: X}]\n")
    broken = _json("validate", "--format", "json", "--catalog", str(catalog_copy))
    assert not broken["valid"] and broken["problems"]
    _check("validate-report", broken)


def test_lint_follows_its_schema():
    _check("lint-report", _json("lint", "--format", "json", "--catalog", str(REAL_CATALOG)))


def test_diff_follows_its_schema(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-02",
        text="Na melding wordt in 100% van de gevallen binnen 72 uur een plan opgesteld.",
        norms=[{"metric": "plan_binnen_termijn", "operator": "<=", "value": 72, "unit": "hours", "share": 100}],
    )
    document = _json("diff", str(FIXTURE_CATALOG), str(catalog_copy), "--format", "json")
    assert document["summary"]["changed"] == 1
    _check("diff-report", document)


@pytest.mark.parametrize(
    "schema", ["export", "validate-report", "lint-report", "diff-report", "kpi-report", "coverage", "gap-report"]
)
def test_every_json_output_has_a_shipped_schema(schema: str):
    assert schema in resources.schema_names()


# --- the gap report: one provider, several providers, stale answers, plans over time, progress -------


def _gap(*args: str) -> dict:
    return _json("gap", *args, "--format", "json")


def _filled(catalog: Path, path: Path, **answers: dict) -> Path:
    """The checklist of *catalog* as YAML, every requirement 'voldoet' with evidence unless *answers* says
    otherwise (keyword: the requirement id with underscores, value: the fields to set)."""
    result = CliRunner().invoke(main, ["checklist", "--catalog", str(catalog), "-o", str(path)], env={})
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet", evidence=f"Handboek {item['id']}", owner="Kwaliteit", target_date="2027-01-01")
        item.update(answers.get(item["id"].replace("-", "_"), {}))
    data["provider"] = "Stichting Test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_gap_report() -> dict:
    """The gap report of the example provider, as the site shows it (make examples)."""
    return _gap(str(EXAMPLES / "invulling-noord-midden-limburg-mo.yaml"), *EXAMPLE_DATA)


def test_the_gap_report_of_the_example_provider_follows_its_schema(example_gap_report: dict):
    assert example_gap_report["provider"] and example_gap_report["gaps"] and example_gap_report["bid_documents"]
    assert any(f for t in example_gap_report["tenders"] for r in t["requirements"] for f in r["findings"])
    _check("gap-report", example_gap_report)


def test_the_readiness_matrix_of_several_checklists_follows_the_gap_report_schema():
    filled = sorted(str(p) for p in EXAMPLES.glob("invulling-*.yaml"))
    assert len(filled) > 1
    document = _gap(*filled, *EXAMPLE_DATA)
    assert len(document["providers"]) == len(filled) and document["matrix"]["rows"]
    _check("gap-report", document)


def test_a_gap_report_with_a_stale_answer_follows_its_schema(catalog_copy: Path, tmp_path: Path):
    filled = _filled(catalog_copy, tmp_path / "ingevuld.yaml")
    edit_requirement(  # text and norm both change: from 3 to 4 months
        catalog_copy,
        "kpi",
        "VBO-KPI-03",
        text="Voor acuut daklozen wordt de opvangduur van 4 maanden in 80% van de gevallen gehaald.",
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
    document = _gap(str(filled), "--catalog", str(catalog_copy), "--peildatum", "2026-06-01")
    stale = [r for r in document["tenders"][0]["requirements"] if r["status"] == "verouderd"]
    assert [r["id"] for r in stale] == ["VBO-KPI-03"]
    assert stale[0]["change"]["text_diff"] and stale[0]["change"]["norms"]
    assert document["gaps"][0]["group"] == "verouderd"
    _check("gap-report", document)


def test_a_gap_report_with_a_plan_over_time_follows_its_schema(tmp_path: Path):
    filled = _filled(
        FIXTURE_CATALOG,
        tmp_path / "ingevuld.yaml",
        VBO_STA_01={"status": "gepland", "evidence": "", "target_date": "2026-03-01"},
        VBO_STA_02={"status": "gelijkwaardig", "explanation": "Teamleider met niveau 5 op afroep"},
        VBO_VOG_01={"evidence_valid_until": "2026-09-01"},  # expires before the contract starts
        VBO_REP_01={"evidence_valid_until": "2026-01-01"},  # expired on the peildatum
        VBO_KPI_04={"status": "voldoet deels", "target_date": ""},
    )
    document = _gap(str(filled), "--catalog", str(FIXTURE_CATALOG), "--peildatum", "2026-06-01")
    assert document["gaps"][0]["group"] == "over_tijd" and document["gaps"][0]["id"] == "VBO-STA-01"
    assert document["equivalents"] == ["VBO-STA-02"]
    assert {e["flag"] for e in document["expiring_evidence"]} == {"verlopen", "verloopt_voor_start"}
    assert "wens" in {g["group"] for g in document["gaps"]}
    _check("gap-report", document)


def test_a_gap_report_with_progress_since_a_baseline_follows_its_schema(catalog_copy: Path, tmp_path: Path):
    no = {"status": "voldoet niet", "evidence": ""}
    old = _filled(catalog_copy, tmp_path / "oud.yaml", VBO_STA_01=no, VBO_REP_01=no, VBO_KPI_01=no)
    baseline = tmp_path / "oud.json"
    baseline.write_text(json.dumps(_gap(str(old), "--catalog", str(catalog_copy))), encoding="utf-8")
    remove_requirement(catalog_copy, "reporting", "VBO-REP-01")  # a resolved gap whose requirement is gone
    new = _filled(catalog_copy, tmp_path / "nieuw.yaml", VBO_KPI_01=no, VBO_STA_02={"status": "voldoet deels"})
    document = _gap(str(new), "--catalog", str(catalog_copy), "--baseline", str(baseline))
    progress = document["progress"]
    assert {r["id"]: r["status"] for r in progress["resolved"]} == {"VBO-REP-01": "", "VBO-STA-01": "voldoet"}
    assert progress["new"] == ["VBO-STA-02"] and progress["remaining"] == ["VBO-KPI-01"]
    _check("gap-report", document)


@pytest.mark.parametrize(
    "path, value",
    [
        (("tenders", 0, "requirements", 0, "status"), "misschien"),  # not a report status
        (("gaps", 0, "group"), "later"),  # not a gap group
        (("gaps", 0, "status"), "voldoet"),  # what is met is never a gap
        (("tenders", 0, "summary", "counts", "misschien"), 1),  # counts per known status only
        (("peildatum",), "31-12-2025"),  # dates as JJJJ-MM-DD
    ],
)
def test_the_gap_report_schema_refuses_what_opvang_never_writes(example_gap_report: dict, path: tuple, value):
    document = json.loads(json.dumps(example_gap_report))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        _check("gap-report", document)
