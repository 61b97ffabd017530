"""Export of the monitor items of the Limburg tender (Bijlage L §11a) as an XLSX workbook.

§11a asks the provider to deliver, per quarter and to the VWS monitor twice a year, the
characteristics at report, start and end dates of shelter and support, the type of next place,
relapse (a new report from 4 months up to 2 years after exit) and exit reasons. The monitor wants
these to follow the trends; the municipalities see them in a dashboard. This export delivers them
*aggregated* per quarter (counts and medians), never per trajectory: a report is published and
shared, and the privacy principle of opvang is that no report holds client-level rows. A provider
who must deliver row-level data to VWS does so from its own client system under its own processing
agreement, not through this tool. Counts resting on fewer distinct clients than the
suppression threshold show ``<N``, with complementary suppression per quarter; free-text labels
(municipality, type of next place, exit reason) of fewer clients than the threshold are merged
into "overig" (:mod:`generator.kpi.suppression`).

Items the contract's registrations (§3) do not hold (age, sex, LVB/addiction/psychiatry, rough
sleepers, day activities, peer buddy) are listed on the sheet "Toelichting" as not available.
"""

from __future__ import annotations

from generator.catalog.model import TARGET_GROUP_LABELS
from generator.kpi import metrics as m
from generator.kpi.clients import Registrations
from generator.kpi.engine import QUARTER_SQL, KpiReport, lead_times
from generator.kpi.store import quote, text_list
from generator.kpi.suppression import OTHER, hidden_cells, merged_labels
from generator.render.xlsx import new_workbook, save_workbook, write_table

NOT_IN_CONTRACT = (
    "leeftijd en geslacht bij melding",
    "gemeente van melding (alleen gemeente van herkomst wordt geregistreerd)",
    "kenmerken bij instroom (LVB, verslaving, psychiatrische problematiek)",
    "meldingen binnen 3 maanden na huisuitzetting, detentie of ontslag uit een zorginstelling",
    "aantal buitenslapers",
    "start- en einddatum individuele begeleiding en acute/crisisopvang (alleen start opvang en uitstroom)",
    "deelname aan zinvolle dagbesteding",
    "inzet ervaringsdeskundige buddy",
)


def _crosstab(con, relation: str, min_cell: int, free_text: bool = False) -> tuple[list[str], list[list]]:
    """Trajectories per key (rows) and quarter (columns) of *relation* (columns ``k``, ``q``, ``client``).

    Suppressed on distinct clients per quarter; the quarters' totals are on "Start en einde", so each
    column gets complementary suppression. With *free_text* (a municipality, a type of next place, an
    exit reason) a key of fewer than *min_cell* distinct clients in the whole table is merged into
    "overig" first (:func:`merged_labels`). Counting happens in DuckDB; only the table comes back.
    """
    relation = f"(SELECT * FROM {relation} WHERE k IS NOT NULL AND q IS NOT NULL)"
    who = f"count(DISTINCT client), CASE WHEN count(DISTINCT client) < {min_cell} THEN list(DISTINCT client) END"
    key = "k"
    if free_text:
        people = {
            k: (n, frozenset(w or ()))
            for k, n, w in con.execute(f"SELECT k, {who} FROM {relation} GROUP BY k").fetchall()
        }
        merged = merged_labels(
            {k: n for k, (n, _w) in people.items()},
            min_cell,
            lambda ks: len(frozenset().union(*(people[k][1] for k in ks))),
        )
        if merged:
            key = f"CASE WHEN k IN {text_list(sorted(merged))} THEN {quote(OTHER)} ELSE k END"
    found = con.execute(f"SELECT {key} AS k, q, count(*), {who} FROM {relation} GROUP BY ALL").fetchall()
    counts = {(k, q): c for k, q, c, _n, _w in found}
    sets = {(k, q): (n, frozenset(w or ())) for k, q, _c, n, w in found}
    columns = sorted({q for _, q in counts})
    names = sorted({k for k, _ in counts})
    hidden = set()
    for q in columns:
        cells = {name: sets.get((name, q), (0, frozenset())) for name in names}
        found_q = hidden_cells(
            {name: n for name, (n, _w) in cells.items()},
            min_cell,
            lambda ks, cells=cells: len(frozenset().union(*(cells[k][1] for k in ks))),
        )
        hidden |= {(name, q) for name in found_q}
    table = [
        [name, *(f"<{min_cell}" if (name, q) in hidden else counts.get((name, q), 0) for q in columns)]
        for name in names
    ]
    return columns, table


