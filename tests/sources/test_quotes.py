"""Locating a requirement's text in its source: unbroken, with […], out of order, not found; tolerant of
exactly the noise of a PDF extraction (tests/fixtures/catalog/bronnen/999_0000000000000000.txt)."""

from __future__ import annotations

from functools import cache

import pytest

from generator.catalog.load import load_catalog
from generator.sources.library import load_sources
from generator.sources.passages import parse
from generator.sources.quotes import SourceIndex
from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, SEEDS

DOCUMENT = "999_0000000000000000.txt"


@cache
def fixture() -> SourceIndex:
    return load_sources(load_catalog(FIXTURE_CATALOG), FIXTURE_CATALOG / "bronnen").documents[DOCUMENT].index


@cache
def real(document: str) -> SourceIndex:
    return load_sources(load_catalog(REAL_CATALOG), SEEDS).documents[document].index


def test_exact_text_is_one_passage():
    match = fixture().locate("Na melding wordt in 100% van de gevallen binnen 48 uur een plan opgesteld.")
    assert match.found and match.reason is None
    assert match.passages == (9,) and match.quoted == (9,) and match.first == 9
    [(start, end)] = match.ranges
    text = fixture().parsed.layout.text
    assert text[start:end] == "Na melding wordt in 100% van de gevallen binnen 48 uur een plan \n\nopgesteld"


def test_two_sentences_of_one_item():
    match = fixture().locate("Cliënten geven gemiddeld minimaal een 7,5. De wachttijd is zo kort als mogelijk.")
    assert match.passages == (11, 12)


@pytest.mark.parametrize("mark", ["[…]", "[...]", "[ … ]"])
def test_omissions_marked_with_brackets(mark):
    match = fixture().locate(f"Minimaal 80% van de cliënten {mark} binnen 48 uur een plan opgesteld.")
    assert match.found, match.reason
    assert match.passages == (8, 9) and match.quoted == (8, 9) and len(match.ranges) == 2


def test_omission_spanning_passages_counts_only_the_quoted_ones():
    match = fixture().locate("Minimaal 80% van de cliënten […] De wachttijd is zo kort als mogelijk.")
    assert match.passages == (8, 9, 10, 11, 12)  # spanned, first to last
    assert match.quoted == (8, 12)  # the passages left out by […] are not quoted


def test_parts_out_of_order():
    match = fixture().locate(
        "Na melding wordt in 100% van de gevallen binnen 48 uur een plan opgesteld. […] "
        "Minimaal 80% van de cliënten stroomt duurzaam uit."
    )
    assert not match.found and match.passages == ()
    assert match.reason.startswith("deel 2 van 2 ('Minimaal 80% van de cliënten stroomt…')")
    assert "staat in de bron vóór deel 1" in match.reason


def test_not_found_says_where_the_text_leaves_the_source():
    match = fixture().locate("Minimaal 90% van de cliënten stroomt duurzaam uit.")
    assert not match.found
    assert match.reason == (
        "de tekst staat niet als één doorlopende passage in de bron: '…Minimaal' klopt, daarna wijkt "
        "'90% van de cliënten stroomt duurzaam…' af (of is weggelaten zonder […])"
    )
    unknown = fixture().locate("Geheel verzonnen zin.")
    assert unknown.reason.endswith("het eerste woord ('Geheel') staat er niet")


def test_splice_without_mark_is_not_one_passage():
    match = fixture().locate("Minimaal 80% van de cliënten stroomt duurzaam uit. De wachttijd is zo kort als mogelijk.")
    assert not match.found
    assert "'…van de cliënten stroomt duurzaam uit' klopt, daarna wijkt 'De wachttijd is zo kort als…'" in (
        match.reason
    )


