"""Read the cells of a spreadsheet a person hands in: Excel (``.xlsx``) or LibreOffice (``.ods``).

The reader of the filled checklist (:mod:`generator.assess.checklist`) needs, per sheet, its rows as
tuples of cell values (column 1 first) with their row numbers, and which cells hold a formula that
has no calculated value (saved by a program that does not calculate, such as a script). This module
gives exactly that and nothing about checklists.

Speed and safety. python-calamine (Rust) reads both formats and is some thirty times faster than
openpyxl, but it builds every sheet as one dense block of cells: a single cell far away (row
1,048,576 of column XFD) would make it ask for hundreds of gigabytes and end the process. So the
sheets are measured first, from the XML in the file, without building anything:

- ``.xlsx``: every cell reference (``<c r="G12">``) of every worksheet gives the extent, and a cell
  with ``<f>`` but no ``<v>`` is a formula without a value. A sheet larger than :data:`MAX_CELLS`
  cells, or XML this scan does not understand (a cell without a reference), is read with openpyxl
  in streaming mode instead, which costs nothing for empty space.
- ``.ods``: the rows and cells of ``content.xml`` with their repeat counts give the extent; a sheet
  larger than :data:`MAX_CELLS` is refused with a clear message (no other reader for ODS).

Cell values: text as ``str``, numbers as ``int``/``float``, dates as ``datetime.date`` or
``datetime.datetime``, ``True``/``False``; an empty cell is ``None``.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from generator.diagnostics import InputError, Problem

MAX_CELLS = 2_000_000  # rows x columns of one sheet; a checklist of 50,000 requirements is 700,000
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])([^>]*?)(/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?c>)", re.DOTALL)
_REF = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>[^<]|<(?:[A-Za-z_][\w.-]*:)?is[\s>]")


@dataclass
class Sheet:
    """One sheet: its name and its rows (row number, values from column 1; :data:`NO_VALUE` for a formula
    cell without a calculated value)."""

    name: str
    rows: Iterator[tuple[int, tuple]]


def is_ods(raw: bytes) -> bool:
    """Whether *raw* is an OpenDocument spreadsheet (a zip whose ``mimetype`` says so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return ODS_MIMETYPE in archive.read("mimetype")[:100]
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def read_sheets(raw: bytes, name: str) -> list[Sheet]:
    """The sheets of the workbook in *raw* (XLSX or ODS), in workbook order; :class:`InputError` if unreadable."""
    if is_ods(raw):
        _check_ods_extent(raw, name)
        return _calamine_sheets(raw, name, {})
    scan = _scan_xlsx(raw)
    if scan is None:
        return _openpyxl_sheets(raw, name)
    return _calamine_sheets(raw, name, scan)


def unreadable(name: str) -> Problem:
    return Problem(
        name, 1, 1, "geen geldig Excel-bestand (.xlsx) of LibreOffice-bestand (.ods); sla het opnieuw op als .xlsx"
    )


# --- calamine ---------------------------------------------------------------------------------------


def _calamine_sheets(raw: bytes, name: str, formulas: dict[str, set[tuple[int, int]]]) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    sheets = []
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        for sheet_name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(sheet_name)
            (row0, col0) = sheet.start or (0, 0)
            rows = sheet.to_python(skip_empty_area=True)
            sheets.append(Sheet(sheet_name, _offset_rows(rows, row0, col0, formulas.get(sheet_name, set()))))
    except BaseException as exc:  # calamine raises its own errors, and a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise InputError(unreadable(name)) from None
    return sheets


def _offset_rows(rows: list[list], row0: int, col0: int, formulas: set[tuple[int, int]]) -> Iterator[tuple[int, tuple]]:
    pad = (None,) * col0
    for index, cells in enumerate(rows):
        number = row0 + index + 1
        values = pad + tuple(None if value == "" else value for value in cells)
        if formulas:
            values = tuple(
                NO_VALUE if (number, column) in formulas else value for column, value in enumerate(values, start=1)
            )
        yield number, values


# --- XLSX scan ------------------------------------------------------------------------------------


def _scan_xlsx(raw: bytes) -> dict[str, set[tuple[int, int]]] | None:
    """Per sheet name the formula cells without a value; None when a sheet is too large or not understood."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = _sheet_parts(archive)
            if parts is None:
                return None
            out: dict[str, set[tuple[int, int]]] = {}
            for sheet_name, part in parts:
                scanned = _scan_sheet(archive.read(part))
                if scanned is None:
                    return None
                out[sheet_name] = scanned
            return out
    except Exception:  # damage (zip, zlib, XML): openpyxl reads what it can and reports the rest
        return None


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]] | None:
    """(sheet name, zip part) of every worksheet, from ``xl/workbook.xml`` and its relations."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = []
    for sheet in workbook.iter(f"{main}sheet"):
        target = targets.get(sheet.get(relation))
        if target is None or target not in archive.namelist():
            return None
        parts.append((sheet.get("name", ""), target))
    return parts


def _scan_sheet(xml: bytes) -> set[tuple[int, int]] | None:
    max_row = max_col = 0
    formulas: set[tuple[int, int]] = set()
    for match in _CELL.finditer(xml):
        ref = _REF.search(match.group(1))
        if ref is None:
            return None
        column = 0
        for char in ref.group(1):
            column = column * 26 + char - 64
        row = int(ref.group(2))
        max_row, max_col = max(max_row, row), max(max_col, column)
        inner = match.group(3) or b""
        if _FORMULA.search(inner) and not _VALUE.search(inner):
            formulas.add((row, column))
    if max_row * max_col > MAX_CELLS:
        return None
    return formulas


# --- openpyxl (large or unusual XLSX) ----------------------------------------------------------------


def _openpyxl_sheets(raw: bytes, name: str) -> list[Sheet]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # openpyxl's English warnings say nothing a person can act on
        warnings.simplefilter("ignore")
        try:
            values = load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
            formulas = load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
        except Exception:  # openpyxl raises many kinds of error (zip, XML, KeyError...) on a damaged file
            raise InputError(unreadable(name)) from None
    sheets = []
    for sheet in values.worksheets:
        sheet.reset_dimensions()  # the stated size may be wrong; read the rows that are there
        formula_sheet = formulas[sheet.title]
        formula_sheet.reset_dimensions()
        sheets.append(Sheet(sheet.title, _openpyxl_rows(name, sheet, formula_sheet)))
    return sheets


def _openpyxl_rows(name: str, sheet, formula_sheet) -> Iterator[tuple[int, tuple]]:
    """Rows streamed; a formula cell without a value is the marker :data:`NO_VALUE`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pairs = zip(sheet.iter_rows(values_only=True), formula_sheet.iter_rows(values_only=True), strict=False)
            for number, (cells, formula_cells) in enumerate(pairs, start=1):
                yield (
                    number,
                    tuple(
                        NO_VALUE if value is None and _is_formula(formula) else value
                        for value, formula in zip(cells, formula_cells, strict=False)
                    ),
                )
        except InputError:
            raise
        except Exception:  # openpyxl parses sheets lazily: damage inside a sheet shows up only here
            raise InputError(unreadable(name)) from None


class _NoValue:
    """A formula cell without a calculated value (openpyxl path)."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE = _NoValue()


def _is_formula(formula: object) -> bool:
    return (isinstance(formula, str) and formula.startswith("=")) or type(formula).__name__ == "ArrayFormula"


# --- ODS extent -----------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _check_ods_extent(raw: bytes, name: str) -> None:
    """Refuse an ODS file with a sheet of more than :data:`MAX_CELLS` cells (counting repeats)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            content = archive.read("content.xml")
        table, row, column, last_column, max_row, max_column = "", 0, 0, 0, 0, 0
        for event, element in ElementTree.iterparse(io.BytesIO(content), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    table, row, max_row, max_column = element.get(f"{_TABLE}name", ""), 0, 0, 0
                elif tag == f"{_TABLE}table-row":
                    column, last_column = 0, 0
                continue
            if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                column += int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                if element.get(f"{_OFFICE}value-type") or len(element):
                    last_column = column
                element.clear()
            elif tag == f"{_TABLE}table-row":
                repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
                row += repeat
                if last_column:
                    max_row, max_column = row, max(max_column, last_column)
                element.clear()
            elif tag == f"{_TABLE}table" and max_row * max_column > MAX_CELLS:
                raise InputError(
                    Problem(
                        f"{name}:{table}",
                        None,
                        None,
                        f"werkblad loopt tot rij {max_row} en kolom {max_column}; dat is te groot voor een checklist. "
                        "Verwijder de verre cellen (Ctrl+End toont de laatste) en sla opnieuw op",
                    )
                )
    except InputError:
        raise
    except Exception:  # damage (zip, zlib, XML, a repeat count that is no number)
        raise InputError(unreadable(name)) from None
