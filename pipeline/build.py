"""The whole pipeline, as the recipe OWID's steps follow: load, process, save."""

from __future__ import annotations

import shutil
from pathlib import Path

VERSION = "1.0.0"


def build(seeds: Path, out: Path) -> Path:
    """Build the package from `seeds` into `out`; `out` changes only if all went well."""
    from pipeline.clean.stage import as_frame, clean
    from pipeline.extract.stage import extract
    from pipeline.package import package
    from pipeline.sources import load_sources
    from pipeline.validate import check_package

    # Load
    sources = load_sources(seeds)
    # Process
    tables = clean(extract(sources))
    tables["quality_findings"] = as_frame("quality_findings", [])
    # Save (validated in a temporary folder, then swapped in)
    return package(tables, out, VERSION, check_package)


def trial_package(seeds: Path, out: Path) -> Path:
    """Build and validate a package in `out` (replaced), without touching datapackage/."""
    if out.exists():
        shutil.rmtree(out)
    return build(seeds, out)
