"""'Nabij de gemeente van herkomst': same municipality or subregion, shown as an approximation everywhere,
and in the assessment beside the provider's own statement, never instead of it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.assess.checklist import Entry
from generator.assess.evaluate import MEETS_STATUS, UNPROVEN, evaluate_requirement
from generator.assess.findings import TO_SUBSTANTIATE
from generator.assess.kpi_checks import kpi_findings
from generator.catalog.load import load_catalog
from generator.cli import main
from generator.kpi.clients import read_clients
from generator.kpi.engine import evaluate

from .conftest import FULL_HEADER, PEIL, extended_catalog, full_row, write_clients

HF = {"doelgroep": "housing-first"}


def _rows():
    # Origin Horst aan de Maas, sheltered in Venlo: same subregion (Noord), not the same municipality.
    rows = [
        full_row(f"N{i}", "2027-03-01 08:00", **HF, gemeente_herkomst="Horst aan de Maas", gemeente_opvang="Venlo")
        for i in range(3)
    ]
    # Origin Venlo, sheltered in Roermond: another subregion (Midden).
    rows += [full_row(f"M{i}", "2027-03-01 08:00", **HF, gemeente_opvang="Roermond") for i in range(2)]
    # Origin and shelter Weert (Midden): the same municipality.
    rows += [full_row("W0", "2027-03-01 08:00", **HF, gemeente_herkomst="Weert", gemeente_opvang="weert")]
    return rows


def test_same_subregion_when_the_tender_lists_subregions(tmp_path):
    regs = read_clients(write_clients(tmp_path / "c.csv", _rows(), header=FULL_HEADER))
    for subregions, expected in ((False, (1, 6)), (True, (4, 6))):
        catalog = load_catalog(extended_catalog(tmp_path / str(subregions), subregions=subregions))
        result = next(
            r
            for r in evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1).results
            if r.requirement.id == "VBO-KPI-11"
        )
        # Without subregions only Weert counts (1 of 6); with them also the 3 of Noord (4 of 6).
        assert (result.overall.numerator, result.overall.denominator) == expected
        assert result.approximation and "subregio" in result.approximation
        assert result.title == "Opvang nabij gemeente van herkomst (benadering)"


def test_every_report_shows_the_approximation(tmp_path):
    catalog = extended_catalog(tmp_path)
    clients = write_clients(tmp_path / "c.csv", _rows(), header=FULL_HEADER)
    args = ["--tender", "voorbeeld-opvang", "--catalog", str(catalog), "--min-cel", "1"]
    for command, fmt in (("kpi", "md"), ("kpi", "html"), ("kpi", "json"), ("kwartaalrapportage", "md")):
        out = tmp_path / f"{command}.{fmt}"
        result = CliRunner().invoke(main, [command, str(clients), *args, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            entry = next(k for k in json.loads(text)["kpis"] if k["requirement"] == "VBO-KPI-11")
            assert "dezelfde gemeente" in entry["approximation"]
        else:
            assert "(benadering)" in text and "benadering: " in text and "dezelfde gemeente" in text


def test_assessment_shows_the_approximation_beside_the_statement(tmp_path):
    catalog = load_catalog(extended_catalog(tmp_path))
    clients = write_clients(tmp_path / "c.csv", _rows(), header=FULL_HEADER)
    findings = [f for f in kpi_findings(catalog, ["voorbeeld-opvang"], clients, None, None, PEIL)]
    nabij = next(f for f in findings if f.requirement_id == "VBO-KPI-11")
    assert nabij.approximate and nabij.verdict == "voldoet_niet"  # 1 of 6 < 60% on "the same municipality"
    requirement = catalog.requirement("VBO-KPI-11")
    declared = Entry("VBO-KPI-11", "voldoet", evidence="Plaatsingsbeleid regionale spreiding")
    evaluation = evaluate_requirement(requirement, declared, [nabij])
    # The provider's own "voldoet" stands; the computation is beside it, to be substantiated.
    assert evaluation.status == MEETS_STATUS
    assert "te onderbouwen" in evaluation.reason
    assert [f.verdict for f in evaluation.findings] == [TO_SUBSTANTIATE]
    # Without evidence the statement stays unproven: an approximation neither confirms nor fails it.
    assert evaluate_requirement(requirement, Entry("VBO-KPI-11", "voldoet"), [nabij]).status == UNPROVEN
    # A non-approximate failing finding still overrides (unchanged behaviour).
    plan = next(f for f in findings if f.requirement_id == "VBO-KPI-20")
    assert not plan.approximate
