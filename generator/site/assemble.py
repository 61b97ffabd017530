"""Every generated page of the site, in a fixed order, and the MkDocs navigation over them.

:func:`build_pages` returns the pages under ``docs/generated/`` as (relative path, title, Markdown
text): the catalog pages of :mod:`generator.site.pages`, a quality page per tender
(:mod:`generator.site.quality`) and, when a change log is given, "Wat is er gewijzigd"
(:mod:`generator.site.changes`). :func:`navigation` builds the ``nav`` from them. Both are pure
functions of their arguments; the lint reads its list of vague terms when no report is passed.
"""

from __future__ import annotations

from generator.catalog.model import CATEGORY_LABELS, Catalog
from generator.lint import LintReport, lint_catalog
from generator.site.changes import changes_page
from generator.site.pages import (
    CHANGES_PATH,
    CHANGES_TITLE,
    COMPARISONS,
    GENERATED,
    QUALITY_TITLE,
    Download,
    GlossaryEntry,
    Page,
    Report,
    by_category,
    category_path,
    comparison_index,
    comparison_page,
    downloads_page,
    glossary_page,
    quality_path,
    report_path,
    report_title,
    tags_page,
    tender_label,
    tender_pages,
    tender_path,
    tenders_index,
)
from generator.site.quality import quality_page, vague_targets
from generator.site.versions import ChangeLog


def build_pages(
    catalog: Catalog,
    *,
    glossary: list[GlossaryEntry] = (),
    downloads: list[Download] = (),
    reports: list[Report] = (),
    quality: LintReport | None = None,
    changes: ChangeLog | None = None,
) -> list[Page]:
    """All generated pages, in a fixed order (the catalog's).

    *quality* is the lint report of *catalog* (computed here when not given); *changes* adds the page
    "Wat is er gewijzigd" (without it there is no such page).
    """
    report = lint_catalog(catalog) if quality is None else quality
    vague = vague_targets(report, catalog)
    known = {r.id for r in catalog.requirements}
    downloads = [d for d in downloads if d.group != "checklist" or d.tender in {t.id for t in catalog.tenders}]
    pages = [tenders_index(catalog)]
    for tender in catalog.tenders:
        pages.extend(tender_pages(catalog, tender, known, downloads, report.tender(tender.id), vague))
        pages.append(quality_page(catalog, tender, report))
    pages.append(comparison_index(catalog))
    pages.extend(comparison_page(catalog, spec) for spec in COMPARISONS)
    if changes is not None:
        pages.append(changes_page(catalog, changes))
    pages.append(glossary_page(list(glossary)))
    pages.append(downloads_page(catalog, downloads, list(reports)))
    pages.append(tags_page())
    for report_page in sorted(reports, key=lambda r: r.name):
        pages.append(Page(report_path(report_page), report_title(report_page), report_page.text))
    return pages


def navigation(catalog: Catalog, pages: list[Page], handwritten: list[tuple[str, str]] = ()) -> list:
    """The MkDocs ``nav``: home, use, tenders (each with its quality page), comparisons, changes,
    glossary, tags, downloads, examples, the rest."""
    titles = {p.path: p.title for p in pages}
    nav: list = []
    hand = dict((path, title) for title, path in handwritten)
    if "index.md" in hand:
        nav.append({"Start": "index.md"})
    if "gebruik.md" in hand:
        nav.append({hand["gebruik.md"]: "gebruik.md"})
    tenders: list = [{"Overzicht": f"{GENERATED}/aanbestedingen.md"}]
    for tender in catalog.tenders:
        section: list = [{"Overzicht": tender_path(tender)}]
        for category in by_category(tender):
            section.append({CATEGORY_LABELS[category]: category_path(tender.id, category)})
        if quality_path(tender.id) in titles:
            section.append({QUALITY_TITLE: quality_path(tender.id)})
        tenders.append({tender_label(tender): section})
    nav.append({"Aanbestedingen": tenders})
    nav.append(
        {
            "Vergelijken": [{"Overzicht": f"{GENERATED}/vergelijking/index.md"}]
            + [{c.title: f"{GENERATED}/vergelijking/{c.slug}.md"} for c in COMPARISONS]
        }
    )
    if CHANGES_PATH in titles:
        nav.append({CHANGES_TITLE: CHANGES_PATH})
    nav.append({"Woordenlijst": f"{GENERATED}/woordenlijst.md"})
    nav.append({"Tags": f"{GENERATED}/tags.md"})
    nav.append({"Downloads": f"{GENERATED}/downloads.md"})
    reports = [p for p in pages if p.path.startswith(f"{GENERATED}/voorbeeldaanbieder/")]
    if reports:
        nav.append({"Voorbeeldaanbieder": [{titles[p.path]: p.path} for p in reports]})
    rest = [(title, path) for title, path in handwritten if path not in ("index.md", "gebruik.md")]
    nav.extend({title: path} for title, path in rest)
    return nav
