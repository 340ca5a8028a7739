"""Write the database and its Datasette metadata where nothing of the user's can be lost.

`--out` (a file) is written only when it is absent or a database this command wrote,
recognised by its header (`PRAGMA application_id`, never by its name); the metadata file
beside it (NAME.metadata.json) only when absent or one we wrote (its `generated_by` key).
Both are built in a marked holder folder made exclusively beside them (pipeline/outputs.py),
under the lock of pipeline/locks.py, and renamed into place only when whole: a killed run, a
full disk or a read-only folder (exit 73) leaves the old files as they were; the database
keeps the permissions of the one it replaces.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from pipeline.files import cannot_write, file_mode, read_regular, write_file
from pipeline.outputs import LOCK_WAIT, OutputError, check_targets, holder_for, locked
from pipeline.sql.database import APPLICATION_ID, METADATA_TABLES, build_database, read_descriptor, table_from
from pipeline.sql.datasette import FORMER_GENERATED_BY, GENERATED_BY, codebook_html, datasette_metadata

SQLITE_MAGIC = b"SQLite format 3\x00"
CODEBOOK_BYTES = 4 * 1024 * 1024  # a codebook is tens of KB


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
    with locked(out, wait), holder_for(out) as holder:
        database_staging, metadata_staging = holder / out.name, holder / metadata.name
        _build(package, database_staging, out)
        descriptor = read_descriptor(package)
        tables = [*(table_from(resource) for resource in descriptor["resources"]), *METADATA_TABLES]
        shown = datasette_metadata(descriptor, out.stem, tables, attributions(database_staging), codebook(package))
        write_file(metadata_staging, json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
        check_ours(out, database_owned, "a SQLite database this command wrote")
        check_ours(metadata, metadata_owned, "Datasette metadata this command wrote")
        try:
            metadata_staging.chmod(file_mode(metadata))
            os.replace(metadata_staging, metadata)
            os.replace(database_staging, out)
        except OSError as error:
            raise cannot_write(out.parent, error) from None
    return [out, metadata]


def codebook(package: Path) -> str:
    """The package's codebook as HTML (empty for a package without one, or one that is not a
    regular UTF-8 file of at most CODEBOOK_BYTES)."""
    try:
        data = read_regular(package / "CODEBOOK.md", CODEBOOK_BYTES)
        return codebook_html(data.decode("utf-8")) if len(data) <= CODEBOOK_BYTES else ""
    except (OSError, UnicodeDecodeError):
        return ""


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


def _build(package: Path, staging: Path, out: Path) -> None:
    """The database of `package` in the file `staging`, on disk, with the permissions of `out`;
    OutputError (exit 73) when the disk is full or the folder cannot be written."""
    try:
        build_database(package, staging)
        with staging.open("rb+") as file:
            os.fsync(file.fileno())
        staging.chmod(file_mode(out))
    except sqlite3.OperationalError as error:
        if not getattr(error, "sqlite_errorname", "").startswith(_CANNOT_WRITE):  # SQLITE_IOERR_WRITE, ...
            raise
        raise OutputError(
            str(out.parent), "", f"cannot write here (SQLite: {error})", "free some space or choose another --out"
        ) from None
    except OSError as error:
        raise cannot_write(out.parent, error) from None


_CANNOT_WRITE = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""
