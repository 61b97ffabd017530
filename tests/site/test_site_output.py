"""``opvang site build`` never destroys other work: it only replaces a folder it built itself, and only on success."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.site.build import MARKER
from tests.site.site_helpers import FIXTURE_CATALOG


def _build(out: Path, project: Path, catalog: Path = FIXTURE_CATALOG):
    return CliRunner().invoke(
        main, ["site", "build", "-o", str(out), "--catalog", str(catalog), "--config", str(project)], env={}
    )


def test_a_folder_with_other_work_is_refused_and_left_alone(project: Path, tmp_path: Path):
    out = tmp_path / "mijn-map"
    out.mkdir()
    (out / "offerte.docx").write_bytes(b"belangrijk werk")
    result = _build(out, project)
    assert result.exit_code == 2
    assert "niet door opvang gebouwd" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["offerte.docx"]
    assert (out / "offerte.docx").read_bytes() == b"belangrijk werk"


def test_a_new_or_empty_folder_is_built_and_marked_and_then_replaced(project: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert _build(out, project).exit_code == 0
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    stale = out / "oude-pagina.html"
    stale.write_text("weg", encoding="utf-8")
    assert _build(out, project).exit_code == 0  # its own build: replaced whole
    assert not stale.exists() and (out / "index.html").is_file()
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert _build(empty, project).exit_code == 0


def test_a_failed_build_leaves_the_previous_site(project: Path, tmp_path: Path, catalog_copy: Path):
    out = tmp_path / "site"
    assert _build(out, project).exit_code == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    (project.parent / "docs" / "kapot.md").write_text("# Kapot\n\n[nergens](bestaat-niet.md)\n", encoding="utf-8")
    failed = _build(out, project)
    assert failed.exit_code == 1 and "strikte modus" in failed.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".opvang")], "no staging folder left behind"


def test_a_file_as_output_is_refused(project: Path, tmp_path: Path):
    out = tmp_path / "site.html"
    out.write_text("niet weggooien", encoding="utf-8")
    result = _build(out, project)
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "niet weggooien"


def test_pages_only_writes_a_plain_mkdocs_project(project: Path, tmp_path: Path):
    import yaml

    out = tmp_path / "mkdocs-project"
    result = CliRunner().invoke(
        main,
        [
            "site",
            "build",
            "--alleen-paginas",
            "-o",
            str(out),
            "--catalog",
            str(FIXTURE_CATALOG),
            "--config",
            str(project),
        ],
        env={},
    )
    assert result.exit_code == 0, result.output
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"(^|[\s:\-])![A-Za-z]", text), "no YAML tags such as !relative or !ENV"
    config = yaml.safe_load(text)
    assert config["docs_dir"] == "docs" and config["nav"]
    assert (out / "docs" / "aanbestedingen.md").is_file()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(out / "mkdocs.yml"), strict=True))  # another engine can build it as it is
    assert (out / "site" / "index.html").is_file()
