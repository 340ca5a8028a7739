"""Output folders: the pipeline writes only where nothing of the user's can be lost.

A folder the user names with `--out` or `--reports` is written to only when it is absent,
empty, or provably ours: a package this pipeline wrote (recognised by its descriptor and
its files, never by the folder's name), or the files a stage writes. Anything else is
refused before any work is done, and nothing is moved. Output folders may not overlap the
seed folder or each other. One process at a time writes an output: a lock file beside it
(`.NAME.lock`, `fcntl.flock`) is held for the whole run; the kernel releases it when the
holder dies, so a killed build never blocks the next one.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import PipelineError

EXIT_CANNOT_WRITE = 73  # the output cannot or may not be written there (sysexits EX_CANTCREAT)
EXIT_BUSY = 75  # another run holds the output's lock (EX_TEMPFAIL)
LOCK_WAIT = 300.0  # seconds a run waits for another run writing the same output
_POLL = 0.1


class OutputError(PipelineError):
    """An output path the pipeline must not, or cannot, write."""

    exit_code = EXIT_CANNOT_WRITE


class OutputBusyError(PipelineError):
    """Another run is writing the same output."""

    exit_code = EXIT_BUSY


Owned = Callable[[Path], str | None]  # a folder -> None when it is ours, else the first foreign entry


def check_targets(seeds: Path | None, outputs: dict[str, Path]) -> None:
    """Refuse outputs that overlap the seeds or each other (equal, or one inside the other)."""
    named = ([("--seeds", seeds)] if seeds is not None else []) + list(outputs.items())
    resolved = [(option, path.resolve()) for option, path in named]
    for number, (first, a) in enumerate(resolved):
        for second, b in resolved[number + 1 :]:
            if a == b or a.is_relative_to(b) or b.is_relative_to(a):
                raise OutputError(
                    str(dict(named)[second]),
                    "",
                    f"{second} {b} overlaps {first} {a}: writing one would replace the other",
                    f"give {second} a folder outside {first} (and not containing it)",
                )


def check_writable(out: Path, option: str, owned: Owned, what: str) -> None:
    """Refuse `out` unless it is absent, an empty folder, or a folder `owned` recognises."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise OutputError(
            str(out), option, "is not a folder; it was left as it is", f"give {option} a new or empty folder"
        )
    foreign = owned(out)
    if foreign is not None:
        raise OutputError(
            str(out),
            option,
            f"holds {foreign!r}, which is not part of {what} this pipeline wrote; nothing was changed",
            f"give {option} a new or empty folder, or one holding only {what}",
        )


def package_owned(folder: Path) -> str | None:
    """None when `folder` is empty or holds exactly a package this pipeline wrote."""
    from pipeline import FORMER_TOOL_NAMES
    from pipeline.package import GENERATOR

    entries = sorted(p.name for p in folder.iterdir())
    if not entries:
        return None
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        resources = [str(resource["path"]) for resource in descriptor["resources"] + descriptor.get("figures", [])]
        ours = descriptor["pipeline"]["name"] in (GENERATOR, *FORMER_TOOL_NAMES)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "datapackage.json" if "datapackage.json" in entries else entries[0]
    if not ours:
        return "datapackage.json"
    expected = {"datapackage.json", "README.md", "CHANGELOG.md", *resources}
    return _first_foreign(folder, expected)


def clean_owned(folder: Path) -> str | None:
    """None when `folder` holds only table CSVs a `clean` run wrote (their headers are the schema's)."""
    from pipeline.schema import BY_NAME

    for path in sorted(folder.iterdir()):
        table = BY_NAME.get(path.stem) if path.suffix == ".csv" else None
        if table is None or path.is_symlink() or not path.is_file() or _header(path) != table.field_names:
            return path.name
    return None


def extract_owned(folder: Path) -> str | None:
    """None when `folder` holds only raw-record JSON files an `extract` run wrote."""
    for path in sorted(folder.iterdir()):
        if path.suffix != ".json" or path.is_symlink() or not path.is_file() or not _is_raw_records(path):
            return path.name
    return None


def reports_owned(folder: Path) -> str | None:
    """None when `folder` holds only the quality report's files."""
    from pipeline.validate.report import REPORT_FILES

    return _first_foreign(folder, set(REPORT_FILES), frozenset({"data_docs"}))


