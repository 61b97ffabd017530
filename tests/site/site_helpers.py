"""Helpers shared by the site tests (imported by name: tests/ has no packages)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REAL_CATALOG = REPO / "requirements"
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog"


def make_project(root: Path) -> Path:
    """Copy mkdocs.yml and docs/ (without generated pages) to *root*; return the config file."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated", ".generated*"))
    return root / "mkdocs.yml"
