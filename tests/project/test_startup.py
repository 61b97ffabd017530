"""``opvang --help`` and ``opvang COMMAND --help`` import nothing heavy; the light copies of choices stay in step."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("openpyxl", "jsonschema", "fastjsonschema", "mkdocs", "jinja2", "yaml", "icalendar", "duckdb", "polars")


@pytest.mark.parametrize("args", [["--help"], ["gap", "--help"], ["kpi", "--help"], ["site", "build", "--help"]])
def test_help_imports_nothing_heavy(args):
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out


def test_the_light_copies_of_the_choices_match_the_real_ones():
    from generator.cli import assess, catalog, quality
    from generator.diff import FORMATS as DIFF
    from generator.lint.report import FAIL_LEVELS
    from generator.render import catalog_export, gap_report

    assert tuple(assess.GAP_FORMATS) == tuple(gap_report.FORMATS)
    assert set(catalog.EXPORT_FORMATS) == set(catalog_export.FORMATS)
    assert tuple(quality.FAIL_LEVELS) == tuple(FAIL_LEVELS)
    assert set(quality.DIFF_FORMATS) == set(DIFF)


def test_shell_completion_works():
    import os

    env = {**os.environ, "COMP_WORDS": "opvang kwa", "COMP_CWORD": "1", "_OPVANG_COMPLETE": "bash_complete"}
    out = subprocess.run([sys.executable, "-m", "generator.cli"], env=env, capture_output=True, text=True)
    assert "kwartaalrapportage" in out.stdout, (out.stdout, out.stderr)


def test_every_package_of_generator_is_in_the_wheel_configuration():
    import tomllib

    from tests.conftest import REPO

    configured = set(
        tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "generator").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= configured, f"niet in pyproject.toml: {sorted(found - configured)}"
