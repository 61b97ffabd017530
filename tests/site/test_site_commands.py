"""The page "Alle commando's": made from the command line's own help, so it lists every command there is."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli import main
from generator.site.commands import commands_page

EXPECTED = (
    "validate",
    "export",
    "checklist",
    "assess",
    "gap",
    "kpi",
    "kwartaalrapportage",
    "monitor",
    "calendar",
    "demo-data",
    "lint",
    "diff",
    "site build",
    "site serve",
    "init",
    "schema",
)


def _registered(group: click.Group, prefix: str = "opvang") -> list[str]:
    """Every command path the command line answers to (walked here independently of the page)."""
    ctx = click.Context(group, info_name=prefix)
    out = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        out.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            out.extend(_registered(command, f"{prefix} {name}"))
    return out


def _headings(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^#{2,3} (opvang[a-z \-]*) \{ #", text, re.MULTILINE)]


def test_every_registered_command_has_a_section_with_usage_and_options():
    page = commands_page(main, introduction="gebruik.md")
    assert page.path == "opdrachtregel.md" and page.title == "Alle commando's"
    headings = _headings(page.text)
    registered = _registered(main)
    assert headings == ["opvang", *registered]
    for name in EXPECTED:
        assert f"opvang {name}" in headings, name
    assert len(registered) >= 16
    assert "```text\nopvang gap [OPTIES] INGEVULD...\n```" in page.text
    assert "```text\nopvang site build [OPTIES]\n```" in page.text
    assert "- `--peildatum DATUM`: De datum waarop de status van elke aanbesteding" in page.text
    assert "[Gebruik van opvang](gebruik.md)" in page.text


def test_a_pipe_in_the_choices_stays_a_pipe():
    text = commands_page(main).text
    assert "- `--format [csv|json|xlsx]`: Uitvoerformaat. \\[standaard: json\\]" in text
    assert "\\|" not in text.split("## opvang export", 1)[1].split("\n## ", 1)[0]


def test_a_new_command_appears_and_help_text_is_data():
    @click.group()
    def root() -> None:
        """Het programma."""

    @root.command("nieuw")
    @click.option("--soort", type=click.Choice(["a", "b"]), help="Kies *a* of <b>b</b>.")
    @click.option("--geheim", hidden=True, help="niet tonen")
    def nieuw(soort, geheim) -> None:
        """Doe iets nieuws met `code` en [een link](https://example.org).

        \b
        regel een
        regel twee

        Een tweede alinea die
        over twee regels loopt.
        \f
        Voor ontwikkelaars: niet tonen.
        """

    @root.command("verborgen", hidden=True)
    def verborgen() -> None:
        """Niet tonen."""

    text = commands_page(root, name="prog").text
    assert _headings(text.replace("## prog", "## opvang")) == ["opvang", "opvang nieuw"]
    assert "verborgen" not in text and "geheim" not in text and "Voor ontwikkelaars" not in text
    assert "- `--soort [a|b]`: Kies \\*a\\* of &lt;b&gt;b&lt;/b&gt;." in text
    assert "Doe iets nieuws met \\`code\\` en \\[een link\\](https://example.org)." in text
    assert "regel een<br>\nregel twee" in text
    assert "Een tweede alinea die over twee regels loopt." in text
    assert "[Gebruik van" not in text, "no link to an introduction the project does not have"


def test_the_page_is_the_same_every_time():
    assert commands_page(main) == commands_page(main)


def test_built_site_shows_pipes_and_links_usage_to_the_reference(fixture_site: Path):
    html = (fixture_site / "opdrachtregel" / "index.html").read_text(encoding="utf-8")
    assert "<code>--format [csv|json|xlsx]</code>" in html
    assert 'id="opvang-site-build"' in html and 'href="#opvang-site-build"' in html
    usage = (fixture_site / "gebruik" / "index.html").read_text(encoding="utf-8")
    assert 'href="../opdrachtregel/"' in usage
