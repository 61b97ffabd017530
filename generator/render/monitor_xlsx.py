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
sleepers, day activities, peer buddy) are listed on the sheet "Toelichting" as not available. That
sheet also names the source: the chosen tender's own monitoring requirements by the title and
section of their document (so the export of another tender never cites Bijlage L). The first sheet
opens with the tender, the catalog and the reference date.
"""

from __future__ import annotations

from generator.catalog.model import TARGET_GROUP_LABELS
from generator.kpi import metrics as m
from generator.kpi.clients import Registrations
from generator.kpi.engine import QUARTER_SQL, KpiReport, lead_times
from generator.kpi.store import quote, text_list
from generator.kpi.suppression import OTHER, hidden_cells, merged_labels
from generator.render import kpi_report as k
from generator.render import labels
from generator.render.xlsx import DAYS, HOURS, INTEGER, Number, new_workbook, save_workbook, write_table

LAYOUT = (
    "De onderdelen van de landelijke monitor maatschappelijke opvang (VWS): meldingen per doelgroep en "
    "gemeente van herkomst, start en einde, vervolgplek, terugval en reden van uitstroom, per kwartaal."
)
OTHER_LABELS = {OTHER: "overige (samengevoegd)"}
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


def monitoring_sources(report: KpiReport) -> list[str]:
    """The tender's own monitoring requirements (reporting, about a monitor) by source title and section, with ids."""
    found: dict[str, list[str]] = {}
    for req in report.tender.requirements:
        if req.category == "reporting" and req.obligation != "info" and "monitor" in f"{req.title} {req.text}".lower():
            found.setdefault(labels.source(req, report.tender), []).append(req.id)
    return [f"{where} ({', '.join(ids)})" for where, ids in found.items()]


def to_xlsx(report: KpiReport, regs: Registrations, catalog: str = "") -> bytes:
    """The monitor items of *regs* up to the report's peildatum, aggregated per quarter."""
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

    def table(sheet, header: str, columns: list[str], rows: list[list], title: list[str] | None = None) -> None:
        rows = [[OTHER_LABELS.get(row[0], row[0]), *(Number(v, INTEGER) for v in row[1:])] for row in rows]
        widths = {header: 34} | dict.fromkeys(columns, 9)
        write_table(sheet, [header, *columns], rows, widths, numeric=columns, title=title)

    sheet = workbook.active
    sheet.title = "Melding per doelgroep"
    columns, rows = _crosstab(con, per(_labels(TARGET_GROUP_LABELS, "doelgroep"), report_q), n)
    title = k.title_lines(f"Monitoringsgegevens per kwartaal: {report.tender.title}", report, catalog)
    table(sheet, "Doelgroep (meldingen)", columns, rows, title)

    columns, rows = _crosstab(con, per("herkomst", report_q), n, free_text=True)
    table(workbook.create_sheet("Melding per gemeente"), "Gemeente van herkomst (meldingen)", columns, rows)

    lead = lead_times(regs, report.peildatum, n)
    headers = ["Kwartaal", "Meldingen", "Uitstroom", "Mediaan tot plan", "Mediaan tot start opvang", "Mediaan verblijf"]
    write_table(
        workbook.create_sheet("Start en einde"),
        headers,
        [
            [
                row["kwartaal"],
                *(Number(f"<{n}" if row[key] is None else row[key], INTEGER) for key in ("meldingen", "uitstroom")),
                Number(row["mediaan_uren_tot_plan"], HOURS),
                Number(row["mediaan_uren_tot_opvang"], HOURS),
                Number(row["mediaan_verblijfsdagen"], DAYS),
            ]
            for row in lead
        ],
        dict.fromkeys(headers, 14),
        numeric=headers[1:],
    )

    columns, rows = _crosstab(con, per("coalesce(vervolgplek, 'niet geregistreerd')", exit_q), n, free_text=True)
    table(workbook.create_sheet("Vervolgplek"), "Type vervolgplek (uitstroom)", columns, rows)

    outcomes = m.duurzame_uitstroom(regs, peil)
    names = {
        str(m.SUCCESS): "geen terugval (2 jaar verstreken)",
        str(m.FAILURE): "terugval (nieuwe melding 4 maanden tot 2 jaar na uitstroom)",
        str(m.PENDING): "nog geen 2 jaar na uitstroom, geen terugval",
    }
    relapse = f"(SELECT {_labels(names, 'CAST(code AS VARCHAR)')} AS k, {QUARTER_SQL.format(day='ref')} AS q, client "
    relapse += f"FROM ({outcomes.sql}) WHERE code > 0)"
    columns, rows = _crosstab(con, relapse, n)
    table(workbook.create_sheet("Terugval"), "Uitstroom naar uitkomst", columns, rows)

    if "reden_uitstroom" in regs.present:
        columns, rows = _crosstab(con, per("coalesce(reden, 'niet geregistreerd')", exit_q), n, free_text=True)
        table(workbook.create_sheet("Reden uitstroom"), "Reden uitstroom", columns, rows)

    notes = [
        ["Aanbesteding", report.tender.title],
        ["Catalogus", catalog],
        ["Peildatum", labels.date(report.peildatum)],
        *[["Bron", where] for where in monitoring_sources(report)],
        ["Indeling", LAYOUT],
        [
            "Privacy",
            f"Alleen aantallen en medianen per kwartaal; aantallen onder {n} tonen <{n}. Geen rijen per cliënt.",
        ],
        ["Terugval", "Een nieuwe melding van dezelfde cliënt van 4 maanden tot en met 2 jaar na uitstroom."],
        ["Doorlooptijden", "Mediaan tot plan en tot start opvang in uren na de melding; mediaan verblijf in dagen."],
    ]
    if not monitoring_sources(report):
        notes.insert(3, ["Bron", "De catalogus heeft voor deze aanbesteding geen eis over monitoring."])
    if "reden_uitstroom" not in regs.present:
        notes.append(["Reden uitstroom", "Niet geregistreerd: voeg de kolom reden_uitstroom toe aan clienten.csv."])
    notes += [["Niet in de registratie", item] for item in NOT_IN_CONTRACT]
    write_table(
        workbook.create_sheet("Toelichting"), ["Onderwerp", "Toelichting"], notes, {"Onderwerp": 24, "Toelichting": 100}
    )
    return save_workbook(workbook, k.page_header("Monitoringsgegevens", report, catalog))
