"""Validate stage: a written package is checked before it is published.

Frictionless validates the package as a reader would load it: types, required
values, unique and primary keys, foreign keys between tables, byte counts and
sha256 hashes. Any error stops the build; the package is then not swapped in.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PipelineError

_MAX_SHOWN = 5


class PackageInvalidError(PipelineError):
    """The package would break its own schema: a bug in the pipeline or a bad seed."""

    exit_code = 70


def frictionless_errors(folder: Path) -> list[str]:
    """One line per error frictionless finds in the package at `folder`."""
    from frictionless import Package, system

    with system.use_context(trusted=False):
        package = Package(str(folder / "datapackage.json"))
        report = package.validate()
    lines = []
    for task in report.tasks:
        for error in task.errors:
            where = f"row {error.row_number}" if getattr(error, "row_number", None) else ""
            lines.append(f"{task.name}: {where} {error.type}: {error.message}".replace("  ", " "))
    lines += [f"package: {error.type}: {error.message}" for error in report.errors]
    return lines


def check_package(folder: Path) -> None:
    """Raise when frictionless finds any error in the written package."""
    errors = frictionless_errors(folder)
    if errors:
        shown = "; ".join(errors[:_MAX_SHOWN]) + (
            f"; and {len(errors) - _MAX_SHOWN} more" if len(errors) > _MAX_SHOWN else ""
        )
        raise PackageInvalidError(
            str(folder / "datapackage.json"),
            "",
            f"the package breaks its own schema ({len(errors)} errors: {shown})",
            "the last good package was left in place; report this as a bug",
        )
