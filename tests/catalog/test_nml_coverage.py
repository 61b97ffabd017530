"""Every passage of Bijlage L is accounted for (issue 11, point 8): quoted by a Noord- en Midden-Limburg
requirement, or marked as background in its tender.yaml with a reason.

These tests pin the decisions, so that a regression shows: ``opvang coverage`` leaves no passage open
(:data:`OPEN` lists the ones left, none); the only passages that bind or ask and are background anyway
are the two of :data:`BINDING_BACKGROUND`, each for a stated reason; and the entry that marks the rest of
§7.5 as background (a quote marks only the first passage with its words, and the KPI table repeats its
column headings) covers table headings and footnote 8 only, never a KPI.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache

from click.testing import CliRunner

from generator.cli import main
from generator.sources.coverage import TenderCoverage, tender_coverage
from generator.sources.headings import section_matches
from generator.sources.library import load_sources
from generator.sources.signals import load_terms, terms_beside
from tests.catalog.seed_norms import real_catalog
from tests.conftest import REAL_CATALOG, SEEDS

TENDER = "noord-midden-limburg-mo"
KPI_SECTION = "7.5 Bijbehorende Kritische Prestatie Indicatoren (KPI's)"

# The passages left open: none (each passage was either quoted or is background).
OPEN: list[str] = []

# Passages with a word that binds or asks which are background all the same: (first words, why).
BINDING_BACKGROUND = [
    # footnote 8 repeats footnote 7 word for word; NML-SRV-26 and NML-SRV-33 quote it (see below)
    ("O.a. aanvragen of verstrekken briefadres", "voetnoot 8"),
    # chapter 8 a) describes the current practice in Weert (2019), not what the new provider must do
    ("Gezinsopvang is vergelijkbaar aan de werkwijze trajectbed", "huidige situatie"),
]

# What §7.5 leaves as background: the headings of the KPI table and footnote 8, in document order.
KPI_SECTION_BACKGROUND = [
    "1. t.a.v. de kortdurende opvang zo dicht als mogelijk bij het eventuele netwerk van de inwoner.",
    "Omschrijving Wijze van monitoring",
    "O.a. aanvragen of verstrekken briefadres,",
    "2. t.a.v. het bewerkstelligen van duurzame uitstroom.",
    "Omschrijving Wijze van monitoring",
    "3. t.a.v. het proces van maatschappelijke opvang.",
    "Omschrijving Wijze van monitoring",
    "4. t.a.v. de toename van het draagvlak.",
    "Omschrijving Wijze van monitoring",
]


def _text(passage) -> str:
    return " ".join(passage.text.split())


@cache
def _sources():
    return load_sources(real_catalog(), SEEDS, [real_catalog().tender(TENDER)])


def _coverage(background: bool = True) -> TenderCoverage:
    tender = real_catalog().tender(TENDER)
    if not background:
        tender = replace(tender, background=())
    return tender_coverage(tender, _sources().for_tender(tender), load_terms(terms_beside(REAL_CATALOG)))


def test_the_report_covers_every_passage_that_binds_or_asks():
    result = CliRunner().invoke(main, ["coverage", TENDER, "--format", "json", "--catalog", str(REAL_CATALOG)])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)["tenders"]
    assert report["binding"]["share"] == 100.0
    assert report["binding"]["open"] == 0
    assert [p["text"] for p in report["open_passages"]] == OPEN
    assert report["all"]["open"] == len(OPEN)
    assert report["all"]["share"] == 100.0
    assert report["problems"] == [] and report["unfaithful"] == []
    text = CliRunner().invoke(main, ["coverage", TENDER, "--catalog", str(REAL_CATALOG)]).stdout
    assert re.search(r"bindend of vragend: 100% van \d+ passages gedekt, 0 open", text), text


def test_background_that_binds_or_asks_is_only_the_listed_passages():
    coverage = _coverage()
    found = [(_text(p.passage), p.reason or "") for p in coverage.passages if p.status == "achtergrond" and p.binding]
    assert len(found) == len(BINDING_BACKGROUND)
    for (text, reason), (start, why) in zip(found, BINDING_BACKGROUND, strict=True):
        assert text.startswith(start), text
        assert why in reason, reason


def test_footnote_8_repeats_footnote_7_which_two_requirements_quote():
    coverage = _coverage()
    notes = [p for p in coverage.passages if _text(p.passage).startswith("O.a. aanvragen of verstrekken briefadres")]
    assert [p.passage.kind for p in notes] == ["voetnoot", "voetnoot"]
    seven, eight = notes
    assert _text(seven.passage) == _text(eight.passage)
    assert seven.status == "geciteerd" and set(seven.requirements) == {"NML-SRV-26", "NML-SRV-33"}
    assert eight.status == "achtergrond"


def test_the_kpi_section_is_background_only_for_its_table_headings():
    coverage = _coverage()
    in_section = [p for p in coverage.passages if section_matches(KPI_SECTION, p.passage.section)]
    background = [_text(p.passage) for p in in_section if p.status == "achtergrond"]
    assert len(background) == len(KPI_SECTION_BACKGROUND)
    for text, start in zip(background, KPI_SECTION_BACKGROUND, strict=True):
        assert text.startswith(start), text
    # every KPI row, its monitoring included, is quoted by a KPI requirement
    rows = [p for p in in_section if p.status == "geciteerd"]
    assert rows and all(any(r.startswith("NML-KPI-") for r in p.requirements) for p in rows)
    monitoring = [p for p in rows if _text(p.passage).startswith(("Registratie", "Opdrachtnemer"))]
    assert len(monitoring) == 12  # 3 for KPI-03, one each for KPI-04 to KPI-10, KPI-14 and KPI-15


def test_without_its_background_the_tender_leaves_passages_open():
    """The background entries do the work: without them the passages above are open again."""
    coverage = _coverage(background=False)
    open_texts = [_text(p.passage) for p in coverage.open_passages]
    assert coverage.binding_share < 100
    for start, _ in BINDING_BACKGROUND:
        assert any(text.startswith(start) for text in open_texts), start
    assert open_texts.count("Omschrijving Wijze van monitoring") == 4
