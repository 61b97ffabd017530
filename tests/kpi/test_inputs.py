"""Reading clienten.csv, zrm.csv and scores.yaml: privacy refusals, CSV variants, located errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import InputError
from generator.kpi.clients import MISSING, read_clients
from generator.kpi.survey import read_survey

from .conftest import FIXTURE_CATALOG, HEADER, row, write_clients


@pytest.mark.parametrize(
    ("column", "kind"), [("bsn", "burgerservicenummer"), ("naam", "naam"), ("geboortedatum", "geboortedatum")]
)
def test_identifying_column_is_refused(tmp_path, column, kind):
    path = write_clients(tmp_path / "c.csv", [row("A", "2027-01-01 08:00") + ";x"], header=HEADER + f";{column}")
    with pytest.raises(InputError) as err:
        read_clients(path)
    message = err.value.problems[0].format()
    assert message.startswith(f"{path}:1:12:") and kind in message and "pseudoniem" in message


def test_bsn_as_client_id_is_refused_with_its_line(tmp_path):
    path = write_clients(tmp_path / "c.csv", [row("K1", "2027-01-01 08:00"), row("111222333", "2027-01-01 08:00")])
    with pytest.raises(InputError) as err:
        read_clients(path)
    assert err.value.problems[0].format().startswith(f"{path}:3:1:") and "BSN" in err.value.problems[0].message


def test_careful_reader_matches_fast_reader(tmp_path):
    # Semicolons and ISO dates take the fast path; commas, DD-MM-YYYY and spaces the careful one.
    fast = write_clients(tmp_path / "a.csv", [row("A", "2027-01-05 08:30", plan="2027-01-06 08:30", uit="2027-02-01")])
    slow = tmp_path / "b.csv"
    slow.write_text(
        "\ufeffClient_ID,DOELGROEP,gemeente_herkomst,datum_melding,datum_plan,datum_uitstroom\n"
        " A , Acuut ,Venlo,05-01-2027 08:30,2027-01-06 08:30,01-02-2027\n",
        encoding="utf-8",
    )
    a, b = read_clients(fast), read_clients(slow)
    for column in ("melding", "plan", "uitstroom", "doelgroep", "herkomst", "client"):
        assert list(getattr(a, column)) == list(getattr(b, column)), column
    assert b.start[0] == MISSING


def test_windows_1252_and_bad_cells_are_located(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(
        (HEADER + "\n" + row("A", "2027-13-01 08:00", herkomst="Mook en Middelaar") + "\n").encode("cp1252")
        + row("B", "2027-01-01 08:00", groep="onbekend", cijfer="12").encode("cp1252")
        + b"\n"
    )
    with pytest.raises(InputError) as err:
        read_clients(path)
    messages = [p.format() for p in err.value.problems]
    assert any(msg.startswith(f"{path}:2:5: datum_melding") for msg in messages)
    assert any(msg.startswith(f"{path}:3:2: doelgroep") for msg in messages)
    assert any(msg.startswith(f"{path}:3:11: tevredenheid") and "1 tot en met 10" in msg for msg in messages)


def test_exit_before_report_is_refused(tmp_path):
    path = write_clients(tmp_path / "c.csv", [row("A", "2027-03-01 08:00", uit="2027-02-01")])
    with pytest.raises(InputError) as err:
        read_clients(path)
    assert err.value.problems[0].format() == f"{path}:2: datum_uitstroom ligt vóór datum_melding"


def test_cli_errors_are_located_with_exit_2(tmp_path):
    path = write_clients(tmp_path / "c.csv", [row("A", "2027-01-01 08:00") + ";x"], header=HEADER + ";naam")
    result = CliRunner().invoke(
        main, ["kpi", str(path), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]
    )
    assert result.exit_code == 2 and "naam" in result.output and "Traceback" not in result.output
    missing = CliRunner().invoke(
        main, ["kpi", str(tmp_path / "nope.csv"), "--tender", "voorbeeld-opvang", "--catalog", str(FIXTURE_CATALOG)]
    )
    assert missing.exit_code == 2 and "niet gevonden" in missing.output
    unknown = CliRunner().invoke(
        main, ["kpi", str(path), "--tender", "bestaat-niet", "--catalog", str(FIXTURE_CATALOG)]
    )
    assert unknown.exit_code == 2 and "voorbeeld-opvang" in unknown.output


def test_survey_is_validated_with_locations(tmp_path):
    good = tmp_path / "s.yaml"
    good.write_text(
        "aanbieder: Test\nmetingen:\n  - metric: ketenpartner_oordeel\n    datum: 2027-06-30\n    gemiddelde: 7.8\n"
        "    respondenten: 14\n",
        encoding="utf-8",
    )
    survey = read_survey(good)
    assert survey.measurements[0].mean == 7.8 and survey.measurements[0].respondents == 14
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "metingen:\n  - metric: ketenpartner_oordeel\n    datum: 2027-06-30\n    gemiddelde: 11\n    respondenten: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_survey(bad)
    assert err.value.problems[0].format().startswith(f"{bad}:4:17:") and "te groot" in err.value.problems[0].message
    broken = tmp_path / "broken.yaml"
    broken.write_text("metingen: [\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_survey(broken)
    assert "ongeldige YAML" in err.value.problems[0].message
