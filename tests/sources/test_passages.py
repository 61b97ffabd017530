"""Passages of the five real source documents: hand-checked headings, lists, sentences over page
breaks and line-break hyphenation, read through the page layout of the PDF extractions."""

from __future__ import annotations

from functools import cache

import pytest

from generator.catalog.load import load_catalog
from generator.sources.layout import analyse
from generator.sources.library import load_sources
from generator.sources.passages import Passage, parse
from tests.conftest import REAL_CATALOG, SEEDS

GEZINSOPVANG = "000_9ff5859c41f28b15.txt"
LIMBURG = "001_5f4123955536838b.txt"
HOUSING_FIRST = "002_039973594ab445da.txt"
DORDRECHT = "003_d6451788f3f8292f.txt"
AMERSFOORT = "004_7e859d5f2885d0ff.txt"


@cache
def _documents():
    return load_sources(load_catalog(REAL_CATALOG), SEEDS).documents


def passage(document: str, text: str) -> Passage:
    """The one passage of *document* whose text is exactly *text*."""
    found = [p for p in _documents()[document].passages if p.text == text]
    assert len(found) == 1, f"{len(found)} passages met tekst {text!r}"
    return found[0]


def containing(document: str, words: str) -> list[Passage]:
    return [p for p in _documents()[document].passages if words in p.text]


@pytest.mark.parametrize("document", [GEZINSOPVANG, LIMBURG, HOUSING_FIRST, DORDRECHT, AMERSFOORT])
def test_anchors_are_numbered_in_document_order(document):
    passages = _documents()[document].passages
    assert [p.anchor for p in passages] == [f"p-{n}" for n in range(1, len(passages) + 1)]
    main = [p for p in passages if p.kind != "voetnoot"]
    assert all(a.end <= b.start for a, b in zip(main, main[1:], strict=False))
    assert all(p.text and p.text == " ".join(p.text.split()) for p in passages)


# -- Valleiregio gezinsopvang (000): a table of labels and bullets ------------------------------------


def test_gezinsopvang_label_cell_is_a_heading_and_its_text_a_passage():
    heading = passage(GEZINSOPVANG, "Toekomstvisie")
    assert heading.kind == "kop" and heading.section == ("Toekomstvisie",)
    sentence = passage(
        GEZINSOPVANG, "De gemeente koopt met deze opdracht 12 MO-plekken voor gezinnen in voor de periode 2027-2030."
    )
    assert sentence.kind == "zin" and sentence.section == ("Toekomstvisie",)
    assert sentence.number == heading.number + 1


def test_gezinsopvang_bullets_are_items_also_over_a_blank_line():
    items = [p for p in _documents()[GEZINSOPVANG].passages if p.section == ("Verantwoordelijkheden aanbieder",)]
    assert [p.text for p in items if p.item] == [
        "Zorgen voor voldoende opvangplekken (minimaal 12)",
        "Directe opvang na toestemming gemeente (zelfde dag)",
        "Begeleiding gericht op zelfredzaamheid en participatie",
        "Actieve ondersteuning woningzoektocht (bij bijv. inschrijving, reageren, verbreden zoektocht)",
        "Zodra een woning beschikbaar is, stuurt de aanbieder actief op directe uitstroom naar de nieuwe woning",
    ]
    assert len({p.block for p in items if p.item}) == 5  # one list item each
    sub = passage(GEZINSOPVANG, "directe begeleiding gericht op stabilisatie, kindveiligheid en doorstroom;")
    assert sub.item and sub.section == ("Bekostiging",)  # an "o" bullet, its glyph not in the text


# -- Noord- en Midden-Limburg (001): numbered chapters, footnotes, page headers ----------------------


def test_limburg_nested_numbering_reads_like_the_catalog():
    heading = passage(LIMBURG, "5. Bijbehorende Kritische Prestatie Indicatoren (KPI’s) op cliënt en casusniveau")
    assert heading.kind == "kop" and heading.level == 1
    assert heading.section[0] == "7. Product/dienstbeschrijving"
    assert heading.section_label == "7.5 Bijbehorende Kritische Prestatie Indicatoren (KPI’s) op cliënt en casusniveau"


def test_limburg_sentence_runs_over_the_page_break_and_past_its_footnotes():
    sentence = passage(
        LIMBURG,
        "De opvanginstelling bepaalt, in samenwerking met Veilig Thuis, na een veiligheidsbeoordeling, wat de best "
        "passende hulp is.",
    )
    assert sentence.section[1].startswith("B. In geval van huiselijk geweld")
    note = passage(
        LIMBURG,
        "Onder gezinnen verstaan we in deze opdrachtomschrijving minimaal een volwassene met minimaal één "
        "minderjarig kind.",
    )
    assert (note.kind, note.note, note.section) == ("voetnoot", "3", sentence.section)
    assert sentence.start < note.start < sentence.end  # the footnote stands inside the sentence's page break


def test_limburg_line_break_hyphenation_and_bullets():
    hyphenated = passage(LIMBURG, "Registratie van datum uitstroom en datum her-instroom door opdrachtnemer.")
    assert hyphenated.item
    arrow = passage(LIMBURG, "het voorkomen van huisuitzettingen (door huurachterstanden en/of overlast);")
    assert arrow.item and arrow.section == ("5. Segmentdoelstellingen", "A. Voorkomen van dak- en thuisloosheid")


