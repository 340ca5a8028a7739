"""Swapping a new package in: a kill at any step leaves one whole package, old or new, and
the next run tidies up what it made, and only that. Each step is interrupted in-process, so
every case really happens."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline import outputs
from pipeline.outputs import MARKER, restore_interrupted_swap, staging_for, swap_into_place


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs, no `except Exception` catches it."""


def folder_with(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "datapackage.json").write_text(text, encoding="utf-8")
    return path


# The swap's steps in order: rename out into the holder, rename staging in, remove the holder.
STEPS = ["rename out -> holder/old", "rename staging -> out", "rmtree holder"]


@pytest.mark.parametrize(("step", "survivor"), [(0, "old"), (1, "old"), (2, "new")])
def test_a_kill_at_each_step_of_the_swap_leaves_one_whole_package(tmp_path, monkeypatch, step, survivor):
    out = folder_with(tmp_path / "datapackage", "old")
    with pytest.raises(Killed), staging_for(out) as staging:
        (staging / "datapackage.json").write_text("new", encoding="utf-8")
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
        try:
            swap_into_place(staging, out)
        finally:
            monkeypatch.undo()  # the kill stops everything: staging_for's own clean-up must not run either
            monkeypatch.setattr(outputs.shutil, "rmtree", lambda *args, **kwargs: None)
    monkeypatch.undo()
    assert done == STEPS[:step]

    restore_interrupted_swap(out)  # what the next run does first
    assert (out / "datapackage.json").read_text(encoding="utf-8") == survivor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datapackage"]


def test_a_users_folders_named_like_the_pipelines_are_never_touched(tmp_path):
    """`.OUT.previous`, `.OUT.building-x`: names the swap used to trust. Only a folder carrying
    the marker the pipeline wrote is repaired or removed."""
    out = tmp_path / "datapackage"
    previous = folder_with(tmp_path / ".datapackage.previous", "mine")
    building = folder_with(tmp_path / ".datapackage.building-x", "mine too")
    (building / "old").mkdir()  # even shaped like an interrupted swap
    (building / MARKER).write_text("not the pipeline's marker\n", encoding="utf-8")
    restore_interrupted_swap(out)
    assert not out.exists()
    with staging_for(out) as staging:
        (staging / "datapackage.json").write_text("new", encoding="utf-8")
        swap_into_place(staging, out)
    assert (out / "datapackage.json").read_text(encoding="utf-8") == "new"
    assert (previous / "datapackage.json").read_text(encoding="utf-8") == "mine"
    assert (building / "datapackage.json").read_text(encoding="utf-8") == "mine too"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".datapackage.building-x",
        ".datapackage.previous",
        "datapackage",
    ]


def test_a_link_named_like_a_holder_is_not_followed(tmp_path):
    elsewhere = folder_with(tmp_path / "elsewhere", "precious")
    (elsewhere / "old").mkdir()
    outputs.mark(elsewhere, outputs.STAGING)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".datapackage.building-abc").symlink_to(elsewhere)
    restore_interrupted_swap(tmp_path / "out" / "datapackage")
    assert (elsewhere / "datapackage.json").read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "out" / "datapackage").exists()


def test_the_new_folder_keeps_the_permissions_of_the_one_it_replaces(tmp_path):
    out = tmp_path / "private"
    out.mkdir(mode=0o700)
    out.chmod(0o700)
    with staging_for(out) as staging:
        swap_into_place(staging, out)
    assert out.stat().st_mode & 0o7777 == 0o700
    fresh = tmp_path / "fresh"
    with staging_for(fresh) as staging:
        swap_into_place(staging, fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert fresh.stat().st_mode & 0o7777 == 0o777 & ~mask  # as mkdir would make it
