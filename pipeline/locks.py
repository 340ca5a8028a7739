"""One run at a time per output (or seed folder): a lock file beside it, `.NAME.lock`.

The lock is keyed by the real path (every link followed), so a run through a link to a folder
and a run naming the folder itself take the same lock. It is held with `fcntl.flock` for the
whole run, and the kernel releases it when the holder dies, so a killed run never blocks the
next one. The holder removes the file before releasing it; a run that was waiting on a file
removed that way sees so (its inode is gone from the folder) and takes a new one, so there is
never a second holder and no lock file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import OutputBusyError, OutputError
from pipeline.files import cannot_write

LOCK_WAIT = 300.0  # seconds a run waits for another run writing the same output
_POLL = 0.1


def lock_path(out: Path) -> Path:
    """Where the lock of `out` is: `.NAME.lock` beside the real path of `out`."""
    real = Path(os.path.realpath(out))
    return real.parent / f".{real.name}.lock"


@contextlib.contextmanager
def locked(out: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of `out` for the duration; wait up to `wait` seconds for another holder."""
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(path.parent, error) from None
    deadline = time.monotonic() + wait
    descriptor = _acquire(path, out, wait, deadline)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            if _is_current(descriptor, path):
                path.unlink()  # still held: whoever opens the name next makes a new file
        os.close(descriptor)  # closing releases the lock


def _acquire(path: Path, out: Path, wait: float, deadline: float) -> int:
    """A descriptor of the lock file at `path`, locked; the file still has that name."""
    while True:
        descriptor = _open(path)
        try:
            taken = _wait_for(descriptor, deadline)
            if taken and _is_current(descriptor, path):
                if not os.pread(descriptor, 64, 0).strip().isdigit() and os.fstat(descriptor).st_size:
                    raise _not_a_lock(path)  # a file of the user's that happens to have the lock's name
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(descriptor)
        if not taken:  # a file its holder removed is not waited for: the next loop opens the new one
            raise OutputBusyError(
                str(out),
                "",
                f"another run (process {holder}) is writing it; waited {wait:g} s",
                "let it finish and run again",
            )


def _open(path: Path) -> int:
    """The lock file, opened (made when missing) without following a link and without truncating."""
    try:  # never through a link: a lock file linked to a user's file would be truncated
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as error:
        if path.is_symlink() or error.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO):
            raise _not_a_lock(path) from None
        raise cannot_write(path.parent, error) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _not_a_lock(path)
    return descriptor


def _wait_for(descriptor: int, deadline: float) -> bool:
    """Whether the lock of `descriptor` was taken before `deadline`."""
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)


def _is_current(descriptor: int, path: Path) -> bool:
    """Whether `path` still names the file open as `descriptor` (its holder may have removed it)."""
    try:
        return os.path.samestat(os.fstat(descriptor), os.lstat(path))
    except OSError:
        return False


def _not_a_lock(path: Path) -> OutputError:
    return OutputError(
        str(path),
        "",
        "is not a lock file this pipeline wrote (a link, a folder, a pipe, or a file with other content); "
        "nothing was changed",
        "rename or remove it, or write the output elsewhere",
    )
