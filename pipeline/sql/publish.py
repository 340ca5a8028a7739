"""Write the database and its Datasette metadata where nothing of the user's can be lost.

`--out` (a file) is written only when it is absent or a database this command wrote,
recognised by its header (`PRAGMA application_id`, never by its name); the metadata file
beside it (NAME.metadata.json) only when absent or one we wrote (its `generated_by` key).
Both are built under temporary names in the same folder, under the lock of
pipeline/outputs.py, and renamed into place only when whole: a killed run leaves the old
files as they were.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.outputs import LOCK_WAIT, OutputError, cannot_write, check_targets, locked
from pipeline.sql.database import APPLICATION_ID, METADATA_TABLES, build_database, read_descriptor, table_from
from pipeline.sql.datasette import FORMER_GENERATED_BY, GENERATED_BY, datasette_metadata

SQLITE_MAGIC = b"SQLite format 3\x00"


def metadata_path(database: Path) -> Path:
    """Datasette's metadata file for `database`: beside it, NAME.metadata.json."""
    return database.with_name(f"{database.stem}.metadata.json")


def write_database(package: Path, out: Path, wait: float = LOCK_WAIT) -> list[Path]:
    """Build the database of `package` into `out` and its Datasette metadata beside it; the paths written."""
    out = out.absolute()
    metadata = metadata_path(out)
    check_targets(None, {"--package": package, "--out": out})
    check_ours(out, database_owned, "a SQLite database this command wrote")
    check_ours(metadata, metadata_owned, "Datasette metadata this command wrote")
    with locked(out, wait), staging_file(out) as database_staging, staging_file(metadata) as metadata_staging:
        build_database(package, database_staging)
        descriptor = read_descriptor(package)
        tables = [*(table_from(resource) for resource in descriptor["resources"]), *METADATA_TABLES]
        metadata_staging.write_text(
            json.dumps(
                datasette_metadata(descriptor, out.stem, tables, attributions(database_staging)),
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        check_ours(out, database_owned, "a SQLite database this command wrote")
        check_ours(metadata, metadata_owned, "Datasette metadata this command wrote")
        os.replace(metadata_staging, metadata)
        os.replace(database_staging, out)
    return [out, metadata]


def database_owned(path: Path) -> bool:
    """Whether `path` is a SQLite file whose header carries our application id."""
    header = _head(path, 100)
    return header[:16] == SQLITE_MAGIC and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def metadata_owned(path: Path) -> bool:
    """Whether `path` is a JSON object whose `generated_by` is ours."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(content, dict) and content.get("generated_by") in (GENERATED_BY, *FORMER_GENERATED_BY)


def check_ours(path: Path, owned: Callable[[Path], bool], what: str) -> None:
    """Refuse `path` unless it is absent or a regular file (not a link) `owned` recognises."""
    if not path.exists() and not path.is_symlink():
        return
    if path.is_symlink() or not path.is_file() or not owned(path):
        raise OutputError(
            str(path),
            "",
            f"is not {what}; it was left as it is",
            "move it away, or write the database elsewhere with --out",
        )


def attributions(database: Path) -> list[str]:
    """The sources' attribution lines, when the package has a `sources` table with them."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute('SELECT "attribution" FROM "sources" WHERE "attribution" IS NOT NULL ORDER BY rowid')
        return [row[0] for row in rows]
    except sqlite3.Error:
        return []
    finally:
        connection.close()


@contextlib.contextmanager
def staging_file(path: Path) -> Iterator[Path]:
    """A new empty file beside `path` (the caller holds the lock), removed afterwards unless renamed."""
    for leftover in path.parent.glob(f".{path.name}.building-*"):  # what killed runs left
        leftover.unlink(missing_ok=True)
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.building-", dir=path.parent)
    except OSError as error:
        raise cannot_write(path.parent, error) from None
    os.close(descriptor)
    staging = Path(name)
    staging.chmod(0o644)
    try:
        yield staging
    finally:
        staging.unlink(missing_ok=True)


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""
