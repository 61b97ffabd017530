"""Fixtures shared by the hardening tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.example_outputs import make_in_fresh_process


@pytest.fixture(scope="session")
def example_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every output for the example provider (:mod:`tests.hardening.example_outputs`),
    made in a fresh process with hash seed 1."""
    folder = tmp_path_factory.mktemp("voorbeeld-uitvoer")
    make_in_fresh_process(folder, "1")
    return folder
