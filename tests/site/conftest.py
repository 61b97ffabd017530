"""Fixtures for the site tests: builds in a private copy of mkdocs.yml and the hand-written docs.

Builds never touch the working tree's docs/ or site/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.site_helpers import FIXTURE_CATALOG, build_site, make_project


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
