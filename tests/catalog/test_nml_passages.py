"""Every Noord- en Midden-Limburg text is one unbroken passage of Bijlage L, or marks each omission with [...].

``test_fidelity`` only asks that most word triples of a text occur somewhere in the source, so two
sentences from different places joined into one text pass it. Here each piece of a text between the
``[…]`` marks must stand in the source as one run of words. What PDF extraction put in the middle of a
passage does not count as an omission: footnotes at the bottom of a page, web addresses, page headers,
footnote numbers stuck to a word ("wijk1") and list labels (a., b., o, 1.).
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.catalog.seed_norms import real_catalog
from tests.conftest import SEEDS

SEED = SEEDS / "001_5f4123955536838b.txt"
TENDER = "noord-midden-limburg-mo"
OMISSION = "[…]"

# A web address, also one broken over a line ("...rapport-cie-" / "dannenberg").
_URL = re.compile(r"https?://\S+?-\s*\n\s*[\w./-]+(?=\s*\n)|https?://\S+")
_HEADER = re.compile(r"Segment: Maatschappelijke Opvang\s+\d+")
# A footnote "N text" (N = 1..8) at the foot of a page, continued by the lines that do not start the next
# page (those start with a space), also over one blank line when the note goes on in lower case.
_FOOTNOTE = re.compile(r"(?m)^(?:• )?[1-8] +\S[^\n]*(?:\n(?:\n(?=[a-z]))?(?! |\n)[^\n]+)*")
_MARKER_AFTER = re.compile(r"^([a-zà-ÿ]{3,})\d$")  # wijk1, basis7
_MARKER_BEFORE = re.compile(r"^\d([a-zà-ÿ]{3,})$")  # 4voor


def words(text: str) -> list[str]:
    """Lower-case words, joined over a line-break hyphen, without footnote numbers and one-letter labels."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    out = []
    for word in re.findall(r"[0-9a-zà-ÿ]+", text.lower()):
        word = _MARKER_BEFORE.sub(r"\1", _MARKER_AFTER.sub(r"\1", word))
        if len(word) > 1:
            out.append(word)
    return out


@cache
def seed_runs() -> tuple[str, str]:
    """The seed as one string of words: as extracted, and without footnotes, web addresses and page headers."""
    raw = SEED.read_text(encoding="utf-8")
    clean = _FOOTNOTE.sub(" ", _HEADER.sub(" ", _URL.sub(" ", raw)))
    return tuple(f" {' '.join(words(text))} " for text in (raw, clean))


def is_passage(text: str) -> bool:
    """Whether *text* stands in the seed as one run of words (footnotes themselves are passages too)."""
    run = f" {' '.join(words(text))} "
    return any(run in seed for seed in seed_runs())


NML = [req for req in real_catalog().tender(TENDER).requirements]


@pytest.mark.parametrize("req", NML, ids=lambda r: r.id)
def test_text_is_one_passage_or_marks_its_omissions(req):
    for piece in req.text.split(OMISSION):
        if words(piece):
            assert is_passage(piece), f"{req.id}: niet één doorlopende passage van de bron: {piece.strip()[:120]!r}"


# Texts that joined sentences which are not adjacent in the source; they now mark the passage left out.
MARKED = ["NML-SRV-18", "NML-SRV-26", "NML-SRV-33", "NML-SRV-38", "NML-QUA-04", "NML-QUA-05", "NML-QUA-06",
          "NML-ACM-10", "NML-KPI-02", "NML-KPI-11", "NML-KPI-12", "NML-KPI-13", "NML-GOV-17", "NML-DEV-07",
          "NML-DEV-09", "NML-DEV-10", "NML-DEV-11",
          # a sentence left out, or a footnote quoted after the text it belongs to
          "NML-COO-01", "NML-COO-02", "NML-ACM-02", "NML-SRV-10"]  # fmt: skip


@pytest.mark.parametrize("req_id", MARKED)
def test_a_splice_is_caught_without_its_mark(req_id):
    """The check is not vacuous: without the [...] these texts are not one passage of the source."""
    text = real_catalog().requirement(req_id).text
    assert OMISSION in text
    assert not is_passage(text.replace(OMISSION, " "))


def test_restored_sentences():
    """Texts that silently dropped a sentence now carry it, so the passage runs on unbroken."""
    catalog = real_catalog()
    assert "Zij komen uit instabiele, overbelaste, ontregelde, door stress en problemen geplaagde gezinnen." in (
        " ".join(catalog.requirement("NML-SRV-23").text.split())
    )
    assert "Als het voor mensen mogelijk is binnen het eigen netwerk te verblijven" in (
        " ".join(catalog.requirement("NML-SRV-39").text.split())
    )
    documentation = " ".join(catalog.requirement("NML-GOV-15").text.split())
    assert "Iedereen onder een dak; website gelanceerd in navolging van de Brede Aanpak" in documentation


def test_extraction_noise_is_no_omission():
    """A footnote and a page header in the middle of a passage do not break it (NML-SRV-05, NML-DEV-05)."""
    assert is_passage(
        "Hiervoor worden door de opdrachtnemer de noodzakelijke verbindingen gelegd met het sociale netwerk"
    )
    assert is_passage("Om te komen tot de herijkte visie worden in de loop van 2021 verschillende gespreksrondes")
    assert not is_passage("Hiervoor worden door de opdrachtnemer de noodzakelijke verbindingen gelegd met de wijk")
