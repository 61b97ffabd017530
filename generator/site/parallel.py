"""A full MkDocs build that converts and renders the pages in worker processes (same bytes as MkDocs).

MkDocs builds every page in one process; at hundreds of tenders (thousands of pages) that is most of
the site build. :func:`build` follows ``mkdocs.commands.build.build`` of MkDocs 1.6 (pinned) step by
step, with the two expensive loops spread over forked worker processes:

1. reading each page and its ``page_markdown`` events stay in this process (cheap; the tags plugin
   collects its tags here);
2. converting Markdown to HTML (``Page.render`` and the ``page_content`` events) runs in the workers,
   which send back what the rest of the build reads: the HTML, the table of contents, the title, the
   anchors a page has and the anchors it links to;
3. the theme templates, the static files and the anchor check run here, as in MkDocs;
4. rendering each page with the theme and writing it (``_build_page``) runs in the workers, which
   send back the search plugin's entries of their pages; they are added in the order of the pages, so
   the search index is the same as that of a build in one process.

Every log record of a worker is sent back with its page and logged here, page by page in the order of
a build in one process (the reading of a page, then its conversion), so strict mode counts exactly the
same warnings and the messages read the same. An error stops the build at the same page as MkDocs
would: the pages before it are logged, and the failing step is repeated here to raise the same error.

Used only when it pays and is safe: a full build (no ``dirty``, no server), a platform with ``fork``,
more than one core, at least :data:`MIN_PAGES` pages, and only plugins whose page events are known to
keep no state across pages (Material's search and tags); otherwise MkDocs' own build runs.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

MIN_PAGES = 400  # below this a build in one process is about as fast (forking and sending cost too)
MAX_WORKERS = 4
_CHUNK = 8  # pages per task: small enough to balance heavy pages, large enough to keep sending cheap
# Plugins (by class) whose page events may run in a worker: they keep no state across pages, except
# the search index, whose entries are sent back (see _build_chunk).
_SAFE_PAGE_PLUGINS = {
    "material.plugins.search.plugin.SearchPlugin",
    "material.plugins.tags.plugin.TagsPlugin",
    "mkdocs.contrib.search.SearchPlugin",
}
_WORKER_EVENTS = ("page_content", "page_context", "post_page")


def worker_count() -> int:
    """How many workers this machine can use (its cores available to this process), at most MAX_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def usable(config: MkDocsConfig, pages: int, workers: int) -> bool:
    """Whether a build of *pages* pages with *workers* workers can run in parallel (see the module)."""
    if workers < 2 or pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return False
    for event in _WORKER_EVENTS:
        for method in config.plugins.events.get(event, []):
            owner = getattr(method, "__self__", None)
            name = f"{type(owner).__module__}.{type(owner).__qualname__}" if owner is not None else ""
            if name not in _SAFE_PAGE_PLUGINS:
                return False
    return True


# --- log records of a step, kept to be logged later ----------------------------------------------


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(
            logging.makeLogRecord(
                {
                    "name": record.name,
                    "levelno": record.levelno,
                    "levelname": record.levelname,
                    "msg": record.getMessage(),
                    "args": None,
                }
            )
        )


@contextmanager
def _kept() -> Iterator[list[logging.LogRecord]]:
    """Keep every record that reaches the root or the ``mkdocs`` logger instead of handling it."""
    keep = _Keep()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [list(logger.handlers) for logger in loggers]
    for logger in loggers:
        logger.handlers = [keep]
    try:
        yield keep.records
    finally:
        for logger, handlers in zip(loggers, saved, strict=True):
            logger.handlers = handlers


