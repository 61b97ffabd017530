"""Every metric counts only its norm's target groups, and lead times count from the norm's anchor.

The extended fixture catalog has one Housing First norm per metric (VBO-KPI-11 .. VBO-KPI-20). Four
Housing First clients give the values worked out below; clients of another group (acuut) with the
opposite outcomes are then added, and no Housing First value may change.
"""

from __future__ import annotations

import pytest

from generator.catalog.load import load_catalog
from generator.kpi.clients import read_clients, read_zrm
from generator.kpi.engine import evaluate

from .conftest import FULL_HEADER, PEIL, extended_catalog, full_row, write_clients

HF = {"doelgroep": "housing-first"}
HOUSING_FIRST = [
    # H1: everything in time: shelter after 12 h, plan after 24 h (12 h after the start), stay < 3 months.
    full_row(
        "H1",
        "2025-01-06 08:00",
        **HF,
        gemeente_opvang="Venlo",
        opvang_nodig="ja",
        datum_start_opvang="2025-01-06 20:00",
        datum_plan="2025-01-07 08:00",
        datum_uitstroom="2025-03-01",
        doelen_behaald="ja",
        tevredenheid="8",
        woning_behouden="ja",
    ),
    # H2: sheltered in Weert, after 48 h; plan after 57 days (55 after the start); stay 7 months; relapse.
    full_row(
        "H2",
        "2025-02-03 08:00",
        **HF,
        gemeente_opvang="Weert",
        opvang_nodig="ja",
        datum_start_opvang="2025-02-05 08:00",
        datum_plan="2025-04-01 08:00",
        datum_uitstroom="2025-09-01",
        doelen_behaald="nee",
        tevredenheid="6",
        woning_behouden="nee",
    ),
    # H2 reports again 6 months after the exit: a relapse. No shelter needed, no plan (48 h long passed).
    full_row("H2", "2026-03-01 08:00", **HF, opvang_nodig="nee"),
    # H3: 'venlo' is Venlo; shelter after 1 h, no plan (6 weeks after the start passed); exit 2027-08-01,
    # still inside its two years of follow-up on the peildatum.
    full_row(
        "H3",
        "2027-06-01 08:00",
        **HF,
        gemeente_opvang="venlo",
        opvang_nodig="ja",
        datum_start_opvang="2027-06-01 09:00",
        datum_uitstroom="2027-08-01",
        doelen_behaald="ja",
        tevredenheid="9",
        woning_behouden="ja",
    ),
    # H4: reported 11 days before the peildatum, shelter after 2 h, no plan yet: 48 h passed (failure),
    # six weeks after the start not yet (pending).
    full_row("H4", "2027-12-20 08:00", **HF, opvang_nodig="ja", datum_start_opvang="2027-12-20 10:00"),
]
# Acute clients with the opposite outcomes: if any of them were counted, the values would change.
OTHERS = [
    full_row(
        f"A{i}",
        "2025-01-06 08:00",
        gemeente_opvang="Weert" if i else "Venlo",
        opvang_nodig="ja",
        datum_start_opvang="2025-01-09 08:00" if i else "2025-01-06 09:00",
        datum_plan="2025-03-30 08:00" if i else "2025-01-06 10:00",
        datum_uitstroom="2025-12-01" if i else "2025-02-01",
        doelen_behaald="nee" if i else "ja",
        tevredenheid="2" if i else "10",
        woning_behouden="nee" if i else "ja",
    )
    for i in range(3)
] + [full_row("A1", "2026-02-01 08:00", opvang_nodig="nee")]
ZRM_HF = (
    "H1,2025-01-10,financien,2\nH1,2025-01-10,huisvesting,2\nH1,2026-01-10,financien,3\nH1,2026-01-10,huisvesting,3\n"
    "H2,2025-02-10,financien,2\nH2,2025-02-10,huisvesting,2\nH2,2026-02-10,financien,2\nH2,2026-02-10,huisvesting,3\n"
)
ZRM_OTHERS = (
    "A0,2025-01-10,financien,1\nA0,2025-01-10,huisvesting,1\nA0,2026-01-10,financien,1\nA0,2026-01-10,huisvesting,1\n"
    "A1,2025-01-10,financien,1\nA1,2025-01-10,huisvesting,1\nA1,2026-01-10,financien,5\nA1,2026-01-10,huisvesting,5\n"
)

