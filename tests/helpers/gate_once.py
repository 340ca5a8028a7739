"""The frictionless gate run once per package content in a test run: many builds in the tests
write the same bytes (the seeds' package, copied and built again), and frictionless takes about
a second to validate the seeds' package. tests/conftest.py puts these in place of
`pipeline.validate.gate`'s `table_errors` and `rest_errors` for every test not marked `gate` or
`expectations` (those run the gate afresh): a package is validated for real the first time any
test process of the run sees its descriptor and bytes, and a package found valid then is valid
again with the same descriptor and bytes. Errors are never reused: a package with an error is
validated afresh each time, so every error a test sees comes from frictionless itself."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pipeline.validate import gate

_VALID: set[str] = set()  # digests of what frictionless found no error in, in this process
_SHARED: list[Path] = []  # the folder the test processes of this run share them through
_REAL = {"table_errors": gate.table_errors, "rest_errors": gate.rest_errors}


def _files(descriptor: dict[str, Any], folder: Path, digest: Any) -> None:
    """Each resource's path and the bytes of its file in `folder` (or that there is none)."""
    for resource in descriptor.get("resources", []) if isinstance(descriptor, dict) else []:
        path = resource.get("path") if isinstance(resource, dict) else None
        digest.update(repr(path).encode())
        file = folder / path if isinstance(path, str) else None
        if file is not None and file.is_file():
            digest.update(hashlib.sha256(file.read_bytes()).digest())
        else:
            digest.update(b"no file")


def _published(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / "datapackage.json").read_bytes())
    except (OSError, ValueError):
        return {}


def table_digest(descriptor: dict[str, Any], folder: Path) -> str:
    """What `table_errors(descriptor, folder)` reads: the descriptor and its resources' files."""
    digest = hashlib.sha256(b"table_errors\0" + json.dumps(descriptor, sort_keys=True).encode())
    _files(descriptor, folder, digest)
    return digest.hexdigest()


def rest_digest(folder: Path, validated: dict[str, Any], validated_folder: Path) -> str:
    """What `rest_errors(folder, validated, validated_folder)` reads: the published descriptor's
    bytes and its resources' files, the descriptor validated early and its files."""
    digest = hashlib.sha256(b"rest_errors\0")
    try:
        digest.update((folder / "datapackage.json").read_bytes())
    except OSError:
        digest.update(b"no descriptor")
    _files(_published(folder), folder, digest)
    digest.update(b"\0validated\0" + json.dumps(validated, sort_keys=True).encode())
    _files(validated, validated_folder, digest)
    return digest.hexdigest()


def _known_valid(key: str) -> bool:
    if key not in _VALID and _SHARED and (_SHARED[0] / f"gate-{key}").exists():
        _VALID.add(key)
    return key in _VALID


def _remember_valid(key: str) -> None:
    import os

    _VALID.add(key)
    if _SHARED:
        partial = _SHARED[0] / f"gate-{key}.{os.getpid()}"
        partial.write_bytes(b"")
        partial.replace(_SHARED[0] / f"gate-{key}")


def _once(name: str, digest: Callable[..., str]) -> Callable[..., list[str]]:
    def validate(*args: Any) -> list[str]:
        key = digest(*args)
        if _known_valid(key):
            return []
        errors = _REAL[name](*args)
        if errors == []:
            _remember_valid(key)
        return errors

    validate.__name__ = name
    return validate


table_errors_once = _once("table_errors", table_digest)
rest_errors_once = _once("rest_errors", rest_digest)


def share_valid_through(folder: Path) -> None:
    """The folder the test processes of this run tell each other the valid packages through."""
    _SHARED[:] = [folder]


def patch_gate(patch: pytest.MonkeyPatch) -> None:
    """The gate's validations, once per content, where the build looks them up."""
    patch.setattr("pipeline.validate.gate.rest_errors", rest_errors_once)  # check_package's, through frictionless_errors
    patch.setattr("pipeline.release.gate_beside.rest_errors", rest_errors_once)
    patch.setattr("pipeline.release.gate_beside.table_errors", table_errors_once)


@contextmanager
def gate_reused() -> Iterator[None]:
    """`patch_gate` for a session or module fixture (set up before tests/conftest.py's autouse one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch_gate(patch)
        yield
