"""Where every generated page lives on the site, and which names are therefore taken.

The generated pages sit at the top of the staged ``docs/`` folder, so that their addresses are short
and clean: ``/aanbestedingen/``, ``/<aanbesteding>/vog/#NML-VOG-01``, ``/vergelijking/kpi/``. A tender
gets a folder named after its id, beside the folders and pages opvang makes itself (:data:`RESERVED`)
and the hand-written pages of the project. :func:`collisions` finds every id or hand-written page
that would land on the address of another page, so that the build can refuse it with a Dutch message
instead of publishing one page over another.

All paths are relative to ``docs/`` and use ``/``; a page path ends in ``.md``.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable

from generator.catalog.model import Catalog, Requirement, Tender
from generator.diagnostics import Problem

TENDERS_PATH = "aanbestedingen.md"
COMPARE_FOLDER = "vergelijking"
COMPARE_INDEX = f"{COMPARE_FOLDER}/index.md"
CHANGES_PATH = "wijzigingen.md"
GLOSSARY_PATH = "woordenlijst.md"
DOWNLOADS_PATH = "downloads.md"
TAGS_PATH = "tags.md"
COMMANDS_PATH = "opdrachtregel.md"
REPORTS_FOLDER = "voorbeeldaanbieder"
FILES_FOLDER = "bestanden"
SOURCES_FOLDER = "bronnen"  # the pages of the source documents (generator.sources), wired in by the build
QUALITY_SLUG = "kwaliteit-van-de-eisen"  # not a category slug: "kwaliteit" is the category quality
LEGACY_FOLDER = "generated"  # where older versions of opvang put the generated pages (docs/generated/)

# Names at the top of the site that opvang uses itself: its pages and folders, the shipped base
# (home page, stylesheet, abbreviations) and what MkDocs and Material write into the built site.
RESERVED: frozenset[str] = frozenset(
    {
        posixpath.splitext(TENDERS_PATH)[0],
        COMPARE_FOLDER,
        posixpath.splitext(CHANGES_PATH)[0],
        posixpath.splitext(GLOSSARY_PATH)[0],
        posixpath.splitext(DOWNLOADS_PATH)[0],
        posixpath.splitext(TAGS_PATH)[0],
        posixpath.splitext(COMMANDS_PATH)[0],
        REPORTS_FOLDER,
        FILES_FOLDER,
        SOURCES_FOLDER,
        LEGACY_FOLDER,
        "index",
        "includes",
        "stylesheets",
        "javascripts",
        "assets",
        "search",
        "404",
        "sitemap",
    }
)

CATEGORY_SLUGS: dict[str, str] = {
    "access": "toegang",
    "service": "dienstverlening",
    "quality": "kwaliteit",
    "staffing": "personeel",
    "vog": "vog",
    "kpi": "kpi",
    "timing": "termijnen",
    "reporting": "rapportage",
    "finance": "financien",
    "accommodation": "huisvesting",
    "cooperation": "samenwerking",
    "safety": "veiligheid",
    "governance": "bestuur",
    "development": "ontwikkeling",
}


def rel(source: str, target: str) -> str:
    """The relative link from page *source* to *target* (both relative to docs/; may carry #anchor).

    The same as :func:`posixpath.relpath` for these paths, without its two calls to ``os.getcwd()``
    (a site of 500 tenders makes about half a million links, most between the same few folders).
    """
    path, _, anchor = target.partition("#")
    out = _relative(posixpath.dirname(source), path)
    return out + ("#" + anchor if anchor else "")


@functools.lru_cache(maxsize=4096)
def _relative(folder: str, path: str) -> str:
    start = [part for part in folder.split("/") if part]
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") for part in (*start, *parts)):
        return posixpath.relpath(path, folder or ".")
    common = 0
    while common < min(len(start), len(parts)) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def tender_path(tender: Tender) -> str:
    return f"{tender.id}/index.md"


def category_path(tender_id: str, category: str) -> str:
    return f"{tender_id}/{CATEGORY_SLUGS[category]}.md"


def requirement_target(req: Requirement) -> str:
    return f"{category_path(req.tender, req.category)}#{req.id}"


def quality_path(tender_id: str) -> str:
    return f"{tender_id}/{QUALITY_SLUG}.md"


def comparison_path(slug: str) -> str:
    return f"{COMPARE_FOLDER}/{slug}.md"


def comparison_group_path(slug: str, group: str) -> str:
    """A comparison's page for one group of tenders (in a catalog of many tenders)."""
    return f"{COMPARE_FOLDER}/{slug}/{group}.md"


def report_path(name: str) -> str:
    """The page of an example report (a Markdown file of the example provider)."""
    return f"{REPORTS_FOLDER}/{name}"


def file_path(*parts: str) -> str:
    """A file copied into the site (a download)."""
    return posixpath.join(FILES_FOLDER, *parts)


def address(path: str) -> str:
    """The address of a docs file on the built site (``use_directory_urls``): ``a/b.md`` → ``a/b/``."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def collisions(catalog: Catalog, generated: Iterable[str], handwritten: Iterable[str]) -> list[Problem]:
    """Every tender id or hand-written file that would take the address of another page (in Dutch).

    *generated* are the docs paths of the generated pages and files, *handwritten* the docs paths of
    the project's own files (``docs/``, without the shared ``includes/`` and ``stylesheets/``).
    """
    problems: list[Problem] = []
    for tender in catalog.tenders:
        if tender.id in RESERVED:
            where = tender.location
            problems.append(
                Problem(
                    where.file if where else f"{tender.id}/tender.yaml",
                    where.line if where else None,
                    where.column if where else None,
                    f"de id '{tender.id}' van deze aanbesteding is ook het adres van een pagina of map die opvang "
                    f"zelf op de site zet (/{tender.id}/); geef de aanbesteding een andere id (en map), "
                    f"bijvoorbeeld '{tender.id}-{tender.code.lower()}'",
                    "$.id",
                    "SITE",
                )
            )
    taken = {address(path): path for path in generated}
    owned = {path.split("/", 1)[0] for path in generated if "/" in path}
    for path in sorted(handwritten):
        top = path.split("/", 1)[0]
        clash = taken.get(address(path))
        if clash is None and "/" in path and top in owned:
            clash = f"{top}/"
        if clash is not None:
            problems.append(
                Problem(
                    f"docs/{path}",
                    None,
                    None,
                    f"deze handgeschreven pagina komt op hetzelfde adres als een pagina die opvang maakt "
                    f"(/{address(clash) if clash.endswith('.md') else clash}); de map '{top}' en die pagina zijn "
                    "van opvang. Geef uw pagina een andere naam",
                    "",
                    "SITE",
                )
            )
    return problems
