"""Shared test fixtures: paths to the repository, the real catalog, the fixture catalog and the sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REAL_CATALOG = REPO / "requirements"
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog"
SEEDS = REAL_CATALOG / "bronnen"  # the five source documents, as published in the repository


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture catalog (tender voorbeeld-opvang)."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one for the whole run (see tests/browser.py)."""
    from tests.browser import launch

    yield from launch()
