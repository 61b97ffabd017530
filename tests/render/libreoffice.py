"""LibreOffice as a reader of the workbooks: PDF export, page texts and the row heights it needs.

LibreOffice (``soffice``), its Python bridge (``python3-uno``, for the system Python), poppler's
``pdftotext``/``pdfinfo`` and Liberation Sans (what LibreOffice shows for Arial) must be installed;
locally a test without them is skipped, in CI (``CI=1``) it fails, as the browser tests do.
``.ci/run`` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = Path("/usr/bin/python3")
POINTS_PER_HUNDREDTH_MM = 72 / 2540


def require_libreoffice() -> None:
    """Skip (locally) or fail (in CI) when LibreOffice, its Python bridge or poppler is missing."""
    missing = [tool for tool in ("soffice", "pdftotext", "pdfinfo") if shutil.which(tool) is None]
    bridge = (
        subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
        if SYSTEM_PYTHON.exists()
        else None
    )
    if bridge is None or bridge.returncode != 0:
        missing.append("python3-uno")
    match = subprocess.run(["fc-match", "Arial"], capture_output=True, text=True) if shutil.which("fc-match") else None
    if match is None or "Liberation" not in match.stdout:  # the metric twin of Arial, the workbooks' font
        missing.append("fonts-liberation2")
    if missing:
        message = "LibreOffice-test kan niet draaien, ontbreekt: " + ", ".join(missing)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


def to_pdf(books: list[Path], folder: Path) -> dict[Path, Path]:
    """Each workbook printed to PDF by LibreOffice (its own temporary profile), by workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="opvang-lo-") as profile:
        done = subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, books),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr
    pdfs = {book: folder / f"{book.stem}.pdf" for book in books}
    for book, pdf in pdfs.items():
        assert pdf.is_file(), f"LibreOffice maakte geen PDF van {book.name}: {done.stdout} {done.stderr}"
    return pdfs


def pages(pdf: Path) -> list[str]:
    """The text of every page of *pdf* (``pdftotext -layout``)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def page_sizes(pdf: Path) -> set[tuple[int, int]]:
    """The sizes (width, height in points, rounded) of the pages of *pdf*."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = set()
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            width, height = line.split("size:")[1].split("pts")[0].split(" x ")
            sizes.add((round(float(width)), round(float(height))))
    return sizes


def row_heights(books: list[Path]) -> dict[Path, dict[str, list[tuple[float, float]]]]:
    """Per workbook and sheet, per row: (its height, the height LibreOffice needs to show it whole), in points."""
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(HERE / "libreoffice_rows.py"), *map(str, books)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    return {
        Path(path): {
            sheet: [(a * POINTS_PER_HUNDREDTH_MM, b * POINTS_PER_HUNDREDTH_MM) for a, b in rows]
            for sheet, rows in sheets.items()
        }
        for path, sheets in found.items()
    }
