"""Output folders: the pipeline writes only where nothing of the user's can be lost.

A folder the user names with `--out` or `--reports` is written to only when it is absent,
empty, or provably ours: a package this pipeline wrote (recognised by its descriptor's
`pipeline.name`), or a stage's output or a quality report carrying the marker file the
pipeline wrote into it (`.pipeline-output`), never by a folder's or a file's name or shape.
Anything else is refused before any work is done, and nothing is moved. Output folders may
not overlap the seed folder or each other. One process at a time writes an output (the lock
of `pipeline/locks.py`, keyed by the output's real path).

A new output is built in a staging folder beside it, inside a holder folder made
exclusively with a unique name (`.NAME.building-XXXX`) and marked as ours; the swap moves
the old output into the holder, the new one into place, and removes the holder. Only holders
carrying the marker are ever repaired or removed: a folder of the user's named like one is
left alone. The new output keeps the permissions of the folder it replaces.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline import FORMER_TOOL_NAMES, TOOL_NAME
from pipeline.errors import EXIT_BUSY, EXIT_CANNOT_WRITE, OutputBusyError, OutputError, PipelineError
from pipeline.files import cannot_write, folder_mode, read_regular, write_file
from pipeline.locks import LOCK_WAIT, locked

__all__ = ["EXIT_BUSY", "EXIT_CANNOT_WRITE", "LOCK_WAIT", "OutputBusyError", "OutputError", "PipelineError"]
__all__ += ["cannot_write", "locked"]
MARKER = ".pipeline-output"  # the file that proves a folder (a stage's output, a report, a staging holder) ours
STAGING = "staging"  # the marker's `contents` in a holder folder of a swap
REPORT = "a quality report"  # the marker's `contents` in --reports, and the words of a refusal
REPORT_FILES = ("quality.md", "quality.json", "quality.svg", "quality.html")  # what a --reports folder holds
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
    entries = sorted(p.name for p in folder.iterdir())
    if not entries:
        return None
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        resources = [str(resource["path"]) for resource in descriptor["resources"] + descriptor.get("figures", [])]
        ours = descriptor["pipeline"]["name"] in (TOOL_NAME, *FORMER_TOOL_NAMES)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "datapackage.json" if "datapackage.json" in entries else entries[0]
    if not ours:
        return "datapackage.json"
    expected = {"datapackage.json", "README.md", "CODEBOOK.md", "CHANGELOG.md", *resources}
    return _first_foreign(folder, expected)


def clean_owned(folder: Path) -> str | None:
    """None when `folder` is empty, or carries our marker for cleaned tables and holds only
    the tables' CSV files."""
    from pipeline.schema import BY_NAME

    return _marked_holding(folder, "cleaned tables", lambda path: path.suffix == ".csv" and path.stem in BY_NAME)


def extract_owned(folder: Path) -> str | None:
    """None when `folder` is empty, or carries our marker for raw records and holds only JSON files."""
    return _marked_holding(folder, "raw records", lambda path: path.suffix == ".json")


def reports_owned(folder: Path) -> str | None:
    """None when `folder` is empty, or carries our marker for a quality report and holds only its files."""
    if not any(folder.iterdir()):
        return None
    if not is_marked(folder, REPORT):
        return _unmarked(folder)
    # Data Docs, and a killed build's marked staging folder for them (Data Docs are built whole, then swapped in)
    trusted = frozenset({"data_docs", *_staging_holders(folder / "data_docs")})
    return _first_foreign(folder, {*REPORT_FILES, MARKER}, trusted)


def _staging_holders(out: Path) -> set[str]:
    """The names of the marked staging folders beside `out` (a killed run's, removed by the next)."""
    found = (p for p in out.parent.glob(f".{out.name}.building-*") if p.is_dir() and not p.is_symlink())
    return {p.name for p in found if is_marked(p, STAGING)}


def mark(folder: Path, contents: str) -> None:
    """Write the marker that proves `folder` ours, saying what it holds."""
    write_file(folder / MARKER, json.dumps({"generator": TOOL_NAME, "contents": contents}) + "\n")


