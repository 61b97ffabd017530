"""The Markdown reports the site publishes are accessible pages too: one ``#`` heading, named columns, named charts.

The gap report, the readiness matrix (several checklists), the KPI report, the quarterly report, the
contract dossier and the catalog diff, made from the example provider's data as ``make examples`` makes
them, are read as the site reads them (Python-Markdown with tables and toc). Each page has exactly one
``<h1>``; no table has an empty header cell; every chart is an ``<svg role="img">`` with a name and a
``<title>`` and is followed by a sentence that points to its table, whose link goes to a heading on
the page; words added or removed in a change are explained in words, not only by their style.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.render.standalone_reports import REPORTS, make_reports


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    files = make_reports(tmp_path_factory.mktemp("md"), "md")
    return {name: Path(path).read_text(encoding="utf-8") for name, path in files.items()}


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "toc", "attr_list"])


@pytest.mark.parametrize("name", REPORTS)
def test_a_markdown_report_is_an_accessible_page(pages, name):
    page = _html(pages[name])
    assert page.count("<h1") == 1, re.findall(r"<h1[^>]*>.*?</h1>", page)
    headers = re.findall(r"<th[^>]*>(.*?)</th>", page, flags=re.S)
    assert headers and all(h.strip() for h in headers), f"{name}: een lege kolomkop"
    ids = set(re.findall(r' id="([^"]+)"', page))
    for svg in re.findall(r"<svg[^>]*>", page):
        assert 'role="img"' in svg and re.search(r'aria-label="[^"]+"', svg), svg
        assert "<title>" in page.split(svg, 1)[1].split("</svg>", 1)[0]
    for anchor in re.findall(r'<a href="#([^"]+)"', page):
        assert anchor in ids, f"{name}: de link #{anchor} gaat nergens heen"


def test_the_readiness_matrix_is_the_one_title(pages):
    lines = pages["gereedheid"].splitlines()
    assert lines[0] == "# Gereedheid per aanbieder en aanbesteding"
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    providers = [line for line in lines if line.startswith("## Gap-rapport ")]
    assert len(providers) == 3  # the three example checklists, each one level lower
    assert "#### Samenvatting per aanbesteding" not in pages["gereedheid"]
    assert "### Samenvatting per aanbesteding" in pages["gereedheid"]


def test_every_chart_points_to_its_table(pages):
    quarterly = pages["kwartaalrapportage"]
    charts = quarterly.count("<svg")
    assert charts > 0
    assert quarterly.count("[Trend per kwartaal](#trend-per-kwartaal) hierboven") == charts
    assert 'id="trend-per-kwartaal"' in _html(quarterly)
    dossier = pages["dossier"]
    assert dossier.count("<svg") == dossier.count("De cijfers van deze grafiek staan in de tabel eronder.") > 0
    for block in dossier.split("<svg")[1:]:  # the table follows its chart
        after = block.split("</svg>", 1)[1].split("\n### ", 1)[0]
        assert "| Aanbieder |" in after


def test_changed_words_are_explained_in_words(pages):
    diff = pages["diff"]
    assert "<del>60%</del> <ins>70%</ins>" in diff
    assert "Doorgehaald: verwijderde woorden; onderstreept: toegevoegde woorden." in diff
