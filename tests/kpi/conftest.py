"""Helpers for the KPI tests: write hand-built registrations and evaluate the fixture tender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog

FIXTURE_CATALOG = Path(__file__).resolve().parents[1] / "fixtures" / "catalog"
HEADER = (
    "client_id;doelgroep;gemeente_herkomst;gemeente_opvang;datum_melding;opvang_nodig;datum_plan;"
    "datum_start_opvang;datum_uitstroom;doelen_behaald;tevredenheid"
)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(FIXTURE_CATALOG)


def write_clients(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def row(
    cid: str,
    melding: str,
    *,
    groep: str = "acuut",
    herkomst: str = "Venlo",
    opvang: str = "",
    nodig: str = "",
    plan: str = "",
    start: str = "",
    uit: str = "",
    doelen: str = "",
    cijfer: str = "",
) -> str:
    return ";".join((cid, groep, herkomst, opvang, melding, nodig, plan, start, uit, doelen, cijfer))


PEIL = dt.date(2027, 12, 31)
