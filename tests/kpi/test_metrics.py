"""Each KPI on hand-built registrations; the expected values are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

from generator.catalog.model import Norm
from generator.kpi import metrics as m
from generator.kpi.clients import read_clients, read_zrm
from generator.kpi.engine import evaluate

from .conftest import PEIL, row, write_clients


def _result(report, requirement_id):
    return next(r for r in report.results if r.requirement.id == requirement_id)


def test_relapse_edges_and_provisional_exit(tmp_path, catalog):
    # Exits on 2024-01-10 (more than 2 years before the peildatum 2027-12-31, so final) except E.
    rows = [
        # A: exit 2024-01-10, new report 2024-04-10 = 3 months later: not a relapse -> success.
        row("A", "2023-12-01 10:00", uit="2024-01-10"),
        row("A", "2024-04-10 09:00", uit="2024-05-01"),
        # B: exit 2024-01-10, new report 2024-06-10 = 5 months later: relapse -> failure.
        row("B", "2023-12-01 10:00", uit="2024-01-10"),
        row("B", "2024-06-10 09:00"),
        # C: exit 2024-01-10, new report 2026-02-10 = 25 months later: not a relapse -> success.
        row("C", "2023-12-01 10:00", uit="2024-01-10"),
        row("C", "2026-02-10 09:00"),
        # D: exit 2024-01-10, never again -> success.
        row("D", "2023-12-01 10:00", uit="2024-01-10"),
        # E: exit 2026-12-31, one year before the peildatum, no new report -> provisional.
        row("E", "2026-11-01 10:00", uit="2026-12-31"),
    ]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    out = m.duurzame_uitstroom(regs, PEIL.toordinal())
    by_row = list(out.codes)
    # Row order as written: A1, A2, B1, B2, C1, C2, D, E.
    assert by_row[0] == m.SUCCESS  # 3 months: no relapse
    assert by_row[2] == m.FAILURE  # 5 months: relapse
    assert by_row[4] == m.SUCCESS  # 25 months: no relapse
    assert by_row[6] == m.SUCCESS
    assert by_row[7] == m.PENDING  # exit one year before the peildatum
    # A2 exits 2024-05-01, more than 2 years ago, no later report: success.
    assert by_row[1] == m.SUCCESS
    assert by_row[3] == by_row[5] == m.EXCLUDED  # no exit
    # Exits: A1, A2, B1, C1, D, E = 6; successes A1, A2, C1, D = 4; failure B1; pending E.
    # value among the 5 definitive exits = 4 / 5 = 80%; the final result lies between 4 / 6 = 66.7%
    # (E relapses) and 5 / 6 = 83.3% (E does not): 66.7% < 80 <= 83.3% -> "voorlopig".
    share = m.share_result(Norm("duurzame_uitstroom", ">=", 80, "%"), 4, 1, 1)
    assert (share.value, round(share.lower, 1), round(share.upper, 1), share.verdict) == (80.0, 66.7, 83.3, "voorlopig")
    report = evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1)
    cell = _result(report, "VBO-KPI-01").overall
    assert (cell.numerator, cell.denominator, cell.pending, cell.verdict) == (4, 5, 1, "voorlopig")
    assert (cell.value, round(cell.lower, 2), round(cell.upper, 2)) == (80.0, 66.67, 83.33)


def test_relapse_window_boundaries_inclusive(tmp_path):
    # Exit 2024-01-10: window 2024-05-10 .. 2026-01-10 (both ends included).
    rows = [
        row("F", "2023-12-01 10:00", uit="2024-01-10"),
        row("F", "2024-05-10 00:00"),  # exactly 4 months: relapse
        row("G", "2023-12-01 10:00", uit="2024-01-10"),
        row("G", "2026-01-10 23:59"),  # exactly 24 months: relapse
        row("H", "2023-12-01 10:00", uit="2024-01-10"),
        row("H", "2026-01-11 00:00"),  # one day after: not a relapse
    ]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    codes = list(m.duurzame_uitstroom(regs, PEIL.toordinal()).codes)
    assert codes[0] == m.FAILURE and codes[2] == m.FAILURE and codes[4] == m.SUCCESS


def test_relapse_after_peildatum_is_not_known(tmp_path):
    # Exit 2027-01-10 with a new report 2027-06-10 (5 months: a relapse), but peildatum 2027-03-01:
    # the report is not known yet, the exit is provisional.
    rows = [row("A", "2026-12-01 10:00", uit="2027-01-10"), row("A", "2027-06-10 10:00")]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    assert list(m.duurzame_uitstroom(regs, dt.date(2027, 3, 1).toordinal()).codes)[0] == m.PENDING
    assert list(m.duurzame_uitstroom(regs, PEIL.toordinal()).codes)[0] == m.FAILURE


def test_plan_at_47_and_49_hours(tmp_path, catalog):
    rows = [
        row("P1", "2027-03-01 08:00", plan="2027-03-03 07:00"),  # 47 h: in time
        row("P2", "2027-03-01 08:00", plan="2027-03-03 09:00"),  # 49 h: late
        row("P3", "2027-03-01 08:00", plan="2027-03-03 08:00"),  # exactly 48:00: in time (<=)
        row("P4", "2027-03-01 08:00"),  # no plan, deadline long passed: late
        row("P5", "2027-12-31 12:00"),  # no plan, deadline after the peildatum: pending
    ]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    norm = Norm("plan_binnen_termijn", "<=", 48, "hours", share=100)
    assert list(m.plan_binnen_termijn(regs, PEIL.toordinal(), norm).codes) == [
        m.SUCCESS,
        m.FAILURE,
        m.SUCCESS,
        m.FAILURE,
        m.PENDING,
    ]
    # 2 of the 4 definitive cases in time = 50%; P5 pending: between 2/5 = 40% and 3/5 = 60%, < 100%
    # whatever P5 turns out to be: voldoet niet.
    cell = _result(evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1), "VBO-KPI-02").overall
    assert (cell.numerator, cell.denominator, cell.pending, cell.value, cell.verdict) == (2, 4, 1, 50.0, "voldoet_niet")
    assert (cell.lower, cell.upper) == (40.0, 60.0)


def test_plan_bound_in_weeks():
    # 6 weeks = 6 * 168 h = 1008 h = 60480 minutes.
    assert m.bound_minutes(Norm("plan_binnen_termijn", "<=", 6, "weeks", share=75)) == 60480
    assert m.bound_minutes(Norm("plan_binnen_termijn", "<=", 2, "days")) == 2880


def test_stay_within_three_calendar_months_for_its_group(tmp_path, catalog):
    rows = [
        # Start 2027-01-31: +3 months = 2027-04-30 (April has 30 days).
        row("S1", "2027-01-31 08:00", start="2027-01-31 09:00", uit="2027-04-30"),  # within
        row("S2", "2027-01-31 08:00", start="2027-01-31 09:00", uit="2027-05-01"),  # over
        row("S3", "2027-02-10 08:00", start="2027-02-10 09:00", uit="2027-03-01"),  # within
        row("S4", "2027-02-10 08:00", start="2027-02-10 09:00", uit="2027-05-10"),  # exactly 3 months: within
        row(
            "S5", "2027-02-10 08:00", start="2027-02-10 09:00", uit="2027-09-10", groep="huiselijk-geweld"
        ),  # other group
        row("S6", "2027-02-10 08:00", uit="2027-03-01"),  # no shelter: excluded
    ]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    # acuut with a stay: S1..S4; within: S1, S3, S4 = 3 of 4 = 75% < 80%: voldoet niet.
    cell = _result(evaluate(catalog, "voorbeeld-opvang", regs, None, None, PEIL, min_cell=1), "VBO-KPI-03").overall
    assert (cell.numerator, cell.denominator, cell.value, cell.verdict) == (3, 4, 75.0, "voldoet_niet")
    assert m.add_months(dt.date(2027, 1, 31).toordinal(), 1) == dt.date(2027, 2, 28).toordinal()
    assert m.add_months(dt.date(2028, 1, 31).toordinal(), 1) == dt.date(2028, 2, 29).toordinal()


def test_satisfaction_mean_and_other_shares(tmp_path):
    rows = [
        row(
            "T1",
            "2027-01-01 08:00",
            opvang="Venlo",
            nodig="ja",
            start="2027-01-02 08:00",
            uit="2027-02-01",
            doelen="ja",
            cijfer="8",
        ),
        row(
            "T2",
            "2027-01-01 08:00",
            opvang="Weert",
            nodig="ja",
            start="2027-01-02 08:01",
            uit="2027-02-01",
            doelen="nee",
            cijfer="7,5",
        ),
        row("T3", "2027-01-01 08:00", opvang="venlo", nodig="nee", uit="2027-02-01", cijfer="6"),
        row("T4", "2027-01-01 08:00"),
    ]
    regs = read_clients(write_clients(tmp_path / "c.csv", rows))
    peil = PEIL.toordinal()
    # Mean of 8, 7.5 and 6 = 21.5 / 3 = 7.1667.
    out = m.clienttevredenheid(regs, peil)
    marks = [v for c, v in zip(out.codes, out.values, strict=True) if c]
    assert sum(marks) / len(marks) == 21.5 / 3
    # direct_opvang: T1 after exactly 24:00 (in time), T2 after 24:01 (late), T3 no need, T4 no start
    # and 24 h long passed (late): 1 of 3.
    assert list(m.direct_opvang(regs, peil).codes) == [m.SUCCESS, m.FAILURE, m.EXCLUDED, m.FAILURE]
    # opvang_nabij_herkomst: T1 Venlo=Venlo, T2 Weert!=Venlo, T3 venlo=Venlo (case), T4 no shelter place.
    assert list(m.opvang_nabij_herkomst(regs, peil).codes) == [m.SUCCESS, m.FAILURE, m.SUCCESS, m.EXCLUDED]
    # doelen_behaald: ended T1 (ja), T2 (nee), T3 (empty: counts, not a success) -> 1 of 3.
    assert list(m.doelen_behaald(regs, peil).codes) == [m.SUCCESS, m.FAILURE, m.FAILURE, m.EXCLUDED]


def test_zrm_improvement_on_two_domains(tmp_path):
    clients = write_clients(
        tmp_path / "c.csv",
        [row("Z1", "2026-01-01 08:00"), row("Z2", "2026-01-01 08:00"), row("Z3", "2027-06-01 08:00")],
    )
    zrm = tmp_path / "zrm.csv"
    zrm.write_text(
        "client_id,datum,domein,score\n"
        # Z1: start 2026-01-05; after 12 months (>= 2027-01-05): financien 2->3, huisvesting 1->2, werk 3->3.
        "Z1,2026-01-05,financien,2\nZ1,2026-01-05,huisvesting,1\nZ1,2026-01-05,werk,3\n"
        "Z1,2027-01-05,financien,3\nZ1,2027-01-05,huisvesting,2\nZ1,2027-01-05,werk,3\n"
        # Z2: only one domain better (financien 2->4), one worse: not improved on 2 domains.
        "Z2,2026-01-05,financien,2\nZ2,2026-01-05,huisvesting,3\n"
        "Z2,2027-02-01,financien,4\nZ2,2027-02-01,huisvesting,2\n"
        # Z2: a measurement at 11 months does not count as the 12-month measurement.
        "Z2,2026-12-01,huisvesting,5\n"
        # Z3: start 2027-06-02, 12 months not yet passed on 2027-12-31: not counted.
        "Z3,2027-06-02,financien,1\n",
        encoding="utf-8",
    )
    regs = read_clients(clients)
    scores = read_zrm(zrm, regs)
    out = m.zrm_verbetering(regs, PEIL.toordinal(), None, scores)
    # Z1 improved (2 domains), Z2 not: 1 of 2 = 50%.
    assert sorted(out.codes) == [m.SUCCESS, m.FAILURE]
    assert m.share_verdict(Norm("zrm_verbetering", ">=", 70, "%"), 1, 1, 0) == (50.0, "voldoet_niet")


def test_share_verdict_edges():
    norm = Norm("duurzame_uitstroom", ">=", 80, "%")
    assert m.share_verdict(norm, 0, 0, 0) == (None, "onvoldoende_data")
    assert m.share_verdict(norm, 4, 1, 0) == (80.0, "voldoet")  # 4/5 = 80% >= 80
    assert m.share_verdict(norm, 0, 0, 3) == (None, "voorlopig")  # everything still open: no value yet
    assert m.share_verdict(norm, 1, 4, 1)[1] == "voldoet_niet"  # at best 2/6 = 33%
