"""Several files written at once (a package's seed documents): each whole, all or none."""

import errno

import pytest

import pipeline.files
from pipeline.errors import OutputError
from pipeline.files import write_files


def _contents(folders, count):
    return [(folders[i % len(folders)] / f"f{i:02}", f"new {i}\n".encode()) for i in range(count)]


def _listing(folder):
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir())


def test_twenty_files_are_each_written_whole_with_no_temporary_left(tmp_path):
    write_files(_contents([tmp_path], 20))
    assert _listing(tmp_path) == [(f"f{i:02}", f"new {i}\n".encode()) for i in range(20)]


def test_one_failing_file_leaves_every_file_as_it_was_and_names_the_first_failure(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    contents = _contents([a, b], 20)  # f00, f02, ... in a; f01, f03, ... in b
    for path, _ in contents:
        path.write_bytes(b"old\n")
    written = pipeline.files._written_temporary

    def full_disk_for(path, data):
        if path.name in ("f05", "f12"):  # b's f05 comes before a's f12
            raise OSError(errno.ENOSPC, "No space left on device")
        return written(path, data)

    monkeypatch.setattr(pipeline.files, "_written_temporary", full_disk_for)
    with pytest.raises(OutputError) as raised:
        write_files(contents)
    assert str(raised.value).startswith(f"{b}: cannot write here (No space left on device)")
    for folder in (a, b):
        assert _listing(folder) == [(path.name, b"old\n") for path, _ in contents if path.parent == folder]
