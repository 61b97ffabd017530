"""Open the files a user hands in: regular files only, within a size limit, and remembered.

Every reader reads its input through :func:`read_input` (or announces it with :func:`check_input`
when it streams the file itself). That gives three guarantees in one place:

- a path that is not a regular file (a folder, a FIFO, ``/dev/zero``, a terminal, a process
  substitution ``<(...)``) is refused with a Dutch message before anything is read, so that no
  command waits for a writer that never comes or reads an endless stream; the file is opened
  non-blocking and checked again on the open descriptor, so a path swapped for a FIFO meanwhile
  cannot make it hang either;
- a file larger than the reader's limit is refused on its size (``stat``) before it is read, and
  never more than the limit is read from a file that grows meanwhile;
- each input is registered, so that :mod:`generator.output` refuses to write a command's result
  over one of its own inputs (``opvang kpi c.csv -o c.csv``, ``opvang gap inv.yaml -o inv.yaml``).

The register lives as long as one command: the command line clears it when a command starts.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.diagnostics import InputError, Problem

MB = 1024 * 1024
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, where there are no FIFOs to hang on
_BINARY = getattr(os, "O_BINARY", 0)

_registered: dict[tuple[int, int], str] = {}  # (device, inode) -> absolute path, of every input read
_registered_paths: set[str] = set()


def forget_inputs() -> None:
    """Start a new command: no file counts as an input any more."""
    _registered.clear()
    _registered_paths.clear()


def register_input(path: Path | str, status: os.stat_result | None = None) -> None:
    """Remember *path* as an input of the running command (see :func:`is_input`)."""
    absolute = os.path.realpath(path)
    _registered_paths.add(absolute)
    if status is None:
        try:
            status = os.stat(path)
        except OSError:
            return
    _registered[(status.st_dev, status.st_ino)] = absolute


def is_input(path: Path | str) -> bool:
    """Whether *path* is (the same file as) an input the running command has read."""
    if os.path.realpath(path) in _registered_paths:
        return True
    try:
        status = os.stat(path)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) in _registered


def _size_text(limit: int) -> str:
    if limit % (1024 * MB) == 0:
        return f"{limit // (1024 * MB)} GB"
    return f"{limit // MB} MB" if limit % MB == 0 else f"{limit} bytes"


def _refuse_kind(mode: int, name: str, expected: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(Problem(name, None, None, f"dit is een map; geef {expected} op"))
    if not stat.S_ISREG(mode):
        raise InputError(
            Problem(
                name,
                None,
                None,
                "dit is geen gewoon bestand maar een apparaat, pipe of socket; sla de gegevens eerst op in een "
                "bestand en geef dat op",
            )
        )


def _refuse_size(size: int, limit: int, name: str, hint: str) -> None:
    if size > limit:
        raise InputError(Problem(name, 1, 1, f"bestand is groter dan {_size_text(limit)}; {hint}"))


def _unreadable(name: str, what: str, expected: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError(Problem(name, None, None, f"{what} niet gevonden; controleer het pad"))
    if exc.errno == errno.EISDIR:
        return InputError(Problem(name, None, None, f"dit is een map; geef {expected} op"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(Problem(name, None, None, "kan het bestand niet lezen (geen leesrechten)"))
    return InputError(Problem(name, None, None, f"kan het bestand niet lezen ({exc.strerror or exc})"))


def check_input(
    path: Path | str,
    display: str | None = None,
    *,
    limit: int,
    what: str = "bestand",
    expected: str = "een bestand",
    hint: str = "splits het op",
) -> os.stat_result:
    """Refuse *path* unless it is a regular file of at most *limit* bytes; register it as an input.

    *what* names the file in "… niet gevonden" ("personeelsbestand"); *expected* says what to give
    instead of a folder ("het personeelsbestand (CSV)"); *hint* what to do about a file that is too big.
    """
    name = display or str(path)
    try:
        status = os.stat(path)
    except OSError as exc:
        raise _unreadable(name, what, expected, exc) from None
    _refuse_kind(status.st_mode, name, expected)
    _refuse_size(status.st_size, limit, name, hint)
    register_input(path, status)
    return status


def read_input(
    path: Path | str,
    display: str | None = None,
    *,
    limit: int,
    what: str = "bestand",
    expected: str = "een bestand",
    hint: str = "splits het op",
) -> bytes:
    """The bytes of *path*, after the checks of :func:`check_input` (on the opened file itself)."""
    name = display or str(path)
    check_input(path, display, limit=limit, what=what, expected=expected, hint=hint)
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as exc:
        raise _unreadable(name, what, expected, exc) from None
    with open(descriptor, "rb", closefd=True) as handle:
        status = os.fstat(handle.fileno())
        _refuse_kind(status.st_mode, name, expected)
        _refuse_size(status.st_size, limit, name, hint)
        try:
            # Read what fstat announced (plus one byte, to notice growth) rather than limit + 1 bytes: a
            # buffer of the limit (20 MB for YAML) per file cost more than the parse of a small file.
            data = handle.read(min(limit, status.st_size) + 1)
            if len(data) > status.st_size:  # the file grew since fstat (or st_size is 0, as in /proc)
                data += handle.read(limit + 1 - len(data))
        except OSError as exc:
            raise _unreadable(name, what, expected, exc) from None
    _refuse_size(len(data), limit, name, hint)
    return data
