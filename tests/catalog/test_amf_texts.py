"""The Regio Amersfoort texts are faithful: one unbroken passage of the source, or omissions marked […].

test_fidelity.py checks this for the whole catalog with the source's layout; this test repeats it for
Amersfoort with plain word strings, so that a failure shows the piece itself. Every piece of a text
between two omission marks must stand in the source as one run of words. The comparison ignores what
PDF extraction scatters through the text: case, punctuation, bullets, line breaks, words hyphenated
over two lines, footnote numbers glued to the word they follow, and the footnotes at the bottom of a
page, which are read as runs of their own (a text may quote a footnote after an omission mark).

The tables and the risk table are rendered cell by cell, with dashes and semicolons between the
cells and no words of their own. Two tables are left to test_fidelity.py: the extraction broke words
of their cells over two lines without a hyphen ("verblijfsduu r"), which plain word strings cannot
join.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.catalog.seed_norms import in_seed, real_catalog
from tests.conftest import SEEDS

SEED = SEEDS / "004_7e859d5f2885d0ff.txt"
TENDER = "amersfoort-mo-vo"
OMISSION = "[…]"

TABLE_RENDERINGS = {
    "AMF-ACM-07": "tabel huidige MO-plekken Kwintes",
    "AMF-ACM-10": "tabel huidige VO-plekken Kwintes",
}

# The footnotes at the bottom of a page interrupt the running text: "1 We hebben op 9 juli 2020 ...".
_FOOTNOTE = re.compile(
    r"^[1-7] (?:We hebben op 9 juli|Op zijn vroegst|In oktober vast|Dan moeten we ook|Onduidelijk is welk|"
    r"Staatssecretaris|Het gaat dan om)[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*",
    re.MULTILINE,
)
_URL = re.compile(r"https?://\S+")
_NOTE_NUMBER = re.compile(r"(?<=[a-zà-ÿ)])\d(?=[\s.,;:)”])")  # "aanbesteding4." -> "aanbesteding."
_WORD = re.compile(r"[0-9a-zà-ÿ]+")


def words(text: str) -> str:
    """*text* as lower-case words separated by one space, with extraction noise removed."""
    text = _URL.sub(" ", text).lower()
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)  # a word hyphenated over two lines
    text = re.sub(r"(\w)-(\w)", r"\1\2", text)  # and the same compound written on one line
    text = _NOTE_NUMBER.sub("", text).replace("wordeni.", "worden.")  # endnote mark i
    return " ".join(_WORD.findall(text))


@cache
def seed_words() -> str:
    """The running text, then each footnote on its own: a piece never runs from the text into a footnote."""
    text = SEED.read_text(encoding="utf-8")
    runs = [_FOOTNOTE.sub(" ", text), *(note.group(0) for note in _FOOTNOTE.finditer(text))]
    return " | ".join(f" {words(run)} " for run in runs)


def pieces(text: str) -> list[str]:
    return [words(piece) for piece in text.split(OMISSION) if words(piece)]


def _prose():
    return [r for r in real_catalog().tender(TENDER).requirements if r.id not in TABLE_RENDERINGS]


@pytest.mark.parametrize("req", _prose(), ids=lambda r: r.id)
def test_text_is_one_passage_or_marks_its_omissions(req):
    for piece in pieces(req.text):
        assert f" {piece} " in seed_words(), f"{req.id}: staat niet aaneengesloten in de bron: {piece!r}"


def test_the_check_catches_a_splice():
    """Two sentences that are not adjacent in the source, joined without a mark, fail the check."""
    joined = (
        "Door het bieden van individuele plekken kunnen mensen (sneller) herstellen en kan de onrust die er is "
        "gestabiliseerd worden. Het is de afgelopen maanden gebleken dat deze vorm van opvang"
    )
    assert not all(f" {piece} " in seed_words() for piece in pieces(joined))
    marked = joined.replace("worden. Het", f"worden. {OMISSION} Het")
    assert all(f" {piece} " in seed_words() for piece in pieces(marked))


@pytest.mark.parametrize(
    ("req_id", "restored"),
    [
        ("AMF-ACM-03", "Gezamenlijk met de begeleiders kan er vervolgens gekeken worden welke begeleiding"),
        ("AMF-GOV-06", "De fysieke overlegtafel kent een beperkt aantal stoelen"),
        ("AMF-KPI-01", "Dit vraagt van gemeenten om voldoende betaalbare woonplekken beschikbaar te hebben"),
    ],
)
def test_spliced_texts_are_whole_again(req_id, restored):
    """The passage that a spliced text silently dropped is back in it."""
    text = real_catalog().requirement(req_id).text
    assert restored in text
    assert OMISSION not in text
    assert in_seed(SEED.name, restored)


@pytest.mark.parametrize(
    ("req_id", "marks", "moved_to"),
    [
        # the functions of OMNV and the prevention in the wijk now stand on their own
        ("AMF-SRV-08", 2, ("AMF-QUA-07", "AMF-ACC-10")),
        # the point between the two items of the list "Daarbij vinden we het volgende belangrijk"
        ("AMF-SRV-16", 1, ("AMF-ACC-09",)),
        # the delivery and payment rules between the two sentences about the procurement
        ("AMF-GOV-10", 1, ("AMF-ACC-07", "AMF-FIN-06")),
    ],
)
def test_omissions_are_marked_and_say_where_the_text_went(req_id, marks, moved_to):
    req = real_catalog().requirement(req_id)
    assert req.text.count(OMISSION) == marks
    for other in moved_to:
        assert other in req.note
        assert real_catalog().requirement(other).tender == TENDER


# (new requirement id, obligation, phrase of the source that asks something)
# fmt: off
ADDED = [
    ("AMF-ACC-10", "wens", "We willen voorkomen dat inwoners hun dak kwijt raken"),
    ("AMF-ACM-14", "wens", "Dit vraagt aandacht voor bijvoorbeeld bankslapers."),
    ("AMF-ACM-15", "info", "moeten er meer passende woonvormen/woningen komen"),
    ("AMF-COO-13", "wens", "Dat vraagt om slimme en sterke verbindingen tussen OMNV en de andere onderdelen"),
    ("AMF-GOV-13", "info", "Het kader voor deze aanbesteding vormt de Regiovisie OMNV"),
    ("AMF-GOV-14", "info", "De uiteindelijke toewijzing is een professionele afweging die gemotiveerd plaatsvindt."),
    ("AMF-QUA-07", "wens", "De leidende vraag moet zijn: wat kan iemand, wat wil iemand bereiken"),
    ("AMF-SAF-04", "wens", "gedeelde kennis over werken aan veiligheid in gezinnen in de thuissituatie essentieel"),
    ("AMF-SRV-18", "wens", "het principe van scheiden van wonen en zorg verder doorgevoerd wordt"),
    ("AMF-SRV-19", "wens", "het belang van een samenhangend plan voor alle mensen in het huishouden"),
    ("AMF-SRV-20", "wens", "zijn meer woonplekken dan opvangplekken nodig"),
]
# fmt: on


@pytest.mark.parametrize(("req_id", "obligation", "phrase"), ADDED, ids=[row[0] for row in ADDED])
def test_passages_that_ask_something_are_in_the_catalog(req_id, obligation, phrase):
    req = real_catalog().requirement(req_id)
    assert req.tender == TENDER
    assert req.obligation == obligation
    assert phrase in req.text
    assert in_seed(SEED.name, phrase)
    assert not req.norms  # none of them states a checkable number


def _duty_clauses() -> list[str]:
    """The words around every "moet", "moeten", "dient" or "verplicht" of the source, within its clause.

    A clause ends at punctuation; four words before and two after the verb are enough to find it again
    and short enough not to run into the next cell of a table. "Moed Moet" (a policy) and "een ander doel
    dient" (serves) ask nothing.
    """
    text = _URL.sub(" ", _FOOTNOTE.sub(" ", SEED.read_text(encoding="utf-8")))
    tokens = re.findall(r"[0-9A-Za-zÀ-ÿ]+(?:-[0-9A-Za-zÀ-ÿ]+)*|[.?!:;•]", re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text))
    clauses = []
    for index, token in enumerate(tokens):
        if token.lower() not in ("moet", "moeten", "dient", "dienen", "verplicht"):
            continue
        if tokens[index - 1].lower() == "moed" or (token == "dient" and tokens[index + 1] == "dan"):
            continue
        left = index
        while left > 0 and index - left < 4 and tokens[left - 1] not in ".?!:;•":
            left -= 1
        right = index
        while right + 1 < len(tokens) and right - index < 2 and tokens[right + 1] not in ".?!:;•":
            right += 1
        clauses.append(words(" ".join(tokens[left : right + 1])))
    return clauses


def test_every_moet_of_the_source_is_in_the_catalog():
    """Each duty the source states ("moet", "dient") stands in the text or the note of some requirement."""
    catalog_text = " ".join(
        f" {words(r.text)} {words(r.note or '')} " for r in real_catalog().tender(TENDER).requirements
    )
    clauses = _duty_clauses()
    assert len(clauses) >= 18
    assert "de leidende vraag moet zijn" in clauses
    missing = [clause for clause in clauses if f" {clause} " not in catalog_text]
    assert not missing, missing


def test_background_quotes_stand_in_the_source_and_hide_no_requirement():
    """Each passage set aside as background starts with words of the source that no requirement text uses."""
    tender = real_catalog().tender(TENDER)
    assert tender.background
    texts = " ".join(f" {words(r.text)} " for r in tender.requirements)
    for item in tender.background:
        assert item.quote and item.reason
        assert in_seed(SEED.name, item.quote), item.quote
        assert f" {words(item.quote)} " not in texts, item.quote
