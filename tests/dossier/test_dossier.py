"""``opvang dossier``: KPI reports of two providers over three quarters (tests/dossier/kpi_files.py) combined
into trends, norms missed quarters in a row and a draft agenda; wrong combinations and files refused."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.dossier.analysis import ATTENTION, IMPROVED, PLAN, PROVISIONAL, build
from generator.dossier.reports import read_reports
from tests.dossier import kpi_files
from tests.dossier.kpi_files import A, B


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    return kpi_files.write_all(tmp_path)


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_dossier_over_two_providers_and_three_quarters(reports):
    dossier = build(read_reports(reports))
    assert dossier.providers == (A, B)
    assert dossier.periods == ("2027-Q1", "2027-Q2", "2027-Q3")
    # the outflow norm of A is missed in all three quarters: one current run; B missed it once (no run)
    assert [(r.kpi.requirement, r.provider, r.periods, r.current) for r in dossier.runs] == [
        ("NML-KPI-04", A, ("2027-Q1", "2027-Q2", "2027-Q3"), True)
    ]
    agenda = [(item.kind, item.provider, item.kpi.requirement if item.kpi else None) for item in dossier.agenda]
    assert agenda == [
        (IMPROVED, B, "NML-KPI-04"),  # 60% in Q2 -> 82% in Q3: met again
        (PLAN, A, "NML-KPI-04"),  # missed three quarters in a row
        (ATTENTION, B, "NML-KPI-02"),  # 50% in Q3, missed once
        (PROVISIONAL, A, "NML-KPI-02"),  # 90% with 2 cases still open: between 85% and 100%
    ]
    texts = {item.kind: item.text for item in dossier.agenda}
    assert texts[IMPROVED] == "weer binnen de norm: van 60% (2027-Q2) naar 82% (2027-Q3)"
    assert texts[PLAN] == (
        "norm niet gehaald in 2027-Q1 tot en met 2027-Q3 (3 perioden op rij; nu 78%, norm minimaal 80%): "
        "vraag om een verbeterplan"
    )
    assert texts[PROVISIONAL] == (
        "2027-Q3: voorlopig 90% (2 gevallen nog niet te beoordelen); de uitkomst ligt tussen 85% en 100%"
    )


def test_markdown_names_both_providers_marks_the_run_and_has_the_agenda(reports, tmp_path):
    out = tmp_path / "dossier.md"
    result = _run("dossier", *map(str, reports), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Dossier van 6 KPI-rapporten (2 aanbieders, 3 perioden, 4 agendapunten)" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Aanbieders: Stichting Anker, Stichting Baken." in text
    assert "## Concept-agenda voor het volgende accountgesprek" in text
    assert "### Waarvoor is een verbeterplan nodig (norm twee of meer perioden op rij niet gehaald)" in text
    assert "- Stichting Anker: NML-KPI-04 Duurzame uitstroom: norm niet gehaald in 2027-Q1 tot en met 2027-Q3" in text
    assert "| NML-KPI-04 | Duurzame uitstroom | Stichting Anker | 2027-Q1 t/m 2027-Q3 (3) | ja |" in text
    assert "| Stichting Anker | 70% ✘ | 75% ✘ | 78% ✘ |" in text
    assert "| Stichting Baken | 85% ✔ | 60% ✘ | 82% ✔ |" in text
    # provisional marked with its range; a suppressed cell shows no number; no data said so
    assert "| Stichting Anker | 100% ✔ | &lt;5 | 90%\\* (85%–100%) |" in text
    assert "| Stichting Baken | onvoldoende data | 100% ✔ | 50% ✘ |" in text
    assert text.count("<svg") == 2 and "norm 80%" in text


def test_html_and_xlsx(reports, tmp_path):
    html_out, xlsx_out = tmp_path / "d.html", tmp_path / "d.xlsx"
    assert _run("dossier", *map(str, reports), "--format", "html", "-o", str(html_out)).exit_code == 0
    page = html_out.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and "<script" not in page
        and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    )
    assert "Stichting Anker" in page and "Stichting Baken" in page and "verbeterplan" in page
    assert _run("dossier", *map(str, reports), "--format", "xlsx", "-o", str(xlsx_out)).exit_code == 0
    workbook = openpyxl.load_workbook(xlsx_out)
    assert workbook.sheetnames == ["Agenda", "Trend", "Op rij niet gehaald", "Grafieken"]
    assert workbook["Agenda"]["B2"].value == B and workbook["Op rij niet gehaald"]["C2"].value == A
    with zipfile.ZipFile(io.BytesIO(xlsx_out.read_bytes())) as archive:  # openpyxl does not read charts back
        assert sum(name.startswith("xl/charts/chart") for name in archive.namelist()) == 2
    # the same reports give the same bytes
    again = tmp_path / "e.xlsx"
    _run("dossier", *map(str, reversed(reports)), "--format", "xlsx", "-o", str(again))
    assert again.read_bytes() == xlsx_out.read_bytes()


def test_reports_of_different_tenders_are_refused(tmp_path):
    one = kpi_files.write(tmp_path, A, "2027-Q1")
    other = kpi_files.write(tmp_path, A, "2027-Q2", tender="amersfoort-mo-vo", name="amersfoort.json")
    out = tmp_path / "d.md"
    result = _run("dossier", str(one), str(other), "-o", str(out))
    assert result.exit_code == 2
    assert "de KPI-rapporten horen bij verschillende aanbestedingen" in result.output
    assert "amersfoort-mo-vo: " in result.output and "een dossier gaat over één aanbesteding" in result.output
    assert not out.exists()


def test_a_quarter_given_twice_for_one_provider_is_refused(tmp_path):
    one = kpi_files.write(tmp_path, A, "2027-Q1")
    twice = kpi_files.write(tmp_path, A, "2027-Q1", name="nogmaals.json")
    other_provider = kpi_files.write(tmp_path, B, "2027-Q1")
    assert _run("dossier", str(one), str(other_provider)).exit_code == 0
    result = _run("dossier", str(one), str(twice), str(other_provider))
    assert result.exit_code == 2
    assert "nogmaals.json: Stichting Anker over 2027-Q1 staat ook in" in result.output


def test_every_input_is_validated_against_the_schema_with_located_errors(tmp_path):
    good = kpi_files.write(tmp_path, A, "2027-Q1")
    data = kpi_files.report(B, "2027-Q1")
    data["kpis"][0]["overall"]["verdict"] = "slecht"
    del data["provider"]
    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").splitlines()
    verdict_line = next(n for n, line in enumerate(lines, 1) if '"slecht"' in line)
    out = tmp_path / "d.md"
    result = _run("dossier", str(good), str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert "fout.json:1:1: verplicht veld 'provider' ontbreekt" in result.output
    assert f"fout.json:{verdict_line}:" in result.output and "waarde 'slecht' is niet toegestaan" in result.output
    assert not out.exists()


def test_a_kpi_report_of_format_1_is_refused_with_the_reason(tmp_path):
    data = kpi_files.report(A, "2027-Q1")
    for key in ("format_version", "provider", "period"):
        del data[key]
    old = tmp_path / "oud.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    result = _run("dossier", str(old))
    assert result.exit_code == 1
    assert "verplicht veld 'format_version' ontbreekt" in result.output


def test_a_missing_report_and_missing_data_are_on_the_agenda(tmp_path):
    files = [kpi_files.write(tmp_path, A, q) for q in kpi_files.QUARTERS]
    files += [kpi_files.write(tmp_path, B, q) for q in ("2027-Q1", "2027-Q3")]  # B sent nothing over Q2
    dossier = build(read_reports(files))
    missing = [(i.provider, i.text) for i in dossier.agenda if i.kind == "ontbrekend"]
    assert (B, "geen KPI-rapport over 2027-Q2") in missing
    # B's outflow: 85% in Q1, no report in Q2, 82% in Q3: never missed, so nothing improved either
    assert not [i for i in dossier.agenda if i.kind == IMPROVED and i.provider == B]


def test_the_dossier_names_the_tender_by_its_title_when_the_reports_carry_it(reports, tmp_path):
    out = tmp_path / "zonder-titel.md"
    assert _run("dossier", *map(str, reports), "-o", str(out)).exit_code == 0
    untitled = out.read_text(encoding="utf-8").splitlines()[0]
    for path in reports:  # KPI reports made since tender_title was written carry the tender's title
        data = json.loads(path.read_text(encoding="utf-8"))
        data["tender_title"] = "Opvang <Noord> & Midden"
        path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "met-titel.md"
    assert _run("dossier", *map(str, reports), "-o", str(out)).exit_code == 0
    titled = out.read_text(encoding="utf-8").splitlines()[0]
    tender = json.loads(reports[0].read_text(encoding="utf-8"))["tender"]
    assert untitled == f"# Contractdossier {tender}"
    assert titled.startswith("# Contractdossier Opvang") and f"({tender})" in titled and "<Noord>" not in titled
