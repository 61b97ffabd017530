"""Every workbook of the example provider, opened and printed by LibreOffice Calc as its reader would.

The workbooks (checklist, catalog export, gap report, KPI report, quarterly report, monitor) are made
as ``make site`` makes them. LibreOffice then says, row by row, how high each row must be to show its
wrapped text whole (Format > Rows > Optimal Height): no row of ours may be lower. And it prints each
workbook to PDF: A4 landscape on every page, the table as wide as the page (the first column's
header on every page of a table, so nothing is cut off at the right), no ``###`` for a number too
wide for its column, and the page numbers in the footer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.hardening.example_outputs import file_name, make_outputs
from tests.render.libreoffice import page_sizes, pages, require_libreoffice, row_heights, to_pdf

WORKBOOKS = ("checklist-xlsx", "export-xlsx", "gap-xlsx", "kpi-xlsx", "kwartaalrapportage-xlsx", "monitor-xlsx")
A4_LANDSCAPE = (842, 595)
SLACK_POINTS = 0.5  # LibreOffice rounds heights to 1/100 mm


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> list[Path]:
    require_libreoffice()
    folder = tmp_path_factory.mktemp("werkboeken")
    make_outputs(folder)
    return [folder / file_name(case) for case in WORKBOOKS]


@pytest.fixture(scope="module")
def pdfs(books, tmp_path_factory) -> dict[Path, Path]:
    return to_pdf(books, tmp_path_factory.mktemp("pdf"))


def test_no_row_cuts_off_its_text(books):
    cut = []
    for book, sheets in row_heights(books).items():
        for sheet, rows in sheets.items():
            for number, (height, needed) in enumerate(rows, start=1):
                if needed > height + SLACK_POINTS and height < 409:
                    cut.append(f"{book.name} {sheet} rij {number}: {height:.1f} pt, nodig {needed:.1f} pt")
    assert not cut, "\n".join(cut[:20])


def test_every_workbook_prints_on_a4_landscape_as_wide_as_the_page(books, pdfs):
    for book in books:
        pdf = pdfs[book]
        assert page_sizes(pdf) == {A4_LANDSCAPE}, book.name
        texts = pages(pdf)
        assert texts, book.name
        assert not any("###" in text for text in texts), f"{book.name}: een getal past niet in zijn kolom"
        assert all(f"Pagina {n} van " in text for n, text in enumerate(texts, start=1)), book.name
        edges = _table_edges(book)
        for number, text in enumerate(texts, start=1):
            top = text.strip().splitlines()[0].rstrip()
            sheet = next((name for name in edges if top.endswith(name)), None)
            assert sheet is not None, f"{book.name} pagina {number}: geen tabbladnaam in de kop: {top!r}"
            for word in edges[sheet]:
                assert word in text, f"{book.name} pagina {number} ({sheet}): kolom '{word}' niet op de pagina"


def _table_edges(book: Path) -> dict[str, tuple[str, ...]]:
    """Per sheet the first word of its table's first and last visible header (the repeated print title row).

    Both on every page: the table is printed as wide as it is, never cut off at either side. A hidden
    column (the checklist's fingerprint) is not printed.
    """
    workbook = load_workbook(book)
    out = {}
    for sheet in workbook.worksheets:
        titles = sheet.print_title_rows
        words: tuple[str, ...] = ()
        if titles:
            row = int(titles.split(":")[0].lstrip("$"))
            visible = [
                c
                for c in range(1, sheet.max_column + 1)
                if not sheet.column_dimensions[get_column_letter(c)].hidden and sheet.cell(row, c).value
            ]
            cells = [sheet.cell(row, visible[0]).value, sheet.cell(row, visible[-1]).value] if visible else []
            words = tuple(value.split()[0] for value in cells if isinstance(value, str) and value.strip())
        out[sheet.title] = words
    return dict(sorted(out.items(), key=lambda item: -len(item[0])))  # the longest name first
