"""Shared paths and helpers for the self-assessment tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog"
REAL_CATALOG = REPO / "requirements"
NML = REAL_CATALOG / "noord-midden-limburg-mo"
EXAMPLES = REPO / "checklists" / "examples"
LIMBURG_ROSTER = HERE / "fixtures" / "personeel_limburg.csv"
PEILDATUM = dt.date(2026, 6, 1)
HEADER = (
    "medewerker_id,soort,functie,niveau,ervaring_jaren,skj,datum_in_dienst,datum_uit_dienst,"
    "vog_datum,toezicht_door,team"
)


def write_roster(path: Path, *rows: str, header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path
