"""Fixtures for the self-assessment tests: catalogs and the CLI runner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.catalog.load import load_catalog
from tests.assess.assess_helpers import FIXTURE_CATALOG, NML


@pytest.fixture(scope="session")
def fixture_catalog():
    return load_catalog(FIXTURE_CATALOG)


@pytest.fixture(scope="session")
def nml_catalog():
    return load_catalog(NML)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
