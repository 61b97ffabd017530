"""Build the site: generate the pages, stage a complete MkDocs project, build it, swap it in.

Nothing is written into the project's own folders. Every build stages a fresh MkDocs project in a
temporary folder beside the output folder:

- ``docs/``: the base every site starts from (shipped with opvang: stylesheet, script, abbreviations,
  a home page), then the project's hand-written pages (``docs_dir`` of its ``mkdocs.yml``) on top,
  then the generated pages and downloads, at the top of the folder (clean addresses such as
  ``/aanbestedingen/``; see :mod:`generator.site.paths`, which also refuses a tender id or a
  hand-written page that would take the address of another page);
- ``mkdocs.yml``: the project's configuration (or the shipped base one), with ``docs_dir``,
  ``site_dir``, the navigation and the snippet folder filled in as plain values, so that MkDocs or
  another engine can build the staged folder as it is (``opvang site build --alleen-paginas MAP``).

MkDocs builds it in strict mode: every warning (a broken link or anchor, a page missing from the
navigation) fails the build with a Dutch message and exit code 1. Only a successful build replaces
the output folder, and only an output folder that is new, empty or built by opvang before (it holds
the marker file ``.opvang-site``): a folder with other work in it is refused (exit 2).

Every site has a Dutch footer: a configuration without its own ``copyright`` gets opvang's, and
Material's English "Made with" line is off unless ``extra.generator`` says otherwise. A palette of
one colour scheme written as a list becomes a mapping (a list puts a hidden radio button in the Tab
order), and every site gets opvang's accessibility script (``javascripts/toegankelijkheid.js``).

The status of each tender is judged on a reference date (default today), so that the same catalog
and date give the same pages.

The page "Wat is er gewijzigd" compares the versions listed in ``versies.yaml`` of the catalog (or
the file given as *versions_file*); see :mod:`generator.site.versions`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator import resources
from generator.catalog.load import display_path, load_catalog
from generator.catalog.model import Catalog
from generator.diagnostics import InputError, Problem, ValidationFailed
from generator.lint import lint_catalog
from generator.render import catalog_export
from generator.site import background, parallel, paths
from generator.site.assemble import USAGE_PAGE, build_pages, navigation
from generator.site.pages import Download, GlossaryEntry, Page, Report, SourceLink
from generator.site.source_pages import source_pages
from generator.site.versions import change_log, default_versions_file

if TYPE_CHECKING:
    import click

MARKER = ".opvang-site"
MARKER_TEXT = "Deze map is gebouwd door 'opvang site build'; opvang mag haar bij een nieuwe bouw vervangen.\n"
GLOSSARY_FILE = Path("includes") / "afkortingen.md"  # relative to docs/
STAGED_CONFIG = "mkdocs.yml"
_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<explanation>.+?)\s*$")
_H1 = re.compile(r"^#\s+(.+?)\s*(\{.*\})?\s*$")
_BASE_CSS = ("stylesheets/extra.css", "stylesheets/bronnen.css")
_BASE_JS = ("javascripts/bronnen.js", "javascripts/toegankelijkheid.js")
_SHARED = ("includes", "stylesheets")  # folders the project's docs share with the base (not pages)
# Every site is Dutch: a configuration that does not say otherwise gets a Dutch footer (no "Made with").
COPYRIGHT = "Deze site is gemaakt met opvang uit de eisencatalogus; elke eis noemt het document waar hij uit komt."


@dataclass(frozen=True)
class Result:
    pages: int
    generated_seconds: float
    mkdocs_seconds: float
    site_dir: Path


@dataclass(frozen=True)
class Generated:
    """Everything a build stages: the catalog, its pages, the files to copy and the navigation."""

    catalog: Catalog
    pages: list[Page]
    files: dict[str, bytes | background.Pending]  # Pending: still being made (generate(wait=False))
    nav: list

    def late(self) -> dict[str, background.Pending]:
        """The files still being made, by docs path."""
        return {path: data for path, data in self.files.items() if isinstance(data, background.Pending)}


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


def read_config(config_file: Path) -> dict:
    """The MkDocs configuration as plain data (tags such as ``!ENV`` or ``!relative`` read as None)."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(Problem(str(config_file), None, None, f"kan de siteconfiguratie niet lezen: {exc}")) from exc
    if not isinstance(data, dict):
        raise InputError(Problem(str(config_file), 1, 1, "de siteconfiguratie is geen blok met instellingen"))
    return data


