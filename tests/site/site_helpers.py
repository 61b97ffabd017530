"""Helpers shared by the site tests (imported by name: tests/ has no packages)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from generator.cli import main
from generator.site import build as site_build

REPO = Path(__file__).resolve().parents[2]
REAL_CATALOG = REPO / "requirements"
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog"
PEILDATUM = dt.date(2026, 11, 30)  # the reference date of every test build: same input, same site
EXAMPLES = REPO / "checklists" / "examples"  # the example provider's data (make examples)
NML = "noord-midden-limburg-mo"  # the tender the example provider's reports are about
PHONE = {"width": 375, "height": 740}


def make_project(root: Path) -> Path:
    """Copy mkdocs.yml and docs/ (without generated pages) to *root*; return the config file."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated", ".generated*"))
    return root / "mkdocs.yml"


def build_site(catalog: Path, site_dir: Path, config: Path, **kwargs) -> site_build.Result:
    """Build a site the way ``opvang site build`` does: with the command line's reference page and a fixed date."""
    kwargs.setdefault("reports", None)
    return site_build.build_site(
        catalog_path=catalog, site_dir=site_dir, config_file=config, commands=main, reference=PEILDATUM, **kwargs
    )


def generate(catalog: Path, config: Path, **kwargs) -> site_build.Generated:
    """The generated pages the way ``opvang site build`` makes them (see :func:`build_site`)."""
    kwargs.setdefault("reports", None)
    return site_build.generate(catalog, config, commands=main, reference=PEILDATUM, **kwargs)
