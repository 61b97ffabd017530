"""Fixtures for the site tests: builds in a private copy of mkdocs.yml and the hand-written docs.

Builds never touch the working tree's docs/ or site/. ``real_site`` builds the REAL catalog once, with
the example provider's Markdown reports as `make site` does; ``server`` serves it on 127.0.0.1 for the
browser tests (test_site_browser.py, test_site_accessibility.py).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.render.standalone_reports import make_reports
from tests.site.site_helpers import FIXTURE_CATALOG, REAL_CATALOG, build_site, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The site of the fixture catalog, built once (strict mode)."""
    root = tmp_path_factory.mktemp("fixture-site")
    config = make_project(root / "project")
    build_site(FIXTURE_CATALOG, root / "site", config)
    return root / "site"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The example reports as pages of the site, under the names `make examples` gives them.
SITE_REPORTS = {
    "gap": "gap-rapport.md",
    "gereedheid": "gereedheid.md",
    "kpi": "kpi-rapport.md",
    "kwartaalrapportage": "kwartaalrapportage.md",
    "dossier": "contractdossier.md",
}


def _example_reports(folder: Path) -> Path:
    """The example provider's Markdown reports, made as `make examples` makes them (every report page of the site)."""
    work = folder.with_name(folder.name + "-werk")
    work.mkdir()
    made = make_reports(work, "md", with_diff=False)
    assert set(made) == set(SITE_REPORTS), made
    folder.mkdir()
    for name, page in SITE_REPORTS.items():
        shutil.copyfile(made[name], folder / page)
    return folder


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("real-site")
    config = make_project(root / "project")
    build_site(REAL_CATALOG, root / "site", config, reports=_example_reports(root / "voorbeeld"))
    return root / "site"


@pytest.fixture(scope="session")
def server(real_site: Path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=real_site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("de testserver start niet")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
