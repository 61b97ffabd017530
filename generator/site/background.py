"""A download made on the second core while this process makes the pages (and MkDocs converts them).

The spreadsheet of a large catalog (``catalogus.xlsx``, via openpyxl) takes about as long as making
all pages; neither needs the other. :func:`start` forks a process that makes the bytes while the
caller goes on, and :meth:`Pending.result` waits for them (the site build only just before MkDocs
copies the downloads, see :func:`generator.site.build.write_late`). A small catalog, a machine with one core or
a platform without ``fork`` makes them right away in this process: the bytes are the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import Any

from generator.site.parallel import worker_count

MIN_REQUIREMENTS = 2000  # below this forking costs about what it saves


class Pending:
    """The bytes of one download, made now or in a forked process.

    The forked process is a plain :class:`multiprocessing.Process` with a pipe, not a pool: a pool
    runs threads in this process, and the site build forks its MkDocs workers while the spreadsheet
    may still be under way (a fork should copy no thread that could hold a lock).
    """

    def __init__(self, make: Callable[..., bytes], *args: Any, fork: bool) -> None:
        self._process = None
        self._connection = None
        self._value: bytes | None = None
        if fork:
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            self._process = context.Process(target=_make, args=(sending, make, args), daemon=True)
            gc.freeze()  # the forked process's garbage collector leaves the inherited objects alone
            try:
                self._process.start()
            finally:
                gc.unfreeze()
            sending.close()
            self._connection = receiving
        else:
            self._value = make(*args)

    def result(self) -> bytes:
        """The bytes (an error in the forked process is raised here, as if made here)."""
        if self._value is None:
            assert self._process is not None and self._connection is not None
            try:
                failed, value = self._connection.recv()
            except EOFError:
                raise RuntimeError("the process making a download stopped without a result") from None
            finally:
                self._connection.close()
                self._process.join()
                self._process = self._connection = None
            if failed:
                raise value
            self._value = value
        return self._value

    def close(self) -> None:
        """Stop the forked process if its bytes are no longer wanted (after an error)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = self._connection = None


def _make(connection, make: Callable[..., bytes], args: tuple) -> None:
    """In the forked process: make the bytes and send them (or the error) back."""
    try:
        outcome = (False, make(*args))
    except Exception as exc:  # sent back and raised in the waiting process, as a pool would
        outcome = (True, exc)
    connection.send(outcome)
    connection.close()


def start(make: Callable[..., bytes], *args: Any, size: int, fork: bool = True) -> Pending:
    """Make ``make(*args)``, in a forked process if *fork* and *size* (requirements) make that worth it.

    Pass ``fork=False`` from a process that runs other threads (the development server).
    """
    fork = (
        fork and size >= MIN_REQUIREMENTS and worker_count() > 1 and "fork" in multiprocessing.get_all_start_methods()
    )
    return Pending(make, *args, fork=fork)
