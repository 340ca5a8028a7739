"""Reading and writing files without trusting what is already at a path.

Every file the pipeline writes goes through `write_file` (or `file_writer` for a file written
in parts): its bytes go to a temporary name created exclusively in the same folder (never
opened over a file, folder or link already there), are flushed to disk, and the temporary
file is then renamed over the target. A failure at any moment (a full disk, a file-size
limit, a kill) leaves the previous file whole and no temporary file behind; the error is one
line, exit 73. A file replaced keeps its permissions.

Every seed file is read through `read_regular`: opened without blocking and refused unless
it is a regular file, so a named pipe, a socket or a device never hangs a run.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import IO

from pipeline.errors import InputError, OutputError

_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device"}
_KINDS |= {stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder", stat.S_IFLNK: "a link"}


class NotRegularFile(OSError):
    """A path that is there but is not a regular file (its `strerror` says what it is)."""


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, in words: "a named pipe (FIFO)", "a folder", ..."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a link to one is followed). NotRegularFile,
    before anything is read, for a FIFO, socket, device or folder: opening does not block."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, f"is {kind_of(mode)}, not a regular file", str(path))
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read() if limit is None else file.read(limit + 1)
    finally:
        os.close(descriptor)


REGULAR_FIX = "replace it with the document saved as an ordinary file"


def unreadable(error: OSError) -> str:
    """What is wrong with a file that cannot be read, in words."""
    if isinstance(error, NotRegularFile):
        return error.strerror
    return f"cannot be read ({error.strerror or error})"


def require_regular(path: Path) -> None:
    """InputError (exit 65) when `path` is there (a link followed) but is not a regular file:
    said before anything opens it, so a named pipe never hangs a run."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "", f"is {kind_of(mode)}, not a regular file", REGULAR_FIX)


def write_file(path: Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) whole to `path`: a new temporary file, then a rename."""
    write_files([(path, data.encode("utf-8") if isinstance(data, str) else data)])
    return path


@contextlib.contextmanager
def file_writer(path: Path, binary: bool = False) -> Iterator[IO]:
    """A file to write `path`'s new content into (text: UTF-8, `\\n` kept as is); renamed over
    `path` when the block ends without an error, removed when it does not."""
    folder = path.parent
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise cannot_write(folder, error) from None
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else _TEXT)) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, file_mode(path))
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise cannot_write(folder, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_TEXT = {"encoding": "utf-8", "newline": ""}


def file_mode(path: Path) -> int:
    """The permissions of the file `path` replaces (not of a link's target), else 0o666 less the umask."""
    try:
        current = os.lstat(path)
    except OSError:
        return 0o666 & ~current_umask()
    return stat.S_IMODE(current.st_mode) if stat.S_ISREG(current.st_mode) else 0o666 & ~current_umask()


def folder_mode(path: Path) -> int:
    """The permissions of the folder `path` a new folder replaces, else 0o777 less the umask."""
    try:
        current = os.lstat(path)
    except OSError:
        return 0o777 & ~current_umask()
    return stat.S_IMODE(current.st_mode) if stat.S_ISDIR(current.st_mode) else 0o777 & ~current_umask()


@functools.cache
def current_umask() -> int:
    """The process's umask (read once, by setting it and putting it back: there is no other way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def cannot_write(folder: Path, error: OSError) -> OutputError:
    """The one-line error (exit 73) for a folder the operating system will not let us write in:
    read-only, full, over a file-size limit, or not ours."""
    reason = error.strerror or str(error) or type(error).__name__
    return OutputError(str(folder), "", f"cannot write here ({reason})", "choose an output folder you can write to")


def write_files(contents: list[tuple[Path, bytes]]) -> None:
    """Write several files as `write_file` does, each whole, with every byte on disk before
    the first rename: a full disk or a write error leaves all of them as they were. The
    renames follow in the order given."""
    temporaries: list[Path] = []
    current = Path(".")
    try:
        if len(contents) > 1:
            temporaries = _written_temporaries(contents)
        else:
            for current, data in contents:
                temporaries.append(_written_temporary(current, data))
        for temporary, (current, _) in zip(temporaries, contents, strict=True):
            os.replace(temporary, current)
    except OSError as error:
        raise cannot_write(current.parent, error) from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


WRITERS = 8  # temporary files written at once


def _written_temporaries(contents: list[tuple[Path, bytes]]) -> list[Path]:
    """`_written_temporary` of each, in `WRITERS` threads: their fsyncs, which wait for the disk
    without holding the interpreter, wait together (a package's thousand seed documents took
    seconds one after another). All or none: when one fails (or this thread is interrupted),
    every temporary file made is removed, and the first error in `contents`' order is raised,
    one line for an OSError (exit 73)."""
    pool = ThreadPoolExecutor(min(WRITERS, len(contents)))
    futures = [pool.submit(_written_temporary, path, data) for path, data in contents]
    waited = False
    try:
        wait(futures)
        waited = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        made = [future.result() for future in futures if not future.cancelled() and future.exception() is None]
        ended = [(path, future) for future, (path, _) in zip(futures, contents, strict=True) if not future.cancelled()]
        failed = [(path, future.exception()) for path, future in ended if future.exception() is not None]
        if failed or not waited:
            for temporary in made:
                temporary.unlink(missing_ok=True)
    if failed:
        path, error = failed[0]
        if isinstance(error, OSError):
            raise cannot_write(path.parent, error) from None
        raise error
    return made


def _written_temporary(path: Path, data: bytes) -> Path:
    """A new temporary file beside `path` holding `data`, on disk, with the permissions of `path`."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, file_mode(path))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
