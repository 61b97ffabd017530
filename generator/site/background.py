"""A download made on the second core while this process makes the pages.

The spreadsheet of a large catalog (``catalogus.xlsx``, via openpyxl) takes about as long as making
all pages; neither needs the other. :func:`start` forks a process that makes the bytes while the
caller goes on, and :meth:`Pending.result` waits for them. A small catalog, a machine with one core or
a platform without ``fork`` makes them right away in this process: the bytes are the same either way.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from generator.site.parallel import worker_count

MIN_REQUIREMENTS = 2000  # below this forking costs about what it saves


class Pending:
    """The bytes of one download, made now or in a forked process."""

    def __init__(self, make: Callable[..., bytes], *args: Any, fork: bool) -> None:
        self._pool = None
        self._async = None
        self._value: bytes | None = None
        if fork:
            self._pool = multiprocessing.get_context("fork").Pool(1)
            self._async = self._pool.apply_async(make, args)
        else:
            self._value = make(*args)

    def result(self) -> bytes:
        """The bytes (an error in the forked process is raised here, as if made here)."""
        if self._value is None:
            assert self._pool is not None and self._async is not None
            try:
                self._value = self._async.get()
            finally:
                self._pool.close()
                self._pool.join()
                self._pool = None
        return self._value

    def close(self) -> None:
        """Stop the forked process if its bytes are no longer wanted (after an error)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def start(make: Callable[..., bytes], *args: Any, size: int, fork: bool = True) -> Pending:
    """Make ``make(*args)``, in a forked process if *fork* and *size* (requirements) make that worth it.

    Pass ``fork=False`` from a process that runs other threads (the development server).
    """
    fork = (
        fork and size >= MIN_REQUIREMENTS and worker_count() > 1 and "fork" in multiprocessing.get_all_start_methods()
    )
    return Pending(make, *args, fork=fork)
