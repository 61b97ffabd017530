"""Write the generated pages and downloads into ``docs/generated/`` and build the site with MkDocs.

The generated folder is written in full beside the old one and then swapped in, so a failed run
leaves the previous pages as they were and stale pages of removed tenders or categories disappear.
MkDocs runs in strict mode: every warning (a broken link or anchor, a page missing from the
navigation) fails the build with a Dutch message and exit code 1.

The page "Wat is er gewijzigd" compares the versions listed in ``versies.yaml`` of the catalog (or
the file given as *versions_file*); see :mod:`generator.site.versions`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.load import DEFAULT_ROOT, load_catalog
from generator.catalog.model import Catalog
from generator.diagnostics import InputError, Problem, ValidationFailed
from generator.lint import lint_catalog
from generator.render import catalog_export
from generator.site.assemble import build_pages, navigation
from generator.site.pages import GENERATED, Download, GlossaryEntry, Page, Report
from generator.site.versions import change_log, default_versions_file

PROJECT = Path(__file__).resolve().parents[2]
CONFIG_FILE = PROJECT / "mkdocs.yml"
CHECKLISTS = PROJECT / "checklists"
DEFAULT_REPORTS = PROJECT / "build" / "voorbeeld"
GLOSSARY_FILE = Path("includes") / "afkortingen.md"  # relative to docs/
_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<explanation>.+?)\s*$")
_H1 = re.compile(r"^#\s+(.+?)\s*(\{.*\})?\s*$")


@dataclass(frozen=True)
class Result:
    pages: int
    generated_seconds: float
    mkdocs_seconds: float
    site_dir: Path


def read_glossary(path: Path) -> list[GlossaryEntry]:
    """The ``*[TERM]: uitleg`` lines of the abbreviations file (also the tooltips on every page)."""
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ABBR.match(line)
        if match:
            entries.append(GlossaryEntry(match["term"].strip(), match["explanation"]))
    return entries


def _docs_dir(config_file: Path) -> Path:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(Problem(str(config_file), None, None, f"kan de siteconfiguratie niet lezen: {exc}")) from exc
    return (config_file.parent / str(data.get("docs_dir", "docs"))).resolve()


def handwritten_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """(title, path) of the hand-written top-level pages, home first, then by file name."""
    pages = []
    for path in sorted(docs_dir.glob("*.md")):
        title = path.stem.replace("-", " ").capitalize()
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _H1.match(line)
            if match:
                title = match.group(1)
                break
        pages.append((title, path.name))
    pages.sort(key=lambda item: (item[1] != "index.md", item[1]))
    return pages


def collect_files(
    catalog: Catalog, checklists: Path | None, reports: Path | None
) -> tuple[list[Download], list[Report], dict[str, bytes]]:
    """Downloads to link, reports to include, and the bytes of every file to copy (by docs path)."""
    files: dict[str, bytes] = {}
    downloads: list[Download] = []
    base = f"{GENERATED}/bestanden"
    labels = {"json": "catalogus.json", "csv": "catalogus.csv (Excel)", "xlsx": "catalogus.xlsx"}
    for fmt in ("json", "csv", "xlsx"):
        path = f"{base}/catalogus.{fmt}"
        files[path] = catalog_export.FORMATS[fmt](catalog)
        downloads.append(Download(path, labels[fmt], "catalog"))
    if checklists and checklists.is_dir():
        for tender in catalog.tenders:
            for suffix in ("xlsx", "yaml"):
                source = checklists / f"{tender.id}.{suffix}"
                if source.is_file():
                    path = f"{base}/checklists/{source.name}"
                    files[path] = source.read_bytes()
                    downloads.append(Download(path, f"checklist ({suffix.upper()})", "checklist", tender.id))
    report_pages: list[Report] = []
    if reports and reports.is_dir():
        for source in sorted(p for p in reports.iterdir() if p.is_file() and not p.name.startswith(".")):
            if source.suffix == ".md":
                report_pages.append(Report(source.name, source.read_text(encoding="utf-8")))
            else:
                path = f"{base}/voorbeeld/{source.name}"
                files[path] = source.read_bytes()
                downloads.append(Download(path, source.name, "voorbeeld"))
    return downloads, report_pages, files


def write_generated(docs_dir: Path, pages: list[Page], files: dict[str, bytes]) -> Path:
    """Write everything under ``docs/generated/`` in a fresh folder, then swap it in."""
    target = docs_dir / GENERATED
    staging = Path(tempfile.mkdtemp(prefix=".generated.", dir=docs_dir))
    try:
        for page in pages:
            _write(staging, page.path, page.text.encode("utf-8"))
        for path, data in sorted(files.items()):
            _write(staging, path, data)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".generated-old.", dir=docs_dir))
            os.replace(target, old / "generated")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _write(root: Path, relative: str, data: bytes) -> None:
    assert relative.startswith(f"{GENERATED}/")
    path = root / relative.removeprefix(f"{GENERATED}/")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.chmod(path, 0o644)


def catalog_root(catalog_path: Path) -> Path:
    """The folder with the tender folders (and metrics.yaml, versies.yaml) of *catalog_path*."""
    path = Path(catalog_path)
    if path.is_file():
        path = path.parent
    return path.parent if (path / "tender.yaml").is_file() else path


def generate(
    catalog_path: Path = DEFAULT_ROOT,
    config_file: Path = CONFIG_FILE,
    reports: Path | None = None,
    checklists: Path | None = CHECKLISTS,
    versions_file: Path | None = None,
) -> tuple[list[Page], list]:
    """Load the catalog, write docs/generated/ and return the pages and the navigation.

    *versions_file* lists the published versions (default: ``versies.yaml`` in the catalog root, if any).
    """
    catalog = load_catalog(catalog_path)
    docs_dir = _docs_dir(config_file)
    if not docs_dir.is_dir():
        raise InputError(Problem(str(docs_dir), None, None, "de map met pagina's (docs_dir) bestaat niet"))
    root = catalog_root(catalog_path)
    versions = versions_file if versions_file is not None else default_versions_file(root)
    changes = change_log(catalog, root, versions)
    downloads, report_pages, files = collect_files(catalog, checklists, reports)
    pages = build_pages(
        catalog,
        glossary=read_glossary(docs_dir / GLOSSARY_FILE),
        downloads=downloads,
        reports=report_pages,
        quality=lint_catalog(catalog),
        changes=changes,
    )
    write_generated(docs_dir, pages, files)
    return pages, navigation(catalog, pages, handwritten_pages(docs_dir))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, site_dir: Path, nav: list) -> None:
    """Build the site with MkDocs in strict mode; warnings become a Dutch error (exit 1)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.propagate, logger.level
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        try:
            config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir), nav=nav)
        except ConfigurationError as exc:
            raise InputError(Problem(str(config_file), None, None, f"siteconfiguratie ongeldig: {exc}")) from exc
        try:
            build(config)
        except (Abort, MkDocsException) as exc:
            problems = [Problem(str(config_file), None, None, f"MkDocs (strikte modus): {m}") for m in handler.messages]
            problems.append(
                Problem(
                    str(config_file),
                    None,
                    None,
                    f"de site is niet gebouwd: {len(handler.messages)} waarschuwing(en) in strikte modus ({exc})",
                )
            )
            raise ValidationFailed(problems) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate, _ = previous
        logger.setLevel(previous[1])


def build_site(
    catalog_path: Path = DEFAULT_ROOT,
    site_dir: Path = PROJECT / "site",
    config_file: Path = CONFIG_FILE,
    reports: Path | None = None,
    checklists: Path | None = CHECKLISTS,
    versions_file: Path | None = None,
) -> Result:
    """Generate the pages and build the site into *site_dir*."""
    start = time.perf_counter()
    pages, nav = generate(catalog_path, config_file, reports, checklists, versions_file)
    generated = time.perf_counter() - start
    run_mkdocs(config_file, Path(site_dir).resolve(), nav)
    return Result(len(pages), generated, time.perf_counter() - start - generated, Path(site_dir))


def serve_site(
    catalog_path: Path = DEFAULT_ROOT,
    config_file: Path = CONFIG_FILE,
    reports: Path | None = None,
    checklists: Path | None = CHECKLISTS,
    address: str = "127.0.0.1:8000",
    versions_file: Path | None = None,
) -> None:
    """Generate the pages and serve the site with MkDocs' development server (until Ctrl-C)."""
    _, nav = generate(catalog_path, config_file, reports, checklists, versions_file)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve

    serve(config_file=str(config_file), dev_addr=address, nav=nav, strict=True)
