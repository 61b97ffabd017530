"""The duty calendar: inside the contract only, never empty, one event per duty, reminders, VOG renewals.

Every calendar is parsed back with icalendar, as a calendar program would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.diagnostics import ValidationFailed
from generator.kpi.calendar import contract_days, duties, to_ics
from tests.conftest import REAL_CATALOG

NML = "noord-midden-limburg-mo"


@pytest.fixture(scope="module")
def limburg():
    return load_catalog(REAL_CATALOG).tender(NML)


def _events(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_limburg_2022_has_the_development_deadlines_and_no_duty_twice(limburg):
    events = _events(to_ics(limburg, 2022, duties(limburg, 2022)))
    by_day: dict = {}
    for event in events:
        by_day.setdefault((event.decoded("dtstart"), str(event["summary"]).split(" (")[0]), []).append(event)
    assert all(len(same) == 1 for same in by_day.values()), "no duty twice on the same day"
    deadlines = [e for e in events if str(e["summary"]).startswith("Termijn")]
    assert {e.decoded("dtstart") for e in deadlines} == {dt.date(2022, 12, 31)}
    assert any("NML-DEV-06" in str(e["summary"]) for e in deadlines)
    # the chain-partner survey of NML-KPI-14 and NML-COO-09 is one event naming both
    survey = [e for e in events if "NML-KPI-14" in str(e["summary"])]
    assert len(survey) == 1 and "NML-COO-09" in str(survey[0]["summary"])
    assert "NML-KPI-14" in str(survey[0]["description"]) and "NML-COO-09" in str(survey[0]["description"])


def test_limburg_2023_has_the_end_2023_deadlines(limburg):
    events = _events(to_ics(limburg, 2023, duties(limburg, 2023)))
    ids = " ".join(
        str(e["summary"])
        for e in events
        if e.decoded("dtstart") == dt.date(2023, 12, 29) or e.decoded("dtstart") == dt.date(2023, 12, 31)
    )
    assert "NML-DEV-08" in ids and "NML-DEV-11" in ids


def test_every_delivery_and_deadline_has_a_reminder_two_weeks_ahead(limburg):
    for event in _events(to_ics(limburg, 2024, duties(limburg, 2024))):
        categories = str(event.get("categories").to_ical())
        alarms = event.walk("VALARM")
        if "levering" in categories or "termijn" in categories:
            assert len(alarms) == 1 and alarms[0].decoded("trigger") == dt.timedelta(days=-14), event["summary"]


def test_a_year_outside_the_contract_is_refused_with_exit_1(tmp_path: Path):
    out = tmp_path / "plichten.ics"
    result = CliRunner().invoke(main, ["calendar", "--tender", NML, "--year", "2027", "-o", str(out)], env={})
    assert result.exit_code == 1
    assert "buiten het contract" in result.stderr and "2022 tot en met 2025" in result.stderr
    assert not out.exists()


def test_only_periods_inside_the_contract(limburg):
    first, last = contract_days(limburg, 2025)
    assert (first, last) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert all(d.day >= dt.date(2025, 1, 1) for d in duties(limburg, 2025))
    with pytest.raises(ValidationFailed):
        duties(limburg, 2019)


def test_an_empty_calendar_is_never_written(tmp_path: Path):
    out = tmp_path / "leeg.ics"
    result = CliRunner().invoke(
        main, ["calendar", "--tender", "valleiregio-housing-first", "--year", "2027", "-o", str(out)], env={}
    )
    assert result.exit_code == 1 and "geen plichten" in result.stderr
    assert not out.exists()


def test_a_vog_that_turns_three_in_the_year_gets_a_reminder_with_an_alarm(tmp_path: Path):
    roster = tmp_path / "personeel.csv"
    roster.write_text(
        "medewerker_id;soort;functie;niveau;datum_in_dienst;datum_uit_dienst;vog_datum\n"
        "M1;medewerker;begeleider;mbo-4;2021-03-01;;2021-06-15\n"  # three years old on 15-06-2024
        "M2;medewerker;begeleider;mbo-4;2023-01-01;;2023-01-01\n"  # only in 2026: not in 2024
        "M3;medewerker;begeleider;mbo-4;2019-01-01;2024-03-01;2021-08-01\n",  # left before: no reminder
        encoding="utf-8",
    )
    out = tmp_path / "plichten.ics"
    result = CliRunner().invoke(
        main, ["calendar", "--tender", NML, "--year", "2024", "--roster", str(roster), "-o", str(out)], env={}
    )
    assert result.exit_code == 0, result.output
    renewals = [e for e in _events(out.read_bytes()) if "VOG" in str(e["summary"])]
    assert len(renewals) == 1
    event = renewals[0]
    assert event.decoded("dtstart") == dt.date(2024, 6, 14)  # the last day it is at most three years old
    assert "M1" in str(event["summary"]) and "M2" not in str(event["summary"])
    assert [a.decoded("trigger") for a in event.walk("VALARM")] == [dt.timedelta(days=-42)]
    assert "Justis" in str(event["description"])


def test_the_same_catalog_and_year_give_the_same_bytes(limburg):
    assert to_ics(limburg, 2024, duties(limburg, 2024)) == to_ics(limburg, 2024, duties(limburg, 2024))


def test_a_newline_in_a_title_stays_on_one_line(limburg):
    from dataclasses import replace

    odd = replace(limburg, title="Opvang\nLimburg")
    assert b"Opvang Limburg" in to_ics(odd, 2024, duties(odd, 2024))
