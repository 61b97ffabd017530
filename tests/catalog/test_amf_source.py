"""The Regio Amersfoort catalog (regional vision MO and vrouwenopvang from 2023) against its seed.

The document is a vision and procurement outline: most of its numbers are aims ("streven"), current
figures (the tables of places, the spending of 2019 and 2020) or history, and only a few bind. For
a sample of norms, check the structured values, their kind and their scope, and that the phrase that
decides them stands literally in the seed (after collapsing whitespace, which PDF extraction scatters
through the text). The tests also pin down that vague text stayed vague, that numbers which ask
nothing are no norms, and which duties carry a date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
import yaml

from tests.catalog.seed_norms import assert_norm_in_seed, in_seed, real_catalog
from tests.conftest import REAL_CATALOG, SEEDS

SEED = SEEDS / "004_7e859d5f2885d0ff.txt"
TENDER = "amersfoort-mo-vo"

# The target groups of the maatschappelijke opvang: every group of the tender except huiselijk-geweld,
# which the document treats apart as the vrouwenopvang (own regiovisie, own aims).
MO = ("acuut", "complex", "jongeren", "gezin", "overig")


# (requirement id, metric, operator, value, unit, applies_to, kind, phrase in the seed that decides it)
# fmt: off
NORMS = [
    # Aims: "wenselijk", "liefst", "streven".
    ("AMF-KPI-01", "opvangduur", "<=", 3, "months", MO, "streefwaarde",
     "duurt langer dan wenselijk is (wenselijk is maximaal drie"),
    ("AMF-TIM-03", "opvangduur", "<=", 3, "months", MO, "streefwaarde",
     "blijven er te lang (meer dan 3 maanden) van afhankelijk"),
    ("AMF-TIM-02", "reactietermijn", "<=", 24, "hours", None, "streefwaarde",
     "snel ingespeeld kan worden op vragen, liefst binnen 24 uur en bij jongeren nog sneller"),
    ("AMF-TIM-02", "reactietermijn", "<", 24, "hours", "jongeren", "streefwaarde",
     "liefst binnen 24 uur en bij jongeren nog sneller"),
    ("AMF-ACM-07", "aantal_plekken", "==", 5, "count", None, "streefwaarde",
     "Maximaal 7, streven terug naar 5"),
    ("AMF-ACM-10", "aantal_clienten", "==", 34, "persons", "huiselijk-geweld", "streefwaarde",
     "34 cliënten per jaar streven, 28 realistisch door"),
    ("AMF-ACM-10", "opvangduur", "<=", 6, "months", "huiselijk-geweld", "streefwaarde",
     "6 maanden streven, vaak 9 maanden door"),
    ("AMF-ACM-10", "opvangduur", "<=", 3, "days", "huiselijk-geweld", "streefwaarde",
     "Streven max drie dagen, in de realiteit vaak langer"),
    ("AMF-ACM-10", "aantal_clienten", "==", 11, "persons", "gezin", "streefwaarde",
     "11 streven, vaak 6 door"),
    ("AMF-ACM-10", "opvangduur", "<=", 10, "months", "gezin", "streefwaarde",
     "10 maanden streven, vaak 12 maanden"),
    # Current figures and results: "realistisch", "vaak", "nu", the tables of places, spending.
    ("AMF-ACM-10", "aantal_clienten", "==", 28, "persons", "huiselijk-geweld", "realisatie",
     "34 cliënten per jaar streven, 28 realistisch door"),
    ("AMF-ACM-10", "opvangduur", "==", 9, "months", "huiselijk-geweld", "realisatie",
     "6 maanden streven, vaak 9 maanden door"),
    ("AMF-ACM-10", "aantal_clienten", "==", 6, "persons", "gezin", "realisatie",
     "11 streven, vaak 6 door"),
    ("AMF-ACM-10", "opvangduur", "==", 12, "months", "gezin", "realisatie",
     "10 maanden streven, vaak 12 maanden"),
    ("AMF-ACM-07", "aantal_plekken", "==", 43, "count", None, "realisatie",
     "Smallepad Kwintes Dag- en Nachtopvang 43 regulier. Nu 20"),
    ("AMF-ACM-07", "aantal_plekken", "==", 20, "count", None, "realisatie",
     "43 regulier. Nu 20 plekken door corona"),
    ("AMF-ACM-07", "aantal_plekken", "<=", 7, "count", None, "realisatie",
     "Maximaal 7, streven terug naar 5"),
    ("AMF-ACM-07", "opzegbaar_na", "==", 2, "years", None, "realisatie",
     "5 jaar, opzeggen mogelijk na"),
    ("AMF-ACM-09", "aantal_plekken", "==", 21, "count", "complex", "realisatie",
     "Dag- en nachtopvang alcoholverslaving 21 plekken"),
    ("AMF-ACM-09", "opvangduur", ">=", 12, "months", "complex", "realisatie",
     "Contract 5 jaar MO s 12 maanden +"),
    ("AMF-ACM-04", "aantal_plekken", "==", 17, "count", "huiselijk-geweld", "realisatie",
     "Het gaat in totaal om 17 plekken (inclusief twee plaatsen voor slachtoffers mensenhandel) en 2 noodbedden"),
    ("AMF-ACM-05", "aantal_plekken", "==", 8, "count", "gezin", "realisatie",
     "Naast de vrouwenopvang zijn er 8 plaatsen en 1 crisisplaats voor opvang van jonge moeders"),
    ("AMF-SRV-03", "aantal_plekken", "==", 2, "count", "overig", "realisatie",
     "Voor slachtoffers van seksuele uitbuiting zijn in Amersfoort twee plekken ingericht in de vrouwenopvang"),
    ("AMF-DEV-03", "aantal_trajecten", "==", 6, "count", ("huiselijk-geweld", "gezin"), "realisatie",
     "Recent is het project Take a Break gestart"),
    ("AMF-FIN-02", "uitgaven", "==", 4_400_000, "EUR/year", None, "realisatie",
     "Zowel in 2019 als 2020 bedroegen de uitgaven maatschappelijke opvang in de regio 4,4 miljoen"),
    ("AMF-FIN-02", "uitgaven", ">", 2_000_000, "EUR/year", None, "realisatie",
     "voor Amersfoort ruim 2 miljoen (inclusief bemoeizorg en inloop GGZ)"),
    ("AMF-FIN-02", "uitgaven", "==", 1_500_000, "EUR/year", "huiselijk-geweld", "realisatie",
     "en voor vrouwenopvang 1,5 miljoen"),
    ("AMF-GOV-10", "aantal_aanbieders", "==", 4, "count", None, "realisatie",
     "Deze wijze van aanbesteding heeft als resultaat dat er 4 aanbieders MO gegund worden"),
    # Examples and expectations: "bijvoorbeeld", "naar verwachting", "waarschijnlijk".
    ("AMF-ACM-06", "verblijfsduur_woonplek", "<=", 1.5, "years", None, "indicatief",
     "(bijvoorbeeld max 1 tot 1,5 jaar)"),
    ("AMF-DEV-03", "aantal_trajecten", "==", 12, "count", ("huiselijk-geweld", "gezin"), "indicatief",
     "zal naar verwachting structureel vervolg krijgen (waarschijnlijk 12 gezinnen op jaarbasis)"),
    ("AMF-FIN-03", "begeleiding_na_uitstroom", "==", 50, "%", None, "indicatief",
     "krijgt naar verwachting misschien de helft van de mensen nog begeleiding"),
    # The few numbers that bind.
    ("AMF-SRV-02", "bereikbaarheid", "==", 168, "hours/week", None, "norm",
     "Als intensievere ondersteuning nodig is, is er 24/7 bereikbaarheid en beschikbaarheid"),
    ("AMF-SRV-13", "openstelling", "==", 168, "hours/week", None, "norm",
     "24-uurs opvangvoorzieningen MO in diverse vormen"),
    ("AMF-COO-07", "leeftijd", "==", 18, "years", "jongeren", "norm",
     "Denk hierbij ook aan de overgang 18- naar 18+"),
    ("AMF-COO-12", "leeftijd", "==", 18, "years", "jongeren", "norm",
     "Overgang 18-/18+ Geen doorlopende ondersteuning"),
]
# fmt: on


@pytest.mark.parametrize(
    ("req_id", "metric", "operator", "value", "unit", "applies_to", "kind", "phrase"),
    NORMS,
    ids=[f"{row[0]}:{row[1]}:{row[3]}:{row[6]}" for row in NORMS],
)
def test_norm_matches_seed(req_id, metric, operator, value, unit, applies_to, kind, phrase):
    norm = assert_norm_in_seed(
        req_id, metric, operator, value, unit, None, applies_to, SEED.name, phrase, tender=TENDER
    )
    assert norm.kind == kind, f"{req_id} {metric} {value}: {norm.kind}, verwacht {kind}"


def test_only_four_numbers_bind():
    """A vision document: only 24/7 availability, the 24-hour product and the age of 18 bind a provider."""
    binding = {
        (req.id, norm.metric) for req in real_catalog().tender(TENDER).requirements for norm in req.binding_norms
    }
    assert binding == {
        ("AMF-SRV-02", "bereikbaarheid"),
        ("AMF-SRV-13", "openstelling"),
        ("AMF-COO-07", "leeftijd"),
        ("AMF-COO-12", "leeftijd"),
    }


def test_an_aim_and_an_observed_figure_never_both_bind():
    """Where the source gives two values for one metric and group ("6 maanden streven, vaak 9"), at most one binds."""
    for req in real_catalog().tender(TENDER).requirements:
        values: dict[tuple, list] = defaultdict(list)
        for norm in req.norms:
            values[(norm.metric, norm.unit, norm.applies_to)].append(norm)
        for key, norms in values.items():
            if len({(n.operator, n.value) for n in norms}) > 1:
                assert sum(n.binding for n in norms) <= 1, f"{req.id} {key}: {norms}"


def test_numbers_that_ask_nothing_are_no_norms():
    """People consulted, clients moved during corona, residents moving house: history, not requirements."""
    catalog = real_catalog()
    assert catalog.requirement("AMF-ACM-02").norms == ()
    assert in_seed(SEED.name, "om te voldoen aan de 1,5 meter regel")
    assert in_seed(SEED.name, "25 cliënten die verbleven aan het Smallepad zijn hier naartoe verplaatst")
    assert catalog.requirement("AMF-QUA-03").norms == ()
    assert in_seed(SEED.name, "(7 mensen die gebruik maken van maatschappelijke opvang hebben in april 2021 aangegeven")
    assert not [n for n in catalog.requirement("AMF-ACM-08").norms if n.metric == "aantal_clienten"]
    assert in_seed(SEED.name, "Arnhemseweg vervalt; 4 a 5 bewoners naar Meerdonk")
    metrics = {n.metric for r in catalog.tender(TENDER).requirements for n in r.norms}
    assert "afstand" not in metrics


def test_aims_of_the_maatschappelijke_opvang_leave_out_the_vrouwenopvang():
    """Three months is the aim of vraagstuk 2 (maatschappelijke opvang); the vrouwenopvang aims at six."""
    catalog = real_catalog()
    for req_id in ("AMF-KPI-01", "AMF-TIM-03"):
        req = catalog.requirement(req_id)
        assert req.target_groups == MO
        assert "huiselijk-geweld" not in req.norms[0].applies_to
    assert in_seed(SEED.name, "Vraagstuk 2: beperken van de duur van verblijf in de maatschappelijke opvang")
    assert in_seed(SEED.name, "Voor de Vrouwenopvang is de regiovisie huiselijk geweld en kindermishandeling leidend")
    vo_aims = [
        n for n in catalog.requirement("AMF-ACM-10").norms if n.metric == "opvangduur" and n.kind == "streefwaarde"
    ]
    assert {(n.value, n.unit) for n in vo_aims if n.applies_to == ("huiselijk-geweld",)} == {(6, "months"), (3, "days")}


@pytest.mark.parametrize(
    ("req_id", "target_groups", "phrase"),
    [
        # local shelter for who is acutely homeless without complex problems; families register as gezin
        ("AMF-ACC-05", ("acuut", "gezin"), "die vanwege acute problemen dakloos is geworden, zonder dat"),
        # regional shelter: heavy addiction, psychiatry, the user room (complex), the winter shelter (acuut)
        ("AMF-ACC-06", ("complex", "acuut"), "voor de winteropvang of een gebruikersruimte"),
        # Take a Break: households with domestic violence, counted as families
        ("AMF-DEV-02", ("huiselijk-geweld", "gezin"), "intensieve ambulante ondersteuning om opvang te voorkomen"),
        ("AMF-DEV-03", ("huiselijk-geweld", "gezin"), "(waarschijnlijk 12 gezinnen op jaarbasis)"),
        # spending of the maatschappelijke opvang and the vrouwenopvang: the whole tender
        ("AMF-FIN-02", (), "bedroegen de uitgaven maatschappelijke opvang in de regio 4,4 miljoen"),
        # the Kleine Haag (alcohol addiction) and the IJselberch (room training) in one table
        ("AMF-ACM-09", (), "IJselberch Leger des Heils Kamertraining"),
    ],
)
def test_requirement_scope(req_id, target_groups, phrase):
    assert real_catalog().requirement(req_id).target_groups == target_groups
    assert in_seed(SEED.name, phrase)


def test_only_the_kleine_haag_norms_name_a_group():
    """ACM-09 has no target group of its own: only the Kleine Haag norms are about complex problems."""
    req = real_catalog().requirement("AMF-ACM-09")
    complex_norms = {n.label for n in req.norms if n.applies_to == ("complex",)}
    assert complex_norms and all("Kleine Haag" in label for label in complex_norms)


@pytest.mark.parametrize(
    ("req_id", "date", "phrase"),
    [
        ("AMF-TIM-01", dt.date(2021, 6, 30), "moeten we vóór 1 juli 2021 hiervoor de structurele subsidies opzeggen"),
        ("AMF-SRV-03", dt.date(2021, 12, 31), "Alle gemeenten moeten per 2022 een basisaanpak mensenhandel hebben"),
    ],
)
def test_dated_duties_carry_their_deadline(req_id, date, phrase):
    req = real_catalog().requirement(req_id)
    [deadline] = req.deadlines
    assert deadline.date == date
    assert deadline.resolve(real_catalog().tender(TENDER).period.start) == date
    assert "gemeenten" in deadline.label  # the duty is the municipalities', and the label says so
    assert in_seed(SEED.name, phrase)


def test_no_other_deadlines():
    """Dates that are plans or facts (research in Q3/Q4 2021, a contract until 2021) are no duties."""
    with_deadline = {r.id for r in real_catalog().tender(TENDER).requirements if r.deadlines}
    assert with_deadline == {"AMF-TIM-01", "AMF-SRV-03"}
    assert in_seed(SEED.name, "onderzoek volgt in Q3/Q4 2021")
    assert in_seed(SEED.name, "Contract loopt tot 31 december 2021")


def test_nothing_to_hand_in_with_a_bid():
    """The vision names no plan or statement that a bidder must hand in; the catalog marks none."""
    assert not [r.id for r in real_catalog().tender(TENDER).requirements if r.submit_with_bid]
    for phrase in ("implementatieplan", "plan van aanpak", "bij de inschrijving", "in te dienen", "indienen"):
        assert not in_seed(SEED.name, phrase), phrase


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
    assert tender.subregions == ()  # the document names no parts of the region


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
    assert req.obligation == "info"  # a duty of the municipalities, before the contract
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
        "AMF-SRV-20": "snel de herstelfuncties",
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
    assert catalog.requirement("AMF-COO-12").obligation == "eis"
    assert in_seed(SEED.name, "dak boven hoofd nooit beëindigd wordt, zonder dat het vervolg georganiseerd is")


def test_no_names_of_officials():
    """Footnote 6 names the state secretary; the catalog keeps his name out."""
    text = " ".join(
        f"{r.title} {r.text} {r.note or ''} {r.measurement or ''}" for r in real_catalog().tender(TENDER).requirements
    )
    assert in_seed(SEED.name, "Staatssecretaris Blokhuis")
    assert "Blokhuis" not in text
    assert "Ollongren" not in text


@pytest.mark.parametrize("path", sorted((REAL_CATALOG / TENDER).glob("*.yaml")), ids=lambda p: p.name)
def test_yaml_reads_the_same_without_libyaml(path):
    """Plain YAML that the pure-Python loader reads exactly as libyaml does (no '?' surprises in flow mappings)."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML zonder libyaml")
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader)
