"""The Regio Amersfoort catalog (regional vision MO and vrouwenopvang from 2023) against its seed.

For a sample of norms, check the structured values and that the phrase they come from stands
literally in the seed (after collapsing whitespace, which PDF extraction scatters through the text).
The document is mostly policy: the tests also pin down that vague text stayed vague and that
ambitions are recorded as wishes rather than hard requirements.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.catalog.seed_norms import assert_norm_in_seed, in_seed, real_catalog
from tests.conftest import SEEDS

SEED = SEEDS / "004_7e859d5f2885d0ff.txt"
TENDER = "amersfoort-mo-vo"


# (requirement id, metric, operator, value, unit, share, applies_to, phrase in the seed)
# fmt: off
NORMS = [
    ("AMF-KPI-01", "opvangduur", "<=", 3, "months", None, None,
     "duurt langer dan wenselijk is (wenselijk is maximaal drie"),
    ("AMF-TIM-02", "reactietermijn", "<=", 24, "hours", None, None,
     "snel ingespeeld kan worden op vragen, liefst binnen 24 uur en bij jongeren nog sneller"),
    ("AMF-TIM-02", "reactietermijn", "<", 24, "hours", None, "jongeren",
     "liefst binnen 24 uur en bij jongeren nog sneller"),
    ("AMF-TIM-03", "opvangduur", "<=", 3, "months", None, None,
     "blijven er te lang (meer dan 3 maanden) van afhankelijk"),
    ("AMF-SRV-02", "bereikbaarheid", "==", 168, "hours/week", None, None,
     "is er 24/7 bereikbaarheid en beschikbaarheid extramuraal of intramuraal"),
    ("AMF-SRV-03", "aantal_plekken", "==", 2, "count", None, "overig",
     "Voor slachtoffers van seksuele uitbuiting zijn in Amersfoort twee plekken ingericht in de vrouwenopvang"),
    ("AMF-ACM-04", "aantal_plekken", "==", 17, "count", None, "huiselijk-geweld",
     "Het gaat in totaal om 17 plekken (inclusief twee plaatsen voor slachtoffers mensenhandel) en 2 noodbedden"),
    ("AMF-ACM-05", "aantal_plekken", "==", 8, "count", None, "gezin",
     "zijn er 8 plaatsen en 1 crisisplaats voor opvang van jonge moeders"),
    ("AMF-ACM-02", "afstand", ">=", 1.5, "meters", None, None,
     "om te voldoen aan de 1,5 meter regel"),
    ("AMF-ACM-02", "aantal_clienten", "==", 25, "persons", None, None,
     "25 cliënten die verbleven aan het Smallepad zijn hier naartoe verplaatst"),
    ("AMF-ACM-06", "verblijfsduur_woonplek", "<=", 1.5, "years", None, None,
     "(bijvoorbeeld max 1 tot 1,5 jaar)"),
    ("AMF-ACM-07", "aantal_plekken", "==", 43, "count", None, None,
     "Smallepad Kwintes Dag- en Nachtopvang 43 regulier. Nu 20"),
    ("AMF-ACM-07", "opzegbaar_na", "==", 2, "years", None, None,
     "5 jaar, opzeggen mogelijk na"),
    ("AMF-ACM-09", "aantal_plekken", "==", 21, "count", None, "complex",
     "Dag- en nachtopvang alcoholverslaving 21 plekken"),
    ("AMF-ACM-10", "aantal_clienten", "==", 34, "persons", None, "huiselijk-geweld",
     "34 cliënten per jaar"),
    ("AMF-ACM-10", "opvangduur", "<=", 6, "months", None, "huiselijk-geweld",
     "6 maanden"),
    ("AMF-DEV-03", "aantal_trajecten", "==", 12, "count", None, "gezin",
     "(waarschijnlijk 12 gezinnen op jaarbasis)"),
    ("AMF-DEV-03", "aantal_trajecten", "==", 6, "count", None, "gezin",
     "Dit is een regionale pilot (6 huishoudens)"),
    ("AMF-FIN-02", "uitgaven", "==", 4_400_000, "EUR/year", None, None,
     "bedroegen de uitgaven maatschappelijke opvang in de regio 4,4 miljoen"),
    ("AMF-FIN-02", "uitgaven", ">", 2_000_000, "EUR/year", None, None,
     "voor Amersfoort ruim 2 miljoen (inclusief bemoeizorg en inloop GGZ)"),
    ("AMF-FIN-02", "uitgaven", "==", 1_500_000, "EUR/year", None, "huiselijk-geweld",
     "en voor vrouwenopvang 1,5 miljoen"),
    ("AMF-FIN-03", "begeleiding_na_uitstroom", "==", 50, "%", None, None,
     "krijgt naar verwachting misschien de helft van de mensen nog begeleiding"),
    ("AMF-GOV-10", "aantal_aanbieders", "==", 4, "count", None, None,
     "heeft als resultaat dat er 4 aanbieders MO gegund worden"),
    ("AMF-QUA-03", "aantal_clienten", "==", 7, "persons", None, None,
     "(7 mensen die gebruik maken van"),
    ("AMF-COO-12", "leeftijd", "==", 18, "years", None, "jongeren",
     "Overgang 18-/18+"),
]
# fmt: on


@pytest.mark.parametrize(
    ("req_id", "metric", "operator", "value", "unit", "share", "applies_to", "phrase"),
    NORMS,
    ids=[f"{row[0]}:{row[1]}:{row[3]}" for row in NORMS],
)
def test_norm_matches_seed(req_id, metric, operator, value, unit, share, applies_to, phrase):
    assert_norm_in_seed(req_id, metric, operator, value, unit, share, applies_to, SEED.name, phrase, tender=TENDER)


def test_tender_metadata():
    tender = real_catalog().tender(TENDER)
    assert tender.code == "AMF"
    assert tender.region == "Regio Amersfoort"
    assert "Amersfoort" in tender.authority
    assert set(tender.municipalities) == {
        "Amersfoort",
        "Baarn",
        "Bunschoten",
        "Leusden",
        "Nijkerk",
        "Soest",
        "Veenendaal",
        "Woudenberg",
    }
    for name in tender.municipalities:
        assert in_seed(SEED.name, name)
    assert tender.period.start == dt.date(2023, 1, 1)
    assert tender.period.end is None  # het document noemt geen einddatum
    assert tender.source_document == SEED.name
    assert {"acuut", "huiselijk-geweld", "complex", "jongeren"} <= set(tender.target_groups)
    assert in_seed(SEED.name, "De inzet is om deze taken per 2023 ook")


def test_budget_and_volumes():
    tender = real_catalog().tender(TENDER)
    budget = {(amount.value, amount.year) for amount in tender.budget}
    assert {(4_400_000, 2019), (4_400_000, 2020), (1_500_000, 2019), (1_500_000, 2020)} <= budget
    volumes = {amount.value for amount in tender.volumes}
    assert {43, 23, 21, 32, 17, 9} <= volumes
    assert in_seed(SEED.name, "32 plekken")
    assert in_seed(SEED.name, "9 plekken, waarvan 1 crisisplek")
    assert in_seed(SEED.name, "23 + mogelijkheid tot 4 noodbedden")


def test_subsidy_deadline_is_recorded_as_timing():
    req = real_catalog().requirement("AMF-TIM-01")
    assert req.category == "timing"
    assert "vóór 1 juli 2021" in req.text
    assert in_seed(SEED.name, "moeten we vóór 1 juli 2021 hiervoor de structurele subsidies opzeggen")


def test_vague_text_stays_vague():
    """The source's vague phrases are copied, not sharpened into numbers."""
    catalog = real_catalog()
    cases = {
        "AMF-SRV-08": "zo snel mogelijk",
        "AMF-SRV-16": "voldoende aanbod",
        "AMF-SRV-06": "na een tijdje",
        "AMF-SAF-01": "zo kort mogelijk",
        "AMF-REP-03": "tijdige en correcte verantwoording",
    }
    for req_id, phrase in cases.items():
        req = catalog.requirement(req_id)
        assert phrase in req.text.lower(), req_id
        assert in_seed(SEED.name, phrase)
        assert not req.norms, f"{req_id}: vage tekst hoort geen verzonnen norm te krijgen"