@contextlib.contextmanager
def locked(out: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of `out` (a file beside it) for the duration; wait up to `wait` seconds."""
    lock_path = out.parent / f".{out.name}.lock"
    make_folder(out.parent)
    try:  # never through a link: a lock file linked to a user's file would be truncated
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        if lock_path.is_symlink():
            raise _not_a_lock(lock_path) from None
        raise cannot_write(out.parent, error) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _not_a_lock(lock_path)
        deadline = time.monotonic() + wait
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
                raise OutputBusyError(
                    str(out),
                    "",
                    f"another run (process {holder}) is writing it; waited {wait:g} s",
                    "let it finish and run again",
                )
            time.sleep(_POLL)
        if not os.pread(descriptor, 64, 0).strip().isdigit() and os.fstat(descriptor).st_size:
            raise _not_a_lock(lock_path)  # a file of the user's that happens to have the lock's name
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_folder(
    seeds: Path, out: Path, write: Callable[[Path], list[Path]], owned: Owned, what: str, wait: float = LOCK_WAIT
) -> list[Path]:
    """Check `out`, then under its lock let `write` fill a staging folder and swap it in;
    the paths written, as they are in `out`."""
    out = out.resolve()
    check_targets(seeds, {"--out": out})
    check_writable(out, "--out", owned, what)
    with locked(out, wait), staging_for(out) as staging:
        written = write(staging)
        replace(out, staging, owned, what)
    return [out / path.relative_to(staging) for path in written]


@contextlib.contextmanager
def staging_for(out: Path) -> Iterator[Path]:
    """A new, empty staging folder beside `out` (the caller holds the lock), removed afterwards.

    First repairs what a killed run left: a kill at any moment leaves `out` whole, old or new.
    """
    restore_interrupted_swap(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        staging.chmod(0o755)
    except OSError as error:
        raise cannot_write(out.parent, error) from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace(out: Path, staging: Path, owned: Owned, what: str) -> None:
    """Swap `staging` in for `out`, checking once more that `out` is still ours."""
    check_writable(out, "--out", owned, what)
    try:
        swap_into_place(staging, out)
    except OSError as error:
        raise cannot_write(out.parent, error) from None


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with `staging`: two renames; a crash between them is repaired next run."""
    old = out.with_name(f".{out.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def restore_interrupted_swap(out: Path) -> None:
    """Put back the previous folder if a run died between the two renames, and remove what
    killed runs left behind (only names this module makes, under the lock)."""
    old = out.with_name(f".{out.name}.previous")
    if old.exists() and not out.exists():
        old.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    if out.parent.is_dir():
        for leftover in out.parent.glob(f".{out.name}.building-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def make_folder(folder: Path) -> None:
    """Create `folder` (and its parents) or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(folder, error) from None


def cannot_write(folder: Path, error: OSError) -> OutputError:
    """The one-line error for a folder the operating system will not let us write in."""
    return OutputError(
        str(folder), "", f"cannot write here ({error.strerror or error})", "choose an output folder you can write to"
    )


def _not_a_lock(path: Path) -> OutputError:
    return OutputError(
        str(path),
        "",
        "is not a lock file this pipeline wrote (a link, a folder, or a file with other content); nothing was changed",
        "rename or remove it, or write the output elsewhere",
    )


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _first_foreign(folder: Path, expected: set[str], trusted: frozenset[str] = frozenset()) -> str | None:
    """The first entry below `folder` (sorted, relative path) that is neither an `expected`
    file nor inside a `trusted` folder, or that is a symlink; None when there is none. Only
    folders that lead to expected files are walked, so a user's large folder is not read."""
    pending = [folder]
    while pending:
        for path in sorted(pending.pop().iterdir()):
            name = path.relative_to(folder).as_posix()
            if path.is_symlink():
                return name
            if path.is_dir() and name in trusted:
                continue
            if path.is_dir() and any(e.startswith(f"{name}/") for e in expected):
                pending.append(path)
            elif name not in expected or not path.is_file():
                return name
    return None


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8", newline="") as file:
            return next(csv.reader(file), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _is_raw_records(path: Path) -> bool:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and {"source_id", "format", "tables", "references"} <= set(record)
