"""Write output files atomically: a temporary file beside the target, then one rename.

An interrupted or failed run leaves the previous file as it was and never a partial one; a failure to
write (disk full, no permission) is reported in Dutch as an :class:`InputError` (exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from generator.diagnostics import InputError, Problem


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it onto *target* only if the block succeeds."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(Problem(str(target), None, None, f"map '{directory}' bestaat niet; maak hem eerst aan"))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(_unwritable(target, exc)) from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:  # disk full, no permission, target is a folder...: the previous file stays
        raise InputError(_unwritable(target, exc)) from None
    finally:
        if temp.exists():
            temp.unlink()


_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EISDIR: "dit is een map",
}


def _unwritable(target: Path, exc: OSError) -> Problem:
    reason = _REASONS.get(exc.errno, exc.strerror or str(exc))
    return Problem(
        str(target), None, None, f"kan het bestand niet schrijven ({reason}); een bestaand bestand blijft ongewijzigd"
    )


def write_bytes(target: Path | str, data: bytes) -> None:
    """Atomically replace *target* with *data*."""
    with atomic_path(target) as temp:
        temp.write_bytes(data)


def write_text(target: Path | str, text: str) -> None:
    """Atomically replace *target* with UTF-8 *text* (newlines as given)."""
    write_bytes(target, text.encode("utf-8"))


def write_with(target: Path | str, writer: Callable[[BinaryIO], None]) -> None:
    """Atomically replace *target* with whatever *writer* writes to a binary file object."""
    with atomic_path(target) as temp, open(temp, "wb") as handle:
        writer(handle)


def emit(data: bytes, target: Path | str | None) -> None:
    """Write *data* to *target*, or to standard output when *target* is None or ``-``."""
    if target is None or str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_bytes(target, data)