def project_docs(config_file: Path | None) -> Path | None:
    """The hand-written pages of the project (``docs_dir`` of its configuration), if any."""
    if config_file is None:
        return None
    docs = (config_file.parent / str(read_config(config_file).get("docs_dir", "docs"))).resolve()
    return docs if docs.is_dir() else None


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
    catalog: Catalog,
    checklists: Path | None,
    reports: Path | None,
    made: Mapping[str, background.Pending] | None = None,
) -> tuple[list[Download], list[Report], dict[str, bytes | background.Pending]]:
    """Downloads to link, reports to include, and the bytes of every file to copy (by docs path).

    *made* holds catalog exports already under way (by format, see :mod:`generator.site.background`);
    their place in the files is that export, to be waited for with :func:`ready`.
    """
    files: dict[str, bytes | background.Pending] = {}
    downloads: list[Download] = []
    base = paths.FILES_FOLDER
    labels = {"json": "catalogus.json", "csv": "catalogus.csv (Excel)", "xlsx": "catalogus.xlsx"}
    for fmt in ("json", "csv", "xlsx"):
        path = f"{base}/catalogus.{fmt}"
        files[path] = made[fmt] if made and fmt in made else catalog_export.FORMATS[fmt](catalog)
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


def ready(files: Mapping[str, bytes | background.Pending]) -> dict[str, bytes]:
    """*files* with every export under way waited for (same order)."""
    return {path: data.result() if isinstance(data, background.Pending) else data for path, data in files.items()}


def catalog_root(catalog_path: Path) -> Path:
    """The folder with the tender folders (and metrics.yaml, versies.yaml) of *catalog_path*."""
    path = Path(catalog_path)
    if path.is_file():
        path = path.parent
    return path.parent if (path / "tender.yaml").is_file() else path


def _base_docs() -> Path:
    return resources.site_base() / "docs"


def project_files(docs: Path | None) -> list[str]:
    """The docs paths of the project's own files that become pages or files of the site.

    Left out: hidden files, the folders shared with the base (``includes/``, ``stylesheets/``) and
    ``generated/``, where older versions of opvang wrote the generated pages (never copied).
    """
    if docs is None:
        return []
    out = []
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and not hidden and relative.parts[0] not in (*_SHARED, paths.LEGACY_FOLDER):
            out.append(relative.as_posix())
    return out


def generate(
    catalog_path: Path,
    config_file: Path | None = None,
    reports: Path | None = None,
    checklists: Path | None = None,
    versions_file: Path | None = None,
    title: str | None = None,
    reference: dt.date | None = None,
    commands: click.Command | None = None,
    source_link: SourceLink | None = None,
    extra_pages: tuple[Page, ...] = (),
    fork: bool = False,
    wait: bool = True,
) -> Generated:
    """Load the catalog and make every page, download and the navigation (writes nothing).

    *versions_file* lists the published versions (default: ``versies.yaml`` in the catalog root, if any);
    *reference* is the date the tenders' status is judged on (default today); *commands* is the command
    line's root command, for the page "Alle commando's"; *source_link* and *extra_pages* (e.g. the pages
    of the source documents under ``bronnen/``) come from :mod:`generator.sources`. A tender id or a
    hand-written page that would land on the address of another page is refused
    (:class:`ValidationFailed`, in Dutch). With *fork*, the spreadsheet of a large catalog is made in a
    forked process meanwhile (only from a process without other threads; see
    :mod:`generator.site.background`). Without *wait* it may still be under way when this returns (in
    :attr:`Generated.files` as a :class:`~generator.site.background.Pending`): the caller waits for it,
    or closes it.
    """
    catalog = load_catalog(catalog_path, title)
    xlsx = background.start(catalog_export.FORMATS["xlsx"], catalog, size=len(catalog.requirements), fork=fork)
    try:
        docs = project_docs(config_file)
        root = catalog_root(catalog_path)
        if source_link is None and not extra_pages:
            source_link, sources = source_pages(catalog, root)
            extra_pages = tuple(sources)
        versions = versions_file if versions_file is not None else default_versions_file(root)
        changes = change_log(catalog, root, versions)
        downloads, report_pages, made = collect_files(catalog, checklists, reports, {"xlsx": xlsx})
        own_glossary = docs / GLOSSARY_FILE if docs else None
        glossary_file = own_glossary if own_glossary and own_glossary.is_file() else _base_docs() / GLOSSARY_FILE
        hand = {path: title for title, path in handwritten_pages(_base_docs())}
        if docs is not None:
            hand.update({path: title for title, path in handwritten_pages(docs)})
        pages = build_pages(
            catalog,
            glossary=read_glossary(glossary_file),
            downloads=downloads,
            reports=report_pages,
            quality=lint_catalog(catalog),
            changes=changes,
            reference=reference or dt.date.today(),
            source_link=source_link,
            commands=commands,
            commands_intro=USAGE_PAGE if USAGE_PAGE in hand else None,
        ) + list(extra_pages)
        problems = paths.collisions(catalog, [p.path for p in pages] + list(made), project_files(docs))
        if problems:
            raise ValidationFailed(problems)
        ordered = sorted(((title, path) for path, title in hand.items()), key=lambda i: (i[1] != "index.md", i[1]))
        return Generated(catalog, pages, ready(made) if wait else dict(made), navigation(catalog, pages, ordered))
    except BaseException:
        xlsx.close()  # no longer wanted (after waiting for it, closing does nothing)
        raise


