"""``opvang coverage`` in every format, its exit codes and its Dutch messages."""

from __future__ import annotations

import json
import os
import shutil

import jsonschema
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, REPO

SCHEMA = json.loads((REPO / "requirements" / "schema" / "coverage.schema.json").read_text(encoding="utf-8"))

EXPECTED_TEXT = """\
Catalogus: catalog

voorbeeld-opvang: Testdocument (999_0000000000000000.txt)
  gedekt: 57,9% van 19 passages (11 geciteerd, 0 achtergrond, 8 open)
  bindend of vragend: 50% van 6 passages gedekt, 3 open
  open, bindt of vraagt (3):
    p-3 [1. Inleiding] Dit document is fictief en dient alleen om opvang te testen. (woorden: dient)
    p-13 [3. KPI's] De opdrachtnemer verwacht daarnaast dat de gemeente de wijkteams betrekt bij elke uitstroom. \
(woorden: opdrachtnemer, verwacht)
    p-16 [4. Financiën] Het budget is maximaal € 1.000.000 per jaar. (woorden: maximaal)
  open, overig (5):
    p-2 [1. Inleiding] De gemeente Voorbeeldstad koopt met deze opdracht opvang in voor dak- en thuis-loze inwoners \
van Voorbeeldstad en Dorpen.
    p-5 [2. Omvang] Het gaat om 20 opvangplekken.1
    p-7 [3. KPI's] Voor de opdracht gelden de volgende prestatie-indicatoren:
    p-14 [3. KPI's, voetnoot 1] Het aantal plekken kan per jaar met 10% wijzigen.
    p-17 [4. Financiën] In 2026 gaven de gemeenten samen € 900.000 uit aan opvang.

1 aanbesteding(en); 3 open passage(s) die iets binden of vragen: citeer ze in een eis of markeer ze als \
achtergrond (background in tender.yaml).
"""


def run(*args: str):
    return CliRunner().invoke(main, ["coverage", *args])


