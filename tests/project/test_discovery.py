"""Which catalog a command works on: --catalog, OPVANG_CATALOG, or found from the current folder upward."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import InputError
from generator.project import find_project
from tests.conftest import REAL_CATALOG, REPO


def _run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env or {})


@pytest.fixture
def catalog_without_dordrecht(tmp_path: Path) -> Path:
    """A region's own catalog: a copy of requirements/ with one tender removed."""
    copy = tmp_path / "eigen-regio"
    shutil.copytree(REAL_CATALOG, copy, ignore=shutil.ignore_patterns("schema", "__pycache__"))
    shutil.rmtree(copy / "dordrecht-ib4-mo")
    return copy


def _tenders(result) -> int:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["tenders"]


def test_validate_counts_the_tenders_of_the_folder_it_runs_in(catalog_without_dordrecht, monkeypatch):
    monkeypatch.chdir(catalog_without_dordrecht)
    assert _tenders(_run("validate", "--format", "json")) == 4
    monkeypatch.chdir(catalog_without_dordrecht / "noord-midden-limburg-mo")  # a folder below the catalog
    result = _run("validate", "--format", "json")
    assert _tenders(result) == 4
    assert "gevonden in een map boven de huidige" in result.stderr


def test_a_project_with_opvang_yml_is_found_from_any_folder_below_it(catalog_without_dordrecht, monkeypatch):
    project = catalog_without_dordrecht.parent
    (project / "opvang.yml").write_text("title: Eigen regio\ncatalog: eigen-regio\n", encoding="utf-8")
    deep = project / "werk" / "notities"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    result = _run("validate")
    assert result.exit_code == 0, result.output
    assert "4 aanbestedingen" in result.stdout and "Eigen regio" in result.stdout
    assert "eigen-regio" in result.stderr  # says which catalog it read


def test_option_beats_environment_beats_the_current_folder(catalog_without_dordrecht, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    env = {"OPVANG_CATALOG": str(catalog_without_dordrecht)}
    from_env = _run("validate", "--format", "json", env=env)
    assert _tenders(from_env) == 4
    assert "OPVANG_CATALOG" in from_env.stderr
    assert _tenders(_run("validate", "--format", "json", "--catalog", str(REAL_CATALOG), env=env)) == 5
    assert _tenders(_run("validate", "--format", "json")) == 5  # the repository itself: an opvang.yml here


def test_outside_any_project_the_message_says_how_to_start_one(tmp_path, monkeypatch):
    empty = tmp_path / "leeg"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.delenv("OPVANG_CATALOG", raising=False)
    result = _run("validate")
    assert result.exit_code == 2
    assert "geen catalogus gevonden" in result.stderr and "opvang init" in result.stderr
    assert "Traceback" not in result.output


def test_every_command_that_reads_the_catalog_has_the_catalog_option():
    from generator.cli.base import CATALOG_HELP

    def commands(group, prefix=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from commands(command, (*prefix, name))
            else:
                yield (*prefix, name), command

    readers = {
        ("validate",),
        ("export",),
        ("checklist",),
        ("assess",),
        ("gap",),
        ("kpi",),
        ("kwartaalrapportage",),
        ("monitor",),
        ("calendar",),
        ("lint",),
        ("site", "build"),
        ("site", "serve"),
    }
    found = {path: cmd for path, cmd in commands(main)}
    for path in readers:
        options = {o.name: o for o in found[path].params}
        assert "catalog_path" in options, path
        assert options["catalog_path"].help == CATALOG_HELP


def test_an_invalid_opvang_yml_is_a_located_error(tmp_path, monkeypatch):
    (tmp_path / "opvang.yml").write_text("catalogus: requirements\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _run("validate")
    assert result.exit_code == 1
    assert "opvang.yml:1:1: onbekend veld 'catalogus'" in result.stderr


def test_find_project_kinds_of_path(catalog_without_dordrecht):
    tender = catalog_without_dordrecht / "valleiregio-housing-first"
    assert find_project(tender, environ={}).catalog == tender.resolve()  # one tender folder: only that one
    assert find_project(tender, environ={}).catalog_root == catalog_without_dordrecht.resolve()
    assert find_project(tender / "tender.yaml", environ={}).catalog == tender.resolve()
    assert find_project(REPO, environ={}).catalog == REAL_CATALOG  # a project folder
    with pytest.raises(InputError):
        find_project(catalog_without_dordrecht / "bestaat-niet", environ={})


def test_a_catalog_extends_the_metric_vocabulary_and_the_vague_terms(catalog_copy: Path):
    from generator.catalog.load import load_catalog
    from generator.lint.terms import catalog_terms

    (catalog_copy / "metrics.yaml").write_text(
        "metrics:\n  wachtlijst_duur:\n    label: Duur op de wachtlijst\n    description: Dagen op de wachtlijst.\n"
        "    units: [days]\n    computed_by: none\n",
        encoding="utf-8",
    )
    (catalog_copy / "vague-terms.yaml").write_text(
        "terms:\n  - id: spoedig\n    forms: [spoedig]\n    max_severity: warning\n    why: Geen termijn.\n"
        "    rewrite: Noem een termijn.\n",
        encoding="utf-8",
    )
    metrics = load_catalog(catalog_copy).metrics
    assert "wachtlijst_duur" in metrics and "duurzame_uitstroom" in metrics  # own and shipped
    terms = catalog_terms(catalog_copy)
    assert terms[-1].id == "spoedig" and len(terms) > 10
