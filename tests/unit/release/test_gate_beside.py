"""`GateBeside` without the other process: with `--jobs 1`, or when the process cannot be made,
the build's own process validates the written package, with the same error."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from pipeline.release.gate_beside import GateBeside
from pipeline.validate.gate import PackageInvalidError

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


def package_with_a_wrong_size(folder: Path) -> Path:
    """One table of two rows, its descriptor giving one byte too many."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "t.csv").write_text("id\n1\n2\n")
    resource = {"name": "t", "type": "table", "path": "data/t.csv", "format": "csv", "bytes": 8}
    resource["schema"] = {"fields": [{"name": "id", "type": "integer"}]}
    (folder / "datapackage.json").write_text(json.dumps({"$schema": PROFILE, "resources": [resource]}))
    return folder


def refused(*args: object, **kwargs: object) -> str:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("jobs", [1, 2])
def test_without_the_other_process_this_one_validates_the_package(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    with GateBeside(jobs) as gate:
        gate.start({})
        with pytest.raises(PackageInvalidError) as caught:
            gate.check(package_with_a_wrong_size(tmp_path / "package"))
    assert str(caught.value) == (
        f"{tmp_path / 'package' / 'datapackage.json'}: the package breaks its own schema (1 errors: t: byte-count: "
        'The data source does not match the expected byte count: expected is "8" and actual is "7"); '
        "the last good package was left in place; report this as a bug"
    )
