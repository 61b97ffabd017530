"""``opvang init``: a new project that validates and builds at once; ``opvang schema``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str):
    return CliRunner().invoke(main, list(args), env={})


def test_init_makes_a_project_that_validates_lints_and_builds(tmp_path: Path, monkeypatch):
    target = tmp_path / "mijn-regio"
    result = _run("init", str(target), "--titel", "Eisen regio Noord")
    assert result.exit_code == 0, result.output
    for name in ("opvang.yml", "mkdocs.yml", "README.md", ".gitignore", ".pre-commit-config.yaml", "docs/index.md"):
        assert (target / name).is_file(), name
    # the accessibility statement every published site needs, to be completed by the municipality
    statement = (target / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8")
    assert statement == (REPO / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8")
    assert "[Naam van de gemeente]" in statement
    assert "Eisen regio Noord" in (target / "opvang.yml").read_text(encoding="utf-8")
    assert 'site_name: "Eisen regio Noord"' in (target / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.chdir(target / "requirements" / "voorbeeld")  # anywhere inside the project
    validate = _run("validate")
    assert validate.exit_code == 0, validate.output
    assert "1 aanbestedingen, 2 eisen" in validate.stdout
    lint = _run("lint", "--fail-on", "error")
    assert lint.exit_code == 0, lint.output
    monkeypatch.chdir(target)
    build = _run("site", "build")
    assert build.exit_code == 0, build.output
    page = (target / "site" / "voorbeeld" / "kpi" / "index.html").read_text(encoding="utf-8")
    assert 'id="VB-KPI-01"' in page
    assert "<title>" in page and "Eisen regio Noord" in page
    assert (target / "site" / "toegankelijkheid" / "index.html").is_file()
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(config["theme"]["palette"], dict)  # a list puts a hidden radio button in the Tab order
    assert "content.tooltips" not in config["theme"]["features"]  # they vanish under the pointer (WCAG 1.4.13)


def test_yaml_files_carry_a_schema_hint_that_resolves(tmp_path: Path):
    target = tmp_path / "p"
    assert _run("init", str(target)).exit_code == 0
    for relative, schema_name in (
        ("opvang.yml", "project"),
        ("requirements/voorbeeld/tender.yaml", "tender"),
        ("requirements/voorbeeld/kpi.yaml", "requirements"),
    ):
        path = target / relative
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), relative
        schema_file = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema_file.name == f"{schema_name}.schema.json" and schema_file.is_file()
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        assert "$id" not in schema  # references between the copied files resolve next to each other
        registry = Registry().with_resources(  # what an editor does: each file under its own file address
            (p.as_uri(), Resource(json.loads(p.read_text(encoding="utf-8")), DRAFT202012))
            for p in schema_file.parent.glob("*.schema.json")
        )
        validator = jsonschema.Draft202012Validator({"$ref": schema_file.as_uri()}, registry=registry)
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_pre_commit_config_runs_validate_and_lint(tmp_path: Path):
    target = tmp_path / "p"
    assert _run("init", str(target)).exit_code == 0
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "opvang validate" in entries and any(e.startswith("opvang lint") for e in entries)


def test_init_never_overwrites(tmp_path: Path):
    target = tmp_path / "bestaand"
    target.mkdir()
    (target / "notities.txt").write_text("mijn werk\n", encoding="utf-8")
    result = _run("init", str(target))
    assert result.exit_code == 2
    assert "niet leeg" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notities.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folder left behind"


def test_this_repository_ships_pre_commit_hooks():
    from tests.conftest import REPO

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"]: hook for hook in hooks}
    assert ids["opvang-validate"]["entry"] == "opvang validate"
    assert ids["opvang-lint"]["entry"].startswith("opvang lint")
    assert all(hook["language"] == "python" and hook["pass_filenames"] is False for hook in hooks)


def test_schema_command_lists_and_prints_the_shipped_schemas():
    listed = _run("schema")
    assert listed.exit_code == 0
    names = listed.stdout.split()
    assert {"tender", "requirements", "project", "metrics"} <= set(names)
    shown = _run("schema", "tender")
    assert json.loads(shown.stdout)["title"] == "Aanbesteding"
    unknown = _run("schema", "bestaat-niet")
    assert unknown.exit_code == 2 and "kies uit" in unknown.stderr
