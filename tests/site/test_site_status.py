"""The status of a tender on a reference date, on every page of the tender and in the list of tenders.

Hand-computed from the dates in tender.yaml: Noord- en Midden-Limburg ran from 1 January 2022 to
31 December 2025; Amersfoort began on 1 January 2023 and names no end; the fixture tender runs
from 1 January 2027 to 31 December 2030.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.site.assemble import build_pages
from generator.site.pages import status_sentence
from generator.site.status import ENDED, NO_END, NOT_STARTED, OPEN, RUNNING, tender_status
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG

D = dt.date


@pytest.fixture(scope="module")
def real():
    return load_catalog(REAL_CATALOG)


def test_limburg_ended_on_the_last_day_of_2025(real):
    nml = real.tender("noord-midden-limburg-mo")
    assert tender_status(nml, D(2021, 12, 31)).state == NOT_STARTED
    assert tender_status(nml, D(2022, 1, 1)).state == RUNNING
    assert tender_status(nml, D(2025, 12, 31)).state == RUNNING
    ended = tender_status(nml, D(2026, 1, 1))
    assert ended.state == ENDED and ended.label == "Afgelopen"
    assert status_sentence(ended) == "Het contract liep van 1 januari 2022 tot en met 31 december 2025."


def test_without_an_end_date_the_status_does_not_guess(real):
    amf = tender_status(real.tender("amersfoort-mo-vo"), D(2026, 11, 30))
    assert amf.state == NO_END and amf.label == "Begonnen, einde niet genoemd"
    assert status_sentence(amf) == (
        "Het contract begon op 1 januari 2023. Het document noemt geen einddatum; of het contract nog loopt, is er "
        "niet uit op te maken."
    )


def test_open_until_and_including_the_bid_deadline():
    tender = dataclasses.replace(load_catalog(FIXTURE_CATALOG).tender("voorbeeld-opvang"), bid_deadline=D(2026, 9, 15))
    state = tender_status(tender, D(2026, 9, 15))
    assert state.state == OPEN and state.label == "Open voor inschrijving"
    assert status_sentence(state) == (
        "Inschrijven kan tot en met 15 september 2026. Het contract loopt van 1 januari 2027 tot en met "
        "31 december 2030."
    )
    closed = tender_status(tender, D(2026, 9, 16))
    assert closed.state == NOT_STARTED
    assert status_sentence(closed) == (
        "Het contract begint op 1 januari 2027 en loopt tot en met 31 december 2030. De inschrijving sloot op "
        "15 september 2026."
    )
    unknown = tender_status(dataclasses.replace(tender, bid_deadline=None), D(2026, 9, 15))
    assert status_sentence(unknown).endswith("Het document noemt geen sluitingsdatum voor de inschrijving.")


def test_every_page_of_a_tender_shows_its_status(real):
    pages = {p.path: p.text for p in build_pages(real, reference=D(2026, 11, 30))}
    overview = pages["noord-midden-limburg-mo/index.md"]
    assert (
        '!!! warning "Status: Afgelopen"\n\n'
        "    Het contract liep van 1 januari 2022 tot en met 31 december 2025. Zie ook de toelichting bij de "
        "looptijd hieronder. Stand op 30 november 2026.\n"
    ) in overview
    assert overview.index("!!! warning") < overview.index("| Gegeven | Waarde |")
    vog = pages["noord-midden-limburg-mo/vog.md"]
    assert "Aanbesteding: [Opdrachtomschrijving Maatschappelijke Opvang" in vog
    assert "](index.md) (afgelopen) · " in vog
    assert '!!! note "Status: Begonnen, einde niet genoemd"' in pages["amersfoort-mo-vo/index.md"]
    assert '!!! info "Status: Contract nog niet begonnen"' in pages["valleiregio-gezinsopvang/index.md"]
    listing = pages["aanbestedingen.md"]
    assert "De status is de\nstand op 30 november 2026." in listing
    assert "| Aanbesteding | Regio | Opdrachtgever | Looptijd en status | Eisen |" in listing
    nml = next(line for line in listing.splitlines() if "noord-midden-limburg-mo/index.md" in line)
    assert "| 1 januari 2022 – 31 december 2025<br>**Afgelopen** |" in nml


def test_without_a_reference_date_there_is_no_status():
    pages = {p.path: p.text for p in build_pages(load_catalog(FIXTURE_CATALOG))}
    assert "Status" not in pages["voorbeeld-opvang/index.md"] and "Status" not in pages["aanbestedingen.md"]


def test_bid_deadline_is_read_from_tender_yaml_and_shown(catalog_copy: Path):
    path = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'bid_deadline: "2026-12-15"\n', encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    assert catalog.tender("voorbeeld-opvang").bid_deadline == D(2026, 12, 15)
    overview = {p.path: p.text for p in build_pages(catalog, reference=D(2026, 11, 30))}["voorbeeld-opvang/index.md"]
    assert '!!! success "Status: Open voor inschrijving"' in overview
    assert "| Inschrijven tot en met | 15 december 2026 |" in overview


def test_cli_peildatum(project: Path, tmp_path: Path):
    out = tmp_path / "site"
    args = ["site", "build", "--alleen-paginas", "-o", str(out), "--catalog", str(FIXTURE_CATALOG)]
    result = CliRunner().invoke(main, [*args, "--config", str(project), "--peildatum", "01-01-2031"], env={})
    assert result.exit_code == 0, result.output
    text = (out / "docs" / "voorbeeld-opvang" / "index.md").read_text(encoding="utf-8")
    assert '!!! warning "Status: Afgelopen"' in text and "Stand op 1 januari 2031." in text
    wrong = CliRunner().invoke(main, [*args, "--config", str(project), "--peildatum", "2026-02-30"], env={})
    assert wrong.exit_code == 2 and "'2026-02-30' is geen bestaande datum" in wrong.output
    assert "Traceback" not in wrong.output
