"""Every YAML file of the catalog reads the same with libyaml and with the pure-Python loader.

opvang uses libyaml when PyYAML has it and falls back to the pure-Python loader when it does not, so a
file that only one of them reads (an unquoted ``?`` in a flow mapping, found in the Dordrecht tender)
would work on one machine and fail on another.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURE_CATALOG, REAL_CATALOG, REPO

FILES = sorted(
    [*REAL_CATALOG.rglob("*.yaml"), *FIXTURE_CATALOG.rglob("*.yaml"), REPO / "opvang.yml"],
    key=lambda p: str(p),
)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML zonder libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_libyaml_and_pure_python_read_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506


def test_the_catalog_loads_the_same_without_libyaml(monkeypatch):
    """The loader itself, forced onto the pure-Python base, gives the same model."""
    import importlib

    from generator.catalog import load, yamlsource

    with_c = load.load_catalog(REAL_CATALOG)
    monkeypatch.setattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        importlib.reload(yamlsource)
        importlib.reload(load)
        assert yamlsource._BaseLoader is yaml.SafeLoader
        without_c = load.load_catalog(REAL_CATALOG)
    finally:
        monkeypatch.undo()
        importlib.reload(yamlsource)
        importlib.reload(load)
    assert without_c.tenders == with_c.tenders