def test_ambitions_are_wishes_and_products_are_listed():
    catalog = real_catalog()
    for req_id in ("AMF-KPI-01", "AMF-GOV-09", "AMF-ACC-04", "AMF-SRV-12", "AMF-SRV-13", "AMF-SRV-14", "AMF-SRV-15"):
        assert catalog.requirement(req_id).obligation == "wens", req_id
    for req_id in ("AMF-SRV-12", "AMF-SRV-13", "AMF-SRV-14", "AMF-SRV-15"):
        req = catalog.requirement(req_id)
        assert req.source.section == "6 Producten"
        assert req.text.startswith("Welke producten willen we inkopen vanaf 2023")
    assert in_seed(SEED.name, "Welke producten willen we inkopen vanaf 2023:")


def test_hard_requirements():
    catalog = real_catalog()
    assert catalog.requirement("AMF-ACC-07").obligation == "eis"
    assert in_seed(SEED.name, "Levering van ondersteuning vindt pas plaats nadat de CT getoetst heeft")
    assert catalog.requirement("AMF-FIN-06").obligation == "eis"
    assert in_seed(SEED.name, "Betaling vindt plaats op basis van daadwerkelijk geleverde ondersteuning")
    assert catalog.requirement("AMF-SAF-01").obligation == "eis"
    assert in_seed(SEED.name, "Hierbij wordt altijd een risicoscreening gedaan op de ernst en acuutheid van gevaar")


def test_no_names_of_officials():
    """Footnote 6 names the state secretary; the catalog keeps his name out."""
    text = " ".join(
        f"{r.title} {r.text} {r.note or ''} {r.measurement or ''}" for r in real_catalog().tender(TENDER).requirements
    )
    assert in_seed(SEED.name, "Staatssecretaris Blokhuis")
    assert "Blokhuis" not in text
    assert "Ollongren" not in text