def _labels(mapping: dict[str, str], column: str) -> str:
    """SQL giving the Dutch label of *column* per value of *mapping* (the value itself otherwise)."""
    cases = " ".join(f"WHEN {quote(k)} THEN {quote(v)}" for k, v in mapping.items())
    return f"CASE {column} {cases} ELSE {column} END"


def to_xlsx(report: KpiReport, regs: Registrations) -> bytes:
    """The §11a monitor items of *regs* up to the report's peildatum, aggregated per quarter."""
    n = report.min_cell
    peil = report.peildatum.toordinal()
    day = f"DATE '{report.peildatum.isoformat()}'"
    end = f"(TIMESTAMP '{report.peildatum.isoformat()}' + INTERVAL 1 DAY)"
    report_q = f"CASE WHEN melding < {end} THEN {QUARTER_SQL.format(day='CAST(melding AS DATE)')} END"
    exit_q = f"CASE WHEN uitstroom <= {day} THEN {QUARTER_SQL.format(day='uitstroom')} END"
    con = regs.con
    workbook = new_workbook()

    def per(key: str, quarter: str) -> str:
        return f"(SELECT {key} AS k, {quarter} AS q, client FROM trajecten)"

    sheet = workbook.active
    sheet.title = "Melding per doelgroep"
    columns, rows = _crosstab(con, per(_labels(TARGET_GROUP_LABELS, "doelgroep"), report_q), n)
    write_table(sheet, ["Doelgroep (meldingen)", *columns], rows)

    columns, rows = _crosstab(con, per("herkomst", report_q), n, free_text=True)
    write_table(workbook.create_sheet("Melding per gemeente"), ["Gemeente van herkomst (meldingen)", *columns], rows)

    keys = ["kwartaal", "meldingen", "uitstroom", "mediaan_uren_tot_plan", "mediaan_uren_tot_opvang"]
    lead = lead_times(regs, report.peildatum, n)
    write_table(
        workbook.create_sheet("Start en einde"),
        [
            "Kwartaal",
            "Meldingen",
            "Uitstroom",
            "Mediaan uren tot plan",
            "Mediaan uren tot start opvang",
            "Mediaan verblijf (dagen)",
        ],
        [
            [row[k] if row[k] is not None or k not in ("meldingen", "uitstroom") else f"<{n}" for k in keys]
            + [row["mediaan_verblijfsdagen"]]
            for row in lead
        ],
    )

    columns, rows = _crosstab(con, per("coalesce(vervolgplek, 'niet geregistreerd')", exit_q), n, free_text=True)
    write_table(workbook.create_sheet("Vervolgplek"), ["Type vervolgplek (uitstroom)", *columns], rows)

    outcomes = m.duurzame_uitstroom(regs, peil)
    names = {
        str(m.SUCCESS): "geen terugval (2 jaar verstreken)",
        str(m.FAILURE): "terugval (nieuwe melding 4 mnd - 2 jaar)",
        str(m.PENDING): "nog geen 2 jaar na uitstroom, geen terugval",
    }
    relapse = f"(SELECT {_labels(names, 'CAST(code AS VARCHAR)')} AS k, {QUARTER_SQL.format(day='ref')} AS q, client "
    relapse += f"FROM ({outcomes.sql}) WHERE code > 0)"
    columns, rows = _crosstab(con, relapse, n)
    write_table(workbook.create_sheet("Terugval"), ["Uitstroom naar uitkomst", *columns], rows)

    if "reden_uitstroom" in regs.present:
        columns, rows = _crosstab(con, per("coalesce(reden, 'niet geregistreerd')", exit_q), n, free_text=True)
        write_table(workbook.create_sheet("Reden uitstroom"), ["Reden uitstroom", *columns], rows)

    notes = [
        ["Aanbesteding", report.tender.title],
        ["Peildatum", f"{report.peildatum:%d-%m-%Y}"],
        ["Bron", "Bijlage L §11a Inrichting monitoring prestaties"],
        [
            "Privacy",
            f"Alleen aantallen en medianen per kwartaal; aantallen onder {n} tonen <{n}. Geen rijen per cliënt.",
        ],
        [
            "Terugval",
            "Een nieuwe melding van dezelfde cliënt van 4 maanden tot en met 2 jaar na uitstroom (§11a punt 3).",
        ],
    ]
    if "reden_uitstroom" not in regs.present:
        notes.append(["Reden uitstroom", "Niet geregistreerd: voeg de kolom reden_uitstroom toe aan clienten.csv."])
    notes += [["Niet in de registratie", item] for item in NOT_IN_CONTRACT]
    write_table(workbook.create_sheet("Toelichting"), ["Onderwerp", "Toelichting"], notes, {"Toelichting": 90})
    return save_workbook(workbook)
