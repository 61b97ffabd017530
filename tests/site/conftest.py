"""Fixtures for the site tests: builds in a private copy of mkdocs.yml and the hand-written docs.

Builds never touch the working tree's docs/ or site/. ``real_site`` builds the REAL catalog once, with
the example provider's Markdown reports as `make site` does; ``server`` serves it on 127.0.0.1 for the
browser tests (test_site_browser.py, test_site_accessibility.py).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.site.site_helpers import EXAMPLES, FIXTURE_CATALOG, NML, REAL_CATALOG, build_site, make_project


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


def _example_reports(folder: Path) -> Path:
    """The example provider's Markdown reports, made as `make examples` makes them (every report page of the site)."""
    folder.mkdir()
    # The example data cover the Limburg contract (2022-2025): the reports are made on its last day.
    data = ["--zrm", str(EXAMPLES / "zrm.csv"), "--enquete", str(EXAMPLES / "scores.yaml"), "--peildatum", "2025-12-31"]
    runs = {
        "gap-rapport.md": ["gap", str(EXAMPLES / f"invulling-{NML}.yaml"), "--roster", str(EXAMPLES / "personeel.csv")]
        + ["--clients", str(EXAMPLES / "clienten.csv"), *data],
        "kpi-rapport.md": ["kpi", str(EXAMPLES / "clienten.csv"), "--tender", NML, *data],
        "kwartaalrapportage.md": ["kwartaalrapportage", str(EXAMPLES / "clienten.csv"), "--tender", NML, *data],
        "gereedheid.md": ["gap", *sorted(str(p) for p in EXAMPLES.glob("invulling-*.yaml"))]
        + ["--roster", str(EXAMPLES / "personeel.csv"), "--clients", str(EXAMPLES / "clienten.csv"), *data],
    }
    quarters = [f"kpi-2025-Q{n}.json" for n in range(1, 5)]  # the contract dossier: one KPI report a quarter
    for name in quarters:
        runs[name] = ["kpi", str(EXAMPLES / "clienten.csv"), "--tender", NML, *data, "--format", "json"]
        runs[name] += ["--provider", "Stichting Voorbeeldopvang", "--period", name[4:11]]
    runs["contractdossier.md"] = ["dossier", *(str(folder / name) for name in quarters)]
    for name, args in runs.items():
        fmt = [] if "--format" in args else ["--format", "md"]
        catalog = [] if args[0] == "dossier" else ["--catalog", str(REAL_CATALOG)]
        result = CliRunner().invoke(main, [*args, *catalog, *fmt, "-o", str(folder / name)], env={})
        assert result.exit_code in (0, 1), result.output  # 1: the example provider does not meet every norm
        assert (folder / name).is_file(), result.output
    for name in quarters:  # inputs of the dossier, not pages of the site
        (folder / name).unlink()
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