def test_text_report_of_the_fixture_tender():
    result = run("--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_TEXT


def test_json_follows_its_schema_and_the_same_input_gives_the_same_bytes():
    first = run("VBO", "--format", "json", "--catalog", str(FIXTURE_CATALOG))
    second = run("voorbeeld-opvang", "--format", "json", "--catalog", str(FIXTURE_CATALOG / "voorbeeld-opvang"))
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    data = json.loads(first.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    [tender] = data["tenders"]
    assert tender["all"] == {"passages": 19, "quoted": 11, "background": 0, "open": 8, "share": 57.9}
    assert tender["binding"] == {"passages": 6, "quoted": 3, "background": 0, "open": 3, "share": 50.0}
    assert [p["anchor"] for p in tender["open_passages"]][:3] == ["p-3", "p-13", "p-16"]
    assert tender["open_passages"][1] == {
        "anchor": "p-13",
        "binding": True,
        "kind": "zin",
        "note": None,
        "number": 13,
        "section": "3. KPI's",
        "signals": ["opdrachtnemer", "verwacht"],
        "text": "De opdrachtnemer verwacht daarnaast dat de gemeente de wijkteams betrekt bij elke uitstroom.",
    }
    assert first.stdout.index('"all"') < first.stdout.index('"binding"') < first.stdout.index('"document"')


def test_markdown_escapes_the_source_text(catalog_copy):
    (catalog_copy / "voorbeeld-opvang" / "reporting.yaml").write_text(
        "category: reporting\nrequirements:\n"
        "  - {id: VBO-REP-01, obligation: eis, title: Kwartaalrapportage, source: {section: '6 Rapportage'},\n"
        "     text: 'Kwartaalrapportages (resultaten, doorlooptijden, samenwerking).'}\n",
        encoding="utf-8",
    )
    result = run("--format", "md", "--catalog", str(catalog_copy))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Dekking van de brondocumenten\n")
    assert "## Voorbeeldopdracht maatschappelijke opvang (testcatalogus)" in result.stdout
    assert "- Gedekt: 52,6% van 19 passages (10 geciteerd, 0 achtergrond, 9 open)" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "**p-25**" in line)
    assert line == (
        "- **p-25** · 6. Rapportage: De monitor &lt;script&gt;alert('x')&lt;/script&gt; wordt \\*\\*jaarlijks\\*\\* "
        "besproken."
    )
    assert "<script>" not in result.stdout


def test_output_file(tmp_path):
    target = tmp_path / "dekking.md"
    result = run("--format", "md", "-o", str(target), "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == run("--format", "md", "--catalog", str(FIXTURE_CATALOG)).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["dekking.md"]  # no temporary file left behind


def test_unknown_tender_is_a_usage_error():
    result = run("bestaat-niet", "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 2
    assert "onbekende aanbesteding 'bestaat-niet'; kies uit: voorbeeld-opvang" in result.output
    assert "Traceback" not in result.output


def test_missing_source_document_is_a_located_problem(catalog_copy):
    shutil.rmtree(catalog_copy / "bronnen")
    result = run("--catalog", str(catalog_copy))
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.endswith(
        "voorbeeld-opvang/tender.yaml:13:20: brondocument '999_0000000000000000.txt' niet gevonden in "
        f"{os.path.relpath(catalog_copy / 'bronnen')}; zet het daar neer of verbeter source.document "
        "(pad: $.source.document)"
    )


def test_source_document_that_is_no_utf8(catalog_copy):
    (catalog_copy / "bronnen" / "999_0000000000000000.txt").write_bytes("Financiën".encode("cp1252"))
    result = run("--catalog", str(catalog_copy))
    assert result.exit_code == 2
    assert "is geen UTF-8-tekst (byte 7); sla het op als UTF-8" in result.stderr


def test_background_that_matches_nothing_exits_1_after_the_report(catalog_copy):
    tender = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    tender.write_text(
        tender.read_text(encoding="utf-8") + 'background:\n  - {section: "9 Bestaat niet", reason: Test.}\n',
        encoding="utf-8",
    )
    result = run("--catalog", str(catalog_copy))
    assert result.exit_code == 1
    assert result.stdout.startswith("Catalogus: catalog\n\nvoorbeeld-opvang: Testdocument")
    assert "tender.yaml:15:5: achtergrondsectie '9 Bestaat niet' komt in het brondocument niet voor" in result.stderr


def test_real_catalog_json(tmp_path):
    result = run("--format", "json", "--catalog", str(REAL_CATALOG))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [t["tender"] for t in data["tenders"]] == [
        "amersfoort-mo-vo",
        "dordrecht-ib4-mo",
        "noord-midden-limburg-mo",
        "valleiregio-gezinsopvang",
        "valleiregio-housing-first",
    ]
    for tender in data["tenders"]:
        counts = tender["all"]
        assert counts["quoted"] + counts["background"] + counts["open"] == counts["passages"] > 0


def test_a_catalog_brings_its_own_word_list(catalog_copy):
    (catalog_copy / "binding-terms.yaml").write_text(
        "terms:\n  - {id: testen, kind: vraag, forms: [testen]}\n", encoding="utf-8"
    )
    data = json.loads(run("--format", "json", "--catalog", str(catalog_copy)).stdout)
    [tender] = data["tenders"]
    assert [(p["anchor"], p["signals"]) for p in tender["open_passages"] if p["binding"]] == [("p-3", ["testen"])]


def test_a_broken_word_list_is_unusable_input(catalog_copy):
    (catalog_copy / "binding-terms.yaml").write_text("terms:\n  - {id: x, kind: plicht}\n", encoding="utf-8")
    result = run("--catalog", str(catalog_copy))
    assert result.exit_code == 2
    assert "binding-terms.yaml:2:5: verplicht veld 'forms' ontbreekt; voeg het toe" in result.stderr