@pytest.mark.parametrize(
    "text",
    [
        "minimaal 80%   van de\ncliënten STROOMT duurzaam uit",  # case and whitespace
        "De gemeente Voorbeeldstad koopt met deze opdracht opvang in voor dak- en thuisloze inwoners",  # thuis-\nloze
        "voor dak– en thuis-loze inwoners van Voorbeeldstad",  # dash variant, hyphen kept
        "De opdrachtnemer verwacht daarnaast dat de gemeente de wijkteams betrekt bij elke uitstroom.",  # page break
        "Het gaat om 20 opvangplekken. 3. KPI's Voor de opdracht gelden",  # glued footnote number, heading
        "3. KPI’s",  # quote variant
        "• Minimaal 80% van de cliënten stroomt duurzaam uit.",  # a bullet glyph
        "Voor de opdracht gelden de volgende prestatie-indicatoren:\no Minimaal 80% van de cliënten",  # "o" bullet
    ],
)
def test_tolerates_extraction_noise(text):
    match = fixture().locate(text)
    assert match.found, match.reason


@pytest.mark.parametrize(
    "text",
    [
        "Minimaal 80% van de cliënten stroomt uit.",  # a word left out
        "Minimaal 80% van alle cliënten stroomt duurzaam uit.",  # a word changed
        "Minimaal 80% van de cliënten stroomt snel en duurzaam uit.",  # a word added
        "80% van de cliënten stroomt minimaal duurzaam uit.",  # words moved
        "Het budget is maximaal € 1.000.001 per jaar.",  # a number changed
        "dak- en thuis loze inwoners",  # a word split that the source writes as one
    ],
)
def test_tolerates_nothing_more(text):
    assert not fixture().locate(text).found


def test_a_footnote_is_a_flow_of_its_own():
    note = fixture().locate("Het aantal plekken kan per jaar met 10% wijzigen.")
    assert note.found and note.passages == (14,)
    into_note = fixture().locate("dat de gemeente de Het aantal plekken kan per jaar")
    assert not into_note.found


def test_html_in_a_text_is_compared_as_words():
    match = fixture().locate("De monitor <script>alert('x')</script> wordt **jaarlijks** besproken.")
    assert match.found and match.passages == (25,)


def test_a_text_without_words():
    match = fixture().locate(" […] ")
    assert not match.found and match.reason == "de tekst bevat geen woorden"


def test_real_sources_glued_footnote_references_labels_and_table_wraps():
    amersfoort = real("004_7e859d5f2885d0ff.txt")
    # "... ondersteuningscontinuüm.1 Veenendaal": the footnote number behind the full stop
    assert amersfoort.locate("voor een breed ondersteuningscontinuüm. Veenendaal wordt in de aanbesteding").found
    # "de Regiovisie OMNV3." and "wordeni." (endnote i): references glued to the word
    assert amersfoort.locate("Het kader voor deze aanbesteding vormt de Regiovisie OMNV.").found
    assert amersfoort.locate(
        "Daarnaast dient het uitvoeringsplan Brede aanpak- dak en thuisloosheid uitgevoerd te worden."
    ).found
    # a table cell wrapped inside a word without a hyphen: "doorstroomprobleme" + "n"
    assert amersfoort.locate("34 cliënten per jaar streven, 28 realistisch door doorstroomproblemen").found
    limburg = real("001_5f4123955536838b.txt")
    # the label "a." of a list item left out
    assert limburg.locate(
        "De aanbieder geeft de cliënt regie over zijn/ haar opvangtraject door minimaal: De cliënt te informeren"
    ).found
    # "wijk1," and "gezinnen3": the footnote reference inside the sentence
    assert limburg.locate("kleinschalige maatschappelijke opvangvoorzieningen in de wijk, dichtbij het sociale").found
    # "her-\n\ninstroom" written as one word or with its hyphen
    assert limburg.locate("Registratie van datum uitstroom en datum herinstroom door opdrachtnemer.").found
    assert limburg.locate("Registratie van datum uitstroom en datum her-instroom door opdrachtnemer.").found


def test_a_text_that_stands_twice_is_found_in_its_section():
    parsed = parse("1. Eerste \n\nDezelfde zin staat hier. \n\n2. Tweede \n\nDezelfde zin staat hier. \n")
    index = SourceIndex(parsed)
    assert [p.anchor for p in parsed.passages] == ["p-1", "p-2", "p-3", "p-4"]
    assert index.locate("Dezelfde zin staat hier.").passages == (2,)  # the first
    assert index.locate("Dezelfde zin staat hier.", "2 Tweede").passages == (4,)
    assert index.locate("Dezelfde zin staat hier.", "9 Elders").passages == (2,)
