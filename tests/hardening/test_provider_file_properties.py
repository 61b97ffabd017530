"""Property tests for the files a provider hands in: the filled checklist (YAML and XLSX), the staff
roster, client registrations, ZRM measurements and survey scores.

Whatever a person or a system feeds these readers, they answer with data or with located Dutch
problems (:class:`~generator.diagnostics.InputError`, of which ValidationFailed is a kind), never with
another exception. Inputs are both raw bytes and near-valid files with random cells, so that the
parsers behind the first line (dates, numbers, statuses, the fast client reader) are reached too.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from generator.assess.checklist import read_filled
from generator.catalog.load import load_catalog
from generator.catalog.model import Catalog
from generator.diagnostics import InputError
from generator.kpi.clients import read_clients, read_zrm
from generator.kpi.survey import read_survey
from generator.render import checklist_xlsx
from generator.roster.reader import read_roster
from tests.hardening.badinput_cli import FIXTURE_CATALOG

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Cells people type, right and wrong: ids, dates in both orders (real and impossible), times, numbers,
# yes/no, statuses, identifying data, quotes and delimiters inside a cell.
CELLS = st.sampled_from(
    [
        "",
        " ",
        "K1",
        "M1",
        "123456782",
        "acuut",
        "Acuut",
        "dakloos",
        "medewerker",
        "mbo-4",
        "hbo",
        "Venlo",
        "Café",
        "2027-01-01",
        "2027-01-01 10:00",
        "01-01-2027 08:05",
        "31-02-2027",
        "2027-02-31 10:00",
        "0001-01-01",
        "9999-12-31",
        "2027-W01-1",
        "2027-01-01T10:00+05:00",
        "ja",
        "nee",
        "7,5",
        "1e400",
        "nan",
        "-3",
        "11",
        "06-12345678",
        "j.jansen@example.nl",
        '"',
        '"a;b"',
        ";",
        ",",
        "\t",
    ]
)


def _csv(required: list[str], optional: dict[str, list[str]], good: dict[str, list[str]]) -> st.SearchStrategy[bytes]:
    """A CSV with the *required* columns and some *optional* ones in any order (now and then one
    missing), rows of mostly *good* cells with wrong ones mixed in, a random delimiter, line ending
    and encoding, and sometimes a BOM (even before Windows-1252 text)."""
    pools = {name: good.get(name, []) + optional.get(name, []) for name in [*required, *optional]}

    @st.composite
    def build(draw) -> bytes:
        extra = draw(st.lists(st.sampled_from(sorted(optional)), unique=True)) if optional else []
        header = list(draw(st.permutations(required + extra)))
        if draw(st.integers(0, 9)) == 0:
            header.pop()
        rows = []
        for _ in range(draw(st.integers(0, 5))):
            row = [draw(st.sampled_from(pools[name])) if draw(st.integers(0, 4)) else draw(CELLS) for name in header]
            if draw(st.integers(0, 9)) == 0:
                row = row[: draw(st.integers(0, len(row)))]
            rows.append(row)
        delimiter = draw(st.sampled_from([";", ","]))
        newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        text = newline.join(delimiter.join(row) for row in [header, *rows]) + newline
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "bom+cp1252"]))
        if encoding == "bom+cp1252":  # a UTF-8 file edited in an old editor
            return b"\xef\xbb\xbf" + text.encode("cp1252", errors="replace")
        return text.encode(encoding, errors="replace")

    return build()


def _raw_or(structured: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=300), structured)


DATES = ["2026-03-01", "01-03-2026", "2027-11-30"]
MOMENTS = ["2026-03-01 09:30", "2026-03-02 10:00", "01-03-2026 08:05", "2027-01-01"]
YES_NO = ["ja", "nee", "Ja"]
ROSTER = _csv(
    ["medewerker_id", "soort", "functie", "niveau", "datum_in_dienst"],
    {
        "ervaring_jaren": ["3", "7,5"],
        "skj": YES_NO,
        "datum_uit_dienst": DATES,
        "vog_datum": DATES,
        "toezicht_door": ["M1", "M2"],
        "team": ["Venlo"],
    },
    {
        "medewerker_id": ["M1", "M2", "M3"],
        "soort": ["medewerker", "vrijwilliger"],
        "functie": ["begeleider"],
        "niveau": ["mbo-3", "mbo-4", "hbo"],
        "datum_in_dienst": DATES,
    },
)
CLIENTS = _csv(
    ["client_id", "doelgroep", "gemeente_herkomst", "datum_melding"],
    {
        "gemeente_opvang": ["Venlo", "Weert"],
        "opvang_nodig": YES_NO,
        "datum_plan": MOMENTS,
        "datum_start_opvang": MOMENTS,
        "datum_uitstroom": DATES,
        "type_vervolgplek": ["zelfstandige woning"],
        "doelen_behaald": YES_NO,
        "tevredenheid": ["7", "7,5", "8.0"],
        "woning_behouden": YES_NO,
    },
    {
        "client_id": ["K1", "K2", "K3"],
        "doelgroep": ["acuut", "complex"],
        "gemeente_herkomst": ["Venlo", "Weert"],
        "datum_melding": ["2026-03-01 09:30", "2026-02-01 10:00"],
    },
)
ZRM = _csv(
    ["client_id", "datum", "domein", "score"],
    {},
    {"client_id": ["K1", "K2"], "datum": DATES, "domein": ["financien", "huisvesting"], "score": ["1", "3", "5"]},
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE_CATALOG)


@pytest.fixture(scope="module")
def template() -> bytes:
    return checklist_xlsx.render(list(load_catalog(FIXTURE_CATALOG).tenders))


def _survives(path: Path, data: bytes, read: Callable[[Path], object]) -> None:
    """*read* the file with *data*: data or located problems naming the file, nothing else."""
    path.write_bytes(data)
    try:
        read(path)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert all(path.name in p.file for p in exc.problems), exc


@SETTINGS
@given(data=_raw_or(ROSTER))
def test_roster_reader_never_crashes(folder: Path, data: bytes):
    import datetime as dt

    _survives(folder / "personeel.csv", data, lambda p: read_roster(p, dt.date(2027, 12, 31)))


@SETTINGS
@given(data=_raw_or(CLIENTS))
def test_client_reader_never_crashes(folder: Path, data: bytes):
    _survives(folder / "clienten.csv", data, read_clients)


@SETTINGS
@given(data=_raw_or(ZRM))
def test_zrm_reader_never_crashes(folder: Path, data: bytes):
    _survives(folder / "zrm.csv", data, read_zrm)


YAML_VALUES = st.sampled_from(
    [
        "",
        "''",
        "voldoet",
        "Voldoet Deels",
        "prima",
        "yes",
        "~",
        ".nan",
        ".inf",
        "-.inf",
        "1e400",
        "45000",
        "-1",
        "7.5",
        "11",
        "2027-06-30",
        "2027-02-31",
        "31-02-2027",
        "9999-12-31",
        "[a, b]",
        "{a: 1}",
        "&x a",
        "*x",
        "!!python/name:os.system",
        '"open',
        "a: b",
    ]
)


@st.composite
def _checklist_yaml(draw) -> bytes:
    lines = ["provider: Test", "tenders:", "- id: voorbeeld-opvang", "  requirements:"]
    for rid in draw(st.lists(st.sampled_from(["VBO-STA-01", "VBO-STA-02", "VBO-KPI-01", "VBO-XXX-99"]), max_size=3)):
        lines.append(f"  - id: {rid}")
        for key in draw(st.lists(st.sampled_from(["status", "target_date", "explanation", "naam"]), max_size=3)):
            lines.append(f"    {key}: {draw(YAML_VALUES)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@st.composite
def _survey_yaml(draw) -> bytes:
    lines = ["aanbieder: Test", "metingen:"]
    for _ in range(draw(st.integers(0, 2))):
        lines.append(f"  - metric: {draw(st.sampled_from(['ketenpartner_oordeel', 'onbekend', '5']))}")
        for key in draw(st.lists(st.sampled_from(["datum", "gemiddelde", "percentage", "respondenten"]), max_size=4)):
            lines.append(f"    {key}: {draw(YAML_VALUES)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@SETTINGS
@given(data=_raw_or(_checklist_yaml()))
def test_checklist_yaml_reader_never_crashes(folder: Path, catalog: Catalog, data: bytes):
    _survives(folder / "invulling.yaml", data, lambda p: read_filled(p, catalog))


@SETTINGS
@given(data=_raw_or(_survey_yaml()))
def test_survey_reader_never_crashes(folder: Path, data: bytes):
    _survives(folder / "scores.yaml", data, read_survey)


@FEW
@given(cuts=st.lists(st.tuples(st.integers(0, 20_000), st.binary(min_size=1, max_size=8)), max_size=4))
def test_checklist_xlsx_reader_survives_damaged_bytes(folder: Path, catalog: Catalog, template: bytes, cuts):
    """Bytes of the real template overwritten here and there (or cut off): a workbook or a refusal."""
    damaged = bytearray(template)
    for position, patch in cuts:
        if position >= len(damaged):
            del damaged[position % len(damaged) :]
        else:
            damaged[position : position + len(patch)] = patch
    _survives(folder / "invulling.xlsx", bytes(damaged), lambda p: read_filled(p, catalog))


XLSX_VALUES = st.one_of(
    YAML_VALUES,
    st.integers(-(10**6), 10**7),
    st.floats(allow_nan=False),
    st.booleans(),
    st.sampled_from(["=1+1", '=CONCAT("vol","doet")', "x" * 10_001]),
)


@FEW
@given(edits=st.lists(st.tuples(st.integers(1, 14), st.integers(1, 12), XLSX_VALUES), max_size=5))
def test_checklist_xlsx_reader_survives_any_cells(folder: Path, catalog: Catalog, template: bytes, edits):
    """Any value in any cell near the table (header included) of the real template."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["voorbeeld-opvang"]
    for row, column, value in edits:
        sheet.cell(row, column, value)
    out = io.BytesIO()
    workbook.save(out)
    _survives(folder / "invulling.xlsx", out.getvalue(), lambda p: read_filled(p, catalog))
