"""A national catalog on the site: tenders in groups, a navigation that stays small, small search sections.

Above :data:`~generator.site.grouping.GROUP_SIZE` tenders, the navigation holds a section per group
of tenders, the comparisons a page per group, and the tender list and tags a heading per group, so
that neither a page's navigation nor a search section grows with the catalog. Up to that size the
site is as before (the other site tests pin that). Speed itself is measured in ``benchmarks/``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks.synthetic_catalog import generate as synthetic
from generator.catalog.load import load_catalog
from generator.site.assemble import build_pages, navigation
from generator.site.build import _no_dirty_notice
from generator.site.grouping import GROUP_SIZE, GroupRange, nest, tender_groups
from generator.site.pages import COMPARISONS
from tests.conftest import REAL_CATALOG

SECTION_LIMIT = 16 * 1024
_HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A synthetic catalog of 23 tenders (three groups: 8, 8 and 7) and its pages."""
    root = synthetic(tmp_path_factory.mktemp("national") / "catalogus", tenders=23, requirements=30)
    catalog = load_catalog(root)
    return catalog, build_pages(catalog)


def _paths(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for item in node for p in _paths(item)]
    return [p for value in node.values() for p in _paths(value)]


def _section(nav: list, title: str) -> list:
    return next(item[title] for item in nav if title in item)


def test_groups_are_consecutive_by_name_and_never_larger_than_the_limit(national):
    catalog, _ = national
    groups = tender_groups(catalog.tenders)
    assert [len(g.tenders) for g in groups] == [8, 8, 7]
    names = [f"{t.region} ({t.code})" for g in groups for t in g.tenders]
    assert names == sorted(names, key=str.casefold)
    assert groups[0].label == f"{names[0]} – {names[7]}"
    assert [g.slug for g in groups] == ["groep-01", "groep-02", "groep-03"]


def test_the_navigation_has_a_section_per_group_and_lists_every_page_once(national):
    catalog, pages = national
    nav = navigation(catalog, pages)
    tenders = _section(nav, "Aanbestedingen")
    assert tenders[0] == {"Overzicht": "aanbestedingen.md"}
    groups = tenders[1:]
    assert [next(iter(g)) for g in groups] == [g.label for g in tender_groups(catalog.tenders)]
    assert all(len(next(iter(g.values()))) <= GROUP_SIZE for g in groups)
    listed = _paths(nav)
    assert sorted(listed) == sorted(p.path for p in pages)


def _carried(nav: list, page: str) -> int:
    """How many navigation entries a page shows with Material's pruning: its path open, the rest closed."""
    count = 0
    for item in nav:
        count += 1
        value = next(iter(item.values()))
        if isinstance(value, list) and page in _paths(value):
            count += _carried(value, page)
    return count


def test_a_tender_page_carries_its_own_group_only(tmp_path: Path):
    """From 23 to 45 tenders a page's navigation grows by the number of groups, not of tenders."""
    sizes = {}
    for tenders in (23, 45):
        catalog = load_catalog(synthetic(tmp_path / f"c{tenders}", tenders=tenders, requirements=15))
        nav = navigation(catalog, build_pages(catalog))
        page = f"{catalog.tenders[0].id}/kpi.md"
        groups = tender_groups(catalog.tenders)
        own = next(len(g.tenders) for g in groups if catalog.tenders[0] in g.tenders)
        sizes[tenders] = (_carried(nav, page), len(groups), own)
    (small, small_groups, small_own), (large, large_groups, large_own) = sizes[23], sizes[45]
    assert large - small == (large_groups - small_groups) + (large_own - small_own)  # group titles, own group
    assert large < 10 + large_groups + GROUP_SIZE + 16 + 10


def test_above_ten_groups_the_navigation_nests_them_in_ranges(tmp_path: Path):
    """111 tenders: 12 groups, shown in two ranges of six; every page still listed once."""
    catalog = load_catalog(synthetic(tmp_path / "c111", tenders=111, requirements=3))
    pages = build_pages(catalog)
    nav = navigation(catalog, pages)
    groups = tender_groups(catalog.tenders)
    assert len(groups) == 12
    ranges = _section(nav, "Aanbestedingen")[1:]
    assert [len(next(iter(r.values()))) for r in ranges] == [6, 6]
    first = [t for g in groups[:6] for t in g.tenders]
    assert next(iter(ranges[0])) == f"{first[0].region} ({first[0].code}) – {first[-1].region} ({first[-1].code})"
    assert [next(iter(g)) for r in ranges for g in next(iter(r.values()))] == [g.label for g in groups]
    assert sorted(_paths(nav)) == sorted(p.path for p in pages)
    comparison = _section(_section(nav, "Vergelijken"), COMPARISONS[0].title)
    assert len(comparison) == 1 + 2
    page = f"{catalog.tenders[0].id}/kpi.md"
    assert _carried(nav, page) < 10 + 2 + 6 + GROUP_SIZE + 16 + 10