# requirement: (numerator, denominator, pending) worked out by hand from the four Housing First clients.
EXPECTED = {
    # H1 Venlo=Venlo, H2 Weert, H3 venlo=Venlo; H2's second report and H4 have no shelter place.
    "VBO-KPI-11": (2, 3, 0),
    # H1 no report within 4 months-2 years after its exit: durable; H2 relapsed; H3 still in follow-up.
    "VBO-KPI-12": (1, 2, 1),
    # H1 12 h, H2 48 h (late), H3 1 h, H4 2 h; H2's second report needs no shelter.
    "VBO-KPI-13": (3, 4, 0),
    # From the start: H1 12 h, H2 55 days (late), H3 none after 6 weeks (late), H4 6 weeks not yet passed.
    "VBO-KPI-14": (1, 3, 1),
    # Ended: H1 ja, H2 nee, H3 ja.
    "VBO-KPI-15": (2, 3, 0),
    # Marks 8, 6 and 9: sum 23 over 3.
    "VBO-KPI-16": (23, 3, 0),
    # Stays: H1 < 3 months, H2 7 months, H3 2 months.
    "VBO-KPI-17": (2, 3, 0),
    # Kept the home: H1 ja, H2 nee, H3 ja.
    "VBO-KPI-18": (2, 3, 0),
    # H1 better on 2 domains after 12 months, H2 on 1.
    "VBO-KPI-19": (1, 2, 0),
    # From the report: H1 24 h; H2 57 days; H2 again, H3 and H4 no plan and 48 h passed.
    "VBO-KPI-20": (1, 5, 0),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(extended_catalog(tmp_path_factory.mktemp("cat")))


def _report(folder, catalog, rows, zrm_rows):
    clients = write_clients(folder / "clienten.csv", rows, header=FULL_HEADER)
    zrm = folder / "zrm.csv"
    zrm.write_text("client_id,datum,domein,score\n" + zrm_rows, encoding="utf-8")
    regs = read_clients(clients)
    scores = read_zrm(zrm, regs)
    report = evaluate(catalog, "voorbeeld-opvang", regs, scores, None, PEIL, min_cell=1)
    return {r.requirement.id: r.overall for r in report.results}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, catalog):
    alone = _report(tmp_path_factory.mktemp("hf"), catalog, HOUSING_FIRST, ZRM_HF)
    mixed = _report(tmp_path_factory.mktemp("mixed"), catalog, HOUSING_FIRST + OTHERS, ZRM_HF + ZRM_OTHERS)
    return alone, mixed


@pytest.mark.parametrize("requirement", sorted(EXPECTED))
def test_metric_counts_only_its_target_group(reports, requirement):
    alone, mixed = reports
    cell = alone[requirement]
    assert (cell.numerator, cell.denominator, cell.pending) == EXPECTED[requirement]
    other = mixed[requirement]
    assert (other.numerator, other.denominator, other.pending, other.value, other.verdict) == (
        cell.numerator,
        cell.denominator,
        cell.pending,
        cell.value,
        cell.verdict,
    )


def test_the_others_do_count_for_a_norm_for_every_group(reports):
    # VBO-KPI-02 (plan within 48 hours, no applies_to) counts every group: the acute clients change it.
    alone, mixed = reports
    assert alone["VBO-KPI-02"].denominator == 5 and mixed["VBO-KPI-02"].denominator == 9


def test_anchor_start_and_melding_differ(reports):
    # H1's plan is 24 h after the report, 12 h after the start; H2 and H3 are late either way, H4 is
    # pending from the start (1 of 3 definitive) but late from the report (1 of 5).
    alone, _ = reports
    assert round(alone["VBO-KPI-14"].value, 2) == 33.33 and alone["VBO-KPI-14"].verdict == "voldoet_niet"
    assert alone["VBO-KPI-20"].value == 20.0
