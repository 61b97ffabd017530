"""Deterministic XLSX workbooks with openpyxl that read and print well, and in which text from data is always text.

openpyxl stamps the current time into ``docProps/core.xml`` and the zip entries; :func:`save_workbook`
pins both, so that the same input gives the same bytes.

openpyxl turns a string that starts with ``=`` into a live formula and one like ``#N/A`` into an
error value, and refuses control characters (every workbook failed on one). Every cell written from
data therefore goes through :func:`text_cell` (tables through :func:`write_table`): a string becomes a
string cell whatever it starts with, gets Excel's quote prefix when it starts with ``= + - @`` (so
that editing the cell in Excel does not turn it into a formula either), and has its control
characters replaced by U+FFFD. Formulas this package builds itself are written with
:func:`formula_cell`.

Layout, for a reader in Excel or LibreOffice Calc: every workbook is set in Arial 10; a table has a
styled header row, frozen together with its first columns (the id and title stay in view beside the
answer columns), a filter, thin cell borders, wrapped text, number formats (:class:`Number`) and right-aligned numeric
columns (a suppressed ``<5`` included). :func:`save_workbook` gives every row the height its wrapped
text needs (:mod:`generator.render.xlsx_layout`) and every sheet a print set-up: A4 landscape, fit to
the page width, the table's header row repeated on each page, and a page header naming the report.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from generator.render import xlsx_layout

FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name=xlsx_layout.FONT_NAME, sz=xlsx_layout.FONT_SIZE, bold=True, color="FFFFFF")
PROVISIONAL_FONT = Font(name=xlsx_layout.FONT_NAME, sz=xlsx_layout.FONT_SIZE, italic=True, color="8A6D00")
TITLE_FONT = Font(name=xlsx_layout.FONT_NAME, sz=13, bold=True, color="1F4E79")
BODY_FONT = Font(name=xlsx_layout.FONT_NAME, sz=xlsx_layout.FONT_SIZE, family=2)
WRAP = Alignment(wrap_text=True, vertical="top")
GRID = Border(*(Side(style="thin", color="C8D1DA") for _ in range(4)))  # left, right, top, bottom
WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
FORMULA_START = ("=", "+", "-", "@")  # what Excel (or another spreadsheet) may read as the start of a formula
REPLACEMENT = "\ufffd"
DEFAULT_WIDTH = 8.43  # a column without a width of its own (Excel's default)

# Number formats. Format codes always use a decimal point; Excel and Calc show a comma in Dutch.
PERCENT = "0.0%"  # a share stored as a fraction: 0.5596 shows 56,0%
DECIMAL = "0.0"
INTEGER = "0"
HOURS = '0.0" uur"'
DAYS = '0" dagen"'
DATE = "DD-MM-YYYY"


@dataclass(frozen=True)
class Number:
    """A cell value shown with *format* and right-aligned; text in its place (``<5``) is aligned the same.

    A *provisional* value (its cases still in their follow-up period) is shown in italics.
    """

    value: float | int | str | None
    format: str = "General"
    provisional: bool = False


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = "opvang"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.lastModifiedBy = "opvang"
    # Arial everywhere (the default style included): Excel has it, LibreOffice uses the metric-compatible
    # Liberation Sans, so the row heights computed for it fit in both.
    workbook._fonts = IndexedList([BODY_FONT])
    workbook._named_styles["Normal"].font = BODY_FONT
    return workbook


def clean_text(text: str) -> str:
    """*text* without the control characters a workbook cannot hold (tab and line breaks stay)."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, text)


def text_cell(sheet: Worksheet, value: object, row: int | None = None, column: int | None = None) -> Cell:
    """A cell holding *value*; text is stored as text, never as a formula or error value.

    Without *row* and *column* the cell is not placed yet (for :meth:`Worksheet.append`). A
    :class:`Number` gets its format and is right-aligned.
    """
    cell = Cell(sheet, row=row, column=column)
    number_format = None
    provisional = False
    if isinstance(value, Number):
        value, number_format, provisional = value.value, value.format, value.provisional
    if isinstance(value, str):
        value = clean_text(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made '=...' a formula and '#N/A' an error value
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format is not None:
        cell.number_format = number_format
        cell.alignment = WRAP_RIGHT
    if provisional:
        cell.font = PROVISIONAL_FONT
    if row is not None and column is not None:
        sheet._cells[(row, column)] = cell  # openpyxl's own way to place a cell (as Worksheet.cell does)
    return cell


def formula_cell(sheet: Worksheet, row: int, column: int, formula: str) -> Cell:
    """A formula built by this package (never from data)."""
    cell = sheet.cell(row, column)
    cell.value = formula
    return cell


def write_table(
    sheet: Worksheet,
    headers: list[str],
    rows: list[list],
    widths: dict[str, float] | None = None,
    *,
    freeze_through: str | None = None,
    numeric: tuple[str, ...] | list[str] = (),
    title: list[str] | None = None,
) -> int:
    """Header row (styled, frozen, filterable, repeated on every printed page) and *rows*.

    Every value is written with :func:`text_cell`: text from data never becomes a formula. *title*
    lines come above the table (the first one as a heading). The header row and the columns up to
    and including *freeze_through* (the first column when not given) stay in view when scrolling.
    Columns in *numeric* are right-aligned, a ``<5`` among the numbers too. Returns the number of
    the header row.
    """
    top = 1
    if title:
        for offset, line in enumerate(title):
            cell = text_cell(sheet, line, offset + 1, 1)
            if offset == 0:
                cell.font = TITLE_FONT
        top = len(title) + 2
    right = {headers.index(h) + 1 for h in numeric if h in headers}
    for column, header in enumerate(headers, start=1):
        cell = text_cell(sheet, header, top, column)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.border = GRID
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="right" if column in right else None)
    styles: dict[tuple, StyleArray] = {}
    for number, row in enumerate(rows, start=top + 1):
        for column, value in enumerate(row, start=1):
            _table_style(text_cell(sheet, value, number, column), column in right, isinstance(value, Number), styles)
    first = headers.index(freeze_through) + 2 if freeze_through in headers else 2
    sheet.freeze_panes = f"{get_column_letter(first)}{top + 1}"
    last = get_column_letter(len(headers))
    if rows:
        sheet.auto_filter.ref = f"A{top}:{last}{top + len(rows)}"
    widths = widths or {}
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(header, max(10, min(30, len(header) + 4)))
    sheet.print_title_rows = f"{top}:{top}"
    return top


