"""A fuzz pass of the command line over the hostile input classes of the safety round.

Hypothesis builds provider files (filled checklist, roster, client registrations, survey, an
earlier gap report) from cells of every class: control and escape characters, text that starts a
formula, HTML and Markdown, formatted personal data, huge integers, deep nesting, impossible dates
and bytes that are not UTF-8. Each file goes through the real command (``gap``, ``kpi``, ``diff``)
with ``-o`` pointing at an existing report, at the input itself or at a link to the input. Whatever
the input, the command ends with exit 0, 1 or 2 and a Dutch message (never a traceback or an
"onverwachte fout"), the input is byte for byte as it was, the report is either the previous one
or a complete new one, and no temporary file is left behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.assess.checklist import render_yaml
from generator.catalog.load import load_catalog
from generator.cli import main
from tests.hardening.badinput_cli import EXAMPLES, FIXTURE_CATALOG

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PREVIOUS = b"vorig rapport\n"
CHECKLIST = render_yaml(list(load_catalog(FIXTURE_CATALOG).tenders)).decode("utf-8")

HOSTILE = st.sampled_from(
    [
        "",
        "M1",
        "K1",
        "voldoet",
        "hbo",
        "mbo-3",
        "2027-01-01",
        "2027-02-31",
        "2099-01-01",
        "-3",
        "=1+1",
        '=HYPERLINK("http://voorbeeld.invalid","klik")',
        "+31 (0)6 1234 5678",
        "@SUM(A1)",
        "-2+3",
        "\x1b[2J\x1b[31m",
        "\x07\x00\x0b",
        "\u202eomgekeerd",
        "<script>alert(1)</script>",
        "</title><script>",
        "[klik](https://voorbeeld.invalid)",
        '{: onclick="x()" }',
        "**vet**",
        "111.222.333",
        "geboren 12-03-1985",
        "NL91 ABNA 0417 1643 00",
        "Jan de Vries",
        "9" * 4500,
        "[" * 80 + "]" * 80,
        '"',
        ";",
        "\n",
        "é",
    ]
)
RAW = st.sampled_from([b"", b"\xff", b"\xe9", b"\x81", b"\xef\xbb\xbf", b"\r", b"\x00"])


def _yaml_text(value: str) -> str:
    """*value* as a YAML double-quoted scalar, control characters as YAML escapes."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch == "\u202e":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _checklist(cells: list[str]) -> bytes:
    text = CHECKLIST
    for key, value in zip(("provider", "status", "evidence", "owner", "explanation"), cells, strict=False):
        if key == "provider":
            text = text.replace("provider: ''", f"provider: {_yaml_text(value)}", 1)
        else:
            text = text.replace(f"  {key}: ''", f"  {key}: {_yaml_text(value)}", 1)
    return text.encode("utf-8")


def _csv(header: str, rows: list[list[str]], raw: bytes) -> bytes:
    lines = [header] + [";".join(row) for row in rows]
    return "\n".join(lines).encode("utf-8", errors="surrogatepass") + raw + b"\n"


