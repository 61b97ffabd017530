"""Coverage of the fixture tender's source, hand-counted.

tests/fixtures/catalog/bronnen/999_0000000000000000.txt has 25 passages, 6 of them headings (which do
not count): 19 passages. The fixture's requirements quote 11 (p-8..p-12, p-19..p-22, p-24, p-25); open
are p-2, p-3, p-5, p-7, p-13, p-14 (the footnote), p-16, p-17. Words that bind or ask: p-3 "dient",
p-8 and p-11 "minimaal", p-13 "opdrachtnemer"/"verwacht", p-16 "maximaal", p-20 "altijd": 6, of which
3 are quoted.
"""

from __future__ import annotations

from pathlib import Path

from generator.catalog.load import load_catalog
from generator.sources.coverage import tender_coverage
from generator.sources.library import load_sources
from generator.sources.signals import find_signals, load_terms
from tests.catalog_edits import edit_requirement
from tests.conftest import FIXTURE_CATALOG


def coverage_of(catalog: Path):
    loaded = load_catalog(catalog)
    tender = loaded.tenders[0]
    source = load_sources(loaded, catalog / "bronnen").for_tender(tender)
    return tender_coverage(tender, source, load_terms())


def add_background(catalog: Path, *entries: str) -> None:
    """Append a ``background:`` list to the fixture tender (line 14 of tender.yaml; the entries below)."""
    path = catalog / "voorbeeld-opvang" / "tender.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\nbackground:\n"
    path.write_text(text + "".join(f"  - {entry}\n" for entry in entries), encoding="utf-8")


def anchors(entries) -> list[str]:
    return [entry.passage.anchor for entry in entries]


def test_fixture_coverage_by_hand():
    coverage = coverage_of(FIXTURE_CATALOG)
    assert (coverage.count(), coverage.count("geciteerd"), coverage.count("achtergrond"), coverage.count("open")) == (
        19,
        11,
        0,
        8,
    )
    assert coverage.share == 57.9  # 11 / 19
    assert (coverage.count(binding=True), coverage.count("open", binding=True)) == (6, 3)
    assert coverage.binding_share == 50.0  # 3 / 6
    assert anchors(coverage.open_passages) == ["p-3", "p-13", "p-16", "p-2", "p-5", "p-7", "p-14", "p-17"]
    by_anchor = {entry.passage.anchor: entry for entry in coverage.passages}
    assert by_anchor["p-13"].signals == ("opdrachtnemer", "verwacht")
    assert by_anchor["p-11"].requirements == ("VBO-KPI-04",) and by_anchor["p-12"].requirements == ("VBO-KPI-04",)
    assert by_anchor["p-14"].passage.kind == "voetnoot"
    assert "p-1" not in by_anchor  # a heading is no passage to cover
    assert coverage.unfaithful == () and coverage.problems == ()


def test_background_section_and_passage_count_as_covered(catalog_copy):
    add_background(
        catalog_copy,
        '{section: "4 Financiën", reason: Het budget staat al in tender.yaml.}',
        '{quote: "Dit document is fictief", reason: Over het testdocument zelf.}',
    )
    coverage = coverage_of(catalog_copy)
    assert (coverage.count("geciteerd"), coverage.count("achtergrond"), coverage.count("open")) == (11, 3, 5)
    assert coverage.share == 73.7  # (11 + 3) / 19
    assert coverage.binding_share == 83.3  # (3 + 2) / 6
    assert anchors(coverage.open_passages) == ["p-13", "p-2", "p-5", "p-7", "p-14"]
    reasons = {entry.passage.anchor: entry.reason for entry in coverage.passages if entry.status == "achtergrond"}
    assert reasons == {
        "p-3": "Over het testdocument zelf.",
        "p-16": "Het budget staat al in tender.yaml.",
        "p-17": "Het budget staat al in tender.yaml.",
    }
    assert coverage.problems == ()


def test_background_section_as_this_report_names_it(catalog_copy):
    add_background(catalog_copy, '{section: "3. KPI\'s", reason: Test.}')
    coverage = coverage_of(catalog_copy)
    assert coverage.count("achtergrond") == 3  # p-7, p-13 and the footnote p-14 stand in section 3
    assert coverage.count("open") == 5


def test_background_that_matches_nothing_is_a_located_problem(catalog_copy):
    add_background(
        catalog_copy,
        '{section: "9 Bestaat niet", reason: Test.}',
        '{quote: "Dit staat er niet", reason: Test.}',
        '{quote: "document is fictief", reason: Test.}',
    )
    coverage = coverage_of(catalog_copy)
    assert coverage.count("achtergrond") == 0
    file = str(catalog_copy / "voorbeeld-opvang" / "tender.yaml")
    assert [(Path(p.file).resolve(), p.line, p.path) for p in coverage.problems] == [
        (Path(file).resolve(), 15, "$.background[0]"),
        (Path(file).resolve(), 16, "$.background[1]"),
        (Path(file).resolve(), 17, "$.background[2]"),
    ]
    messages = [p.message for p in coverage.problems]
    assert messages[0].startswith("achtergrondsectie '9 Bestaat niet' komt in het brondocument niet voor")
    assert messages[1].startswith("achtergrondpassage 'Dit staat er niet' staat niet in het brondocument")
    assert messages[2] == (
        "achtergrondpassage 'document is fictief' staat midden in passage p-3 ('Dit document is fictief en dient "
        "…'); geef de eerste woorden van de passage"
    )


def test_a_spliced_text_is_listed_and_its_sentences_still_count(catalog_copy):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-01",
        text="Minimaal 80% van de cliënten stroomt duurzaam uit. De wachttijd is zo kort als mogelijk.",
    )
    coverage = coverage_of(catalog_copy)
    assert [r for r, _ in coverage.unfaithful] == ["VBO-KPI-01"]
    by_anchor = {entry.passage.anchor: entry for entry in coverage.passages}
    assert by_anchor["p-8"].requirements == ("VBO-KPI-01",)
    assert by_anchor["p-12"].requirements == ("VBO-KPI-01", "VBO-KPI-04")


def test_binding_words_come_from_the_data_file():
    terms = load_terms()
    assert find_signals("De opdrachtnemer dient uiterlijk eind 2022 te rapporteren.", terms) == (
        "opdrachtnemer",
        "dient",
        "uiterlijk",
    )
    assert find_signals("Zij ontmoeten elkaar; de wens is   gewenst.", terms) == ("wens", "gewenst")  # not "moet"
    assert find_signals("Van inschrijvers vragen\nwij een plan.", terms) == ("inschrijvers", "vragen wij")


def test_a_background_quote_of_a_heading_marks_everything_under_it():
    """The Dordrecht contact block (redacted) sits under a heading: quoting the heading marks its passages."""
    from pathlib import Path

    from generator.catalog.load import load_catalog
    from generator.sources.coverage import tender_coverage
    from generator.sources.library import load_sources, sources_folder
    from generator.sources.signals import DEFAULT_TERMS, load_terms
    from tests.conftest import REAL_CATALOG

    catalog = load_catalog(REAL_CATALOG)
    tender = catalog.tender("dordrecht-ib4-mo")
    sources = load_sources(catalog, sources_folder(Path(REAL_CATALOG)), [tender])
    report = tender_coverage(tender, sources.for_tender(tender), load_terms(DEFAULT_TERMS))
    assert not report.problems
    contact = [p for p in report.passages if "[verwijderd]" in p.passage.text]
    assert contact and all(p.status == "achtergrond" for p in contact)
