"""The commands checklist, assess and gap: outputs, exit codes, bad input (located Dutch errors, no file)."""

from __future__ import annotations

import json

import openpyxl
import pytest
import yaml

from generator.assess.checklist import render_yaml
from generator.assess.findings import FAILS, MEETS, Finding
from generator.cli import main
from tests.assess.assess_helpers import EXAMPLES, FIXTURE_CATALOG, LIMBURG_ROSTER, NML, REAL_CATALOG, write_roster

FIX = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2026-06-01"]


def _filled_yaml(catalog, path, **statuses):
    data = yaml.safe_load(render_yaml(list(catalog.tenders)))
    for item in data["tenders"][0]["requirements"]:
        status, evidence = statuses.get(item["id"].replace("-", "_"), ("voldoet", "Handboek"))
        item.update(status=status, evidence=evidence, owner="Kwaliteit", target_date="2027-01-01")
    data["provider"] = "Stichting Test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_all_met_is_ready_and_passes_fail_on(runner, fixture_catalog, tmp_path):
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml")
    out = tmp_path / "gap.json"
    result = runner.invoke(main, ["gap", str(filled), *FIX, "--format", "json", "-o", str(out), "--fail-on", "wens"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["ready"] is True and report["tenders"][0]["knockout_pass"] is True
    assert report["gaps"] == []


def test_status_mapping_ordering_and_fail_on(runner, fixture_catalog, tmp_path):
    filled = _filled_yaml(
        fixture_catalog,
        tmp_path / "f.yaml",
        VBO_STA_01=("voldoet", ""),  # eis without evidence: unproven
        VBO_STA_02=("voldoet deels", "Concept"),
        VBO_KPI_01=("voldoet niet", ""),
        VBO_KPI_02=("gepland", ""),
        VBO_KPI_03=("n.v.t.", ""),
        VBO_KPI_04=("", ""),  # wens, not filled in
        VBO_REP_02=("", ""),  # info: never a gap
    )
    out = tmp_path / "gap.json"
    result = runner.invoke(main, ["gap", str(filled), *FIX, "--format", "json", "-o", str(out), "--fail-on", "eis"])
    assert result.exit_code == 1
    report = json.loads(out.read_text())
    status = {r["id"]: r["status"] for r in report["tenders"][0]["requirements"]}
    assert status == {
        "VBO-STA-01": "onbewezen",
        "VBO-STA-02": "deels",
        "VBO-VOG-01": "voldoet",
        "VBO-KPI-01": "voldoet_niet",
        "VBO-KPI-02": "onbekend",
        "VBO-KPI-03": "nvt",
        "VBO-KPI-04": "onbekend",
        "VBO-REP-01": "voldoet",
        "VBO-REP-02": "onbekend",
    }
    assert [(g["id"], g["group"]) for g in report["gaps"]] == [
        ("VBO-KPI-01", "knockout"),
        ("VBO-KPI-02", "knockout"),
        ("VBO-STA-02", "deels"),
        ("VBO-STA-01", "onbewezen"),
        ("VBO-KPI-04", "wens"),
    ]
    unproven = next(g for g in report["gaps"] if g["id"] == "VBO-STA-01")
    assert unproven["actions"][0].startswith("Voeg bewijs toe")
    assert report["tenders"][0]["knockout_pass"] is False
    assert report["tenders"][0]["summary"]["counts"]["voldoet"] == 2  # info not counted


def test_roster_overrides_declaration_and_names_the_employee(runner, nml_catalog, tmp_path):
    data = yaml.safe_load(render_yaml(list(nml_catalog.tenders)))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet", evidence="Personeelsbeleid", owner="HR")
    filled = tmp_path / "nml.yaml"
    filled.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "gap.md"
    result = runner.invoke(
        main,
        [
            "gap",
            str(filled),
            "--catalog",
            str(NML),
            "--roster",
            str(LIMBURG_ROSTER),
            "--peildatum",
            "2026-06-01",
            "-o",
            str(out),
            "--fail-on",
            "eis",
        ],
    )
    assert result.exit_code == 1, result.output
    text = out.read_text()
    assert "Vraag een nieuwe VOG aan voor M03" in text and "Vraag een nieuwe VOG aan voor M04" in text
    assert "M05: werkt zonder toezichthouder" in text
    assert "M06" not in text


def test_html_is_self_contained_and_escaped(runner, fixture_catalog, tmp_path):
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml", VBO_STA_01=("voldoet niet", "<script>x</script>"))
    out = tmp_path / "gap.html"
    assert runner.invoke(main, ["gap", str(filled), *FIX, "--format", "html", "-o", str(out)]).exit_code == 0
    page = out.read_text()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_xlsx_and_md_outputs_are_deterministic(runner, fixture_catalog, tmp_path):
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml", VBO_STA_01=("voldoet niet", ""))
    for fmt in ("xlsx", "md", "json", "html"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for target in (a, b):
            assert runner.invoke(main, ["gap", str(filled), *FIX, "--format", fmt, "-o", str(target)]).exit_code == 0
        assert a.read_bytes() == b.read_bytes()
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["Samenvatting", "Gaps"]


def test_baseline_shows_progress(runner, fixture_catalog, tmp_path):
    old = _filled_yaml(fixture_catalog, tmp_path / "old.yaml", VBO_STA_01=("voldoet niet", ""), VBO_STA_02=("", ""))
    old_json = tmp_path / "old.json"
    assert runner.invoke(main, ["gap", str(old), *FIX, "--format", "json", "-o", str(old_json)]).exit_code == 0
    new = _filled_yaml(fixture_catalog, tmp_path / "new.yaml", VBO_STA_02=("", ""), VBO_REP_01=("voldoet deels", "x"))
    for baseline in (old_json, old):
        out = tmp_path / "progress.json"
        result = runner.invoke(
            main, ["gap", str(new), *FIX, "--format", "json", "-o", str(out), "--baseline", str(baseline)]
        )
        assert result.exit_code == 0, result.output
        progress = json.loads(out.read_text())["progress"]
        assert [r["id"] for r in progress["resolved"]] == ["VBO-STA-01"]
        assert progress["new"] == ["VBO-REP-01"]
        assert progress["remaining"] == ["VBO-STA-02"]


def test_several_providers_give_a_matrix(runner, fixture_catalog, tmp_path):
    a = _filled_yaml(fixture_catalog, tmp_path / "a.yaml")
    b = _filled_yaml(fixture_catalog, tmp_path / "b.yaml", VBO_STA_01=("voldoet niet", ""))
    data = yaml.safe_load(b.read_text())
    data["provider"] = "Stichting B"
    b.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "m.json"
    assert runner.invoke(main, ["gap", str(a), str(b), *FIX, "--format", "json", "-o", str(out)]).exit_code == 0
    matrix = json.loads(out.read_text())["matrix"]
    cells = {row["provider"]: row["tenders"]["voorbeeld-opvang"]["knockout_pass"] for row in matrix["rows"]}
    assert cells == {"Stichting Test": True, "Stichting B": False}
    md = tmp_path / "m.md"
    assert runner.invoke(main, ["gap", str(a), str(b), *FIX, "-o", str(md)]).exit_code == 0
    assert md.read_text().startswith("# Gereedheid per aanbieder en aanbesteding")


def test_clients_the_engine_cannot_judge_are_reported_unknown(runner, fixture_catalog, tmp_path, monkeypatch):
    monkeypatch.setattr("generator.assess.kpi_checks.kpi_findings", lambda *args: [])
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml")
    clients = tmp_path / "clienten.csv"
    clients.write_text("client_id\n", encoding="utf-8")
    out = tmp_path / "gap.json"
    result = runner.invoke(
        main, ["gap", str(filled), *FIX, "--clients", str(clients), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    reqs = {r["id"]: r for r in json.loads(out.read_text())["tenders"][0]["requirements"]}
    for rid in ("VBO-KPI-01", "VBO-KPI-02", "VBO-KPI-03", "VBO-KPI-04"):
        assert [f["verdict"] for f in reqs[rid]["findings"]] == ["onbekend"]
        assert "niet gecontroleerd" in reqs[rid]["findings"][0]["message"]
    assert reqs["VBO-REP-01"]["findings"] == []


def test_clients_with_kpi_engine_override(runner, fixture_catalog, tmp_path, monkeypatch):
    calls = []

    def kpi_findings(catalog, tender_ids, clients, zrm, survey, peildatum):
        calls.append((tender_ids, peildatum))
        return [
            Finding(
                "VBO-KPI-01",
                "clients",
                FAILS,
                "Duurzame uitstroom 62% (minimaal 80%)",
                "duurzame_uitstroom",
                "duurzame_uitstroom",
            ),
            Finding(
                "VBO-KPI-02", "clients", MEETS, "Plan binnen 48 uur: 100%", "plan_binnen_termijn", "plan_binnen_termijn"
            ),
        ]

    monkeypatch.setattr("generator.assess.kpi_checks.kpi_findings", kpi_findings)
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml", VBO_KPI_02=("", ""))
    clients = tmp_path / "clienten.csv"
    clients.write_text("client_id\n", encoding="utf-8")
    out = tmp_path / "gap.json"
    result = runner.invoke(
        main, ["gap", str(filled), *FIX, "--clients", str(clients), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    status = {r["id"]: r["status"] for r in json.loads(out.read_text())["tenders"][0]["requirements"]}
    assert status["VBO-KPI-01"] == "voldoet_niet"
    assert status["VBO-KPI-02"] == "voldoet"  # established from the data
    assert status["VBO-KPI-03"] == "voldoet"  # not judged: declaration stands, with an 'onbekend' finding
    assert calls and calls[0][0] == ["voorbeeld-opvang"]


def test_assess_text_output(runner, fixture_catalog, tmp_path):
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml")
    result = runner.invoke(main, ["assess", str(filled), *FIX])
    assert result.exit_code == 0
    assert "Klaar voor inschrijving" in result.output


def test_checklist_formats_and_unknown_tender(runner, tmp_path):
    for fmt in ("yaml", "md"):
        result = runner.invoke(main, ["checklist", "VBO", "--catalog", str(FIXTURE_CATALOG), "--format", fmt])
        assert result.exit_code == 0 and "VBO-STA-01" in result.output
    result = runner.invoke(
        main, ["checklist", "onbekend", "--catalog", str(FIXTURE_CATALOG), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 2 and "onbekende aanbesteding" in result.output
    assert not (tmp_path / "x.xlsx").exists()


# --- bad input: located Dutch error, exit 2, no output file ---------------------------------------


def _xlsx_with(tmp_path, runner, edit):
    template = tmp_path / "t.xlsx"
    assert runner.invoke(main, ["checklist", "--catalog", str(FIXTURE_CATALOG), "-o", str(template)]).exit_code == 0
    wb = openpyxl.load_workbook(template)
    edit(wb["voorbeeld-opvang"])
    path = tmp_path / "invulling.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s.cell(3, 7, "ja"), "invulling.xlsx:voorbeeld-opvang!G3: onbekende status 'ja'; kies uit: voldoet"),
        (lambda s: s.cell(4, 1, "VBO-XXX-99"), "invulling.xlsx:voorbeeld-opvang!A4: onbekende eis-id 'VBO-XXX-99'"),
        (
            lambda s: s.cell(2, 12, "31-02-2027"),
            "invulling.xlsx:voorbeeld-opvang!L2: streefdatum: '31-02-2027' is geen",
        ),
        (
            lambda s: s.cell(3, 1, "VBO-STA-01"),
            "invulling.xlsx:voorbeeld-opvang!A3: eis-id 'VBO-STA-01' staat twee keer",
        ),
    ],
)
def test_bad_xlsx_is_located(runner, tmp_path, monkeypatch, edit, expected):
    path = _xlsx_with(tmp_path, runner, edit)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "gap.md"
    result = runner.invoke(main, ["gap", "invulling.xlsx", *FIX, "-o", str(out)])
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert path.exists()


def test_bad_yaml_is_located(runner, tmp_path, monkeypatch, fixture_catalog):
    monkeypatch.chdir(tmp_path)
    good = render_yaml(list(fixture_catalog.tenders)).decode()
    bad = good.replace("status: ''", "status: misschien", 1)
    (tmp_path / "f.yaml").write_text(bad, encoding="utf-8")
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if "misschien" in text)
    result = runner.invoke(main, ["assess", "f.yaml", *FIX, "-o", "uit.json", "--format", "json"])
    assert result.exit_code == 2
    assert f"f.yaml:{line}:13: onbekende status 'misschien'" in result.output
    assert not (tmp_path / "uit.json").exists()


@pytest.mark.parametrize(
    ("rows", "header", "encoding", "expected"),
    [
        (
            ["A,medewerker,x,hbo"],
            "medewerker_id,soort,functie,niveau",
            "utf-8",
            "p.csv:1: verplichte kolom 'datum_in_dienst'",
        ),
        (["A,medewerker,x,hbo,,,2024-13-01,,,,X"], None, "utf-8", "p.csv:2:7: datum_in_dienst: '2024-13-01'"),
        (["A;medewerker;coördinator;hbo;;;01-02-2024;;gisteren;;Café"], "semicolon", "cp1252", "p.csv:2:9: vog_datum:"),
    ],
)
def test_bad_roster_is_located(runner, fixture_catalog, tmp_path, monkeypatch, rows, header, encoding, expected):
    monkeypatch.chdir(tmp_path)
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml")
    kwargs = {"encoding": encoding}
    if header == "semicolon":
        from tests.assess.assess_helpers import HEADER

        kwargs["header"] = HEADER.replace(",", ";")
    elif header:
        kwargs["header"] = header
    write_roster(tmp_path / "p.csv", *rows, **kwargs)
    result = runner.invoke(main, ["gap", str(filled), *FIX, "--roster", "p.csv", "-o", "gap.md"])
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert not (tmp_path / "gap.md").exists()


def test_bad_usage(runner, tmp_path, fixture_catalog):
    filled = _filled_yaml(fixture_catalog, tmp_path / "f.yaml")
    result = runner.invoke(main, ["gap", str(filled), *FIX[:2], "--peildatum", "morgen"])
    assert result.exit_code == 2 and "'morgen' is geen datum" in result.output
    result = runner.invoke(main, ["gap", str(tmp_path / "nope.yaml"), *FIX])
    assert result.exit_code == 2 and "checklist niet gevonden" in result.output
    (tmp_path / "kapot.xlsx").write_bytes(b"PK\x03\x04 kapot")
    result = runner.invoke(main, ["gap", str(tmp_path / "kapot.xlsx"), *FIX])
    assert result.exit_code == 2 and "geen geldig Excel-bestand" in result.output


@pytest.mark.skipif(not (EXAMPLES / "personeel.csv").exists(), reason="voorbeeldaanbieder ontbreekt")
def test_example_provider_main_command(runner, tmp_path):
    """The README's main command on the example provider: a report naming the roster problems."""
    out = tmp_path / "gap.md"
    result = runner.invoke(
        main,
        [
            "gap",
            str(EXAMPLES / "invulling-noord-midden-limburg-mo.yaml"),
            "--catalog",
            str(REAL_CATALOG),
            "--roster",
            str(EXAMPLES / "personeel.csv"),
            "--peildatum",
            "2026-06-01",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "# Gap-rapport Stichting Voorbeeldopvang" in text
    assert "M03: VOG is afgegeven 4 maanden vóór indiensttreding" in text


def test_staff_data_apply_to_one_provider_only(runner, fixture_catalog, tmp_path):
    roster = tmp_path / "personeel.csv"
    roster.write_text(
        "medewerker_id,soort,functie,niveau,datum_in_dienst,vog_datum\nM1,medewerker,begeleider,hbo,2020-01-01,2019-12-01\n",
        encoding="utf-8",
    )
    first = _filled_yaml(fixture_catalog, tmp_path / "a.yaml")
    second = _filled_yaml(fixture_catalog, tmp_path / "b.yaml")
    result = runner.invoke(main, ["gap", str(first), str(second), *FIX, "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    assert "Gereedheid per aanbieder" in result.output

    other = yaml.safe_load(second.read_text(encoding="utf-8"))
    other["provider"] = "Stichting Ander"
    second.write_text(yaml.safe_dump(other, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(main, ["gap", str(first), str(second), *FIX, "--roster", str(roster)])
    assert result.exit_code == 2
    assert "verschillende aanbieders" in result.output
