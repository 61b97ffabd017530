"""The Noord- en Midden-Limburg catalog (Bijlage L) against its seed document.

For a sample of norms, including every norm the issue lists as acceptance criteria, check the
structured values and that the phrase they come from stands literally in the seed (after collapsing
whitespace, which PDF extraction scatters through the text).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.catalog.seed_norms import assert_norm_in_seed, in_seed, real_catalog
from tests.conftest import SEEDS

SEED = SEEDS / "001_5f4123955536838b.txt"
TENDER = "noord-midden-limburg-mo"


# (requirement id, metric, operator, value, unit, share, applies_to, phrase in the seed)
# fmt: off
NORMS = [
    ("NML-KPI-03", "opvang_nabij_herkomst", ">=", 60, "%", None, None,
     "In 60% van de casussen vindt het (vervolg) opvangtraject plaats"),
    ("NML-KPI-04", "duurzame_uitstroom", ">=", 80, "%", None, None,
     "Minimaal 80% van de cliënten stroomt duurzaam uit."),
    ("NML-KPI-04", "terugval_periode", "==", 2, "years", None, None,
     "vindt 2 jaar geen terugval plaats naar de MO"),
    ("NML-KPI-05", "direct_opvang", ">=", 100, "%", None, None,
     "deze in 100% van de gevallen, direct geboden"),
    ("NML-KPI-06", "plan_binnen_termijn", "<=", 48, "hours", 100, None,
     "in 100% van de gevallen, binnen 48 uur een plan opgesteld"),
    ("NML-KPI-08", "doelen_behaald", ">=", 100, "%", None, None,
     "ondersteuningsplan worden in 100% van de gevallen behaald"),
    ("NML-KPI-09", "clienttevredenheid", ">=", 7.5, "score", None, None,
     "cliënttevredenheidscijfer van minimaal een 7,5"),
    ("NML-KPI-09", "onderzoeksfrequentie", ">=", 1, "times/year", None, None,
     "Opdrachtnemer voert 1x per jaar een cliënttevredenheidsonderzoek uit"),
    ("NML-KPI-10", "opvangduur_binnen_norm", "<=", 3, "months", 80, ("acuut", "gezin"),
     "acute dakloosheid wordt de opvangduur van 3 maanden wordt in 80% van de gevallen gehaald"),
    ("NML-KPI-11", "opvangduur_binnen_norm", "<=", 6, "months", 80, "huiselijk-geweld",
     "huiselijk geweld de thuissituatie moeten verlaten van 6 maanden wordt in 80% van de gevallen gehaald"),
    ("NML-KPI-12", "opvangduur_binnen_norm", "<=", 6, "months", 80, "complex",
     "psychiatrische problematiek van 6 maanden wordt in 80% van de gevallen gehaald"),
    ("NML-KPI-13", "opvangduur_binnen_norm", "<=", 6, "months", 80, "jongeren",
     "zwerfjongeren in de leeftijd vanaf 18 tot 27 jaar van 6 maanden wordt in 80% van de gevallen gehaald"),
    ("NML-KPI-14", "ketenpartner_oordeel", ">=", 8, "score", None, None,
     "samenwerking bij ondersteuning cliënt met gemiddeld minimaal een 8."),
    ("NML-KPI-14", "onderzoeksfrequentie", ">=", 1, "times/year", None, None,
     "Opdrachtnemer neemt jaarlijks een enquête af onder de ketenpartners"),
    ("NML-KPI-15", "omgeving_oordeel", ">=", 7, "score", None, None,
     "gemiddeld tevredenheidscijfer van minimaal een 7."),
    ("NML-KPI-15", "onderzoeksfrequentie", ">=", 1, "times/year", None, None,
     "Opdrachtnemer neemt jaarlijks een enquête af in de omgeving van de opvanglocaties"),
    ("NML-VOG-01", "vog_ouderdom_bij_indiensttreding", "<=", 3, "months", None, None,
     "in het bezit van een VOG niet ouder dan 3 maanden voor indiensttreding"),
    ("NML-VOG-01", "vog_ouderdom", "<=", 3, "years", None, None,
     "indiensttreding en in totaal niet ouder dan 3 jaar"),
    ("NML-FIN-02", "budget", "<=", 5_600_000, "EUR/year", None, None,
     "Het budget is maximaal € 5,6 miljoen per jaar gedurende de eerste vier jaar"),
    ("NML-FIN-03", "eigen_bijdrage", "==", 577_500, "EUR/year", None, None,
     "door de aanbieder te innen bedrag van €577.500,-"),
    ("NML-FIN-03", "inningspercentage", "==", 70, "%", None, None,
     "op basis van een inningspercentage van 70%"),
    ("NML-REP-06", "terugval_periode", ">=", 4, "months", None, None,
     "Indien een persoon zich na 4 maanden (melding => 4 maanden)"),
    ("NML-REP-06", "terugval_periode", "<=", 2, "years", None, None,
     "en binnen 2 jaar (melding =< 2 jaar) na uitstroom nogmaals meldt"),
    ("NML-REP-03", "monitorfrequentie", ">=", 4, "times/year", None, None,
     "Per kwartaal aanleveren."),
    ("NML-REP-12", "rapportagefrequentie", ">=", 4, "times/year", None, None,
     "De opdrachtnemer rapporteert ieder kwartaal."),
    ("NML-REP-13", "monitorfrequentie", "==", 2, "times/year", None, None,
     "Naar verwachting 2 keer per jaar."),
    ("NML-GOV-06", "overlegfrequentie", ">=", 4, "times/year", None, None,
     "waarbij 4x per jaar wordt overlegd"),
    ("NML-ACC-12", "aandeel_capaciteit_elders", "<=", 25, "%", None, "huiselijk-geweld",
     "Maximaal 25% van de totale capaciteit mag bezet worden door slachtoffers van huiselijk geweld"),
    ("NML-TIM-04", "begeleidingsplan_termijn", "<=", 6, "weeks", None, "huiselijk-geweld",
     "Binnen 6 weken is een analyse van de problematiek gereed"),
    ("NML-TIM-05", "evaluatietermijn", "<=", 10, "weeks", None, "huiselijk-geweld",
     "Na uiterlijk 10 weken vindt een evaluatie van de hulpverlening"),
    ("NML-TIM-03", "trajectduur", "<=", 3, "months", None, ("acuut", "gezin"),
     "Een traject duurt voor individuen en voor gezinnen maximaal 3 maanden."),
    ("NML-SRV-26", "opvangduur", "<=", 6, "months", None, "huiselijk-geweld",
     "Uitgegaan wordt van een maximaal verblijf van 6 maanden."),
    ("NML-TIM-08", "bereikbaarheid", "==", 168, "hours/week", None, None,
     "De dienstverlening is 24/7 bereikbaar en beschikbaar."),
    ("NML-SRV-35", "bereikbaarheid", "==", 168, "hours/week", None, None,
     "De opdrachtnemer dient te voorzien in 24/7 bereikbaarheids- en beschikbaarheidsdiensten"),
    ("NML-ACM-07", "afstand", ">=", 1.5, "meters", None, None,
     "onderling een afstand van minimaal 1.5 meter kunnen aanhouden"),
]
# fmt: on


@pytest.mark.parametrize(
    ("req_id", "metric", "operator", "value", "unit", "share", "applies_to", "phrase"),
    NORMS,
    ids=[f"{row[0]}:{row[1]}:{row[3]}" for row in NORMS],
)
def test_norm_matches_seed(req_id, metric, operator, value, unit, share, applies_to, phrase):
    assert_norm_in_seed(req_id, metric, operator, value, unit, share, applies_to, SEED.name, phrase, tender=TENDER)


def test_kpi_obligations_and_monitoring():
    """Every KPI of §7.5 is a hard requirement with its 'wijze van monitoring'."""
    catalog = real_catalog()
    for number in range(3, 16):
        req = catalog.requirement(f"NML-KPI-{number:02d}")
        assert req.obligation == "eis"
        assert req.measurement, req.id
        assert req.source.section.startswith("7.5 "), req.source.section
    measurement = catalog.requirement("NML-KPI-04").measurement
    assert in_seed(SEED.name, "Registratie van datum uitstroom en datum her-")
    assert "her-instroom" in measurement


def test_stay_duration_kpis_cover_the_four_subgroups():
    groups = {}
    for req in real_catalog().tender(TENDER).requirements:
        for norm in req.norms:
            if norm.metric == "opvangduur_binnen_norm":
                groups[",".join(norm.applies_to)] = (norm.value, norm.unit, norm.share)
    assert groups == {
        "acuut,gezin": (3, "months", 80),
        "huiselijk-geweld": (6, "months", 80),
        "complex": (6, "months", 80),
        "jongeren": (6, "months", 80),
    }


def test_durable_exit_definition_is_recorded():
    req = real_catalog().requirement("NML-KPI-04")
    assert "2 jaar geen terugval" in (req.note or "")
    assert in_seed(SEED.name, "er vindt 2 jaar geen terugval plaats naar de MO")
    relapse = real_catalog().requirement("NML-REP-06")
    assert "wordt dit gezien als een terugval" in relapse.text
    assert in_seed(SEED.name, "na uitstroom nogmaals meldt, wordt dit gezien als een terugval")


def test_level_5_always_carries_end_responsibility():
    req = real_catalog().requirement("NML-STA-06")
    assert in_seed(SEED.name, "Personeel van niveau 5 draagt altijd de eindverantwoordelijk")
    rules = [rule for rule in req.staff_rules if rule.kind == "team_lead"]
    assert len(rules) == 1
    assert rules[0].requires.niveau_min == "hbo"


def test_level_3_only_under_supervision_of_level_4():
    req = real_catalog().requirement("NML-STA-07")
    assert in_seed(SEED.name, "Een niveau 3 medewerker kan alleen onder begeleiding (en toezicht) van een niveau 4")
    (rule,) = req.staff_rules
    assert rule.kind == "supervision"
    assert rule.who.niveau == ("mbo-3",)
    assert rule.supervisor.niveau_min == "mbo-4"


def test_vog_rules():
    vog = real_catalog().requirement("NML-VOG-01")
    assert in_seed(SEED.name, "Alle medewerkers en vrijwilligers zijn in het bezit van een VOG")
    (rule,) = vog.staff_rules
    assert rule.kind == "vog"
    assert set(rule.who.soort) == {"medewerker", "vrijwilliger"}

    peers = real_catalog().requirement("NML-VOG-02")
    assert in_seed(
        SEED.name,
        "Ervaringsdeskundigen zonder VOG werken onder toezicht en verantwoordelijkheid van een medewerker "
        "niveau 4 met VOG",
    )
    (rule,) = peers.staff_rules
    assert rule.kind == "supervision"
    assert rule.who.soort == ("ervaringsdeskundige",)
    assert rule.who.vog is False
    assert rule.supervisor.niveau_min == "mbo-4"
    assert rule.supervisor.vog is True


def test_obligations_follow_the_wording():
    catalog = real_catalog()
    # "gewenst" -> wens
    assert catalog.requirement("NML-SRV-36").obligation == "wens"
    assert in_seed(SEED.name, "is als uitgangspunt 24-uurs begeleiding en het inregelen van slaapdiensten gewenst")
    # "streven" -> wens
    assert catalog.requirement("NML-TIM-07").obligation == "wens"
    # current figures and the indicative volume bind no one
    assert catalog.requirement("NML-FIN-06").obligation == "info"
    assert in_seed(SEED.name, "Deze kwantitatieve gegevens zijn puur indicatief")


def test_tender():
    tender = real_catalog().tender(TENDER)
    assert tender.code == "NML"
    assert tender.source_document == SEED.name
    assert tender.period.start == dt.date(2022, 1, 1)
    assert tender.period.end == dt.date(2025, 12, 31)
    assert in_seed(SEED.name, "gedurende de eerste vier jaar van de overeenkomst (2022, 2023, 2024 en 2025)")
    assert {"acuut", "huiselijk-geweld", "complex", "jongeren"} <= set(tender.target_groups)
    assert {"Venlo", "Roermond", "Weert"} <= set(tender.municipalities)
    budget = {(amount.value, amount.unit) for amount in tender.budget}
    assert (5_600_000, "EUR/year") in budget
    assert (577_500, "EUR/year") in budget
    assert (70, "%") in budget
    volumes = {amount.value for amount in tender.volumes if amount.section.startswith("12 ")}
    assert {140, 145, 12, 40, 45} <= volumes
    assert in_seed(SEED.name, "Circa 140-145 opvangplekken voor dak- en thuislozen")
    assert in_seed(SEED.name, "Circa 12 opvangplaatsen slachtoffers van huiselijk geweld intramuraal")
    assert in_seed(SEED.name, "Circa 40 trajecten opvang slachtoffers van huiselijk geweld ambulant")


def test_every_requirement_is_numbered_per_category():
    """Ids run from 01 without gaps within each category, in file order."""
    by_category: dict[str, list[str]] = {}
    for req in real_catalog().tender(TENDER).requirements:
        by_category.setdefault(req.category, []).append(req.id)
    for ids in by_category.values():
        numbers = [int(req_id.rsplit("-", 1)[1]) for req_id in ids]
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), ids
