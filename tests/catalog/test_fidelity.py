"""The catalog is faithful to its sources: texts come from the seed, norms from the texts.

Every requirement's text must be (nearly) literally in its seed document: at least 80% of the word
trigrams of the text occur in the seed, after normalising case, punctuation and the line breaks
and hyphenation that PDF extraction leaves behind.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from generator.catalog.load import load_catalog
from tests.conftest import REAL_CATALOG, SEEDS

CATALOG = load_catalog(REAL_CATALOG)


def _tokens(text: str) -> list[str]:
    text = re.sub(r"<[a-zA-Z/][^<>]*>", " ", text)  # HTML tags left by extraction
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # words broken over lines
    return re.findall(r"[0-9a-zà-ÿ]+", text.lower())


@cache
def _seed_trigrams(document: str) -> frozenset[tuple[str, ...]]:
    words = _tokens((SEEDS / document).read_text(encoding="utf-8"))
    grams = set(zip(words, words[1:], words[2:], strict=False))
    # also allow words joined across a hyphen the author removed ("her- instroom" -> "herinstroom")
    joined = _tokens(re.sub(r"(\w)-\s+(\w)", r"\1\2", (SEEDS / document).read_text(encoding="utf-8")))
    grams.update(zip(joined, joined[1:], joined[2:], strict=False))
    return frozenset(grams)


@pytest.mark.parametrize("req", CATALOG.requirements, ids=lambda r: r.id)
def test_text_is_taken_from_the_seed(req):
    words = _tokens(req.text)
    grams = list(zip(words, words[1:], words[2:], strict=False))
    if len(grams) < 2:
        pytest.skip("te kort om te vergelijken")
    seed = _seed_trigrams(req.source.document)
    found = sum(gram in seed for gram in grams)
    assert found / len(grams) >= 0.8, f"{req.id}: {found}/{len(grams)} woordreeksen staan in de bron"


def test_every_tender_has_requirements_with_norms():
    assert len(CATALOG.tenders) == 5
    for tender in CATALOG.tenders:
        assert tender.requirements, tender.id
        assert any(req.norms for req in tender.requirements), tender.id
    assert len(CATALOG.requirements) > 100