def stage(generated: Generated, target: Path, config_file: Path | None, site_dir: Path) -> Path:
    """Write a complete MkDocs project into the empty folder *target*; return its configuration file."""
    docs = target / "docs"
    shutil.copytree(_base_docs(), docs)
    own = project_docs(config_file)
    if own is not None:
        shutil.copytree(own, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns(paths.LEGACY_FOLDER, ".*"))
    for page in generated.pages:
        _write(docs, page.path, page.text.encode("utf-8"))
    for path, data in sorted(generated.files.items()):
        _write(docs, path, data if isinstance(data, bytes) else b"")  # a file still being made: see write_late
    config = _staged_config(config_file, docs, site_dir, generated)
    staged = target / STAGED_CONFIG
    staged.write_text(
        "# Gemaakt door opvang site build: een complete MkDocs-configuratie voor de map docs/ hiernaast.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    return staged


def _staged_config(config_file: Path | None, docs: Path, site_dir: Path, generated: Generated) -> dict:
    base = read_config(resources.site_base() / "mkdocs.yml")
    config = read_config(config_file) if config_file is not None else dict(base)
    if config_file is None and generated.catalog.title:
        config["site_name"] = generated.catalog.title
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site_dir)
    config["nav"] = generated.nav
    config["extra_css"] = list(dict.fromkeys([*(config.get("extra_css") or []), *_BASE_CSS]))
    config["extra_javascript"] = list(dict.fromkeys([*(config.get("extra_javascript") or []), *_BASE_JS]))
    config.setdefault("copyright", COPYRIGHT)
    extra = dict(config.get("extra") or {})
    extra.setdefault("generator", False)
    config["extra"] = extra
    config["theme"] = _single_palette(config.get("theme"))
    config["markdown_extensions"] = [
        _with_snippet_folder(entry, docs / "includes") for entry in config.get("markdown_extensions") or []
    ]
    return config


def _single_palette(theme: object) -> object:
    """The theme with a palette of one scheme as a mapping, the same colours.

    Material writes a palette *list* as a colour switch: for a list of one, an invisible radio button
    inside ``aria-hidden`` that the Tab key still reaches (older ``opvang init`` projects have one).
    """
    if isinstance(theme, dict) and isinstance(theme.get("palette"), list) and len(theme["palette"]) == 1:
        [scheme] = theme["palette"]
        if isinstance(scheme, dict) and "toggle" not in scheme:
            return {**theme, "palette": dict(scheme)}
    return theme


def _with_snippet_folder(entry: object, includes: Path) -> object:
    """The snippets extension with its folder as a plain absolute path (no ``!relative`` tag needed)."""
    if isinstance(entry, dict) and "pymdownx.snippets" in entry:
        options = dict(entry["pymdownx.snippets"] or {})
        options["base_path"] = [str(includes)]
        return {"pymdownx.snippets": options}
    return entry


def write_late(generated: Generated, docs: Path) -> None:
    """Wait for the files still being made and write them into the staged *docs* (over their placeholders)."""
    for path, pending in generated.late().items():
        _write(docs, path, pending.result())


def close_late(generated: Generated) -> None:
    """Stop making the files no longer wanted (after an error)."""
    for pending in generated.late().values():
        pending.close()