def _tender(number: int) -> SimpleNamespace:
    return SimpleNamespace(id=f"t{number:04d}", region=f"Regio {number:04d}", code=f"C{number:04d}")


@pytest.mark.parametrize("tenders", [100, 101, 1000, 1001, 5000])
def test_nested_groups_never_show_more_than_ten_entries_per_level(tenders):
    groups = tender_groups([_tender(n) for n in range(tenders)])
    tree = nest(groups)
    levels, level = 1, tree
    while isinstance(level[0], GroupRange):
        assert all(len(part.parts) <= GROUP_SIZE for part in level)
        level = [child for part in level for child in part.parts]
        levels += 1
    assert level == groups, "the leaves are the groups, in order"
    assert len(tree) <= GROUP_SIZE
    assert levels == {100: 1, 101: 2, 1000: 2, 1001: 3, 5000: 3}[tenders]
    assert [t.id for part in tree for t in part.tenders] == [f"t{n:04d}" for n in range(tenders)]


def test_comparisons_have_a_page_per_group_with_a_column_per_tender_of_that_group(national):
    catalog, pages = national
    texts = {p.path: p.text for p in pages}
    groups = tender_groups(catalog.tenders)
    for spec in COMPARISONS:
        overview = texts[f"vergelijking/{spec.slug}.md"]
        for group in groups:
            assert f"]({spec.slug}/{group.slug}.md)" in overview
            page = texts[f"vergelijking/{spec.slug}/{group.slug}.md"]
            header = next(line for line in page.splitlines() if line.startswith("| Onderwerp |"))
            assert header.count("](../../") == len(group.tenders)
            for tender in group.tenders:
                assert f"](../../{tender.id}/index.md)" in header
    nav = _section(navigation(catalog, pages), "Vergelijken")
    assert nav[0] == {"Overzicht": "vergelijking/index.md"}


def test_tags_are_listed_per_group_by_opvang(national):
    catalog, pages = national
    tags = next(p.text for p in pages if p.path == "tags.md")
    assert "<!-- material/tags -->" not in tags
    assert "## Prestatie-indicatoren (KPI's)" in tags
    for tender in catalog.tenders:
        assert f"]({tender.id}/kpi.md)" in tags
        assert f"]({tender.id}/index.md)" in tags
    assert tags.count("### ") >= len(tender_groups(catalog.tenders))


def _sections(text: str) -> list[str]:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return _HEADING.split(body)


@pytest.mark.parametrize("which", ["national", "real"])
def test_no_section_of_a_generated_page_is_above_16_kib(national, which):
    """Markdown per heading, an upper bound of the text the search index holds for it."""
    pages = national[1] if which == "national" else build_pages(load_catalog(REAL_CATALOG))
    sizes = [(len(section.encode("utf-8")), page.path) for page in pages for section in _sections(page.text)]
    assert max(sizes) <= (SECTION_LIMIT, "~"), max(sizes)


def test_serve_drops_only_mkdocs_dirty_build_notice():
    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, message, None, None)

    notice = "A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other links"
    assert _no_dirty_notice(record(notice)) is False
    assert _no_dirty_notice(record("Doc file 'a.md' contains a link 'b.md', but the target is not found")) is True


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("aanbestedingen.md", "regio/index.md", "regio/index.md"),
        ("regio/kpi.md", "regio/kpi.md#R-KPI-01", "kpi.md#R-KPI-01"),
        ("regio/kpi.md", "andere/vog.md#A-VOG-01", "../andere/vog.md#A-VOG-01"),
        ("vergelijking/kpi/groep-01.md", "regio/index.md", "../../regio/index.md"),
        ("vergelijking/kpi.md", "vergelijking/kpi/groep-02.md", "kpi/groep-02.md"),
        ("regio/index.md", "regio/", "."),
        ("tags.md", "bestanden/catalogus.json", "bestanden/catalogus.json"),
    ],
)
def test_relative_links_without_the_file_system(source: str, target: str, expected: str):
    from generator.site.paths import rel

    assert rel(source, target) == expected