def is_marked(folder: Path, contents: str) -> bool:
    """Whether `folder` carries our marker (a regular file, not a link) for `contents`."""
    marker = folder / MARKER
    try:
        written = None if marker.is_symlink() else json.loads(read_regular(marker, 4096))
    except (OSError, ValueError):
        return False
    return written == {"generator": TOOL_NAME, "contents": contents}


def write_folder(
    seeds: Path, out: Path, write: Callable[[Path], list[Path]], owned: Owned, what: str, wait: float = LOCK_WAIT
) -> list[Path]:
    """Check `out`, then under its lock let `write` fill a staging folder, mark it as `what`,
    and swap it in; the paths written, as they are in `out`."""
    out = out.resolve()
    check_targets(seeds, {"--out": out})
    check_writable(out, "--out", owned, what)
    with locked(out, wait), staging_for(out) as staging:
        written = write(staging)
        mark(staging, what)
        replace(out, staging, owned, what)
    return [out / path.relative_to(staging) for path in written]


@contextlib.contextmanager
def staging_for(out: Path) -> Iterator[Path]:
    """A new, empty staging folder for `out` (the caller holds the lock), with the permissions
    of `out`, in a marked holder removed afterwards."""
    with holder_for(out) as holder:
        yield _new_folder(holder / "new", folder_mode(out))


@contextlib.contextmanager
def holder_for(out: Path) -> Iterator[Path]:
    """A new folder beside `out` (the caller holds the lock), made exclusively with a unique
    name and marked as ours; removed afterwards. First repairs what a killed run left: a kill
    at any moment leaves `out` whole, old or new."""
    restore_interrupted_swap(out)
    try:
        holder = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as error:
        raise cannot_write(out.parent, error) from None
    try:
        mark(holder, STAGING)
        yield holder
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def replace(out: Path, staging: Path, owned: Owned, what: str) -> None:
    """Swap `staging` in for `out`, checking once more that `out` is still ours."""
    check_writable(out, "--out", owned, what)
    try:
        swap_into_place(staging, out)
    except OSError as error:
        raise cannot_write(out.parent, error) from None


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with `staging` (in its marked holder): `out` into the holder, `staging` into
    place, the holder removed; a crash between the two renames is repaired next run."""
    holder = staging.parent
    if out.exists() or out.is_symlink():
        out.rename(holder / "old")
    staging.rename(out)
    shutil.rmtree(holder, ignore_errors=True)


def restore_interrupted_swap(out: Path) -> None:
    """Put back the old output if a run died between the two renames, and remove the holders
    killed runs left behind: only folders carrying our marker, never one merely named like them."""
    if not out.parent.is_dir():
        return
    for holder in sorted(out.parent.glob(f".{out.name}.building-*")):
        if holder.is_symlink() or not holder.is_dir() or not is_marked(holder, STAGING):
            continue
        if (holder / "old").is_dir() and not (out.exists() or out.is_symlink()):
            (holder / "old").rename(out)
        shutil.rmtree(holder, ignore_errors=True)


def _new_folder(folder: Path, mode: int) -> Path:
    try:
        folder.mkdir()
        folder.chmod(mode)
    except OSError as error:
        raise cannot_write(folder.parent, error) from None
    return folder


def make_folder(folder: Path) -> None:
    """Create `folder` (and its parents) or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(folder, error) from None


def _marked_holding(folder: Path, contents: str, allowed: Callable[[Path], bool]) -> str | None:
    """None when `folder` is empty, or carries our marker for `contents` and every other entry
    is a regular file `allowed` admits; else the first entry that is not."""
    if not any(folder.iterdir()):
        return None
    if not is_marked(folder, contents):
        return _unmarked(folder)
    for path in sorted(folder.iterdir()):
        if path.name != MARKER and (path.is_symlink() or not path.is_file() or not allowed(path)):
            return path.name
    return None


def _unmarked(folder: Path) -> str:
    """What a refusal names in a folder without our marker: its first entry (the marker if it is there)."""
    names = sorted(path.name for path in folder.iterdir())
    return MARKER if MARKER in names else names[0]


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