def _write(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.chmod(path, 0o644)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, workers: int | None = None, before_copy: Callable[[], None] | None = None) -> None:
    """Build the staged project with MkDocs in strict mode; warnings become a Dutch error (exit 1).

    A large site is converted and rendered by *workers* processes (default: one per core, see
    :mod:`generator.site.parallel`), with the same output and messages as MkDocs in one process;
    Python-Markdown skips inline patterns that cannot match (:mod:`generator.site.fastinline`), splits
    table rows quicker (:mod:`generator.site.fasttables`) and reads the abbreviations once, not under
    every page (:mod:`generator.site.fastabbr`); Material's search index reads the pages with a faster
    parser (:mod:`generator.site.fastsearch`). Each gives the same pages as MkDocs without it.
    *before_copy* is called before MkDocs copies the files of docs/ that are not pages (a parallel build
    converts the pages first; see :func:`write_late`).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    from generator.site import fastabbr, fastsearch
    from generator.site.fastinline import FastInlineExtension
    from generator.site.fasttables import FastTablesExtension

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.propagate, logger.level
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        try:
            config = load_config(config_file=str(config_file), strict=True)
        except ConfigurationError as exc:
            raise InputError(Problem(str(config_file), None, None, f"siteconfiguratie ongeldig: {exc}")) from exc
        config["markdown_extensions"].append(FastInlineExtension())  # the same HTML, sooner
        config["markdown_extensions"].append(FastTablesExtension())  # the same tables, sooner
        glossary = fastabbr.take_over(config)  # the same abbreviations, read once
        if glossary is not None:
            config["markdown_extensions"].append(glossary)
        config["markdown_extensions"].append(fastabbr.FastAbbrExtension())  # the same <abbr>, sooner
        fastsearch.install(config)  # the same search index, sooner
        workers = parallel.worker_count() if workers is None else workers
        pages = sum(1 for _ in Path(config.docs_dir).rglob("*.md"))
        try:
            if parallel.usable(config, pages, workers):
                parallel.build(config, workers, before_copy)
            else:
                if before_copy is not None:
                    before_copy()
                build(config)
        except (Abort, MkDocsException) as exc:
            problems = [Problem("mkdocs.yml", None, None, f"MkDocs (strikte modus): {m}") for m in handler.messages]
            if any(f"'{paths.LEGACY_FOLDER}/" in m for m in handler.messages):
                problems.append(
                    Problem(
                        "mkdocs.yml",
                        None,
                        None,
                        f"de gemaakte pagina's staan niet meer onder {paths.LEGACY_FOLDER}/, maar bovenaan de site: "
                        f"haal '{paths.LEGACY_FOLDER}/' uit de links in uw eigen pagina's (bijvoorbeeld "
                        f"{paths.LEGACY_FOLDER}/aanbestedingen.md wordt aanbestedingen.md)",
                    )
                )
            problems.append(
                Problem(
                    "mkdocs.yml",
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


def check_output(site_dir: Path) -> None:
    """Refuse an output folder that holds other work: it must be new, empty, or built by opvang."""
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        raise InputError(
            Problem(str(site_dir), None, None, "dit is geen map; kies met -o een (nieuwe) map voor de site")
        )
    if not site_dir.is_dir() or (site_dir / MARKER).is_file():
        return
    if any(site_dir.iterdir()):
        raise InputError(
            Problem(
                str(site_dir),
                None,
                None,
                "deze map bestaat al en is niet door opvang gebouwd; opvang vervangt alleen een map die het zelf "
                "gebouwd heeft. Kies met -o een nieuwe of lege map (er is niets gewijzigd)",
            )
        )


def _swap_in(built: Path, site_dir: Path) -> None:
    """Replace *site_dir* by *built* (same file system); the old site is removed only afterwards."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if not site_dir.exists():
        os.replace(built, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-oud.", dir=site_dir.parent))
    os.replace(site_dir, old / "site")
    try:
        os.replace(built, site_dir)
    except OSError:
        os.replace(old / "site", site_dir)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    catalog_path: Path,
    site_dir: Path,
    config_file: Path | None = None,
    reports: Path | None = None,
    checklists: Path | None = None,
    versions_file: Path | None = None,
    title: str | None = None,
    pages_only: bool = False,
    reference: dt.date | None = None,
    commands: click.Command | None = None,
) -> Result:
    """Generate the pages and build the site into *site_dir* (see the module docstring).

    With *pages_only*, *site_dir* receives the staged MkDocs project itself (``mkdocs.yml`` and
    ``docs/``) instead of the built site, for building with another engine.
    """
    site_dir = Path(site_dir).resolve()
    check_output(site_dir)
    start = time.perf_counter()
    # The spreadsheet of a large catalog may still be under way when the pages are made: MkDocs starts
    # converting them meanwhile, and the spreadsheet is written into docs/ before MkDocs copies it.
    generated = generate(
        catalog_path, config_file, reports, checklists, versions_file, title, reference, commands, fork=True, wait=False
    )
    seconds = time.perf_counter() - start
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".opvang-bouw.", dir=site_dir.parent) as tmp:
            staging = Path(tmp)
            if pages_only:
                project = staging / "project"
                project.mkdir()
                stage(generated, project, config_file, site_dir / "site")
                write_late(generated, project / "docs")
                project.joinpath(MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                _relocate(project, site_dir)
                _swap_in(project, site_dir)
                return Result(len(generated.pages), seconds, 0.0, site_dir)
            config = stage(generated, staging / "project", config_file, staging / "site")
            run_mkdocs(config, before_copy=lambda: write_late(generated, staging / "project" / "docs"))
            (staging / "site" / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            _swap_in(staging / "site", site_dir)
    finally:
        close_late(generated)
    return Result(len(generated.pages), seconds, time.perf_counter() - start - seconds, site_dir)


def _relocate(project: Path, final: Path) -> None:
    """Point the staged configuration at the folder it will live in (its docs/ and site/)."""
    config_path = project / STAGED_CONFIG
    config = read_config(config_path)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["markdown_extensions"] = [
        _with_snippet_folder(e, final / "docs" / "includes") for e in config.get("markdown_extensions") or []
    ]
    header = config_path.read_text(encoding="utf-8").splitlines()[0]
    config_path.write_text(
        header + "\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


def serve_site(
    catalog_path: Path,
    config_file: Path | None = None,
    reports: Path | None = None,
    checklists: Path | None = None,
    address: str = "127.0.0.1:8000",
    versions_file: Path | None = None,
    title: str | None = None,
    reference: dt.date | None = None,
    commands: click.Command | None = None,
) -> None:
    """Serve the site with MkDocs' development server (until Ctrl-C), rebuilding what changed.

    A watcher regenerates the pages when a catalog file (or a hand-written page) changes and rewrites
    only the pages whose text changed; MkDocs then rebuilds just those pages (its dirty mode).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve

    with tempfile.TemporaryDirectory(prefix="opvang-serve.") as tmp:
        staging = Path(tmp)
        generated = generate(catalog_path, config_file, reports, checklists, versions_file, title, reference, commands)
        config = stage(generated, staging / "project", config_file, staging / "site")
        docs = staging / "project" / "docs"
        watched = [catalog_root(catalog_path)] + [p for p in [project_docs(config_file)] if p is not None]
        stop = threading.Event()

        def regenerate() -> None:
            fresh = generate(catalog_path, config_file, reports, checklists, versions_file, title, reference, commands)
            for page in fresh.pages:
                target = docs / page.path
                data = page.text.encode("utf-8")
                if not target.is_file() or target.read_bytes() != data:
                    _write(docs, page.path, data)

        watcher = threading.Thread(target=_watch, args=(watched, regenerate, stop), daemon=True)
        watcher.start()
        # MkDocs warns on every dirty build that links may be inaccurate; in strict mode that warning alone
        # would abort the server. Only that notice is dropped: every other warning still counts.
        build_logger = logging.getLogger("mkdocs.commands.build")
        build_logger.addFilter(_no_dirty_notice)
        try:
            serve(config_file=str(config), dev_addr=address, livereload=True, build_type="dirty", strict=True)
        finally:
            stop.set()
            build_logger.removeFilter(_no_dirty_notice)


def _no_dirty_notice(record: logging.LogRecord) -> bool:
    """False for MkDocs' notice that a dirty build is being performed (see :func:`serve_site`)."""
    return "'dirty' build is being performed" not in record.getMessage()


def _snapshot(folders: list[Path]) -> dict[str, float]:
    state = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                state[str(path)] = path.stat().st_mtime
    return state


def _watch(folders: list[Path], regenerate, stop: threading.Event, interval: float = 1.0) -> None:
    """Call *regenerate* whenever a file under *folders* changes (polling; no extra dependency)."""
    seen = _snapshot(folders)
    while not stop.wait(interval):
        now = _snapshot(folders)
        if now != seen:
            seen = now
            try:
                regenerate()
            except InputError as exc:  # a catalog mid-edit: say what is wrong, keep serving the last pages
                for problem in exc.problems:
                    logging.getLogger("mkdocs").warning(problem.format())


__all__ = [
    "MARKER",
    "Generated",
    "Result",
    "build_site",
    "catalog_root",
    "check_output",
    "collect_files",
    "display_path",
    "generate",
    "handwritten_pages",
    "read_glossary",
    "serve_site",
    "stage",
]
