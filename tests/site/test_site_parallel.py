"""A large site is built by worker processes: the same bytes and the same messages as in one process.

The fixture catalog is far below :data:`generator.site.parallel.MIN_PAGES`; these tests lower the
threshold so that it is built both ways, and compare every file of the two sites.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import ValidationFailed
from generator.site import background, parallel
from generator.site.fastinline import FastInlineExtension, needs
from generator.site.fasttables import FastTablesExtension
from tests.site.site_helpers import FIXTURE_CATALOG, build_site, make_project


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def both_ways(monkeypatch):
    """Build a site in one process and with two workers; return a function that does both."""
    calls = []
    real_build = parallel.build

    def spy(config, workers, *rest):
        calls.append(workers)
        return real_build(config, workers, *rest)

    monkeypatch.setattr(parallel, "build", spy)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)

    def run(make):
        monkeypatch.setattr(parallel, "MIN_PAGES", 10**9)
        serial = make("serieel")
        assert calls == []
        monkeypatch.setattr(parallel, "MIN_PAGES", 0)
        two = make("parallel")
        assert calls == [2]
        return serial, two

    return run


def test_workers_build_the_same_bytes_as_one_process(tmp_path, both_ways):
    config = make_project(tmp_path / "project")

    def make(name):
        build_site(FIXTURE_CATALOG, tmp_path / name, config)
        return _tree(tmp_path / name)

    serial, two = both_ways(make)
    assert list(serial) == list(two)
    assert [path for path in serial if serial[path] != two[path]] == []
    assert "search/search_index.json" in serial


def test_warnings_fail_a_parallel_build_with_the_same_messages(tmp_path, both_ways):
    config = make_project(tmp_path / "project")
    docs = config.parent / "docs"
    (docs / "kapot.md").write_text("# Kapot\n\n[nergens](bestaat-niet.md)\n", encoding="utf-8")
    (docs / "anker.md").write_text("# Anker\n\n[geen anker](index.md#bestaat-niet)\n", encoding="utf-8")

    def make(name):
        with pytest.raises(ValidationFailed) as failed:
            build_site(FIXTURE_CATALOG, tmp_path / name, config)
        assert not (tmp_path / name).exists()
        return [problem.format() for problem in failed.value.problems]

    serial, two = both_ways(make)
    assert serial == two
    assert any("bestaat-niet.md" in message for message in serial)
    assert any("#bestaat-niet" in message for message in serial)


def test_an_error_in_a_worker_is_the_same_error(tmp_path, both_ways):
    config = make_project(tmp_path / "project")
    (config.parent / "docs" / "knip.md").write_text('# Knip\n\n--8<-- "ontbreekt.md"\n', encoding="utf-8")

    def make(name):
        with pytest.raises(Exception) as failed:  # noqa: PT011 - the same exception, whatever it is
            build_site(FIXTURE_CATALOG, tmp_path / name, config)
        return type(failed.value), str(failed.value)

    serial, two = both_ways(make)
    assert serial == two
    assert "ontbreekt.md" in serial[1]


def test_small_sites_and_unknown_plugins_stay_in_one_process():
    class Plugins:
        def __init__(self, owners):
            self.events = {"page_context": [owner.on_page_context for owner in owners]}

    class Config:
        def __init__(self, *owners):
            self.plugins = Plugins(owners)

    class Other:
        def on_page_context(self):
            pass

    assert not parallel.usable(Config(), parallel.MIN_PAGES - 1, 2)
    assert not parallel.usable(Config(), parallel.MIN_PAGES, 1)
    assert parallel.usable(Config(), parallel.MIN_PAGES, 2)
    assert not parallel.usable(Config(Other()), parallel.MIN_PAGES, 2)


SAMPLES = [
    "Gewone tekst zonder tekens.",
    r"Met \*sterretjes\*, \_lage\_ streepjes en \[haken\] en een \\ backslash.",
    "*nadruk* en **sterk** en _ook_ en __dit__ en ***beide***, `code` en ``dubbel ` code``.",
    "[link](https://example.org) en ![beeld](a.png) en [ref][1] en <https://example.org> en <a@b.nl>.\n\n"
    "[1]: https://example.org/ref",
    'Regel  \nafgebroken, &amp; &#45; &lt;b&gt; en <span class="x">html</span> <!-- noot -->.',
    "| a | b |\n|---|---|\n| `x` | *y* \\| z |\n",
    "# Kop { #anker }\n\nTekst met BSN en VOG.\n\n*[VOG]: Verklaring Omtrent het Gedrag\n*[BSN]: Burgerservicenummer",
    r"\a\_b \\_c \\\_d `\_in code` \` [\_link\_](x.md) **\_vet\_** \1\.",
    "| Regel | Melding |\n|---|---|\n| a\\|b | c \\\\| d |\n| `x | y` | \\`z\\` | w |\n"
    "| opvangduur\\_binnen | [B](b.md#B) |\n",
]


def _same_html(text: str) -> None:
    extensions = ["abbr", "attr_list", "tables", "admonition", "toc"]
    plain = markdown.Markdown(extensions=extensions).convert(text)
    fast = markdown.Markdown(extensions=[*extensions, FastInlineExtension(), FastTablesExtension()]).convert(text)
    assert fast == plain


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_inline_step_and_tables_give_the_same_html(text):
    _same_html(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="|\\`*_[]()ab #:\n-", max_size=12), min_size=1, max_size=6))
def test_any_table_and_escapes_give_the_same_html(cells):
    """Rows of random cells with pipes, backslashes and backticks: the same HTML either way."""
    row = "| " + " | ".join(cell.replace("\n", " ") for cell in cells) + " |"
    header = "| " + " | ".join("k" for _ in cells) + " |\n|" + "---|" * len(cells)
    _same_html(f"{header}\n{row}\n{row[::-1]}\n\n" + "".join(cells))


def test_unknown_inline_patterns_are_always_tried():
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    assert needs(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del")) is None
    md = markdown.Markdown(extensions=[FastInlineExtension()])
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 5)
    assert md.convert("a ~~weg~~ b") == "<p>a <del>weg</del> b</p>"


def _spreadsheet(text: str) -> bytes:
    if text == "fout":
        raise ValueError("kapot")
    return text.encode("utf-8") * 3


def test_a_download_made_in_a_forked_process_is_the_same(monkeypatch):
    monkeypatch.setattr(background, "worker_count", lambda: 2)
    forked = background.start(_spreadsheet, "abc", size=background.MIN_REQUIREMENTS)
    here = background.start(_spreadsheet, "abc", size=background.MIN_REQUIREMENTS - 1)
    assert forked._process is not None and here._process is None
    assert forked.result() == here.result() == b"abcabcabc"
    failing = background.start(_spreadsheet, "fout", size=background.MIN_REQUIREMENTS)
    with pytest.raises(ValueError, match="kapot"):
        failing.result()
    unused = background.start(_spreadsheet, "abc", size=background.MIN_REQUIREMENTS)
    unused.close()
    assert unused._process is None
