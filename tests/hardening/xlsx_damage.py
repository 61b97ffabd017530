"""Damaged and mis-filled checklist workbooks, made from the real template the way people and tools break them.

Each function takes the template's bytes (``opvang checklist --format xlsx`` on the fixture catalog,
one sheet ``voorbeeld-opvang`` with the requirements in rows 2-10 and a summary sheet ``Overzicht``)
and returns the bytes of a workbook openpyxl writes or a zip that is no workbook at all. Building
them in the test keeps binary files out of git and keeps the cases in step with the template.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from openpyxl import Workbook, load_workbook

SHEET = "voorbeeld-opvang"
Damage = Callable[[bytes], bytes]


def _edited(template: bytes, edit: Callable[[Workbook], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    edit(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(coordinate: str, value: object) -> Damage:
    def damage(template: bytes) -> bytes:
        return _edited(template, lambda wb: wb[SHEET].__setitem__(coordinate, value))

    return damage


unknown_status = _cell("G3", "prima")
unknown_requirement_id = _cell("A4", "VBO-XXX-99")
nonexistent_date = _cell("L2", "31-02-2027")
formula_without_value = _cell("G2", '=CONCAT("vol", "doet")')
huge_field = _cell("H5", "x" * 20_000)
number_as_status = _cell("G2", 5)
boolean_as_date = _cell("L6", True)
far_away_cell = _cell("H1048576", "vergeten notitie")


def duplicate_header(template: bytes) -> bytes:
    """A second 'Status' column (a copied column), with another answer in it."""

    def edit(wb: Workbook) -> None:
        wb[SHEET]["O1"] = "Status"
        wb[SHEET]["O2"] = "voldoet niet"

    return _edited(template, edit)


def missing_status_column(template: bytes) -> bytes:
    return _edited(template, lambda wb: wb[SHEET].__setitem__("G1", "Toestand"))


def extra_sheet_copy(template: bytes) -> bytes:
    """An extra sheet that copies the checklist (a backup tab), so every id appears twice."""

    def edit(wb: Workbook) -> None:
        wb.copy_worksheet(wb[SHEET]).title = "Kopie"

    return _edited(template, edit)


def truncated(template: bytes) -> bytes:
    return template[: len(template) // 2]


def corrupted_entry(template: bytes) -> bytes:
    """The sheet's compressed data overwritten in the middle: the zip opens, the sheet does not."""
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(template)
    middle = start + info.compress_size // 2
    damaged[middle : middle + 64] = b"\x00" * 64
    return bytes(damaged)


def zip_bomb(template: bytes) -> bytes:
    """A valid workbook with one extra part that unpacks to 60 MB of zeros (a few kB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        with target.open("xl/media/image1.bin", "w", force_zip64=True) as bomb:
            chunk = b"\x00" * 1_000_000
            for _ in range(60):
                bomb.write(chunk)
    return out.getvalue()


def zip_without_workbook(template: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkboek")
    return out.getvalue()
