"""The Noord- en Midden-Limburg catalog (Bijlage L) against its seed document.

For a sample of norms, including every norm the issue lists as acceptance criteria, check the
structured values and that the phrase they come from stands literally in the seed (after collapsing
whitespace, which PDF extraction scatters through the text). The second half pins down the decisions
of catalog format 2, each with the phrase it rests on: which numbers bind (kind), which registration
groups a norm counts (gezin for families with acute homelessness), what a lead time counts from, the
dated duties and the documents handed in with the bid.
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
    assert "er vindt 2 jaar geen terugval plaats naar de MO" in " ".join(req.text.split())  # the Toelichting
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


# --- Soort getal, doelgroepen, ankers, termijnen en inschrijvingsdocumenten (catalogusformaat 2) ---------

# (requirement id, metric, operator, value, unit, share, applies_to, kind, phrase in the seed it rests on)
# fmt: off
KINDS = [
    # binding: the numbers a provider is judged on
    ("NML-KPI-10", "opvangduur_binnen_norm", "<=", 3, "months", 80, ("acuut", "gezin"), "norm",
     "voor individuen en gezinnen die geconfronteerd worden met acute dakloosheid wordt de opvangduur van 3 maanden"),
    ("NML-KPI-11", "opvangduur_binnen_norm", "<=", 6, "months", 80, "huiselijk-geweld", "norm",
     "huiselijk geweld de thuissituatie moeten verlaten van 6 maanden wordt in 80% van de gevallen gehaald"),
    ("NML-TIM-01", "trajectduur", "<=", 3, "months", None, ("acuut", "gezin"), "norm",
     "Deze trajecten duren voor individuen en gezinnen maximaal 3 maanden"),
    ("NML-SRV-21", "openstelling", "==", 168, "hours/week", None, ("acuut", "gezin"), "norm",
     "Bij individuen en gezinnen die gebruik maken van deze opvang is het huisvestingsvraagstuk voorliggend"),
    ("NML-ACM-07", "afstand", ">=", 1.5, "meters", None, None, "norm",
     "is de ruimte zo ingericht dat cliënten onderling een afstand van minimaal 1.5 meter kunnen aanhouden"),
    ("NML-ACC-12", "aandeel_capaciteit_elders", "<=", 25, "%", None, "huiselijk-geweld", "norm",
     "Maximaal 25% van de totale capaciteit mag bezet worden"),
    # aims of the contracting authority
    ("NML-TIM-07", "trajectduur", "<=", 6, "months", None, "complex", "streefwaarde",
     "Het streven van de opdrachtnemer moet zijn om binnen een periode van maximaal 6 maanden de basis op orde"),
    ("NML-SRV-36", "aanwezigheid_begeleiding", "==", 168, "hours/week", None, "jongeren", "streefwaarde",
     "is als uitgangspunt 24-uurs begeleiding en het inregelen van slaapdiensten gewenst"),
    ("NML-GOV-05", "aantal_aanbieders", "==", 1, "count", None, None, "streefwaarde",
     "We zetten in op één combinatie van aanbieders"),
    # starting points, expectations and estimates nobody can hold the provider to
    ("NML-SRV-25", "opvangduur", "==", 3, "days", None, "huiselijk-geweld", "indicatief",
     "Betrokkenen blijven gemiddeld 3 dagen op een noodbed."),
    ("NML-SRV-26", "opvangduur", "<=", 6, "months", None, "huiselijk-geweld", "indicatief",
     "zo kort als kan en zo lang als nodig. Uitgegaan wordt van een maximaal verblijf van 6 maanden."),
    ("NML-SRV-33", "opvangduur", "==", 6, "months", None, "jongeren", "indicatief",
     "zo kort als kan en zo lang als nodig. Uitgegaan wordt van een gemiddeld verblijf van 6 maanden."),
    ("NML-REP-13", "monitorfrequentie", "==", 2, "times/year", None, None, "indicatief",
     "Naar verwachting 2 keer per jaar."),
    ("NML-FIN-03", "eigen_bijdrage", "==", 577_500, "EUR/year", None, None, "indicatief",
     "bij het bepalen van het budget uitgegaan van een door de aanbieder te innen bedrag van €577.500,-"),
    ("NML-FIN-03", "inningspercentage", "==", 70, "%", None, None, "indicatief",
     "Dat is op basis van een inningspercentage van 70%."),
    ("NML-FIN-06", "aantal_plekken", ">=", 140, "count", None, None, "indicatief",
     "Deze kwantitatieve gegevens zijn puur indicatief en hier kunnen geen rechten aan ontleend worden."),
]
# fmt: on


@pytest.mark.parametrize(
    ("req_id", "metric", "operator", "value", "unit", "share", "applies_to", "kind", "phrase"),
    KINDS,
    ids=[f"{row[0]}:{row[1]}:{row[7]}" for row in KINDS],
)
def test_norm_kind_and_scope_follow_the_wording(req_id, metric, operator, value, unit, share, applies_to, kind, phrase):
    norm = assert_norm_in_seed(
        req_id, metric, operator, value, unit, share, applies_to, SEED.name, phrase, tender=TENDER
    )
    assert norm.kind == kind
    assert norm.binding is (kind == "norm")


def test_indicative_volume_binds_nothing():
    """Every number of the volume in chapter 12 is an estimate: 'hier kunnen geen rechten aan ontleend worden'."""
    req = real_catalog().requirement("NML-FIN-06")
    assert len(req.norms) == 6
    assert {norm.kind for norm in req.norms} == {"indicatief"}
    assert not req.binding_norms


def test_numbers_that_ask_nothing_are_no_norm():
    catalog = real_catalog()
    # the age split of housing data the municipalities deliver asks nothing of the provider
    assert in_seed(SEED.name, "verdeling van gerealiseerde woonplekken naar leeftijd > 27 en < 27")
    assert catalog.requirement("NML-REP-09").norms == ()
    # 'kan ook niet uitgegaan worden van een 100% bezetting' is the budget's reasoning, not an occupancy norm
    assert in_seed(SEED.name, "Daarnaast kan ook niet uitgegaan worden van een 100% bezetting.")
    assert "bezettingsgraad" not in {norm.metric for norm in catalog.requirement("NML-FIN-03").norms}


def _binding(metric: str, group: str) -> list[tuple[str, float, str]]:
    return [
        (req.id, norm.value, norm.unit)
        for req in real_catalog().tender(TENDER).requirements
        if req.obligation != "info"
        for norm in req.binding_norms
        if norm.metric == metric and norm.applies(group)
    ]


def test_each_registration_group_has_exactly_one_stay_norm():
    """A trajectory is judged against one stay duration: gezin (families with acute homelessness) against 3 months.

    Families fleeing domestic violence are registered under huiselijk-geweld; were gezin also in NML-KPI-11,
    every family trajectory would be judged against 3 and 6 months at once.
    """
    assert in_seed(SEED.name, "Onder gezinnen verstaan we in deze opdrachtomschrijving minimaal een volwassene")
    expected = {
        "acuut": [("NML-KPI-10", 3, "months")],
        "gezin": [("NML-KPI-10", 3, "months")],
        "huiselijk-geweld": [("NML-KPI-11", 6, "months")],
        "complex": [("NML-KPI-12", 6, "months")],
        "jongeren": [("NML-KPI-13", 6, "months")],
    }
    for group, norms in expected.items():
        assert _binding("opvangduur_binnen_norm", group) == norms, group
    assert "gezin" in real_catalog().tender(TENDER).target_groups


def test_three_month_trajectory_is_not_imposed_on_the_six_month_groups():
    """Chapter 5 C names no subgroup; 7.3 and 7.5 give domestic violence, complex problems and young people 6 months."""
    assert in_seed(SEED.name, "Een begeleidingstraject duurt maximaal 6 maanden.")
    for group in ("huiselijk-geweld", "complex", "jongeren"):
        assert all(value * (1 if unit == "months" else 12) > 3 for _, value, unit in _binding("trajectduur", group))
    assert sorted(_binding("trajectduur", "gezin")) == [("NML-TIM-01", 3, "months"), ("NML-TIM-03", 3, "months")]


def test_no_conflicting_binding_norms():
    from generator.lint.rules import check_conflicts

    assert check_conflicts(real_catalog().tender(TENDER)) == []


# (requirement id, metric, anchor, phrase in the seed that fixes the anchor)
ANCHORS = [
    ("NML-KPI-06", "plan_binnen_termijn", "melding", "Na melding voor maatschappelijke opvang wordt, in 100% van de"),
    ("NML-TIM-04", "begeleidingsplan_termijn", "start", "Binnen 6 weken is een analyse van de problematiek gereed"),
    ("NML-TIM-05", "evaluatietermijn", "start", "Na uiterlijk 10 weken vindt een evaluatie van de hulpverlening"),
]


@pytest.mark.parametrize(("req_id", "metric", "anchor", "phrase"), ANCHORS, ids=[row[0] for row in ANCHORS])
def test_lead_times_say_what_they_count_from(req_id, metric, anchor, phrase):
    (norm,) = [norm for norm in real_catalog().requirement(req_id).norms if norm.metric == metric]
    assert norm.count_from == anchor
    assert norm.anchor == anchor
    assert in_seed(SEED.name, phrase)


def test_ambulant_domestic_violence_terms_are_part_of_the_guidance_trajectory():
    """The 6 weeks and 10 weeks stand in the description of the ambulant trajectory, between its start and its end."""
    assert in_seed(
        SEED.name,
        "Binnen 6 weken is een analyse van de problematiek gereed en een begeleidingsplan beschikbaar. Na uiterlijk "
        "10 weken vindt een evaluatie van de hulpverlening tussen betrokkene, de opdrachtnemer en Veilig Thuis plaats.",
    )
    assert real_catalog().requirement("NML-TIM-04").target_groups == ("huiselijk-geweld",)


START = dt.date(2022, 1, 1)

# (requirement id, date with the contract from 2022-01-01, term after the start or None, phrase in the seed)
# fmt: off
DEADLINES = [
    ("NML-DEV-06", dt.date(2022, 12, 31), None, "Eind 2022 dient opdrachtnemer het volgende te realiseren"),
    ("NML-DEV-07", dt.date(2022, 12, 31), None, "Eind 2022 dient opdrachtnemer het volgende te realiseren"),
    ("NML-DEV-08", dt.date(2023, 12, 31), None, "Eind 2023 dient opdrachtnemer het volgende te realiseren"),
    ("NML-DEV-09", dt.date(2023, 12, 31), None, "Eind 2023 dient opdrachtnemer het volgende te realiseren"),
    ("NML-DEV-10", dt.date(2023, 12, 31), None, "Eind 2023 dient opdrachtnemer het volgende te realiseren"),
    ("NML-DEV-11", dt.date(2023, 12, 31), None, "Eind 2023 dient opdrachtnemer het volgende te realiseren"),
    ("NML-GOV-10", dt.date(2022, 12, 31), (1, "years"),
     "Vanaf moment van definitieve gunning tot en met het eerste jaar van het contract"),
    ("NML-GOV-11", dt.date(2022, 12, 31), (1, "years"),
     "Vanaf het tweede contractjaar worden de gevraagde scores op de gecontracteerde KPI’s"),
    ("NML-GOV-12", dt.date(2024, 12, 31), (3, "years"),
     "Aan het einde van het derde contractjaar zijn de resultaten op de ontwikkeldoelstellingen"),
]
# fmt: on


@pytest.mark.parametrize(("req_id", "day", "term", "phrase"), DEADLINES, ids=[row[0] for row in DEADLINES])
def test_dated_duties_carry_their_deadline(req_id, day, term, phrase):
    tender = real_catalog().tender(TENDER)
    assert tender.period.start == START
    (deadline,) = real_catalog().requirement(req_id).deadlines
    assert deadline.resolve(tender.period.start) == day
    assert deadline.after_contract_start == term
    assert deadline.label.strip()
    assert in_seed(SEED.name, phrase)


def test_contract_year_deadlines_move_with_the_contract_start():
    (phase3,) = real_catalog().requirement("NML-GOV-12").deadlines
    assert phase3.resolve(dt.date(2023, 1, 1)) == dt.date(2025, 12, 31)


def test_development_goal_without_a_date_gets_none():
    assert in_seed(SEED.name, "is hier niet direct een moment waarop dit gerealiseerd zou moeten zijn aan te koppelen")
    assert real_catalog().requirement("NML-DEV-12").deadlines == ()


# (requirement id, document, phrase in the seed)
BID_DOCUMENTS = [
    ("NML-GOV-09", "Implementatieplan", "Realisatie van de transitie en het ingediende implementatieplan"),
    (
        "NML-GOV-12",
        "Plan van aanpak ontwikkeldoelen",
        "behaalde resultaten conform het plan van aanpak op de realisatie van ontwikkeldoelen",
    ),
    (
        "NML-DEV-16",
        "Plan van aanpak ontwikkeldoelen",
        "De aanbieder dient concreet te beschrijven op welke wijze hij ervaringsdeskundigheid inzet bij deze opdracht",
    ),
]


def test_bid_documents():
    found = {req.id: req.bid_document for req in real_catalog().tender(TENDER).requirements if req.submit_with_bid}
    assert found == {req_id: document for req_id, document, _ in BID_DOCUMENTS}
    for req_id, _, phrase in BID_DOCUMENTS:
        assert in_seed(SEED.name, phrase), req_id
    assert in_seed(SEED.name, "beoordeeld of inschrijver voldaan heeft aan de afspraken uit het implementatieplan")


def _frequency(req_id: str):
    (norm,) = [norm for norm in real_catalog().requirement(req_id).norms if norm.unit == "times/year"]
    return norm


@pytest.mark.parametrize(
    ("first", "second", "phrases"),
    [
        (
            "NML-KPI-14",
            "NML-COO-09",
            (
                "Opdrachtnemer neemt jaarlijks een enquête af onder de ketenpartners over de ervaren samenwerking.",
                "De onderwerpen a tot en met j worden onderzocht in de jaarlijkse enquête onder de ketenpartners",
            ),
        ),
        (
            "NML-KPI-09",
            "NML-QUA-07",
            (
                "Opdrachtnemer voert 1x per jaar een cliënttevredenheidsonderzoek uit.",
                "De aanbieder meet jaarlijks en daarnaast bij start en einde van een opvangtraject de individuele",
            ),
        ),
    ],
)
def test_one_duty_described_twice_is_related_with_the_same_frequency(first, second, phrases):
    catalog = real_catalog()
    assert second in catalog.requirement(first).related
    assert first in catalog.requirement(second).related
    a, b = _frequency(first), _frequency(second)
    assert a == b  # metric, operator, value, unit, share, groups, label, kind and anchor
    assert (a.metric, a.value, a.kind) == ("onderzoeksfrequentie", 1, "norm")
    for phrase in phrases:
        assert in_seed(SEED.name, phrase)


def test_quarterly_delivery_and_quarterly_report_are_related():
    catalog = real_catalog()
    assert "NML-REP-12" in catalog.requirement("NML-REP-03").related
    assert "NML-REP-03" in catalog.requirement("NML-REP-12").related


def test_subregions_as_the_document_names_them():
    tender = real_catalog().tender(TENDER)
    assert in_seed(SEED.name, "de drie subregio’s: Midden-Limburg Oost (Roermond), Midden-Limburg West (Weert)")
    assert in_seed(SEED.name, "Binnen de sub-regio’s maatschappelijke opvang bestaan er in Weert, Roermond en Venlo")
    assert in_seed(SEED.name, "Regio Noord-Limburg In Noord-Limburg is in 2018")
    assert {(s.name, s.municipalities) for s in tender.subregions} == {
        ("Noord-Limburg", ("Venlo",)),
        ("Midden-Limburg Oost", ("Roermond",)),
        ("Midden-Limburg West", ("Weert",)),
    }
    assert tender.subregion_of("venlo") == "Noord-Limburg"
    assert tender.subregion_of("Venray") is None  # the document does not name it
    assert {m for s in tender.subregions for m in s.municipalities} == set(tender.municipalities)


def test_new_requirements_for_missing_duties():
    catalog = real_catalog()
    basis = catalog.requirement("NML-SRV-40")
    assert basis.obligation == "eis"
    assert in_seed(SEED.name, basis.text)
    assert "moeten kunnen krijgen" in basis.text
    describe = catalog.requirement("NML-DEV-16")
    assert describe.obligation == "eis" and describe.deadlines == ()
    assert in_seed(SEED.name, describe.text)
    # the description is no longer part of the end-2023 goal
    assert "concreet te beschrijven" not in catalog.requirement("NML-DEV-10").text


def test_municipal_duty_binds_no_provider():
    req = real_catalog().requirement("NML-ACC-06")
    assert req.obligation == "info"
    assert in_seed(SEED.name, "de gemeente draagt zorg voor de totstandkoming van het ondersteuningsplan")
    assert real_catalog().requirement("NML-ACC-03").obligation == "eis"  # the VNG instruction is leading: binds


def test_level_3_rule_fails_staff_members_only(tmp_path):
    """'Een niveau 3 medewerker' needs level-4 supervision; a volunteer with an mbo-3 level does not."""
    from generator.assess.findings import FAILS, MEETS
    from generator.roster.reader import read_roster
    from generator.roster.rules import check_requirement

    roster = tmp_path / "personeel.csv"
    roster.write_text(
        "medewerker_id,soort,functie,niveau,datum_in_dienst,vog_datum,toezicht_door,team\n"
        "A1,medewerker,woonbegeleider,mbo-3,2025-01-01,2024-12-01,,X\n"
        "A2,medewerker,woonbegeleider,mbo-3,2025-01-01,2024-12-01,B1,X\n"
        "V1,vrijwilliger,gastvrouw,mbo-3,2025-01-01,2024-12-01,,X\n"
        "B1,medewerker,begeleider,mbo-4,2020-01-01,2024-12-01,,X\n",
        encoding="utf-8",
    )
    findings = check_requirement(real_catalog().requirement("NML-STA-07"), read_roster(roster, dt.date(2026, 6, 1)))
    assert [(f.subject, f.verdict) for f in findings if f.verdict != MEETS] == [("A1", FAILS)]
