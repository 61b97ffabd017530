"""``opvang diff``: folders, export JSON files and git revisions; exactly the changes, word diffs, output."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diff import compare, load_side, render_diff_html, render_diff_markdown, word_diff
from tests.catalog_edits import add_requirement, edit_requirement, remove_requirement

NEW_REQ = {
    "id": "VBO-REP-03",
    "obligation": "eis",
    "title": "Jaarverslag",
    "text": "De opdrachtnemer levert 1 keer per jaar een jaarverslag <b>aan</b>.",
    "source": {"section": "6 Rapportage"},
    "norms": [{"metric": "rapportagefrequentie", "operator": "==", "value": 1, "unit": "times/year"}],
}


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def two_versions(catalog_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The fixture catalog and a copy with one norm changed, one requirement removed and one added."""
    new = tmp_path / "nieuw"
    shutil.copytree(catalog_copy, new)
    edit_requirement(
        new,
        "kpi",
        "VBO-KPI-02",
        text="Na melding wordt in 100% van de gevallen binnen 72 uur een plan opgesteld.",
        norms=[{"metric": "plan_binnen_termijn", "operator": "<=", "value": 72, "unit": "hours", "share": 100}],
    )
    remove_requirement(new, "staffing", "VBO-STA-02")
    add_requirement(new, "reporting", NEW_REQ)
    return catalog_copy, new


def test_exactly_three_changes(two_versions):
    old, new = two_versions
    diff = compare(load_side(str(old)), load_side(str(new)))
    assert [(c.status, c.id) for c in diff.changes] == [
        ("changed", "VBO-KPI-02"),
        ("added", "VBO-REP-03"),
        ("removed", "VBO-STA-02"),
    ]
    [changed] = diff.of("changed")
    assert changed.fields == ("text", "norms")
    [norm] = changed.norms
    assert (norm.metric, norm.status, norm.old["value"], norm.new["value"]) == (
        "plan_binnen_termijn",
        "changed",
        48,
        72,
    )
    assert norm.changed_keys() == ["value"]
    assert ("delete", "48") in changed.text_diff and ("insert", "72") in changed.text_diff


def test_text_output(two_versions):
    old, new = two_versions
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0
    assert "1 toegevoegd, 1 verwijderd, 1 gewijzigd" in result.output
    assert "norm plan_binnen_termijn: maximaal 48 uur in 100% van de gevallen → maximaal 72 uur" in result.output
    assert "binnen [-48-] {+72+} uur" in result.output
    assert run("diff", str(old), str(new), "--exit-code").exit_code == 1
    assert run("diff", str(old), str(old), "--exit-code").exit_code == 0


def test_export_json_sides(two_versions, tmp_path: Path):
    old, new = two_versions
    old_json, new_json = tmp_path / "oud.json", tmp_path / "nieuw.json"
    assert run("export", "--catalog", str(old), "-o", str(old_json)).exit_code == 0
    assert run("export", "--catalog", str(new), "-o", str(new_json)).exit_code == 0
    result = run("diff", str(old_json), str(new_json), "--format", "json")
    data = json.loads(result.output)
    assert data["summary"] == {"added": 1, "changed": 1, "removed": 1}
    changed = data["requirements"][0]
    assert changed["norms"][0]["old"]["value"] == 48 and changed["norms"][0]["new"]["value"] == 72
    assert {"op": "insert", "text": "72"} in changed["text_diff"]


def test_git_revisions(two_versions, tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git ontbreekt")
    old, new = two_versions
    repo = tmp_path / "repo"
    env = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]

    def git(*args):
        subprocess.run(["git", *env, *args], cwd=repo, check=True, capture_output=True)

    repo.mkdir()
    git("init", "-q")
    shutil.copytree(old, repo / "requirements")
    git("add", "-A")
    git("commit", "-q", "-m", "v1")
    git("tag", "v1")
    shutil.rmtree(repo / "requirements")
    shutil.copytree(new, repo / "requirements")
    git("add", "-A")
    git("commit", "-q", "-m", "v2")
    git("tag", "v2")
    result = run("diff", "v1", "v2", "--repo", str(repo), "--format", "md")
    assert result.exit_code == 0, result.output
    assert "1 toegevoegd, 1 verwijderd, 1 gewijzigd" in result.output
    missing = run("diff", "v1", "v9", "--repo", str(repo))
    assert missing.exit_code == 2 and "git-revisie" in missing.output


def test_markdown_and_html_escape_data(two_versions):
    old, new = two_versions
    diff = compare(load_side(str(old)), load_side(str(new)))
    md = render_diff_markdown(diff, link="../{tender}.md#{requirement}")
    assert "&lt;b&gt;aan&lt;/b&gt;" in md and "<b>" not in md
    assert "<del>48</del> <ins>72</ins>" in md
    assert "[VBO-KPI-02](../voorbeeld-opvang.md#VBO-KPI-02)" in md
    page = render_diff_html(diff)
    assert "&lt;b&gt;aan&lt;/b&gt;" in page and "<del>48</del> <ins>72</ins>" in page


def test_word_diff():
    assert word_diff("binnen enkele weken een plan", "binnen 6 weken een plan") == (
        ("equal", "binnen"),
        ("delete", "enkele"),
        ("insert", "6"),
        ("equal", "weken een plan"),
    )
    assert word_diff("a b", "a b") == (("equal", "a b"),)


def test_other_field_changes(catalog_copy: Path, tmp_path: Path):
    new = tmp_path / "nieuw"
    shutil.copytree(catalog_copy, new)
    edit_requirement(new, "kpi", "VBO-KPI-04", obligation="eis", title="Tevredenheid van cliënten")
    diff = compare(load_side(str(catalog_copy)), load_side(str(new)), tender="voorbeeld-opvang")
    [change] = diff.changes
    assert change.fields == ("title", "obligation")
    assert "verplichting: wens → eis" in run("diff", str(catalog_copy), str(new)).output


def test_bad_inputs(catalog_copy: Path, tmp_path: Path):
    assert run("diff", str(catalog_copy), str(tmp_path / "nergens")).exit_code == 2
    broken = tmp_path / "kapot.json"
    broken.write_text("{ niet json", encoding="utf-8")
    result = run("diff", str(catalog_copy), str(broken))
    assert result.exit_code == 2 and "kapot.json:1:" in result.output
    wrong = tmp_path / "lijst.json"
    wrong.write_text("[1, 2]", encoding="utf-8")
    assert run("diff", str(wrong), str(catalog_copy)).exit_code == 2
    assert run("diff", "--format", "pdf", str(catalog_copy), str(catalog_copy)).exit_code == 2


def test_git_revisions_are_named_by_the_opvang_yml_of_their_revision(two_versions, tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git ontbreekt")
    repo = tmp_path / "repo"
    env = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    for tag, folder, title in (("v1", two_versions[0], None), ("v2", two_versions[1], "Eisen regio Oosterzee")):
        shutil.rmtree(repo / "requirements", ignore_errors=True)
        shutil.copytree(folder, repo / "requirements")
        if title:  # v1 has no opvang.yml: its catalog is named after its folder
            (repo / "opvang.yml").write_text(f"title: {title}\ncatalog: requirements\n", encoding="utf-8")
        for args in (["add", "-A"], ["commit", "-q", "-m", tag], ["tag", tag]):
            subprocess.run(["git", *env, *args], cwd=repo, check=True, capture_output=True)
    result = run("diff", "v1", "v2", "--repo", str(repo))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Catalogus: requirements (oud), Eisen regio Oosterzee (nieuw)"
