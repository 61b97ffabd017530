"""The Valleiregio (gezinsopvang, Housing First) and Dordrecht (IB4 MO) catalogs against their seeds.

For every norm the issue lists as acceptance criteria (and a sample of others), check the structured
values and that the phrase they come from stands literally in the seed (after collapsing whitespace and
dropping the HTML tags that extraction left in 002). The Dordrecht seed names civil servants with their
phone numbers: none of that may reach the catalog.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
import yaml

from generator.roster.reader import read_roster
from generator.roster.rules import check_requirement
from tests.catalog.seed_norms import as_groups, assert_norm_in_seed, in_seed, real_catalog
from tests.conftest import REAL_CATALOG

GEZIN = "000_9ff5859c41f28b15.txt"
HOUSING_FIRST = "002_039973594ab445da.txt"
DORDRECHT = "003_d6451788f3f8292f.txt"
TENDERS = {
    "valleiregio-gezinsopvang": ("VGO", GEZIN),
    "valleiregio-housing-first": ("VHF", HOUSING_FIRST),
    "dordrecht-ib4-mo": ("DIB", DORDRECHT),
}


# Kinds (contract §1): "norm" binds and is evaluated; "indicatief" is a number no rights can be derived from.
# Anchor ("from"): None is the default (the report), "start" counts from the start of the trajectory.
# Every norm of the three tenders is listed here (test_every_norm_is_pinned), each with the phrase(s) of the
# seed its value, scope, kind and anchor rest on.
# (requirement id, metric, operator, value, unit, share, applies_to, kind, from, seed, phrase(s) in the seed)
# fmt: off
NORMS = [
    # --- 000 gezinsopvang: every group-bound number is about families (the tender's only target group) ---
    ("VGO-ACM-01", "aantal_plekken", "==", 12, "count", None, "gezin", "norm", None, GEZIN,
     "De gemeente koopt met deze opdracht 12 MO-plekken voor gezinnen in voor de periode 2027-2030."),
    ("VGO-ACM-03", "bandbreedte_plekken", "<=", 10, "%", None, "gezin", "norm", None, GEZIN,
     ("het aantal plekken jaarlijks aan te passen met een bandbreedte van maximaal 10% ten opzichte van de "
      "uitgangssituatie", "12 MO-plekken voor gezinnen")),
    ("VGO-ACM-04", "aantal_plekken", ">=", 12, "count", None, "gezin", "norm", None, GEZIN,
     "Zorgen voor voldoende opvangplekken (minimaal 12)"),
    ("VGO-TIM-01", "starttermijn", "<=", 0, "days", None, "gezin", "norm", None, GEZIN,
     "Directe opvang na toestemming gemeente (zelfde dag)"),
    ("VGO-TIM-02", "bereikbaarheid", "==", 168, "hours/week", None, None, "norm", None, GEZIN,
     "24/7 bereikbaarheid en beschikbaarheid (inclusief crisisopvang)"),
    ("VGO-FIN-02", "bereikbaarheid", "==", 168, "hours/week", None, None, "norm", None, GEZIN,
     "24/7-bereikbaarheid en toezicht (inclusief crisisopvang)"),
    # a guideline whose exceptions need the municipality's agreement binds; it is not a mere aim
    ("VGO-KPI-02", "opvangduur", "<=", 3, "months", None, "gezin", "norm", None, GEZIN,
     "Doorstroom naar passende voorziening (richtlijn: 3 maanden, verlenging alleen bij uitzondering en in "
     "afstemming met de gemeente)"),
    ("VGO-FIN-01", "trajectduur", "<=", 12, "weeks", None, "gezin", "norm", None, GEZIN,
     "(maximaal 12 weken, met verlenging van 3 maanden indien onderbouwd)"),
    ("VGO-FIN-01", "verlenging", "<=", 3, "months", None, "gezin", "norm", None, GEZIN,
     "met verlenging van 3 maanden indien onderbouwd"),
    ("VGO-REP-01", "rapportagefrequentie", "==", 4, "times/year", None, None, "norm", None, GEZIN,
     "Kwartaalrapportages (resultaten, doorlooptijden, samenwerking)"),
    ("VGO-REP-02", "evaluatiefrequentie", "==", 1, "times/year", None, None, "norm", None, GEZIN,
     "Jaarlijkse evaluatie met opdrachtgever"),
    ("VGO-REP-03", "verantwoordingsfrequentie", "==", 1, "times/year", None, None, "norm", None, GEZIN,
     "Jaarlijkse financiële verantwoording conform landelijk accountantsprotocol Wmo/Jeugd"),
    ("VGO-STA-02", "ervaring_jaren", ">=", 5, "years", None, None, "norm", None, GEZIN,
     "Begeleiding door MBO-3 (≥5 jaar ervaring) of MBO-4 onder toezicht (post-)HBO"),
    # --- 002 Housing First ---
    ("VHF-KPI-02", "woningbehoud", ">=", 75, "%", None, "housing-first", "norm", None, HOUSING_FIRST,
     ("Minimaal 75% van de deelnemers behoudt de woning gedurende het traject.",
      "Resultaten worden gebruikt voor monitoring, kwaliteitsverbetering en contractmanagement")),
    ("VHF-KPI-03", "zrm_verbetering", ">=", 70, "%", None, "housing-first", "norm", None, HOUSING_FIRST,
     "Minimaal 70% van de deelnemers laat binnen twaalf maanden verbetering zien op ten minste twee "
     "leefdomeinen"),
    ("VHF-KPI-04", "voortgangsbeoordeling", ">=", 100, "%", None, "housing-first", "norm", None, HOUSING_FIRST,
     "Voor 100% van de deelnemers vindt periodieke voortgangsbeoordeling plaats"),
    ("VHF-KPI-05", "ervaren_stabiliteit", ">=", 75, "%", None, "housing-first", "norm", None, HOUSING_FIRST,
     "Minimaal 75% van de deelnemers ervaart stabiliteit en veiligheid in de woonsituatie."),
    ("VHF-TIM-02", "plan_binnen_termijn", "<=", 6, "weeks", 100, "housing-first", "norm", "start", HOUSING_FIRST,
     "Binnen zes weken na start van het traject wordt een ondersteuningsplan opgesteld."),
    ("VHF-TIM-01", "trajectduur", "==", 2, "years", None, "housing-first", "norm", None, HOUSING_FIRST,
     "De looptijd van een Housing First-traject bedraagt twee jaar"),
    ("VHF-TIM-03", "trajectduur", "<=", 2, "years", None, "housing-first", "norm", None, HOUSING_FIRST,
     "De maximale looptijd van het traject bedraagt twee jaar."),
    ("VHF-TIM-04", "trajectduur", "<=", 104, "weeks", None, "housing-first", "norm", None, HOUSING_FIRST,
     "De indicatie wordt afgegeven voor de duur van het traject, met een maximale looptijd van 104 weken."),
    ("VHF-FIN-01", "trajectduur", "<=", 104, "weeks", None, "housing-first", "norm", None, HOUSING_FIRST,
     "vast all-in trajectbedrag per deelnemer, gebaseerd op een maximale looptijd van 104 weken"),
    ("VHF-SRV-05", "begeleidingsintensiteit", "==", 6, "hours/week", None, "housing-first", "indicatief", None,
     HOUSING_FIRST,
     ("gemiddelde begeleidingsinzet van circa zes (6) uur per deelnemer per week",
      "Aan deze gemiddelde inzet kunnen geen rechten worden ontleend")),
    ("VHF-GOV-03", "aantal_aanbieders", "<=", 2, "count", None, None, "norm", None, HOUSING_FIRST,
     "De gemeente contracteert voor de uitvoering van Housing First maximaal twee zorgaanbieders."),
    ("VHF-ACC-01", "leeftijd", ">=", 18, "years", None, "housing-first", "norm", None, HOUSING_FIRST,
     "Housing First voor inwoners (18+) van de Valleiregio"),
    # --- 003 Dordrecht IB4 MO ---
    ("DIB-ACM-02", "groepsgrootte", ">=", 3, "persons", None, "jongeren", "norm", None, DORDRECHT,
     "de bewonersgroep is samengesteld uit minimaal drie en maximaal veertien personen"),
    ("DIB-ACM-02", "groepsgrootte", "<=", 14, "persons", None, "jongeren", "norm", None, DORDRECHT,
     "de bewonersgroep is samengesteld uit minimaal drie en maximaal veertien personen"),
    ("DIB-ACM-04", "afstand", "<=", 1000, "meters", None, "jongeren", "norm", None, DORDRECHT,
     "binnen een straal van duizend meter in de directe nabijheid van/in de woonsetting van de cliënt "
     "fysiek beschikbaar is"),
    ("DIB-TIM-02", "trajectduur", "<=", 1, "years", None, "jongeren", "norm", None, DORDRECHT,
     "De ondersteuning is tijdelijk, tot maximaal één jaar"),
    ("DIB-ACC-01", "leeftijd", "<", 27, "years", None, "jongeren", "norm", None, DORDRECHT,
     "jongvolwassenen tot 27 jaar, die in een situatie van (dreigende) dakloosheid verkeren"),
    ("DIB-REP-02", "evaluatiefrequentie", ">=", 1, "times/year", None, None, "norm", None, DORDRECHT,
     "Minstens 1x per jaar worden de prestaties van alle Dienstverleners doorgesproken."),
    ("DIB-FIN-02", "tariefperiode", "==", 4, "weeks", None, None, "norm", None, DORDRECHT,
     "Er geldt een vast tarief per persoon per periode van 4 weken (in 2020) / per maand (vanaf 2021)"),
    ("DIB-FIN-02", "tariefperiode", "==", 1, "months", None, None, "norm", None, DORDRECHT,
     "Er geldt een vast tarief per persoon per periode van 4 weken (in 2020) / per maand (vanaf 2021)"),
]
# fmt: on


@pytest.mark.parametrize(
    ("req_id", "metric", "operator", "value", "unit", "share", "applies_to", "kind", "anchor", "seed", "phrases"),
    NORMS,
    ids=[f"{row[0]}:{row[1]}:{row[3]}" for row in NORMS],
)
def test_norm_matches_seed(req_id, metric, operator, value, unit, share, applies_to, kind, anchor, seed, phrases):
    phrases = (phrases,) if isinstance(phrases, str) else phrases
    norm = assert_norm_in_seed(req_id, metric, operator, value, unit, share, applies_to, seed, phrases[0])
    assert norm.kind == kind
    assert norm.count_from == anchor
    for phrase in phrases[1:]:
        assert in_seed(seed, phrase), f"de frase staat niet in de bron: {phrase!r}"


# Numbers that state no requirement, so the requirement carries no norm: (requirement id, phrase in the seed)
NOT_NORMS = [
    # when support is to be accepted, not an age limit of the target group (that is "tot 27 jaar", DIB-ACC-01)
    ("DIB-SRV-14", "ondersteuning na de leeftijd van 18 jaar te accepteren"),
    # the 4 of the product name IB4, not a number of anything
    ("DIB-SRV-16", "Individuele Begeleiding 4 Maatschappelijke Opvang"),
    # the numbers 1 to 5 count the main aims
    ("VHF-KPI-01", "Hoofddoelen:"),
]


@pytest.mark.parametrize(("req_id", "phrase"), NOT_NORMS, ids=[row[0] for row in NOT_NORMS])
def test_a_number_that_asks_nothing_is_no_norm(req_id, phrase):
    req = real_catalog().requirement(req_id)
    assert in_seed(req.source.document, phrase)
    assert req.norms == ()


def test_every_norm_is_pinned():
    """Each norm of the three tenders has a row above: its kind, scope and anchor are deliberate."""
    listed = {(row[0], row[1], row[2], row[3], row[4], as_groups(row[6])) for row in NORMS}
    found = {
        (req.id, norm.metric, norm.operator, norm.value, norm.unit, norm.applies_to)
        for tender_id in TENDERS
        for req in real_catalog().tender(tender_id).requirements
        for norm in req.norms
    }
    assert found == listed


# Obligations re-checked against the text: (requirement id, obligation, phrase in the seed it rests on)
OBLIGATIONS = [
    ("VGO-STA-03", "info", GEZIN, "Inzet ervaringsdeskundigen mogelijk"),  # permits, asks nothing
    ("VGO-DEV-02", "wens", GEZIN, "Wij streven ernaar het aantal plekken in de komende jaren af te bouwen"),
    ("VGO-ACM-03", "eis", GEZIN, "De gemeente behoudt zich het recht voor het aantal plekken jaarlijks aan te passen"),
    ("VGO-ACM-01", "info", GEZIN, "De gemeente koopt met deze opdracht 12 MO-plekken voor gezinnen in"),
    # the region's own aim; what it expects of the provider is VHF-DEV-04
    (
        "VHF-DEV-03",
        "info",
        HOUSING_FIRST,
        "De Valleiregio streeft ernaar het aantal mensen dat langdurig dakloos is structureel te verminderen.",
    ),
    ("VHF-DEV-04", "eis", HOUSING_FIRST, "Van de opdrachtnemer wordt verwacht dat actief wordt meegedacht"),
    ("VHF-SRV-05", "info", HOUSING_FIRST, "Aan deze gemiddelde inzet kunnen geen rechten worden ontleend"),
    ("VHF-GOV-03", "info", HOUSING_FIRST, "De gemeente contracteert voor de uitvoering van Housing First maximaal"),
    ("DIB-FIN-03", "info", DORDRECHT, "De aanbieder krijgt de ruimte om in overeenstemming met de cliënt te bepalen"),
    ("DIB-SRV-06", "eis", DORDRECHT, "zet verplicht een budgetcoach in van de gemeente"),
    # the form's answer to "Past dit voorstel binnen de ... gestelde kaders? Ja": it lists frameworks, asks nothing
    ("DIB-GOV-03", "info", DORDRECHT, "Het door de gemeente vastgesteld budget;"),
]


@pytest.mark.parametrize(("req_id", "obligation", "seed", "phrase"), OBLIGATIONS, ids=[row[0] for row in OBLIGATIONS])
def test_obligation_follows_the_text(req_id, obligation, seed, phrase):
    req = real_catalog().requirement(req_id)
    assert req.obligation == obligation
    assert req.source.document == seed
    assert in_seed(seed, phrase)
    assert " ".join(phrase.split()).lower() in " ".join(req.text.split()).lower()


def test_family_shelter_staff_qualification():
    req = real_catalog().requirement("VGO-STA-02")
    assert req.obligation == "eis"
    assert in_seed(GEZIN, "Begeleiding door MBO-3 (≥5 jaar ervaring) of MBO-4 onder toezicht (post-)HBO")
    (rule,) = req.staff_rules
    assert rule.kind == "qualification"
    assert rule.who.soort == ("medewerker",)
    branches = {(b.niveau, b.niveau_min, b.ervaring_jaren_min) for b in rule.any_of}
    assert (("mbo-3",), None, 5) in branches
    mbo4 = [b for b in rule.any_of if b.niveau == ("mbo-4",)]
    assert len(mbo4) == 1
    assert mbo4[0].supervisor is not None
    assert mbo4[0].supervisor.niveau_min == "hbo"
    # (post-)hbo staff qualify themselves
    assert ((), "hbo", None) in branches


def test_family_shelter_skj_registration_binds_the_hbo_professionals_only():
    """SKJ admits hbo/wo professionals only; the same tender allows MBO-3 and MBO-4 guidance (VGO-STA-02)."""
    req = real_catalog().requirement("VGO-STA-01")
    assert in_seed(GEZIN, "Werken volgens erkende keurmerken, in ieder geval SKJ geregistreerd")
    assert in_seed(GEZIN, "Begeleiding door MBO-3 (≥5 jaar ervaring) of MBO-4 onder toezicht (post-)HBO")
    (rule,) = req.staff_rules
    assert rule.kind == "registration"
    assert rule.who.soort == ("medewerker",)
    assert rule.who.niveau_min == "hbo"
    assert rule.requires.skj is True


def test_family_shelter_staff_rules_do_not_fail_the_levels_the_tender_allows(tmp_path):
    """A roster with exactly the staff VGO-STA-02 allows passes both staff rules; each rule fails its own case."""
    catalog = real_catalog()
    skj, levels = catalog.requirement("VGO-STA-01"), catalog.requirement("VGO-STA-02")
    header = (
        "medewerker_id,soort,functie,niveau,ervaring_jaren,skj,datum_in_dienst,datum_uit_dienst,"
        "vog_datum,toezicht_door,team"
    )
    allowed = [
        "m3,medewerker,begeleider,mbo-3,5,nee,2027-01-01,,,,gezinsopvang",  # MBO-3 with 5 years
        "m4,medewerker,begeleider,mbo-4,0,nee,2027-01-01,,,h1,gezinsopvang",  # MBO-4 under (post-)HBO
        "h1,medewerker,gedragswetenschapper,hbo,8,ja,2027-01-01,,,,gezinsopvang",  # hbo, SKJ-registered
        "e1,ervaringsdeskundige,ervaringsdeskundige,geen,,nee,2027-01-01,,,,gezinsopvang",  # allowed (STA-03)
    ]
    path = tmp_path / "personeel.csv"
    path.write_text("\n".join([header, *allowed]) + "\n", encoding="utf-8")
    roster = read_roster(path, dt.date(2027, 6, 1))
    assert [f.verdict for f in check_requirement(skj, roster)] == ["voldoet"]
    assert [f.verdict for f in check_requirement(levels, roster)] == ["voldoet"]

    extra = [
        "h2,medewerker,regiebegeleider,wo,3,nee,2027-01-01,,,,gezinsopvang",  # hbo/wo without SKJ
        "m2,medewerker,begeleider,mbo-3,2,nee,2027-01-01,,,,gezinsopvang",  # MBO-3 with too little experience
    ]
    path.write_text("\n".join([header, *allowed, *extra]) + "\n", encoding="utf-8")
    roster = read_roster(path, dt.date(2027, 6, 1))
    assert [(f.verdict, f.subject) for f in check_requirement(skj, roster)] == [("voldoet_niet", "h2")]
    assert [(f.verdict, f.subject) for f in check_requirement(levels, roster)] == [("voldoet_niet", "m2")]


def test_family_shelter_vague_plan_has_no_norm():
    req = real_catalog().requirement("VGO-TIM-03")
    assert "binnen enkele weken" in req.text.lower()
    assert in_seed(GEZIN, "Binnen enkele weken plan van aanpak gereed")
    assert req.norms == ()


def test_family_shelter_submission_requirements_and_wishes():
    catalog = real_catalog()
    assert in_seed(GEZIN, "Van inschrijvers vragen wij:")
    for req_id in ("VGO-DEV-03", "VGO-SRV-04", "VGO-ACM-02"):
        req = catalog.requirement(req_id)
        assert req.obligation == "eis", req_id
        assert req.text.startswith("Van inschrijvers vragen wij:"), req_id
    assert catalog.requirement("VGO-DEV-02").obligation == "wens"  # "Wij streven ernaar"
    # "mogelijk" permits; it asks nothing, so a provider without experts by experience is not marked down
    assert catalog.requirement("VGO-STA-03").obligation == "info"
    assert in_seed(GEZIN, "Inzet ervaringsdeskundigen mogelijk")


def test_housing_first_case_lead_and_vog():
    catalog = real_catalog()
    lead = catalog.requirement("VHF-STA-03")
    assert in_seed(HOUSING_FIRST, "Voor iedere deelnemer is een regiebegeleider aangewezen met minimaal hbo-niveau")
    (rule,) = lead.staff_rules
    assert rule.kind == "qualification"
    assert rule.who.functie == ("regiebegeleider",)
    assert [b.niveau_min for b in rule.any_of] == ["hbo"]

    vog = catalog.requirement("VHF-VOG-01")
    assert in_seed(HOUSING_FIRST, "De opdrachtnemer beschikt over geldige VOG's voor medewerkers en rechtspersonen")
    (rule,) = vog.staff_rules
    assert rule.kind == "vog"
    assert rule.who.soort == ("medewerker",)
    assert vog.norms == ()  # the document states no age of the VOG


def test_housing_first_result_targets_are_hard_kpis():
    catalog = real_catalog()
    for req_id in ("VHF-KPI-02", "VHF-KPI-03", "VHF-KPI-04", "VHF-KPI-05"):
        req = catalog.requirement(req_id)
        assert req.obligation == "eis"
        assert req.source.section == "2. Doel en beoogd resultaat"
    assert catalog.requirement("VHF-SRV-05").obligation == "info"  # "geen rechten worden ontleend"
    assert in_seed(HOUSING_FIRST, "Aan deze gemiddelde inzet kunnen geen rechten worden ontleend")


def test_dordrecht_admission_criteria_and_zrm_annex():
    catalog = real_catalog()
    criteria = catalog.requirement("DIB-ACC-03")
    assert criteria.obligation == "eis"
    assert in_seed(
        DORDRECHT, "de ondersteuning uitsluitend wordt geboden indien aan de volgende criteria wordt voldaan"
    )
    assert "ontwikkelpotentieel tot zelfstandig wonen" in criteria.text
    assert "betaalt huur voor de zelfstandige woonruimte" in criteria.text
    annex = [
        req for req in catalog.tender("dordrecht-ib4-mo").requirements if req.source.section.startswith("Bijlage 1")
    ]
    assert len(annex) == 9
    assert in_seed(DORDRECHT, "Financiën Het voeren van de eigen (financiële administratie)")
    assert in_seed(
        DORDRECHT, "Maatschappelijke participatie Het naar vermogen actief kunnen deelnemen aan de maatschappij"
    )


def test_tenders():
    catalog = real_catalog()
    gezin = catalog.tender("valleiregio-gezinsopvang")
    assert gezin.code == "VGO"
    assert gezin.period.start == dt.date(2027, 1, 1)
    assert gezin.period.end == dt.date(2030, 12, 31)
    assert "gezin" in gezin.target_groups
    assert (12, "count") in {(a.value, a.unit) for a in gezin.volumes}
    assert in_seed(GEZIN, "12 MO-plekken voor gezinnen in voor de periode 2027-2030")

    hf = catalog.tender("valleiregio-housing-first")
    assert hf.code == "VHF"
    assert {"Ede", "Wageningen"} <= set(hf.municipalities)
    assert "housing-first" in hf.target_groups
    assert hf.period.end is None  # the document states no contract period
    assert in_seed(HOUSING_FIRST, "Versie 20260226")
    assert in_seed(HOUSING_FIRST, "De regie per casus ligt bij de gemeente van herkomst (Ede of Wageningen)")

    ib4 = catalog.tender("dordrecht-ib4-mo")
    assert ib4.code == "DIB"
    assert "Dordrecht" in ib4.municipalities
    assert "jongeren" in ib4.target_groups

    for tender_id, (code, seed) in TENDERS.items():
        tender = catalog.tender(tender_id)
        assert tender.source_document == seed
        assert tender.requirements
        for req in tender.requirements:
            assert req.id.startswith(f"{code}-")
            assert req.source.document == seed


@pytest.mark.parametrize("tender_id", sorted(TENDERS))
def test_every_requirement_is_numbered_per_category(tender_id):
    """Ids run from 01 without gaps within each category."""
    by_category: dict[str, list[str]] = {}
    for req in real_catalog().tender(tender_id).requirements:
        by_category.setdefault(req.category, []).append(req.id)
    for ids in by_category.values():
        numbers = [int(req_id.rsplit("-", 1)[1]) for req_id in ids]
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), ids


CATALOG_FILES = sorted(path for tender_id in TENDERS for path in (REAL_CATALOG / tender_id).glob("*.yaml"))


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_reads_the_same_with_the_pure_python_and_the_libyaml_loader(path):
    """An unquoted '?' in a flow mapping is read by libyaml but refused by the pure-Python loader."""
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader)


# --- texts: one unbroken passage of the seed, or every omission marked with […] -------------------


def _words(text: str) -> str:
    """The words of *text* in order: no tags, bullets, punctuation or line breaks; hyphenated breaks joined."""
    text = re.sub(r"<[a-zA-Z/][^<>]*>", " ", text)
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return " ".join(re.findall(r"[0-9a-zà-ÿ]+", text.lower()))


@cache
def _seed_words(document: str) -> str:
    return f" {_words((REAL_CATALOG / 'bronnen' / document).read_text(encoding='utf-8'))} "


def _requirements():
    return [req for tender_id in TENDERS for req in real_catalog().tender(tender_id).requirements]


@pytest.mark.parametrize("req", _requirements(), ids=lambda r: r.id)
def test_text_is_one_passage_of_the_seed_or_marks_what_it_leaves_out(req):
    """Each stretch between '[…]' stands word for word, in one piece, in the seed (no silent splices)."""
    for fragment in req.text.split("[…]"):
        words = _words(fragment)
        assert words, f"{req.id}: lege passage rond '[…]'"
        assert f" {words} " in _seed_words(req.source.document), f"{req.id}: geen doorlopende passage: {fragment!r}"


# --- documents to hand in with the bid -------------------------------------------------------------

# (requirement id, bid document, phrase in the seed)
BID_DOCUMENTS = [
    (
        "VGO-DEV-03",
        "Visie op de gewenste afbouw en doorstroom",
        "Van inschrijvers vragen wij: • Een visie op de gewenste afbouw en doorstroom;",
    ),
    (
        "VGO-SRV-04",
        "Plan van aanpak begeleiding naar zelfstandigheid",
        "• Een plan van aanpak hoe zij cliënten zo effectief mogelijk begeleiden naar zelfstandigheid;",
    ),
]


@pytest.mark.parametrize(("req_id", "document", "phrase"), BID_DOCUMENTS, ids=[row[0] for row in BID_DOCUMENTS])
def test_what_the_tender_asks_of_bidders_is_a_bid_document(req_id, document, phrase):
    req = real_catalog().requirement(req_id)
    assert req.obligation == "eis"
    assert req.submit_with_bid is True
    assert req.bid_document == document
    assert in_seed(GEZIN, phrase)


def test_no_other_requirement_is_a_bid_document():
    """Flexibility (VGO-ACM-02) is asked of bidders as conduct during the contract, not as a document."""
    marked = {req.id for req in _requirements() if req.submit_with_bid}
    assert marked == {row[0] for row in BID_DOCUMENTS}
    flexibility = real_catalog().requirement("VGO-ACM-02")
    assert in_seed(GEZIN, "Flexibiliteit in de uitvoering, waarbij rekening gehouden moet worden")
    assert in_seed(GEZIN, "gedurende de looptijd van de opdracht")
    assert "gedurende de looptijd" in " ".join(flexibility.text.split())


_REFERENCE = re.compile(r"\((?:[A-Z]{3}-[A-Z]{3}-\d{2,3}(?:, )?)+\)")


@pytest.mark.parametrize("req_id", ["VHF-KPI-02", "VHF-KPI-03", "VHF-KPI-04", "VHF-KPI-05"])
def test_housing_first_kpis_measure_as_the_source_says(req_id):
    """The measurement of each result target is a passage of the seed (a reference to a requirement aside)."""
    req = real_catalog().requirement(req_id)
    assert req.measurement
    words = _words(_REFERENCE.sub(" ", req.measurement))
    assert f" {words} " in _seed_words(HOUSING_FIRST), req.measurement


def test_dordrecht_form_text_that_asks_nothing_is_background():
    """The form's own purpose, contact block and instructions are background, never a requirement."""
    tender = real_catalog().tender("dordrecht-ib4-mo")
    quotes = {item.quote for item in tender.background}
    assert "Wij verzoeken u vriendelijk om uw volledig ingevulde uitgewerkte voorstel" in quotes
    assert "Organisatie Gemeente Dordrecht" in quotes  # the heading of the (redacted) contact block
    texts = " ".join(_words(req.text) for req in tender.requirements)
    for item in tender.background:
        assert item.reason.strip()
        assert item.quote is not None and in_seed(DORDRECHT, item.quote), item.quote
        assert _words(item.quote) not in texts, f"achtergrond staat ook in een eis: {item.quote!r}"


