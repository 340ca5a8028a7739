"""Swapping a new package in: a kill at any step leaves one whole package, old or new, and
the next run tidies up. Each step is interrupted in-process, so every case really happens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import outputs
from pipeline.outputs import restore_interrupted_swap, swap_into_place


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs, no `except Exception` catches it."""


def folder_with(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "datapackage.json").write_text(text, encoding="utf-8")
    return path


# The swap's steps in order: remove a stale previous, rename out away, rename staging in, remove previous.
STEPS = ["rmtree stale .previous", "rename out -> .previous", "rename staging -> out", "rmtree .previous"]


@pytest.mark.parametrize(("step", "survivor"), [(0, "old"), (1, "old"), (2, "old"), (3, "new")])
def test_a_kill_at_each_step_of_the_swap_leaves_one_whole_package(tmp_path, monkeypatch, step, survivor):
    out = folder_with(tmp_path / "datapackage", "old")
    staging = folder_with(tmp_path / ".datapackage.building-x1", "new")
    done: list[str] = []

    def dies_at_step(real):
        def run(*args, **kwargs):
            if len(done) == step:
                raise Killed
            done.append(STEPS[len(done)])
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(Path, "rename", dies_at_step(Path.rename))
    monkeypatch.setattr(outputs.shutil, "rmtree", dies_at_step(shutil.rmtree))
    with pytest.raises(Killed):
        swap_into_place(staging, out)
    monkeypatch.undo()
    assert done == STEPS[:step]

    restore_interrupted_swap(out)  # what the next run does first
    assert (out / "datapackage.json").read_text(encoding="utf-8") == survivor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage"]


def test_restore_puts_back_the_previous_package_when_out_is_missing(tmp_path):
    previous = folder_with(tmp_path / ".datapackage.previous", "old")
    folder_with(tmp_path / ".datapackage.building-abc", "half")
    restore_interrupted_swap(tmp_path / "datapackage")
    assert not previous.exists()
    assert (tmp_path / "datapackage" / "datapackage.json").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage"]


def test_restore_leaves_other_folders_alone(tmp_path):
    folder_with(tmp_path / "datapackage", "current")
    folder_with(tmp_path / ".other.building-abc", "someone else's")
    folder_with(tmp_path / "datapackage.building-abc", "no leading dot: not ours")
    restore_interrupted_swap(tmp_path / "datapackage")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.building-abc",
        "datapackage",
        "datapackage.building-abc",
    ]
