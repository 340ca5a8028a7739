"""Output folders: the pipeline never deletes, moves or overwrites what is not its own.

Each case runs the command line as a user would and checks the exit status, the one line on
stderr, and that every file the user had is still there, byte for byte, with nothing added.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import SEEDS, ForkedRun, pipeline_cli, small_seeds, snapshot

REFUSED = 73
BUSY = 75


def pipeline(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return pipeline_cli(*args, cwd=cwd)


def user_folder(path: Path) -> Path:
    """A folder of the user's own: a note, a sub-folder with a CSV, a hidden file."""
    (path / "sub").mkdir(parents=True)
    (path / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (path / "sub" / "mine.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (path / ".hidden").write_bytes(b"\x00\x01")
    return path


def everything(folder: Path) -> dict[str, str]:
    """Every entry below `folder`, files by hash and folders by name: to see nothing was added."""
    tree = snapshot(folder)
    tree.update({p.relative_to(folder).as_posix(): "dir" for p in folder.rglob("*") if p.is_dir()})
    return tree


def assert_refused(result: subprocess.CompletedProcess[str], pattern: str, status: int = REFUSED) -> None:
    assert result.returncode == status, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert re.fullmatch(pattern, result.stderr.strip()), result.stderr


@pytest.mark.parametrize("command", ["build", "validate", "clean", "extract"])
def test_a_users_folder_is_refused_and_left_whole(tmp_path, command):
    mine = user_folder(tmp_path / "mine")
    before = everything(tmp_path)
    extra = ["--reports", tmp_path / "reports"] if command in ("build", "validate") else []
    result = pipeline(command, "--out", mine, *extra)
    assert_refused(
        result,
        rf"error: {re.escape(str(mine))}: --out: holds '\.hidden', which is not part of .* this pipeline wrote; "
        r"nothing was changed; give --out a new or empty folder, or one holding only .*",
    )
    assert everything(tmp_path) == before  # no reports, no lock, no staging folder: refused before any work


def test_out_dot_is_refused_in_a_working_directory_with_files(tmp_path):
    mine = user_folder(tmp_path / "work")
    before = everything(mine)
    result = pipeline("build", "--seeds", SEEDS, "--out", ".", "--reports", tmp_path / "reports", cwd=mine)
    assert_refused(result, rf"error: {re.escape(str(mine))}: --out: holds '\.hidden', .*")
    assert everything(mine) == before


@pytest.mark.parametrize("out", ["seeds", "seeds/package", "."])  # equal, inside, around
def test_out_overlapping_the_seeds_is_refused(tmp_path, out):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    before = everything(tmp_path)
    result = pipeline("build", "--seeds", seeds, "--out", tmp_path / out, "--reports", tmp_path / "r")
    assert_refused(result, r"error: .*: --out \S+ overlaps --seeds \S+: writing one would replace the other; .*")
    assert everything(tmp_path) == before


def test_validate_never_empties_the_seed_folder(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    before = everything(seeds)
    result = pipeline("validate", "--seeds", seeds, "--out", seeds, "--reports", tmp_path / "reports")
    assert_refused(result, r"error: .*/seeds: --out \S+ overlaps --seeds \S+: .*")
    assert everything(seeds) == before


def test_reports_inside_the_package_are_refused(tmp_path):
    result = pipeline("build", "--out", tmp_path / "pkg", "--reports", tmp_path / "pkg" / "reports")
    assert_refused(result, r"error: .*/pkg/reports: --reports \S+ overlaps --out \S+: .*")
    assert list(tmp_path.iterdir()) == []


def test_out_that_is_a_file_is_neither_moved_nor_replaced(tmp_path):
    target = tmp_path / "results.csv"
    target.write_text("precious\n", encoding="utf-8")
    result = pipeline("clean", "--out", target)
    assert_refused(result, rf"error: {re.escape(str(target))}: --out: is not a folder; it was left as it is; .*")
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]
    assert target.read_text(encoding="utf-8") == "precious\n"


def test_a_package_with_a_users_file_added_is_refused(built, tmp_path):
    package = tmp_path / "datapackage"
    shutil.copytree(built, package)
    (package / "data" / "my_analysis.csv").write_text("x\n", encoding="utf-8")
    before = everything(tmp_path)
    result = pipeline("build", "--out", package, "--reports", tmp_path / "r")
    assert_refused(result, r"error: .*: --out: holds 'data/my_analysis\.csv', which is not part of a data package .*")
    assert everything(tmp_path) == before


def test_someone_elses_data_package_is_refused(built, tmp_path):
    package = tmp_path / "their_package"
    shutil.copytree(built, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["pipeline"]["name"] = "another-tool"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    before = everything(tmp_path)
    result = pipeline("build", "--out", package, "--reports", tmp_path / "r")
    assert_refused(result, r"error: .*: --out: holds 'datapackage\.json', which is not part of a data package .*")
    assert everything(tmp_path) == before


def test_a_users_reports_folder_is_refused(tmp_path):
    mine = user_folder(tmp_path / "mine")
    before = everything(tmp_path)
    result = pipeline("build", "--out", tmp_path / "pkg", "--reports", mine)
    assert_refused(result, r"error: .*/mine: --reports: holds '\.hidden', which is not part of a quality report .*")
    assert everything(tmp_path) == before


def test_a_stages_own_output_is_replaced_whole(tmp_path):
    out, seeds = tmp_path / "clean", small_seeds(tmp_path / "seeds")
    first = pipeline("clean", "--seeds", seeds, "--out", out)
    assert first.returncode == 0, first.stderr
    tables = sorted(p.name for p in out.iterdir())
    assert ".pipeline-output" in tables  # the marker that makes the folder ours
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # a file of the user's in it: not ours any more
    assert_refused(pipeline("clean", "--seeds", seeds, "--out", out), r"error: .*: --out: holds 'notes\.txt', .*")
    (out / "notes.txt").unlink()
    (out / "events.csv").write_text("stale\n", encoding="utf-8")  # a table of ours, whatever it holds: replaced
    again = pipeline("clean", "--seeds", seeds, "--out", out)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == tables
    assert (out / "events.csv").read_text(encoding="utf-8").startswith("event_id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "seeds"]  # no lock file, no staging folder left


def test_a_read_only_parent_is_one_clear_line(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere a permission bit forbids; sysfs refuses even root
        parent = Path("/sys")
        if not parent.is_dir():
            pytest.skip("no /sys to stand for a read-only folder")
    else:
        parent = tmp_path / "read-only"
        parent.mkdir()
        parent.chmod(0o555)
    result = pipeline("clean", "--out", parent / "out")
    assert_refused(
        result,
        rf"error: {re.escape(str(parent))}: cannot write here \((Permission denied|Operation not permitted)\); "
        r"choose an output folder you can write to",
    )


def hold_lock(out: Path) -> int:
    """Take the lock a run of the pipeline takes on `out`, as another run would."""
    descriptor = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.write(descriptor, b"4242\n")
    return descriptor


def test_a_second_run_gives_up_on_a_busy_output_with_one_line(tmp_path):
    out = tmp_path / "clean"
    descriptor = hold_lock(out)
    try:
        result = pipeline("clean", "--out", out, "--wait", "0.3")
    finally:
        os.close(descriptor)
    assert_refused(
        result,
        rf"error: {re.escape(str(out))}: another run \(process 4242\) is writing it; waited 0\.3 s; "
        r"let it finish and run again",
        BUSY,
    )
    assert not out.exists()


@pytest.mark.slow
def test_a_second_run_waits_for_the_first_then_goes_on(tmp_path):
    out = tmp_path / "clean"
    descriptor = hold_lock(out)
    seeds = small_seeds(tmp_path / "seeds")
    waiting = ForkedRun("clean", "--seeds", seeds, "--out", out, "--wait", "120", close=(descriptor,))
    try:
        assert waiting.running_after(1.5)  # clean of these seeds alone takes a tenth of that: it waits for the lock
        assert not out.exists()
    finally:
        os.close(descriptor)
    result = waiting.result()
    assert result.returncode == 0, result.stderr
    assert (out / "diplomatic_relations.csv").is_file()


def test_a_lock_left_by_a_killed_run_does_not_block(tmp_path):
    out = tmp_path / "clean"
    (tmp_path / ".clean.lock").write_text("999999\n", encoding="utf-8")  # its holder is gone: no flock on it
    result = pipeline("clean", "--seeds", small_seeds(tmp_path / "seeds"), "--out", out, "--wait", "0")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_two_builds_at_once_lose_no_release(tmp_path):
    from tests.helpers.articles import article

    france, ghana = ("1", "France", "{{dts|20 August 1960}}"), ("2", "Ghana", "{{dts|14 October 1960}}")
    first = tmp_path / "first"
    first.mkdir()
    (first / "article.wikitext").write_text(article([france, ghana]), encoding="utf-8")
    package = tmp_path / "datapackage"
    assert pipeline("build", "--seeds", first, "--out", package, "--reports", tmp_path / "r", "--jobs", "1").returncode == 0
    edits = {
        "added": [france, ghana, ("3", "Togo", "{{dts|14 October 1960}}")],  # a minor release
        "edited": [france, ("2", "Ghana", "{{dts|15 October 1960}}")],  # a patch
    }
    runs = []
    for name, rows in edits.items():
        seeds = tmp_path / name / "seeds"
        seeds.mkdir(parents=True)
        (seeds / "article.wikitext").write_text(article(rows), encoding="utf-8")
        runs.append(ForkedRun("build", "--seeds", seeds, "--out", package, "--reports", tmp_path / name / "reports"))
    results = [run.result() for run in runs]
    assert [result.returncode for result in results] == [0, 0], results
    versions = sorted(re.match(r"built: \S+ version (\S+);", result.stdout).group(1) for result in results)
    # Whichever came second built on the first's release: two entries, none lost.
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert [line for line in changelog.splitlines() if line.startswith("## ")] == [
        f"## {versions[1]} (1970-01-01)",  # no manifest: no date is known but the epoch's
        f"## {versions[0]} (1970-01-01)",
        "## 1.0.0 (1970-01-01)",
    ]
    assert json.loads((package / "datapackage.json").read_text())["version"] == versions[1]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no lock file left


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_users_file_named_like_the_lock_is_never_truncated(tmp_path, kind):
    precious = tmp_path / "precious.txt"
    precious.write_text("my thesis\n", encoding="utf-8")
    lock = tmp_path / ".clean.lock"
    if kind == "link":
        lock.symlink_to(precious)
    else:
        lock.write_text("my notes, not a pid\n", encoding="utf-8")
    result = pipeline("clean", "--out", tmp_path / "clean")
    assert_refused(
        result,
        rf"error: {re.escape(str(lock))}: is not a lock file this pipeline wrote \(.*\); nothing was changed; .*",
    )
    assert precious.read_text(encoding="utf-8") == "my thesis\n"
    if kind == "file":
        assert lock.read_text(encoding="utf-8") == "my notes, not a pid\n"
    assert not (tmp_path / "clean").exists()


def test_a_last_release_without_a_version_is_one_line_and_left_alone(built, tmp_path):
    package = tmp_path / "datapackage"
    shutil.copytree(built, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "banana"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    before = everything(package)
    seeds = small_seeds(tmp_path / "seeds")
    result = pipeline("build", "--seeds", seeds, "--out", package, "--reports", tmp_path / "r")
    assert_refused(
        result,
        rf"error: {re.escape(str(package / 'datapackage.json'))}: version: 'banana' is not a semantic version "
        r"MAJOR\.MINOR\.PATCH; restore the package from git .*",
        65,
    )
    assert everything(package) == before


def test_a_build_waits_for_another_run_writing_the_same_reports(tmp_path):
    """Two builds into two packages may share one reports folder: the second waits (here it
    gives up after 0.3 s) instead of writing quality reports and Data Docs over the first's."""
    out, reports = tmp_path / "datapackage", tmp_path / "reports"
    descriptor = hold_lock(reports)
    try:
        result = pipeline("build", "--seeds", SEEDS, "--out", out, "--reports", reports, "--wait", "0.3")
    finally:
        os.close(descriptor)
    assert_refused(
        result,
        rf"error: {re.escape(str(reports))}: another run \(process 4242\) is writing it; waited 0\.3 s; "
        r"let it finish and run again",
        BUSY,
    )
    assert not out.exists()
    assert sorted(path.name for path in reports.iterdir()) == [".pipeline-output"]  # nothing written but its marker
