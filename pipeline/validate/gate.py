"""Validate stage: a written package is checked before it is published.

Frictionless validates the package as a reader would load it: types, required
values, unique and primary keys, foreign keys between tables, byte counts and
sha256 hashes. Any error stops the build; the package is then not swapped in.

The data tables can be validated before the package is written (`table_errors`, on
the same bytes and resource descriptors, in a folder of their own), beside the checks;
`rest_errors` then validates the written package's descriptor and every resource that
is not, byte for byte and descriptor for descriptor, one already validated.
"""

from __future__ import annotations

import filecmp
import json
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError

_MAX_SHOWN = 5


class PackageInvalidError(PipelineError):
    """The package would break its own schema: a bug in the pipeline or a bad seed."""

    exit_code = 70


def frictionless_errors(folder: Path) -> list[str]:
    """One line per error frictionless finds in the package at `folder`."""
    return rest_errors(folder, {}, folder)


def table_errors(descriptor: dict[str, Any], folder: Path) -> list[str]:
    """One line per error frictionless finds in the resources of the package `descriptor` (some
    of a package's resources, under its `$schema`), their files in `folder`: each validated as
    `Package.validate` does, its own descriptor included. The package's descriptor is left to
    `rest_errors`, which validates the published one whole."""
    from frictionless import Package, Report, system

    with system.use_context(trusted=False):
        package = Package(descriptor, basepath=str(folder))
        return _lines(Report.from_validation_reports(time=0, reports=[each.validate() for each in package.resources]))


def rest_errors(folder: Path, validated: dict[str, Any], validated_folder: Path) -> list[str]:
    """One line per error frictionless finds in the package at `folder`: its descriptor, and
    each resource unless `validated` (a package descriptor `table_errors` found no error in,
    its files in `validated_folder`) holds it under the same `$schema`, equal, and its file
    is byte-identical there. What `Package.validate` does, less the resources validated."""
    from frictionless import FrictionlessException, Package, Report, system

    with system.use_context(trusted=False):
        try:
            package = Package(str(folder / "datapackage.json"))
            package.to_descriptor(validate=True)
        except FrictionlessException as exception:
            return _lines(Report.from_validation(errors=exception.to_errors()))
        published = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))  # valid, as loaded
        done = [_validated(entry, published, validated, folder, validated_folder) for entry in published["resources"]]
        reports = [resource.validate() for resource, skip in zip(package.resources, done, strict=True) if not skip]
        return _lines(Report.from_validation_reports(time=0, reports=reports))


def _validated(
    resource: dict[str, Any], published: dict[str, Any], validated: dict[str, Any], folder: Path, validated_folder: Path
) -> bool:
    """Whether `resource` of the `published` descriptor was validated already, as it is published."""
    path = resource.get("path")
    return (
        published.get("$schema") == validated.get("$schema")
        and resource in validated.get("resources", [])
        and isinstance(path, str)
        and (validated_folder / path).is_file()
        and filecmp.cmp(folder / path, validated_folder / path, shallow=False)
    )


def _lines(report: Any) -> list[str]:
    lines = []
    for task in report.tasks:
        for error in task.errors:
            where = f"row {error.row_number}" if getattr(error, "row_number", None) else ""
            lines.append(f"{task.name}: {where} {error.type}: {error.message}".replace("  ", " "))
    lines += [f"package: {error.type}: {error.message}" for error in report.errors]
    return lines


def check_package(folder: Path) -> None:
    """Raise when frictionless finds any error in the written package."""
    raise_for(folder, frictionless_errors(folder))


def raise_for(folder: Path, errors: list[str]) -> None:
    """PackageInvalidError for the package at `folder` when `errors` (lines) are any."""
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