def _run_and_check(args: list[str], inputs: list[Path], target: Path) -> None:
    """Run ``opvang ARGS -o TARGET`` and check every promise of the module docstring."""
    before = {path: path.read_bytes() for path in inputs if path.exists() and not path.is_symlink()}
    previous = target.read_bytes() if target.is_file() else None
    result = CliRunner().invoke(main, [*args, "-o", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "onverwachte fout" not in result.output, result.output
    for path, data in before.items():
        assert path.read_bytes() == data, f"invoer {path.name} is veranderd"
    if result.exit_code == 2 and previous is not None:
        assert target.read_bytes() == previous, "het vorige rapport is veranderd ondanks de fout"
    leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], leftovers


def _target(folder: Path, choice: int, an_input: Path) -> Path:
    """-o: an existing report (0), the input itself (1), a link to the input (2) or a new file (3)."""
    if choice == 1:
        return an_input
    if choice == 2:
        link = folder / f"koppeling-{an_input.name}"
        link.symlink_to(an_input)
        return link
    target = folder / f"rapport-{an_input.name}.out"
    if choice == 0:
        target.write_bytes(PREVIOUS)
    return target


@SETTINGS
@given(cells=st.lists(HOSTILE, min_size=1, max_size=5), where=st.integers(0, 3))
def test_gap_on_a_hostile_checklist(cells: list[str], where: int):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        filled = folder / "invulling.yaml"
        filled.write_bytes(_checklist(cells))
        fmt = ("md", "html", "json", "xlsx")[len(cells) % 4]
        args = ["gap", str(filled), "--catalog", str(FIXTURE_CATALOG), "--peildatum", "2027-12-31", "--format", fmt]
        _run_and_check(args, [filled], _target(folder, where, filled))


ROSTER_HEADER = (
    "medewerker_id;soort;functie;niveau;ervaring_jaren;datum_in_dienst;datum_uit_dienst;vog_datum;toezicht_door"
)


@SETTINGS
@given(
    rows=st.lists(st.lists(HOSTILE, min_size=9, max_size=9), min_size=1, max_size=4), raw=RAW, where=st.integers(0, 3)
)
def test_gap_on_a_hostile_roster(rows: list[list[str]], raw: bytes, where: int):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        filled = folder / "invulling.yaml"
        filled.write_text(CHECKLIST, encoding="utf-8")
        roster = folder / "personeel.csv"
        roster.write_bytes(_csv(ROSTER_HEADER, rows, raw))
        args = ["gap", str(filled), "--roster", str(roster), "--catalog", str(FIXTURE_CATALOG), "--format", "xlsx"]
        _run_and_check(args, [filled, roster], _target(folder, where, roster))


CLIENT_HEADER = "client_id;doelgroep;gemeente_herkomst;datum_melding;datum_plan;datum_uitstroom;type_vervolgplek"


@SETTINGS
@given(cells=st.lists(HOSTILE, min_size=3, max_size=3), raw=RAW, where=st.integers(0, 3), fmt=st.integers(0, 3))
def test_kpi_on_hostile_client_registrations(cells: list[str], raw: bytes, where: int, fmt: int):
    """Six clients share the hostile values (so that no cell is suppressed away), then one raw tail."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = [
            [f"K{n}", "acuut", cells[0], f"2027-01-0{n + 1} 10:00", "2027-01-09 10:00", cells[1], cells[2]]
            for n in range(6)
        ]
        clients = folder / "clienten.csv"
        clients.write_bytes(_csv(CLIENT_HEADER, rows, raw))
        kind = ("md", "html", "json", "xlsx")[fmt]
        args = ["kpi", str(clients), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]
        _run_and_check(
            [*args, "--peildatum", "2027-12-31", "--format", kind], [clients], _target(folder, where, clients)
        )


@SETTINGS
@given(cells=st.lists(HOSTILE, min_size=3, max_size=3), where=st.integers(0, 3))
def test_kpi_on_a_hostile_survey(cells: list[str], where: int):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        survey = folder / "scores.yaml"
        survey.write_text(
            f"aanbieder: {_yaml_text(cells[0])}\nmetingen:\n  - metric: ketenpartner_oordeel\n"
            f"    datum: {_yaml_text(cells[1])}\n    gemiddelde: 7.5\n    respondenten: 12\n"
            f"    toelichting: {_yaml_text(cells[2])}\n",
            encoding="utf-8",
        )
        args = ["kpi", str(EXAMPLES / "clienten.csv"), "--enquete", str(survey), "--tender", "voorbeeld-opvang"]
        _run_and_check([*args, "--catalog", str(FIXTURE_CATALOG)], [survey], _target(folder, where, survey))


@SETTINGS
@given(value=HOSTILE, depth=st.integers(0, 200), raw=RAW, where=st.integers(0, 3))
def test_json_readers_on_hostile_json(value: str, depth: int, raw: bytes, where: int):
    import json

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        document = ("[" * depth + json.dumps(value) + "]" * depth).encode("utf-8") + raw
        baseline = folder / "oud.json"
        baseline.write_bytes(b'{"tenders": [{"requirements": [' + document + b"]}]}")
        filled = folder / "invulling.yaml"
        filled.write_text(CHECKLIST, encoding="utf-8")
        args = ["gap", str(filled), "--baseline", str(baseline), "--catalog", str(FIXTURE_CATALOG)]
        _run_and_check(args, [filled, baseline], _target(folder, where, baseline))
        export = folder / "export.json"
        export.write_bytes(b'{"format_version": 2, "tenders": [], "requirements": [' + document + b"]}")
        _run_and_check(["diff", str(export), str(FIXTURE_CATALOG)], [export], _target(folder, where, export))
