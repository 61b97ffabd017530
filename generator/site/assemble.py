"""Every generated page of the site, in a fixed order, and the MkDocs navigation over them.

:func:`build_pages` returns the generated pages (path relative to ``docs/``, title, Markdown text):
the catalog pages of :mod:`generator.site.pages`, a quality page per tender
(:mod:`generator.site.quality`), when a change log is given "Wat is er gewijzigd"
(:mod:`generator.site.changes`) and, when the command line passes its root command, "Alle
commando's" (:mod:`generator.site.commands`). :func:`navigation` builds the ``nav`` from them: what a
reader looks up first (requirements, comparisons, sources, glossary), then downloads and examples,
and the pages about the site and the program under "Over deze site". A catalog of more tenders than
fit in one group (:mod:`generator.site.grouping`) gets a navigation section and comparison pages per
group, so that a page's navigation (pruned by Material) and its search sections stay small. Both are pure functions of
their arguments; the lint reads its list of vague terms when no report is passed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING

from generator.catalog.model import CATEGORY_LABELS, Catalog, Tender
from generator.lint import LintReport, lint_catalog
from generator.site.changes import changes_page
from generator.site.grouping import GroupRange, TenderGroup, is_grouped, nest, tender_groups
from generator.site.markdown import html_text
from generator.site.pages import (
    CHANGES_TITLE,
    COMPARISONS,
    QUALITY_TITLE,
    Download,
    GlossaryEntry,
    Page,
    Report,
    SourceLink,
    by_category,
    comparison_groups_page,
    comparison_index,
    comparison_page,
    downloads_page,
    glossary_page,
    report_page,
    tags_page,
    tender_label,
    tender_pages,
    tenders_index,
)
from generator.site.paths import (
    CHANGES_PATH,
    COMMANDS_PATH,
    COMPARE_INDEX,
    DOWNLOADS_PATH,
    GLOSSARY_PATH,
    REPORTS_FOLDER,
    SOURCES_FOLDER,
    TAGS_PATH,
    TENDERS_PATH,
    category_path,
    comparison_group_path,
    comparison_path,
    quality_path,
    tender_path,
)
from generator.site.quality import quality_page, vague_targets
from generator.site.status import tender_status
from generator.site.versions import ChangeLog

if TYPE_CHECKING:
    import click

ABOUT_TITLE = "Over deze site"
SOURCES_TITLE = "Bronnen"
# The pages under "Over deze site" that come first, in this order; other hand-written pages follow
# by file name. The home page (index.md) is never among them.
ABOUT_ORDER: tuple[str, ...] = (CHANGES_PATH, "gebruik.md", COMMANDS_PATH, "bestandsformaten.md", "privacy.md")
USAGE_PAGE = "gebruik.md"  # the hand-written introduction to the command line, if the project has one


def build_pages(
    catalog: Catalog,
    *,
    glossary: list[GlossaryEntry] = (),
    downloads: list[Download] = (),
    reports: list[Report] = (),
    quality: LintReport | None = None,
    changes: ChangeLog | None = None,
    reference: dt.date | None = None,
    source_link: SourceLink | None = None,
    commands: click.Command | None = None,
    commands_intro: str | None = None,
) -> list[Page]:
    """All generated pages, in a fixed order (the catalog's).

    *quality* is the lint report of *catalog* (computed here when not given); *changes* adds the page
    "Wat is er gewijzigd" (without it there is no such page); *reference* (the reference date) adds
    each tender's status; *source_link* makes each requirement's "Bron" a link to the passage it quotes
    (see :mod:`generator.sources`); *commands* (the command line's root command) adds "Alle
    commando's", linked to the hand-written introduction *commands_intro* when given.
    """
    report = lint_catalog(catalog) if quality is None else quality
    vague = vague_targets(report, catalog)
    by_id = {r.id: r for r in catalog.requirements}  # built once: every quality page links into it
    known = set(by_id)
    downloads = [d for d in downloads if d.group != "checklist" or d.tender in {t.id for t in catalog.tenders}]
    states = {t.id: tender_status(t, reference) for t in catalog.tenders} if reference else {}
    pages = [tenders_index(catalog, states)]
    for tender in catalog.tenders:
        pages.extend(
            tender_pages(
                catalog,
                tender,
                known,
                downloads,
                report.tender(tender.id),
                vague,
                states.get(tender.id),
                source_link,
            )
        )
        pages.append(quality_page(catalog, tender, report, by_id))
    pages.append(comparison_index(catalog))
    if is_grouped(catalog.tenders):
        groups = tender_groups(catalog.tenders)
        for spec in COMPARISONS:
            pages.append(comparison_groups_page(spec, groups))
            pages.extend(comparison_page(catalog, spec, group) for group in groups)
    else:
        pages.extend(comparison_page(catalog, spec) for spec in COMPARISONS)
    if changes is not None:
        pages.append(changes_page(catalog, changes))
    pages.append(glossary_page(list(glossary)))
    pages.append(downloads_page(catalog, downloads, list(reports)))
    pages.append(tags_page(catalog))
    pages.extend(report_page(r) for r in sorted(reports, key=lambda r: r.name))
    if commands is not None:
        from generator.site.commands import commands_page

        pages.append(commands_page(commands, introduction=commands_intro))
    return pages


def _tender_section(tender: Tender, titles: dict[str, str]) -> dict:
    """The navigation of one tender: its overview, its categories and its quality page."""
    section: list = [{"Overzicht": tender_path(tender)}]
    for category in by_category(tender):
        section.append({CATEGORY_LABELS[category]: category_path(tender.id, category)})
    if quality_path(tender.id) in titles:
        section.append({QUALITY_TITLE: quality_path(tender.id)})
    return {tender_label(tender): section}


def _grouped(parts: list[TenderGroup | GroupRange], entry: Callable[[TenderGroup], list | str]) -> list:
    """Navigation entries for *parts*: a group gives *entry*, a range of groups a section of its parts."""
    return [
        {html_text(part.label): _grouped(list(part.parts), entry) if isinstance(part, GroupRange) else entry(part)}
        for part in parts
    ]


def navigation(catalog: Catalog, pages: list[Page], handwritten: list[tuple[str, str]] = ()) -> list:
    """The MkDocs ``nav`` (see the module docstring).

    *handwritten* are (title, path) of the project's own top-level pages. Pages under ``bronnen/``
    (the source documents, made by :mod:`generator.sources`) form the section "Bronnen", in the
    order of *pages* with an index page first.
    """
    titles = {p.path: p.title for p in pages}
    hand = {path: title for title, path in handwritten}
    nav: list = []
    if "index.md" in hand:
        nav.append({"Start": "index.md"})
    tenders: list = [{"Overzicht": TENDERS_PATH}]
    comparisons: list = [{"Overzicht": COMPARE_INDEX}]
    if is_grouped(catalog.tenders):  # a section per group: each page carries its own group only (pruned)
        groups = nest(tender_groups(catalog.tenders))
        tenders.extend(_grouped(groups, lambda g: [_tender_section(t, titles) for t in g.tenders]))
        for c in COMPARISONS:
            per_group = _grouped(groups, lambda g, slug=c.slug: comparison_group_path(slug, g.slug))
            comparisons.append({c.title: [{"Overzicht": comparison_path(c.slug)}, *per_group]})
    else:
        tenders.extend(_tender_section(tender, titles) for tender in catalog.tenders)
        comparisons.extend({c.title: comparison_path(c.slug)} for c in COMPARISONS)
    nav.append({"Aanbestedingen": tenders})
    nav.append({"Vergelijken": comparisons})
    sources = [p for p in pages if p.path.startswith(f"{SOURCES_FOLDER}/")]
    if sources:
        sources.sort(key=lambda p: posixpath.basename(p.path) != "index.md")
        nav.append({SOURCES_TITLE: [{p.title: p.path} for p in sources]})
    nav.append({"Woordenlijst": GLOSSARY_PATH})
    nav.append({"Downloads": DOWNLOADS_PATH})
    reports = [p for p in pages if p.path.startswith(f"{REPORTS_FOLDER}/")]
    if reports:
        nav.append({"Voorbeeldaanbieder": [{p.title: p.path} for p in reports]})
    nav.append({"Tags": TAGS_PATH})
    about = {path: title for path, title in hand.items() if path != "index.md"}
    for path, title in ((CHANGES_PATH, CHANGES_TITLE), (COMMANDS_PATH, titles.get(COMMANDS_PATH))):
        if path in titles:
            about[path] = title
    if about:
        order = sorted(about, key=lambda p: (ABOUT_ORDER.index(p) if p in ABOUT_ORDER else len(ABOUT_ORDER), p))
        nav.append({ABOUT_TITLE: [{about[path]: path} for path in order]})
    return nav
