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

from collections import Counter

from generator.catalog.model import TARGET_GROUP_LABELS
from generator.kpi import metrics as m
from generator.kpi.clients import MINUTES_PER_DAY, MISSING, Registrations
from generator.kpi.engine import KpiReport, lead_times, quarter_of
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


def _crosstab(keys, quarters, clients, min_cell: int, free_text: bool = False) -> tuple[list[str], list[list]]:
    """Trajectories per key (rows) and quarter (columns), suppressed on distinct clients per quarter.

    The quarters' totals are on "Start en einde", so each column gets complementary suppression. With
    *free_text* (a municipality, a type of next place, an exit reason) a key of fewer than *min_cell*
    distinct clients in the whole table is merged into "overig" first (:func:`merged_labels`).
    """
    rows = [(k, q, c) for k, q, c in zip(keys, quarters, clients, strict=True) if q is not None and k is not None]
    if free_text:
        people: dict = {}
        for k, _q, c in rows:
            people.setdefault(k, set()).add(c)
        merged = merged_labels(
            {k: len(v) for k, v in people.items()}, min_cell, lambda ks: len(set().union(*(people[k] for k in ks)))
        )
        rows = [(OTHER if k in merged else k, q, c) for k, q, c in rows]
    counts = Counter((k, q) for k, q, _c in rows)
    who: dict = {}
    for k, q, c in rows:
        who.setdefault((k, q), set()).add(c)
    columns = sorted({q for _, q in counts})
    names = sorted({k for k, _ in counts})
    hidden = set()
    for q in columns:
        sets = {name: who.get((name, q), set()) for name in names}
        found = hidden_cells(
            {name: len(v) for name, v in sets.items()},
            min_cell,
            lambda ks, sets=sets: len(set().union(*(sets[k] for k in ks))),
        )
        hidden |= {(name, q) for name in found}
    table = [
        [name, *(f"<{min_cell}" if (name, q) in hidden else counts.get((name, q), 0) for q in columns)]
        for name in names
    ]
    return columns, table


def to_xlsx(report: KpiReport, regs: Registrations) -> bytes:
    """The §11a monitor items of *regs* up to the report's peildatum, aggregated per quarter."""
    n = report.min_cell
    peil = report.peildatum.toordinal()
    end = (peil + 1) * MINUTES_PER_DAY
    report_q = [quarter_of(x // MINUTES_PER_DAY) if x < end else None for x in regs.melding]
    exit_q = [quarter_of(d) if d != MISSING and d <= peil else None for d in regs.uitstroom]
    workbook = new_workbook()

    sheet = workbook.active
    sheet.title = "Melding per doelgroep"
    columns, rows = _crosstab([TARGET_GROUP_LABELS.get(g, g) for g in regs.doelgroep], report_q, regs.client, n)
    write_table(sheet, ["Doelgroep (meldingen)", *columns], rows)

    columns, rows = _crosstab(regs.herkomst, report_q, regs.client, n, free_text=True)
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

    columns, rows = _crosstab(
        [v or "niet geregistreerd" for v in regs.vervolgplek], exit_q, regs.client, n, free_text=True
    )
    write_table(workbook.create_sheet("Vervolgplek"), ["Type vervolgplek (uitstroom)", *columns], rows)

    outcomes = m.duurzame_uitstroom(regs, peil)
    names = {
        m.SUCCESS: "geen terugval (2 jaar verstreken)",
        m.FAILURE: "terugval (nieuwe melding 4 mnd - 2 jaar)",
        m.PENDING: "nog geen 2 jaar na uitstroom, geen terugval",
    }
    columns, rows = _crosstab([names.get(c) for c in outcomes.codes], exit_q, regs.client, n)
    write_table(workbook.create_sheet("Terugval"), ["Uitstroom naar uitkomst", *columns], rows)

    if "reden_uitstroom" in regs.present:
        columns, rows = _crosstab(
            [v or "niet geregistreerd" for v in regs.reden_uitstroom], exit_q, regs.client, n, free_text=True
        )
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
