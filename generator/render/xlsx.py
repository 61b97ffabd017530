"""Deterministic XLSX workbooks with openpyxl, in which text from data is always text.

openpyxl stamps the current time into ``docProps/core.xml`` and the zip entries; :func:`save_workbook`
pins both, so that the same input gives the same bytes.

openpyxl turns a string that starts with ``=`` into a live formula and one like ``#N/A`` into an
error value, and refuses control characters (every workbook failed on one). Every cell written from
data therefore goes through :func:`text_cell` (tables through :func:`write_table`): a string becomes a
string cell whatever it starts with, gets Excel's quote prefix when it starts with ``= + - @`` (so
that editing the cell in Excel does not turn it into a formula either), and has its control
characters replaced by U+FFFD. Formulas this package builds itself are written with
:func:`formula_cell`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
FORMULA_START = ("=", "+", "-", "@")  # what Excel (or another spreadsheet) may read as the start of a formula
REPLACEMENT = "\ufffd"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = "opvang"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.lastModifiedBy = "opvang"
    return workbook


def clean_text(text: str) -> str:
    """*text* without the control characters a workbook cannot hold (tab and line breaks stay)."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, text)


def text_cell(sheet: Worksheet, value: object, row: int | None = None, column: int | None = None) -> Cell:
    """A cell holding *value*; text is stored as text, never as a formula or error value.

    Without *row* and *column* the cell is not placed yet (for :meth:`Worksheet.append`).
    """
    cell = Cell(sheet, row=row, column=column)
    if isinstance(value, str):
        value = clean_text(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made '=...' a formula and '#N/A' an error value
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    if row is not None and column is not None:
        sheet._cells[(row, column)] = cell  # openpyxl's own way to place a cell (as Worksheet.cell does)
    return cell


def formula_cell(sheet: Worksheet, row: int, column: int, formula: str) -> Cell:
    """A formula built by this package (never from data)."""
    cell = sheet.cell(row, column)
    cell.value = formula
    return cell


def write_table(sheet: Worksheet, headers: list[str], rows: list[list], widths: dict[str, int] | None = None) -> None:
    """Header row (styled, frozen, filterable) and *rows*, with wrapped text and column widths.

    Every value is written with :func:`text_cell`: text from data never becomes a formula.
    """
    sheet.append([text_cell(sheet, header) for header in headers])
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append([text_cell(sheet, value) for value in row])
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    widths = widths or {}
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(header, max(12, min(40, len(header) + 4)))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def save_workbook(workbook: Workbook) -> bytes:
    """The workbook as XLSX bytes, identical for identical content."""
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _pin_core_times(data)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _pin_core_times(xml: bytes) -> bytes:
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", xml)
