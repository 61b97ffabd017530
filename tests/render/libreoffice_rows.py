"""Run by the system Python with LibreOffice's ``uno``: each row's height and the height LibreOffice needs for it.

    /usr/bin/python3 tests/render/libreoffice_rows.py BOOK.xlsx...

Opens every workbook in a LibreOffice of its own (a private, temporary profile; ended when done) and
prints JSON ``{path: {sheet: [[height, optimal], ...]}}`` in 1/100 mm per row of the used area:
*height* as the file sets it, *optimal* the height LibreOffice computes to show every wrapped text
whole (Format > Rows > Optimal Height). A row whose optimal height exceeds its height cuts text off.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # noqa: I001 - LibreOffice's bridge, only in the system Python (python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _hidden() -> tuple:
    value = PropertyValue()
    value.Name, value.Value = "Hidden", True
    return (value,)


def _connect(pipe: str, office: subprocess.Popen):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise SystemExit("LibreOffice stopte voordat het verbinding gaf") from None
            time.sleep(0.1)
    raise SystemExit("LibreOffice gaf geen verbinding binnen 60 seconden")


def heights(desktop, path: str) -> dict:
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    document = desktop.loadComponentFromURL(url, "_blank", 0, _hidden())
    try:
        found = {}
        for sheet in document.Sheets:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            rows = sheet.Rows
            pairs = []
            for index in range(cursor.RangeAddress.EndRow + 1):
                row = rows.getByIndex(index)
                before = row.Height
                row.OptimalHeight = True
                pairs.append([before, row.Height])
            found[sheet.Name] = pairs
        return found
    finally:
        document.close(True)


def main(paths: list[str]) -> None:
    profile = tempfile.mkdtemp(prefix="opvang-lo-")
    pipe = f"opvang_rows_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        context = _connect(pipe, office)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        json.dump({path: heights(desktop, path) for path in paths}, sys.stdout)
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # the bridge closes as LibreOffice ends
                desktop.terminate()
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()  # only the LibreOffice this script started
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
