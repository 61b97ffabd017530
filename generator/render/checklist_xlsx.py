"""The self-assessment checklist as an Excel workbook, made for people who work in Excel.

One sheet per tender (named after the tender id, at most 31 characters) plus a summary sheet
``Overzicht`` in front, with the provider's name, the catalog the checklist was made from and live
counts per status (COUNTIF formulas); the catalog also heads every printed page.
Each tender sheet: frozen header, filters, wrapped text, sensible widths; a dropdown for the status
and a date check on the dates (evidence valid until, target date). When a tender asks for documents
with the bid, those requirements come first under a section row "Bij de inschrijving in te leveren",
followed by a section row "Overige eisen" (the reader skips both). The sheets are protected
**without a password** so that the requirement columns (id, category, obligation, title, text,
norms) cannot be changed by accident, while the input columns are unlocked; sorting, filtering,
resizing and inserting rows stay allowed. The last column holds the fingerprint of each requirement
(:mod:`generator.assess.fingerprint`): hidden and locked. The column ``Eis-id`` ties a row to the
catalog; the reader (:mod:`generator.assess.checklist`) finds columns by their header. Output is
byte-for-byte deterministic (:func:`generator.render.xlsx.save_workbook`).
"""

from __future__ import annotations

from copy import copy

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.assess.checklist import (
    CATALOG_LABEL,
    COLUMNS,
    DATE_KEYS,
    INPUT_KEYS,
    PROVIDER_LABEL,
    STATUSES,
    SUMMARY_SHEET,
    FilledChecklist,
    sections,
    template_values,
)
from generator.catalog.model import Metric, Tender
from generator.render.xlsx import formula_cell, new_workbook, save_workbook, text_cell, write_table

WIDTHS = {
    "Eis-id": 14,
    "Categorie": 18,
    "Verplichting": 12,
    "Titel": 40,
    "Eistekst": 70,
    "Normen": 36,
    "Status": 15,
    "Toelichting": 40,
    "Bewijs": 36,
    "Bewijs geldig tot": 13,
    "Eigenaar": 16,
    "Streefdatum": 13,
    "Te controleren": 40,
    "Vingerafdruk": 18,
}
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
SECTION_FILL = PatternFill("solid", fgColor="D9E2F3")
SECTION_FONT = Font(name="Arial", bold=True, size=12, color="1F4E79")
SECTION_ALIGNMENT = Alignment(wrap_text=False, vertical="center")
UNLOCKED = Protection(locked=False)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD-MM-YYYY"
SPARE_ROWS = 50  # unlocked, validated empty rows below the table, for rows people add


def sheet_names(tenders: list[Tender]) -> dict[str, str]:
    """A unique sheet name (≤ 31 characters, no forbidden characters) per tender id."""
    names: dict[str, str] = {}
    used = {SUMMARY_SHEET.lower()}
    for tender in tenders:
        base = "".join(c for c in tender.id if c not in "[]:*?/\\")[:31] or tender.code
        name, n = base, 2
        while name.lower() in used:
            suffix = f"-{n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name.lower())
        names[tender.id] = name
    return names


def render(
    tenders: list[Tender],
    filled: FilledChecklist | None = None,
    metrics: dict[str, Metric] | None = None,
    notes: tuple[str, ...] = (),
    catalog: str = "",
) -> bytes:
    """The checklist workbook; *filled* gives the answers (``--update``), *notes* lines for the summary sheet.

    *catalog* is the name of the catalog it was made from: on the summary sheet under the provider and
    at the top of every printed page.
    """
    workbook = new_workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    names = sheet_names(tenders)
    headers = [header for _, header in COLUMNS]
    keys = [key for key, _ in COLUMNS]
    for tender in tenders:
        sheet = workbook.create_sheet(names[tender.id])
        rows: list[list] = []
        section_rows: list[int] = []
        for label, reqs in sections(tender):
            if label:
                section_rows.append(len(rows) + 2)
                rows.append([label] + [None] * (len(keys) - 1))
            for req in reqs:
                entry = filled.entries.get(req.id) if filled else None
                values = template_values(req, entry, metrics)
                rows.append([values[key] for key in keys])
        write_table(sheet, headers, rows, WIDTHS, freeze_through=dict(COLUMNS)["title"])
        _input_columns(sheet, keys, len(rows), set(section_rows))
        for row in section_rows:
            for column in range(1, len(keys) + 1):
                cell = sheet.cell(row, column)
                cell.fill = SECTION_FILL
                cell.font = SECTION_FONT
                cell.alignment = SECTION_ALIGNMENT  # not wrapped: the label runs on over the empty cells
            sheet.row_dimensions[row].height = 22
        fingerprint = get_column_letter(keys.index("fingerprint") + 1)
        sheet.column_dimensions[fingerprint].hidden = True
    _summary(summary, tenders, names, filled, notes, catalog)
    return save_workbook(workbook, f"Zelfevaluatie · catalogus {catalog}" if catalog.strip() else None)


