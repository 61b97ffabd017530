"""Every file of the bad-input corpus makes `opvang validate` fail cleanly: located, Dutch, exit 1.

Each corpus file is dropped into a copy of the fixture catalog as an extra category file, the way a
person would add a broken file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import REPO

CORPUS = REPO / "tests" / "badinput" / "catalog"
LOCATED = re.compile(r"^\S+\.yaml:\d+(:\d+)?: \S", re.MULTILINE)


@pytest.mark.parametrize("case", sorted(p.name for p in CORPUS.iterdir()))
def test_bad_catalog_file_is_reported_not_crashed(case: str, catalog_copy: Path):
    shutil.copy(CORPUS / case, catalog_copy / "voorbeeld-opvang" / "safety.yaml")
    result = CliRunner().invoke(main, ["validate", str(catalog_copy)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert LOCATED.search(result.output), result.output
    assert "safety.yaml" in result.output


def test_billion_laughs_is_refused_quickly(catalog_copy: Path):
    shutil.copy(CORPUS / "billion-laughs.yaml", catalog_copy / "voorbeeld-opvang" / "safety.yaml")
    result = CliRunner().invoke(main, ["validate", str(catalog_copy)])
    assert "ankers en aliassen" in result.output


def test_python_tags_are_not_executed(catalog_copy: Path):
    shutil.copy(CORPUS / "python-tag.yaml", catalog_copy / "voorbeeld-opvang" / "safety.yaml")
    result = CliRunner().invoke(main, ["validate", str(catalog_copy)])
    assert "hacked" not in result.output
    assert result.exit_code == 1
