"""Every passage of the Amersfoort, Dordrecht and Housing First sources is accounted for (issue 11, point 8).

A passage is quoted by a requirement of its tender or marked as background in ``tender.yaml`` with a
reason. For these three tenders every passage that binds or asks something is covered and nothing is
left open; a new open passage (a text changed so that it no longer quotes a passage, a background entry
removed) fails here. Background may hold a passage with a binding word only where that word asks nothing
of a provider; those passages are reviewed and listed, so that a new one has to be looked at.

Counts as measured on the catalog when the review was done (``opvang coverage``); a change that moves
them on purpose updates them here.
"""

from __future__ import annotations

from functools import cache

import pytest

from generator.sources.coverage import TenderCoverage, tender_coverage
from generator.sources.library import load_sources
from generator.sources.signals import DEFAULT_TERMS, load_terms
from tests.catalog.seed_norms import real_catalog
from tests.conftest import SEEDS

# tender -> (passages quoted, passages background, open passages by anchor: none is left to decide)
EXPECTED = {
    "amersfoort-mo-vo": (399, 49, ()),
    "dordrecht-ib4-mo": (170, 21, ()),
    "valleiregio-housing-first": (82, 1, ()),
}

# Background passages with a word that binds or asks, and why they ask nothing of a provider:
# (tender, anchor, first words of the passage)
REVIEWED_BINDING_BACKGROUND = {
    # "Moed moet" is the name of the policy framework; the plan is the municipality's
    ("amersfoort-mo-vo", "p-53", "NB: Preventie- en verslavingsbeleid"),
    ("amersfoort-mo-vo", "p-89", "Met de regiogemeenten wordt op basis van Moed Moet"),
    # footnote 4: the municipalities must cancel their subsidies (AMF-TIM-01 holds that duty)
    ("amersfoort-mo-vo", "p-120", "Dan moeten we ook deze subsidieafspraken"),
    # a question of the template ("gewenste beweging")
    ("amersfoort-mo-vo", "p-410", "Wat wil je realiseren aan gewenste beweging"),
    # the form's question about converting current indications, answered "N.v.t."
    ("dordrecht-ib4-mo", "p-102", "Er kan sprake zijn van een huidige situatie"),
    # the form's instruction to whoever fills it in (the municipality's project team)
    ("dordrecht-ib4-mo", "p-149", "Wij verzoeken u vriendelijk"),
}


@cache
def _coverage(tender_id: str) -> TenderCoverage:
    catalog = real_catalog()
    tender = catalog.tender(tender_id)
    sources = load_sources(catalog, SEEDS, [tender])
    assert not sources.problems
    return tender_coverage(tender, sources.for_tender(tender), load_terms(DEFAULT_TERMS))


@pytest.mark.parametrize("tender_id", sorted(EXPECTED))
def test_every_passage_that_binds_or_asks_is_covered(tender_id):
    report = _coverage(tender_id)
    assert report.count(binding=True) > 0
    assert report.binding_share == 100.0
    assert not [p.passage.anchor for p in report.passages if p.binding and p.status == "open"]


@pytest.mark.parametrize("tender_id", sorted(EXPECTED))
def test_the_open_passages_are_exactly_the_listed_ones(tender_id):
    quoted, background, open_ = EXPECTED[tender_id]
    report = _coverage(tender_id)
    assert tuple(p.passage.anchor for p in report.open_passages) == open_
    assert (report.count("geciteerd"), report.count("achtergrond")) == (quoted, background)
    assert report.share == round(100 * (quoted + background) / (quoted + background + len(open_)), 1)


@pytest.mark.parametrize("tender_id", sorted(EXPECTED))
def test_every_background_entry_marks_something_and_every_text_is_one_passage(tender_id):
    report = _coverage(tender_id)
    assert report.problems == ()
    assert report.unfaithful == ()
    assert all(p.reason for p in report.passages if p.status == "achtergrond")


def test_background_that_holds_a_binding_word_is_reviewed():
    found = set()
    for tender_id in EXPECTED:
        for entry in _coverage(tender_id).passages:
            if entry.status == "achtergrond" and entry.binding:
                found.add((tender_id, entry.passage.anchor))
                listed = {(t, a): words for t, a, words in REVIEWED_BINDING_BACKGROUND}
                assert (tender_id, entry.passage.anchor) in listed, (tender_id, entry.passage.text)
                assert entry.passage.text.startswith(listed[(tender_id, entry.passage.anchor)])
    assert found == {(t, a) for t, a, _ in REVIEWED_BINDING_BACKGROUND}
