"""The abbreviations file read once per build gives the same pages as appending it under each page."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.site import fastabbr
from generator.site.build import GLOSSARY_FILE, _base_docs

SHIPPED = _base_docs() / GLOSSARY_FILE
COMMENT = "<!-- Uitleg voor wie dit bestand bewerkt:\n     één regel per begrip -->\n"

PAGES = {
    "plain terms": "# Titel\n\nDe VOG en de Wmo gelden voor MO en BW.\n",
    "table and link": (
        "| Eis | VOG |\n|---|---|\n| [BAA-VOG-001](vog.md#BAA-VOG-001) | VOG bij start |\n\n"
        "## VOG-regels { #vog }\n\n*De VOG* telt.\n"
    ),
    "own definition of another term": "*[ABC]: Eigen uitleg\n\nABC en VOG.\n",
    "own definition of a glossary term": "*[VOG]: Uitleg van de pagina\n\nDe VOG.\n",
    "page removes a glossary term": '*[VOG]: ""\n\nDe VOG.\n',
    "ends in a list": "- VOG\n- Wmo",
    "ends in a table without newline": "| a |\n|---|\n| VOG |",
    "code keeps its text": "`VOG` en VOG\n\n    VOG in code\n",
    "terms in tails": "**vet** VOG en *Wmo* VOG, [MO](x.md) BW en `code` VOG.\n\n- *a* VOG\n- Wmo *b* MO\n",
    "many rows": "| Eis | Tekst |\n|---|---|\n"
    + "".join(f"| [R{n}](r.md#R{n}) VOG | **{n}** Wmo en *MO* BW |\n" for n in range(60)),
}


def _markdown(includes: Path, appended: list[str], extra: list | None = None) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["abbr", "attr_list", "tables", "toc", "pymdownx.snippets", *(extra or [])],
        extension_configs={"pymdownx.snippets": {"base_path": [str(includes)], "auto_append": appended}},
    )


def _config(includes: Path, appended: list[str]) -> dict:
    return {
        "markdown_extensions": ["abbr", "attr_list", "tables", "toc", "pymdownx.snippets"],
        "mdx_configs": {"pymdownx.snippets": {"base_path": [str(includes)], "auto_append": list(appended)}},
    }


def _convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def _without_comments(html: str) -> str:
    """The HTML as the appended file would leave it, minus that file's comment for editors."""
    return re.sub(r"\n?<!--.*?-->", "", html, flags=re.DOTALL).rstrip("\n")


@pytest.fixture
def includes(tmp_path: Path) -> Path:
    folder = tmp_path / "includes"
    folder.mkdir()
    (folder / "afkortingen.md").write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "extra.md").write_text(
        COMMENT + '*[BW]: Beschermd wonen (tweede bestand)\n\n*[Wmo]: Tweede uitleg\n*[MO]: ""\n', encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize(
    "appended", [["afkortingen.md"], ["afkortingen.md", "extra.md"], ["extra.md", "afkortingen.md"]]
)
def test_every_page_gets_the_same_abbreviations(includes, name, appended):
    config = _config(includes, appended)
    extension = fastabbr.take_over(config)
    assert extension is not None
    assert config["mdx_configs"]["pymdownx.snippets"]["auto_append"] == []
    appending = _markdown(includes, appended)
    reading_once = _markdown(includes, [], [extension, fastabbr.FastAbbrExtension()])
    for _ in range(2):  # the second page must not keep the first page's own definitions
        expected = _without_comments(_convert(appending, PAGES[name]))
        assert _convert(reading_once, PAGES[name]).rstrip("\n") == expected
    assert "<abbr" in _convert(reading_once, PAGES["plain terms"])


def test_the_shipped_glossary_is_taken_over_whole():
    found = fastabbr.definitions(SHIPPED.read_text(encoding="utf-8"))
    assert found is not None
    terms = [term for term, _ in found]
    assert "VOG" in terms and "Wmo" in terms
    assert len(terms) == sum(1 for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line.startswith("*["))


@pytest.mark.parametrize(
    "text",
    [
        "*[VOG]: Verklaring\n\nEen gewone alinea.\n",  # a paragraph would be shown under every page
        "*[VOG]:\n",  # no explanation: Python-Markdown shows the line as text
        "*[VOG]: Verklaring\n<!-- een opmerking halverwege -->\n",
        "# Kop\n*[VOG]: Verklaring\n",
    ],
)
def test_a_file_with_more_than_definitions_stays_appended(includes, text):
    (includes / "anders.md").write_text(text, encoding="utf-8")
    assert fastabbr.definitions(text) is None
    config = _config(includes, ["afkortingen.md", "anders.md"])
    assert fastabbr.take_over(config) is None
    assert config["mdx_configs"]["pymdownx.snippets"]["auto_append"] == ["afkortingen.md", "anders.md"]


def test_only_the_files_at_the_end_are_taken(includes):
    (includes / "anders.md").write_text("Een voettekst onder elke pagina.\n", encoding="utf-8")
    config = _config(includes, ["anders.md", "afkortingen.md"])
    extension = fastabbr.take_over(config)
    assert extension is not None
    assert config["mdx_configs"]["pymdownx.snippets"]["auto_append"] == ["anders.md"]
    expected = _without_comments(_convert(_markdown(includes, ["anders.md", "afkortingen.md"]), PAGES["plain terms"]))
    reading_once = _markdown(includes, ["anders.md"], [extension, fastabbr.FastAbbrExtension()])
    assert _convert(reading_once, PAGES["plain terms"]).rstrip("\n") == expected


def test_nothing_is_taken_without_abbr_or_without_a_file(includes):
    config = _config(includes, ["afkortingen.md"])
    config["markdown_extensions"].remove("abbr")
    assert fastabbr.take_over(config) is None
    config = _config(includes, ["ontbreekt.md"])
    assert fastabbr.take_over(config) is None
    assert config["mdx_configs"]["pymdownx.snippets"]["auto_append"] == ["ontbreekt.md"]
