"""Write output files safely: never over an input, never half, never replacing what is not a file.

- A target that is one of the running command's inputs (:mod:`generator.inputs`; the same path, a
  link to it or another name of the same file) is refused before anything is written, so that
  ``opvang kpi c.csv -o c.csv`` cannot replace the user's data with the report.
- A regular file is written atomically: a temporary file beside it, then one rename. An interrupted
  or failed run leaves the previous file as it was and never a partial one.
- A symbolic link to a file stays a link: the file it points to is replaced atomically.
- What is not a regular file (a device such as ``/dev/stdout`` or ``/dev/null``, a FIFO) is written
  straight through instead of being replaced by a regular file.
- A failure to write (disk full, no permission, a closed standard output) is reported in Dutch as an
  :class:`InputError` (exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from generator.diagnostics import InputError, Problem
from generator.inputs import is_input

# Paths below these folders are devices and kernel files (/dev/stdout, /proc/self/fd/1): never renamed onto.
_SPECIAL_ROOTS = ("/dev/", "/proc/")


def refuse_input_target(target: Path | str) -> None:
    """Raise :class:`InputError` when *target* is an input of the running command."""
    if is_input(target):
        raise InputError(
            Problem(
                str(target),
                None,
                None,
                "dit is ook een invoerbestand van deze opdracht; kies een ander uitvoerbestand, "
                "anders zou het rapport uw gegevens vervangen",
            )
        )


def _writes_through(target: Path) -> bool:
    """Whether *target* exists and is not a regular file (device, FIFO): write into it, do not replace it."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        raise InputError(_unwritable(target, OSError(errno.EISDIR, "is a directory")))
    return not stat.S_ISREG(mode) or os.path.abspath(target).startswith(_SPECIAL_ROOTS)


def _real_target(target: Path) -> Path:
    """The file a symbolic link points to (the link is kept), or *target* itself."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside *target*; rename it onto *target* only if the block succeeds.

    Only for regular files (or new ones); :func:`write_with` also handles devices and FIFOs.
    """
    target = Path(target)
    refuse_input_target(target)
    real = _real_target(target)
    directory = real.parent if str(real.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(Problem(str(target), None, None, f"map '{directory}' bestaat niet; maak hem eerst aan"))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(_unwritable(target, exc)) from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, real)
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
    errno.EBADF: "het uitvoerkanaal is gesloten",
    errno.EPIPE: "het uitvoerkanaal is gesloten",
}


def reason(exc: OSError) -> str:
    """Why writing failed, in Dutch."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _unwritable(target: Path, exc: OSError) -> Problem:
    return Problem(
        str(target),
        None,
        None,
        f"kan het bestand niet schrijven ({reason(exc)}); een bestaand bestand blijft ongewijzigd",
    )


def write_with(target: Path | str, writer: Callable[[BinaryIO], None]) -> None:
    """Write whatever *writer* writes to a binary file object to *target* (see the module docstring)."""
    target = Path(target)
    refuse_input_target(target)
    if _writes_through(target):
        try:
            with open(target, "wb") as handle:
                writer(handle)
        except OSError as exc:
            raise InputError(
                Problem(str(target), None, None, f"kan niet naar dit apparaat schrijven ({reason(exc)})")
            ) from None
        return
    with atomic_path(target) as temp, open(temp, "wb") as handle:
        writer(handle)


def write_bytes(target: Path | str, data: bytes) -> None:
    """Replace *target* with *data* (atomically for a regular file)."""
    target = Path(target)
    refuse_input_target(target)
    if _writes_through(target):
        write_with(target, lambda handle: handle.write(data))
        return
    with atomic_path(target) as temp:
        temp.write_bytes(data)


def write_text(target: Path | str, text: str) -> None:
    """Replace *target* with UTF-8 *text* (newlines as given)."""
    write_bytes(target, text.encode("utf-8"))


def move_into(source: Path, target: Path) -> None:
    """Move the finished file *source* onto *target* in one rename (a link at *target* stays a link)."""
    refuse_input_target(target)
    try:
        os.replace(source, _real_target(target))
    except OSError as exc:
        raise InputError(_unwritable(target, exc)) from None


def write_folder(folder: Path | str, writer: Callable[[Path], list[Path]]) -> list[Path]:
    """Let *writer* write a set of files into a temporary folder, then move them into *folder* together.

    A failing *writer* leaves *folder* as it was (no half-written set). A *folder* that does not exist
    yet is created by renaming the finished temporary folder; in an existing one each file is moved
    in with one rename (:func:`move_into`). Returns the paths of the files in *folder*.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(Problem(str(folder), None, None, "dit is een bestand, geen map; geef een map op"))
    new = not folder.exists()
    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent if new else folder))
    except OSError as exc:
        raise InputError(_unwritable(folder, exc)) from None
    try:
        try:
            written = writer(staging)
        except InputError as exc:  # name the file in the folder asked for, not in the temporary one
            raise InputError(
                [replace(p, file=p.file.replace(str(staging), str(folder))) for p in exc.problems]
            ) from None
        if new:
            try:
                os.chmod(staging, 0o755)  # mkdtemp makes it private; the folder is an ordinary one
                os.replace(staging, folder)
            except OSError as exc:
                raise InputError(_unwritable(folder, exc)) from None
            return [folder / path.name for path in written]
        for path in written:
            move_into(path, folder / path.name)
        return [folder / path.name for path in written]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def emit(data: bytes, target: Path | str | None) -> None:
    """Write *data* to *target*, or to standard output when *target* is None or ``-``."""
    if target is None or str(target) == "-":
        write_stdout(data)
    else:
        write_bytes(target, data)


def write_stdout(data: bytes) -> None:
    """Write *data* to standard output; a closed or full output is an :class:`InputError`, a closed pipe is not."""
    stream = sys.stdout
    try:
        if stream is None:  # started with standard output closed (opvang export >&-)
            raise OSError(errno.EBADF, "closed")
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError:
        silence_stdout()
        raise
    except (OSError, ValueError) as exc:
        silence_stdout()
        why = reason(exc) if isinstance(exc, OSError) else "het uitvoerkanaal is gesloten"
        message = f"kan niet naar de standaarduitvoer schrijven ({why}); geef een bestand op met -o"
        raise InputError(Problem("-", None, None, message)) from None


def silence_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