# --- deadlines: none of the three documents dates a duty --------------------------------------------

# Every year the seeds name, with the passage it stands in; none is the date of a duty. Lead times
# ("binnen zes weken na start") are norms, and "jaarlijks", "per kwartaal" are frequencies.
# (seed, passage, what the year is)
YEARS = [
    (GEZIN, "Visie op de maatschappelijke opvang Valleiregio 2021", "titel van de regionale visie"),
    (GEZIN, "Regionaal Actieplan Dakloosheid Valleiregio, 2025-2029.", "looptijd van het actieplan"),
    (GEZIN, "12 MO-plekken voor gezinnen in voor de periode 2027-2030", "de contractperiode (tender.yaml)"),
    (HOUSING_FIRST, "Regionaal Actieplan Dakloosheid 2025–2029", "looptijd van het actieplan"),
    (HOUSING_FIRST, "Wet maatschappelijke ondersteuning 2015", "naam van de wet"),
    (DORDRECHT, "'Dak- en Thuisloze Jongeren 2019-2021'", "looptijd van het rijksactieprogramma"),
    (DORDRECHT, "Wmo 2015;", "naam van de wet"),
    (DORDRECHT, "per periode van 4 weken (in 2020) / per maand (vanaf 2021)", "tariefperiode (DIB-FIN-02)"),
]
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@pytest.mark.parametrize("seed", [GEZIN, HOUSING_FIRST, DORDRECHT])
def test_every_year_in_the_seed_is_accounted_for_and_none_dates_a_duty(seed):
    text = " ".join((REAL_CATALOG / "bronnen" / seed).read_text(encoding="utf-8").split())
    spans = []
    for document, passage, _what in YEARS:
        if document != seed:
            continue
        starts = [m.start() for m in re.finditer(re.escape(passage), text)]
        assert starts, f"passage niet in de bron: {passage!r}"
        spans += [(start, start + len(passage)) for start in starts]
    for match in _YEAR.finditer(text):
        assert any(lo <= match.start() < hi for lo, hi in spans), f"jaartal zonder verklaring: {match.group()}"
    tender_id = next(t for t, (_, document) in TENDERS.items() if document == seed)
    assert [req.id for req in real_catalog().tender(tender_id).requirements if req.deadlines] == []


@pytest.mark.parametrize("tender_id", sorted(TENDERS))
def test_requirements_that_state_the_same_number_are_related(tender_id):
    """Two requirements with a norm on one metric for the same groups describe one duty: show them as related."""
    requirements = real_catalog().tender(tender_id).requirements
    unrelated = []
    for i, a in enumerate(requirements):
        for b in requirements[i + 1 :]:
            shared = {(n.metric, n.applies_to) for n in a.norms} & {(n.metric, n.applies_to) for n in b.norms}
            if shared and b.id not in a.related and a.id not in b.related:
                unrelated.append((a.id, b.id, sorted(shared)))
    assert unrelated == []