def test_limburg_running_header_page_numbers_and_link_dumps_are_no_text():
    texts = [p.text for p in _documents()[LIMBURG].passages]
    assert not [t for t in texts if "Segment: Maatschappelijke Opvang" in t]
    assert not [t for t in texts if t.startswith("https://")]
    layout = analyse((SEEDS / LIMBURG).read_text(encoding="utf-8"))
    assert {layout.lines[n - 1].text.strip() for n in layout.noise} >= {"12", "26", "28"}


# -- Housing First (002): an HTML export with tabs ------------------------------------------------------


def test_housing_first_cells_and_html_lists():
    assert passage(HOUSING_FIRST, "8. Samenwerking en ketenafstemming").kind == "kop"
    assert passage(HOUSING_FIRST, "1. Realiseren van directe en duurzame huisvesting.").item
    assert passage(
        HOUSING_FIRST,
        "voldoen aan geldende eisen voor veiligheid, leefbaarheid en geschiktheid voor zelfstandige bewoning;",
    ).item
    bullet = passage(
        HOUSING_FIRST,
        "Ontwikkeltafel dak- en thuisloosheid (strategisch overleg over regionaal beleid en doorontwikkeling);",
    )
    assert bullet.item and bullet.section == ("8. Samenwerking en ketenafstemming",)
    continued = passage(
        HOUSING_FIRST,
        "Toegang tot Housing First vindt plaats via de daartoe ingerichte regionale besluitvormingsstructuur, "
        "conform het Programma van Eisen.",
    )
    assert continued.section == ("3. Doelgroep en toegang",)  # over a line break and an empty first cell
    assert not [p for p in _documents()[HOUSING_FIRST].passages if "<" in p.text or "style=" in p.text]


# -- Dordrecht (003): a form with lost bullet glyphs ----------------------------------------------------


def test_dordrecht_heading_over_two_lines_and_its_question():
    top = passage(DORDRECHT, "Ad 1 inhoudelijk invulling dienst")
    question = passage(DORDRECHT, "Geef een definitie van de dienstverlening")
    assert (top.level, question.level) == (0, 1)
    assert question.section == ("Ad 1 inhoudelijk invulling dienst", "Geef een definitie van de dienstverlening")


def test_dordrecht_lost_glyphs_still_make_items_and_a_page_break_splits_no_sentence():
    item = passage(DORDRECHT, "De ondersteuning is niet altijd planbaar;")
    assert item.item
    assert passage(
        DORDRECHT,
        "De ondersteuning is tijdelijk, tot maximaal één jaar, gelet op het ontwikkelpotentieel van de "
        "jongvolwassene tot zelfstandig wonen.",
    ).item  # the first line of a page: page start and lost glyph at once
    over_break = containing(DORDRECHT, "Middelengebruik, Basale ADL, Instrumentele ADL")
    assert len(over_break) == 1 and over_break[0].text.endswith("Justitie).")
    assert containing(DORDRECHT, "verslavings-hulpverlening")[0].item


# -- Amersfoort (004): two columns, footnotes above the text that refers to them, an endnote ---------


def test_amersfoort_headings_over_lines_and_after_a_sentence():
    heading = passage(
        AMERSFOORT, "Vraagstuk 1: beperken van instroom in de maatschappelijke opvang en plaats in continuüm"
    )
    assert heading.section[0] == "3. Opdracht in het sociaal domein" and heading.level == 1
    glued = passage(AMERSFOORT, "Huidige situatie")  # at the end of a line, after "... problematiek."
    assert glued.kind == "kop" and glued.section[0].startswith("2. Korte terugblik")
    assert passage(AMERSFOORT, "Eindnoot i").kind == "kop"


def test_amersfoort_sentence_over_a_link_dump_and_page_break():
    assert passage(AMERSFOORT, "Daarom willen we deze vorm van opvang meenemen in de bredere aanbesteding.")
    note = containing(AMERSFOORT, "Het gaat dan om een inwoner uit de gemeente")
    assert [p.kind for p in note] == ["voetnoot"] and note[0].note == "7"
    assert note[0].section[-1] == "Vraagstuk 4: lokaal wat kan, regionaal wat moet"


def test_amersfoort_footnote_number_after_a_full_stop_ends_the_sentence():
    ending = containing(AMERSFOORT, "sluit aan bij onze visie voor een breed ondersteuningscontinuüm.1")
    assert len(ending) == 1
    assert (
        passage(
            AMERSFOORT,
            "Veenendaal wordt in de aanbesteding OMNV niet meer meegenomen, omdat de gemeente Veenendaal per 2022 "
            "overstapt naar een andere regio.",
        ).number
        == ending[0].number + 1
    )


def test_without_catalog_names_numbered_chapters_are_still_found():
    parsed = parse((SEEDS / LIMBURG).read_text(encoding="utf-8"))
    top = [p.text for p in parsed.passages if p.heading and p.level == 0]
    assert {"7. Product/dienstbeschrijving", "8. Ontwikkelpotentieel", "9. Leveranciersmanagement"} <= set(top)
