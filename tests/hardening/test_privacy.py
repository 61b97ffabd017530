"""Every claim of the page "Privacy en beveiliging" (docs/privacy.md), proven: one test per claim,
named after it, in the order of the page's sections."""

from __future__ import annotations

import ast
import errno
import html
import inspect
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from generator import privacy
from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from generator.render import checklist_xlsx
from generator.site import build as site_build
from tests.conftest import REPO, SEEDS
from tests.hardening import xlsx_damage
from tests.hardening.badinput_cli import CORPUS, FIXTURE_CATALOG
from tests.hardening.example_outputs import EXAMPLES, REPORTS

PAGE = REPO / "docs" / "privacy.md"
FIX = ["--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31"]
KPI = ["--tender", "voorbeeld-opvang", *FIX]
CLIENT_HEADER = "client_id;doelgroep;gemeente_herkomst;datum_melding;datum_plan"
SCRIPT = '<script>alert("opvang")</script>'


# --- helpers ---------------------------------------------------------------------------------------


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def clients_csv(path: Path, groups: dict[tuple[str, str], int], extra: str = "") -> Path:
    """Trajectories of distinct clients: ``{(doelgroep, 'JJJJ-MM'): aantal}``, each with a plan after a day."""
    rows, number = [CLIENT_HEADER + (f";{extra.split('=')[0]}" if extra else "")], 0
    for (group, month), count in groups.items():
        for _ in range(count):
            number += 1
            day = 1 + number % 27
            row = f"P{number:04d};{group};Venlo;{month}-{day:02d} 10:00;{month}-{day + 1:02d} 09:00"
            rows.append(row + (f";{extra.split('=', 1)[1]}" if extra else ""))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def kpi_json(*args: str, tmp_path: Path) -> dict:
    out = tmp_path / "kpi.json"
    result = run(*args, "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def plan_kpi(report: dict) -> dict:
    """The entry of the fixture tender's 'plan within 48 hours' norm (VBO-KPI-02)."""
    return next(k for k in report["kpis"] if k["requirement"] == "VBO-KPI-02")


def client_ids() -> set[str]:
    """Every client_id of the example provider's registrations and ZRM measurements."""
    ids = set()
    for name in ("clienten.csv", "zrm.csv"):
        lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[1:]
        ids |= {line.split(";", 1)[0] for line in lines if line}
    assert len(ids) > 100
    return ids


def words_in(path: Path) -> set[str]:
    """The words of a file; of an XLSX (a zip) the words of every part."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b" ".join(archive.read(name) for name in archive.namelist())
    return set(re.findall(r"[\w-]+", data.decode("utf-8", errors="replace")))


def documented_columns() -> list[str]:
    """The identifying column names that the page lists."""
    text = PAGE.read_text(encoding="utf-8").replace("\n", " ")
    listed = text.split("Dat zijn de kolommen", 1)[1].split("(hoofdletters", 1)[0]
    return re.findall(r"`([^`]+)`", listed)


def yaml_checklist(folder: Path, **fields: str) -> Path:
    """A filled checklist of the fixture catalog in which every requirement has *fields*."""
    import yaml

    data = yaml.safe_load(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    for item in data["tenders"][0]["requirements"]:
        item.update(status="voldoet deels", **fields)
    path = folder / "invulling.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, example_outputs: Path) -> Path:
    """The site of the fixture catalog (one requirement text holding HTML) with all example reports."""
    root = tmp_path_factory.mktemp("privacy-site")
    catalog = root / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    staffing = catalog / "voorbeeld-opvang" / "staffing.yaml"
    staffing.write_text(
        staffing.read_text(encoding="utf-8").replace("text: Personeel van", f"text: {SCRIPT} Personeel van"),
        encoding="utf-8",
    )
    project = root / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("generated", ".generated*"))
    (root / "geen-checklists").mkdir()
    result = run(
        "site",
        "build",
        "-o",
        str(root / "site"),
        "--catalog",
        str(catalog),
        "--reports",
        str(example_outputs),
        "--config",
        str(project / "mkdocs.yml"),
        "--checklists",
        str(root / "geen-checklists"),
    )
    assert result.exit_code == 0, result.output
    return root / "site"


# --- 1. Alles blijft op uw eigen computer ----------------------------------------------------------

NETWORK_MODULES = {"socket", "ssl", "urllib.request", "http.client", "http.server", "requests", "httpx", "smtplib"}


def test_opvang_connects_to_no_server_and_only_site_serve_listens_locally():
    imported = set()
    for source in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {(alias.name, source.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add((node.module, source.name))
    assert not {(name, file) for name, file in imported if name.split(".")[0] in {"requests", "httpx", "socket"}}
    assert not {(name, file) for name, file in imported if name in NETWORK_MODULES}
    servers = {name for name, _ in imported if "serve" in name}
    assert servers <= {"mkdocs.commands.serve"}, servers  # MkDocs' development server, for opvang site serve
    assert inspect.signature(site_build.serve_site).parameters["address"].default.startswith("127.0.0.1:")


def test_site_loads_nothing_from_outside(site: Path):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img|iframe|source)[^>]+(src|href)="(https?:)?//', text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert 'class="mermaid"' not in text, page
    for sheet in site.rglob("*.css"):
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet


# --- 2. Geen persoonsgegevens in de catalogus ------------------------------------------------------


def test_validate_refuses_phone_numbers_personal_email_and_bsn_in_catalog_texts(catalog_copy: Path):
    tender = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    tender.write_text(
        tender.read_text(encoding="utf-8").replace("region: Voorbeeldregio", "region: Voorbeeldregio, bel 06-12345678"),
        encoding="utf-8",
    )
    kpi = catalog_copy / "voorbeeld-opvang" / "kpi.yaml"
    text = kpi.read_text(encoding="utf-8")
    text = text.replace("Minimaal 80%", "Mail j.jansen@voorbeeldstad.nl over minimaal 80%")
    text = text.replace("Registratie opvangduur per cliënt.", "Registratie opvangduur per cliënt (+31 10 123 4567).")
    text = text.replace("Cliënten geven gemiddeld", "Cliënt 111222333 en info@voorbeeldstad.nl geven gemiddeld")
    kpi.write_text(text, encoding="utf-8")
    result = run("validate", str(catalog_copy), "--format", "json")
    assert result.exit_code == 1, result.output
    found = [p for p in json.loads(result.output)["problems"] if p["rule"] == "PRIVACY"]
    messages = " ".join(p["message"] for p in found)
    assert len(found) == 4 and all(p["line"] and p["column"] for p in found), found
    for kind in ("telefoonnummer ('06-12345678')", "e-mailadres van een persoon", "('+31 10 123 4567')", "BSN"):
        assert kind in messages, messages
    assert "info@" not in messages  # a functional mailbox is allowed


def test_the_published_sources_and_the_catalog_hold_no_phone_number_or_personal_email():
    """The sources as the repository publishes them, and the catalog made from them, pass the scanner."""
    from generator.render.catalog_export import FORMATS

    sources = sorted(SEEDS.glob("*.txt"))
    assert len(sources) == 5
    for source in sources:
        assert privacy.find_personal_data(source.read_text("utf-8")) == [], source.name
    catalog_text = FORMATS["json"](load_catalog(REPO / "requirements")).decode("utf-8")
    assert privacy.find_personal_data(catalog_text) == []


PERSONAL = {  # each kind of personal data the page names, in the notations it names, and its label
    "telefoonnummer": ["06 1234 5678", "(010) 123 45 67", "06.12.34.56.78", "+31 (0)6 12345678", "0031 10 1234567"],
    "BSN": ["123.456.782", "123 456 782", "123-456-782", "1234.56.782"],
    "geboortedatum": ["geboren 12-03-1985", "geb. 3 maart 1985", "geboortedatum: 1985-03-12"],
    "IBAN": ["NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"],
    "naam met aanhef": ["dhr. Jansen", "mevrouw De Vries"],
}


@pytest.mark.parametrize("kind", sorted(PERSONAL))
def test_validate_refuses_each_kind_of_personal_data_in_every_notation(kind: str, catalog_copy: Path):
    from tests.catalog_edits import edit_requirement

    for notation in PERSONAL[kind]:
        edit_requirement(catalog_copy, "staffing", "VBO-STA-01", note=f"Contact: {notation}, zie het beleid.")
        result = run("validate", str(catalog_copy), "--format", "json")
        assert result.exit_code == 1, (notation, result.output)
        found = [p for p in json.loads(result.output)["problems"] if p["rule"] == "PRIVACY"]
        assert len(found) == 1 and found[0]["line"] and found[0]["column"], (notation, found)
        assert kind in found[0]["message"] and notation.split()[-1] in found[0]["message"], found[0]["message"]


def test_the_scanner_gives_no_false_alarm_on_the_example_provider():
    """Dates, amounts, periods, ids and place names of real-looking data are no personal data."""
    for name in ("clienten.csv", "zrm.csv", "personeel.csv", "scores.yaml", "invulling-noord-midden-limburg-mo.yaml"):
        assert privacy.find_personal_data((EXAMPLES / name).read_text(encoding="utf-8")) == [], name


# --- 3. Alleen pseudonieme gegevens inlezen --------------------------------------------------------

FILES = {  # a valid one-row file of each kind the provider hands in
    "clienten.csv": f"{CLIENT_HEADER}\nK1;acuut;Venlo;2027-01-01 10:00;\n",
    "zrm.csv": "client_id;datum;domein;score\nK1;2027-01-01;financien;2\n",
    "personeel.csv": "medewerker_id;soort;functie;niveau;datum_in_dienst\nM1;medewerker;x;hbo;2020-01-01\n",
}


def _refused(name: str, content: str, folder: Path) -> Result:
    """Run the command that reads *name* (written with *content*) with -o; it must refuse and write nothing."""
    (folder / name).write_text(content, encoding="utf-8")
    out = folder / "uit.md"
    if name == "clienten.csv":
        args = ["kpi", str(folder / name), *KPI]
    elif name == "zrm.csv":
        args = ["kpi", str(EXAMPLES / "clienten.csv"), "--zrm", str(folder / name), *KPI]
    else:
        filled = folder / "invulling.yaml"
        filled.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
        args = ["gap", str(filled), "--roster", str(folder / name), *FIX]
    result = run(*args, "-o", str(out))
    assert result.exit_code == 2, result.output
    assert not out.exists()
    return result


def test_the_page_lists_exactly_the_refused_columns():
    assert sorted(documented_columns()) == sorted(privacy._FORBIDDEN_COLUMNS)


@pytest.mark.parametrize("name", sorted(FILES))
def test_identifying_columns_are_refused_with_exit_2_and_nothing_is_written(name: str, tmp_path: Path):
    header, rest = FILES[name].split("\n", 1)
    for column in [*documented_columns(), "Volledige Naam", "E-Mail"]:
        first_row, others = rest.split("\n", 1)
        result = _refused(name, f"{header};{column}\n{first_row};x\n{others}", tmp_path)
        position = len(header.split(";")) + 1
        assert f"{name}:1:{position}: kolom '{column}' bevat een" in result.stderr, result.stderr
        assert "direct identificerend gegeven" in result.stderr


@pytest.mark.parametrize("name", sorted(FILES))
def test_identifying_columns_are_recognised_as_people_write_them(name: str, tmp_path: Path):
    header, rest = FILES[name].split("\n", 1)
    first_row, others = rest.split("\n", 1)
    for column in ("Geboorte datum", "e-mail adres", "BSN-nummer", "achter_naam", "Cliënt.Naam", "IBAN"):
        result = _refused(name, f"{header};{column}\n{first_row};x\n{others}", tmp_path)
        position = len(header.split(";")) + 1
        assert f"{name}:1:{position}: kolom '{column}' bevat een" in result.stderr, result.stderr


STAFF_IDS = {
    "111.222.333": "lijkt een BSN",
    "06-12345678": "bevat een telefoonnummer",
    "j.jansen@voorbeeldopvang.nl": "bevat een e-mailadres",
    "NL91ABNA0417164300": "bevat een IBAN",
    "12-03-1985": "lijkt een datum",
    "Jan de Vries": "lijkt een naam",
    "J. Jansen": "lijkt een naam",
}


@pytest.mark.parametrize("column", ["medewerker_id", "toezicht_door"])
def test_staff_ids_that_are_no_pseudonym_are_refused_with_their_place(column: str, tmp_path: Path):
    header = "medewerker_id;soort;functie;niveau;datum_in_dienst;toezicht_door"
    for value, why in STAFF_IDS.items():
        row = (
            f"{value};medewerker;x;hbo;2020-01-01;"
            if column == "medewerker_id"
            else f"M2;medewerker;x;hbo;2020-01-01;{value}"
        )
        result = _refused("personeel.csv", f"{header}\nM1;medewerker;x;hbo;2020-01-01;\n{row}\n", tmp_path)
        where = 1 if column == "medewerker_id" else 6
        assert f"personeel.csv:3:{where}: {column}: '{value}' {why}" in result.stderr, result.stderr


def test_a_client_id_that_passes_the_bsn_check_is_refused(tmp_path: Path):
    result = _refused("clienten.csv", f"{CLIENT_HEADER}\n111222333;acuut;Venlo;2027-01-01 10:00;\n", tmp_path)
    assert "clienten.csv:2:1: client_id: '111222333' lijkt een BSN" in result.stderr


FREE_TEXT = {
    "personeel.csv": ["functie", "team"],
    "clienten.csv": [
        "gemeente_herkomst",
        "gemeente_opvang",
        "gemeente_uitstroom",
        "type_vervolgplek",
        "reden_uitstroom",
    ],
    "zrm.csv": ["domein"],
}


@pytest.mark.parametrize("name", sorted(FREE_TEXT))
def test_free_text_fields_are_scanned_for_personal_data(name: str, tmp_path: Path):
    header, row = FILES[name].strip().split("\n")
    for field in FREE_TEXT[name]:
        for personal in (
            "bel 06-12345678",
            "bel +31 (0)6 1234 5678",
            "j.jansen@example.nl",
            "bsn 111222333",
            "bsn 111.222.333",
            "geboren 12-03-1985",
            "NL91 ABNA 0417 1643 00",
            "dhr. Jansen",
        ):
            columns, values = header.split(";"), row.split(";")
            if field in columns:
                values[columns.index(field)] = personal
            else:
                columns.append(field)
                values.append(personal)
            result = _refused(name, f"{';'.join(columns)}\n{';'.join(values)}\n", tmp_path)
            where = f"{name}:2:{columns.index(field) + 1}: {field} bevat persoonsgegevens"
            assert where in result.stderr, result.stderr


def test_columns_opvang_does_not_know_are_not_read_into_reports(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 6}, extra="opmerking=Jan Jansen belde")
    out = tmp_path / "kpi.md"
    assert run("kpi", str(clients), *KPI, "-o", str(out)).exit_code == 0
    assert "Jansen" not in out.read_text(encoding="utf-8")


# --- 4. Geen cliënt in een rapport -----------------------------------------------------------------


def test_no_report_contains_a_row_per_client_or_a_client_id(example_outputs: Path):
    reports = [path for path in example_outputs.iterdir() if path.name.startswith(REPORTS)]
    assert len(reports) == 13, sorted(p.name for p in reports)
    ids = client_ids()
    for report in reports:
        assert not words_in(report) & ids, report.name


def test_the_built_site_contains_no_client_id(site: Path):
    assert (site / "voorbeeldaanbieder").is_dir()  # the example reports are on it
    ids = client_ids()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix not in (".png", ".ico", ".gz", ".woff", ".woff2"):
            assert not words_in(path) & ids, path


def test_a_cell_of_four_clients_is_suppressed_in_every_format(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 4})
    entry = plan_kpi(kpi_json("kpi", str(clients), *KPI, tmp_path=tmp_path))
    assert entry["overall"] == {
        "suppressed": True,
        "verdict": None,
        "value": None,
        "numerator": None,
        "denominator": None,
        "pending": None,
        "lower": None,
        "upper": None,
    }
    outputs = {}
    for fmt in ("md", "html", "xlsx"):
        outputs[fmt] = tmp_path / f"kpi.{fmt}"
        assert run("kpi", str(clients), *KPI, "--format", fmt, "-o", str(outputs[fmt])).exit_code == 0
    row = next(line for line in outputs["md"].read_text().splitlines() if line.startswith("| VBO-KPI-02"))
    assert "<5 cliënten" in row and "4" not in row.replace("48", "")
    html = outputs["html"].read_text()
    assert "niet gepubliceerd" in html.split("VBO-KPI-02", 1)[1].split("</tr>", 1)[0]
    sheet = load_workbook(outputs["xlsx"])["KPI's"]
    values = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "VBO-KPI-02")
    assert values[3:10] == ("<5", None, None, None, None, None, "niet gepubliceerd")


def test_min_cel_sets_the_threshold_default_5(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 4})
    shown = plan_kpi(kpi_json("kpi", str(clients), *KPI, "--min-cel", "4", tmp_path=tmp_path))["overall"]
    assert shown["suppressed"] is False and shown["denominator"] == 4
    five = clients_csv(tmp_path / "c5.csv", {("acuut", "2027-01"): 5})
    assert plan_kpi(kpi_json("kpi", str(five), *KPI, tmp_path=tmp_path))["overall"]["suppressed"] is False


def test_one_suppressed_cell_of_a_breakdown_hides_the_next_smallest(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 12, ("huiselijk-geweld", "2027-01"): 3})
    entry = plan_kpi(kpi_json("kpi", str(clients), *KPI, tmp_path=tmp_path))
    assert entry["overall"]["suppressed"] is False and entry["overall"]["denominator"] == 15
    assert [entry["per_doelgroep"][g]["suppressed"] for g in ("acuut", "huiselijk-geweld")] == [True, True]


def test_one_suppressed_quarter_of_the_trend_hides_the_next_smallest(tmp_path: Path):
    groups = {("acuut", "2027-01"): 10, ("acuut", "2027-04"): 8, ("acuut", "2027-07"): 2}
    clients = clients_csv(tmp_path / "c.csv", groups)
    trend = plan_kpi(kpi_json("kwartaalrapportage", str(clients), *KPI, tmp_path=tmp_path))["trend"]
    assert {q: c["suppressed"] for q, c in trend.items()} == {"2027-Q1": False, "2027-Q2": True, "2027-Q3": True}


def test_lead_time_counts_and_medians_below_the_threshold_are_hidden(tmp_path: Path):
    groups = {("acuut", "2027-01"): 10, ("acuut", "2027-04"): 8, ("acuut", "2027-07"): 2}
    clients = clients_csv(tmp_path / "c.csv", groups)
    lead = {
        row["kwartaal"]: row
        for row in kpi_json("kwartaalrapportage", str(clients), *KPI, tmp_path=tmp_path)["doorlooptijden"]
    }
    assert [lead[q]["meldingen"] for q in ("2027-Q1", "2027-Q2", "2027-Q3")] == [10, None, None]
    assert lead["2027-Q2"]["mediaan_uren_tot_plan"] is not None  # 8 cases: a median is no count
    assert lead["2027-Q3"]["mediaan_uren_tot_plan"] is None


def test_the_monitor_export_holds_only_counts_and_medians_per_quarter(tmp_path: Path):
    groups = {("acuut", "2027-01"): 7, ("complex", "2027-01"): 2, ("acuut", "2027-04"): 6, ("complex", "2027-04"): 6}
    clients = clients_csv(tmp_path / "c.csv", groups)
    out = tmp_path / "monitor.xlsx"
    assert run("monitor", str(clients), *KPI, "-o", str(out)).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == [
        "Melding per doelgroep",
        "Melding per gemeente",
        "Start en einde",
        "Vervolgplek",
        "Terugval",
        "Toelichting",
    ]
    sheet = book["Melding per doelgroep"]  # the table under the report's header lines
    top = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Doelgroep (meldingen)")
    per_group = {row[0]: row[1:] for row in sheet.iter_rows(min_row=top + 1, values_only=True)}
    assert per_group == {"Acute dakloosheid": ("<5", 6), "Complexe problematiek": ("<5", 6)}, per_group
    for name in book.sheetnames[:-1]:
        first = top + 1 if name == "Melding per doelgroep" else 2
        for row in book[name].iter_rows(min_row=first, values_only=True):
            assert all(isinstance(v, int | float) or v is None or v == "<5" for v in row[1:]), (name, row)
    assert not words_in(out) & {f"P{n:04d}" for n in range(1, 22)}


def test_the_gap_report_gives_only_the_verdict_for_fewer_than_five_clients(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 4})
    filled = tmp_path / "invulling.yaml"
    filled.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    out = tmp_path / "gap.json"
    assert run("gap", str(filled), "--clients", str(clients), *FIX, "--format", "json", "-o", str(out)).exit_code == 0
    findings = [
        finding
        for requirement in json.loads(out.read_text(encoding="utf-8"))["tenders"][0]["requirements"]
        for finding in requirement["findings"]
        if finding["requirement_id"] == "VBO-KPI-02"
    ]
    assert [f["verdict"] for f in findings] == ["voldoet"], findings  # the verdict is given
    measured = findings[0]["message"].split("; norm:")[0]
    assert "niet gepubliceerd" in measured and not re.search(r"\d", measured), measured


def test_staff_findings_name_a_member_only_by_medewerker_id(tmp_path: Path):
    roster = tmp_path / "personeel.csv"
    roster.write_text(
        "medewerker_id;soort;functie;niveau;datum_in_dienst;vog_datum;team;opmerking\n"
        "M1;medewerker;teamleider;hbo;2020-01-01;2019-12-01;Venlo;Jan Jansen\n"
        "M2;medewerker;begeleider;mbo-3;2020-01-01;;Venlo;Piet Pietersen\n",
        encoding="utf-8",
    )
    filled = tmp_path / "invulling.yaml"
    filled.write_bytes(render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)))
    out = tmp_path / "gap.md"
    assert run("gap", str(filled), "--roster", str(roster), *FIX, "-o", str(out)).exit_code == 0
    report = out.read_text(encoding="utf-8")
    assert "M2: heeft geen VOG" in report and "M2: werkt zonder toezichthouder" in report
    assert "Jansen" not in report and "Pietersen" not in report


# --- 5. Veilig inlezen -----------------------------------------------------------------------------


def _gap_on(path: Path) -> Result:
    return run("gap", str(path), *FIX, "-o", str(path.parent / "uit.md"))


def _survey_on(path: Path) -> Result:
    return run("kpi", str(EXAMPLES / "clienten.csv"), "--enquete", str(path), *KPI, "-o", str(path.parent / "uit.md"))


def test_yaml_python_tags_are_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for reader, command in (("checklist-yaml", _gap_on), ("survey", _survey_on)):
        shutil.copy(CORPUS / reader / "python-tag.yaml", tmp_path / "tag.yaml")
        assert command(tmp_path / "tag.yaml").exit_code == 2
        assert not (tmp_path / "gehackt").exists()


def test_yaml_anchors_and_aliases_are_refused(tmp_path: Path):
    for reader, command in (("checklist-yaml", _gap_on), ("survey", _survey_on)):
        shutil.copy(CORPUS / reader / "billion-laughs.yaml", tmp_path / "bom.yaml")
        result = command(tmp_path / "bom.yaml")
        assert result.exit_code == 2 and "bom.yaml:3:8: ankers en aliassen" in result.stderr, result.stderr


def test_yaml_duplicate_keys_are_refused(tmp_path: Path):
    for reader, command in (("checklist-yaml", _gap_on), ("survey", _survey_on)):
        shutil.copy(CORPUS / reader / "duplicate-key.yaml", tmp_path / "dubbel.yaml")
        result = command(tmp_path / "dubbel.yaml")
        assert result.exit_code == 2 and "staat twee keer in hetzelfde blok" in result.stderr, result.stderr


def test_yaml_files_over_their_limit_are_refused(tmp_path: Path):
    """A survey (and a catalog file) stops at 20 MB; a checklist at 50 MB (all tenders of a national catalog)."""
    for command, megabytes in ((_survey_on, 20), (_gap_on, 50)):
        big = tmp_path / f"groot-{megabytes}.yaml"
        big.write_bytes(b"provider: x\n" + b"#" * (megabytes * 1024 * 1024))
        result = command(big)
        expected = f"groot-{megabytes}.yaml:1:1: bestand is groter dan {megabytes} MB"
        assert result.exit_code == 2 and expected in result.stderr, result.stderr


def test_an_xlsx_zip_bomb_or_damaged_workbook_is_refused(tmp_path: Path):
    template = checklist_xlsx.render(list(load_catalog(FIXTURE_CATALOG).tenders))
    for damage, message in (
        (xlsx_damage.zip_bomb, "uitgepakt groter dan 50 MB"),
        (xlsx_damage.truncated, "geen geldig Excel"),
    ):
        path = tmp_path / "invulling.xlsx"
        path.write_bytes(damage(template))
        result = _gap_on(path)
        assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_fields_over_10000_characters_are_refused(tmp_path: Path):
    long = "x" * 10_001
    result = _refused("clienten.csv", f"{CLIENT_HEADER}\nK1;acuut;{long};2027-01-01 10:00;\n", tmp_path)
    assert "clienten.csv:2:3: 'gemeente_herkomst' is langer dan 10000 tekens" in result.stderr
    shutil.copy(CORPUS / "checklist-yaml" / "huge-field.yaml", tmp_path / "lang.yaml")
    assert "langer dan 10000 tekens" in _gap_on(tmp_path / "lang.yaml").stderr
    shutil.copy(CORPUS / "survey" / "huge-field.yaml", tmp_path / "lang.yaml")
    assert "langer dan 10000 tekens" in _survey_on(tmp_path / "lang.yaml").stderr


def test_reading_a_csv_stops_after_50_problems(tmp_path: Path):
    rows = "".join(f"K{n};dakloos;Venlo;2027-01-01 10:00;\n" for n in range(80))
    result = _refused("clienten.csv", f"{CLIENT_HEADER}\n{rows}", tmp_path)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 51 and "meer dan 50 fouten; verwerking gestopt" in lines[-1], lines[-3:]


def test_input_errors_are_located_in_dutch_without_traceback_and_write_nothing(tmp_path: Path):
    result = _refused(
        "personeel.csv", "medewerker_id;soort;functie;niveau;datum_in_dienst\nM1;chef;x;hbo;2020-01-01\n", tmp_path
    )
    assert re.search(r"personeel\.csv:2:2: soort: 'chef' is geen geldige waarde; kies uit", result.stderr)
    template = checklist_xlsx.render(list(load_catalog(FIXTURE_CATALOG).tenders))
    (tmp_path / "invulling.xlsx").write_bytes(xlsx_damage.unknown_status(template))
    result = _gap_on(tmp_path / "invulling.xlsx")
    assert "invulling.xlsx:voorbeeld-opvang!G3: onbekende status 'prima'" in result.stderr
    assert not (tmp_path / "uit.md").exists()


def test_html_in_a_requirement_is_shown_as_text_on_the_site(site: Path):
    page = (site / "voorbeeld-opvang" / "personeel" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in page
    assert not any(SCRIPT in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


# --- 6. Tekst blijft tekst (tests/hardening/test_formula_injection.py, test_script_injection.py) -----


def test_a_formula_typed_as_evidence_stays_text_in_the_workbook(tmp_path: Path):
    """The short form of test_formula_injection.py: an evidence text that is a formula stays text."""
    filled = yaml_checklist(tmp_path, evidence='=HYPERLINK("http://voorbeeld.invalid","klik")')
    out = tmp_path / "gap.xlsx"
    assert run("gap", str(filled), *FIX, "--format", "xlsx", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    assert "<f>" not in xml and '=HYPERLINK("http://voorbeeld.invalid","klik")' in html.unescape(xml)


def test_html_and_markdown_in_a_report_stay_text(tmp_path: Path):
    filled = yaml_checklist(tmp_path, evidence="[klik](https://voorbeeld.invalid) <script>x()</script>")
    out = tmp_path / "gap.md"
    assert run("gap", str(filled), *FIX, "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\\[klik\\](https://voorbeeld.invalid) &lt;script&gt;x()&lt;/script&gt;" in text


# --- 7. Nooit een bestand kwijt --------------------------------------------------------------------


def test_a_failed_run_leaves_the_previous_file_whole_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / "kpi.md"
    target.write_bytes(b"vorige versie\n")
    bad = CORPUS / "clients" / "truncated.csv"
    assert run("kpi", str(bad), *KPI, "-o", str(target)).exit_code == 2
    real = Path.write_bytes

    def disk_full(self: Path, data: bytes) -> int:
        if self.parent == folder:
            real(self, data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    result = run("kpi", str(EXAMPLES / "clienten.csv"), *KPI, "-o", str(target))
    assert result.exit_code == 2 and "de schijf is vol" in result.stderr
    assert target.read_bytes() == b"vorige versie\n" and [p.name for p in folder.iterdir()] == ["kpi.md"]


def test_an_output_that_is_an_input_of_the_same_command_is_refused(tmp_path: Path):
    clients = clients_csv(tmp_path / "c.csv", {("acuut", "2027-01"): 6})
    before = clients.read_bytes()
    result = run("kpi", str(clients), *KPI, "-o", str(clients))
    assert result.exit_code == 2 and "dit is ook een invoerbestand van deze opdracht" in result.stderr
    assert clients.read_bytes() == before


def test_the_page_names_this_test_file():
    last = " ".join(PAGE.read_text(encoding="utf-8").strip().splitlines()[-2:])
    assert "tests/hardening/test_privacy.py" in last


def test_every_test_file_the_page_names_exists_and_holds_tests():
    named = set(re.findall(r"`(tests/hardening/test_[\w*]+\.py)`", PAGE.read_text(encoding="utf-8")))
    assert len(named) >= 10, named
    for pattern in named:
        files = list(REPO.glob(pattern))
        assert files, f"{pattern} bestaat niet"
        for path in files:
            assert re.search(r"^def test_", path.read_text(encoding="utf-8"), re.MULTILINE), path