def _table_style(cell: Cell, right: bool, aligned: bool, styles: dict[tuple, StyleArray]) -> None:
    """Border and alignment of a table cell (*aligned*: a :class:`Number` that has its alignment already).

    Setting a style attribute makes openpyxl look the whole style up in the workbook; a checklist of
    50,000 rows has few distinct styles, so each is made once and copied (``_style`` holds only the
    indexes of the workbook's shared styles; the saved file is the same).
    """
    key = (tuple(cell._style) if cell._style is not None else (), right, aligned)
    done = styles.get(key)
    if done is not None:
        cell._style = copy(done)
        return
    cell.border = GRID
    if not aligned:
        cell.alignment = WRAP_RIGHT if right else WRAP
    styles[key] = copy(cell._style)


def page_setup(sheet: Worksheet, header: str | None = None) -> None:
    """Print *sheet* on A4 landscape, fit to the page width, with *header* above and page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    if header:
        sheet.oddHeader.left.text = _header_text(header)
        sheet.oddHeader.left.size = 8
    sheet.oddHeader.right.text = "&A"  # the sheet's name
    sheet.oddHeader.right.size = 8
    sheet.oddFooter.right.text = "Pagina &P van &N"
    sheet.oddFooter.right.size = 8


def _header_text(text: str) -> str:
    """*text* safe in a page header: ``&`` starts a code there, and a header holds at most 255 characters."""
    text = clean_text(text).replace("\n", " ")
    if len(text) > 200:
        text = text[:199] + "…"
    return text.replace("&", "&&")


def fit_rows(sheet: Worksheet) -> None:
    """Give every row the height its text needs: wrapped text in its column's width (merged cells: theirs).

    A cell whose font has no name gets Arial, the font the heights are measured in. In the header row
    of a filter, the filter's button takes part of each cell (LibreOffice leaves the text beside it).
    """
    widths = {
        letter: (dim.width if dim.customWidth else DEFAULT_WIDTH) for letter, dim in sheet.column_dimensions.items()
    }
    hidden = {letter for letter, dim in sheet.column_dimensions.items() if dim.hidden}
    spans: dict[tuple[int, int], float] = {}
    skip: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        if merged.min_row != merged.max_row:
            skip.update((r, c) for r in range(merged.min_row, merged.max_row + 1) for c in (merged.min_col,))
            continue
        total = sum(widths.get(get_column_letter(c), DEFAULT_WIDTH) for c in range(merged.min_col, merged.max_col + 1))
        spans[(merged.min_row, merged.min_col)] = total
    filtered: tuple[int, int, int] | None = None  # the header row of a filter and its columns
    if sheet.auto_filter.ref:
        bounds = range_boundaries(sheet.auto_filter.ref)
        filtered = (bounds[1], bounds[0], bounds[2])
    needed: dict[int, float] = {}
    looks: dict[tuple[int, int], tuple[float, bool, bool, bool]] = {}  # (font, alignment): size, bold, wrap, unnamed
    for (row, column), cell in sheet._cells.items():
        value = cell.value
        if value is None or value == "" or (row, column) in skip:
            continue
        letter = get_column_letter(column)
        if letter in hidden:
            continue
        style = cell._style  # the indexes of the workbook's shared styles (None: not styled yet)
        key = (style.fontId, style.alignmentId) if style is not None else None
        look = looks.get(key) if key is not None else None
        if look is None:
            font = cell.font
            size_ = float(font.sz or xlsx_layout.FONT_SIZE)
            look = (size_, bool(font.b), bool(cell.alignment.wrap_text), font.name is None)
            if key is not None:
                looks[key] = look
        size, bold, wrap, unnamed = look
        if unnamed:  # a font set without a name (bold only, say): Arial too, not the reader's default
            font = copy(cell.font)
            font.name = xlsx_layout.FONT_NAME
            cell.font = font
        if wrap and cell.data_type != "f":  # a formula shows its result, not its text
            width = spans.get((row, column), widths.get(letter, DEFAULT_WIDTH))
            if filtered and row == filtered[0] and filtered[1] <= column <= filtered[2]:
                width -= xlsx_layout.FILTER_BUTTON  # the filter's button takes room in the header cell
            lines = xlsx_layout.lines_needed(str(value), width, size, bold)
        else:
            lines = 1
        height = xlsx_layout.row_points(lines, size)
        if height > needed.get(row, 0.0):
            needed[row] = height
    for row, height in needed.items():
        dimension = sheet.row_dimensions[row]
        if dimension.height is None or dimension.height < height:
            dimension.height = min(height, xlsx_layout.MAX_ROW_POINTS)


def save_workbook(workbook: Workbook, header: str | None = None) -> bytes:
    """The workbook as XLSX bytes, identical for identical content, every row sized and every sheet set up to print.

    *header* names the report at the top of every printed page (with the catalog and reference date).
    """
    for sheet in workbook.worksheets:
        fit_rows(sheet)
        page_setup(sheet, header)
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
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", xml)