def _replay(records: Sequence[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


# --- the steps of one page, as in mkdocs.commands.build._populate_page ----------------------------


def _step(page: Page, config: MkDocsConfig, work) -> None:
    from mkdocs.exceptions import BuildError

    config._current_page = page
    try:
        work()
    except Exception as exc:
        message = f"Error reading page '{page.file.src_uri}':"
        if not isinstance(exc, BuildError):
            message += f" {exc}"
        logging.getLogger("mkdocs.commands.build").error(message)
        raise
    finally:
        config._current_page = None


def _read(page: Page, config: MkDocsConfig, files) -> None:
    def work() -> None:
        page_ = config.plugins.on_pre_page(page, config=config, files=files)
        page_.read_source(config)
        page_.markdown = config.plugins.on_page_markdown(page_.markdown, page=page_, config=config, files=files)

    _step(page, config, work)


def _render(page: Page, config: MkDocsConfig, files) -> None:
    def work() -> None:
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    _step(page, config, work)


# --- the workers ----------------------------------------------------------------------------------


@dataclass
class _State:
    """What the workers inherit by forking: the build as it stands when they start."""

    config: Any
    files: Any
    pages: list
    nav: Any = None
    env: Any = None
    doc_files: Any = None
    search: list = field(default_factory=list)


_STATE: _State | None = None


def _render_chunk(indexes: list[int]) -> list[tuple]:
    """Convert pages in a worker: per page (records, rendered state or None after an error)."""
    state = _STATE
    assert state is not None
    out = []
    for index in indexes:
        page = state.pages[index]
        with _kept() as records:
            try:
                _render(page, state.config, state.files)
            except Exception:
                out.append((records, None))
                return out
        links = page.links_to_anchors
        rendered = {
            "content": page.content,
            "toc": page.toc,
            "title": page._title_from_render,
            "anchors": page.present_anchor_ids,
            "links": None if links is None else {f.src_uri: v for f, v in links.items()},
        }
        out.append((records, rendered))
    return out


def _build_chunk(indexes: list[int]) -> list[tuple]:
    """Render and write pages in a worker: per page (records, new search entries or None after an error)."""
    from mkdocs.commands.build import _build_page

    state = _STATE
    assert state is not None
    out = []
    for index in indexes:
        page = state.pages[index]
        before = [len(index_.entries) for index_ in state.search]
        with _kept() as records:
            try:
                _build_page(page, state.config, state.doc_files, state.nav, state.env)
            except Exception:
                out.append((records, None))
                return out
        out.append((records, [index_.entries[n:] for index_, n in zip(state.search, before, strict=True)]))
        for index_, n in zip(state.search, before, strict=True):
            del index_.entries[n:]
    return out


def _chunks(count: int) -> list[list[int]]:
    return [list(range(start, min(start + _CHUNK, count))) for start in range(0, count, _CHUNK)]


def _in_workers(function, count: int, workers: int) -> Iterator[tuple[int, tuple]]:
    """(page index, result) of *function* over all pages, in page order; stops after the first error."""
    context = multiprocessing.get_context("fork")
    # The workers inherit every object of the build (catalog, pages, converted HTML). Frozen, the
    # garbage collector of a worker never walks them (nor copies their memory by touching them).
    gc.freeze()
    try:
        with context.Pool(workers) as pool:
            for chunk, results in zip(_chunks(count), pool.imap(function, _chunks(count)), strict=False):
                for index, result in zip(chunk, results, strict=False):
                    yield index, result
                    if result[1] is None:
                        return
    finally:
        gc.unfreeze()  # this process collects them again as before


# --- the build ------------------------------------------------------------------------------------


def _search_indexes(config: MkDocsConfig) -> list:
    return [plugin.search_index for plugin in config.plugins.values() if hasattr(plugin, "search_index")]


def build(config: MkDocsConfig, workers: int, before_copy: Callable[[], None] | None = None) -> None:
    """Build the site of *config* like ``mkdocs.commands.build.build`` (full, not dirty), with *workers*.

    *before_copy* is called after the pages are converted, before the other files of docs/ are copied
    (a download still being made can be written into docs/ then).
    """
    global _STATE
    from mkdocs import utils
    from mkdocs.commands import build as mkbuild
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    log = logging.getLogger("mkdocs.commands.build")
    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        pages = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            pages.append(file.page)
        _populate(config, files, pages, workers)

        env = config.plugins.on_env(env, config=config, files=files)
        if before_copy is not None:
            before_copy()
        files.copy_static_files(dirty=False, inclusion=inclusion)
        for template in config.theme.static_templates:
            mkbuild._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkbuild._build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        _STATE = _State(config, files, [f.page for f in doc_files], nav, env, doc_files, _search_indexes(config))
        try:
            for index, (records, entries) in _in_workers(_build_chunk, len(_STATE.pages), workers):
                _replay(records)
                if entries is None:  # the same error again, here
                    mkbuild._build_page(_STATE.pages[index], config, doc_files, nav, env)
                    raise RuntimeError(f"{_STATE.pages[index].file.src_uri}: rendering failed in a worker, not here")
                for index_, new in zip(_STATE.search, entries, strict=True):
                    index_.entries.extend(new)
        finally:
            _STATE = None

        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from e
        raise
    finally:
        logger.removeHandler(warning_counter)


def _populate(config: MkDocsConfig, files, pages: list, workers: int) -> None:
    """Read every page here and convert them in the workers; log as a build in one process would."""
    global _STATE
    read_records = []
    failed = None
    for index, page in enumerate(pages):
        with _kept() as records:
            try:
                _read(page, config, files)
            except Exception as exc:
                failed = (index, exc)
        read_records.append(records)
        if failed:
            break
    count = failed[0] if failed else len(pages)
    _STATE = _State(config, files, pages[:count])
    try:
        for index, (records, rendered) in _in_workers(_render_chunk, count, workers) if count else ():
            _replay(read_records[index])
            _replay(records)
            page = pages[index]
            if rendered is None:  # the same error again, here
                _render(page, config, files)
                raise RuntimeError(f"{page.file.src_uri}: converting failed in a worker, not here")
            page.content = rendered["content"]
            page.toc = rendered["toc"]
            page._title_from_render = rendered["title"]
            page.present_anchor_ids = rendered["anchors"]
            if rendered["links"] is not None:
                page.links_to_anchors = {files.src_uris[uri]: v for uri, v in rendered["links"].items()}
    finally:
        _STATE = None
    if failed:
        _replay(read_records[failed[0]])
        raise failed[1]
