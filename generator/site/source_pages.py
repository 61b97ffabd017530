"""The pages of the source documents on the site, and the link of every requirement's "Bron".

Reads the catalog's source documents (:mod:`generator.sources`), makes one page per document under
``bronnen/`` (the section "Bronnen" of the navigation) and gives, per requirement, the address of the
passage it quotes (``bronnen/<slug>.md#eis-<ID>``). A document that is missing gets no page and its
requirements no link; ``opvang validate`` warns about it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.catalog.model import Catalog, Requirement
from generator.site.markdown import html_text, yaml_string
from generator.site.pages import Page, tender_name

# Ranked in search below the requirements (boost 10 on their pages) and above the example reports: a
# word finds the requirement first, then the source text it comes from.
SOURCE_BOOST = "0.5"


def source_pages(catalog: Catalog, catalog_root: Path) -> tuple[Callable[[Requirement], str | None], list[Page]]:
    """The "Bron" link of each requirement, and one page per source document of *catalog*."""
    from generator.sources.library import load_sources, sources_folder
    from generator.sources.page import page_markdown, page_path, source_target

    sources = load_sources(catalog, sources_folder(catalog_root))
    titles = {tender.id: tender_name(tender) for tender in catalog.tenders}
    pages = []
    for source in sorted(sources.documents.values(), key=lambda s: s.title.casefold()):
        # MkDocs puts the title into the navigation and <title> as HTML (decoded once more): no tag can arise
        title = html_text(source.title.replace("<", "\u2039").replace(">", "\u203a"))
        front = f"---\ntitle: {yaml_string(title)}\nsearch:\n  boost: {SOURCE_BOOST}\n---\n\n"
        pages.append(Page(page_path(source), title, front + page_markdown(source, titles)))
    return (lambda req: source_target(sources, req)), pages