def _input_columns(sheet: Worksheet, keys: list[str], count: int, section_rows: set[int]) -> None:
    last = count + 1 + SPARE_ROWS
    letters = {key: get_column_letter(keys.index(key) + 1) for key in INPUT_KEYS}
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Onbekende status",
        error="Kies een status uit de lijst: " + ", ".join(STATUSES) + ".",
        promptTitle="Status",
        prompt="Kies: " + ", ".join(STATUSES),
        showInputMessage=True,
    )
    status.add(f"{letters['status']}2:{letters['status']}{last}")
    date = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Geen datum",
        error="Vul een datum in, bijvoorbeeld 01-03-2027.",
    )
    for key in DATE_KEYS:
        date.add(f"{letters[key]}2:{letters[key]}{last}")
    sheet.add_data_validation(status)
    sheet.add_data_validation(date)
    for key, letter in letters.items():
        styled: dict[tuple, StyleArray] = {}
        for row in range(2, last + 1):
            if row not in section_rows:
                _style_input_cell(sheet[f"{letter}{row}"], row <= count + 1, key in DATE_KEYS, styled)
    # rows people add below the table need an id too: leave the id column unlocked there
    id_letter = get_column_letter(keys.index("id") + 1)
    for row in range(count + 2, last + 1):
        sheet[f"{id_letter}{row}"].protection = Protection(locked=False)
    sheet.protection.sheet = True  # no password: it prevents accidents, it is not security
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.insertRows = False


def unanswered(obligations: str, statuses: str) -> str:
    """A formula counting the rows without a status among those that ask for one: eisen and wensen, not info."""
    from generator.catalog.model import OBLIGATION_LABELS

    eis, wens = OBLIGATION_LABELS["eis"], OBLIGATION_LABELS["wens"]
    return f'=COUNTIFS({obligations},"{eis}",{statuses},"")+COUNTIFS({obligations},"{wens}",{statuses},"")'


def _style_input_cell(cell, in_table: bool, is_date: bool, styled: dict[tuple, StyleArray]) -> None:
    """Unlock an input cell, wrap its text, fill it (table rows) and format dates.

    Setting a style attribute makes openpyxl hash the whole style to find it in the workbook, which
    for 50,000 rows x 5 columns took half the time of the checklist. Cells that start with the same
    style end with the same style, so the result is computed once and copied (``_style`` holds only
    the indexes of the workbook's shared styles; the saved file is byte-for-byte the same).
    """
    key = (tuple(cell._style or ()), in_table)
    done = styled.get(key)
    if done is not None:
        cell._style = copy(done)
        return
    cell.protection = UNLOCKED
    cell.alignment = WRAP_TOP
    if in_table:
        cell.fill = INPUT_FILL
    if is_date:
        cell.number_format = DATE_FORMAT
    styled[key] = copy(cell._style)


def _summary(
    sheet: Worksheet,
    tenders: list[Tender],
    names: dict[str, str],
    filled: FilledChecklist | None,
    notes: tuple[str, ...] = (),
    catalog: str = "",
) -> None:
    sheet["A1"] = "Zelfevaluatie aanbestedingseisen maatschappelijke opvang"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = PROVIDER_LABEL
    sheet["A2"].font = Font(bold=True)
    text_cell(sheet, (filled.provider if filled else None) or "", 2, 2).fill = INPUT_FILL
    # The catalog under the provider: shown, not filled in (no fill). The reader finds the provider by
    # its label and the tables by their header, so this row is skipped, and checklists without it still read.
    sheet["A3"] = CATALOG_LABEL
    sheet["A3"].font = Font(bold=True)
    text_cell(sheet, " ".join(catalog.split()), 3, 2)
    sheet["A4"] = (
        "Vul per tabblad per eis de gele kolommen in: Status (keuzelijst), Toelichting, Bewijs, Bewijs geldig tot, "
        "Eigenaar en Streefdatum. 'gelijkwaardig' vraagt toelichting en bewijs. Documenten die u bij de inschrijving "
        "inlevert staan bovenaan. Staat er iets in 'Te controleren', dan is de eis gewijzigd sinds uw antwoord: "
        "controleer het en maak die cel leeg. De eiskolommen zijn beveiligd (zonder wachtwoord). "
        "Lees terug met: opvang assess BESTAND.xlsx"
    )
    sheet["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A4:H4")
    sheet.row_dimensions[4].height = 75
    headers = ["Aanbesteding", "Tabblad", "Eisen", "Wensen", "Info", *STATUSES, "niet ingevuld"]
    top = 6
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(top, column, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    keys = [key for key, _ in COLUMNS]
    status_col = get_column_letter(keys.index("status") + 1)
    obligation_col = get_column_letter(keys.index("obligation") + 1)
    for offset, tender in enumerate(tenders, start=1):
        row = top + offset
        ref = quote_sheetname(names[tender.id])
        count = len(tender.requirements)
        rng_status = f"{ref}!${status_col}$2:${status_col}${count + 1 + SPARE_ROWS}"
        rng_obl = f"{ref}!${obligation_col}$2:${obligation_col}${count + 1 + SPARE_ROWS}"
        values = [
            tender.title,
            names[tender.id],
            sum(r.obligation == "eis" for r in tender.requirements),
            sum(r.obligation == "wens" for r in tender.requirements),
            sum(r.obligation == "info" for r in tender.requirements),
        ]
        cells = [text_cell(sheet, value, row, column) for column, value in enumerate(values, start=1)]
        formulas = [f'=COUNTIF({rng_status},"{status}")' for status in STATUSES]
        formulas.append(unanswered(rng_obl, rng_status))
        start = len(values) + 1
        cells += [formula_cell(sheet, row, column, f) for column, f in enumerate(formulas, start=start)]
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 26
    for column in range(3, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    sheet.freeze_panes = f"A{top + 1}"
    row = top + len(tenders) + 2
    for note in notes:
        text_cell(sheet, note, row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        sheet.row_dimensions[row].height = 15 * (1 + len(note) // 120 + note.count("\n"))
        row += 1
